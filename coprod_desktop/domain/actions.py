"""Actions: what a partner organisation will do about what people said ("Trading Standards to
visit the shops near the school"), who owns it, by when, how far it has got, what the partner
has said about it over time, and the notes, themes, quotes and outcomes it answers.

An action is the way back to the community: "You said, we did" feedback is made of them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from enum import Enum

from coprod_desktop.domain.words import QT_TR_NOOP

from .errors import ValidationError

MAX_TEXT = 2000
MAX_RESPONSE = 4000
MAX_ORGANISATION = 120


class ActionStatus(str, Enum):
    PROPOSED = "proposed"
    AGREED = "agreed"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DECLINED = "declined"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.value]

    @property
    def closed(self) -> bool:
        """Done or declined: nothing is still to happen, so it cannot be overdue."""
        return self in (ActionStatus.DONE, ActionStatus.DECLINED)


STATUS_LABELS = {
    "proposed": QT_TR_NOOP("Proposed"),
    "agreed": QT_TR_NOOP("Agreed"),
    "in_progress": QT_TR_NOOP("In progress"),
    "done": QT_TR_NOOP("Done"),
    "declined": QT_TR_NOOP("Declined"),
}

# What an action can answer: a theme, a note, a quote (a clip's transcript) or an outcome.
EVIDENCE_KINDS = {
    "theme": QT_TR_NOOP("Theme"),
    "note": QT_TR_NOOP("Note"),
    "clip": QT_TR_NOOP("Quote"),
    "outcome": QT_TR_NOOP("Outcome"),
}


@dataclass(frozen=True)
class PartnerResponse:
    """What the organisation said or reported about the action, and when."""

    on: dt.date
    text: str
    id: str = ""  # given when first saved; review decisions on its text are kept by it


@dataclass(frozen=True)
class Action:
    id: str
    text: str
    organisation: str
    status: ActionStatus = ActionStatus.PROPOSED
    due: dt.date | None = None
    session_id: str | None = None  # the session it was agreed at, if any
    evidence: tuple[tuple[str, str], ...] = ()  # (kind, id): what people said that it answers
    responses: tuple[PartnerResponse, ...] = ()  # oldest first

    def overdue(self, today: dt.date) -> bool:
        return self.due is not None and self.due < today and not ActionStatus(self.status).closed

    @property
    def latest_response(self) -> PartnerResponse | None:
        return self.responses[-1] if self.responses else None

    def validated(self) -> Action:
        text = " ".join(self.text.split())
        if not text:
            raise ValidationError("Say what will be done.")
        if len(text) > MAX_TEXT:
            raise ValidationError(f"An action can be at most {MAX_TEXT} characters.")
        organisation = " ".join(self.organisation.split())
        if not organisation:
            raise ValidationError("Say which organisation owns the action.")
        if len(organisation) > MAX_ORGANISATION:
            raise ValidationError(
                f"An organisation's name can be at most {MAX_ORGANISATION} characters."
            )
        try:
            status = ActionStatus(self.status)
        except ValueError:
            raise ValidationError(f"“{self.status}” is not a status an action can have.") from None
        if any(kind not in EVIDENCE_KINDS for kind, _id in self.evidence):
            raise ValidationError("Evidence is a theme, a note, a quote or an outcome.")
        responses = []
        for r in self.responses:
            said = r.text.strip()
            if not said:
                raise ValidationError("A response needs what the organisation said or did.")
            if len(said) > MAX_RESPONSE:
                raise ValidationError(f"A response can be at most {MAX_RESPONSE} characters.")
            responses.append(PartnerResponse(r.on, said, r.id))
        responses.sort(key=lambda r: r.on)  # stable: same-day responses keep their order
        return replace(self, text=text, organisation=organisation, status=status,
                       evidence=tuple(dict.fromkeys(self.evidence)),
                       responses=tuple(responses))  # fmt: skip


def by_organisation(actions: list[Action], first: str = "") -> dict[str, list[Action]]:
    """Actions grouped by who owns them (names compared whatever their case), `first`'s
    group first, then the others alphabetically; within a group, open actions by due date
    (no date last), then closed ones."""
    groups: dict[str, list[Action]] = {}
    spelt: dict[str, str] = {}
    for action in actions:
        key = action.organisation.casefold()
        spelt.setdefault(key, action.organisation)
        groups.setdefault(key, []).append(action)
    order = sorted(groups, key=lambda k: (k != first.casefold(), k))
    return {spelt[k]: sorted(groups[k], key=_in_group) for k in order}


def _in_group(action: Action) -> tuple:
    return (ActionStatus(action.status).closed, action.due is None, action.due or dt.date.min)
