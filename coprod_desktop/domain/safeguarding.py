"""The safeguarding log: each concern raised during the project — what happened and when, who
raised it, the session's named safeguarding lead, what was done (talked with the person,
referred to a named service, or no action and why), the follow-ups due and done, and its
closure.

The log is for facilitators only. It never goes into a pack, feedback, a programme or a
participant's copy; it leaves the project only as its own password-protected report."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from enum import Enum

from coprod_desktop.domain.words import QT_TR_NOOP

from .errors import ValidationError

MAX_WHAT = 8000
MAX_SHORT = 200  # who raised it, the lead, the service's name
MAX_NOTE = 2000


class ActionTaken(str, Enum):
    TALKED = "talked"
    REFERRED = "referred"
    NONE = "none"

    @property
    def label(self) -> str:
        return ACTION_LABELS[self.value]


ACTION_LABELS = {
    "talked": QT_TR_NOOP("Talked with the person"),
    "referred": QT_TR_NOOP("Referred to a named service"),
    "none": QT_TR_NOOP("No action"),
}


@dataclass(frozen=True)
class FollowUp:
    """Something to check again by a date; done once it has been."""

    due: dt.date
    note: str = ""
    done: dt.date | None = None
    id: str = ""

    def overdue(self, today: dt.date) -> bool:
        return self.done is None and self.due < today


@dataclass(frozen=True)
class Concern:
    id: str
    what: str  # what happened, in the facilitator's words
    raised_at: dt.datetime
    raised_by: str  # free text: a facilitator, a participant by pseudonym, a partner
    lead: str = ""  # the named safeguarding lead it went to
    action: ActionTaken = ActionTaken.TALKED
    service: str = ""  # the named service it was referred to (when referred)
    reason: str = ""  # why no action was taken (when none)
    session_id: str | None = None
    participant_id: str | None = None  # the person concerned, when a participant
    follow_ups: tuple[FollowUp, ...] = ()  # by due date
    closed_on: dt.date | None = None
    closing_note: str = ""

    @property
    def closed(self) -> bool:
        return self.closed_on is not None

    def overdue(self, today: dt.date) -> list[FollowUp]:
        """The follow-ups past their date and not done (none once the concern is closed)."""
        return [] if self.closed else [f for f in self.follow_ups if f.overdue(today)]

    def validated(self) -> Concern:
        what = self.what.strip()
        if not what:
            raise ValidationError("Say what happened.")
        if len(what) > MAX_WHAT:
            raise ValidationError(f"What happened can be at most {MAX_WHAT} characters.")
        if not isinstance(self.raised_at, dt.datetime):
            raise ValidationError("Say when the concern was raised.")
        raised_by = " ".join(self.raised_by.split())
        if not raised_by:
            raise ValidationError("Say who raised the concern (a facilitator, a participant "
                                  "by pseudonym, a partner…).")  # fmt: skip
        lead = " ".join(self.lead.split())
        if not lead:
            raise ValidationError("Name the safeguarding lead the concern went to.")
        for text, what_it_is in ((raised_by, "Who raised it"), (lead, "The lead's name")):
            if len(text) > MAX_SHORT:
                raise ValidationError(f"{what_it_is} can be at most {MAX_SHORT} characters.")
        try:
            action = ActionTaken(self.action)
        except ValueError:
            raise ValidationError(f"“{self.action}” is not an action taken.") from None
        service = " ".join(self.service.split()) if action is ActionTaken.REFERRED else ""
        reason = self.reason.strip() if action is ActionTaken.NONE else ""
        if action is ActionTaken.REFERRED and not service:
            raise ValidationError("Name the service the concern was referred to.")
        if len(service) > MAX_SHORT:
            raise ValidationError(f"A service's name can be at most {MAX_SHORT} characters.")
        if action is ActionTaken.NONE and not reason:
            raise ValidationError("Say why no action was taken.")
        if len(reason) > MAX_NOTE:
            raise ValidationError(f"The reason can be at most {MAX_NOTE} characters.")
        follow_ups = []
        for f in self.follow_ups:
            if not isinstance(f.due, dt.date):
                raise ValidationError("A follow-up needs a date it is due.")
            note = f.note.strip()
            if len(note) > MAX_NOTE:
                raise ValidationError(f"A follow-up's note can be at most {MAX_NOTE} characters.")
            follow_ups.append(replace(f, note=note))
        follow_ups.sort(key=lambda f: f.due)
        closing_note = self.closing_note.strip() if self.closed_on is not None else ""
        if self.closed_on is not None:
            if not closing_note:
                raise ValidationError("Say why the concern is closed (a closing note).")
            if self.closed_on < self.raised_at.date():
                raise ValidationError("A concern cannot be closed before it was raised.")
        if len(closing_note) > MAX_NOTE:
            raise ValidationError(f"The closing note can be at most {MAX_NOTE} characters.")
        raised_at = self.raised_at.astimezone()  # a time typed without a zone is local time
        return replace(self, what=what, raised_at=raised_at, raised_by=raised_by, lead=lead,
                       action=action,
                       service=service, reason=reason, follow_ups=tuple(follow_ups),
                       closing_note=closing_note)  # fmt: skip


def action_line(concern: Concern) -> str:
    """The action taken in a few words, with the service or the reason (plain English)."""
    if concern.action is ActionTaken.REFERRED:
        return f"Referred to {concern.service}"
    if concern.action is ActionTaken.NONE:
        return f"No action: {concern.reason}"
    return "Talked with the person"
