"""Working out what combining another project file would do: every record of both files read,
matched by id (or, for what every project makes for itself, by what it is), and sorted into
what is added, what is already here, what was deleted here, and what conflicts. Nothing is
written here: services/combining.py writes what this works out, in one transaction."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from coprod_desktop.domain import combining as rules
from coprod_desktop.domain import word_times
from coprod_desktop.domain.audit import AuditEntry
from coprod_desktop.domain.combining import Choices, Conflict, Difference, Person, Plan
from coprod_desktop.domain.consent import Scope
from coprod_desktop.domain.errors import ValidationError
from coprod_desktop.domain.names import Names
from coprod_desktop.storage import audit_repo, combine_repo
from coprod_desktop.storage.errors import translated

if TYPE_CHECKING:
    import sqlite_utils

# Facts: a copy in both files that differs was changed by an erasure, which the withdrawal
# pass repeats; this file's copy is kept and no choice is offered.
FACTS = {"consent_forms", "consent_records", "consent_attachments", "withdrawals", "packs",
         "disclosures", "risk_reviews", "recordings"}  # fmt: skip
# Not compared: when it was made or changed (and by whom), a cache; and a signpost's place in
# the list, which each laptop's defaults have of their own.
NOT_COMPARED = {"created_at", "updated_at", "added_at", "decided_at", "decided_by", "waveform"}
# A person's pseudonym is this file's: the other file's is rewritten to it in what comes.
NOT_COMPARED_IN = {"signposts": {"position"}, "participants": {"pseudonym"}}
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



@dataclass
class Work:
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
    matched_ids: set[str] = field(default_factory=set)  # people here matched to theirs
    kept_before: dict[tuple[str, str], str] = field(default_factory=dict)
    kept_now: dict[tuple[str, str], str | None] = field(default_factory=dict)
    new_clips: dict[str, dict] = field(default_factory=dict)  # arriving clips, by id
    clip_sides: dict[str, str] = field(default_factory=dict)  # clips in conflict: side kept

    @property
    def changes_anything(self) -> bool:
        return bool(self.inserts or self.updates or self.links or self.audit)



# working it out ---------------------------------------------------------------------
def work_out(ours_db: sqlite_utils.Database, theirs_db: sqlite_utils.Database, other_path: Path,
             choices: Choices) -> Work:  # fmt: skip
    """Everything combining the other file would write, and the plan that says so."""
    with translated(other_path):
        mine, theirs = Tables(ours_db), Tables(theirs_db)
        project = combine_repo.project_row(theirs_db)
        head = audit_repo.head(theirs_db)
        ids_here = audit_repo.ids(ours_db)
        entries = [e for e in audit_repo.entries(theirs_db) if e.id not in ids_here]
    removed = combine_repo.removed(ours_db)
    remembered = {k: v for k, v in combine_repo.matches(ours_db).items()
                  if (k,) in theirs.rows["participants"] and (v,) in mine.rows["participants"]}
    work = Work(Plan(project["name"], project["id"], head))
    work.kept_before = combine_repo.kept(ours_db)
    work.plan.renumbered = work.renumbered
    named, renames = _people(work, mine, theirs, removed, choices, remembered)
    rename = rules.renamer(renames)
    forms = _same_things(work, mine, theirs)
    withdrawn, their_names = _withdrawn(mine, theirs, work.id_map)
    present = {t: {k[0] for k in mine.rows[t]} for t in combine_repo.RECORDS}
    for table in combine_repo.RECORDS:
        refs = mine.refs[table]
        for row in theirs.rows[table].values():
            row = _mapped(row, refs, work.id_map)
            if table in NAMING_TEXTS and renames:
                for column in NAMING_TEXTS[table]:
                    row[column] = rename(row[column])
            if table == "participants" and row["id"] in named and row["id"] not in work.id_map:
                row["pseudonym"] = named[row["id"]]
            if (table == "consent_forms" and row["id"] not in present[table]
                    and (row["form_key"], row["version"]) in forms):  # fmt: skip
                row["form_key"] = f"{row['form_key']} ({project['name'] or 'other'})"
            _one(work, table, row, mine, theirs, present, removed, (withdrawn, their_names),
                 choices)  # fmt: skip
    for table in combine_repo.LINKS:
        refs = mine.refs[table]
        for row in theirs.rows[table].values():
            row = _mapped(row, refs, work.id_map)
            if tuple(row[c] for c in mine.keys[table]) in mine.rows[table]:
                continue
            if (table, combine_repo.link_key(table, row)) in removed:
                continue  # taken away here (a speaker unticked): not added back
            if all(row[r.column] is None or row[r.column] in present[r.table]
                   for r in refs if r.table in present):  # fmt: skip
                work.links.append((table, row))
    work.plan.audio_seconds = sum(
        (r["samples"] or 0) / (r["sample_rate"] or 1)
        for r in (theirs.rows["recordings"][(i,)] for i in work.recordings))  # fmt: skip
    work.audit = sorted(entries, key=lambda e: (e.at, e.seq))
    if work.audit:
        work.plan.added["audit_log"] = len(work.audit)
    _withdrawals(work, mine, theirs)
    return work


def _people(work: Work, mine: Tables, theirs: Tables, removed: set, choices: Choices,
            remembered: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:  # fmt: skip
    """Who arrives (people new to this file), whom the facilitator matches now or matched at
    an earlier combine, and what each is called here: (incoming id -> pseudonym, and each
    pseudonym of the other file -> the one here, for the texts that come from there)."""
    plan = work.plan
    here = [_person(r) for r in mine.rows["participants"].values()]
    incoming = sorted((_person(r) for key, r in theirs.rows["participants"].items()
                       if key not in mine.rows["participants"] and r["id"] not in remembered
                       and ("participants", r["id"]) not in removed),
                      key=lambda p: _in_order(p.pseudonym))  # fmt: skip
    plan.people, plan.ours = incoming, here
    plan.suggested = rules.suggest(incoming, here)
    try:
        rules.check_matches(choices.matches, incoming, here)
        if set(remembered.values()) & set(choices.matches.values()):
            raise ValueError("Someone here was already matched to a person of that file.")
    except ValueError as exc:
        raise ValidationError(str(exc)) from exc
    named = rules.pseudonyms(incoming, here, choices.matches)
    work.id_map.update(remembered)
    work.id_map.update(choices.matches)
    work.matched_ids = set(work.id_map.values())
    for person in incoming:
        if named[person.id] != person.pseudonym:
            target = work.matched if person.id in choices.matches else work.renumbered
            target[person.id] = (person.pseudonym, named[person.id])
    renames = {}
    for row in theirs.rows["participants"].values():
        here_id = work.id_map.get(row["id"], row["id"])
        now = named.get(row["id"]) or mine.rows["participants"].get(
            (here_id,), {}).get("pseudonym", row["pseudonym"])  # fmt: skip
        if now != row["pseudonym"]:
            renames[row["pseudonym"]] = now
    return named, renames


def _in_order(pseudonym: str) -> tuple:
    """P-9 before P-10: numbers compared as numbers."""
    return tuple(int(part) if part.isdigit() else part.casefold()
                 for part in re.split(r"(\d+)", pseudonym))  # fmt: skip


def _same_things(work: Work, mine: Tables, theirs: Tables) -> dict[tuple, dict]:
    """The same thing made on both laptops under other ids becomes one record (its id here);
    returns this file's consent forms by (name, version)."""
    for table, columns in SAME_BY.items():
        known = {_natural(r, columns): r["id"] for r in mine.rows[table].values()}
        for row in theirs.rows[table].values():
            found = known.get(_natural(row, columns))
            if (row["id"],) not in mine.rows[table] and found is not None:
                work.id_map[row["id"]] = found
    forms = {(r["form_key"], r["version"]): r for r in mine.rows["consent_forms"].values()}
    for row in theirs.rows["consent_forms"].values():
        same = forms.get((row["form_key"], row["version"]))
        if (row["id"],) in mine.rows["consent_forms"] or same is None:
            continue
        if same["content_hash"] == row["content_hash"]:
            work.id_map[row["id"]] = same["id"]
        else:  # the same form name and version, other wording: kept apart, named as theirs
            work.plan.forms_kept_apart.append(f"{row['title']} (version {row['version']})")
    return forms


def _withdrawals(work: Work, mine: Tables, theirs: Tables) -> None:
    """Withdrawals arriving; people withdrawn here whom the other file still holds; and whose
    withdrawal must be applied again because what arrives refers to them."""
    plan = work.plan
    people = {**mine.rows["participants"]}
    people.update({(row["id"],): row for table, row in work.inserts if table == "participants"})
    for w in theirs.rows["withdrawals"].values():
        pid = work.id_map.get(w["participant_id"], w["participant_id"])
        if (w["id"],) not in mine.rows["withdrawals"] and (pid,) in people:
            plan.withdrawals.append((people[(pid,)]["pseudonym"], w["scope"]))
    theirs_withdrawn = {work.id_map.get(r["participant_id"], r["participant_id"])
                        for r in theirs.rows["withdrawals"].values()
                        if r["scope"] == Scope.EVERYTHING.value}  # fmt: skip
    in_theirs = {work.id_map.get(i, i) for (i,) in theirs.rows["participants"]}
    for row in mine.rows["withdrawals"].values():
        pid = row["participant_id"]
        if (row["scope"] == Scope.EVERYTHING.value and pid in in_theirs
                and pid not in theirs_withdrawn):  # fmt: skip
            pseudonym = mine.rows["participants"][(pid,)]["pseudonym"]
            if pseudonym not in plan.withdrawn_here_only:
                plan.withdrawn_here_only.append(pseudonym)
    for table, row in (*work.inserts, *work.updates, *work.links):
        if table == "participants":
            work.touched.add(row["id"])
        work.touched.update(row[r.column] for r in mine.refs[table]
                            if r.table == "participants" and row[r.column])  # fmt: skip
    work.their_people = {work.id_map.get(r["id"], r["id"]): r
                         for r in theirs.rows["participants"].values()}  # fmt: skip


def _one(work: Work, table: str, row: dict, mine: Tables, theirs: Tables,
         present: dict, removed: set, withdrawn: tuple[set[str], Names],
         choices: Choices) -> None:  # fmt: skip
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
        if table == "clips":
            work.new_clips[row["id"]] = row
        plan.added[table] = plan.added.get(table, 0) + 1
        if table == "recordings":
            work.recordings.append(row["id"])
        return
    if table == "participants" and row["id"] in work.matched_ids:
        merged = _merged_person(ours, row)
        if merged != ours:
            work.updates.append((table, merged))
        return
    ignored = NOT_COMPARED | NOT_COMPARED_IN.get(table, set())
    differences = _differences(ours, row, ignored)
    if not differences:
        plan.same_as_here += 1
        return
    people, names = withdrawn
    if table in FACTS or (table == "participants" and row["id"] in people) or any(
            row[r.column] in people for r in mine.refs[table] if r.table == "participants") \
            or any(isinstance(v, str) and names.find(v) for v in row.values()):
        return  # no choice that could bring back what a withdrawal erased  # fmt: skip
    changed = CHANGED_AT.get(table, "updated_at")
    newer = rules.newer(ours.get(changed), row.get(changed))
    if table == "clip_words":  # made by the machine: follows its clip, else the newer
        side = work.clip_sides.get(row["id"])
        if (side or newer) == rules.THEIRS:
            work.updates.append((table, row))
        return
    seen = _digest(row, ignored)
    if work.kept_before.get((table, row["id"])) == seen:
        plan.decided_before += 1  # this version was declined at an earlier combine
        return
    conflict = Conflict(table, row["id"], _label(table, ours), differences, newer)
    plan.conflicts.append(conflict)
    side = choices.side(conflict)
    work.kept.append((conflict, side))
    work.kept_now[(table, row["id"])] = seen if side == rules.OURS else None
    if table == "clips":
        work.clip_sides[row["id"]] = side
    if side == rules.THEIRS:
        work.updates.append((table, row))


# reading both files -------------------------------------------------------------------------
class Tables:
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


def _timings(words: dict, work: Work, mine: Tables, theirs: Tables) -> dict | None:
    """Timings arriving for a clip, for its transcript as combined: carried over when a
    renamed pseudonym changed the text they were made for; None when they fit no text."""
    clip = work.new_clips.get(words["id"]) or mine.rows["clips"].get((words["id"],))
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


def _withdrawn(mine: Tables, theirs: Tables, id_map: dict[str, str]) -> tuple[set[str], Names]:
    """Who withdrew everything, in either file, and every name they were known by in either
    (a record naming one of them offers no choice: what it would bring back was erased)."""
    out = set()
    for tables in (mine, theirs):
        for row in tables.rows["withdrawals"].values():
            if row["scope"] == Scope.EVERYTHING.value:
                out.add(id_map.get(row["participant_id"], row["participant_id"]))
    names = []
    for tables in (mine, theirs):
        for row in tables.rows["participants"].values():
            if id_map.get(row["id"], row["id"]) in out:
                names += [row["real_name"], *json.loads(row["aliases"])]
    return out, Names.of("", "", names)


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


def _digest(row: dict, ignored: set[str]) -> str:
    """A short digest of a version of a record: which one was declined, not what it said."""
    data = {c: (v.hex() if isinstance(v, bytes) else v) for c, v in sorted(row.items())
            if c not in ignored}  # fmt: skip
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:16]


def _label(table: str, row: dict) -> str:
    column = LABELS.get(table)
    text = rules.shown(row.get(column), 60) if column else ""
    kind = rules.noun(table, 1).capitalize()
    return f"{kind}: {text}" if text else kind

