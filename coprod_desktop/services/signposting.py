"""Use cases for signposting: the project's list of services (started from the shipped
national UK list, then edited: add, change, remove, reorder, restore the defaults — each
undoable), and printing it as wallet cards or a poster for participants."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from coprod_desktop.domain.errors import ValidationError
from coprod_desktop.domain.ids import new_id
from coprod_desktop.domain.signposting import Category, Signpost
from coprod_desktop.resource_files import resource_path
from coprod_desktop.storage import safeguarding_repo as repo

from .base import Replaced, Service
from .issuing import check_target, issue
from .verify import Steps, check_whole

KIND = "signpost"


def default_signposts() -> list[Signpost]:
    """The shipped national UK services, in their order (ids not yet given)."""
    data = json.loads(resource_path("signposting/uk_national.json").read_text(encoding="utf-8"))
    return [Signpost("", s["name"], Category(s["category"]), s.get("helps_with", ""),
                     s.get("phone", ""), s.get("website", ""), s.get("hours", ""), False, n)
            for n, s in enumerate(data["services"])]  # fmt: skip


class SignpostingService(Service):
    def list(self) -> list[Signpost]:
        with self.read():
            return repo.signposts(self._db)

    def get(self, signpost_id: str) -> Signpost:
        with self.read():
            found = repo.signpost(self._db, signpost_id)
        if found is None:
            raise ValidationError("That service is no longer in the signposting list.")
        return found

    def draft(self) -> Signpost:
        """A new local service (not yet saved), at the end of the list."""
        with self.read():
            return Signpost(new_id(), "", Category.OTHER, local=True,
                            position=repo.next_position(self._db))  # fmt: skip

    def ensure_defaults(self) -> int:
        """Copy the national list in, once in a project's life (a list the facilitator has
        emptied stays empty); returns how many were added."""
        with self.write():
            if repo.signposting_ready(self._db):
                return 0
            added = self._add_defaults()
            repo.mark_signposting_ready(self._db)
        return added

    def _add_defaults(self) -> int:
        have = {s.name.casefold() for s in repo.signposts(self._db)}
        start = repo.next_position(self._db)
        added = 0
        for entry in default_signposts():
            if entry.name.casefold() not in have:
                item = replace(entry, id=new_id(), position=start + added).validated()
                repo.save_signpost(self._db, item)
                added += 1
        if added:
            self.audit("signposting.defaults_added", KIND, "", {"added": added})
        return added

    def save(self, entry: Signpost) -> Signpost | None:
        """Add or change a service; returns it as it was (None when new)."""
        entry = replace(entry, id=entry.id or new_id()).validated()
        with self.write():
            before = repo.signpost(self._db, entry.id)
            # a new service goes at the end; a changed one keeps its place
            entry = replace(entry, position=before.position if before else
                            repo.next_position(self._db))  # fmt: skip
            repo.save_signpost(self._db, entry)
            self.audit("signposting.added" if before is None else "signposting.changed", KIND,
                       entry.id, {"category": entry.category.value, "local": entry.local})
        return before

    def delete(self, signpost_id: str) -> None:
        self.get(signpost_id)
        with self.write():
            repo.delete_signpost(self._db, signpost_id)
            self.audit("signposting.removed", KIND, signpost_id)

    def move(self, signpost_id: str, by: int) -> Replaced:
        """Move a service up (by < 0) or down the list; returns what that replaced (undo)."""
        entries = self.list()
        ids = [e.id for e in entries]
        if signpost_id not in ids:
            raise ValidationError("That service is no longer in the signposting list.")
        at = ids.index(signpost_id)
        to = max(0, min(len(ids) - 1, at + by))
        ids.insert(to, ids.pop(at))
        changed = [e for e in entries if ids.index(e.id) != e.position]
        replaced = self.replaced(KIND, *(e.id for e in changed))
        with self.write():
            for e in changed:
                repo.save_signpost(self._db, replace(e, position=ids.index(e.id)))
            self.audit("signposting.reordered", KIND, signpost_id, {"from": at, "to": to})
        return replaced

    def restore_defaults(self) -> Replaced:
        """Add back the national services missing from the list (those removed or never
        there), at its end; returns what that replaced (nothing: they did not exist)."""
        before = {e.id for e in self.list()}
        with self.write():
            self._add_defaults()
        return Replaced(KIND, tuple((e.id, None) for e in self.list() if e.id not in before))

    def counts(self) -> dict:
        with self.read():
            return {"signposting_entries": repo.count_signposts(self._db)}

    # printing ------------------------------------------------------------------------------
    def chosen(self, ids: Sequence[str] | None) -> list[Signpost]:
        entries = self.list()
        if ids is not None:
            wanted = set(ids)
            entries = [e for e in entries if e.id in wanted]
        if not entries:
            raise ValidationError("Choose at least one service to print.")
        return entries

    def print_pdf(self, target: Path, cards: bool = False, ids: Sequence[str] | None = None,
                  progress: Steps | None = None) -> int:  # fmt: skip
        """Wallet cards or the poster of the chosen services (all when `ids` is None), saved
        as `target`; returns its number of pages. Not confidential: nothing personal is in
        it. The audit log records that it was printed."""
        from coprod_desktop.export import signposting_pdf

        noun = "wallet cards" if cards else "poster"
        target = check_target(target, noun)
        entries = self.chosen(ids)
        check_whole(self._file, progress)
        make = signposting_pdf.cards_pdf if cards else signposting_pdf.poster_pdf
        data, pages = make(entries)
        digest = hashlib.sha256(data).hexdigest()

        def record() -> None:
            self.audit("signposting.printed", KIND, "",
                       {"cards": cards, "services": len(entries), "file_name": target.name,
                        "sha256": digest})  # fmt: skip

        issue(self, target, data, record, noun)
        return pages

    # undo ----------------------------------------------------------------------------------
    def _state(self, kind: str, record_id: str):
        if kind != KIND:
            return super()._state(kind, record_id)
        return repo.signpost(self._db, record_id)

    def _put_state(self, kind: str, record_id: str, state) -> None:
        if kind != KIND:
            return super()._put_state(kind, record_id, state)
        if state is None:
            repo.delete_signpost(self._db, record_id)
            self.audit("signposting.removed", KIND, record_id, {"undo": True})
        else:
            repo.save_signpost(self._db, state)
            self.audit("signposting.restored", KIND, record_id, {"undo": True})
