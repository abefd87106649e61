"""The "You said, we did" feedback as plain data: what the community told us in the workshops
(themes, with their notes, dots and quotes) and what the partner organisations did about it.

A service fills it from the project, already anonymised; `feedback_pdf` draws it as a large-
print document and as a one-page poster. Nothing here knows about the project file or PDFs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from coprod_desktop.domain.reciprocity import KIND_WORDS, KINDS, MIN_PEOPLE, Summary, money
from coprod_desktop.domain.words import counted

# What each status of an action is called in the feedback: plain words, honest about a "no".
STATUS_WORDS = {
    "proposed": "Suggested",
    "agreed": "Agreed",
    "in_progress": "Being done",
    "done": "Done",
    "declined": "Said no",
}
# Most finished first: the order actions are listed in where there is not room for all.
STATUS_ORDER = ("done", "in_progress", "agreed", "proposed", "declined")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip


@dataclass(frozen=True)
class SaidTheme:
    """'You said': one theme people raised."""

    name: str  # already anonymised
    notes: int  # how many sticky notes were in it
    votes: int  # dots people gave it
    quotes: tuple[str, ...] = ()  # anonymised, from people who agreed to be quoted


@dataclass(frozen=True)
class Response:
    on: dt.date
    text: str  # what the partner said or did, anonymised


@dataclass(frozen=True)
class DidLine:
    """'We did': one action."""

    organisation: str  # who owns it, e.g. "Trading Standards"
    text: str  # the action, e.g. "Visit the shops near the school"
    status: str  # a key of STATUS_WORDS
    due: dt.date | None = None
    responses: tuple[Response, ...] = ()
    themes: tuple[str, ...] = ()  # names of the SaidThemes it answers


@dataclass(frozen=True)
class FeedbackDocument:
    feedback_id: str  # e.g. "FB-261204-A1B2"
    title: str  # e.g. "Your Street, Your Voice"
    issued: dt.datetime
    sessions: tuple[tuple[str, dt.date, str], ...]  # (session title, date, venue), anonymised
    people: int  # how many community members took part
    said: tuple[SaidTheme, ...]
    did: tuple[DidLine, ...]
    contact: str = ""  # who to talk to, how to get in touch (free text)
    cream: bool = False  # pale cream page background
    received: Summary | None = None  # what people were given for taking part, totals only


def status_word(status: str) -> str:
    """The plain word for a status; an unknown one as it is, with underscores as spaces."""
    return STATUS_WORDS.get(status, status.replace("_", " ").strip().capitalize())


def took_part(doc: FeedbackDocument) -> str:
    """Who took part, in a sentence ("42 people took part in 3 workshops."), or ""."""
    workshops = counted(len(doc.sessions), "workshop")
    if doc.people:
        where = f" in {workshops}" if doc.sessions else ""
        return f"{counted(doc.people, 'person', 'people')} took part{where}. Thank you."
    return f"We ran {workshops}." if doc.sessions else ""


def in_words(day: dt.date) -> str:
    """A date as people write it: "30 January 2027" (whatever the machine's language)."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def most_dots(themes: tuple[SaidTheme, ...]) -> list[SaidTheme]:
    """The themes with the most dots first (then the most notes); ties keep their order."""
    return sorted(themes, key=lambda t: (-t.votes, -t.notes))


def most_finished(actions: tuple[DidLine, ...]) -> list[DidLine]:
    """The actions done first, then being done, agreed, suggested and said no."""
    rank = {s: i for i, s in enumerate(STATUS_ORDER)}
    return sorted(actions, key=lambda a: rank.get(a.status, len(rank)))


def received_lines(doc: FeedbackDocument) -> list[str]:
    """What people were given, a line a kind ("Vouchers: £80.00"), in plain words; [] when
    the feedback does not say or nothing was given."""
    if doc.received is None or doc.received.empty:
        return []
    words = {KINDS[k]: KIND_WORDS[k].capitalize() for k in KINDS}
    out = []
    for line in doc.received.by_kind:
        name = words.get(line.label, line.label)
        worth = money(line.amount) if line.amount else counted(line.people, "person", "people")
        out.append(f"{name}: {worth}")
    return out


SMALL_NUMBERS = (f"Where fewer than {MIN_PEOPLE} people had something, we count it under "
                 "other things, so that nobody can be picked out.")  # fmt: skip
