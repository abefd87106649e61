"""Adding, editing and deleting through the real dialogs, and undo/redo of each."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from tests.ui.conftest import when_modal

SAVE = QDialogButtonBox.StandardButton.Save


def pseudonyms(window) -> list[str]:
    return [p.pseudonym for p in window.project.participants.list()]


def test_add_participant_through_dialog_then_undo_redo(open_demo):
    window = open_demo

    def fill(dialog):
        assert dialog.pseudonym.text() == "P-16"  # next free automatic pseudonym
        dialog.real_name.setText("Jo Bloggs")
        dialog.aliases.setText("JB, Jojo")
        dialog.buttons.button(SAVE).click()

    when_modal(fill)
    window.participants_page.add_action.trigger()
    assert "P-16" in pseudonyms(window)
    saved = next(p for p in window.project.participants.list() if p.pseudonym == "P-16")
    assert saved.aliases == ("JB", "Jojo")
    assert window.participants_page.current().pseudonym == "P-16"

    window.undo_action.trigger()
    assert "P-16" not in pseudonyms(window)
    assert window.participants_page.model.rowCount() == 17
    window.redo_action.trigger()
    assert "P-16" in pseudonyms(window)
    assert window.participants_page.model.rowCount() == 18


def test_dialog_refusal_keeps_dialog_open_with_typed_text(open_demo):
    window = open_demo
    seen = {}

    def fill(dialog):
        dialog.pseudonym.setText("p-01")  # already taken
        dialog.real_name.setText("Someone New")
        dialog.buttons.button(SAVE).click()
        seen["visible"] = dialog.isVisible()
        seen["error"] = dialog.error.text()
        seen["kept"] = dialog.real_name.text()
        dialog.reject()

    when_modal(fill)
    window.participants_page.add_action.trigger()
    assert seen == {"visible": True, "error": seen["error"], "kept": "Someone New"}
    assert "already used" in seen["error"]
    assert window.participants_page.model.rowCount() == 17


def test_edit_session_attendance_and_undo(open_demo):
    window = open_demo
    page = window.sessions_page
    page.table.selectRow(0)
    before = page.current()

    def fill(dialog):
        dialog.title.setText("Renamed <b>session</b> & co")
        for i in range(dialog.attendees.count()):
            dialog.attendees.item(i).setCheckState(Qt.CheckState.Unchecked)
        dialog.attendees.item(0).setCheckState(Qt.CheckState.Checked)
        dialog.buttons.button(SAVE).click()

    when_modal(fill)
    page.edit_action.trigger()
    after = window.project.sessions.get(before.id)
    assert after.title == "Renamed <b>session</b> & co"
    assert len(after.participant_ids) == 1
    window.undo_action.trigger()
    assert window.project.sessions.get(before.id) == before


def test_delete_asks_then_undo_restores(open_demo, monkeypatch):
    window = open_demo
    page = window.participants_page
    newcomer = window.project.participants.save(window.project.participants.draft())
    page.refresh()  # everyone in the demo has consent records, so cannot be deleted
    page.table.select_id(newcomer.id)
    victim = page.current()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    page.delete_action.trigger()
    assert window.project.participants.get(victim.id) is not None
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.delete_action.trigger()
    assert window.project.participants.get(victim.id) is None
    assert "Undo Delete participant" in window.undo_action.text()
    window.undo_action.trigger()
    assert window.project.participants.get(victim.id) == victim


def test_undo_history_is_cleared_by_lock(open_demo):
    window = open_demo

    def fill(dialog):
        dialog.buttons.button(SAVE).click()

    when_modal(fill)
    window.participants_page.add_action.trigger()
    assert window.undo_stack.canUndo()
    window.lock()
    assert not window.undo_stack.canUndo()


def test_lock_closes_an_open_edit_dialog(open_demo):
    window = open_demo
    seen = {}

    def lock_while_open(dialog):
        seen["dialog"] = dialog
        window.lock()

    when_modal(lock_while_open)
    window.participants_page.add_action.trigger()
    assert not seen["dialog"].isVisible()
    assert window.is_locked
