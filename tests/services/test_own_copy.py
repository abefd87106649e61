"""A participant's own copy, from a real encrypted project, read back with pypdf: everything
they gave is in it, nothing about anyone else ever is, undecided detections refuse it, and
audio goes with it only for the clips they alone speak in."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from dataclasses import replace
from pathlib import Path

import pypdf
import pytest

from coprod_desktop.domain.board import Note, Theme
from coprod_desktop.domain.consent import Method, Scope
from coprod_desktop.domain.errors import ValidationError
from coprod_desktop.domain.own_words import Whose, attribute
from coprod_desktop.services.packs import PackOptions
from coprod_desktop.storage import audit_repo
from tests.services.test_consent_service import add_person, consent_for
from tests.services.test_radio import RATE, tone

UTC = dt.timezone.utc
SOLO = ("[0:00.0] MY-SOLO-LINE about the buses.\n"
        "[0:01.0] Interviewer: QUESTION-BY-INTERVIEWER?\n"
        "[0:02.0] MY-SECOND-SOLO-LINE, Roz here.\n")  # fmt: skip
SHARED = ("P-21: MY-SHARED-LINE about the shop.\n"
          "P-22: OTHER-SHARED-LINE about the shop.\n"
          "UNMARKED-SHARED-LINE nobody is named on.\n")  # fmt: skip
NEVER = ("Rosalind", "Quayle", "Roz", "Thaddeus", "Vellacott", "P-22", "OTHER-NOTE-SECRET",
         "OTHER-SHARED-LINE", "UNMARKED-SHARED-LINE", "QUESTION-BY-INTERVIEWER",
         "safeguarding")  # fmt: skip


def consenting(project, pseudonym, real_name, aliases=()):
    person = add_person(project, pseudonym=pseudonym, real_name=real_name, aliases=aliases)
    project.consent.record(consent_for(project, person, method=Method.VERBAL, witness="Ann"))
    return person


def text_of(path: Path) -> tuple[str, pypdf.PdfReader]:
    reader = pypdf.PdfReader(io.BytesIO(path.read_bytes()))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return " ".join(text.split()), reader


def decide_everything(project) -> None:
    """The facilitator's review on the Anonymise screen: every detection removed."""
    project.anonymise.accept_all(project.anonymise.review(project.anonymise.material()))


@pytest.fixture
def seeded(project):
    me = consenting(project, "P-21", "Rosalind Quayle", ("Roz",))
    other = consenting(project, "P-22", "Thaddeus Vellacott")
    project.consent.record(consent_for(project, me, at=dt.datetime(2026, 10, 1, tzinfo=UTC),
                                       method=Method.PAPER, paper_reference="PF-77"))  # fmt: skip
    session = project.sessions.save(replace(
        project.sessions.draft(), title="Hall talk", date=dt.date(2026, 9, 12),
        participant_ids=frozenset({me.id, other.id})))  # fmt: skip
    board = project.boards.create_board(session.id, "Wall")
    theme = project.boards.save_theme(Theme("theme-1", board.id, "Bus fares"))
    add = project.boards.add_note
    mine = add(Note("", board.id, "The prices went up again", author_id=me.id, theme_id=theme.id))
    add(Note("", board.id, "<b>&amp; bold</b> stays as typed", author_id=me.id))
    add(Note("", board.id, "Thaddeus Vellacott agrees with me", author_id=me.id))
    add(Note("", board.id, "MY-FLAGGED-NOTE: I am scared of Jimmy Nairn", author_id=me.id,
             safeguarding=True))  # fmt: skip
    theirs = add(Note("", board.id, "OTHER-NOTE-SECRET, call 07700 900999", author_id=other.id))
    voting = project.boards.open_round(board.id, 3)
    project.boards.cast_vote(voting.id, theirs.id, me.id, 2)
    project.boards.cast_vote(voting.id, mine.id, other.id, 1)
    anonymous = project.boards.open_round(board.id, 3, anonymous=True)
    project.boards.cast_vote(anonymous.id, mine.id, None, 1)
    solo = project.radio.add_audio(tone(3.0), RATE, [me.id], session.id, "Solo piece")
    project.radio.save_clip(replace(solo, transcript=SOLO))
    shared = project.radio.add_audio(tone(2.0, 300), RATE, [me.id, other.id], session.id,
                                     "Shared piece")  # fmt: skip
    project.radio.save_clip(replace(shared, transcript=SHARED))
    decide_everything(project)
    return project, me, other


def test_transcript_lines_are_attributed_by_their_headings():
    text = "[0:01.0] P-21: mine\n[0:02] Facilitator A: theirs\nEverybody knows: unmarked\n\n"
    lines = attribute(text, ["P-21", "Roz"], sole_speaker=False)
    assert [(text[x.start : x.end], x.whose) for x in lines] == [
        ("mine", Whose.THEIRS), ("theirs", Whose.SOMEONE_ELSE),
        ("Everybody knows: unmarked", Whose.UNMARKED)]  # fmt: skip
    alone = attribute(text, ["P-21"], sole_speaker=True)
    assert [x.whose for x in alone] == [Whose.THEIRS, Whose.SOMEONE_ELSE, Whose.THEIRS]


def test_copy_holds_everything_they_gave_and_nothing_of_anyone_else(seeded, tmp_path):
    project, me, _other = seeded
    target = tmp_path / "own.pdf"
    project.packs.build(PackOptions("Trading Standards"), tmp_path / "pack.pdf")
    result = project.own_copy.build(me.id, target)
    text, reader = text_of(target)
    for wanted in ("Your own copy", "P-21", "Your name:", "Hall talk", "Bus fares",
                   "The prices went up again", "<b>&amp; bold</b> stays as typed",
                   "[Participant 1] agrees with me", "MY-FLAGGED-NOTE: I am scared of [Person A]",
                   "Solo piece", "Shared piece", "MY-SOLO-LINE about the buses.",
                   "MY-SECOND-SOLO-LINE, P-21 here.", "MY-SHARED-LINE about the shop.",
                   "[another speaker]", "[a line that does not say who spoke it]",
                   "You gave 2 dots in 1 voting round", "anonymous voting rounds",
                   "Verbal, witnessed", "Paper form (reference PF-77)",
                   "Trading Standards", "pack.pdf", "Audit anchor: entry"):  # fmt: skip
        assert wanted in text, wanted
    for never in NEVER:
        assert never not in text, never
    assert text.count("Given on") == 2  # both consent records
    assert "Jimmy" not in text and "Nairn" not in text  # a name in their flagged note
    assert not reader.attachments  # audio only when asked for
    assert (result.notes, result.clips, result.lines, result.dots) == (4, 2, 3, 2)
    assert result.consent_records == 2 and result.disclosures == 1
    [logged] = [e for e in audit_repo.entries(project.file.db)
                if e.action == "participant.copy_issued"]  # fmt: skip
    assert logged.subject_id == me.id and logged.details["pseudonym"] == "P-21"
    assert logged.details["sha256"] == hashlib.sha256(target.read_bytes()).hexdigest()
    assert logged.details["notes"] == 4 and "prices" not in str(logged.details)
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]
    # in the disclosure log like every output: their material went to them, and only theirs
    [copy] = [p for p in project.packs.packs() if p["audience"] == "Own copy: P-21"]
    assert copy["id"] == logged.details["copy"] and copy["file_name"] == "own.pdf"
    items, people = project.packs.contents(copy["id"])
    assert len(items) == 6 and [p[1] for p in people] == ["P-21"]
    again = project.own_copy.build(me.id, tmp_path / "again.pdf")  # lists the first copy
    assert again.disclosures == 2 and "Own copy: P-21" in text_of(tmp_path / "again.pdf")[0]


def test_audio_goes_only_with_clips_they_alone_speak_in(seeded, tmp_path):
    project, me, other = seeded
    unbleeped = project.own_copy.build(me.id, tmp_path / "own.pdf", attach_audio=True)
    text, _reader = text_of(unbleeped.path)
    assert unbleeped.attachments == () and unbleeped.not_attached == 2
    assert "Not attached: words taken out of its transcript are not yet bleeped" in text
    solo = next(c for c in project.radio.clips() if c.title == "Solo piece")
    project.radio.save_clip(replace(solo, edits=replace(solo.edits, bleeps=((2000, 2900),))))
    result = project.own_copy.build(me.id, tmp_path / "own.pdf", attach_audio=True)
    text, reader = text_of(result.path)
    assert list(reader.attachments) == ["01 Solo piece.wav"] == list(result.attachments)
    assert reader.attachments["01 Solo piece.wav"][0].startswith(b"RIFF")
    assert "Not attached: another person speaks in it." in text
    assert result.not_attached == 1
    theirs = project.own_copy.build(other.id, tmp_path / "other.pdf", attach_audio=True)
    assert theirs.attachments == () and theirs.not_attached == 1
    text, _reader = text_of(theirs.path)
    assert "OTHER-SHARED-LINE" in text and "Solo piece" not in text
    for never in ("MY-SHARED-LINE", "Rosalind", "Roz", "P-21", "Thaddeus", "prices went up"):
        assert never not in text, never


def test_an_undecided_detection_in_their_texts_refuses_the_copy(seeded, tmp_path):
    project, me, other = seeded
    board = project.boards.boards()[0]
    project.boards.add_note(Note("", board.id, "Text me on 07700 900123", author_id=me.id))
    target = tmp_path / "own.pdf"
    with pytest.raises(ValidationError, match=r"Still to decide in this copy: 1 possible piece "
                       r"of personal data \(in Note on “Wall”\).*Anonymise screen"):  # fmt: skip
        project.own_copy.build(me.id, target)
    assert list(tmp_path.glob("*.pdf*")) == []
    assert "participant.copy_issued" not in [e.action for e in
                                             audit_repo.entries(project.file.db)]  # fmt: skip
    # someone else's undecided words do not hold up the copy: they are not in it
    project.boards.add_note(Note("", board.id, "Ring 07700 900777", author_id=other.id))
    decide_everything(project)
    project.boards.add_note(Note("", board.id, "Ring 07700 900888", author_id=other.id))
    assert project.own_copy.build(me.id, target).path == target


def test_a_participant_who_withdrew_everything_gets_their_history(seeded, tmp_path):
    project, me, _other = seeded
    project.packs.build(PackOptions("Trading Standards"), tmp_path / "pack.pdf")
    project.consent.withdraw(me.id, Scope.EVERYTHING, dt.datetime(2026, 11, 2, 9, tzinfo=UTC))
    result = project.own_copy.build(me.id, tmp_path / "own.pdf", attach_audio=True)
    text, _reader = text_of(result.path)
    assert "You withdrew everything on 2 November 2026" in text and "were erased" in text
    assert "Everything: from 2 November 2026" in text
    assert "There are no notes of yours in the project." in text
    assert "There are no clips you speak in." in text
    assert "Trading Standards" in text and "pack.pdf" in text and "3 notes" in text
    assert text.count("Given on") == 2
    for never in NEVER:
        assert never not in text, never
    assert (result.notes, result.clips, result.withdrawals) == (0, 0, 1)


def test_unknown_people_and_bad_targets_are_refused(seeded, tmp_path):
    project, me, _other = seeded
    with pytest.raises(ValidationError, match="No participant “P-99”"):
        project.own_copy.find("P-99")
    assert project.own_copy.find("p-21").id == me.id
    with pytest.raises(ValidationError, match="does not exist"):
        project.own_copy.build(me.id, tmp_path / "nowhere" / "own.pdf")
    with pytest.raises(ValidationError, match="is a folder"):
        project.own_copy.build(me.id, tmp_path)
