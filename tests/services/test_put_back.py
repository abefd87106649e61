"""Undo is one way for every record service: a change's Replaced goes back through
put_back(), which returns what it replaced, so putting that back redoes the change; and the
project hears which kind of record changed."""

from __future__ import annotations

import datetime as dt

import pytest

from coprod_desktop.domain.outcomes import Measure
from coprod_desktop.domain.participants import Participant
from coprod_desktop.domain.risks import Barrier, Risk, RiskCategory, Side
from coprod_desktop.domain.sessions import Session


def test_add_edit_and_delete_of_a_session_go_back_and_forth(project):
    heard: list[str] = []
    project.changes.listen(heard.append)
    sessions = project.sessions
    draft = Session("s1", "Pop-up lab", dt.date(2026, 5, 1))
    added = sessions.replaced("session", "s1")
    sessions.save(draft)
    edited = sessions.replaced("session", "s1")
    sessions.save(Session("s1", "Pop-up radio lab", dt.date(2026, 5, 1)))

    redo_edit = sessions.put_back(edited)
    assert [s.title for s in sessions.list()] == ["Pop-up lab"]
    sessions.put_back(redo_edit)
    assert [s.title for s in sessions.list()] == ["Pop-up radio lab"]

    redo_add = sessions.put_back(added)
    assert sessions.list() == []
    sessions.put_back(redo_add)
    assert [s.title for s in sessions.list()] == ["Pop-up radio lab"]
    assert heard == ["session"] * 4


def test_a_deleted_participant_comes_back_with_their_attendance(project):
    people, sessions = project.participants, project.sessions
    people.save(Participant("p1", "P-01"))
    sessions.save(Session("s1", "Lab", dt.date(2026, 5, 1), participant_ids=frozenset({"p1"})))
    deleted = people.replaced("participant", "p1")
    people.delete("p1")
    assert sessions.list()[0].participant_ids == frozenset()

    redo = people.put_back(deleted)
    assert sessions.list()[0].participant_ids == frozenset({"p1"})
    people.put_back(redo)
    assert people.list() == []


@pytest.mark.parametrize("kind", ["risk", "barrier", "measure"])
def test_risk_log_records_go_back_and_forth(project, kind):
    log = project.risk_log
    sessions = project.sessions
    sessions.save(Session("s1", "Lab", dt.date(2026, 5, 1)))
    record, listed, changed = {
        "risk": (Risk("r1", RiskCategory.OTHER, "Someone is identified"), log.risks,
                 {"description": "Someone is recognised"}),
        "barrier": (Barrier("b1", Side.CITIZEN, "access", "No bus", dt.date(2026, 5, 1)),
                    log.barriers, {"description": "No evening bus"}),
        "measure": (Measure("m1", "s1", "Heard?", (1, 2, 3, 0, 0), "no", "yes"), log.measures,
                    {"question": "Were you heard?"}),
    }[kind]  # fmt: skip
    save = getattr(log, f"save_{kind}")
    added = log.replaced(kind, record.id)
    save(record)
    edited = log.replaced(kind, record.id)
    save(type(record)(**{**record.__dict__, **changed}))

    def shown() -> list:
        return [getattr(r, next(iter(changed))) for r in listed()]

    redo_edit = log.put_back(edited)
    assert shown() == [getattr(record, next(iter(changed)))]
    log.put_back(redo_edit)
    assert shown() == list(changed.values())
    deleted = log.replaced(kind, record.id)
    getattr(log, f"delete_{kind}")(record.id)
    assert shown() == []
    log.put_back(deleted)
    assert shown() == list(changed.values())
    log.put_back(added)
    assert shown() == []


def test_typical_risks_added_together_are_taken_back_together(project):
    log = project.risk_log
    replaced = log.add_default_risks()
    assert len(log.risks()) == len(replaced.states) == 10
    redo = log.put_back(replaced)
    assert log.risks() == []
    log.put_back(redo)
    assert len(log.risks()) == 10
