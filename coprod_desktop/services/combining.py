"""Combining another project file into the open one (File › Combine with another project…,
`coprod-desktop combine`).

The other file is never changed: it is copied into a private temporary folder, and the copy is
opened (and brought up to this version's format if it is older) and checked whole, its audit
chain included, before anything is read. `preview` says what combining would add, what is
already here, what was deleted here and is not added back, who needs matching and what
conflicts; `combine` does it in one transaction. Records keep their ids, so combining the same
file again adds only what is new.

Rules (domain/combining.py holds the plain ones):
- people are the same only by the facilitator's choice; a newcomer whose pseudonym is taken
  here is renumbered, and the texts that came with them are rewritten to match;
- consent records, withdrawals, packs and disclosures are facts: added, never overwritten;
- audit entries are chained onto this log in the order they were written, keeping their
  words and digests; the entry recording the combine names the other file's chain head;
- a withdrawal recorded in either file wins: a withdrawal that arrives, and every withdrawal
  here that what arrives refers to (or names the person in), is applied to the combined file
  with the same erasers and raw-byte erasure, so nothing that came from the other file
  outlives it; what a withdrawal here erased is not added back (deleted here).
"""

from __future__ import annotations

import errno
import json
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from coprod_desktop.domain.audit import ERASED_KEY, chain_problems
from coprod_desktop.domain.combining import Choices, Outcome, Plan
from coprod_desktop.domain.consent import Scope
from coprod_desktop.domain.errors import ValidationError
from coprod_desktop.domain.names import Names
from coprod_desktop.storage import audit_repo, combine_repo, consent_repo, participants_repo
from coprod_desktop.storage.connection import ProjectFile, open_project_file
from coprod_desktop.storage.errors import (
    DiskFullError,
    ProjectError,
    translate_os_error,
    translated,
)

from . import combine_plan
from .base import Service
from .consent import erase_withdrawn
from .verify import check_whole

if TYPE_CHECKING:
    import sqlite_utils

Progress = Callable[[int, int, str], None]


class OtherFile:
    """Another project file, opened for combining through a private copy."""

    def __init__(self, path: Path, file: ProjectFile, folder: Path):
        self.path = path
        self.file = file
        self._folder = folder

    @property
    def db(self) -> sqlite_utils.Database:
        return self.file.db

    def close(self) -> None:
        self.file.close()
        shutil.rmtree(self._folder, ignore_errors=True)

    def __enter__(self) -> OtherFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class CombineService(Service):
    # opening the other file -------------------------------------------------------------
    def open_other(self, path: Path | str, passphrase: str,
                   progress: Progress | None = None) -> OtherFile:  # fmt: skip
        """Open another project file to combine, through a copy: the file itself is never
        written. Refuses this project's own file, and a file that is damaged or whose audit
        log does not verify."""
        path = Path(path)
        if path.exists() and self._file.path.exists() and path.samefile(self._file.path):
            raise ValidationError("That is this project's own file. Choose the other "
                                  "facilitator's project file.")  # fmt: skip
        if not path.is_file():
            raise ProjectError(f"There is no project file at {path}.")
        folder = Path(tempfile.mkdtemp(prefix="coprod-combine-"))
        try:
            copy = folder / path.name
            try:
                shutil.copyfile(path, copy)
                wal = path.with_name(path.name + "-wal")
                if wal.exists():  # written by a laptop that was not closed properly
                    shutil.copyfile(wal, copy.with_name(copy.name + "-wal"))
            except OSError as exc:
                if exc.errno in (errno.ENOSPC, errno.EDQUOT):
                    raise DiskFullError(
                        f"The disk is full: there is no room in {folder.parent} for the "
                        f"private copy of {path.name} that combining reads "
                        f"({path.stat().st_size / 1e6:,.0f} MB). Free some space and try "
                        "again; nothing has been changed.") from exc  # fmt: skip
                raise translate_os_error(exc, path) from exc
            file = open_project_file(copy, passphrase)
            try:
                check_whole(file, None if progress is None else lambda done, total, _text:
                            progress(done, total, "Checking the other file"))  # fmt: skip
                with translated(path):
                    problems = chain_problems(audit_repo.entries(file.db))
                if problems:
                    raise ProjectError(
                        f"The audit log of {path.name} does not verify ({problems[0]}), so what "
                        f"it says happened cannot be trusted. Run `coprod-desktop verify "
                        f"{path}` on it; nothing has been combined.")  # fmt: skip
            except BaseException:
                file.close()
                raise
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        return OtherFile(path, file, folder)

    # what combining would do --------------------------------------------------------------
    def preview(self, other: OtherFile, choices: Choices | None = None) -> Plan:
        with self.read():
            work = combine_plan.work_out(self._db, other.db, other.path, choices or Choices())
        return work.plan

    def combine(self, other: OtherFile, choices: Choices | None = None,
                progress: Progress | None = None) -> Outcome:  # fmt: skip
        """Combine the other file into this one, in one transaction."""
        choices = choices or Choices()
        report = progress or (lambda done, total, text: None)
        with self.write() as db:
            work = combine_plan.work_out(self._db, other.db, other.path, choices)
            erased_for = self._apply(db, other, work, report)
        if work.changes_anything:
            self._file.checkpoint()  # erased material leaves no copy in the -wal file
        return Outcome(work.plan, work.renumbered, work.matched, work.kept, erased_for,
                       len(work.audit))  # fmt: skip

    # writing it -------------------------------------------------------------------------
    def _apply(self, db: sqlite_utils.Database, other: OtherFile, work: combine_plan.Work,
               report: Progress) -> list[str]:  # fmt: skip
        total = (len(work.inserts) + len(work.updates) + len(work.links) + len(work.audit)
                 + sum(combine_repo.chunk_count(other.db, r) for r in work.recordings))  # fmt: skip
        done = 0

        def step(text: str) -> None:
            nonlocal done
            done += 1
            if done % 50 == 0 or done == total:
                report(done, total, text)

        for table, row in work.inserts:
            combine_repo.insert(db, table, row)
            step("Adding records")
        for table, row in work.updates:
            combine_repo.update(db, table, row)
            step("Adding records")
        for table, row in work.links:
            combine_repo.insert(db, table, row)
            step("Adding records")
        arriving = {p.id for p in work.plan.people}
        for other_id, here_id in work.id_map.items():  # asked once: never again for that file
            if other_id in arriving:
                combine_repo.remember_match(db, other_id, here_id)
        for (kind, record_id), theirs in work.kept_now.items():
            combine_repo.remember_kept(db, kind, record_id, theirs)
        for recording_id in work.recordings:
            with translated(other.path):
                for seq, pcm in combine_repo.chunks(other.db, recording_id):
                    combine_repo.add_chunk(db, recording_id, seq, pcm)
                    step("Copying recordings")
        arrived_erased = []
        for entry in work.audit:
            subject = work.id_map.get(entry.subject_id, entry.subject_id)
            moved = audit_repo.append_from_other_file(db, entry, subject)
            if moved.erased:
                arrived_erased.append(moved.seq)
            step("Adding the audit log")
        report(total, total, "Applying withdrawals")
        applied: dict[str, dict[str, int]] = {}
        logged: list[int] = []
        texts = [v for _t, row in (*work.inserts, *work.updates) for v in row.values()
                 if isinstance(v, str)]  # fmt: skip
        texts += [f"{e.actor} {json.dumps(e.details, ensure_ascii=False)}" for e in work.audit]
        for participant_id, scope in consent_repo.withdrawn(db):
            person = participants_repo.get(db, participant_id)
            theirs = work.their_people.get(participant_id, {})
            names = Names.of(
                person.pseudonym, person.real_name or theirs.get("real_name", ""),
                {*person.aliases, *json.loads(theirs.get("aliases", "[]"))},
                consent_repo.guardian_names(db, participant_id))  # fmt: skip
            if participant_id not in work.touched and not (
                    scope == Scope.EVERYTHING.value and names
                    and any(names.find(text) for text in texts)):  # fmt: skip
                continue  # nothing of theirs came: what is here was erased when they withdrew
            erased, erased_entries = erase_withdrawn(db, participant_id, Scope(scope), names)
            logged += erased_entries
            if any(erased.values()):
                applied[person.pseudonym] = erased
        plan = work.plan
        self.audit("project.combined", "project", plan.other_project_id, {
            "other_file": other.path.name, "other_project": plan.other_name,
            "other_chain_head": {"seq": plan.other_head[0], "hash": plan.other_head[1]},
            "added": plan.added, "links_added": len(work.links),
            "not_added_deleted_here": plan.removed_here,
            "not_added_refers_to_deleted": plan.dangling,
            "renumbered": sorted(new for _old, new in work.renumbered.values()),
            "matched": sorted(here for _theirs, here in work.matched.values()),
            "conflicts": {f"{c.kind}/{c.id}": side for c, side in work.kept},
            "withdrawals_applied": applied,
            ERASED_KEY: sorted({*arrived_erased, *logged}),
        })  # fmt: skip
        return sorted(applied)


