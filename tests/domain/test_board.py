"""Board rules: note and theme validation, where new notes go, theme hit-testing, voting."""

from __future__ import annotations

import pytest

from coprod_desktop.domain.board import (
    NOTE_COLOURS,
    Note,
    Theme,
    Vote,
    VoteRound,
    check_vote,
    next_colour,
    place_new_note,
    tallies,
    theme_at,
)
from coprod_desktop.domain.errors import ValidationError


def test_note_validation():
    assert Note("n", "b", "  Cheap tobacco sold from a van  ").validated().text == (
        "Cheap tobacco sold from a van"
    )
    for bad in (dict(text="  "), dict(text="x" * 2001), dict(colour="neon"), dict(width=5)):
        with pytest.raises(ValidationError):
            Note("n", "b", **{"text": "ok", **bad}).validated()


def test_safeguarding_notes_never_leave():
    assert Note("n", "b", "x").may_leave_project
    assert not Note("n", "b", "x", safeguarding=True).may_leave_project


def test_colour_cycle_covers_every_colour():
    seen, colour = [], "yellow"
    for _ in NOTE_COLOURS:
        seen.append(colour)
        colour = next_colour(colour)
    assert sorted(seen) == sorted(NOTE_COLOURS) and colour == "yellow"


def test_theme_at_picks_the_innermost_area():
    outer = Theme("o", "b", "Outer", x=0, y=0, width=1000, height=1000)
    inner = Theme("i", "b", "Inner", x=100, y=100, width=300, height=300)
    assert theme_at([outer, inner], 150, 150) is inner
    assert theme_at([outer, inner], 900, 900) is outer
    assert theme_at([outer, inner], 2000, 5) is None


def test_new_notes_fill_the_selected_theme_grid_without_overlap():
    theme = Theme("t", "b", "Money", x=1000, y=0, width=720, height=520)
    notes: list[Note] = []
    for i in range(7):
        x, y = place_new_note(notes, theme)
        assert theme.contains(x, y)
        notes.append(Note(f"n{i}", "b", "x", x=x, y=y, theme_id="t"))
    positions = {(n.x, n.y) for n in notes}
    assert len(positions) == 7


def test_new_notes_go_beside_the_last_and_wrap():
    x, y = place_new_note([], None, None)
    last = Note("a", "b", "x", x=x, y=y)
    x2, y2 = place_new_note([last], None, last)
    assert y2 == y and x2 > x
    row = [Note(f"r{i}", "b", "x", x=1000 + i * 176, y=y) for i in range(6)]  # a run of six
    assert place_new_note(row, None, row[-1]) == (1000, y + 126)  # under the run's first


def test_votes_respect_the_round():
    named = VoteRound("r", "b", 3)
    check_vote(named, used_by_voter=2)
    with pytest.raises(ValidationError, match="0 of their 3"):
        check_vote(named, used_by_voter=3)
    with pytest.raises(ValidationError, match="closed"):
        check_vote(VoteRound("r", "b", 3, is_open=False), 0)
    check_vote(VoteRound("r", "b", 3, anonymous=True), used_by_voter=99)
    with pytest.raises(ValidationError):
        VoteRound("r", "b", 0).validated()
    assert tallies([Vote("1", "r", "n1", "p", 2), Vote("2", "r", "n1", None, 1),
                    Vote("3", "r", "n2", "q", 1)]) == {"n1": 3, "n2": 1}  # fmt: skip
