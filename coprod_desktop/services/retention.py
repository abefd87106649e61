"""Use cases for retention: the project's policy, what is due for erasure on a day, erasing it
with the same raw-byte erasure as a withdrawal, and what outputs must leave out meanwhile."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from coprod_desktop.domain.audit import ERASED_KEY
from coprod_desktop.domain.consent import ConsentHistory, may_keep_for_research
from coprod_desktop.domain.names import Names
from coprod_desktop.domain.retention import (
    AUDIO,
    MATERIAL,
    NAMES,
    DueItem,
    Facts,
    Lapsed,
    RetentionPolicy,
    due,
    lapsed,
)
from coprod_desktop.storage import (
    audit_repo,
    consent_repo,
    mentions,
    participants_repo,
    retention_repo,
)

from . import erasure
from .base import Service
from .consent import ConsentService

Progress = Callable[[int, int, str], None]  # done, total, what is happening


def _end_of(day: dt.date) -> dt.datetime:
    """The moment a day's consent is judged at: its end, in UTC."""
    return dt.datetime.combine(day, dt.time.max, dt.timezone.utc)


class RetentionService(Service):
    def __init__(self, file, actor, consent: ConsentService):
        super().__init__(file, actor)
        self._consent = consent

    # the policy --------------------------------------------------------------------------
    def policy(self) -> RetentionPolicy:
        with self.read():
            return retention_repo.policy(self._db)

    def set_policy(self, policy: RetentionPolicy) -> RetentionPolicy:
        policy = policy.validated()
        with self.write():
            before = retention_repo.policy(self._db)
            if before == policy:
                return policy
            retention_repo.set_policy(self._db, policy)
            self.audit("retention.policy_set", "project", "",
                       {"audio_months": policy.audio_months,
                        "names_months": policy.names_months,
                        "material_months": policy.material_months})  # fmt: skip
        self.changes.tell("retention")
        return policy

    # what is due -------------------------------------------------------------------------
    def _unresearched(self, today: dt.date) -> list[str]:
        """Ids of everyone with material who had not agreed to keep it for research."""
        histories = self._consent.histories()
        with self.read():
            held = retention_repo.material(self._db)
        at = _end_of(today)
        return [pid for pid in held
                if not may_keep_for_research(histories.get(pid) or ConsentHistory(pid), at)]

    def facts(self, today: dt.date) -> Facts:
        unresearched = self._unresearched(today)
        with self.read():
            held = retention_repo.material(self._db)
            names = {p.id: p.pseudonym for p in participants_repo.list_all(self._db)}
            return Facts(retention_repo.last_session(self._db),
                         retention_repo.voice_recordings(self._db),
                         len(retention_repo.named(self._db)),
                         tuple(sorted(names.get(p, "?") for p in unresearched)),
                         sum(held[p] for p in unresearched))  # fmt: skip

    def due(self, today: dt.date | None = None) -> list[DueItem]:
        today = today or dt.date.today()
        return due(self.policy(), self.facts(today), today)

    def lapsed(self, at: dt.datetime | None = None) -> Lapsed:
        """What outputs made at `at` must leave out (the one rule packs, feedback and
        programmes ask)."""
        today = (at or dt.datetime.now(dt.timezone.utc)).date()
        with self.read():
            policy = retention_repo.policy(self._db)
            last = retention_repo.last_session(self._db)
        probe = lapsed(policy, last, today, ())
        if probe.audio is False and probe.names is False and policy.material_months is None:
            return probe
        return lapsed(policy, last, today, self._unresearched(today))

    # erasing -----------------------------------------------------------------------------
    def erase_due(self, today: dt.date | None = None,
                  progress: Progress | None = None) -> dict[str, int]:  # fmt: skip
        """Erase exactly what is due on `today`, in one transaction, with PRAGMA secure_delete
        zeroing what is freed and the WAL checkpointed after: the bytes are gone from the file.
        Returns counts by kind; logged as 'retention.erased' with counts, never the words."""
        today = today or dt.date.today()
        items = {item.kind: item for item in self.due(today)}
        if not items:
            return {}
        unresearched = self._unresearched(today) if MATERIAL in items else []
        steps = len(items) + len(unresearched)
        done = 0

        def step(text: str) -> None:
            nonlocal done
            done += 1
            if progress:
                progress(done, steps, text)

        erased: dict[str, int] = {}
        with self.write() as db:
            if MATERIAL in items:
                for pid in unresearched:
                    for what, n in erasure.erase(db, pid, erasure.MATERIAL).items():
                        erased[what] = erased.get(what, 0) + n
                    step("Erasing material kept without agreement to research")
            if AUDIO in items:
                erased["raw audio"] = retention_repo.erase_voice_recordings(db)
                step("Erasing raw audio")
            logged: list[int] = []
            if NAMES in items:
                people = 0
                for pid in retention_repo.named(db):
                    person = participants_repo.get(db, pid)
                    if person is None:
                        continue
                    names = Names.of(person.pseudonym, person.real_name, person.aliases,
                                     consent_repo.guardian_names(db, pid))  # fmt: skip
                    erased["mentions"] = erased.get("mentions", 0) + len(
                        mentions.replace(db, names))
                    logged += audit_repo.erase_names(db, names)
                    retention_repo.forget_names(db, pid)
                    people += 1
                erased["real names"] = people
                step("Erasing real names")
            self.audit("retention.erased", "project", "",
                       {"today": today.isoformat(), "kinds": sorted(items),
                        "erased": erased, ERASED_KEY: logged})  # fmt: skip
        self._file.checkpoint()
        self.changes.tell("retention")
        return erased

    def counts(self, today: dt.date | None = None) -> dict:
        policy = self.policy()
        return {
            "retention_policy": {"audio_months": policy.audio_months,
                                 "names_months": policy.names_months,
                                 "material_months": policy.material_months},
            "retention_due": {item.kind: item.count for item in self.due(today)},
        }
