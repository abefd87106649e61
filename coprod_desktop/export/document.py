"""What a pack says, before it is drawn: plain data the PDF renderer lays out. Every text in it
has already been anonymised; nothing here names a person."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

# The sections a facilitator can choose; the cover and summary are always there.
SECTIONS: dict[str, str] = {
    "summary": "Summary",
    "themes": "Themes and notes",
    "quotes": "Quotes from the radio lab",
    "charts": "Charts",
    "consent": "Consent in numbers",
    "risks": "Risk register",
    "barriers": "Barriers",
    "outcomes": "Outcomes",
}
ALWAYS = frozenset({"summary"})
# The risk register, barriers and outcomes go in only when the facilitator ticks them.
DEFAULT_SECTIONS = frozenset({"summary", "themes", "quotes", "charts", "consent"})


@dataclass(frozen=True)
class SessionLine:
    title: str
    date: dt.date
    venue: str
    format: str
    people_by_role: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class ThemeBlock:
    session: str
    name: str  # "" for notes not in a theme
    notes: tuple[tuple[str, int], ...]  # (text, votes)

    @property
    def votes(self) -> int:
        return sum(v for _t, v in self.notes)


@dataclass(frozen=True)
class Quote:
    session: str
    title: str
    text: str
    seconds: int = 0
    audio_file: str = ""  # the attachment's name when the audio is attached


@dataclass(frozen=True)
class RiskLine:
    category: str
    description: str
    affects: str
    likelihood: int
    impact: int
    status: str
    mitigations: str
    owner: str


@dataclass(frozen=True)
class BarrierLine:
    side: str
    category: str
    description: str
    when: str  # date, and where
    response: str
    resolution: str


@dataclass(frozen=True)
class OutcomeLine:
    session: str
    type: str
    text: str
    observed_on: dt.date
    evidence: str = ""  # "2 notes and 1 quote in this pack"


@dataclass(frozen=True)
class MeasureLine:
    session: str
    question: str
    counts: tuple[int, ...]
    low_label: str
    high_label: str


@dataclass(frozen=True)
class PackDocument:
    pack_id: str
    audience: str
    issued_at: dt.datetime
    sections: frozenset[str]
    sessions: tuple[SessionLine, ...] = ()
    people_by_role: Mapping[str, int] = field(default_factory=dict)
    themes: tuple[ThemeBlock, ...] = ()
    quotes: tuple[Quote, ...] = ()
    consent: Mapping[str, Mapping[str, int]] = field(default_factory=dict)  # item -> status -> n
    contributors: int = 0  # people whose words are in the pack
    version: str = ""
    risks: tuple[RiskLine, ...] = ()
    barriers: tuple[BarrierLine, ...] = ()
    outcomes: tuple[OutcomeLine, ...] = ()
    measures: tuple[MeasureLine, ...] = ()

    def has(self, section: str) -> bool:
        return section in self.sections or section in ALWAYS

    @property
    def marking(self) -> str:
        return f"CONFIDENTIAL — prepared for {self.audience} — pack {self.pack_id}"
