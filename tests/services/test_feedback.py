"""“You said, we did” feedback from real encrypted projects, read back with pypdf: its consent
gate (quoted anonymously; nothing sensitive or safeguarding), anonymised like a pack, refused
while a detection is undecided, logged in the disclosure log as "Community feedback", and
never marked confidential."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

import pypdf
import pytest

from coprod_desktop.domain.actions import Action, ActionStatus, PartnerResponse
from coprod_desktop.domain.board import Note, Theme
from coprod_desktop.domain.consent import Scope
from coprod_desktop.domain.errors import ValidationError
from coprod_desktop.export.selection import COMMUNITY
from coprod_desktop.services.feedback import FeedbackOptions
from coprod_desktop.services.packs import PackOptions
from tests.services.test_packs import person

DAY = dt.date(2026, 10, 1)


def text_of(path) -> str:
    return " ".join("".join(p.extract_text() for p in pypdf.PdfReader(path).pages).split())


@pytest.fixture
def seeded(project):
    """A session under a group agreement; notes by someone who agreed to be quoted but to
    share with no partner, by someone who declined quoting, by someone who withdrew;
    a sensitive note, a safeguarding note, an unattributed note; two actions."""
    no_partner = person(project, "Nadia Tahir", partners={
        "Health board": False, "Trading Standards": False, "Police Scotland": False,
        "Citizens Advice": False})  # fmt: skip
    no_quote = person(project, "Declan Quigley", quote_anonymously=False)
    leaver = person(project, "Wanda Leaves")
    session = project.sessions.save(replace(
        project.sessions.draft(), title="Tobacco on our streets", date=DAY, venue="Hall",
        group_agreement=True,
        participant_ids=frozenset({no_partner.id, no_quote.id, leaver.id})))  # fmt: skip
    board = project.boards.create_board(session.id, "Wall")
    theme = project.boards.save_theme(Theme("theme-1", board.id, "Cheap tobacco"))
    other = project.boards.save_theme(Theme("theme-2", board.id, "Feeling safe"))
    add = lambda text, author=None, theme_id=theme.id, **flags: project.boards.add_note(  # noqa
        Note("", board.id, text, author_id=author, theme_id=theme_id, **flags))
    add("Singles sold <b>behind</b> & the counter", no_partner.id)
    add("Declan's words stay in the room", no_quote.id)
    add("Wanda's words are gone", leaver.id)
    add("A sensitive thing about my family", no_partner.id, sensitive=True)
    add("A safeguarding disclosure", no_partner.id, safeguarding=True)
    add("Nobody asks for ID", None, other.id)
    project.consent.withdraw(leaver.id, Scope.FUTURE_PACKS, dt.datetime.now(dt.timezone.utc),
                             "changed mind")  # fmt: skip
    project.actions.save(Action("", "Test purchases at the shops near the school",
                                "Trading Standards", ActionStatus.DONE, DAY, session.id,
                                (("theme", theme.id),),
                                (PartnerResponse(DAY, "Four shops visited"),)))  # fmt: skip
    project.actions.save(Action("", "A fixed weekly patrol", "Police Scotland",
                                ActionStatus.DECLINED, None, session.id, (),
                                (PartnerResponse(DAY, "Cannot staff it; added to the "
                                                 "evening route"),)))  # fmt: skip
    return project


def test_the_gate_quotes_only_those_who_agreed_and_nothing_sensitive(seeded, tmp_path):
    plan = seeded.feedback.plan(FeedbackOptions())
    document = seeded.feedback.document(plan, "FB-TEST", dt.datetime.now(dt.timezone.utc))
    said = {t.name: t for t in document.said}
    quotes = [q for t in document.said for q in t.quotes]
    # agreed to be quoted, though to share with no partner: community feedback has no partner
    assert "Singles sold <b>behind</b> & the counter" in quotes
    assert "Nobody asks for ID" in quotes  # unattributed, under a group agreement
    assert not any(w in " ".join(quotes) for w in ("Declan", "Wanda", "sensitive", "safeguard"))
    assert said["Cheap tobacco"].notes == 4  # counted, not quoted; the safeguarding one not
    assert [(a.organisation, a.status) for a in document.did] == [
        ("Police Scotland", "declined"), ("Trading Standards", "done")]
    assert document.did[1].themes == ("Cheap tobacco",)


def test_a_partner_pack_cannot_borrow_the_public_gate(seeded):
    with pytest.raises(ValidationError, match="not a partner organisation"):
        seeded.packs.plan(PackOptions(" community  FEEDBACK "))


def test_feedback_is_anonymised_refused_while_undecided_and_logged(seeded, tmp_path):
    board = seeded.boards.boards()[0]
    [nadia] = [p for p in seeded.participants.list() if p.real_name == "Nadia Tahir"]
    seeded.boards.add_note(Note("", board.id, "Ring Gary Doyle on 07700 900461",
                                author_id=nadia.id, theme_id="theme-1"))  # fmt: skip
    target = tmp_path / "feedback.pdf"
    with pytest.raises(ValidationError, match="Still to decide in this feedback"):
        seeded.feedback.build(FeedbackOptions(), target)
    assert not target.exists() and not seeded.packs.packs()
    result = seeded.feedback.build(FeedbackOptions(contact="Aileen, 0141 000 0000"), target,
                                   accept_undecided=True)  # fmt: skip
    text = text_of(target)
    assert "You said, we did" in text and "Singles sold <b>behind</b> & the counter" in text
    assert "Gary Doyle" not in text and "07700 900461" not in text
    assert "Nadia" not in text and "Tahir" not in text
    assert "confidential" not in text.casefold()
    assert "Four shops visited" in text and "Cannot staff it" in text
    [logged] = seeded.packs.packs()
    assert logged["audience"] == COMMUNITY and logged["id"] == result.feedback_id
    items, people = seeded.packs.contents(result.feedback_id)
    assert {kind for kind, _ in items} == {"note"}
    assert [p[1] for p in people] == [nadia.pseudonym]  # only the quoted author
    details = json.loads(seeded.file.db.execute(
        "SELECT details FROM audit_log WHERE action = 'feedback.issued'").fetchone()[0])
    assert details["people"] == 1 and not details["poster"]
    assert result.accepted == 2 and seeded.feedback.plan(FeedbackOptions()).undecided == 0


def test_the_poster_is_one_page(seeded, tmp_path):
    result = seeded.feedback.build(FeedbackOptions(poster=True), tmp_path / "poster.pdf")
    assert result.pages == 1 and len(pypdf.PdfReader(tmp_path / "poster.pdf").pages) == 1
    assert "Test purchases at the shops" in text_of(tmp_path / "poster.pdf")
    assert result.quotes == 0  # a poster quotes nobody: nothing of anyone's is logged
    assert seeded.packs.contents(result.feedback_id) == ([], [])


def test_nothing_to_feed_back_says_what_to_do_first(project, tmp_path):
    project.sessions.save(replace(project.sessions.draft(), title="Empty"))
    with pytest.raises(ValidationError, match="nothing to feed back yet"):
        project.feedback.build(FeedbackOptions(), tmp_path / "feedback.pdf")
    assert not (tmp_path / "feedback.pdf").exists()
    with pytest.raises(ValidationError, match="at least one session"):
        project.feedback.build(FeedbackOptions(("no-such-session",)), tmp_path / "f.pdf")


def test_a_clip_quote_carries_no_speaker_labels_or_timestamps():
    from coprod_desktop.services.feedback import _excerpt

    text = _excerpt("[0:00.2] (jingle) Your street!\n[0:02.0] P-07: We want somewhere to go.\n"
                    "[0:05.1]   [Participant 1]: The shop on [bleeped: shop name] sells them.")
    assert text == ("(jingle) Your street! We want somewhere to go. The shop on [bleeped: shop "
                    "name] sells them.")
    assert _excerpt("word " * 100).endswith("…") and len(_excerpt("word " * 100)) <= 221


def test_a_clip_with_bleeps_is_never_quoted_in_public(demo_path):
    from coprod_desktop.services.project import open_project
    from tests.conftest import PASSPHRASE

    project = open_project(demo_path, PASSPHRASE)
    try:
        plan = project.feedback.plan(FeedbackOptions())
        clips = {c.id: c for c in project.radio.clips()}
        quoted = [clips[i] for _t, kind, i in plan.quoted if kind == "clip"]
        assert quoted and not any(c.edits.bleeps for c in quoted)
        assert any(c.edits.bleeps and c.themes for c in clips.values())  # one was left out
        assert len({c.id for c in quoted}) == len(quoted)  # each clip once
    finally:
        project.close()
