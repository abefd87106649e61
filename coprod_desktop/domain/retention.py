"""How long a project keeps what it holds, what is due for erasure on a day, and what outputs
must leave out once it is past its time, even before the facilitator erases it.

Every period counts from the project's last session: the latest session date in the project
(not each person's own last session: attendance is not recorded, and a project's material is
kept for the life of the project). Three kinds of material expire:

- raw audio: the sound of every recording (radio-lab takes, studio links, consent given out
  loud stays with the material below). Clips keep their title, transcript and edits; imported
  music is nobody's voice and stays;
- real names: participants' real names and aliases, and the names on their consent records
  (a guardian's name and relationship, the credit name). Written mentions of those names
  become the person's pseudonym, so anonymising keeps working without them;
- the material of people who did not agree to "keep for research" (their notes, clips and
  recordings, their consent given out loud, their credits in programmes). The anonymised
  material of those who agreed is kept.

A period of None means "keep" (never due). Plain Python: the clock is always a parameter.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from .errors import ValidationError
from .words import QT_TR_NOOP

AUDIO = "audio"
NAMES = "names"
MATERIAL = "material"
KINDS = (AUDIO, NAMES, MATERIAL)
MAX_MONTHS = 240

LABELS = {
    AUDIO: QT_TR_NOOP("Raw audio"),
    NAMES: QT_TR_NOOP("Real names"),
    MATERIAL: QT_TR_NOOP("Material of people who did not agree to research"),
}

# Reasons outputs count when they leave something out (shared by packs, feedback, programmes).
AUDIO_PAST = "Audio not attached: past the project's retention for raw audio"
MATERIAL_PAST = "Past retention: someone in it did not agree to keep it for research"


@dataclass(frozen=True)
class RetentionPolicy:
    """Months after the project's last session; None: kept."""

    audio_months: int | None = 6
    names_months: int | None = 12
    material_months: int | None = 12

    def months(self, kind: str) -> int | None:
        return {AUDIO: self.audio_months, NAMES: self.names_months,
                MATERIAL: self.material_months}[kind]  # fmt: skip

    def validated(self) -> RetentionPolicy:
        for kind in KINDS:
            months = self.months(kind)
            if months is None:
                continue
            if isinstance(months, bool) or not isinstance(months, int):
                raise ValidationError("A retention period is a whole number of months.")
            if not 1 <= months <= MAX_MONTHS:
                raise ValidationError(f"A retention period is between 1 and {MAX_MONTHS} "
                                      "months, or “keep”.")  # fmt: skip
        return self


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (the month's last day when it has no such day)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def expires(policy: RetentionPolicy, kind: str, last_session: dt.date | None) -> dt.date | None:
    """The first day `kind` is past its retention; None when it never is (kept, no session)."""
    months = policy.months(kind)
    if months is None or last_session is None:
        return None
    return add_months(last_session, months)


@dataclass(frozen=True)
class Facts:
    """What the project holds that retention applies to, counted on the day asked about."""

    last_session: dt.date | None
    recordings: int = 0  # recordings still holding voice audio
    named: int = 0  # people whose real name, aliases or names on consent are still recorded
    unresearched: tuple[str, ...] = ()  # pseudonyms of people with material, not agreed
    material: int = 0  # their notes, clips and recordings


@dataclass(frozen=True)
class DueItem:
    kind: str
    since: dt.date  # the first day it was past retention
    count: int
    whose: tuple[str, ...] = field(default_factory=tuple)  # pseudonyms, for material

    @property
    def label(self) -> str:
        return LABELS[self.kind]


def due(policy: RetentionPolicy, facts: Facts, today: dt.date) -> list[DueItem]:
    """What is past its retention on `today` and still in the project."""
    counts = {AUDIO: facts.recordings, NAMES: facts.named, MATERIAL: facts.material}
    out = []
    for kind in KINDS:
        since = expires(policy, kind, facts.last_session)
        if since is None or today < since or not counts[kind]:
            continue
        whose = facts.unresearched if kind == MATERIAL else ()
        out.append(DueItem(kind, since, counts[kind], tuple(whose)))
    return out


@dataclass(frozen=True)
class Lapsed:
    """What outputs made at a moment must leave out: past retention, erased or not yet."""

    audio: bool = False
    names: bool = False
    material_of: frozenset[str] = frozenset()  # participant ids

    def material(self, people: Iterable[str]) -> bool:
        return any(p in self.material_of for p in people)


def lapsed(policy: RetentionPolicy, last_session: dt.date | None, today: dt.date,
           unresearched: Iterable[str] = ()) -> Lapsed:  # fmt: skip
    """`unresearched`: ids of everyone who had not agreed to keep for research by `today`."""

    def past(kind: str) -> bool:
        since = expires(policy, kind, last_session)
        return since is not None and today >= since

    return Lapsed(past(AUDIO), past(NAMES),
                  frozenset(unresearched) if past(MATERIAL) else frozenset())  # fmt: skip
