"""What the detector takes and gives: known people and detections."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

KINDS = (
    "person", "phone", "email", "postcode", "nhs_number", "ni_number", "date_of_birth",
    "address", "url", "handle", "vehicle_reg",
)  # fmt: skip

PLACEHOLDERS = {
    "phone": "[phone]", "email": "[email]", "postcode": "[postcode]",
    "nhs_number": "[NHS number]", "ni_number": "[NI number]", "date_of_birth": "[date of birth]",
    "address": "[address]", "url": "[web address]", "handle": "[handle]",
    "vehicle_reg": "[number plate]", "person": "[person]",
}  # fmt: skip


@dataclass(frozen=True)
class KnownPerson:
    """A registered participant: found however their name is typed. `pseudonym` is what they
    become in a pack; `id` links a detection back to the participant."""

    name: str
    aliases: Sequence[str] = field(default_factory=tuple)
    pseudonym: str = ""
    id: str = ""

    def __hash__(self) -> int:
        return hash((self.name, tuple(self.aliases), self.pseudonym, self.id))


@dataclass(frozen=True)
class Detection:
    start: int
    end: int
    kind: str
    text: str
    reason: str
    confidence: float
    person: KnownPerson | None = None  # set when a registered person was recognised

    @property
    def key(self) -> tuple[int, int, str]:
        return (self.start, self.end, self.kind)
