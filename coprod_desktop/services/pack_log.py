"""The risk register, barriers, outcomes, actions and reciprocity totals as a pack shows them:
their text anonymised like everything else, evidence counted only where it is in the pack too;
what people received only in totals."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from coprod_desktop.domain.actions import ActionStatus, by_organisation
from coprod_desktop.domain.reciprocity import Summary, summarise
from coprod_desktop.export.document import (
    ActionLine,
    BarrierLine,
    MeasureLine,
    OutcomeLine,
    RiskLine,
)
from coprod_desktop.storage import actions_repo, reciprocity_repo
from coprod_desktop.storage import risk_log_repo as repo
from coprod_desktop.storage.connection import ProjectFile
from coprod_desktop.storage.errors import translated


def lines(file: ProjectFile, sections: Iterable[str], session_ids: list[str],
          texts: Mapping[tuple[str, str], str], session_titles: Mapping[str, str],
          notes_in_pack: set[str], clips_in_pack: set[str]) -> tuple[tuple, ...]:  # fmt: skip
    """(risks, barriers, outcomes, measures) for the sections chosen."""
    sections, wanted = set(sections), set(session_ids)
    with translated(file.path):
        risks = repo.risks(file.db) if "risks" in sections else []
        barriers = repo.barriers(file.db) if "barriers" in sections else []
        outcomes = repo.outcomes(file.db) if "outcomes" in sections else []
        measures = repo.measures(file.db) if "outcomes" in sections else []
    text = lambda kind, item_id: texts.get((kind, item_id), "")  # noqa: E731
    risk_lines = tuple(
        RiskLine(r.category.label, text("risk", r.id), ", ".join(a.label for a in r.affects),
                 r.likelihood, r.impact, r.status.label, text("risk_mitigations", r.id),
                 text("risk_owner", r.id))
        for r in risks)  # fmt: skip
    barrier_lines = tuple(
        BarrierLine(b.side.label, b.category_label, text("barrier", b.id),
                    ", ".join(x for x in (f"{b.met_on:%d %b %Y}", session_titles.get(
                        b.session_id or "", ""), text("barrier_where", b.id)) if x),
                    text("barrier_response", b.id), b.resolution.label)
        for b in barriers if b.session_id is None or b.session_id in wanted)  # fmt: skip
    outcome_lines = tuple(
        OutcomeLine(session_titles.get(o.session_id, ""), o.type.label, text("outcome", o.id),
                    o.observed_on, _evidence(o.evidence, notes_in_pack, clips_in_pack))
        for o in outcomes if o.session_id in wanted)  # fmt: skip
    measure_lines = tuple(
        MeasureLine(session_titles.get(m.session_id, ""), text("measure", m.id), m.counts,
                    m.low_label, m.high_label)
        for m in measures if m.session_id in wanted)  # fmt: skip
    return risk_lines, barrier_lines, outcome_lines, measure_lines


def action_lines(file: ProjectFile, session_ids: list[str], texts: Mapping[tuple[str, str], str],
                 audience: str, notes_in_pack: set[str], clips_in_pack: set[str],
                 today: dt.date) -> tuple[ActionLine, ...]:  # fmt: skip
    """The actions agreed at the pack's sessions or outside any session, the audience's own
    first, as anonymised as the rest of the pack. Only the audience's own actions carry their
    responses: what another organisation reported back is its own to share."""
    wanted = set(session_ids)
    with translated(file.path):
        actions = [a for a in actions_repo.actions(file.db)
                   if a.session_id is None or a.session_id in wanted]  # fmt: skip
    return tuple(
        ActionLine(texts.get(("action_owner", a.id), ""), texts.get(("action", a.id), ""),
                   ActionStatus(a.status).label, a.due, a.overdue(today),
                   tuple((r.on, texts.get(("action_response", r.id), "")) for r in a.responses
                         if actions_repo.same_owner(a.organisation, audience)),
                   _evidence(a.evidence, notes_in_pack, clips_in_pack))
        for group in by_organisation(actions, first=audience).values() for a in group)


def _evidence(evidence, notes: set[str], clips: set[str]) -> str:
    n = sum(1 for kind, i in evidence if kind == "note" and i in notes)
    c = sum(1 for kind, i in evidence if kind == "clip" and i in clips)
    parts = [f"{n} note{'s' if n != 1 else ''}" if n else "",
             f"{c} quote{'s' if c != 1 else ''}" if c else ""]  # fmt: skip
    shown = " and ".join(p for p in parts if p)
    return f"evidence: {shown} in this pack" if shown else ""


def reciprocity_summary(file: ProjectFile, session_ids: list[str],
                        titles: Mapping[str, str]) -> Summary:  # fmt: skip
    """What people received at the pack's sessions or outside any session, in totals with the
    small-number rule; sessions named by their titles as the pack shows them."""
    with translated(file.path):
        entries = [e for e in reciprocity_repo.entries(file.db)
                   if e.session_id is None or e.session_id in session_ids]  # fmt: skip
    return summarise(entries, {sid: titles.get(sid, "") for sid in session_ids})
