"""Where things go on a board: free space for a new theme area, the next free place in a
theme's grid (growing a full theme and making room below it), the next free place for a note
outside any theme, and tidying up a whole board. Plain rules over rectangles; no Qt, no SQL.

Two notes overlap when their rectangles share some area (touching edges is not overlap). The
rules here never put a note where it would overlap another note, and never put a note or a
new theme area where it would hide a theme's title. Only the facilitator (by dragging) can
stack things."""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from .board import GAP, NOTE_SIZE, Note, Theme

TITLE_BAND = 40.0  # a theme's name sits in this band at its top; its grid starts below it
MIN_THEME = (120.0, 100.0)  # the smallest theme area (as Theme.validated() requires)
ROW_OF_NOTES = 6  # notes outside themes go six to a row, then a new row under the first
RUN_LIMIT = 4 * ROW_OF_NOTES  # places tried in a run of notes before starting a new run
NEAREST_EDGES = 48  # candidate edges (per axis) tried when looking for free space


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float

    @classmethod
    def of(cls, thing: Note | Theme) -> Rect:
        return cls(thing.x, thing.y, thing.width, thing.height)

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    def intersects(self, other: Rect) -> bool:
        """True when the two share some area; touching edges do not count."""
        return (self.x < other.right and other.x < self.right
                and self.y < other.bottom and other.y < self.bottom)  # fmt: skip

    def contains(self, other: Rect) -> bool:
        return (self.x <= other.x and self.y <= other.y and other.right <= self.right
                and other.bottom <= self.bottom)  # fmt: skip

    def grown(self, margin: float) -> Rect:
        return Rect(self.x - margin, self.y - margin, self.w + 2 * margin, self.h + 2 * margin)

    def moved(self, dx: float, dy: float) -> Rect:
        return Rect(self.x + dx, self.y + dy, self.w, self.h)

    def union(self, other: Rect) -> Rect:
        x, y = min(self.x, other.x), min(self.y, other.y)
        return Rect(x, y, max(self.right, other.right) - x, max(self.bottom, other.bottom) - y)


class Occupancy:
    """Rectangles by key in a grid of buckets, so "what is here?" costs the same on a board of
    fifty notes and of fifty thousand."""

    CELL = 256.0

    def __init__(self, items: Iterable[tuple[str, Rect]] = ()):
        self._rects: dict[str, Rect] = {}
        self._buckets: dict[tuple[int, int], set[str]] = {}
        self._right = self._bottom = -math.inf  # never lowered: a safe bound for "below all"
        for key, rect in items:
            self.put(key, rect)

    def _cells(self, rect: Rect) -> list[tuple[int, int]]:
        c = self.CELL
        x, y = rect.x, rect.y
        rows = range(math.floor(y / c), math.floor((y + rect.h) / c) + 1)
        return [(i, j) for i in range(math.floor(x / c), math.floor((x + rect.w) / c) + 1)
                for j in rows]  # fmt: skip

    def put(self, key: str, rect: Rect) -> None:
        if key in self._rects:
            self.remove(key)
        self._rects[key] = rect
        buckets = self._buckets
        for cell in self._cells(rect):
            bucket = buckets.get(cell)
            if bucket is None:
                buckets[cell] = {key}
            else:
                bucket.add(key)
        right, bottom = rect.x + rect.w, rect.y + rect.h
        if right > self._right:
            self._right = right
        if bottom > self._bottom:
            self._bottom = bottom

    def remove(self, key: str) -> None:
        rect = self._rects.pop(key, None)
        if rect is not None:
            for cell in self._cells(rect):
                bucket = self._buckets.get(cell)
                if bucket is not None:
                    bucket.discard(key)
                    if not bucket:
                        del self._buckets[cell]

    def hits(self, rect: Rect) -> set[str]:
        """Keys whose rectangles share area with `rect`."""
        found: set[str] = set()
        for cell in self._cells(rect):
            for key in self._buckets.get(cell, ()):
                if key not in found and self._rects[key].intersects(rect):
                    found.add(key)
        return found

    def is_free(self, rect: Rect, ignore: frozenset[str] | set[str] = frozenset()) -> bool:
        for cell in self._cells(rect):
            for key in self._buckets.get(cell, ()):
                if key not in ignore and self._rects[key].intersects(rect):
                    return False
        return True

    def rect(self, key: str) -> Rect | None:
        return self._rects.get(key)

    def items(self) -> Iterable[tuple[str, Rect]]:
        return self._rects.items()

    @property
    def far_corner(self) -> tuple[float, float] | None:
        """At or beyond the right and bottom edges of everything ever put here."""
        return None if not self._rects else (self._right, self._bottom)

    def __len__(self) -> int:
        return len(self._rects)


class BoardSpace:
    """What occupies a board: its theme areas, its notes, and which notes are in which theme.
    Kept up to date as things change (`put_note`, `remove_note`, `put_theme`, …)."""

    def __init__(self, themes: Iterable[Theme] = (), notes: Iterable[Note] = ()):
        self.themes: dict[str, Theme] = {}
        self.notes: dict[str, Note] = {}
        self.note_space = Occupancy()
        self.theme_space = Occupancy()
        self._members: dict[str, set[str]] = {}
        for theme in themes:
            self.put_theme(theme)
        for note in notes:
            self.put_note(note)

    def put_theme(self, theme: Theme) -> None:
        self.themes[theme.id] = theme
        self.theme_space.put(theme.id, Rect.of(theme))

    def remove_theme(self, theme_id: str) -> None:
        self.themes.pop(theme_id, None)
        self.theme_space.remove(theme_id)

    def put_note(self, note: Note) -> None:
        old = self.notes.get(note.id)
        if old is not None and old.theme_id:
            self._members[old.theme_id].discard(note.id)
        self.notes[note.id] = note
        self.note_space.put(note.id, Rect.of(note))
        if note.theme_id:
            self._members.setdefault(note.theme_id, set()).add(note.id)

    def remove_note(self, note_id: str) -> None:
        old = self.notes.pop(note_id, None)
        if old is not None and old.theme_id:
            self._members.get(old.theme_id, set()).discard(note_id)
        self.note_space.remove(note_id)

    def members(self, theme_id: str) -> list[Note]:
        return [self.notes[i] for i in self._members.get(theme_id, ()) if i in self.notes]

    def far_corner(self) -> tuple[float, float]:
        corners = [c for c in (self.note_space.far_corner, self.theme_space.far_corner) if c]
        if not corners:
            return (0.0, 0.0)
        return max(c[0] for c in corners), max(c[1] for c in corners)


# a note in a theme ------------------------------------------------------------------------
def grid_columns(theme: Theme, cell_w: float = NOTE_SIZE[0]) -> int:
    return max(1, int((theme.width - GAP) // (cell_w + GAP)))


def grid_rows(theme: Theme, cell_h: float = NOTE_SIZE[1]) -> int:
    """Rows of the grid that lie wholly inside the area (below its title band)."""
    return max(0, int((theme.height - TITLE_BAND + GAP) // (cell_h + GAP)))


def grid_cell(theme: Theme, col: int, row: int, cell: tuple[float, float] = NOTE_SIZE
              ) -> tuple[float, float]:  # fmt: skip
    return (theme.x + GAP + col * (cell[0] + GAP), theme.y + TITLE_BAND + row * (cell[1] + GAP))


def _theme_obstacles(space: BoardSpace, theme: Theme) -> set[str]:
    """Theme areas that a note in `theme` must keep off: any other area overlapping it, except
    areas that enclose it (a theme drawn inside a bigger one)."""
    area = Rect.of(theme)
    return {tid for tid in space.theme_space.hits(area)
            if tid != theme.id and not Rect.of(space.themes[tid]).contains(area)}  # fmt: skip


def free_cells(space: BoardSpace, theme: Theme, size: tuple[float, float] = NOTE_SIZE,
               ignore: frozenset[str] = frozenset()) -> Iterator[tuple[float, float]]:  # fmt: skip
    """The places in the theme's grid (reading order) where a note of `size` overlaps no
    other note (`ignore`: notes about to move) and no other theme area."""
    others = _theme_obstacles(space, theme)
    area = Rect.of(theme)
    for row in range(grid_rows(theme, size[1])):
        for col in range(grid_columns(theme, size[0])):
            x, y = grid_cell(theme, col, row, size)
            spot = Rect(x, y, *size)
            if not area.contains(spot):
                break  # an area narrower than a note: it grows wider first
            if space.note_space.is_free(spot, ignore) and not any(
                space.theme_space.rect(t).intersects(spot) for t in others
            ):
                yield x, y


def next_free_cell(space: BoardSpace, theme: Theme, size: tuple[float, float] = NOTE_SIZE,
                   ignore: frozenset[str] = frozenset()) -> tuple[float, float] | None:  # fmt: skip
    """The first free place in the theme's grid (see free_cells); None when it is full."""
    return next(free_cells(space, theme, size, ignore), None)


@dataclass(frozen=True)
class Moves:
    """What a layout rule changed: new versions of theme areas and notes."""

    themes: tuple[Theme, ...] = ()
    notes: tuple[Note, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.themes or self.notes)


def grow_theme(space: BoardSpace, theme_id: str, rows: int = 1,
               size: tuple[float, float] = NOTE_SIZE) -> Moves:  # fmt: skip
    """Make a theme `rows` grid rows taller. Whatever that newly puts it on top of (another
    theme area with its notes, or a note outside themes) moves down by as much as the theme
    grew, and so on below, as if space were inserted: what moves keeps its own arrangement,
    and nothing comes to overlap that did not overlap before. `space` is updated; returns
    the changed themes and notes."""
    theme = space.themes[theme_id]
    height = max(theme.height, TITLE_BAND + (grid_rows(theme, size[1]) + rows) * (size[1] + GAP))
    old = {theme_id: _block_rects(space, theme_id)}
    space.put_theme(replace(theme, height=height, width=max(theme.width, 2 * GAP + size[0])))
    new = {theme_id: _block_rects(space, theme_id)}
    shift = {theme_id: height - theme.height}
    queue = [theme_id]
    for _guard in range(100_000):
        if not queue:
            break
        key = queue.pop(0)
        bottom = max(r.bottom for r in new[key].values())
        for other in _blocks_hitting(space, new[key].values(), key):
            if other not in old:
                old[other] = _block_rects(space, other)
            current = new.get(other, old[other])
            if not _fresh(new[key], current, old[key], old[other]):
                continue
            # as far as its pusher moved, if that clears it (the usual case); else below it
            step = shift[key]
            if step <= 0 or _fresh(new[key], _moved(current, step), old[key], old[other]):
                step = bottom + GAP - min(r.y for r in current.values())
            if step > 0:
                _move_block(space, other, step)
                new[other] = _block_rects(space, other)
                shift[other] = shift.get(other, 0.0) + step
                queue.append(other)
    moved = [k for k in shift if k != theme_id]
    themes = [space.themes[k] for k in (theme_id, *moved) if k in space.themes]
    notes: list[Note] = []
    for key in moved:
        notes.extend(space.members(key) if key in space.themes else [space.notes[key]])
    return Moves(tuple(themes), tuple(notes))


def _fresh(a_new: dict[str, Rect], b_now: dict[str, Rect], a_old: dict[str, Rect],
           b_old: dict[str, Rect]) -> bool:  # fmt: skip
    """Whether a (as it is now) overlaps b, or is too close to it, where it did not before."""
    return bool((_pairs(a_new, b_now, 0) - _pairs(a_old, b_old, 0))
                or (_pairs(a_new, b_now, NEAR) - _pairs(a_old, b_old, NEAR)))  # fmt: skip


def _moved(rects: dict[str, Rect], dy: float) -> dict[str, Rect]:
    return {k: r.moved(0, dy) for k, r in rects.items()}


NEAR = GAP  # closer than this counts as in the way when making room


def _block_rects(space: BoardSpace, key: str) -> dict[str, Rect]:
    """What moves as one: a theme area with its notes, or a note outside any theme."""
    if key in space.themes:
        theme = space.themes[key]
        rects = {key: Rect.of(theme), key + "#title": Rect(theme.x, theme.y, theme.width,
                                                           TITLE_BAND)}  # fmt: skip
        rects.update((n.id, Rect.of(n)) for n in space.members(key))
        return rects
    return {key: Rect.of(space.notes[key])}


def _pairs(a: dict[str, Rect], b: dict[str, Rect], margin: float) -> set[tuple[str, str]]:
    return {(ka, kb) for ka, ra in a.items() for kb, rb in b.items()
            if ra.grown(margin).intersects(rb)}  # fmt: skip


def _block_of(space: BoardSpace, note_id: str) -> str:
    note = space.notes[note_id]
    return note.theme_id if note.theme_id in space.themes else note_id


def _blocks_hitting(space: BoardSpace, rects: Iterable[Rect], me: str) -> list[str]:
    keys: set[str] = set()
    for rect in rects:
        near = rect.grown(NEAR)
        keys |= {_block_of(space, n) for n in space.note_space.hits(near)}
        keys |= space.theme_space.hits(near)
    keys.discard(me)
    return sorted(keys, key=lambda k: (min(r.y for r in _block_rects(space, k).values()), k))


def _move_block(space: BoardSpace, key: str, dy: float) -> None:
    if key in space.themes:
        theme = space.themes[key]
        for note in space.members(key):
            space.put_note(replace(note, y=note.y + dy))
        space.put_theme(replace(theme, y=theme.y + dy))
    else:
        note = space.notes[key]
        space.put_note(replace(note, y=note.y + dy))


def place_in_theme(space: BoardSpace, theme_id: str, notes: Iterable[Note]) -> Moves:
    """Put notes into a theme, each in the next free place of its grid, in the reading order
    of where they were (so a row of notes stays in that order); a full theme grows (see
    grow_theme). `space` is updated; returns every changed theme and note."""
    themes: dict[str, Theme] = {}
    moved: dict[str, Note] = {}
    ordered = [n for row in reading_order(notes) for n in row]
    for note in ordered:
        space.remove_note(note.id)  # their old places are free for the notes that follow
    theme = space.themes[theme_id]
    short = len(ordered) - sum(1 for _ in free_cells(space, theme))
    if short > 0:  # grow once, by as many rows as needed, rather than row by row
        grown = grow_theme(space, theme_id, math.ceil(short / grid_columns(theme)))
        themes.update((t.id, t) for t in grown.themes)
        moved.update((n.id, n) for n in grown.notes)
    for note in ordered:
        size = (note.width, note.height)
        spot = next_free_cell(space, space.themes[theme_id], size)
        tries = 0
        while spot is None and tries < 10_000:
            tries += 1
            grown = grow_theme(space, theme_id, 1, size)
            themes.update((t.id, t) for t in grown.themes)
            moved.update((n.id, n) for n in grown.notes)
            spot = next_free_cell(space, space.themes[theme_id], size)
        if spot is None:  # pragma: no cover - a theme can always grow
            raise RuntimeError("no place in the theme")
        placed = replace(note, x=spot[0], y=spot[1], theme_id=theme_id)
        space.put_note(placed)
        moved[note.id] = placed
    return Moves(tuple(themes.values()), tuple(moved.values()))


# a note outside themes ----------------------------------------------------------------------
def spot_outside_themes(space: BoardSpace, last: Note | None = None,
                        size: tuple[float, float] = NOTE_SIZE,
                        near: tuple[float, float] = (GAP, GAP)) -> tuple[float, float]:  # fmt: skip
    """Where a note captured outside any theme goes, overlapping no note and no theme area.
    Notes typed one after another form a run: beside the last one, six to a row, each new
    row under the run's first note. When the last note is in a theme (or there is none, or
    the run is hemmed in), a new run starts in free space as near `near` as possible."""
    step_x, step_y = size[0] + GAP, size[1] + GAP

    def free(x: float, y: float) -> bool:
        spot = Rect(x, y, *size)
        return space.note_space.is_free(spot) and space.theme_space.is_free(spot.grown(GAP / 2))

    if last is not None and last.theme_id not in space.themes:
        start = last.x
        for _ in range(ROW_OF_NOTES - 1):  # back along the row to the run's first note
            if not _loose_note_at(space, start - step_x, last.y):
                break
            start -= step_x
        first = round((last.x - start) / step_x) + 1
        for index in range(first, first + RUN_LIMIT):
            col, row = index % ROW_OF_NOTES, index // ROW_OF_NOTES
            x, y = start + col * step_x, last.y + row * step_y
            if free(x, y):
                return x, y
    return free_area(space, ROW_OF_NOTES * step_x - GAP, size[1], near)


def _loose_note_at(space: BoardSpace, x: float, y: float) -> bool:
    return any(abs(space.notes[k].x - x) < 0.5 and abs(space.notes[k].y - y) < 0.5
               and space.notes[k].theme_id not in space.themes
               for k in space.note_space.hits(Rect(x + 1, y + 1, 1, 1)))  # fmt: skip


# a new theme area ---------------------------------------------------------------------------
def free_area(space: BoardSpace, width: float, height: float,
              near: tuple[float, float] = (GAP, GAP)) -> tuple[float, float]:  # fmt: skip
    """The top-left corner of free space for an area of `width` x `height`, as near `near` as
    possible: it overlaps no theme area and no note and keeps a gap of two GAPs to them."""
    margin = 2 * GAP
    near = (max(GAP, near[0]), max(GAP, near[1]))
    rects = [r for _k, r in space.theme_space.items()] + [r for _k, r in space.note_space.items()]
    xs = {near[0], GAP} | {r.right + margin for r in rects} | {r.x - width - margin for r in rects}
    ys = {near[1], GAP} | {r.bottom + margin for r in rects} | {r.y - height - margin
                                                               for r in rects}  # fmt: skip
    xs = sorted((v for v in xs if v >= GAP), key=lambda v: abs(v - near[0]))[:NEAREST_EDGES]
    ys = sorted((v for v in ys if v >= GAP), key=lambda v: abs(v - near[1]))[:NEAREST_EDGES]
    candidates = sorted(((x, y) for x in xs for y in ys),
                        key=lambda p: (math.hypot(p[0] - near[0], p[1] - near[1]), p[1], p[0]))
    for x, y in candidates:  # fmt: skip
        keep_off = Rect(x, y, width, height).grown(GAP)
        if space.theme_space.is_free(keep_off) and space.note_space.is_free(keep_off):
            return x, y
    return space.far_corner()[0] + margin, GAP


def area_for(count: int, columns: int = 4, size: tuple[float, float] = NOTE_SIZE
             ) -> tuple[float, float]:  # fmt: skip
    """Width and height of a theme area whose grid holds `count` notes (at least one row)."""
    rows = max(1, math.ceil(count / columns))
    return (GAP + columns * (size[0] + GAP),
            max(MIN_THEME[1], TITLE_BAND + rows * (size[1] + GAP)))  # fmt: skip


# moving and resizing a theme area -----------------------------------------------------------
def move_theme(space: BoardSpace, theme_id: str, x: float, y: float) -> Moves:
    """Move a theme area; its notes come with it, keeping their places inside it."""
    theme = space.themes[theme_id]
    dx, dy = x - theme.x, y - theme.y
    notes = tuple(replace(n, x=n.x + dx, y=n.y + dy) for n in space.members(theme_id))
    moved = replace(theme, x=x, y=y)
    space.put_theme(moved)
    for note in notes:
        space.put_note(note)
    return Moves((moved,), notes)


def smallest_size(space: BoardSpace, theme_id: str) -> tuple[float, float]:
    """A theme area cannot be smaller than MIN_THEME nor leave any of its notes outside it."""
    theme = space.themes[theme_id]
    w, h = MIN_THEME
    for note in space.members(theme_id):
        w = max(w, note.x + note.width + GAP - theme.x)
        h = max(h, note.y + note.height + GAP - theme.y)
    return w, h


def resize_theme(space: BoardSpace, theme_id: str, width: float, height: float) -> Moves:
    """Resize a theme area from its bottom-right corner; its notes stay where they are, so the
    area stops shrinking at its notes (and at MIN_THEME)."""
    least_w, least_h = smallest_size(space, theme_id)
    theme = replace(space.themes[theme_id], width=max(width, least_w),
                    height=max(height, least_h))  # fmt: skip
    space.put_theme(theme)
    return Moves((theme,), ())


# tidying the whole board --------------------------------------------------------------------
def reading_order(things: Iterable[Note | Theme]) -> list[list[Note | Theme]]:
    """Rows as a reader sees them: sorted top to bottom, a thing joins the row above when its
    top is above that row's middle; each row left to right."""
    rows: list[list] = []
    limit = -math.inf
    for thing in sorted(things, key=lambda t: (t.y, t.x)):
        if rows and thing.y < limit:
            rows[-1].append(thing)
            limit = min(limit, thing.y + thing.height / 2)
        else:
            rows.append([thing])
            limit = thing.y + thing.height / 2
    return [sorted(row, key=lambda t: (t.x, t.y)) for row in rows]


def _cell_size(notes: Iterable[Note]) -> tuple[float, float]:
    w, h = NOTE_SIZE
    for note in notes:
        w, h = max(w, note.width), max(h, note.height)
    return w, h


def tidy(themes: Iterable[Theme], notes: Iterable[Note],
         origin: tuple[float, float] = (GAP, GAP)) -> Moves:  # fmt: skip
    """Lay out a whole board with nothing overlapping. Themes keep the rows they are in (read
    top to bottom, left to right) and their width; each theme's notes fill its grid in reading
    order and the area fits them; the notes outside themes follow below, keeping their rows
    (wrapping rows wider than the themes). Returns every theme and note, placed."""
    themes, notes = list(themes), list(notes)
    by_theme: dict[str, list[Note]] = {t.id: [] for t in themes}
    loose: list[Note] = []
    for note in notes:
        by_theme.get(note.theme_id or "", loose).append(note)
    placed_themes: list[Theme] = []
    placed_notes: list[Note] = []
    x0, y = origin
    widest = 0.0
    for row in reading_order(themes):
        x, tallest = x0, 0.0
        for theme in row:
            members = [n for line in reading_order(by_theme[theme.id]) for n in line]
            cell = _cell_size(members)
            columns = grid_columns(theme, cell[0])
            rows = max(1, math.ceil(len(members) / columns))
            width = max(theme.width, GAP + columns * (cell[0] + GAP), MIN_THEME[0])
            height = max(MIN_THEME[1], TITLE_BAND + rows * (cell[1] + GAP))
            area = replace(theme, x=x, y=y, width=width, height=height)
            placed_themes.append(area)
            for index, note in enumerate(members):
                cx, cy = grid_cell(area, index % columns, index // columns, cell)
                placed_notes.append(replace(note, x=cx, y=cy))
            x += width + 2 * GAP
            tallest = max(tallest, height)
        widest = max(widest, x - 2 * GAP - x0)
        y += tallest + 2 * GAP
    if loose:
        cell = _cell_size(loose)
        per_row = max(ROW_OF_NOTES, int((widest + GAP) // (cell[0] + GAP)))
        for line in reading_order(loose):
            for start in range(0, len(line), per_row):
                for index, note in enumerate(line[start:start + per_row]):
                    placed_notes.append(replace(note, x=x0 + index * (cell[0] + GAP), y=y))
                y += cell[1] + GAP
    return Moves(tuple(placed_themes), tuple(placed_notes))


def overlapping_notes(notes: Iterable[Note]) -> list[tuple[str, str]]:
    """Pairs of notes that overlap (for checks and tests); near-linear time."""
    space = Occupancy()
    pairs: list[tuple[str, str]] = []
    for note in notes:
        rect = Rect.of(note)
        pairs.extend((other, note.id) for other in sorted(space.hits(rect)))
        space.put(note.id, rect)
    return pairs


def covered_titles(themes: Iterable[Theme], notes: Iterable[Note]) -> list[tuple[str, str]]:
    """(theme id, note id) where a note lies over a theme's title band."""
    space = Occupancy((n.id, Rect.of(n)) for n in notes)
    return [(t.id, n) for t in themes
            for n in sorted(space.hits(Rect(t.x, t.y, t.width, TITLE_BAND)))]  # fmt: skip
