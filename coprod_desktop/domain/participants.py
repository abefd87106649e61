"""Participants: pseudonyms, optional real names, roles and the rules that keep them safe."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from enum import Enum

from .errors import ValidationError
from .sessions import clean_names


class Role(str, Enum):
    COMMUNITY = "community_member"
    PARTNER = "partner_representative"
    FACILITATOR = "facilitator"

    @property
    def label(self) -> str:
        return {
            Role.COMMUNITY: "Community member",
            Role.PARTNER: "Partner representative",
            Role.FACILITATOR: "Facilitator",
        }[self]


class AgeBand(str, Enum):
    UNKNOWN = "unknown"
    UNDER_16 = "under_16"
    AGE_16_17 = "16_17"
    AGE_18_24 = "18_24"
    AGE_25_34 = "25_34"
    AGE_35_49 = "35_49"
    AGE_50_64 = "50_64"
    AGE_65_PLUS = "65_plus"

    @property
    def label(self) -> str:
        return {
            AgeBand.UNKNOWN: "Not given",
            AgeBand.UNDER_16: "Under 16",
            AgeBand.AGE_16_17: "16–17",
            AgeBand.AGE_18_24: "18–24",
            AgeBand.AGE_25_34: "25–34",
            AgeBand.AGE_35_49: "35–49",
            AgeBand.AGE_50_64: "50–64",
            AgeBand.AGE_65_PLUS: "65 or over",
        }[self]

    @property
    def is_minor(self) -> bool:
        return self in (AgeBand.UNDER_16, AgeBand.AGE_16_17)


MAX_PSEUDONYM = 40
_PSEUDONYM_OK = re.compile(r"^[\w][\w .'\-]*$")
_AUTO = re.compile(r"^P-(\d+)$", re.IGNORECASE)


@dataclass(frozen=True)
class Participant:
    id: str
    pseudonym: str
    real_name: str = ""
    aliases: tuple[str, ...] = ()
    age_band: AgeBand = AgeBand.UNKNOWN
    role: Role = Role.COMMUNITY
    organisation: str = ""

    def validated(self) -> Participant:
        """Return a tidied copy or raise ValidationError with a plain-language reason."""
        pseudonym = " ".join(self.pseudonym.split())
        real_name = " ".join(self.real_name.split())
        role = Role(self.role)
        organisation = " ".join(self.organisation.split())
        if not pseudonym:
            raise ValidationError("Every participant needs a pseudonym, for example P-01.")
        if len(pseudonym) > MAX_PSEUDONYM or not _PSEUDONYM_OK.match(pseudonym):
            raise ValidationError(
                f"A pseudonym can be up to {MAX_PSEUDONYM} letters, digits, spaces, "
                "dots, dashes or apostrophes."
            )
        aliases = clean_names(self.aliases)
        identifying = {real_name.casefold(), *(a.casefold() for a in aliases)} - {""}
        identifying |= {part.casefold() for part in real_name.split() if len(part) > 1}
        if pseudonym.casefold() in identifying:
            raise ValidationError(
                "The pseudonym must not be the person's name or nickname: "
                "packs would then identify them."
            )
        if role is Role.PARTNER and not organisation:
            raise ValidationError("A partner representative needs their organisation.")
        return replace(
            self,
            pseudonym=pseudonym,
            real_name=real_name,
            aliases=aliases,
            age_band=AgeBand(self.age_band),
            role=role,
            organisation=organisation,
        )


def next_pseudonym(existing: Iterable[str]) -> str:
    """The next free automatic pseudonym: P-01, P-02 ... (three digits past 99)."""
    return next(free_pseudonyms(existing))


def free_pseudonyms(existing: Iterable[str]) -> Iterator[str]:
    """The free automatic pseudonyms after the highest one taken, in order."""
    taken = {p.casefold() for p in existing}
    n = max((int(m.group(1)) for p in taken if (m := _AUTO.match(p))), default=0)
    while True:
        n += 1
        if f"p-{n:02d}" not in taken:
            yield f"P-{n:02d}"
