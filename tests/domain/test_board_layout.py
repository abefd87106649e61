"""Layout rules of the board: free space for new themes, the next free place in a theme (and
growing a full one), notes outside themes, moving and resizing theme areas, tidying up.

The property tests run seeded random sequences of placements and check the board's
invariants after every step: no two notes overlap, no note covers a theme's title, and every
note given a theme lies inside that theme's area."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from coprod_desktop.domain.board import GAP, NOTE_SIZE, Note, Theme, place_new_note
from coprod_desktop.domain.board_layout import (
    MIN_THEME,
    TITLE_BAND,
    BoardSpace,
    Occupancy,
    Rect,
    covered_titles,
    free_area,
    grid_rows,
    grow_theme,
    move_theme,
    next_free_cell,
    overlapping_notes,
    place_in_theme,
    reading_order,
    resize_theme,
    spot_outside_themes,
    tidy,
)

W, H = NOTE_SIZE


def note(i, x, y, theme=None, **kw) -> Note:
    return Note(f"n{i}", "b", f"note {i}", x=x, y=y, theme_id=theme, **kw)


def check(space: BoardSpace) -> None:
    """No overlapping notes, no note over a title, every note of a theme inside it."""
    assert faults(space) == set()


# the problems seen ------------------------------------------------------------------------
def test_the_next_note_in_a_theme_avoids_notes_of_any_theme_and_any_position():
    """A cell is taken when any note overlaps it, not only a note of this theme sitting at
    exactly the cell's corner."""
    theme = Theme("t", "b", "Money", x=0, y=0, width=720, height=520)
    stray = note(1, GAP + 30, TITLE_BAND + 10)  # dropped by hand, no theme, off the grid
    x, y = place_new_note([stray], theme)
    assert not Rect(x, y, W, H).intersects(Rect.of(stray))


def test_a_full_theme_grows_instead_of_spilling_notes_outside_it():
    theme = Theme("t", "b", "Money", x=0, y=0, width=400, height=300)
    space = BoardSpace([theme])
    capacity = grid_rows(theme) * 2
    notes = [note(i, 2000 + i * 200, 2000) for i in range(capacity + 3)]
    moves = place_in_theme(space, "t", notes)
    grown = space.themes["t"]
    assert grown.height > theme.height and grown in moves.themes
    assert all(n.theme_id == "t" for n in space.notes.values())
    check(space)


def test_moving_several_notes_into_a_theme_never_stacks_them():
    """Move to theme (Ctrl+M) of many notes: each takes its own place."""
    theme = Theme("t", "b", "Transport", x=500, y=0, width=720, height=520)
    loose = [note(i, GAP, GAP + i * (H + GAP)) for i in range(20)]
    space = BoardSpace([theme], loose)
    place_in_theme(space, "t", list(reversed(loose)))  # as a selection may list them
    assert len({(n.x, n.y) for n in space.notes.values()}) == 20
    check(space)
    placed = [n.id for row in reading_order(space.notes.values()) for n in row]
    assert placed == [n.id for n in loose]  # they keep the order they were in


def test_a_new_theme_lands_in_free_space_not_under_notes():
    notes = [note(i, GAP + (i % 6) * (W + GAP), GAP + (i // 6) * (H + GAP)) for i in range(30)]
    old = Theme("o", "b", "Old", x=1200, y=GAP, width=720, height=520)
    space = BoardSpace([old], notes)
    x, y = free_area(space, 720, 166)
    area = Rect(x, y, 720, 166)
    assert all(not area.grown(GAP).intersects(r) for _k, r in space.note_space.items())
    assert not area.intersects(Rect.of(old))


def test_a_new_theme_goes_near_where_the_facilitator_is_looking():
    far = Theme("o", "b", "Old", x=GAP, y=GAP, width=720, height=520)
    space = BoardSpace([far])
    x, y = free_area(space, 720, 166, near=(3000, 2000))
    assert (x, y) == (3000, 2000)
    x, y = free_area(space, 720, 166, near=(100, 100))  # that is taken: the nearest free
    assert not Rect(x, y, 720, 166).grown(GAP).intersects(Rect.of(far))
    assert x < 1000 or y < 700  # right beside it, not far away


# notes outside themes -----------------------------------------------------------------------
def test_notes_outside_themes_keep_off_theme_areas_and_notes():
    theme = Theme("t", "b", "Area", x=GAP + W + GAP, y=0, width=720, height=520)
    first = note(1, GAP, GAP)
    space = BoardSpace([theme], [first])
    x, y = spot_outside_themes(space, first)
    spot = Rect(x, y, W, H)
    assert not spot.intersects(Rect.of(theme)) and not spot.intersects(Rect.of(first))


def test_notes_typed_one_after_another_form_a_run_beside_each_other():
    space = BoardSpace([Theme("t", "b", "Left", x=GAP, y=GAP, width=720, height=520)])
    spots = []
    last = None
    for i in range(8):
        x, y = spot_outside_themes(space, last, near=(0, 0))
        last = note(i, x, y)
        space.put_note(last)
        spots.append((x, y))
    (x0, y0) = spots[0]
    assert spots[:6] == [(x0 + k * (W + GAP), y0) for k in range(6)]  # six to a row
    assert spots[6:] == [(x0, y0 + H + GAP), (x0 + W + GAP, y0 + H + GAP)]  # under the first
    check(space)


def test_a_hemmed_in_run_starts_again_in_free_space_near_the_view():
    crowd = [note(i, GAP + (i % 6) * (W + GAP), GAP + (i // 6) * (H + GAP))
             for i in range(6 * 40)]  # fmt: skip
    space = BoardSpace([], crowd)
    x, y = spot_outside_themes(space, crowd[0], near=(GAP, 2000))
    assert all(not Rect(x, y, W, H).intersects(Rect.of(n)) for n in crowd)
    assert abs(y - 2000) < 3 * H  # near where the facilitator is looking


# growing makes room -------------------------------------------------------------------------
def test_growing_a_theme_pushes_what_is_below_it_down_with_its_notes():
    top = Theme("a", "b", "Top", x=0, y=0, width=400, height=166)
    below = Theme("c", "b", "Below", x=0, y=200, width=400, height=300)
    inside = note(1, GAP, 200 + TITLE_BAND, "c")
    loose = note(2, 50, 520)  # under "Below": must move too (it would be covered)
    beside = note(3, 1000, 200)  # not under the grown strip: stays
    space = BoardSpace([top, below], [inside, loose, beside])
    moves = grow_theme(space, "a")
    dy = space.themes["c"].y - below.y
    assert dy > 0 and space.notes["n1"].y == inside.y + dy
    assert space.notes["n2"].y > loose.y and space.notes["n3"] == beside
    assert {t.id for t in moves.themes} == {"a", "c"}
    assert Rect.of(space.themes["a"]).bottom + GAP <= space.themes["c"].y
    check(space)


def test_growing_leaves_alone_what_already_overlapped():
    top = Theme("a", "b", "Top", x=0, y=0, width=400, height=166)
    dropped = note(1, 100, 150)  # put across the bottom edge by hand
    space = BoardSpace([top], [dropped])
    grow_theme(space, "a")
    assert space.notes["n1"] == dropped


# moving and resizing theme areas -----------------------------------------------------------
def test_moving_a_theme_brings_its_notes():
    theme = Theme("t", "b", "T", x=0, y=0, width=720, height=520)
    mine, other = note(1, GAP, TITLE_BAND, "t"), note(2, 900, 0)
    space = BoardSpace([theme], [mine, other])
    moves = move_theme(space, "t", 300, 400)
    assert (space.notes["n1"].x, space.notes["n1"].y) == (300 + GAP, 400 + TITLE_BAND)
    assert space.notes["n2"] == other and len(moves.notes) == 1


def test_resizing_stops_at_the_notes_inside_and_the_minimum():
    theme = Theme("t", "b", "T", x=0, y=0, width=720, height=520)
    mine = note(1, 300, 200, "t")
    space = BoardSpace([theme], [mine])
    resize_theme(space, "t", 10, 10)
    t = space.themes["t"]
    assert (t.width, t.height) == (300 + W + GAP, 200 + H + GAP)
    assert space.notes["n1"] == mine
    empty = BoardSpace([theme])
    resize_theme(empty, "t", 10, 10)
    assert (empty.themes["t"].width, empty.themes["t"].height) == MIN_THEME
    empty.themes["t"].validated()


# tidy up ------------------------------------------------------------------------------------
def test_tidy_up_separates_everything_and_keeps_reading_order():
    rng = random.Random(7)
    themes = [Theme(f"t{k}", "b", f"T{k}", x=rng.uniform(0, 900), y=rng.uniform(0, 900),
                    width=rng.choice([200, 400, 720]), height=rng.choice([120, 300, 520]))
              for k in range(6)]  # fmt: skip
    notes = [note(i, rng.uniform(0, 1500), rng.uniform(0, 1500),
                  rng.choice([None, *[t.id for t in themes]])) for i in range(120)]  # fmt: skip
    moves = tidy(themes, notes)
    space = BoardSpace(moves.themes, moves.notes)
    assert len(space.notes) == 120 and len(space.themes) == 6
    check(space)
    for a in moves.themes:
        for other in moves.themes:
            assert a is other or not Rect.of(a).intersects(Rect.of(other))
    loose = [n for n in moves.notes if n.theme_id is None]
    assert all(n.y >= max(t.y + t.height for t in moves.themes) for n in loose)
    # a theme's notes keep their reading order
    for theme in themes:
        old = [n.id for line in reading_order([n for n in notes if n.theme_id == theme.id])
               for n in line]  # fmt: skip
        new = [n.id for line in reading_order([n for n in moves.notes
                                               if n.theme_id == theme.id]) for n in line]
        assert new == old


def test_tidy_up_keeps_rows_of_themes_as_rows():
    a = Theme("a", "b", "A", x=0, y=0)
    c = Theme("c", "b", "C", x=2000, y=30)  # same row as A, further right
    d = Theme("d", "b", "D", x=100, y=900)  # next row
    moves = tidy([d, c, a], [])
    placed = {t.id: t for t in moves.themes}
    assert placed["a"].y == placed["c"].y < placed["d"].y
    assert placed["a"].x < placed["c"].x


def test_tidy_up_is_stable():
    rng = random.Random(3)
    themes = [Theme(f"t{k}", "b", f"T{k}", x=k * 800, y=0) for k in range(3)]
    notes = [note(i, rng.uniform(0, 2000), rng.uniform(0, 600),
                  rng.choice([None, "t0", "t1", "t2"])) for i in range(40)]  # fmt: skip
    once = tidy(themes, notes)
    twice = tidy(once.themes, once.notes)
    assert sorted(once.notes, key=lambda n: n.id) == sorted(twice.notes, key=lambda n: n.id)
    assert list(once.themes) == list(twice.themes)


# properties -------------------------------------------------------------------------------
def faults(space: BoardSpace) -> set[tuple[str, ...]]:
    """Everything wrong on a board: overlapping notes, notes over a title, notes of a theme
    lying (partly) outside its area."""
    notes = list(space.notes.values())
    found = {("overlap", *sorted(p)) for p in overlapping_notes(notes)}
    found |= {("title", t, n) for t, n in covered_titles(space.themes.values(), notes)}
    found |= {("outside", n.id) for n in notes if n.theme_id in space.themes
              and not Rect.of(space.themes[n.theme_id]).contains(Rect.of(n))}  # fmt: skip
    return found


AUTOMATIC = ["capture", "capture", "capture_in", "capture_in", "theme", "to_theme", "merge",
             "split", "tidy"]  # fmt: skip
BY_HAND = ["drop", "move_theme", "resize"]


@pytest.mark.parametrize("seed", range(16))
def test_any_sequence_of_placements_adds_no_overlap(seed):
    """Seeded random sequences of everything that places a note or a theme area: capture
    outside and inside themes (full ones grow), new theme, move to theme, merge, split,
    tidy up, and the facilitator's own drops, theme drags and resizes. After every rule-driven
    step the board has no fault it did not have before (only the facilitator's own hand can
    stack notes); after tidy up it has none at all."""
    rng = random.Random(seed)
    space = BoardSpace()
    last: Note | None = None
    made = 0
    theme_ids = (f"t{k}" for k in range(1000))

    def new_note(x: float = 0.0, y: float = 0.0) -> Note:
        nonlocal made
        made += 1
        return note(made, x, y)

    for _step in range(80):
        themes = sorted(space.themes)
        action = rng.choice(AUTOMATIC + BY_HAND)
        if not themes and action in ("capture_in", "to_theme", "merge", "split", "resize",
                                     "move_theme"):  # fmt: skip
            action = "theme"
        before = faults(space)
        if action == "capture":
            x, y = spot_outside_themes(space, last)
            last = new_note(x, y)
            space.put_note(last)
        elif action == "capture_in":
            one = new_note()
            place_in_theme(space, rng.choice(themes), [one])
            last = space.notes[one.id]
        elif action == "theme":
            w, h = rng.choice([(720, 166), (400, 300), (200, 150), (120, 100)])
            x, y = free_area(space, w, h, (rng.uniform(0, 3000), rng.uniform(0, 3000)))
            space.put_theme(Theme(next(theme_ids), "b", "T", x=x, y=y, width=w, height=h))
        elif action == "to_theme" and space.notes:
            chosen = rng.sample(sorted(space.notes), min(len(space.notes), rng.randint(1, 8)))
            place_in_theme(space, rng.choice(themes), [space.notes[i] for i in chosen])
        elif action == "merge" and len(themes) > 1:
            source, target = rng.sample(themes, 2)
            members = space.members(source)
            space.remove_theme(source)
            for n in members:
                space.put_note(replace(n, theme_id=None))
            place_in_theme(space, target, [space.notes[n.id] for n in members])
        elif action == "split":
            source = space.themes[rng.choice(themes)]
            chosen = sorted(space.members(source.id), key=lambda n: n.id)[: rng.randint(0, 4)]
            for n in chosen:
                space.remove_note(n.id)
            x, y = free_area(space, 720, 166, (source.x + source.width + 2 * GAP, source.y))
            new = Theme(next(theme_ids), "b", "Split", x=x, y=y, width=720, height=166)
            space.put_theme(new)
            place_in_theme(space, new.id, chosen)
        elif action == "resize":
            tid = rng.choice(themes)
            t = space.themes[tid]
            notes = dict(space.notes)
            resize_theme(space, tid, t.width + rng.uniform(-500, 300), t.height - 300)
            assert space.notes == notes  # notes stay put, and none is left outside its theme
            assert {f for f in faults(space) if f[0] == "outside"} <= before
        elif action == "tidy":
            moves = tidy(space.themes.values(), space.notes.values())
            assert len(moves.notes) == len(space.notes)
            space = BoardSpace(moves.themes, moves.notes)
            assert faults(space) == set()
        elif action == "drop" and space.notes:
            nid, other = rng.choice(sorted(space.notes)), rng.choice(sorted(space.notes))
            x, y = space.notes[other].x + rng.uniform(-80, 80), space.notes[other].y + 30
            dropped = replace(space.notes[nid], x=x, y=y)
            hit = [t for t in space.themes.values() if t.contains(*dropped.centre)]
            space.put_note(replace(dropped, theme_id=hit[0].id if hit else None))
        elif action == "move_theme":
            move_theme(space, rng.choice(themes), rng.uniform(0, 3000), rng.uniform(0, 3000))
        if action not in BY_HAND:
            assert faults(space) <= before, action
    assert len(space.notes) > 10


def test_occupancy_answers_like_a_full_scan():
    rng = random.Random(11)
    rects = {f"k{i}": Rect(rng.uniform(-500, 3000), rng.uniform(-500, 3000),
                           rng.uniform(1, 700), rng.uniform(1, 700)) for i in range(300)}
    space = Occupancy(rects.items())
    for key in list(rects)[:50]:
        space.remove(key)
        del rects[key]
    for _ in range(200):
        probe = Rect(rng.uniform(-600, 3000), rng.uniform(-600, 3000), rng.uniform(1, 900),
                     rng.uniform(1, 900))  # fmt: skip
        assert space.hits(probe) == {k for k, r in rects.items() if r.intersects(probe)}


def test_touching_is_not_overlapping():
    a = Rect(0, 0, 10, 10)
    assert not a.intersects(Rect(10, 0, 10, 10)) and a.intersects(Rect(9.5, 9.5, 10, 10))


def test_next_free_cell_is_none_when_full_and_respects_other_areas():
    theme = Theme("t", "b", "T", x=0, y=0, width=2 * (W + GAP) + GAP, height=TITLE_BAND + H)
    inner = Theme("i", "b", "Inner", x=GAP, y=TITLE_BAND, width=W, height=H)
    space = BoardSpace([theme, inner])
    assert next_free_cell(space, theme) == (GAP + W + GAP, TITLE_BAND)
    space.put_note(note(1, GAP + W + GAP, TITLE_BAND, "t"))
    assert next_free_cell(space, theme) is None
