"""Use cases for actions: add, change, respond, delete (each undoable and audited by ids,
statuses and organisations, never the text), and what the Actions page and packs show."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from coprod_desktop.domain.actions import Action, ActionStatus, PartnerResponse
from coprod_desktop.domain.errors import ValidationError
from coprod_desktop.domain.ids import new_id
from coprod_desktop.storage import actions_repo as repo

from .base import Service


class ActionService(Service):
    def list(self) -> list[Action]:
        with self.read():
            return repo.actions(self._db)

    def get(self, action_id: str) -> Action:
        with self.read():
            found = repo.action(self._db, action_id)
        if found is None:
            raise ValidationError("That action is no longer in the project.")
        return found

    def draft(self, evidence: tuple[tuple[str, str], ...] = (), text: str = "",
              session_id: str | None = None) -> Action:  # fmt: skip
        """A new action (not yet saved), made from what it answers: the theme, note, quote or
        outcome it was started from."""
        return Action("", text, "", ActionStatus.PROPOSED, None, session_id, tuple(evidence))

    def save(self, action: Action) -> Action | None:
        """Add or change an action; returns it as it was (None when new)."""
        action = replace(action, id=action.id or new_id(),
                         responses=tuple(replace(r, id=r.id or new_id())
                                         for r in action.responses)).validated()  # fmt: skip
        with self.write():
            before = repo.action(self._db, action.id)
            repo.save(self._db, action)
            self.audit("action.added" if before is None else "action.changed", "action",
                       action.id, _details(action, before))  # fmt: skip
        return before

    def respond(self, action_id: str, text: str, on: dt.date | None = None,
                status: ActionStatus | None = None) -> Action:  # fmt: skip
        """Record what the organisation said or did (and, if given, the status it moved to)."""
        action = self.get(action_id)
        response = PartnerResponse(on or dt.date.today(), text)
        changed = replace(action, responses=(*action.responses, response),
                          status=status or action.status)  # fmt: skip
        self.save(changed)
        return self.get(action_id)

    def delete(self, action_id: str) -> None:
        self.get(action_id)
        with self.write():
            repo.delete(self._db, action_id)
            self.audit("action.deleted", "action", action_id)

    def evidence(self, action: Action) -> list[tuple[str, str, str]]:
        """(kind, id, what it is: the theme's name, note's text, clip's title or outcome)."""
        with self.read():
            found = [(kind, sid, repo.evidence_text(self._db, kind, sid))
                     for kind, sid in action.evidence]  # fmt: skip
        return [(kind, sid, text) for kind, sid, text in found if text is not None]

    def organisations(self) -> list[str]:
        """Organisations that already own an action, as first spelt."""
        spelt: dict[str, str] = {}
        for action in self.list():
            spelt.setdefault(action.organisation.casefold(), action.organisation)
        return sorted(spelt.values(), key=str.casefold)

    def overdue(self, today: dt.date | None = None) -> list[Action]:
        today = today or dt.date.today()
        return [a for a in self.list() if a.overdue(today)]

    def counts(self) -> dict:
        with self.read():
            return repo.count(self._db)

    # undo ----------------------------------------------------------------------------------
    def _state(self, kind: str, record_id: str):
        if kind != "action":
            return super()._state(kind, record_id)
        return repo.action(self._db, record_id)

    def _put_state(self, kind: str, record_id: str, state) -> None:
        if kind != "action":
            return super()._put_state(kind, record_id, state)
        if state is None:
            repo.delete(self._db, record_id)
            self.audit("action.deleted", "action", record_id, {"undo": True})
        else:
            repo.save(self._db, state)
            self.audit("action.restored", "action", record_id, _details(state, None))


def _details(action: Action, before: Action | None) -> dict:
    details = {"status": ActionStatus(action.status).value, "organisation": action.organisation,
               "due": action.due.isoformat() if action.due else None,
               "responses": len(action.responses), "evidence": len(action.evidence)}  # fmt: skip
    if before is not None and before.status != action.status:
        details["from_status"] = ActionStatus(before.status).value
    return details
