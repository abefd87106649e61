"""Consent: versioned forms, itemised records, withdrawals, and the gates every capability asks.

Nothing may be recorded, quoted or shared unless the person agreed to exactly that. A gate is
evaluated at a moment against the latest consent record given by then and any withdrawal
made after that record (a later record is a fresh consent and supersedes earlier withdrawals).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import Enum

from .errors import ValidationError
from .participants import AgeBand

TAKE_PART = "take_part"
AUDIO = "audio_recording"
QUOTE = "quote_anonymously"
BROADCAST = "broadcast_voice"
SHARE = "share_with_partners"
RESEARCH = "keep_for_research"
CREDIT = "credited"  # "I would like to be credited as …": answered with the name they type
STANDARD_KEYS = (TAKE_PART, AUDIO, QUOTE, BROADCAST, SHARE, RESEARCH, CREDIT)
MAX_CREDIT = 80

ITEM_LABELS = {
    TAKE_PART: "Take part",
    AUDIO: "Audio recording",
    QUOTE: "Quoted anonymously",
    BROADCAST: "Voice broadcast",
    SHARE: "Share with partners",
    RESEARCH: "Keep for research",
    CREDIT: "Credited by name",
}

_KEY = re.compile(r"^[a-z][a-z0-9_]{0,47}$")


class Method(str, Enum):
    SIGNATURE = "signature"
    VERBAL = "verbal"
    PAPER = "paper"

    @property
    def label(self) -> str:
        return {"signature": "Signed on screen", "verbal": "Verbal, witnessed",
                "paper": "Paper form"}[self.value]  # fmt: skip


class Status(str, Enum):
    AGREED = "agreed"
    DECLINED = "declined"
    NOT_ASKED = "not_asked"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return {"agreed": "Agreed", "declined": "Declined", "not_asked": "Not asked",
                "withdrawn": "Withdrawn"}[self.value]  # fmt: skip


class Scope(str, Enum):
    EVERYTHING = "everything"
    AUDIO_ONLY = "audio_only"
    FUTURE_PACKS = "future_packs"

    @property
    def label(self) -> str:
        return {
            "everything": "Everything (their contributions are erased)",
            "audio_only": "Audio only (their recordings are erased)",
            "future_packs": "Future packs only (nothing more is shared)",
        }[self.value]


# Which withdrawal scopes close which item.
CLOSED_BY: dict[str, frozenset[Scope]] = {
    TAKE_PART: frozenset({Scope.EVERYTHING}),
    AUDIO: frozenset({Scope.EVERYTHING, Scope.AUDIO_ONLY}),
    QUOTE: frozenset({Scope.EVERYTHING, Scope.FUTURE_PACKS}),
    BROADCAST: frozenset({Scope.EVERYTHING, Scope.AUDIO_ONLY, Scope.FUTURE_PACKS}),
    SHARE: frozenset({Scope.EVERYTHING, Scope.FUTURE_PACKS}),
    RESEARCH: frozenset({Scope.EVERYTHING}),
    CREDIT: frozenset({Scope.EVERYTHING, Scope.FUTURE_PACKS}),
}


def item_label(key: str) -> str:
    return ITEM_LABELS.get(key, key.replace("_", " ").capitalize())


# forms -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ConsentItem:
    key: str
    wording: str
    required: bool = False


@dataclass(frozen=True)
class ConsentForm:
    id: str
    form_key: str
    version: int
    title: str
    information: str
    items: tuple[ConsentItem, ...]
    partners: tuple[str, ...] = ()
    content_hash: str = ""

    def computed_hash(self) -> str:
        """SHA-256 of exactly what a person is shown: title, text, items, partners."""
        payload = {
            "title": self.title,
            "information": self.information,
            "items": [[i.key, i.wording, i.required] for i in self.items],
            "partners": list(self.partners),
        }
        text = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def item(self, key: str) -> ConsentItem | None:
        return next((i for i in self.items if i.key == key), None)

    def validated(self) -> ConsentForm:
        title = " ".join(self.title.split())
        if not title:
            raise ValidationError("A consent form needs a title.")
        if not self.items:
            raise ValidationError("A consent form needs at least one item.")
        keys = [i.key for i in self.items]
        if len(set(keys)) != len(keys):
            raise ValidationError("Two items on the form have the same key.")
        items = []
        for item in self.items:
            if not _KEY.match(item.key):
                raise ValidationError(f"“{item.key}” cannot be used as an item key.")
            wording = item.wording.strip()
            if not wording:
                raise ValidationError("Every item needs its wording.")
            items.append(ConsentItem(item.key, wording, bool(item.required)))
        partners = tuple(dict.fromkeys(" ".join(p.split()) for p in self.partners if p.strip()))
        form = replace(self, title=title, information=self.information.strip(),
                       items=tuple(items), partners=partners)  # fmt: skip
        return replace(form, content_hash=form.computed_hash())


def form_from_dict(data: Mapping, form_id: str, version: int = 1) -> ConsentForm:
    """A form from its data-file shape (resources/consent/*.json)."""
    return ConsentForm(
        id=form_id,
        form_key=str(data.get("form_key", "default")),
        version=version,
        title=str(data["title"]),
        information=str(data.get("information", "")),
        items=tuple(
            ConsentItem(str(i["key"]), str(i["wording"]), bool(i.get("required", False)))
            for i in data["items"]
        ),
        partners=tuple(str(p) for p in data.get("partners", ())),
    ).validated()


def key_for(wording: str, taken: Iterable[str]) -> str:
    """A stable key for a new custom item, derived from its wording."""
    words = "_".join(re.findall(r"[a-z0-9]+", wording.lower()))[:30].strip("_")
    base = f"custom_{words}" if words else "custom_item"
    taken = set(taken)
    key, n = base, 2
    while key in taken:
        key, n = f"{base}_{n}", n + 1
    return key


# records -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class ConsentRecord:
    id: str
    participant_id: str
    form_id: str
    form_version: int
    form_hash: str
    given_at: dt.datetime
    method: Method
    decisions: Mapping[str, bool]
    partner_decisions: Mapping[str, bool] = field(default_factory=dict)
    recorded_by: str = ""
    witness: str = ""
    paper_reference: str = ""
    guardian_name: str = ""
    guardian_relationship: str = ""
    capacity_concern: str = ""
    has_signature: bool = False
    has_verbal_audio: bool = False
    has_scan: bool = False
    credit_name: str = ""  # the name they typed to be credited under; "" when not credited


def validate_record(record: ConsentRecord, form: ConsentForm, age_band: AgeBand) -> ConsentRecord:
    """Check a new record is complete: an explicit yes or no for every item (and for each
    partner when sharing is agreed), evidence for the method, and a guardian for under-16s."""
    if record.form_id != form.id or record.form_hash != form.content_hash:
        raise ValidationError("The record does not match the consent form it was given on.")
    missing = [item_label(i.key) for i in form.items if i.key not in record.decisions]
    if missing:
        raise ValidationError("Each item needs an explicit yes or no. Still to answer: "
                              + ", ".join(missing) + ".")  # fmt: skip
    unknown = set(record.decisions) - {i.key for i in form.items}
    if unknown:
        raise ValidationError("The record answers items that are not on the form.")
    partners: dict[str, bool] = {}
    if record.decisions.get(SHARE):
        missing_partners = [p for p in form.partners if p not in record.partner_decisions]
        if missing_partners:
            raise ValidationError("Say yes or no to sharing with each partner organisation: "
                                  + ", ".join(missing_partners) + ".")  # fmt: skip
        partners = {p: bool(record.partner_decisions[p]) for p in form.partners}
    method = Method(record.method)
    witness = " ".join(record.witness.split())
    reference = record.paper_reference.strip()
    if method is Method.SIGNATURE and not record.has_signature:
        raise ValidationError("Ask the person to sign in the signature box, or choose another way.")
    if method is Method.VERBAL and not witness:
        raise ValidationError("Verbal consent needs the name of the facilitator who witnessed it.")
    if method is Method.PAPER and not reference:
        raise ValidationError("A paper form needs its reference number.")
    guardian = " ".join(record.guardian_name.split())
    relationship = " ".join(record.guardian_relationship.split())
    if AgeBand(age_band) is AgeBand.UNDER_16 and not (guardian and relationship):
        raise ValidationError("Under-16s need a parent or guardian: give their name and "
                              "relationship to the young person.")  # fmt: skip
    if record.given_at.tzinfo is None:
        raise ValidationError("The consent date needs a time zone.")
    credit = _credit(record)
    return replace(record, method=method, credit_name=credit, witness=witness,
                   paper_reference=reference,
                   guardian_name=guardian, guardian_relationship=relationship,
                   capacity_concern=record.capacity_concern.strip(),
                   decisions={k: bool(v) for k, v in record.decisions.items()},
                   partner_decisions=partners)  # fmt: skip


def _credit(record: ConsentRecord) -> str:
    """The credit name, present exactly when the person asked to be credited."""
    credit = " ".join(record.credit_name.split())
    if not record.decisions.get(CREDIT):
        return ""
    if not credit:
        raise ValidationError("Type the name they would like to be credited as, exactly as "
                              "they want it to appear, or answer no.")  # fmt: skip
    if len(credit) > MAX_CREDIT:
        raise ValidationError(f"A credit can be at most {MAX_CREDIT} characters.")
    return credit


@dataclass(frozen=True)
class Withdrawal:
    id: str
    participant_id: str
    scope: Scope
    effective_at: dt.datetime
    recorded_by: str = ""
    note: str = ""


# gates -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Gate:
    """The answer of a gate: truthy when allowed; `reason` says why not, in plain words."""

    allowed: bool
    reason: str = ""

    def __bool__(self) -> bool:
        return self.allowed


@dataclass(frozen=True)
class ConsentHistory:
    """Everything about one person's consent, in any order."""

    participant_id: str
    records: tuple[ConsentRecord, ...] = ()
    withdrawals: tuple[Withdrawal, ...] = ()
    forms: Mapping[str, ConsentForm] = field(default_factory=dict)

    def latest(self, at: dt.datetime | None = None) -> ConsentRecord | None:
        given = [r for r in self.records if at is None or r.given_at <= at]
        return max(given, key=lambda r: r.given_at, default=None)

    def active_withdrawals(self, at: dt.datetime | None = None) -> list[Withdrawal]:
        record = self.latest(at)
        return sorted(
            (
                w
                for w in self.withdrawals
                if (at is None or w.effective_at <= at)
                and (record is None or w.effective_at >= record.given_at)
            ),
            key=lambda w: w.effective_at,
        )


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _item_gate(history: ConsentHistory, key: str, at: dt.datetime | None) -> Gate:
    at = at or _now()
    record = history.latest(at)
    label = item_label(key)
    if record is None:
        return Gate(False, f"No consent is recorded yet ({label}).")
    for withdrawal in history.active_withdrawals(at):
        if withdrawal.scope in CLOSED_BY.get(key, {Scope.EVERYTHING}):
            return Gate(False, f"Withdrew consent ({withdrawal.scope.label.split(' (')[0].lower()})"
                               f" on {withdrawal.effective_at:%d %b %Y}.")  # fmt: skip
    if key != TAKE_PART and record.decisions.get(TAKE_PART) is False:
        return Gate(False, "Did not agree to take part.")
    decision = record.decisions.get(key)
    if decision is None:
        return Gate(False, f"Was not asked: {label}.")
    if not decision:
        return Gate(False, f"Declined: {label}.")
    return Gate(True)


def may_take_part(history: ConsentHistory, at: dt.datetime | None = None) -> Gate:
    return _item_gate(history, TAKE_PART, at)


def may_record_audio(history: ConsentHistory, at: dt.datetime | None = None) -> Gate:
    return _item_gate(history, AUDIO, at)


def may_quote(history: ConsentHistory, at: dt.datetime | None = None) -> Gate:
    return _item_gate(history, QUOTE, at)


def may_broadcast_voice(history: ConsentHistory, at: dt.datetime | None = None) -> Gate:
    return _item_gate(history, BROADCAST, at)


def may_keep_for_research(history: ConsentHistory, at: dt.datetime | None = None) -> Gate:
    return _item_gate(history, RESEARCH, at)


def credit_name(history: ConsentHistory, at: dt.datetime | None = None) -> str:
    """The name to credit the person under in show notes now, or "": only what they typed, only
    while they still want it."""
    if not _item_gate(history, CREDIT, at):
        return ""
    return history.latest(at or _now()).credit_name


def may_share_with(
    history: ConsentHistory, organisation: str, at: dt.datetime | None = None
) -> Gate:
    gate = _item_gate(history, SHARE, at)
    if not gate:
        return gate
    record = history.latest(at or _now())
    wanted = " ".join(organisation.split()).casefold()
    match = next((p for p in record.partner_decisions if p.casefold() == wanted), None)
    if match is None:
        return Gate(False, f"{organisation} is not named on the consent form they agreed to.")
    if not record.partner_decisions[match]:
        return Gate(False, f"Declined sharing with {match}.")
    return Gate(True)


def item_status(history: ConsentHistory, key: str, at: dt.datetime | None = None) -> Status:
    """What the consent page shows for one item of one person."""
    at = at or _now()
    record = history.latest(at)
    if record is None or key not in record.decisions:
        return Status.NOT_ASKED
    if any(w.scope in CLOSED_BY.get(key, {Scope.EVERYTHING})
           for w in history.active_withdrawals(at)):  # fmt: skip
        return Status.WITHDRAWN
    return Status.AGREED if record.decisions[key] else Status.DECLINED


def needs_guardian(age_band: AgeBand) -> bool:
    return AgeBand(age_band) is AgeBand.UNDER_16
