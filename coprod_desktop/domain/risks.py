"""The risk register and the barriers log: what could go wrong in co-production with
vulnerable communities, how likely and how bad, what is done about it; and what got in the
way, on the organisations' side and the citizens'."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from enum import Enum

from coprod_desktop.domain.words import QT_TR_NOOP

from .errors import ValidationError

SCALE = range(1, 6)  # likelihood and impact, 1 (rare / minor) to 5 (almost certain / severe)
MAX_TEXT = 4000


class RiskCategory(str, Enum):
    ETHICS = "ethics"
    CONFIDENTIALITY = "confidentiality"
    SAFETY = "safety_safeguarding"
    CAPACITY = "capacity_resources"
    TOKENISM = "tokenism"
    LEGAL = "legal"
    REPUTATIONAL = "reputational"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            "ethics": "Ethics",
            "confidentiality": "Confidentiality",
            "safety_safeguarding": "Safety and safeguarding",
            "capacity_resources": "Capacity and resources",
            "tokenism": "Tokenism",
            "legal": "Legal",
            "reputational": "Reputational",
            "other": "Other",
        }[self.value]


class Affected(str, Enum):
    PARTICIPANTS = "participants"
    COMMUNITY = "community"
    PARTNER = "partner_organisation"
    FACILITATORS = "facilitators"

    @property
    def label(self) -> str:
        return {"participants": QT_TR_NOOP("Participants"), "community": QT_TR_NOOP("Community"),
                "partner_organisation": QT_TR_NOOP("Partner organisation"),
                "facilitators": QT_TR_NOOP("Facilitators")}[self.value]  # fmt: skip


class RiskStatus(str, Enum):
    OPEN = "open"
    MITIGATED = "mitigated"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return self.value.capitalize()


# Where a risk may go from each status: a closed risk can only be reopened.
TRANSITIONS: dict[RiskStatus, frozenset[RiskStatus]] = {
    RiskStatus.OPEN: frozenset({RiskStatus.MITIGATED, RiskStatus.CLOSED}),
    RiskStatus.MITIGATED: frozenset({RiskStatus.OPEN, RiskStatus.CLOSED}),
    RiskStatus.CLOSED: frozenset({RiskStatus.OPEN}),
}


def check_transition(before: RiskStatus, after: RiskStatus) -> None:
    before, after = RiskStatus(before), RiskStatus(after)
    if before is not after and after not in TRANSITIONS[before]:
        raise ValidationError(
            f"A {before.value} risk cannot become {after.value}: reopen it first."
        )


def level(score: int) -> str:
    """The usual 5x5 bands: low 1–4, medium 5–9, high 10–14, very high 15–25."""
    if score >= 15:
        return "very high"
    if score >= 10:
        return "high"
    if score >= 5:
        return "medium"
    return "low"


def _scale(value: int, what: str) -> int:
    if not isinstance(value, int) or value not in SCALE:
        raise ValidationError(f"{what} is rated from 1 to 5.")
    return value


def _text(value: str, what: str, required: bool = False) -> str:
    value = value.strip()
    if required and not value:
        raise ValidationError(f"Describe the {what}.")
    if len(value) > MAX_TEXT:
        raise ValidationError(f"The {what} can be at most {MAX_TEXT} characters.")
    return value


@dataclass(frozen=True)
class Risk:
    id: str
    category: RiskCategory
    description: str
    affects: tuple[Affected, ...] = ()
    likelihood: int = 3
    impact: int = 3
    mitigations: str = ""
    owner: str = ""
    status: RiskStatus = RiskStatus.OPEN

    @property
    def score(self) -> int:
        return self.likelihood * self.impact

    @property
    def level(self) -> str:
        return level(self.score)

    def validated(self) -> Risk:
        return replace(
            self,
            category=RiskCategory(self.category),
            description=_text(self.description, "risk", required=True),
            affects=tuple(dict.fromkeys(Affected(a) for a in self.affects)),
            likelihood=_scale(self.likelihood, "Likelihood"),
            impact=_scale(self.impact, "Impact"),
            mitigations=_text(self.mitigations, "mitigations"),
            owner=" ".join(self.owner.split())[:200],
            status=RiskStatus(self.status),
        )


@dataclass(frozen=True)
class Review:
    """A look at a risk at a moment: what it was rated then, and why."""

    id: str
    risk_id: str
    reviewed_at: dt.datetime
    reviewer: str
    likelihood: int
    impact: int
    status: RiskStatus
    note: str = ""


# barriers ----------------------------------------------------------------------------------
class Side(str, Enum):
    ORGANISATION = "organisation"
    CITIZEN = "citizen"

    @property
    def label(self) -> str:
        return {"organisation": "Organisations' side", "citizen": "Citizens' side"}[self.value]


BARRIER_CATEGORIES: dict[Side, dict[str, str]] = {
    Side.ORGANISATION: {
        "staff_resistance": QT_TR_NOOP("Staff resistance"),
        "short_term_budgets": QT_TR_NOOP("Short-term budgets"),
        "training_costs": QT_TR_NOOP("Training costs"),
        "sustainability": QT_TR_NOOP("Sustainability"),
        "organisational_culture": QT_TR_NOOP("Organisational culture"),
        "time_capacity": QT_TR_NOOP("Staff time"),
        "other": QT_TR_NOOP("Other"),
    },
    Side.CITIZEN: {
        "unfair_burden": QT_TR_NOOP("Unfair burden on participants"),
        "access": QT_TR_NOOP("Access and transport"),
        "caring_work": QT_TR_NOOP("Caring and work commitments"),
        "trust": QT_TR_NOOP("Trust in services"),
        "language": QT_TR_NOOP("Language"),
        "digital_exclusion": QT_TR_NOOP("Digital exclusion"),
        "consultation_fatigue": QT_TR_NOOP("Consultation fatigue"),
        "other": QT_TR_NOOP("Other"),
    },
}


class Resolution(str, Enum):
    OVERCOME = "overcome"
    PARTLY = "partly"
    NOT_YET = "not_yet"

    @property
    def label(self) -> str:
        return {"overcome": "Overcome", "partly": "Partly overcome",
                "not_yet": "Not overcome"}[self.value]  # fmt: skip


@dataclass(frozen=True)
class Barrier:
    id: str
    side: Side
    category: str
    description: str
    met_on: dt.date
    session_id: str | None = None  # where it was met, if at a session
    where: str = ""  # otherwise in words ("planning meeting with the health board")
    response: str = ""  # how it was, or was not, overcome
    resolution: Resolution = Resolution.NOT_YET

    @property
    def category_label(self) -> str:
        return BARRIER_CATEGORIES[Side(self.side)].get(self.category, self.category)

    def validated(self) -> Barrier:
        side = Side(self.side)
        if self.category not in BARRIER_CATEGORIES[side]:
            raise ValidationError(f"Choose one of the {side.label.lower()} barrier categories.")
        if not isinstance(self.met_on, dt.date):
            raise ValidationError("Say when the barrier was met.")
        return replace(self, side=side, description=_text(self.description, "barrier", True),
                       where=" ".join(self.where.split())[:200],
                       response=_text(self.response, "response"),
                       resolution=Resolution(self.resolution))  # fmt: skip


@dataclass(frozen=True)
class RiskTemplate:
    """One of the typical risks shipped as data (resources/risks/default_risks.json)."""

    category: RiskCategory
    description: str
    affects: tuple[Affected, ...] = field(default_factory=tuple)
    likelihood: int = 3
    impact: int = 3
    mitigations: str = ""
