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
}
ALWAYS = frozenset({"summary"})


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

    def has(self, section: str) -> bool:
        return section in self.sections or section in ALWAYS

    @property
    def marking(self) -> str:
        return f"CONFIDENTIAL — prepared for {self.audience} — pack {self.pack_id}"
