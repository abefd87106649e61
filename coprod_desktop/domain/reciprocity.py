"""The reciprocity ledger: what each participant received for taking part (vouchers, cash,
travel expenses, childcare, food, training, certificates), with the amount, date, method and
receipt, and the rules around it.

Amounts are whole pence. Training and certificates may be worth nothing in money (0 pence);
every other kind needs an amount. A receipt is a signature drawn on screen (like consent), a
reference to a paper receipt, or none yet; after a withdrawal of everything the signature image
is erased and the receipt says so.

Outside the project (packs, community feedback) only totals go: by kind and by session, with
how many people received something, never a row about one person. A kind or session fewer than
MIN_PEOPLE people received is not shown on its own but folded into "Other", so that nobody's
amount can be worked out (`summarise`).

Benefits: some payments may need declaring by people on benefits. The project sets a threshold
(an amount within a period of days); `over_threshold` says what one person received in the
period ending on a day and whether it passes the threshold."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from .errors import ValidationError
from .words import QT_TR_NOOP

KINDS = {
    "voucher": QT_TR_NOOP("Voucher"),
    "cash": QT_TR_NOOP("Cash"),
    "travel": QT_TR_NOOP("Travel expenses"),
    "childcare": QT_TR_NOOP("Childcare"),
    "food": QT_TR_NOOP("Food"),
    "training": QT_TR_NOOP("Training"),
    "certificate": QT_TR_NOOP("Certificate"),
    "other": QT_TR_NOOP("Other"),
}
# How each kind reads in a sentence ("£60 in vouchers, travel and childcare").
KIND_WORDS = {"voucher": "vouchers", "cash": "cash", "travel": "travel", "childcare": "childcare",
              "food": "food", "training": "training", "certificate": "certificates",
              "other": "other things"}  # fmt: skip
FREE_KINDS = frozenset({"training", "certificate"})  # may be worth nothing in money
METHODS = {
    "cash": QT_TR_NOOP("Cash"),
    "bank_transfer": QT_TR_NOOP("Bank transfer"),
    "voucher_code": QT_TR_NOOP("Voucher code"),
    "in_kind": QT_TR_NOOP("In kind"),
    "other": QT_TR_NOOP("Other"),
}
RECEIPTS = {
    "none": QT_TR_NOOP("None yet"),
    "signature": QT_TR_NOOP("Signed on screen"),
    "paper": QT_TR_NOOP("Paper receipt"),
    "erased": QT_TR_NOOP("Signed (signature erased at withdrawal)"),
}
MIN_PEOPLE = 3  # a kind or session fewer people received is folded into "Other"
MAX_AMOUNT = 1_000_000  # pence: £10,000, far beyond any thank-you
MAX_DESCRIPTION = 500
MAX_REFERENCE = 120
PERIODS = {365: QT_TR_NOOP("A year (365 days)"),
           30: QT_TR_NOOP("A benefit assessment period (about 30 days)")}  # fmt: skip


@dataclass(frozen=True)
class Entry:
    id: str
    participant_id: str
    kind: str
    amount: int  # pence
    on: dt.date
    method: str = "cash"
    description: str = ""
    session_id: str | None = None
    receipt: str = "none"  # a key of RECEIPTS
    paper_reference: str = ""
    signature: bytes | None = None  # the PNG drawn, when read in full or newly signed
    has_signature: bool = False  # a signature is stored (its bytes need not be loaded)

    def validated(self) -> Entry:
        if not self.participant_id:
            raise ValidationError("Choose who received it.")
        if self.kind not in KINDS:
            raise ValidationError(f"“{self.kind}” is not a kind of thing people receive here.")
        if self.method not in METHODS:
            raise ValidationError(f"“{self.method}” is not a way of giving it.")
        if not isinstance(self.on, dt.date):
            raise ValidationError("Say on what date it was given.")
        amount = self.amount
        if not isinstance(amount, int) or isinstance(amount, bool):
            raise ValidationError("The amount must be a sum of money, such as 20.00.")
        if amount < 0:
            raise ValidationError("The amount cannot be less than nothing.")
        if amount == 0 and self.kind not in FREE_KINDS:
            raise ValidationError("Give the amount: only training and certificates can be "
                                  "worth nothing in money.")  # fmt: skip
        if amount > MAX_AMOUNT:
            raise ValidationError(f"The amount can be at most {money(MAX_AMOUNT)}.")
        description = " ".join(self.description.split())
        if len(description) > MAX_DESCRIPTION:
            raise ValidationError(
                f"A description can be at most {MAX_DESCRIPTION} characters.")
        if self.receipt not in RECEIPTS:
            raise ValidationError(f"“{self.receipt}” is not a kind of receipt.")
        reference = " ".join(self.paper_reference.split())
        if self.receipt == "paper" and not reference:
            raise ValidationError("Give the paper receipt's reference (the number written on "
                                  "it), or choose another kind of receipt.")  # fmt: skip
        if len(reference) > MAX_REFERENCE:
            raise ValidationError(f"A reference can be at most {MAX_REFERENCE} characters.")
        signed = bool(self.signature) or self.has_signature
        if self.receipt == "signature" and not signed:
            raise ValidationError("Ask them to sign in the box, or choose another kind of "
                                  "receipt.")  # fmt: skip
        return replace(self, description=description,
                       paper_reference=reference if self.receipt == "paper" else "",
                       signature=self.signature if self.receipt == "signature" else None,
                       has_signature=signed and self.receipt == "signature")  # fmt: skip


@dataclass(frozen=True)
class Threshold:
    """When a person's payments may need declaring: more than `amount` pence within any
    `period_days` days. `amount` None: the project sets no threshold."""

    amount: int | None = None
    period_days: int = 365

    def validated(self) -> Threshold:
        if self.amount is not None and (not isinstance(self.amount, int) or self.amount <= 0):
            raise ValidationError("The threshold must be an amount above nothing, or none.")
        if self.amount is not None and self.amount > MAX_AMOUNT * 100:
            raise ValidationError("That threshold is larger than any amount the ledger holds.")
        if not isinstance(self.period_days, int) or not 1 <= self.period_days <= 3660:
            raise ValidationError("The period must be between 1 and 3,660 days.")
        return self


@dataclass(frozen=True)
class ThresholdCheck:
    total: int  # pence received in the period
    since: dt.date  # the period's first day
    until: dt.date  # its last day
    over: bool  # more than the threshold


def in_period(entries: Iterable[Entry], person: str, until: dt.date,
              days: int) -> list[Entry]:  # fmt: skip
    since = until - dt.timedelta(days=days - 1)
    return [e for e in entries if e.participant_id == person and since <= e.on <= until]


def over_threshold(entries: Iterable[Entry], person: str, at: dt.date,
                   threshold: Threshold) -> ThresholdCheck:  # fmt: skip
    """What `person` received in the `threshold.period_days` days ending on `at` (that day
    included), and whether it is more than the threshold."""
    since = at - dt.timedelta(days=threshold.period_days - 1)
    total = sum(e.amount for e in in_period(entries, person, at, threshold.period_days))
    return ThresholdCheck(total, since, at,
                          threshold.amount is not None and total > threshold.amount)


def highest(entries: Iterable[Entry], person: str, threshold: Threshold,
            until: dt.date | None = None) -> ThresholdCheck | None:  # fmt: skip
    """The period (ending on a day `person` received something, up to `until`) in which they
    received the most; None if they received nothing."""
    entries = [e for e in entries if e.participant_id == person
               and (until is None or e.on <= until)]  # fmt: skip
    checks = [over_threshold(entries, person, day, threshold)
              for day in sorted({e.on for e in entries})]  # fmt: skip
    return max(checks, key=lambda c: (c.total, c.until)) if checks else None


# money -------------------------------------------------------------------------------------
_MONEY = re.compile(r"^\s*£?\s*(\d{1,7})(?:\.(\d{1,2}))?\s*$")


def money(pence: int) -> str:
    """£20.00, £1,250.50."""
    return f"£{pence // 100:,}.{pence % 100:02d}"


def parse_money(text: str) -> int:
    """Pence from what a facilitator types: "20", "£20", "12.5", "12.50"."""
    text = text.replace(",", "")
    found = _MONEY.match(text)
    if not found:
        if text.strip().startswith("-"):
            raise ValidationError("The amount cannot be less than nothing.")
        raise ValidationError(f"“{text.strip()}” is not an amount of money: write it like "
                              "20 or 12.50.")  # fmt: skip
    pounds, pence = found.groups()
    return int(pounds) * 100 + int((pence or "0").ljust(2, "0"))


# totals that leave the project ---------------------------------------------------------------
@dataclass(frozen=True)
class Line:
    label: str
    amount: int  # pence
    people: int  # how many different people


@dataclass(frozen=True)
class Summary:
    """Totals fit to leave the project: no row names or describes one person."""

    by_kind: tuple[Line, ...]
    by_session: tuple[Line, ...]
    people: int  # how many different people received something
    total: int  # pence
    items: int  # how many things were given (free ones too)
    folded: bool  # some kind or session is shown only inside "Other"

    @property
    def empty(self) -> bool:
        return self.items == 0


OTHER = "Other"
OTHER_SESSIONS = "Other sessions and outside sessions"
NO_SESSION = "Outside sessions"


def _fold(groups: dict[str, list[Entry]], other: str, minimum: int,
          always: frozenset[str] = frozenset()) -> tuple[tuple[Line, ...], bool]:  # fmt: skip
    """Lines for the groups at least `minimum` people received; the rest (and the groups in
    `always`) together as `other`, last. If `other` would hold fewer than `minimum` people, the
    smallest shown groups join it until it holds enough (or nothing is shown apart), so that no
    amount can be had by subtraction. Also says whether the rule hid any group."""
    people = {k: {e.participant_id for e in v} for k, v in groups.items()}
    shown = [k for k in groups if len(people[k]) >= minimum and k not in always]
    hidden = [k for k in groups if k not in shown]
    folded = any(k not in always for k in hidden)

    def hidden_people() -> set[str]:
        return set().union(*(people[k] for k in hidden)) if hidden else set()

    while hidden and 0 < len(hidden_people()) < minimum and shown:
        smallest = min(shown, key=lambda k: (sum(e.amount for e in groups[k]), k))
        shown.remove(smallest)
        hidden.append(smallest)
        folded = True
    lines = [Line(k, sum(e.amount for e in groups[k]), len(people[k])) for k in shown]
    if hidden:
        lines.append(Line(other, sum(e.amount for k in hidden for e in groups[k]),
                          len(hidden_people())))  # fmt: skip
    return tuple(lines), folded


def summarise(entries: Iterable[Entry], session_titles: Mapping[str, str],
              minimum: int = MIN_PEOPLE) -> Summary:  # fmt: skip
    """Totals by kind (labelled in plain words, in the order of KINDS; the kind "other" always
    in the "Other" line) and by session (in the order of `session_titles`, then those outside
    them), with the small-number rule applied to both."""
    entries = list(entries)
    by_kind = {KINDS[kind]: [e for e in entries if e.kind == kind] for kind in KINDS}
    kinds, kinds_folded = _fold({k: v for k, v in by_kind.items() if v}, OTHER, minimum,
                                frozenset({KINDS["other"]}))  # fmt: skip
    by_session = {title: [e for e in entries if e.session_id == sid]
                  for sid, title in session_titles.items()}  # fmt: skip
    by_session[NO_SESSION] = [e for e in entries if e.session_id not in session_titles]
    sessions, sessions_folded = _fold({k: v for k, v in by_session.items() if v},
                                      OTHER_SESSIONS, minimum)  # fmt: skip
    return Summary(kinds, sessions, len({e.participant_id for e in entries}),
                   sum(e.amount for e in entries), len(entries),
                   kinds_folded or sessions_folded)  # fmt: skip


def in_words(summary: Summary) -> str:
    """The feedback's sentence: "People who took part received £260.00 in vouchers, travel
    and childcare, and 4 certificates." ("" when nothing was given)."""
    if summary.empty:
        return ""
    names = {KINDS[k]: KIND_WORDS[k] for k in KINDS}
    names[OTHER] = "other things"
    paid = [names.get(line.label, line.label.lower()) for line in summary.by_kind if line.amount]
    free = [names.get(line.label, line.label.lower()) for line in summary.by_kind
            if not line.amount]  # fmt: skip
    parts = []
    if summary.total:
        parts.append(f"{money(summary.total)} in {_listed(paid)}")
    if free:
        parts.append(_listed(free))
    return f"People who took part received {', and '.join(parts)}, as thanks for their time."


def _listed(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"
