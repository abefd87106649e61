"""Combining another project file into this one: the rules, in plain Python.

Records keep their ids, so a record found in both files is one record. People are the
exception: a person registered on two laptops has two ids, and only the facilitator says that
they are one person (`suggest` offers a match when the real names agree; nothing is ever
matched by itself). A newcomer whose pseudonym is taken here is renumbered, and the texts
that came with them are rewritten to the new pseudonym (`renamed`), so that a transcript's
"P-03:" still names the person who said it.

A record in both files that differs is a `Conflict`: the facilitator chooses which to keep,
offered the newer where the record says when it was changed; without a choice (the command
line) the newer is kept, and this file's where there is no telling.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from .participants import free_pseudonyms
from .words import QT_TR_NOOP

OURS, THEIRS = "ours", "theirs"

# What each kind of record is called in the preview and the summary (one, many).
NOUNS: dict[str, tuple[str, str]] = {
    "sessions": (QT_TR_NOOP("session"), QT_TR_NOOP("sessions")),
    "participants": (QT_TR_NOOP("participant"), QT_TR_NOOP("participants")),
    "consent_forms": (QT_TR_NOOP("consent form"), QT_TR_NOOP("consent forms")),
    "consent_records": (QT_TR_NOOP("consent record"), QT_TR_NOOP("consent records")),
    "consent_attachments": (QT_TR_NOOP("signature or consent recording"),
                            QT_TR_NOOP("signatures and consent recordings")),
    "withdrawals": (QT_TR_NOOP("withdrawal"), QT_TR_NOOP("withdrawals")),
    "boards": (QT_TR_NOOP("board"), QT_TR_NOOP("boards")),
    "themes": (QT_TR_NOOP("theme"), QT_TR_NOOP("themes")),
    "notes": (QT_TR_NOOP("note"), QT_TR_NOOP("notes")),
    "vote_rounds": (QT_TR_NOOP("voting round"), QT_TR_NOOP("voting rounds")),
    "votes": (QT_TR_NOOP("vote"), QT_TR_NOOP("votes")),
    "recordings": (QT_TR_NOOP("recording"), QT_TR_NOOP("recordings")),
    "clips": (QT_TR_NOOP("clip"), QT_TR_NOOP("clips")),
    "clip_words": (QT_TR_NOOP("clip's word timings"), QT_TR_NOOP("clips' word timings")),
    "clip_flagged_ranges": (QT_TR_NOOP("flagged part of a clip"),
                            QT_TR_NOOP("flagged parts of clips")),
    "anonymise_terms": (QT_TR_NOOP("anonymising list entry"),
                        QT_TR_NOOP("anonymising list entries")),
    "anonymise_decisions": (QT_TR_NOOP("anonymising decision"),
                            QT_TR_NOOP("anonymising decisions")),
    "packs": (QT_TR_NOOP("pack issued"), QT_TR_NOOP("packs issued")),
    "disclosures": (QT_TR_NOOP("disclosure"), QT_TR_NOOP("disclosures")),
    "risks": (QT_TR_NOOP("risk"), QT_TR_NOOP("risks")),
    "risk_reviews": (QT_TR_NOOP("risk review"), QT_TR_NOOP("risk reviews")),
    "barriers": (QT_TR_NOOP("barrier"), QT_TR_NOOP("barriers")),
    "outcomes": (QT_TR_NOOP("outcome"), QT_TR_NOOP("outcomes")),
    "measures": (QT_TR_NOOP("measure"), QT_TR_NOOP("measures")),
    "self_checks": (QT_TR_NOOP("self-check"), QT_TR_NOOP("self-checks")),
    "programmes": (QT_TR_NOOP("programme"), QT_TR_NOOP("programmes")),
    "programme_items": (QT_TR_NOOP("programme item"), QT_TR_NOOP("programme items")),
    "actions": (QT_TR_NOOP("action"), QT_TR_NOOP("actions")),
    "action_responses": (QT_TR_NOOP("action response"), QT_TR_NOOP("action responses")),
    "reciprocity_entries": (QT_TR_NOOP("reciprocity entry"),
                            QT_TR_NOOP("reciprocity entries")),
    "safeguarding_concerns": (QT_TR_NOOP("safeguarding concern"),
                              QT_TR_NOOP("safeguarding concerns")),
    "safeguarding_follow_ups": (QT_TR_NOOP("safeguarding follow-up"),
                                QT_TR_NOOP("safeguarding follow-ups")),
    "signposts": (QT_TR_NOOP("signpost"), QT_TR_NOOP("signposts")),
    "audit_log": (QT_TR_NOOP("audit log entry"), QT_TR_NOOP("audit log entries")),
}


def noun(kind: str, n: int) -> str:
    one, many = NOUNS.get(kind, (kind, kind))
    return one if n == 1 else many


@dataclass(frozen=True)
class Person:
    """Someone registered in one of the files, as the facilitator tells people apart."""

    id: str
    pseudonym: str
    real_name: str = ""
    role: str = ""


def _name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def suggest(incoming: Sequence[Person], ours: Sequence[Person]) -> dict[str, str]:
    """Matches to offer: an incoming person whose real name is that of exactly one person
    here, and of no other incoming person. Only offered: the facilitator decides."""
    by_name: dict[str, list[Person]] = {}
    for person in ours:
        if _name_key(person.real_name):
            by_name.setdefault(_name_key(person.real_name), []).append(person)
    theirs_count: dict[str, int] = {}
    for person in incoming:
        key = _name_key(person.real_name)
        theirs_count[key] = theirs_count.get(key, 0) + 1
    out = {}
    for person in incoming:
        key = _name_key(person.real_name)
        if key and theirs_count[key] == 1 and len(by_name.get(key, ())) == 1:
            out[person.id] = by_name[key][0].id
    return out


def check_matches(matches: Mapping[str, str], incoming: Iterable[Person],
                  ours: Iterable[Person]) -> None:  # fmt: skip
    """Refuse matches that cannot be: to or from someone unknown, or two people onto one."""
    known_in = {p.id for p in incoming}
    known_here = {p.id for p in ours}
    seen: dict[str, str] = {}
    for theirs_id, ours_id in matches.items():
        if theirs_id not in known_in or ours_id not in known_here:
            raise ValueError("A person to match is not in the files any more.")
        if ours_id in seen:
            raise ValueError("Two people from the other file cannot both be one person here.")
        seen[ours_id] = theirs_id


def pseudonyms(incoming: Sequence[Person], ours: Sequence[Person],
               matches: Mapping[str, str]) -> dict[str, str]:  # fmt: skip
    """Each incoming person's pseudonym in the combined file: a matched person's is the one
    here; a newcomer keeps theirs unless it is taken (ignoring case), and is then given the
    next free P-number, in the order the newcomers come."""
    here = {p.id: p.pseudonym for p in ours}
    out = {p.id: here[matches[p.id]] for p in incoming if p.id in matches}
    taken = {p.pseudonym.casefold() for p in ours}
    clashing = []
    for person in incoming:
        if person.id in matches:
            continue
        if person.pseudonym.casefold() in taken:
            clashing.append(person)
        else:
            out[person.id] = person.pseudonym
            taken.add(person.pseudonym.casefold())
    free = free_pseudonyms(taken)
    for person in clashing:
        out[person.id] = next(free)
    return out


def renamer(renames: Mapping[str, str]) -> Callable[[str], str]:
    """Replaces each old pseudonym (a whole word, any case) in a text by its new one, all at
    once, so that P-03 → P-18 and P-05 → P-03 do not run into each other. Made once for
    many texts."""
    wanted = {old.casefold(): new for old, new in renames.items()
              if old.casefold() != new.casefold()}  # fmt: skip
    if not wanted:
        return lambda text: text
    pattern = re.compile(r"(?<![\w-])(" + "|".join(
        re.escape(old) for old in sorted(wanted, key=len, reverse=True)) + r")(?![\w-])",
        re.IGNORECASE)  # fmt: skip

    def rename(text: str) -> str:
        return pattern.sub(lambda m: wanted[m.group(1).casefold()], text) if text else text

    return rename


@dataclass(frozen=True)
class Difference:
    field: str
    ours: str
    theirs: str


@dataclass(frozen=True)
class Conflict:
    """A record in both files, changed differently: which to keep is the facilitator's."""

    kind: str
    id: str
    label: str
    differences: tuple[Difference, ...]
    newer: str | None  # OURS, THEIRS, or None where the record does not say when it changed

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.id)

    @property
    def default(self) -> str:
        return self.newer or OURS


def newer(ours_changed: str | None, theirs_changed: str | None) -> str | None:
    if not ours_changed or not theirs_changed or ours_changed == theirs_changed:
        return None
    return THEIRS if theirs_changed > ours_changed else OURS


def shown(value: object, limit: int = 80) -> str:
    """A field's value as the facilitator reads it in the list of conflicts."""
    if value is None:
        return "—"
    if isinstance(value, bytes):
        return f"({len(value):,} bytes)"
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass
class Plan:
    """What combining the other file would do, before anything is written."""

    other_name: str
    other_project_id: str
    other_head: tuple[int, str]
    added: dict[str, int] = field(default_factory=dict)  # kind -> records new here
    removed_here: dict[str, int] = field(default_factory=dict)  # deleted here: not added back
    dangling: dict[str, int] = field(default_factory=dict)  # refer to something deleted here
    same_as_here: int = 0
    decided_before: int = 0  # edited on both, and this file's kept at an earlier combine
    people: list[Person] = field(default_factory=list)  # incoming people new to this file
    renumbered: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (old, new)
    ours: list[Person] = field(default_factory=list)  # people here, to match against
    suggested: dict[str, str] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)
    # withdrawals arriving: (pseudonym as combined, scope: "everything", "audio_only" or
    # "future_packs")
    withdrawals: list[tuple[str, str]] = field(default_factory=list)
    # withdrew (everything) here, and the other file, which does not know, still holds them:
    # combine this project into that file too, or delete it
    withdrawn_here_only: list[str] = field(default_factory=list)
    audio_seconds: float = 0.0
    forms_kept_apart: list[str] = field(default_factory=list)

    @property
    def anything(self) -> bool:
        return bool(sum(self.added.values()) or self.conflicts or self.people)


@dataclass(frozen=True)
class Choices:
    """The facilitator's decisions: who is the same person, and which side of each conflict
    to keep (a conflict not named keeps its default)."""

    matches: Mapping[str, str] = field(default_factory=dict)  # incoming id -> id here
    keep: Mapping[tuple[str, str], str] = field(default_factory=dict)  # (kind, id) -> side

    def side(self, conflict: Conflict) -> str:
        return self.keep.get(conflict.key, conflict.default)


@dataclass
class Outcome:
    """What combining did."""

    plan: Plan
    renumbered: dict[str, tuple[str, str]]  # incoming id -> (old pseudonym, new)
    matched: dict[str, tuple[str, str]]  # incoming id -> (their pseudonym, pseudonym here)
    kept: list[tuple[Conflict, str]]  # each conflict and the side kept
    erased_for: list[str]  # pseudonyms whose withdrawal erased material in the combined file
    audit_entries: int = 0
