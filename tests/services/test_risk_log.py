"""The risk register, barriers, outcomes, measures and self-checks in real encrypted projects,
and their pack sections read back with pypdf."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pypdf
import pytest

from coprod_desktop.domain.errors import ValidationError
from coprod_desktop.domain.outcomes import FEATURES, Measure, Outcome, OutcomeType, SelfCheck
from coprod_desktop.domain.risks import (
    Affected,
    Barrier,
    Resolution,
    Risk,
    RiskCategory,
    RiskStatus,
    Side,
)
from coprod_desktop.services.packs import PackOptions
from coprod_desktop.services.project import open_project
from coprod_desktop.services.risk_log import default_risks
from tests.conftest import PASSPHRASE

DAY = dt.date(2026, 10, 1)


@pytest.fixture
def session(project):
    return project.sessions.save(replace(project.sessions.draft(), title="Workshop",
                                         group_agreement=True))  # fmt: skip


def audit_actions(project) -> list[str]:
    return [r[0] for r in project.file.db.execute("SELECT action FROM audit_log ORDER BY seq")]


def test_risks_persist_with_their_history_and_refuse_bad_transitions(project):
    log = project.risk_log
    log.save_risk(Risk("", RiskCategory.SAFETY, "Disclosure of abuse", (Affected.PARTICIPANTS,),
                       3, 5, "Safeguarding lead", "Lead facilitator"))  # fmt: skip
    [risk] = log.risks()
    log.review(risk.id, 2, 5, RiskStatus.MITIGATED, "lead at every session")
    log.review(risk.id, 2, 5, RiskStatus.CLOSED, "project ended")
    with pytest.raises(ValidationError, match="reopen it first"):
        log.review(risk.id, 2, 5, RiskStatus.MITIGATED)
    path = project.path
    project.close()
    again = open_project(path, PASSPHRASE)
    try:
        [risk] = again.risk_log.risks()
        assert (risk.likelihood, risk.impact, risk.status) == (2, 5, RiskStatus.CLOSED)
        history = again.risk_log.reviews(risk.id)
        assert [(h.likelihood, h.status.value, h.note) for h in history] == [
            (3, "open", ""), (2, "mitigated", "lead at every session"),
            (2, "closed", "project ended")]  # fmt: skip
        assert audit_actions(again).count("risk.changed") == 2
    finally:
        again.close()


def test_typical_risks_are_added_once_and_delete_can_be_undone(project):
    log = project.risk_log
    assert len(log.add_default_risks().states) == len(default_risks()) == 10
    assert log.add_default_risks().states == ()
    risk = log.risks()[0]
    log.review(risk.id, 1, 1, RiskStatus.MITIGATED, "x")
    removed = log.delete_risk(risk.id)
    assert risk.id not in {r.id for r in log.risks()}
    log.restore_risk(removed)
    assert len(log.reviews(risk.id)) == 2 and log.risk(risk.id).status is RiskStatus.MITIGATED


def test_barriers_outcomes_measures_and_self_checks_round_trip(project, session):
    log = project.risk_log
    log.save_barrier(
        Barrier(
            "",
            Side.CITIZEN,
            "caring_work",
            "Evening sessions",
            DAY,
            session.id,
            "",
            "Moved to Saturdays",
            Resolution.OVERCOME,
        )
    )
    log.save_outcome(Outcome("", session.id, OutcomeType.COLLECTIVE, "A WhatsApp group", DAY))
    log.save_measure(Measure("", session.id, "Listened to?", (0, 0, 1, 2, 3)))
    ratings = dict.fromkeys(FEATURES, 2)
    log.add_self_check(SelfCheck("", DAY, ratings))
    log.add_self_check(SelfCheck("", DAY + dt.timedelta(days=30), {**ratings, "assets": 4}))
    info = project.info()
    assert (info["barriers"], info["outcomes"], info["measures"], info["self_checks"]) == (
        1, 1, 1, 2)  # fmt: skip
    checks = log.self_checks()
    assert [c.ratings["assets"] for c in checks] == [2, 4] and checks[0].by
    project.sessions.delete(session.id)  # the session's outcomes and measures go with it
    assert log.outcomes() == [] and log.measures() == []
    assert log.barriers()[0].session_id is None  # the barrier stays, no longer at a session
    for action in ("barrier.added", "outcome.added", "measure.added", "self_check.added"):
        assert action in audit_actions(project)


def test_pack_sections_appear_only_when_ticked_and_are_anonymised(project, session, tmp_path):
    log = project.risk_log
    log.save_risk(Risk("", RiskCategory.CONFIDENTIALITY, "Maggie Smith on 07700 900123 could "
                       "be identified", (Affected.PARTICIPANTS,), 4, 5, "Bleep names",
                       "Davie Brown"))  # fmt: skip
    log.save_risk(Risk("", RiskCategory.LEGAL, "Data kept too long", (), 2, 2, "",
                       "", RiskStatus.CLOSED))  # fmt: skip
    board = project.boards.create_board(session.id, "Wall")
    from coprod_desktop.domain.board import Note

    note = project.boards.add_note(Note("", board.id, "We started a group chat"))
    log.save_barrier(
        Barrier(
            "",
            Side.ORGANISATION,
            "short_term_budgets",
            "Funding ends",
            DAY,
            session.id,
            "",
            "Pilot co-funded",
            Resolution.PARTLY,
        )
    )
    log.save_outcome(Outcome("", session.id, OutcomeType.SERVICE_CHANGE, "A text line for "
                             "reports", DAY, (("note", note.id),)))  # fmt: skip
    log.save_measure(Measure("", session.id, "How listened to did you feel?", (0, 1, 2, 4, 3)))
    plain = PackOptions("Health board")
    full = replace(plain, sections=plain.sections | {"risks", "barriers", "outcomes"})
    project.anonymise.accept_all(project.packs.plan(full).findings)
    without = project.packs.build(plain, tmp_path / "plain.pdf")
    text = "".join(p.extract_text() for p in pypdf.PdfReader(without.path).pages)
    assert "Risk register" not in text and "Funding ends" not in text
    result = project.packs.build(full, tmp_path / "full.pdf")
    text = " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(result.path).pages)
                    .split())  # table cells wrap: compare with single spaces  # fmt: skip
    for wanted in ("Risk register", "Open and mitigated risks (1) by likelihood and impact",
                   "could be identified", "4 × 5 = 20 (very high)", "Barriers",
                   "Funding ends", "Partly overcome", "Outcomes", "A text line for reports",
                   "evidence: 1 note in this pack", "How listened to did you feel?",
                   "10 anonymous answers", "Data kept too long", "Closed"):  # fmt: skip
        assert wanted in text, wanted
    for never in ("Maggie", "Smith", "07700", "Davie", "Brown"):
        assert never not in text, never
