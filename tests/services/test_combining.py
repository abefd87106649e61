"""Combining project files from two laptops: real encrypted projects, edited separately from
one starting file (the demo, copied to both laptops), then combined and verified."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import tempfile
import time
from pathlib import Path

import pytest

from coprod_desktop.domain import own_words, word_times
from coprod_desktop.domain.board import Note
from coprod_desktop.domain.combining import OURS, THEIRS, Choices
from coprod_desktop.domain.consent import CREDIT, ConsentRecord, Method, Scope
from coprod_desktop.domain.errors import ValidationError
from coprod_desktop.domain.ids import new_id
from coprod_desktop.domain.participants import Participant
from coprod_desktop.services.project import create_project, open_project
from coprod_desktop.services.verify import verify
from coprod_desktop.storage import audit_repo, clips_repo, combine_repo, recordings_repo
from coprod_desktop.storage.errors import (
    DamagedProjectError,
    DiskFullError,
    NewerVersionError,
    ProjectError,
    WrongPassphraseError,
)
from tests.conftest import PASSPHRASE
from tests.helpers import add_marked_audio, digest, flip, table_page
from tests.sqlcipher_pages import decrypted_pages

FIXTURES = Path(__file__).parent.parent / "fixtures"


@pytest.fixture
def laptops(demo_template: Path, tmp_path: Path) -> tuple[Path, Path]:
    """The same starting file on two laptops."""
    a, b = tmp_path / "venue-a.coprod", tmp_path / "venue-b.coprod"
    shutil.copy2(demo_template, a)
    shutil.copy2(demo_template, b)
    return a, b


def _opened(path: Path):
    return open_project(path, PASSPHRASE, actor="tester")


def _combine(path: Path, other: Path, choices: Choices | None = None, preview=None):
    project = _opened(path)
    try:
        with project.combining.open_other(other, PASSPHRASE) as opened:
            plan = project.combining.preview(opened, choices)
            if preview is not None:
                preview(plan)
            outcome = project.combining.combine(opened, choices)
        assert verify(project.file).ok, [c for c in verify(project.file).checks if not c.ok]
        return outcome
    finally:
        project.close()


def _person(project, pseudonym: str):
    return next(p for p in project.participants.list() if p.pseudonym == pseudonym)


def _board(project):
    return project.boards.boards()[0]


def _newcomer(project, real_name: str, pseudonym: str | None = None) -> Participant:
    """Someone registered on one laptop, who agreed to everything."""
    draft = project.participants.draft()
    person = project.participants.save(dataclasses.replace(
        draft, real_name=real_name, pseudonym=pseudonym or draft.pseudonym))  # fmt: skip
    form = project.consent.current_form()
    project.consent.record(ConsentRecord(
        id="", participant_id=person.id, form_id=form.id, form_version=form.version,
        form_hash=form.content_hash, given_at=dt.datetime.now(dt.timezone.utc),
        method=Method.VERBAL, decisions={i.key: i.key != CREDIT for i in form.items},
        partner_decisions={p: True for p in form.partners}, witness="Aileen"))  # fmt: skip
    return person


def _note(project, text: str, author_id: str | None = None) -> Note:
    return project.boards.add_note(Note(new_id(), _board(project).id, text, author_id=author_id))


class _Open:
    def __init__(self, path: Path):
        self.project = _opened(path)

    def __enter__(self):
        return self.project

    def __exit__(self, *exc):
        self.project.close()


def test_what_each_laptop_added_is_in_the_combined_file_once(laptops):
    a, b = laptops
    with _Open(a) as project:
        mine = _newcomer(project, "Ann Here")  # P-16 on laptop A
        _note(project, "Bus pass queue is too long", mine.id)
    with _Open(b) as project:
        theirs = _newcomer(project, "Bea There")  # also P-16, on laptop B
        _note(project, "P-16 says the lights are out", theirs.id)
        add_marked_audio(project)
        recordings_b = _recordings(project)

    outcome = _combine(a, b, preview=lambda plan: (
        _check_plan(plan, theirs.id)))  # fmt: skip

    assert outcome.renumbered == {theirs.id: ("P-16", "P-17")}
    with _Open(a) as project:
        people = {p.pseudonym: p for p in project.participants.list()}
        assert people["P-16"].real_name == "Ann Here"
        assert people["P-17"].real_name == "Bea There" and people["P-17"].id == theirs.id
        texts = _texts_of(project)
        # the note names its writer by the pseudonym they have now, not Ann's
        assert "P-17 says the lights are out" in texts
        assert "Bus pass queue is too long" in texts
        assert _recordings(project) == recordings_b
        entries = list(audit_repo.entries(project.file.db))
    combined = [e for e in entries if e.action == "project.combined"]
    assert len(combined) == 1
    assert combined[0].details["other_chain_head"]["seq"] == outcome.plan.other_head[0]
    assert combined[0].details["renumbered"] == ["P-17"]
    assert any(e.details.get("pseudonym") == "P-16" and e.subject_id == theirs.id
               for e in entries)  # their own log came along  # fmt: skip


def _check_plan(plan, theirs_id: str) -> None:
    assert plan.added["participants"] == 1 and plan.added["notes"] == 1
    assert plan.added["recordings"] == 1 and plan.audio_seconds == pytest.approx(3, abs=0.1)
    assert [p.id for p in plan.people] == [theirs_id]
    assert plan.suggested == {}  # different real names: nothing offered
    assert plan.conflicts == []
    assert plan.same_as_here > 100  # the starting file, on both laptops


def _texts_of(project) -> list[str]:
    return [n.text for b in project.boards.boards() for n in project.boards.notes(b.id)]


def test_a_renumbered_speaker_keeps_their_lines_and_the_words_keep_their_times(laptops):
    a, b = laptops
    with _Open(a) as project:
        _newcomer(project, "Ann Here")  # P-16 here
    with _Open(b) as project:
        bea = _newcomer(project, "Bea There")  # P-16 there
        clip = project.radio.add_audio(b"\x00\x10" * 48_000, 48_000, [bea.id], title="Lights")
        text = "[0:00.0] P-16: the lights are out\n[0:00.5] P-3: and the bins"
        clip = project.radio.save_clip(dataclasses.replace(clip, transcript=text))
        tokens = word_times.spoken_words(text)
        timed = [word_times.TimedWord(t.start, t.end, 100 * n, 100 * n + 80)
                 for n, t in enumerate(tokens)]  # fmt: skip
        with project.timings.write():
            clips_repo.save_words(project.file.db, clip.id, text, timed, "test")
    _combine(a, b)
    with _Open(a) as project:
        arrived = project.radio.clip(clip.id)
        assert arrived.transcript == "[0:00.0] P-17: the lights are out\n[0:00.5] P-3: and the bins"
        assert arrived.speakers == (bea.id,)
        said = [arrived.transcript[w.start:w.end] for w in arrived.words]
        assert said == ["the", "lights", "are", "out", "and", "the", "bins"]
        assert [w.start_ms for w in arrived.words] == [0, 100, 200, 300, 400, 500, 600]
        # Bea's own copy holds her lines: her heading names her
        assert own_words.attribute(arrived.transcript, ["P-17"], False)[0].whose == \
            own_words.Whose.THEIRS


def test_a_consent_form_with_the_same_name_and_other_wording_is_kept_apart(tmp_path: Path):
    for name, extra in (("a", " Here."), ("b", " There.")):  # each laptop words version 2
        project = create_project(tmp_path / f"{name}.coprod", PASSPHRASE, f"Venue {name}",
                                 actor="tester")  # fmt: skip
        form = project.consent.current_form()
        project.consent.save_form(dataclasses.replace(form, information=form.information + extra))
        project.close()
    outcome = _combine(tmp_path / "a.coprod", tmp_path / "b.coprod")
    assert outcome.plan.added["consent_forms"] == 1  # version 1 is the same on both
    assert outcome.plan.forms_kept_apart
    with _Open(tmp_path / "a.coprod") as project:
        forms = {(f.form_key, f.version) for f in project.consent.forms()}
        assert forms == {("default", 1), ("default", 2), ("default (Venue b)", 2)}
        assert project.consent.current_form().information.endswith(" Here.")


def test_the_recording_that_came_across_sounds_the_same(laptops):
    a, b = laptops
    with _Open(b) as project:
        before = _recordings(project)
        add_marked_audio(project, seconds=2)
        [new] = _recordings(project) - before
        sound = recordings_repo.pcm(project.file.db, new)
    _combine(a, b)
    with _Open(a) as project:
        assert recordings_repo.pcm(project.file.db, new) == sound
        assert len(sound) == 2 * 96_000


def test_combining_the_same_file_again_adds_nothing(laptops):
    a, b = laptops
    with _Open(b) as project:
        theirs = _newcomer(project, "Bea There")
        _note(project, "Lights are out on the close", theirs.id)
    _combine(a, b)
    with _Open(a) as project:
        before = project.info()
    again = _combine(a, b)
    assert again.plan.added == {} and again.plan.people == [] and again.plan.conflicts == []
    with _Open(a) as project:
        after = project.info()
        combines = [e for e in audit_repo.entries(project.file.db)
                    if e.action == "project.combined"]  # fmt: skip
    assert {k: v for k, v in after.items() if k != "audit_entries"} == \
        {k: v for k, v in before.items() if k != "audit_entries"}
    assert len(combines) == 2  # each combine is logged, even one that added nothing


def test_a_person_on_both_laptops_is_one_only_when_the_facilitator_says(laptops):
    a, b = laptops
    with _Open(a) as project:
        here = _newcomer(project, "Jo Bloggs")  # P-16 here
    with _Open(b) as project:
        _newcomer(project, "Someone Else")  # P-16 there
        there = _newcomer(project, "jo  bloggs")  # P-17 there: the same person, typed again
        _note(project, "P-17: the bins are never emptied", there.id)
    with _Open(a) as project, project.combining.open_other(b, PASSPHRASE) as other:
        plan = project.combining.preview(other)
        assert plan.suggested == {there.id: here.id}  # offered, not done
        unmatched = project.combining.preview(other)
        assert len(unmatched.people) == 2
        matched = Choices(matches={there.id: here.id})
        outcome = project.combining.combine(other, matched)
        assert outcome.matched == {there.id: ("P-17", "P-16")}
        people = project.participants.list()
        assert [p.real_name for p in people].count("Jo Bloggs") == 1
        assert not any(p.id == there.id for p in people)
        texts = _texts_of(project)
        assert "P-16: the bins are never emptied" in texts
        note = next(n for b in project.boards.boards() for n in project.boards.notes(b.id)
                    if n.text.startswith("P-16: the bins"))  # fmt: skip
        assert note.author_id == here.id


def test_combining_again_asks_nothing_already_decided(laptops):
    """A match made and a side kept at the first combine hold at the next: nobody arrives
    twice, no renumbered pseudonym or rewritten text shows as an edit, no choice is undone."""
    a, b = laptops
    with _Open(a) as project:
        here = _newcomer(project, "Jo Bloggs")  # P-16 here
        session = project.sessions.list()[0]
        project.sessions.save(dataclasses.replace(session, venue="Side room"))
    time.sleep(1.1)
    with _Open(b) as project:
        bea = _newcomer(project, "Bea There")  # P-16 there: renumbered here
        jo = _newcomer(project, "jo bloggs")  # P-17 there: matched to P-16 here
        _note(project, "P-16 and P-17 say the lights are out", bea.id)
        project.sessions.save(dataclasses.replace(project.sessions.list()[0], venue="Main hall"))
    first = _combine(a, b, Choices(matches={jo.id: here.id},
                                   keep={("sessions", session.id): OURS}))  # fmt: skip
    assert first.renumbered == {bea.id: ("P-16", "P-17")}
    again = _combine(a, b)
    plan = again.plan
    assert (plan.added, plan.people, plan.conflicts) == ({}, [], [])
    assert plan.decided_before == 1
    with _Open(a) as project:
        assert project.sessions.list()[0].venue == "Side room"
        assert [p.real_name for p in project.participants.list()].count("Jo Bloggs") == 1
        assert "P-17 and P-16 say the lights are out" in _texts_of(project)
    # the other laptop edits the venue again: that is asked again, newer offered
    time.sleep(1.1)
    with _Open(b) as project:
        project.sessions.save(dataclasses.replace(project.sessions.list()[0], venue="Foyer"))
    with _Open(a) as project, project.combining.open_other(b, PASSPHRASE) as other:
        [conflict] = project.combining.preview(other).conflicts
        assert conflict.key == ("sessions", session.id) and conflict.default == THEIRS


def test_matches_that_cannot_be_are_refused(laptops):
    a, b = laptops
    with _Open(a) as project:
        here = _newcomer(project, "Jo Bloggs")
    with _Open(b) as project:
        one, two = _newcomer(project, "Jo"), _newcomer(project, "Joe")
    with _Open(a) as project, project.combining.open_other(b, PASSPHRASE) as other:
        with pytest.raises(ValidationError, match="cannot both be one person"):
            project.combining.preview(other, Choices(matches={one.id: here.id,
                                                                two.id: here.id}))  # fmt: skip
        with pytest.raises(ValidationError, match="not in the files"):
            project.combining.combine(other, Choices(matches={one.id: "nobody"}))
        assert _person(project, "P-16").id == here.id


def test_edits_to_one_record_on_both_laptops_are_the_facilitators_to_choose(laptops):
    a, b = laptops
    with _Open(a) as project:
        session = project.sessions.list()[0]
        project.sessions.save(dataclasses.replace(session, venue="Church hall (side room)"))
    time.sleep(1.1)  # times are kept to the second
    with _Open(b) as project:
        session = project.sessions.list()[0]
        project.sessions.save(dataclasses.replace(session, venue="Church hall, main room"))
    # without a choice (the command line) the newer is kept
    copy = a.with_name("copy-of-a.coprod")
    shutil.copy2(a, copy)
    _combine(copy, b)
    with _Open(copy) as project:
        assert project.sessions.list()[0].venue == "Church hall, main room"
    with _Open(a) as project, project.combining.open_other(b, PASSPHRASE) as other:
        plan = project.combining.preview(other)
        [conflict] = plan.conflicts
        assert conflict.kind == "sessions" and conflict.id == session.id
        assert conflict.newer == THEIRS  # saved on B after A
        [difference] = conflict.differences
        assert (difference.field, difference.ours, difference.theirs) == (
            "venue", "Church hall (side room)", "Church hall, main room")
        outcome = project.combining.combine(other, Choices(keep={conflict.key: OURS}))
        assert outcome.kept == [(conflict, OURS)]
        assert project.sessions.list()[0].venue == "Church hall (side room)"


def test_a_withdrawal_on_the_other_laptop_after_a_first_combine_erases_it_here_too(laptops):
    a, b = laptops
    _combine(a, b)
    with _Open(a) as project:
        maggie = _person(project, "P-01")
        _note(project, "Maggie thinks the bus pass queue is too long", maggie.id)
        mine = len([n for n in _all_notes(project) if n.author_id == maggie.id])
        assert mine >= 2
    with _Open(b) as project:
        project.consent.withdraw(maggie.id, Scope.EVERYTHING)
    outcome = _combine(a, b)
    assert ("P-01", "everything") in outcome.plan.withdrawals
    assert "P-01" in outcome.erased_for
    with _Open(a) as project:
        assert not [n for n in _all_notes(project) if n.author_id == maggie.id]
        person = _person(project, "P-01")
        assert (person.real_name, person.aliases) == ("", ())
        assert not any("Maggie" in t for t in _texts_of(project))
        assert project.consent.history(maggie.id).withdrawals
    _assert_gone(a, ("Margaret", "O'Neill", "Maggie"))


def test_a_withdrawal_here_keeps_the_other_laptops_copy_of_their_material_out(laptops):
    a, b = laptops
    with _Open(b) as project:
        davie = _person(project, "P-02")
        _note(project, "Davie says the close is dark at night", davie.id)
        add_marked_audio(project)
    _combine(a, b)
    with _Open(a) as project:
        project.consent.withdraw(davie.id, Scope.EVERYTHING)
    with _Open(b) as project:  # B, not told yet, goes on working with Davie
        _note(project, "Big Davie wants a bench", davie.id)
        _note(project, "Ask Davie Robertson about the bench", None)
    outcome = _combine(a, b)
    assert outcome.plan.withdrawn_here_only == ["P-02"]  # B still holds Davie's material
    assert outcome.plan.conflicts == []  # nothing offers to bring back what was erased here
    assert outcome.plan.removed_here.get("notes", 0) >= 1  # erased here: not added back
    assert "P-02" in outcome.erased_for
    with _Open(a) as project:
        assert not [n for n in _all_notes(project) if n.author_id == davie.id]
        texts = _texts_of(project)
        assert "Ask P-02 about the bench" in texts
        assert not any("Davie" in t for t in texts)
    _assert_gone(a, ("Robertson", "Davie"))


def test_a_withdrawn_facilitators_name_in_the_other_laptops_log_is_erased_too(laptops):
    a, b = laptops
    with _Open(a) as project:
        project.consent.withdraw(_person(project, "Facilitator B").id, Scope.EVERYTHING)
    project = open_project(b, PASSPHRASE, actor="Sam Okafor")  # B's log names them as actor
    try:
        _newcomer(project, "Zed Newton")
    finally:
        project.close()
    outcome = _combine(a, b)
    assert "Facilitator B" in outcome.erased_for
    # B's safeguarding log still names them as a lead; keeping it is not offered
    assert outcome.plan.conflicts == []
    with _Open(a) as project:
        actors = {e.actor for e in audit_repo.entries(project.file.db)}
    assert "Sam Okafor" not in actors and "Facilitator B" in actors
    _assert_gone(a, ("Okafor",))


def test_what_was_deleted_here_is_not_added_back(laptops):
    a, b = laptops
    with _Open(b) as project:
        note = _note(project, "A note B wrote")
    _combine(a, b)
    with _Open(a) as project:
        project.boards.delete_notes([note.id])
        theme = project.boards.themes(_board(project).id)[0]
        project.boards.delete_theme(theme.id)
    outcome = _combine(a, b)
    assert outcome.plan.removed_here["notes"] == 1
    assert outcome.plan.removed_here["themes"] == 1
    assert outcome.plan.added == {}
    with _Open(a) as project:
        assert "A note B wrote" not in _texts_of(project)
        assert theme.id not in {t.id for t in project.boards.themes(_board(project).id)}
    # a deletion undone is no deletion: the note is B's and A's again
    with _Open(a) as project:
        kept = _all_notes(project)[0]
        project.boards.restore(project.boards.delete_notes([kept.id]))
        assert ("notes", kept.id) not in combine_repo.removed(project.file.db)


def test_a_speaker_or_attendance_taken_away_here_is_not_added_back(laptops):
    a, b = laptops
    with _Open(a) as project:
        clip = next(c for c in project.radio.clips() if len(c.speakers) > 1)
        project.radio.save_clip(dataclasses.replace(clip, speakers=clip.speakers[:1]))
        session = next(s for s in project.sessions.list() if len(s.participant_ids) > 1)
        kept = sorted(session.participant_ids)[:1]
        project.sessions.save(dataclasses.replace(session, participant_ids=frozenset(kept)))
    _combine(a, b)  # B still has both speakers and everyone attending
    with _Open(a) as project:
        assert project.radio.clip(clip.id).speakers == clip.speakers[:1]
        assert sorted(next(s for s in project.sessions.list()
                           if s.id == session.id).participant_ids) == kept  # fmt: skip
        # ticked again here, it is a link like any other
        project.radio.save_clip(dataclasses.replace(project.radio.clip(clip.id),
                                                    speakers=clip.speakers))  # fmt: skip
        assert not [k for k in combine_repo.removed(project.file.db) if k[0] == "clip_speakers"]


def test_a_record_in_both_files_is_compared_with_itself_not_one_of_the_same_name(laptops):
    """Finding the same thing by what it is (a signpost by its name) is for records made apart
    on each laptop; one with the same id is always itself, whatever it is called here now."""
    a, b = laptops
    with _Open(a) as project:
        first, second = project.signposting.list()[:2]
        project.signposting.save(dataclasses.replace(first, name="Renamed here"))
        project.signposting.save(dataclasses.replace(second, name=first.name))
    with _Open(a) as project, project.combining.open_other(b, PASSPHRASE) as other:
        conflicts = {c.id: c for c in project.combining.preview(other).conflicts}
    assert set(conflicts) == {first.id, second.id}
    assert [(d.ours, d.theirs) for d in conflicts[first.id].differences] == [
        ("Renamed here", first.name)]


def test_two_new_projects_share_their_defaults_instead_of_doubling_them(tmp_path: Path):
    a = create_project(tmp_path / "a.coprod", PASSPHRASE, "A", actor="tester")
    signposts = len(a.signposting.list())
    a.close()
    create_project(tmp_path / "b.coprod", PASSPHRASE, "B", actor="tester").close()
    outcome = _combine(tmp_path / "a.coprod", tmp_path / "b.coprod")
    assert "signposts" not in outcome.plan.added
    assert "consent_forms" not in outcome.plan.added
    with _Open(tmp_path / "a.coprod") as project:
        assert len(project.signposting.list()) == signposts
        assert len(project.consent.forms()) == 1


def test_the_other_file_is_never_changed(laptops, tmp_path: Path):
    a, b = laptops
    with _Open(b) as project:
        _note(project, "B's note")
    before = digest(b)
    _combine(a, b)
    assert digest(b) == before
    assert not list(tmp_path.glob("venue-b.coprod.*"))  # no backup, no -wal left beside it


def test_an_older_file_is_brought_up_to_date_in_a_copy_and_combined(laptops, tmp_path):
    a, _b = laptops
    old = tmp_path / "project_v13.coprod"
    shutil.copy2(FIXTURES / "project_v13.coprod", old)
    before = digest(old)
    project = _opened(a)
    try:
        with pytest.raises(WrongPassphraseError):
            project.combining.open_other(old, PASSPHRASE)
        with project.combining.open_other(old, "fixture-passphrase-v1") as other:
            outcome = project.combining.combine(other)
        assert outcome.plan.added["clips"] >= 1
        assert verify(project.file).ok
    finally:
        project.close()
    assert digest(old) == before


def test_files_that_cannot_be_combined_are_refused_with_the_reason(laptops, tmp_path: Path):
    a, b = laptops
    damaged = tmp_path / "damaged.coprod"
    shutil.copy2(b, damaged)
    flip(damaged, table_page(damaged, PASSPHRASE, "notes"))
    project = _opened(a)
    try:
        with pytest.raises(ValidationError, match="this project's own file"):
            project.combining.open_other(a, PASSPHRASE)
        with pytest.raises(ProjectError, match="no project file"):
            project.combining.open_other(tmp_path / "nowhere.coprod", PASSPHRASE)
        with pytest.raises(DamagedProjectError):
            project.combining.open_other(damaged, PASSPHRASE)
        assert verify(project.file).ok
    finally:
        project.close()


def test_a_file_whose_audit_log_was_altered_is_refused(laptops):
    a, b = laptops
    from coprod_desktop.storage.connection import open_project_file

    file = open_project_file(b, PASSPHRASE)
    try:  # someone edits the log behind the app's back
        file.db.execute("DROP TRIGGER audit_log_no_update")
        file.db.execute("UPDATE audit_log SET action = 'nothing.happened' WHERE seq = 3")
        file.db.conn.commit()
    finally:
        file.close()
    with _Open(a) as project, pytest.raises(ProjectError, match=r"audit log .* does not verify"):
        project.combining.open_other(b, PASSPHRASE)


def test_a_file_from_a_newer_version_is_refused(laptops, tmp_path: Path):
    a, b = laptops
    from coprod_desktop.storage.connection import open_project_file

    file = open_project_file(b, PASSPHRASE)
    file.db.execute("PRAGMA user_version = 99")
    file.close()
    with _Open(a) as project, pytest.raises(NewerVersionError, match="newer version"):
        project.combining.open_other(b, PASSPHRASE)


def test_a_full_disk_while_combining_leaves_this_project_as_it_was(laptops):
    a, b = laptops
    with _Open(b) as project:
        add_marked_audio(project, seconds=20)
        _note(project, "B's note")
    with _Open(a) as project:
        before = project.info()
        db = project.file.db
        db.execute(f"PRAGMA max_page_count = {db.execute('PRAGMA page_count').fetchone()[0] + 20}")
        with project.combining.open_other(b, PASSPHRASE) as other:
            with pytest.raises(DiskFullError, match="disk is full"):
                project.combining.combine(other)
            folder = other._folder
        assert not folder.exists()  # the private copy is gone with it
        assert project.info() == before
        assert verify(project.file).ok


def test_no_room_for_the_private_copy_is_said_plainly(laptops, small_disk, monkeypatch):
    a, b = laptops
    small_disk.fill()
    monkeypatch.setattr(tempfile, "tempdir", str(small_disk.path))
    with _Open(a) as project, pytest.raises(DiskFullError, match="disk is full"):
        project.combining.open_other(b, PASSPHRASE)
    assert sorted(p.name for p in small_disk.path.iterdir()) == ["filler"]


def _recordings(project) -> set[str]:
    return {r[0] for r in project.file.db.execute("SELECT id FROM recordings")}


def _all_notes(project) -> list[Note]:
    return [n for b in project.boards.boards() for n in project.boards.notes(b.id)]


def _assert_gone(path: Path, words: tuple[str, ...]) -> None:
    data = decrypted_pages(path, PASSPHRASE)
    for word in words:
        assert word.encode() not in data, word


def test_opening_the_other_file_reports_its_check(laptops):
    a, b = laptops
    steps: list[tuple[int, int, str]] = []
    with _Open(a) as project, project.combining.open_other(
            b, PASSPHRASE, lambda *step: steps.append(step)) as other:  # fmt: skip
        assert project.combining.preview(other).added == {}
    assert steps and steps[-1][0] == steps[-1][1] > 0
    assert {text for _d, _t, text in steps} == {"Checking the other file"}
