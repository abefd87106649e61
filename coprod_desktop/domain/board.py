"""Sticky-note boards: notes, themes (labelled areas), dot-voting rounds, and their rules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from .errors import ValidationError

MAX_NOTE_TEXT = 2000
MAX_THEME_NAME = 120
NOTE_SIZE = (160.0, 110.0)
GAP = 16.0

# name -> fill colour (hex); the order is the Tab cycle in quick capture
NOTE_COLOURS: dict[str, str] = {
    "yellow": "#fff176",
    "pink": "#f8bbd0",
    "green": "#c5e1a5",
    "blue": "#b3e5fc",
    "orange": "#ffcc80",
    "purple": "#d1c4e9",
}
THEME_COLOURS: dict[str, str] = {
    "grey": "#eceff1",
    "sand": "#f5ecd7",
    "mint": "#e0f2ec",
    "sky": "#e3eef9",
    "rose": "#f9e4ea",
    "lilac": "#ece6f6",
}


def next_colour(colour: str) -> str:
    names = list(NOTE_COLOURS)
    return names[(names.index(colour) + 1) % len(names)] if colour in names else names[0]


@dataclass(frozen=True)
class Board:
    id: str
    session_id: str
    title: str
    layout_locked: bool = False

    def validated(self) -> Board:
        title = " ".join(self.title.split())
        if not title:
            raise ValidationError("A board needs a title.")
        return replace(self, title=title[:MAX_THEME_NAME])


@dataclass(frozen=True)
class Theme:
    id: str
    board_id: str
    name: str
    colour: str = "grey"
    x: float = 0.0
    y: float = 0.0
    width: float = 720.0
    height: float = 520.0

    def contains(self, x: float, y: float) -> bool:
        return self.x <= x <= self.x + self.width and self.y <= y <= self.y + self.height

    @property
    def area(self) -> float:
        return self.width * self.height

    def validated(self) -> Theme:
        name = " ".join(self.name.split())
        if not name:
            raise ValidationError("A theme needs a name.")
        if len(name) > MAX_THEME_NAME:
            raise ValidationError(f"A theme name can be at most {MAX_THEME_NAME} characters.")
        if self.colour not in THEME_COLOURS:
            raise ValidationError("Choose one of the theme colours.")
        if self.width < 120 or self.height < 100:
            raise ValidationError("A theme area must be at least 120 by 100.")
        return replace(self, name=name)


@dataclass(frozen=True)
class Note:
    id: str
    board_id: str
    text: str
    colour: str = "yellow"
    x: float = 0.0
    y: float = 0.0
    width: float = NOTE_SIZE[0]
    height: float = NOTE_SIZE[1]
    author_id: str | None = None  # None: unattributed
    theme_id: str | None = None
    sensitive: bool = False
    safeguarding: bool = False

    @property
    def centre(self) -> tuple[float, float]:
        return self.x + self.width / 2, self.y + self.height / 2

    @property
    def may_leave_project(self) -> bool:
        """Safeguarding-flagged notes never leave the project (no pack, no export)."""
        return not self.safeguarding

    def validated(self) -> Note:
        text = self.text.strip()
        if not text:
            raise ValidationError("A note needs some text.")
        if len(text) > MAX_NOTE_TEXT:
            raise ValidationError(f"A note can hold at most {MAX_NOTE_TEXT} characters.")
        if self.colour not in NOTE_COLOURS:
            raise ValidationError("Choose one of the note colours.")
        if not (40 <= self.width <= 1200 and 30 <= self.height <= 1200):
            raise ValidationError("That note size is not possible.")
        return replace(self, text=text)


def theme_at(themes: Iterable[Theme], x: float, y: float) -> Theme | None:
    """The theme area under a point; where areas overlap, the smallest (innermost) wins."""
    hits = [t for t in themes if t.contains(x, y)]
    return min(hits, key=lambda t: t.area, default=None)


def place_new_note(
    notes: Sequence[Note], theme: Theme | None = None, last: Note | None = None
) -> tuple[float, float]:
    """Where a newly captured note goes, overlapping none of `notes`: the next free place in
    the grid of `theme`, or beside the last note placed (six to a row) outside `theme`.

    A full theme gets the first free place in the rows continuing below its area: callers
    that may change the board use board_layout.place_in_theme, which grows the theme."""
    from .board_layout import BoardSpace, next_free_cell, spot_outside_themes

    if theme is None:
        return spot_outside_themes(BoardSpace((), notes), last)
    space = BoardSpace([theme], notes)
    spot = next_free_cell(space, theme)
    while spot is None:
        theme = replace(theme, height=theme.height + NOTE_SIZE[1] + GAP)
        space.put_theme(theme)
        spot = next_free_cell(space, theme)
    return spot


def likely_session(sessions: Iterable, today: dt.date):
    """The session a new board most likely belongs to: today's, else the nearest in time (an
    earlier one wins a tie). None when there are no sessions."""
    return min(sessions, key=lambda s: (abs((s.date - today).days), s.date > today),
               default=None)  # fmt: skip


# voting -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class VoteRound:
    id: str
    board_id: str
    votes_per_person: int
    anonymous: bool = False
    is_open: bool = True
    revealed: bool = False

    def validated(self) -> VoteRound:
        if not 1 <= self.votes_per_person <= 20:
            raise ValidationError("Give each person between 1 and 20 votes.")
        return self


@dataclass(frozen=True)
class Vote:
    id: str
    round_id: str
    note_id: str
    participant_id: str | None  # None for an anonymous tally
    count: int = 1


def check_vote(round_: VoteRound, used_by_voter: int, count: int = 1) -> None:
    """Raise ValidationError unless this vote may be cast now."""
    if not round_.is_open:
        raise ValidationError("This voting round is closed.")
    if count < 1:
        raise ValidationError("A vote adds at least one dot.")
    if not round_.anonymous and used_by_voter + count > round_.votes_per_person:
        left = round_.votes_per_person - used_by_voter
        raise ValidationError(f"That person has {max(0, left)} of their "
                              f"{round_.votes_per_person} votes left.")  # fmt: skip


def tallies(votes: Iterable[Vote]) -> dict[str, int]:
    out: dict[str, int] = {}
    for vote in votes:
        out[vote.note_id] = out.get(vote.note_id, 0) + vote.count
    return out
