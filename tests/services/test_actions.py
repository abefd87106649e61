"""Actions in real encrypted projects: saved with responses and evidence, audited, undone and
redone, overdue only while still open; evidence that has been erased is left out."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from coprod_desktop.domain.actions import (
    Action,
    ActionStatus,
    PartnerResponse,
    by_organisation,
)
from coprod_desktop.domain.board import Note
from coprod_desktop.domain.errors import ValidationError
from coprod_desktop.services.project import open_project
from tests.conftest import PASSPHRASE

DAY = dt.date(2026, 11, 2)


def audit(project) -> list[tuple[str, str]]:
    return [tuple(r) for r in project.file.db.execute(
        "SELECT action, details FROM audit_log WHERE subject_type = 'action' ORDER BY seq")]


def test_an_action_keeps_its_responses_and_evidence_across_reopening(project):
    session = project.sessions.save(replace(project.sessions.draft(), title="Workshop"))
    board = project.boards.create_board(session.id, "Wall")
    note = project.boards.add_note(Note("", board.id, "Sellers outside the school at 3pm"))
    draft = project.actions.draft(evidence=(("note", note.id),), session_id=session.id)
    draft = replace(draft, text="  Visit the shops   near the school ",
                    organisation="Trading Standards", due=DAY)
    assert project.actions.save(draft) is None
    [action] = project.actions.list()
    assert action.text == "Visit the shops near the school"
    project.actions.respond(action.id, "Two visits made; one seizure.", dt.date(2026, 11, 20),
                            ActionStatus.IN_PROGRESS)
    project.actions.respond(action.id, "Older news, recorded late", dt.date(2026, 11, 10))
    path = project.path
    project.close()
    again = open_project(path, PASSPHRASE)
    try:
        [action] = again.actions.list()
        assert action.status is ActionStatus.IN_PROGRESS
        assert [r.text for r in action.responses] == [
            "Older news, recorded late", "Two visits made; one seizure."]  # by date
        assert all(r.id for r in action.responses)
        assert again.actions.evidence(action) == [
            ("note", note.id, "Sellers outside the school at 3pm")]
        assert again.info()["actions"] == 1
        assert again.info()["actions_by_status"]["in_progress"] == 1
        entries = audit(again)
        assert [a for a, _ in entries] == ["action.added", "action.changed", "action.changed"]
        assert "Visit the shops" not in " ".join(d for _, d in entries)  # ids, not the text
        assert '"from_status": "proposed"' in entries[1][1]
    finally:
        again.close()


def test_bad_actions_are_refused_with_plain_reasons(project):
    with pytest.raises(ValidationError, match="what will be done"):
        project.actions.save(Action("", "  ", "Police"))
    with pytest.raises(ValidationError, match="which organisation"):
        project.actions.save(Action("", "Patrol", " "))
    with pytest.raises(ValidationError, match="theme, a note, a quote or an outcome"):
        project.actions.save(Action("", "Patrol", "Police", evidence=(("risk", "x"),)))
    with pytest.raises(ValidationError, match="response needs"):
        project.actions.save(Action("", "Patrol", "Police",
                                    responses=(PartnerResponse(DAY, " "),)))
    with pytest.raises(ValidationError, match="at most"):
        project.actions.save(Action("", "x" * 2001, "Police"))
    assert project.actions.list() == []


def test_overdue_only_while_open():
    action = Action("a", "Patrol", "Police", ActionStatus.AGREED, DAY)
    assert action.overdue(DAY + dt.timedelta(days=1))
    assert not action.overdue(DAY)
    assert not replace(action, status=ActionStatus.DONE).overdue(DAY + dt.timedelta(days=9))
    assert not replace(action, status=ActionStatus.DECLINED).overdue(DAY + dt.timedelta(9))
    assert not replace(action, due=None).overdue(DAY + dt.timedelta(days=9))


def test_grouped_by_owner_with_the_audience_first_and_open_ones_by_date():
    a = [Action("1", "x", "Police", ActionStatus.DONE, DAY),
         Action("2", "y", "health board", ActionStatus.AGREED, None),
         Action("3", "z", "Health Board", ActionStatus.AGREED, DAY),
         Action("4", "w", "police", ActionStatus.AGREED, DAY + dt.timedelta(1))]
    groups = by_organisation(a, first="Police")
    assert list(groups) == ["Police", "health board"]
    assert [x.id for x in groups["Police"]] == ["4", "1"]
    assert [x.id for x in groups["health board"]] == ["3", "2"]


def test_undo_and_redo_of_add_change_and_delete(project):
    actions = project.actions
    replaced = actions.replaced("action", "new-id")
    actions.save(Action("new-id", "Patrol", "Police"))
    redo = actions.put_back(replaced)  # undo the add
    assert actions.list() == []
    actions.put_back(redo)
    assert actions.get("new-id").text == "Patrol"
    before = actions.replaced("action", "new-id")
    actions.respond("new-id", "Done twice a week", DAY, ActionStatus.DONE)
    actions.put_back(before)
    assert actions.get("new-id").responses == () and actions.get("new-id").status == "proposed"
    before = actions.replaced("action", "new-id")
    actions.delete("new-id")
    actions.put_back(before)
    assert actions.get("new-id").text == "Patrol"


def test_erased_evidence_is_left_out(project):
    session = project.sessions.save(replace(project.sessions.draft(), title="Workshop"))
    board = project.boards.create_board(session.id, "Wall")
    note = project.boards.add_note(Note("", board.id, "Bins"))
    actions = project.actions
    actions.save(Action("", "Empty the bins", "Council", evidence=(("note", note.id),)))
    project.boards.delete_notes([note.id])
    [action] = actions.list()
    assert action.evidence == () and actions.evidence(action) == []


def test_action_texts_are_reviewed_like_everything_leaving_the_project(project):
    project.actions.save(Action("", "Call Mary Brown back", "Police",
                                responses=(PartnerResponse(DAY, "Rang 07700 900123"),)))
    material = project.anonymise.material()
    kinds = {i.source_type for i in material}
    assert {"action", "action_response"} <= kinds
    findings = project.anonymise.review([i for i in material if i.source_type.startswith(
        "action")])
    assert {f.detection.text for f in findings} >= {"Mary Brown", "07700 900123"}


def test_a_pack_carries_the_actions_anonymised_with_its_audience_first(project, tmp_path):
    import pypdf

    from coprod_desktop.services.packs import PackOptions

    session = project.sessions.save(replace(project.sessions.draft(), title="Workshop",
                                            group_agreement=True))
    project.actions.save(Action("", "Extra patrols <b>&amp; by the park", "Police",
                                ActionStatus.AGREED, DAY, session.id,
                                responses=(PartnerResponse(DAY, "Sergeant Jim Baxter agreed"),)))
    project.actions.save(Action("", "Visit the shops near the school", "Trading Standards",
                                ActionStatus.DONE, DAY,
                                responses=(PartnerResponse(DAY, "Four shops visited; Mary "
                                                                "Brown showed us round"),)))
    other = project.sessions.save(replace(project.sessions.draft(), title="Elsewhere"))
    project.actions.save(Action("", "Not in this pack", "Police", session_id=other.id))
    options = PackOptions("Trading Standards", (session.id,))
    plan = project.packs.plan(options)
    assert {"action", "action_owner", "action_response"} <= {i.source_type for i in plan.items}
    with pytest.raises(ValidationError, match="Still to decide"):
        project.packs.build(options, tmp_path / "pack.pdf")
    project.packs.build(options, tmp_path / "pack.pdf", accept_undecided=True,
                        today=DAY + dt.timedelta(days=30))
    text = "".join(p.extract_text() for p in pypdf.PdfReader(tmp_path / "pack.pdf").pages)
    flat = " ".join(text.split())
    assert "Actions" in flat and "Visit the shops near the school" in flat
    assert flat.index("Visit the shops") < flat.index("Extra patrols")  # the audience first
    assert "<b>&amp; by the park" in flat  # markup shown, not interpreted
    assert "overdue" in flat  # agreed, due a month before the pack
    assert "Jim Baxter" not in flat and "Not in this pack" not in flat
    assert "Four shops visited" in flat and "Mary Brown" not in flat  # its own responses …
    assert "Sergeant" not in flat  # … and not what the police reported back
    assert not any(i.source_type == "action_response" and "Sergeant" in i.text
                   for i in plan.items)  # not even reviewed: it does not go
