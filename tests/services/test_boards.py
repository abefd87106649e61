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


# layout: every path that places a note or a theme ------------------------------------------
def board_faults(project, board_id) -> set:
    from coprod_desktop.domain.board_layout import BoardSpace
    from tests.domain.test_board_layout import faults

    return faults(BoardSpace(project.boards.themes(board_id), project.boards.notes(board_id)))


def test_move_to_theme_gives_each_note_its_own_place_and_undo_is_exact(project, board):
    theme = project.boards.save_theme(Theme("t", board.id, "Transport", x=900, y=0,
                                            width=400, height=300))  # fmt: skip
    notes = [project.boards.add_note(Note("", board.id, f"n{i}", x=16, y=16 + i * 130))
             for i in range(9)]  # more than the area holds  # fmt: skip
    before = dump(project)
    relaid = project.boards.move_to_theme([n.id for n in notes], theme.id)
    after = project.boards.notes(board.id)
    assert {n.theme_id for n in after} == {theme.id}
    assert len({(n.x, n.y) for n in after}) == 9
    grown = project.boards.themes(board.id)[0]
    assert grown.height > theme.height and board_faults(project, board.id) == set()
    moved = dump(project)
    project.boards.put_layout(relaid.before)
    assert dump(project) == before
    project.boards.put_layout(relaid.after)
    assert dump(project) == moved


def test_a_new_theme_lands_in_free_space(project, board):
    old = project.boards.add_theme(board.id, "First")
    loose = [project.boards.add_note(Note("", board.id, f"n{i}", x=16 + (i % 6) * 176,
                                          y=old.y + old.height + 40 + (i // 6) * 126))
             for i in range(18)]  # fmt: skip
    new = project.boards.add_theme(board.id, "Second")
    area = (new.x, new.y, new.x + new.width, new.y + new.height)
    for thing in [old, *loose]:
        assert (thing.x + thing.width <= area[0] or thing.x >= area[2]
                or thing.y + thing.height <= area[1] or thing.y >= area[3])  # fmt: skip
    near = project.boards.add_theme(board.id, "Third", near=(5000, 3000))
    assert (near.x, near.y) == (5000, 3000)
    assert len({t.colour for t in project.boards.themes(board.id)}) == 3


def test_a_full_theme_grows_and_what_is_below_moves_down(project, board):
    top = project.boards.save_theme(Theme("a", board.id, "Top", x=16, y=16, width=720,
                                          height=166))  # fmt: skip
    below = project.boards.save_theme(Theme("c", board.id, "Below", x=16, y=214, width=720,
                                            height=166))  # fmt: skip
    inside = project.boards.add_note(Note("", board.id, "under", x=32, y=254, theme_id="c"))
    before = dump(project)
    placed = []
    for i in range(5):  # four fit in a row: the fifth grows "Top"
        note, relaid = project.boards.add_note_to_theme(Note("", board.id, f"top {i}"), top.id)
        placed.append((note, relaid))
    assert board_faults(project, board.id) == set()
    moved = project.boards.note(inside.id)
    assert moved.y > inside.y and moved.theme_id == below.id
    note, relaid = placed[-1]
    assert {t.id for t in relaid.after.themes} == {"a", "c"} and relaid.after.notes
    project.boards.delete_notes([note.id])
    project.boards.put_layout(relaid.before)
    for n, _r in placed[:-1]:
        project.boards.delete_notes([n.id])
    assert dump(project) == before


def test_locked_board_refuses_layout_changes_but_keeps_capture(project, board):
    theme = project.boards.add_theme(board.id, "Kept")
    note = project.boards.add_note(Note("", board.id, "x", x=2000, y=2000))
    project.boards.save_board(replace(board, layout_locked=True))
    for change in (lambda: project.boards.tidy_up(board.id),
                   lambda: project.boards.move_theme(theme.id, 500, 500),
                   lambda: project.boards.resize_theme(theme.id, 900, 900),
                   lambda: project.boards.move_to_theme([note.id], theme.id)):  # fmt: skip
        with pytest.raises(ValidationError, match="locked"):
            change()
    added, _relaid = project.boards.add_note_to_theme(Note("", board.id, "still"), theme.id)
    assert added.theme_id == theme.id


def test_moving_a_theme_brings_its_notes_and_resizing_stops_at_them(project, board):
    theme = project.boards.add_theme(board.id, "Frame")
    mine, _r = project.boards.add_note_to_theme(Note("", board.id, "in it"), theme.id)
    other = project.boards.add_note(Note("", board.id, "not in it", x=3000, y=3000))
    before = dump(project)
    relaid = project.boards.move_theme(theme.id, theme.x + 300, theme.y + 200)
    moved = project.boards.note(mine.id)
    assert (moved.x - mine.x, moved.y - mine.y) == (300, 200)
    assert project.boards.note(other.id) == other
    project.boards.put_layout(relaid.before)
    assert dump(project) == before
    relaid = project.boards.resize_theme(theme.id, 10, 10)
    (small,) = project.boards.themes(board.id)
    assert small.x + small.width >= mine.x + mine.width and small.height >= 100
    assert project.boards.note(mine.id) == mine  # notes stay where they are
    project.boards.put_layout(relaid.before)
    assert dump(project) == before


def test_split_lands_beside_in_free_space_not_on_the_next_theme(project, board):
    left = project.boards.save_theme(Theme("l", board.id, "Left", x=16, y=16))
    project.boards.save_theme(Theme("r", board.id, "Right", x=16 + 720 + 32, y=16))
    notes = [project.boards.add_note_to_theme(Note("", board.id, f"n{i}"), "l")[0]
             for i in range(4)]  # fmt: skip
    new = project.boards.split_theme(left.id, [notes[1].id, notes[2].id], "Split")
    themes = {t.id: t for t in project.boards.themes(board.id)}
    right = themes["r"]
    assert (new.x >= right.x + right.width or new.y >= right.y + right.height
            or new.x + new.width <= right.x or new.y + new.height <= right.y)  # fmt: skip
    assert board_faults(project, board.id) == set()


def test_merge_into_a_full_theme_grows_it_and_restore_is_exact(project, board):
    small = project.boards.save_theme(Theme("s", board.id, "Small", x=16, y=16, width=400,
                                            height=166))  # fmt: skip
    other = project.boards.save_theme(Theme("o", board.id, "Other", x=16, y=230, width=720,
                                            height=300))  # fmt: skip
    for i in range(2):
        project.boards.add_note_to_theme(Note("", board.id, f"s{i}"), small.id)
    for i in range(5):
        project.boards.add_note_to_theme(Note("", board.id, f"o{i}"), other.id)
    before = dump(project)
    removed = project.boards.merge_themes(other.id, small.id)
    assert {n.theme_id for n in project.boards.notes(board.id)} == {small.id}
    assert board_faults(project, board.id) == set()
    project.boards.restore(removed)
    assert dump(project) == before


def test_tidy_up_of_the_demo_board_and_undo(demo_path):
    project = open_project(demo_path, PASSPHRASE)
    try:
        (board,) = project.boards.boards()
        notes = project.boards.notes(board.id)
        for i, n in enumerate(notes[:12]):  # a messy board: stacked, strays, no theme
            project.boards.update_note(replace(n, x=40 + i * 7, y=30 + i * 5, theme_id=None))
        assert board_faults(project, board.id)
        before = dump(project)
        relaid = project.boards.tidy_up(board.id)
        assert board_faults(project, board.id) == set()
        assert len(relaid.after.notes) == len(relaid.before.notes) > 0
        after = dump(project)
        project.boards.put_layout(relaid.before)
        assert dump(project) == before
        project.boards.put_layout(relaid.after)
        assert dump(project) == after
    finally:
        project.close()


@pytest.mark.parametrize("seed", range(3))
def test_any_sequence_of_service_placements_adds_no_overlap(project, board, seed):
    """The service paths that place notes and themes, in random order on a real project file,
    each checked against the file afterwards; then undoing all of them restores every row."""
    import random

    rng = random.Random(seed)
    start = dump(project)
    undo: list = []
    last = None
    for step in range(40):
        themes = project.boards.themes(board.id)
        notes = project.boards.notes(board.id)
        action = rng.choice(["capture", "capture_in", "theme", "to_theme", "merge", "split",
                             "tidy"])  # fmt: skip
        if not themes and action != "capture":
            action = "theme"
        if action == "capture":
            from coprod_desktop.domain.board_layout import BoardSpace, spot_outside_themes

            x, y = spot_outside_themes(BoardSpace(themes, notes), last)  # as the page does
            last = project.boards.add_note(Note("", board.id, f"c{step}", x=x, y=y))
            undo.append(lambda n=last: project.boards.delete_notes([n.id]))
        elif action == "capture_in":
            last, relaid = project.boards.add_note_to_theme(
                Note("", board.id, f"t{step}"), rng.choice(themes).id)
            undo.append(lambda n=last, r=relaid: (project.boards.delete_notes([n.id]),
                                                   project.boards.put_layout(r.before)))
        elif action == "theme":
            theme = project.boards.add_theme(board.id, f"Theme {step}",
                                             near=(rng.uniform(0, 2000), rng.uniform(0, 2000)))
            undo.append(lambda t=theme: project.boards.delete_theme(t.id))
        elif action == "to_theme" and notes:
            chosen = rng.sample([n.id for n in notes], min(len(notes), rng.randint(1, 6)))
            relaid = project.boards.move_to_theme(chosen, rng.choice(themes).id)
            undo.append(lambda r=relaid: project.boards.put_layout(r.before))
        elif action == "merge" and len(themes) > 1:
            source, target = rng.sample(themes, 2)
            removed = project.boards.merge_themes(source.id, target.id)
            undo.append(lambda r=removed: project.boards.restore(r))
        elif action == "split":
            source = rng.choice(themes)
            mine = [n.id for n in notes if n.theme_id == source.id][: rng.randint(1, 3)]
            if mine:
                was = [project.boards.note(i) for i in mine]
                new = project.boards.split_theme(source.id, mine, f"Split {step}")
                undo.append(lambda w=was, t=new: (project.boards.put_back(w),
                                                   project.boards.delete_theme(t.id)))
        elif action == "tidy":
            relaid = project.boards.tidy_up(board.id)
            undo.append(lambda r=relaid: project.boards.put_layout(r.before))
        assert board_faults(project, board.id) == set(), action
    for step_back in reversed(undo):
        step_back()
    assert dump(project) == start
