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
- a withdrawal recorded in either file wins: once anything has been added, every withdrawal
  of everything (or audio) in the combined file is applied again, with the same erasers and
  raw-byte erasure, so nothing that came from the other file outlives it.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from coprod_desktop.domain import combining as rules
from coprod_desktop.domain import word_times
from coprod_desktop.domain.audit import ERASED_KEY, AuditEntry, chain_problems
from coprod_desktop.domain.combining import Choices, Conflict, Difference, Outcome, Person, Plan
from coprod_desktop.domain.consent import Scope
from coprod_desktop.domain.errors import ValidationError
from coprod_desktop.domain.names import Names
from coprod_desktop.storage import audit_repo, combine_repo, consent_repo, participants_repo
from coprod_desktop.storage.connection import ProjectFile, open_project_file
from coprod_desktop.storage.errors import ProjectError, translate_os_error, translated

from .base import Service
from .consent import erase_withdrawn
from .verify import check_whole

if TYPE_CHECKING:
    import sqlite_utils

Progress = Callable[[int, int, str], None]

# Facts: a copy in both files that differs was changed by an erasure, which the withdrawal
# pass repeats; this file's copy is kept and no choice is offered.
FACTS = {"consent_forms", "consent_records", "consent_attachments", "withdrawals", "packs",
         "disclosures", "risk_reviews", "recordings"}  # fmt: skip
# Not compared: when it was made or changed (and by whom), a cache; and a signpost's place in
# the list, which each laptop's defaults have of their own.
NOT_COMPARED = {"created_at", "updated_at", "added_at", "decided_at", "decided_by", "waveform"}
NOT_COMPARED_IN = {"signposts": {"position"}}
CHANGED_AT = {"anonymise_decisions": "decided_at"}  # the column saying when, if not updated_at
# Texts that can name people by pseudonym (a transcript's "P-03:" headings): rewritten when a
# newcomer is renumbered or matched to someone here with another pseudonym.
NAMING_TEXTS = {"clips": ("title", "transcript"), "notes": ("text",),
                "programme_items": ("title", "script"), "programmes": ("show_notes",)}  # fmt: skip
# The same thing made on both laptops with different ids (every new project gets the default
# signposts and consent form): found by what it is, and treated as one record.
SAME_BY = {
    "signposts": ("name",),
    "risks": ("category", "description"),
    "anonymise_terms": ("term", "list"),
    "anonymise_decisions": ("source_type", "source_id", "start", "end", "kind"),
}
LABELS = {"sessions": "title", "participants": "pseudonym", "boards": "title",
          "themes": "name", "notes": "text", "clips": "title", "programmes": "title",
          "programme_items": "title", "actions": "text", "risks": "description",
          "barriers": "description", "outcomes": "text", "measures": "question",
          "signposts": "name", "safeguarding_concerns": "what", "anonymise_terms": "term",
          "action_responses": "text", "reciprocity_entries": "description"}  # fmt: skip


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


@dataclass
class _Work:
    """What combining writes, worked out from both files before anything is written."""

    plan: Plan
    inserts: list[tuple[str, dict]] = field(default_factory=list)
    updates: list[tuple[str, dict]] = field(default_factory=list)
    links: list[tuple[str, dict]] = field(default_factory=list)
    recordings: list[str] = field(default_factory=list)  # new here: their audio is copied
    audit: list[AuditEntry] = field(default_factory=list)
    id_map: dict[str, str] = field(default_factory=dict)
    renumbered: dict[str, tuple[str, str]] = field(default_factory=dict)
    matched: dict[str, tuple[str, str]] = field(default_factory=dict)
    kept: list[tuple[Conflict, str]] = field(default_factory=list)
    their_people: dict[str, dict] = field(default_factory=dict)  # id here -> their row
    touched: set[str] = field(default_factory=set)  # people what comes refers to

    @property
    def changes_anything(self) -> bool:
        return bool(self.inserts or self.updates or self.links or self.audit)


class CombineService(Service):
    # opening the other file -------------------------------------------------------------
    def open_other(self, path: Path | str, passphrase: str,
                   progress: Progress | None = None) -> OtherFile:  # fmt: skip
        """Open another project file to combine, through a copy: the file itself is never
        written. Refuses this project's own file, and a file that is damaged or whose audit
        log does not verify."""
        path = Path(path)
        if path.exists() and self._file.path.exists() and path.samefile(self._file.path):
            raise ValidationError("That is the project that is open. Choose the other "
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
                raise ProjectError(f"{path.name} could not be read: "
                                   f"{translate_os_error(exc, path)}") from exc  # fmt: skip
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
            return self._work(other, choices or Choices()).plan

    def combine(self, other: OtherFile, choices: Choices | None = None,
                progress: Progress | None = None) -> Outcome:  # fmt: skip
        """Combine the other file into this one, in one transaction."""
        choices = choices or Choices()
        report = progress or (lambda done, total, text: None)
        with self.write() as db:
            work = self._work(other, choices)
            erased_for = self._apply(db, other, work, report)
        if work.changes_anything:
            self._file.checkpoint()  # erased material leaves no copy in the -wal file
        return Outcome(work.plan, work.renumbered, work.matched, work.kept, erased_for,
                       len(work.audit))  # fmt: skip

    # working it out ---------------------------------------------------------------------
    def _work(self, other: OtherFile, choices: Choices) -> _Work:
        ours_db, theirs_db = self._db, other.db
        with translated(other.path):
            mine, theirs = _Tables(ours_db), _Tables(theirs_db)
            project = combine_repo.project_row(theirs_db)
            head = audit_repo.head(theirs_db)
        removed = combine_repo.removed(ours_db)
        work = _Work(Plan(project["name"], project["id"], head))
        plan = work.plan

        # people
        here = [_person(r) for r in mine.rows["participants"].values()]
        incoming = [_person(r) for key, r in theirs.rows["participants"].items()
                    if key not in mine.rows["participants"]
                    and ("participants", r["id"]) not in removed]  # fmt: skip
        plan.people, plan.ours = incoming, here
        plan.suggested = rules.suggest(incoming, here)
        try:
            rules.check_matches(choices.matches, incoming, here)
        except ValueError as exc:
            raise ValidationError(str(exc)) from exc
        named = rules.pseudonyms(incoming, here, choices.matches)
        work.id_map.update(choices.matches)
        renames = {}
        for person in incoming:
            if named[person.id] != person.pseudonym:
                renames[person.pseudonym] = named[person.id]
                target = work.matched if person.id in choices.matches else work.renumbered
                target[person.id] = (person.pseudonym, named[person.id])

        # the same thing made on both laptops
        for table, columns in SAME_BY.items():
            known = {_natural(r, columns): r["id"] for r in mine.rows[table].values()}
            for row in theirs.rows[table].values():
                found = known.get(_natural(row, columns))
                if row["id"] not in mine.rows[table] and found is not None:
                    work.id_map[row["id"]] = found
        forms = {(r["form_key"], r["version"]): r for r in mine.rows["consent_forms"].values()}
        for row in theirs.rows["consent_forms"].values():
            same = forms.get((row["form_key"], row["version"]))
            if row["id"] in mine.rows["consent_forms"] or same is None:
                continue
            if same["content_hash"] == row["content_hash"]:
                work.id_map[row["id"]] = same["id"]
            else:  # the same form name and version, other wording: kept apart, named as theirs
                plan.forms_kept_apart.append(f"{row['title']} (version {row['version']})")

        withdrawn = _withdrawn(mine, theirs, work.id_map)
        present = {t: {k[0] for k in mine.rows[t]} for t in combine_repo.RECORDS}
        for table in combine_repo.RECORDS:
            refs = mine.refs[table]
            for row in theirs.rows[table].values():
                row = _mapped(row, refs, work.id_map)
                if table in NAMING_TEXTS and renames:
                    row = _renamed(row, NAMING_TEXTS[table], renames)
                if table == "participants" and row["id"] in named and row["id"] not in work.id_map:
                    row["pseudonym"] = named[row["id"]]
                if (table == "consent_forms" and row["id"] not in present[table]
                        and (row["form_key"], row["version"]) in forms):  # fmt: skip
                    row["form_key"] = f"{row['form_key']} ({project['name'] or 'other'})"
                self._one(work, table, row, mine, theirs, present, removed, withdrawn, choices)
        for table in combine_repo.LINKS:
            refs = mine.refs[table]
            for key, row in theirs.rows[table].items():
                row = _mapped(row, refs, work.id_map)
                key = tuple(row[c] for c in mine.keys[table])
                if key in mine.rows[table]:
                    continue
                if all(row[r.column] is None or row[r.column] in present[r.table]
                       for r in refs if r.table in present):  # fmt: skip
                    work.links.append((table, row))
        plan.audio_seconds = sum(
            (r["samples"] or 0) / (r["sample_rate"] or 1)
            for r in (theirs.rows["recordings"][(i,)] for i in work.recordings))  # fmt: skip
        people_here = {**mine.rows["participants"]}
        for table, row in work.inserts:
            if table == "participants":
                people_here[(row["id"],)] = row
        for w in theirs.rows["withdrawals"].values():
            pid = work.id_map.get(w["participant_id"], w["participant_id"])
            if (w["id"],) not in mine.rows["withdrawals"] and (pid,) in people_here:
                plan.withdrawals.append(f"{people_here[(pid,)]['pseudonym']} ({w['scope']})")
        ids_here = audit_repo.ids(ours_db)
        with translated(other.path):
            entries = [e for e in audit_repo.entries(theirs_db) if e.id not in ids_here]
        work.audit = sorted(entries, key=lambda e: (e.at, e.seq))
        if work.audit:
            plan.added["audit_log"] = len(work.audit)
        # whose withdrawal must be applied again: what came refers to them
        for table, row in (*work.inserts, *work.updates, *work.links):
            if table == "participants":
                work.touched.add(row["id"])
            work.touched.update(row[r.column] for r in mine.refs[table]
                                if r.table == "participants" and row[r.column])  # fmt: skip
        work.their_people = {work.id_map.get(r["id"], r["id"]): r
                             for r in theirs.rows["participants"].values()}  # fmt: skip
        return work

    def _one(self, work: _Work, table: str, row: dict, mine: _Tables, theirs: _Tables,
             present: dict, removed: set, withdrawn: set, choices: Choices) -> None:  # fmt: skip
        plan = work.plan
        if (table, row["id"]) in removed:
            plan.removed_here[table] = plan.removed_here.get(table, 0) + 1
            return
        ours = mine.rows[table].get((row["id"],))
        if ours is None:
            for ref in mine.refs[table]:
                value = row.get(ref.column)
                if value is None or ref.table not in present or value in present[ref.table]:
                    continue
                if ref.on_delete == "SET NULL":  # what deleting it here did to its own
                    row[ref.column] = None
                else:
                    plan.dangling[table] = plan.dangling.get(table, 0) + 1
                    return
            if table == "clip_words":
                row = _timings(row, work, mine, theirs)
                if row is None:
                    return
            present[table].add(row["id"])
            work.inserts.append((table, row))
            plan.added[table] = plan.added.get(table, 0) + 1
            if table == "recordings":
                work.recordings.append(row["id"])
            return
        if table == "participants" and row["id"] in choices.matches.values():
            merged = _merged_person(ours, row)
            if merged != ours:
                work.updates.append((table, merged))
            return
        differences = _differences(ours, row, NOT_COMPARED | NOT_COMPARED_IN.get(table, set()))
        if not differences:
            plan.same_as_here += 1
            return
        if table in FACTS or (table == "participants" and row["id"] in withdrawn):
            return
        changed = CHANGED_AT.get(table, "updated_at")
        newer = rules.newer(ours.get(changed), row.get(changed))
        if table == "clip_words":  # made by the machine: follows its clip, else the newer
            side = next((s for c, s in work.kept if c.key == ("clips", row["id"])), None)
            if (side or newer) == rules.THEIRS:
                work.updates.append((table, row))
            return
        conflict = Conflict(table, row["id"], _label(table, ours), differences, newer)
        plan.conflicts.append(conflict)
        side = choices.side(conflict)
        work.kept.append((conflict, side))
        if side == rules.THEIRS:
            work.updates.append((table, row))

    # writing it -------------------------------------------------------------------------
    def _apply(self, db: sqlite_utils.Database, other: OtherFile, work: _Work,
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


# reading both files -------------------------------------------------------------------------
class _Tables:
    def __init__(self, db: sqlite_utils.Database):
        self.rows: dict[str, dict[tuple, dict]] = {}
        self.refs: dict[str, list[combine_repo.Reference]] = {}
        self.keys: dict[str, tuple[str, ...]] = {}
        for table in (*combine_repo.RECORDS, *combine_repo.LINKS):
            self.keys[table] = combine_repo.key_columns(db, table)
            self.refs[table] = combine_repo.references(db, table)
            self.rows[table] = {tuple(r[c] for c in self.keys[table]): r
                                for r in combine_repo.rows(db, table)}  # fmt: skip


def _person(row: dict) -> Person:
    return Person(row["id"], row["pseudonym"], row["real_name"], row["role"])


def _natural(row: dict, columns: Iterable[str]) -> tuple:
    return tuple(" ".join(str(row[c]).split()).casefold() if isinstance(row[c], str) else row[c]
                 for c in columns)  # fmt: skip


def _mapped(row: dict, refs: list[combine_repo.Reference], id_map: dict[str, str]) -> dict:
    out = dict(row)
    if "id" in out:
        out["id"] = id_map.get(out["id"], out["id"])
    for ref in refs:
        value = out.get(ref.column)
        if value is not None:
            out[ref.column] = id_map.get(value, value)
    return out


def _renamed(row: dict, columns: tuple[str, ...], renames: dict[str, str]) -> dict:
    for column in columns:
        row[column] = rules.renamed(row[column], renames)
    return row


def _timings(words: dict, work: _Work, mine: _Tables, theirs: _Tables) -> dict | None:
    """Timings arriving for a clip, for its transcript as combined: carried over when a
    renamed pseudonym changed the text they were made for; None when they fit no text."""
    clip = next((r for t, r in reversed(work.inserts) if t == "clips" and r["id"] == words["id"]),
                mine.rows["clips"].get((words["id"],)))  # fmt: skip
    if clip is None:
        return None
    text = clip["transcript"]
    if words["transcript_key"] == word_times.transcript_key(text):
        return words
    made_for = theirs.rows["clips"].get((words["id"],), {}).get("transcript", "")
    if words["transcript_key"] != word_times.transcript_key(made_for):
        return None
    timed = word_times.from_rows(json.loads(words["words"]), made_for)
    carried, _gaps = word_times.carry_over(made_for, timed, text)
    return {**words, "transcript_key": word_times.transcript_key(text),
            "words": json.dumps(word_times.to_rows(carried))}


def _withdrawn(mine: _Tables, theirs: _Tables, id_map: dict[str, str]) -> set[str]:
    out = set()
    for tables in (mine, theirs):
        for row in tables.rows["withdrawals"].values():
            if row["scope"] == Scope.EVERYTHING.value:
                out.add(id_map.get(row["participant_id"], row["participant_id"]))
    return out


def _merged_person(ours: dict, theirs: dict) -> dict:
    """A person matched by the facilitator: this file's record, with the names the other
    laptop knew them by added (so that anonymising finds them in what came from there)."""
    aliases = json.loads(ours["aliases"])
    known = {a.casefold() for a in aliases} | {ours["real_name"].casefold()}
    for name in (theirs["real_name"], *json.loads(theirs["aliases"])):
        if name and name.casefold() not in known:
            aliases.append(name)
            known.add(name.casefold())
    merged = {**ours, "aliases": json.dumps(aliases, ensure_ascii=False)}
    if not ours["real_name"] and theirs["real_name"]:
        merged["real_name"] = theirs["real_name"]
        merged["aliases"] = json.dumps([a for a in aliases if a != theirs["real_name"]],
                                       ensure_ascii=False)  # fmt: skip
    for column in ("organisation",):
        if not ours[column] and theirs[column]:
            merged[column] = theirs[column]
    return merged


def _differences(ours: dict, theirs: dict, ignored: set[str]) -> tuple[Difference, ...]:
    return tuple(Difference(c, rules.shown(ours[c]), rules.shown(theirs.get(c)))
                 for c in ours if c not in ignored and ours[c] != theirs.get(c))  # fmt: skip


def _label(table: str, row: dict) -> str:
    column = LABELS.get(table)
    text = rules.shown(row.get(column), 60) if column else ""
    kind = rules.noun(table, 1).capitalize()
    return f"{kind}: {text}" if text else kind

