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


def test_undo_refreshes_only_the_pages_that_show_what_changed(open_demo, monkeypatch):
    """A risk's undo reloads the Risks page, not the board or the radio lab (before, every
    undo reloaded every page)."""
    window = open_demo
    for name in ("board", "radio", "risk_log", "sessions"):
        window.nav.setCurrentRow(window.PAGES.index(name))
    refreshed: list[str] = []
    for name, page in window._built.items():
        monkeypatch.setattr(page, "refresh", lambda n=name: refreshed.append(n))
    risk_page = window._built["risk_log"]
    risk_page.risks.remove(window.project.risk_log.risks()[0])
    refreshed.clear()
    window.undo_action.trigger()
    assert refreshed == ["risk_log"]
    refreshed.clear()
    window.redo_action.trigger()
    assert refreshed == ["risk_log"]


def test_every_kind_of_change_is_shown_by_some_page():
    """A kind that undo can change but no page listens for would leave a page stale."""
    from coprod_desktop.ui.actions_page import ActionsPage
    from coprod_desktop.ui.anonymise_page import AnonymisePage
    from coprod_desktop.ui.board_page import BoardPage
    from coprod_desktop.ui.consent_page import ConsentPage
    from coprod_desktop.ui.packs_page import PacksPage
    from coprod_desktop.ui.participants_page import ParticipantsPage
    from coprod_desktop.ui.programmes_page import ProgrammesPage
    from coprod_desktop.ui.project_page import ProjectPage
    from coprod_desktop.ui.radio_page import RadioPage
    from coprod_desktop.ui.reciprocity_page import ReciprocityPage
    from coprod_desktop.ui.retention_page import RetentionPage
    from coprod_desktop.ui.risk_log_page import RiskLogPage
    from coprod_desktop.ui.safeguarding_page import SafeguardingPage
    from coprod_desktop.ui.sessions_page import SessionsPage

    pages = (SessionsPage, ParticipantsPage, ConsentPage, BoardPage, RadioPage, ProgrammesPage,
             AnonymisePage, PacksPage, RiskLogPage, ActionsPage, SafeguardingPage,
             ReciprocityPage, RetentionPage)  # fmt: skip
    assert set(pages) >= {c for c in _subclasses(ProjectPage) if c.__module__.endswith("_page")}
    told = {"session", "participant", "clip", "board", "risk", "barrier", "outcome", "measure",
            "programme", "action", "reciprocity", "safeguarding_concern", "signpost",
            "retention"}
    assert told <= set().union(*(p.LISTENS for p in pages))
    assert all(p.LISTENS for p in pages)


def _subclasses(cls) -> set[type]:
    found = set(cls.__subclasses__())
    return found.union(*(_subclasses(c) for c in found)) if found else set()
