"""Workshop sessions: what a session is and the rules for a valid one."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from enum import Enum

from .errors import ValidationError


class SessionFormat(str, Enum):
    RADIO_LAB = "radio_lab"
    PARTICIPATORY = "participatory_workshop"
    PARTNER = "partner_workshop"

    @property
    def label(self) -> str:
        return _FORMAT_LABELS[self]


_FORMAT_LABELS = {
    SessionFormat.RADIO_LAB: "Pop-up radio lab",
    SessionFormat.PARTICIPATORY: "Participatory workshop",
    SessionFormat.PARTNER: "Partner workshop",
}

MAX_TITLE = 200


@dataclass(frozen=True)
class Session:
    id: str
    title: str
    date: dt.date
    venue: str = ""
    format: SessionFormat = SessionFormat.PARTICIPATORY
    facilitators: tuple[str, ...] = ()
    partner_organisations: tuple[str, ...] = ()
    participant_ids: frozenset[str] = field(default_factory=frozenset)
    # Everyone present agreed, as a group, that unattributed notes may be shared in packs.
    group_agreement: bool = False
    safeguarding_lead: str = ""  # the named person concerns at this session go to
    sensitive: bool = False  # the whole session's material is sensitive
    safeguarding: bool = False  # the whole session's material never leaves the project

    def validated(self) -> Session:
        """Return a tidied copy (trimmed text, no blank list entries) or raise ValidationError."""
        title = " ".join(self.title.split())
        if not title:
            raise ValidationError("A session needs a title.")
        if len(title) > MAX_TITLE:
            raise ValidationError(f"A session title can be at most {MAX_TITLE} characters.")
        if not isinstance(self.date, dt.date):
            raise ValidationError("A session needs a date.")
        return replace(
            self,
            title=title,
            venue=self.venue.strip(),
            format=SessionFormat(self.format),
            facilitators=clean_names(self.facilitators),
            partner_organisations=clean_names(self.partner_organisations),
            group_agreement=bool(self.group_agreement),
            safeguarding_lead=" ".join(self.safeguarding_lead.split())[:MAX_TITLE],
            sensitive=bool(self.sensitive),
            safeguarding=bool(self.safeguarding),
        )


def clean_names(names: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """Trim each name, drop blanks and case-insensitive duplicates, keep the order given."""
    seen: set[str] = set()
    out: list[str] = []
    for name in names:
        tidy = " ".join(str(name).split())
        if tidy and tidy.casefold() not in seen:
            seen.add(tidy.casefold())
            out.append(tidy)
    return tuple(out)


def split_list(text: str) -> tuple[str, ...]:
    """Split a comma- or semicolon-separated line typed by a user into clean names."""
    return clean_names(text.replace(";", ",").split(","))
