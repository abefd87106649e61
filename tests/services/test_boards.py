"""Board use cases against real encrypted projects: consent gate, themes, undo data, voting."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from coprod_desktop.domain.board import Note, Theme
from coprod_desktop.domain.consent import Method, Scope
from coprod_desktop.domain.errors import ValidationError
from coprod_desktop.services.project import open_project
from tests.conftest import PASSPHRASE
from tests.services.test_consent_service import add_person, consent_for


@pytest.fixture
def board(project):
    session = project.sessions.save(replace(project.sessions.draft(), title="Workshop"))
    return project.boards.create_board(session.id, "Ideas")


def consenting(project, **decisions):
    person = add_person(project)
    project.consent.record(consent_for(project, person, method=Method.VERBAL, witness="Ann",
                                       decisions=decisions))  # fmt: skip
    return person


def dump(project) -> dict:
    db = project.file.db
    return {t: sorted(map(tuple, db.execute(f"SELECT * FROM {t}").fetchall()))
            for t in ("notes", "themes", "votes", "vote_rounds")}  # fmt: skip


def test_notes_persist_across_close_and_reopen(project, board):
    author = consenting(project)
    note = project.boards.add_note(Note("", board.id, "Shops sell singles to kids",
                                        author_id=author.id, sensitive=True))  # fmt: skip
    path = project.path
    project.close()
    reopened = open_project(path, PASSPHRASE)
    try:
        assert reopened.boards.notes(board.id) == [note]
        assert reopened.info()["notes"] == 1
    finally:
        reopened.close()


def test_authorship_needs_consent_to_take_part(project, board):
    no_consent = add_person(project)
    declined = consenting(project, take_part=False)
    for person in (no_consent, declined):
        with pytest.raises(ValidationError, match=person.pseudonym):
            project.boards.add_note(Note("", board.id, "x", author_id=person.id))
    note = project.boards.add_note(Note("", board.id, "Unattributed is fine"))
    with pytest.raises(ValidationError, match="No consent"):
        project.boards.update_note(replace(note, author_id=no_consent.id))


def test_drop_into_theme_sets_it_and_undo_is_exact(project, board):
    theme = project.boards.save_theme(Theme("t1", board.id, "Money worries", x=1000, y=0))
    note = project.boards.add_note(Note("", board.id, "Loan sharks at the door"))
    before = dump(project)
    old = project.boards.move_notes([(note.id, 1100, 100)])
    assert project.boards.note(note.id).theme_id == theme.id
    project.boards.put_back(old)
    assert dump(project) == before


def test_lock_prevents_moves(project, board):
    note = project.boards.add_note(Note("", board.id, "x"))
    project.boards.save_board(replace(board, layout_locked=True))
    with pytest.raises(ValidationError, match="locked"):
        project.boards.move_notes([(note.id, 500, 500)])
    project.boards.update_note(replace(note, text="edited text is still allowed"))


def test_delete_and_restore_round_trip_is_identical(project, board):
    theme = project.boards.save_theme(Theme("t1", board.id, "Safety"))
    a = project.boards.add_note(Note("", board.id, "a", theme_id=theme.id, x=20, y=60))
    project.boards.add_note(Note("", board.id, "b"))
    voting = project.boards.open_round(board.id, 3, anonymous=True)
    project.boards.cast_vote(voting.id, a.id)
    before = dump(project)
    removed = project.boards.delete_notes([a.id])
    assert dump(project) != before
    project.boards.restore(removed)
    assert dump(project) == before
    removed = project.boards.delete_theme(theme.id)
    assert project.boards.note(a.id).theme_id is None
    project.boards.restore(removed)
    assert dump(project) == before


def test_merge_and_split_themes(project, board):
    money = project.boards.save_theme(Theme("m", board.id, "Money", x=0, y=0))
    debt = project.boards.save_theme(Theme("d", board.id, "Debt", x=800, y=0))
    notes = [project.boards.add_note(Note("", board.id, f"n{i}", theme_id="d", x=820 + i,
                                          y=60)) for i in range(3)]  # fmt: skip
    before = dump(project)
    removed = project.boards.merge_themes(debt.id, money.id)
    assert {n.theme_id for n in project.boards.notes(board.id)} == {"m"}
    assert [t.name for t in project.boards.themes(board.id)] == ["Money"]
    project.boards.restore(removed)  # the theme, then its notes exactly where they were
    assert dump(project) == before
    split = project.boards.split_theme(debt.id, [notes[0].id], "Doorstep lenders")
    assert project.boards.note(notes[0].id).theme_id == split.id
    assert split.x > debt.x


def test_votes_hidden_until_revealed_and_limited(project, board):
    voter, other = consenting(project), consenting(project)
    note = project.boards.add_note(Note("", board.id, "More youth clubs"))
    voting = project.boards.open_round(board.id, 2)
    project.boards.cast_vote(voting.id, note.id, voter.id, count=2)
    with pytest.raises(ValidationError, match="0 of their 2"):
        project.boards.cast_vote(voting.id, note.id, voter.id)
    project.boards.cast_vote(voting.id, note.id, other.id)
    assert project.boards.tallies(voting.id) is None  # hidden
    assert project.boards.votes_left(voting.id, other.id) == 1
    project.boards.set_round(replace(voting, revealed=True))
    assert project.boards.tallies(voting.id) == {note.id: 3}
    closed = project.boards.open_round(board.id, 1)  # a new round closes the old one
    assert [r.is_open for r in project.boards.rounds(board.id)] == [False, True]
    with pytest.raises(ValidationError, match="Choose who is voting"):
        project.boards.cast_vote(closed.id, note.id)
    assert project.info()["votes"] == 3


def test_withdrawing_everything_erases_their_notes_and_votes(project, board):
    person, other = consenting(project), consenting(project)
    mine = project.boards.add_note(Note("", board.id, "my secret idea", author_id=person.id))
    theirs = project.boards.add_note(Note("", board.id, "their idea", author_id=other.id))
    voting = project.boards.open_round(board.id, 3)
    project.boards.cast_vote(voting.id, theirs.id, person.id)
    result = project.consent.withdraw(person.id, Scope.EVERYTHING,
                                      dt.datetime.now(dt.timezone.utc))  # fmt: skip
    assert result.erased["notes"] == 1
    assert [n.id for n in project.boards.notes(board.id)] == [theirs.id]
    assert project.file.db.execute("SELECT count(*) FROM votes").fetchone()[0] == 0
    assert project.boards.note(mine.id) is None


def test_demo_board_is_realistic(demo_path):
    project = open_project(demo_path, PASSPHRASE)
    try:
        (board,) = project.boards.boards()
        notes = project.boards.notes(board.id)
        assert len(notes) == 60 and len(project.boards.themes(board.id)) == 6
        assert sum(n.safeguarding for n in notes) == 1
        assert all(n.theme_id for n in notes)
        (voting,) = project.boards.rounds(board.id)
        assert voting.revealed and sum(project.boards.tallies(voting.id).values()) == 21
        info = project.info()
        assert (info["notes"], info["themes"], info["votes"]) == (60, 6, 21)
    finally:
        project.close()
