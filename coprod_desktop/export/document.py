"""What a pack says, before it is drawn: plain data the PDF renderer lays out. Every text in it
has already been anonymised; nothing here names a person."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from coprod_desktop.domain.audit import Anchor
from coprod_desktop.domain.reciprocity import Summary, money
from coprod_desktop.domain.words import QT_TR_NOOP

# The sections a facilitator can choose; the cover and summary are always there.
SECTIONS: dict[str, str] = {
    "summary": QT_TR_NOOP("Summary"),
    "themes": QT_TR_NOOP("Themes and notes"),
    "quotes": QT_TR_NOOP("Quotes from the radio lab"),
    "charts": QT_TR_NOOP("Charts"),
    "consent": QT_TR_NOOP("Consent in numbers"),
    "risks": QT_TR_NOOP("Risk register"),
    "barriers": QT_TR_NOOP("Barriers"),
    "outcomes": QT_TR_NOOP("Outcomes"),
    "actions": QT_TR_NOOP("Actions"),
    "reciprocity": QT_TR_NOOP("What people received"),
}
ALWAYS = frozenset({"summary"})
# The risk register, barriers, outcomes and what people received (reciprocity totals) go in
# only when the facilitator ticks them.
DEFAULT_SECTIONS = frozenset({"summary", "themes", "quotes", "charts", "consent", "actions"})


@dataclass(frozen=True)
class SessionLine:
    title: str
    date: dt.date
    venue: str
    format: str
    people_by_role: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class ThemeBlock:
    session: str
    name: str  # "" for notes not in a theme
    notes: tuple[tuple[str, int], ...]  # (text, votes)

    @property
    def votes(self) -> int:
        return sum(v for _t, v in self.notes)


@dataclass(frozen=True)
class Quote:
    session: str
    title: str
    text: str
    seconds: int = 0
    audio_file: str = ""  # the attachment's name when the audio is attached


@dataclass(frozen=True)
class RiskLine:
    category: str
    description: str
    affects: str
    likelihood: int
    impact: int
    status: str
    mitigations: str
    owner: str


@dataclass(frozen=True)
class BarrierLine:
    side: str
    category: str
    description: str
    when: str  # date, and where
    response: str
    resolution: str


@dataclass(frozen=True)
class OutcomeLine:
    session: str
    type: str
    text: str
    observed_on: dt.date
    evidence: str = ""  # "2 notes and 1 quote in this pack"


@dataclass(frozen=True)
class MeasureLine:
    session: str
    question: str
    counts: tuple[int, ...]
    low_label: str
    high_label: str


@dataclass(frozen=True)
class ActionLine:
    organisation: str
    text: str
    status: str  # its label: "In progress"
    due: dt.date | None = None
    overdue: bool = False
    responses: tuple[tuple[dt.date, str], ...] = ()
    evidence: str = ""  # "2 notes and 1 quote in this pack"


@dataclass(frozen=True)
class PackDocument:
    pack_id: str
    audience: str
    issued_at: dt.datetime
    sections: frozenset[str]
    sessions: tuple[SessionLine, ...] = ()
    people_by_role: Mapping[str, int] = field(default_factory=dict)
    themes: tuple[ThemeBlock, ...] = ()
    quotes: tuple[Quote, ...] = ()
    consent: Mapping[str, Mapping[str, int]] = field(default_factory=dict)  # item -> status -> n
    contributors: int = 0  # people whose words are in the pack
    version: str = ""
    risks: tuple[RiskLine, ...] = ()
    barriers: tuple[BarrierLine, ...] = ()
    outcomes: tuple[OutcomeLine, ...] = ()
    measures: tuple[MeasureLine, ...] = ()
    anchor: Anchor | None = None  # the audit log's head when the pack was issued
    actions: tuple[ActionLine, ...] = ()  # the audience's own first
    reciprocity: Summary | None = None  # totals only: never a row about one person

    def has(self, section: str) -> bool:
        return section in self.sections or section in ALWAYS

    @property
    def marking(self) -> str:
        return f"CONFIDENTIAL — prepared for {self.audience} — pack {self.pack_id}"


def as_text(document: PackDocument) -> str:
    """Everything the pack says, as plain text in the order the PDF lays it out: for reviewing
    a change in what packs say as a diff (the reference files in tests/reference/). The audit
    anchor on the last page is left out: it differs in every file."""
    lines = [document.marking, f"Issued {document.issued_at.isoformat()}",
             f"Sections: {', '.join(sorted(document.sections | ALWAYS))}", ""]  # fmt: skip
    lines.append("# Sessions")
    for s in document.sessions:
        roles = ", ".join(f"{role} {n}" for role, n in sorted(s.people_by_role.items()))
        lines.append(f"- {s.date.isoformat()} {s.title} | {s.venue} | {s.format} | {roles}")
    roles = ", ".join(f"{role} {n}" for role, n in sorted(document.people_by_role.items()))
    lines += [f"People: {roles}; contributors: {document.contributors}", ""]
    if document.has("themes"):
        lines.append("# Themes and notes")
        for block in document.themes:
            lines.append(f"## {block.session} / {block.name or '(no theme)'} ({block.votes})")
            lines += [f"- {text} [{votes}]" for text, votes in block.notes]
        lines.append("")
    if document.has("quotes"):
        lines.append("# Quotes")
        for q in document.quotes:
            lines += [f"## {q.session} / {q.title} ({q.seconds} s) {q.audio_file}".rstrip(),
                      q.text]  # fmt: skip
        lines.append("")
    if document.has("consent"):
        lines.append("# Consent in numbers")
        for item, counts in document.consent.items():
            shown = ", ".join(f"{status} {n}" for status, n in sorted(counts.items()))
            lines.append(f"- {item}: {shown}")
        lines.append("")
    if document.has("risks"):
        lines.append("# Risk register")
        lines += [f"- {r.category} | {r.description} | {r.affects} | {r.likelihood}x{r.impact} | "
                  f"{r.status} | {r.mitigations} | {r.owner}" for r in document.risks]  # fmt: skip
        lines.append("")
    if document.has("barriers"):
        lines.append("# Barriers")
        lines += [f"- {b.side} | {b.category} | {b.description} | {b.when} | {b.response} | "
                  f"{b.resolution}" for b in document.barriers]  # fmt: skip
        lines.append("")
    if document.has("outcomes"):
        lines.append("# Outcomes")
        lines += [f"- {o.observed_on.isoformat()} {o.session} | {o.type} | {o.text} | "
                  f"{o.evidence}" for o in document.outcomes]  # fmt: skip
        lines += [f"- measure {m.session} | {m.question} | {m.counts} | {m.low_label}–"
                  f"{m.high_label}" for m in document.measures]  # fmt: skip
        lines.append("")
    if document.has("actions"):
        lines.append("# Actions")
        for a in document.actions:
            due = f" | due {a.due.isoformat()}{' OVERDUE' if a.overdue else ''}" if a.due else ""
            evidence = f" | {a.evidence}" if a.evidence else ""
            lines.append(f"- {a.organisation} | {a.status} | {a.text}{due}{evidence}")
            lines += [f"  - {on.isoformat()}: {text}" for on, text in a.responses]
        lines.append("")
    if document.has("reciprocity") and document.reciprocity is not None:
        r = document.reciprocity
        lines += ["# What people received",
                  f"People: {r.people}; items: {r.items}; total: {money(r.total)}; "
                  f"folded: {r.folded}"]  # fmt: skip
        lines += [f"- kind {x.label}: {money(x.amount)} ({x.people})" for x in r.by_kind]
        lines += [f"- session {x.label}: {money(x.amount)} ({x.people})" for x in r.by_session]
        lines.append("")
    return "\n".join(lines)
