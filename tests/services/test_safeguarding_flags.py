"""Safeguarding across all material (issue 20): clips, parts of a clip and whole sessions flagged
sensitive or safeguarding, with the same effect in packs (real PDFs read back with pypdf),
programmes and community feedback; the selection rules in plain Python; and a participant's
own copy still showing them their own words."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from coprod_desktop.domain.board import Note, Theme
from coprod_desktop.domain.clips import Clip, FlaggedRange, removed_from
from coprod_desktop.domain.consent import ConsentHistory
from coprod_desktop.domain.errors import ValidationError
from coprod_desktop.domain.sessions import Session
from coprod_desktop.export import selection as why
from coprod_desktop.export.selection import select
from coprod_desktop.services.feedback import FeedbackOptions
from coprod_desktop.services.packs import PackOptions
from coprod_desktop.storage import audit_repo
from coprod_desktop.storage.errors import ConflictError
from tests.services.test_packs import AUDIENCE, person, text_of
from tests.services.test_radio import recorded, tone

DAY = dt.date(2026, 9, 12)
SAID = ("[0:00.0] OPEN-WORDS about the shops.\n"
        "[0:01.0] FLAGGED-WORDS about a neighbour's child.\n"
        "[0:02.0] CLOSING-WORDS about the buses.\n")  # fmt: skip


# the rules, in plain Python ----------------------------------------------------------------
def _session(sid, **flags):
    return Session(sid, sid, DAY, group_agreement=True, **flags)


def _clip(cid, session_id, **kw):
    return Clip(cid, cid, "rec", 3000, session_id, transcript="[0:00.0] words", **kw)


def _select(sessions, notes, clips, include_sensitive=False, attach_audio=False):
    return select(AUDIENCE, sessions, notes, clips, {"x": ConsentHistory("x")},
                  include_sensitive, attach_audio)  # fmt: skip


def test_flagged_clips_and_sessions_are_kept_out_by_the_rules():
    plain, guarded, private = _session("s1"), _session("s2", safeguarding=True), _session(
        "s3", sensitive=True)  # fmt: skip
    notes = [(Note("n1", "b", "a"), "s1"), (Note("n2", "b", "b"), "s2"),
             (Note("n3", "b", "c"), "s3"), (Note("n4", "b", "d", sensitive=True), "s2")]
    clips = [_clip("c1", "s1", safeguarding=True), _clip("c2", "s1", sensitive=True),
             _clip("c3", "s2", speakers=("x",)), _clip("c4", "s3", speakers=("x",))]
    left = _select([plain, guarded, private], notes, clips)
    assert [n.id for n in left.notes] == ["n1"] and left.quotes == ()
    assert left.excluded["note"] == {why.SESSION_SAFEGUARDING: 2, why.SESSION_SENSITIVE: 1}
    assert left.excluded["clip"] == {why.SAFEGUARDING: 1, why.SENSITIVE: 1,
                                     why.SESSION_SAFEGUARDING: 1, why.SESSION_SENSITIVE: 1}
    # choosing sensitive material lets the sensitive in, never the safeguarding
    chosen = _select([plain, guarded, private], notes, clips, include_sensitive=True)
    assert [n.id for n in chosen.notes] == ["n1", "n3"]
    assert chosen.excluded["note"] == {why.SESSION_SAFEGUARDING: 2}
    assert why.SAFEGUARDING in chosen.excluded["clip"]
    assert why.SESSION_SAFEGUARDING in chosen.excluded["clip"]
    assert why.SENSITIVE not in chosen.excluded["clip"]


def test_a_flagged_part_keeps_out_the_audio_that_plays_it():
    part = FlaggedRange("r", "c1", 500, 900, "safeguarding")
    whole = FlaggedRange("r", "c2", 0, 3000, "sensitive")
    clips = [replace(_clip("c1", "s1"), ranges=(part,)), replace(_clip("c2", "s1"),
                                                                  ranges=(whole,))]
    assert clips[0].audio_flag() == "safeguarding" and clips[1].audio_flag() == "sensitive"
    assert clips[0].audio_flag(include_sensitive=True) == "safeguarding"
    assert clips[1].audio_flag(include_sensitive=True) is None
    trimmed = replace(clips[0], edits=replace(clips[0].edits, trim_in_ms=1000))
    assert trimmed.audio_flag() is None  # the flagged part is cut away: nothing plays it


def test_the_words_said_in_a_flagged_part_are_removed():
    part = FlaggedRange("r", "c", 1200, 1500, "safeguarding")
    out = removed_from(SAID, [part])
    assert "FLAGGED-WORDS" not in out and "[0:01.0] [removed: safeguarding]\n" in out
    assert "OPEN-WORDS" in out and "CLOSING-WORDS" in out
    soft = FlaggedRange("r", "c", 1000, 1001, "sensitive")
    assert "[removed: sensitive]" in removed_from(SAID, [soft])
    assert removed_from(SAID, [soft], include_sensitive=True) == SAID
    assert removed_from("No timestamps at all", [soft]) == "[removed: sensitive]"
    labelled = "P-01: [0:01] hello\nP-02: [0:09] SECRET\nMORE-SECRET\nP-01: [0:12] bye"
    out = removed_from(labelled, [FlaggedRange("r", "c", 9500, 9600, "safeguarding")])
    assert out == "P-01: [0:01] hello\nP-02: [0:09] [removed: safeguarding]\nP-01: [0:12] bye"
    with pytest.raises(ValidationError):
        FlaggedRange("r", "c", 10, 5, "safeguarding").validated(3000)
    with pytest.raises(ValidationError):
        FlaggedRange("r", "c", 0, 5, "secret").validated(3000)


# a real project ----------------------------------------------------------------------------
@pytest.fixture
def flagged(project):
    """A plain session, a session flagged safeguarding and one marked sensitive; in the plain
    one a clip flagged safeguarding, a sensitive clip, and a clip with a flagged part."""
    aisha = person(project, "Aisha Rahman")
    sessions = {}
    for key, flags in (("plain", {}), ("guarded", {"safeguarding": True}),
                       ("private", {"sensitive": True})):  # fmt: skip
        draft = replace(project.sessions.draft(), title=f"Session {key}", date=DAY,
                        group_agreement=True, participant_ids=frozenset({aisha.id}), **flags)
        sessions[key] = project.sessions.save(draft)
    for key in ("plain", "guarded", "private"):
        board = project.boards.create_board(sessions[key].id, "Wall")
        theme = project.boards.save_theme(Theme(f"theme-{key}", board.id, f"Theme {key}"))
        project.boards.add_note(Note("", board.id, f"NOTE-FROM-{key.upper()}", author_id=aisha.id,
                                     theme_id=theme.id))  # fmt: skip
    radio, clips = project.radio, {}
    for key, session, words in (("guarded", "plain", "SG-CLIP-WORDS"),
                                ("sensitive", "plain", "SENSITIVE-CLIP-WORDS"),
                                ("parted", "plain", None),
                                ("in-guarded", "guarded", "GUARDED-SESSION-CLIP")):  # fmt: skip
        made = radio.add_recorded(recorded(project, [aisha], tone(3.0), sessions[session].id),
                                  f"Clip {key}")  # fmt: skip
        themes = (f"theme-{session}",)
        radio.save_clip(replace(made, transcript=SAID if words is None else f"[0:00.0] {words}",
                                themes=themes, safeguarding=key == "guarded",
                                sensitive=key == "sensitive"))  # fmt: skip
        clips[key] = made.id
    radio.flag_part(clips["parted"], 1000, 1900, "safeguarding", "names a child")
    return project, sessions, clips


def _build(project, tmp_path, name, **kw):
    options = PackOptions(AUDIENCE, **kw)
    project.anonymise.accept_all(project.packs.plan(options).findings)
    return project.packs.build(options, tmp_path / name)


def test_a_pack_never_carries_safeguarding_material(flagged, tmp_path):
    project, _sessions, _clips = flagged
    result = _build(project, tmp_path, "pack.pdf", attach_audio=True)
    text = text_of(result.path)
    for wanted in ("NOTE-FROM-PLAIN", "OPEN-WORDS", "CLOSING-WORDS", "[removed: safeguarding]"):
        assert wanted in text, wanted
    for never in ("SG-CLIP-WORDS", "FLAGGED-WORDS", "NOTE-FROM-GUARDED", "GUARDED-SESSION-CLIP",
                  "SENSITIVE-CLIP-WORDS", "NOTE-FROM-PRIVATE",
                  "Session guarded", "Session private"):  # not even named  # fmt: skip
        assert never not in text, never
    assert "Session plain" in text
    assert result.attachments == ()  # the only quotable clip has a safeguarding part
    assert result.excluded["audio"] == {why.PART_SAFEGUARDING: 1}
    assert result.excluded["clip"][why.SAFEGUARDING] == 1
    assert result.excluded["note"][why.SESSION_SAFEGUARDING] == 1


def test_sensitive_material_goes_only_in_a_pack_that_includes_it(flagged, tmp_path):
    project, _sessions, clips = flagged
    project.radio.flag_part(clips["sensitive"], 0, 500, "sensitive")
    result = _build(project, tmp_path, "sensitive.pdf", include_sensitive=True)
    text = text_of(result.path)
    for wanted in ("SENSITIVE-CLIP-WORDS", "NOTE-FROM-PRIVATE", "NOTE-FROM-PLAIN",
                   "Session private"):  # fmt: skip
        assert wanted in text, wanted
    assert "Session guarded" not in text
    for never in ("SG-CLIP-WORDS", "FLAGGED-WORDS", "NOTE-FROM-GUARDED", "GUARDED-SESSION-CLIP",
                  "[removed: sensitive]"):  # fmt: skip
        assert never not in text, never
    items, _people = project.packs.contents(result.pack_id)
    assert ("clip", clips["guarded"]) not in items and ("clip", clips["sensitive"]) in items


def test_the_programme_gate_refuses_a_flagged_clip(flagged):
    project, _sessions, clips = flagged
    programmes = project.programmes
    made = [programmes.clip_item(project.radio.clip(clips[k])) for k in ("parted", "sensitive")]
    programme = programmes.save(replace(programmes.draft(), title="Show", items=tuple(made)))
    gate = programmes.gate(programme)
    assert not gate
    assert gate.summary().splitlines() == [
        "“Clip parted”: it is marked safeguarding: remove the item or re-make without it.",
        "“Clip sensitive”: it is marked sensitive: remove the item or re-make without it."]
    before = programmes.remake(programme.id)
    assert before == programme and programmes.get(programme.id).items == ()


def test_feedback_never_quotes_flagged_material_nor_counts_a_safeguarding_session(flagged,
                                                                                  tmp_path):
    project, sessions, _clips = flagged
    options = FeedbackOptions()
    project.anonymise.accept_all(project.feedback.plan(options).findings)
    plan = project.feedback.plan(options)
    assert [kind for _t, kind, _i in plan.quoted] == ["note"]  # the plain session's note only
    result = project.feedback.build(options, tmp_path / "feedback.pdf")
    text = text_of(result.path)
    assert "NOTE-FROM-PLAIN" in text and "Theme plain" in text
    for never in ("Theme guarded", "NOTE-FROM-GUARDED", "NOTE-FROM-PRIVATE", "SG-CLIP-WORDS",
                  "FLAGGED-WORDS", "OPEN-WORDS", "SENSITIVE-CLIP-WORDS", "removed",
                  "Session guarded", "Session private"):
        assert never not in text, never
    assert sessions["guarded"].id in {s.id for s in project.sessions.list()}


def test_flagging_parts_is_undoable_audited_and_refuses_bad_input(flagged):
    project, _sessions, clips = flagged
    radio = project.radio
    [part] = radio.clip(clips["parted"]).ranges
    assert (part.start_ms, part.end_ms, part.flag, part.reason) == (1000, 1900, "safeguarding",
                                                                     "names a child")
    gone = radio.unflag_part(part.id)
    assert radio.clip(clips["parted"]).ranges == ()
    assert radio.flag_part(gone.clip_id, gone.start_ms, gone.end_ms, gone.flag, gone.reason,
                           gone.id) == part  # undo puts the same part back
    with pytest.raises(ValidationError):
        radio.flag_part(clips["parted"], 2000, 2000, "safeguarding")
    with pytest.raises(ValidationError):
        radio.flag_part(clips["parted"], 0, 100, "private")
    with pytest.raises(ConflictError):
        radio.unflag_part("no-such-part")
    assert radio.clip(clips["parted"]).ranges == (part,)  # nothing lost
    clip = radio.clip(clips["sensitive"])
    before = radio.save_clip(replace(clip, sensitive=False, safeguarding=True))
    assert before.sensitive and radio.clip(clip.id).safeguarding
    radio.save_clip(before)  # undo, as the clip editor does
    assert radio.clip(clip.id).sensitive and not radio.clip(clip.id).safeguarding
    actions = [e.action for e in audit_repo.entries(project.file.db)]
    assert {"clip.part_flagged", "clip.part_unflagged", "clip.flagged"} <= set(actions)
    assert project.info()["flagged"] == {"clips": 2, "ranges": 1, "sessions": 2}
    radio.flag_part(clips["parted"], 0, 3000, "sensitive")  # now every word is flagged
    plan = project.packs.plan(PackOptions(AUDIENCE))
    assert plan.selection.excluded["clip"][why.ALL_FLAGGED] == 1
    radio.delete_clip(clips["parted"])  # its parts go with it
    assert project.info()["flagged"]["ranges"] == 0


def test_their_own_copy_still_shows_them_their_own_words(own_seeded, tmp_path):
    from tests.services.test_own_copy import NEVER, decide_everything, text_of

    project, me, _other = own_seeded
    clips = {c.title: c for c in project.radio.clips()}
    project.radio.flag_part(clips["Solo piece"].id, 0, 1500, "safeguarding", "a disclosure")
    project.radio.save_clip(replace(clips["Shared piece"], safeguarding=True))
    [session] = project.sessions.list()
    project.sessions.save(replace(session, safeguarding=True, safeguarding_lead="Ann Lead"))
    decide_everything(project)
    project.own_copy.build(me.id, tmp_path / "own.pdf")
    text, _reader = text_of(tmp_path / "own.pdf")
    for wanted in ("MY-SOLO-LINE about the buses.", "MY-SHARED-LINE about the shop."):
        assert wanted in text, wanted
    for never in NEVER:
        assert never not in text, never


@pytest.fixture
def own_seeded(project):
    from tests.services.test_own_copy import seeded

    return seeded.__wrapped__(project)


def test_the_demo_names_every_safeguarding_lead_and_flags_one_part(demo_path, tmp_path):
    from coprod_desktop.services.project import open_project
    from tests.conftest import PASSPHRASE

    project = open_project(demo_path, PASSPHRASE, "tester")
    try:
        sessions = project.sessions.list()
        assert all(s.safeguarding_lead == s.facilitators[0] for s in sessions)
        assert project.info()["flagged"] == {"clips": 0, "ranges": 1, "sessions": 0}
        [clip] = [c for c in project.radio.clips() if c.ranges]
        options = PackOptions("Trading Standards", attach_audio=True)
        plan = project.packs.plan(options)
        assert clip.id not in {c.id for c in plan.selection.audio}  # (its speaker's voice too)
        project.anonymise.accept_all(plan.findings)
        result = project.packs.build(options, tmp_path / "demo-pack.pdf")
        text = text_of(result.path)
        assert "[removed: safeguarding]" in text and "woman next door" not in text
        assert project.programmes.gate(project.programmes.find())  # it does not carry that clip
    finally:
        project.close()
