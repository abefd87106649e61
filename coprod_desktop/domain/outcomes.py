"""What changed: outcomes seen at sessions (often emergent and human — less isolation, more
confidence — rather than service targets), simple anonymous measures, and a self-check of how
far the work is really co-production."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from enum import Enum

from coprod_desktop.domain.words import QT_TR_NOOP

from .errors import ValidationError

MAX_TEXT = 4000


class OutcomeType(str, Enum):
    INDIVIDUAL = "individual"
    COLLECTIVE = "collective"
    SERVICE_CHANGE = "service_change"

    @property
    def label(self) -> str:
        return {"individual": "Individual", "collective": "Collective",
                "service_change": "Service change"}[self.value]  # fmt: skip


@dataclass(frozen=True)
class Outcome:
    id: str
    session_id: str
    type: OutcomeType
    text: str
    observed_on: dt.date
    evidence: tuple[tuple[str, str], ...] = ()  # ("note" | "clip", id) that show it

    def validated(self) -> Outcome:
        text = self.text.strip()
        if not text:
            raise ValidationError("Describe what changed.")
        if len(text) > MAX_TEXT:
            raise ValidationError(f"An outcome can be at most {MAX_TEXT} characters.")
        if not self.session_id:
            raise ValidationError("An outcome belongs to a session.")
        if any(kind not in ("note", "clip") for kind, _id in self.evidence):
            raise ValidationError("Evidence is a note or a clip.")
        return replace(self, type=OutcomeType(self.type), text=text,
                       evidence=tuple(dict.fromkeys(self.evidence)))  # fmt: skip


@dataclass(frozen=True)
class Measure:
    """A simple question the facilitator defines ("How listened to did you feel, 1–5?"),
    answered anonymously: only how many people gave each answer is kept."""

    id: str
    session_id: str
    question: str
    counts: tuple[int, ...] = (0, 0, 0, 0, 0)  # people who answered 1, 2, … top of the scale
    low_label: str = "not at all"
    high_label: str = "completely"

    @property
    def answers(self) -> int:
        return sum(self.counts)

    @property
    def median(self) -> float | None:
        """The middle answer (of an expanded list of answers), or None with no answers."""
        n = self.answers
        if not n:
            return None
        values = [v for v, c in enumerate(self.counts, 1) for _ in range(c)]
        mid = n // 2
        return float(values[mid]) if n % 2 else (values[mid - 1] + values[mid]) / 2

    def validated(self) -> Measure:
        question = " ".join(self.question.split())
        if not question:
            raise ValidationError("Type the question people answered.")
        if not 2 <= len(self.counts) <= 10:
            raise ValidationError("A scale has from 2 to 10 points.")
        if any(not isinstance(c, int) or c < 0 for c in self.counts):
            raise ValidationError("Counts are whole numbers, zero or more.")
        return replace(self, question=question[:300], counts=tuple(self.counts),
                       low_label=self.low_label.strip()[:60],
                       high_label=self.high_label.strip()[:60])  # fmt: skip


# The six features of co-production (new economics foundation / NESTA, "The Challenge of
# Co-production", 2009), the facilitator rates each from 1 (not yet) to 5 (fully).
FEATURES: dict[str, str] = {
    "assets": QT_TR_NOOP("People as assets"),
    "capabilities": QT_TR_NOOP("Building on existing capabilities"),
    "mutuality": QT_TR_NOOP("Mutuality and reciprocity"),
    "peer_support": QT_TR_NOOP("Peer support networks"),
    "blurring": QT_TR_NOOP("Blurring distinctions between professionals and recipients"),
    "facilitating": QT_TR_NOOP("Facilitating rather than delivering"),
}


@dataclass(frozen=True)
class SelfCheck:
    id: str
    checked_on: dt.date
    ratings: dict[str, int] = field(default_factory=dict)  # feature -> 1..5
    notes: dict[str, str] = field(default_factory=dict)  # feature -> why
    by: str = ""

    @property
    def average(self) -> float:
        return sum(self.ratings.values()) / len(self.ratings) if self.ratings else 0.0

    def validated(self) -> SelfCheck:
        if set(self.ratings) != set(FEATURES):
            raise ValidationError("Rate all six features of co-production.")
        if any(not isinstance(r, int) or not 1 <= r <= 5 for r in self.ratings.values()):
            raise ValidationError("Each feature is rated from 1 (not yet) to 5 (fully).")
        notes = {k: v.strip()[:MAX_TEXT] for k, v in self.notes.items() if k in FEATURES}
        return replace(self, ratings=dict(self.ratings), notes=notes)
