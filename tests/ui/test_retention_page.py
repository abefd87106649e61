"""The Retention page over the real demo: its policy shown and saved (and audited), what is due as
the clock moves on, and erasing it only after a confirmation whose default is Cancel, in the
background, with the undo history cleared after."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from coprod_desktop.domain.errors import ValidationError
from coprod_desktop.domain.retention import AUDIO, KINDS, MATERIAL, NAMES, RetentionPolicy
from coprod_desktop.ui.retention_page import EraseDueDialog
from coprod_desktop.ui.undo_commands import Undo
from tests.ui.conftest import when_modal

LAST = dt.date(2026, 10, 17)  # the demo's last session
SEVEN_MONTHS = dt.date(2027, 5, 17)  # raw audio (six months) is due, names (twelve) not yet


def open_page(window, today: dt.date):
    go = window.go_actions[window.PAGES.index("retention")]
    assert go.shortcut().toString() == "Ctrl+Shift+J"
    go.trigger()
    page = window.retention_page
    assert window.pages.currentWidget() is page
    page.today = today
    page.refresh()
    return page


def cells(page) -> list[list[str]]:
    table = page.table
    return [[table.item(r, c).text() for c in range(table.columnCount())]
            for r in range(table.rowCount())]  # fmt: skip


def test_the_page_shows_the_demo_policy_and_nothing_due_yet(open_demo):
    page = open_page(open_demo, dt.date(2026, 12, 4))
    assert [page.months[k].value() for k in KINDS] == [6, 12, 18]
    assert not any(page.keep[k].isChecked() for k in KINDS)
    assert "17 Oct 2026" in page.basis.text()  # periods count from the last session
    assert page.table.isHidden() and not page.empty.isHidden()
    assert page.empty.text() == "Nothing is due. The next thing will be due on 17 Apr 2027."
    assert not page.erase_button.isEnabled()


def test_changing_the_policy_saves_it_and_it_is_audited(open_demo):
    window = open_demo
    page = open_page(window, dt.date(2026, 12, 4))
    page.keep[AUDIO].setChecked(True)
    assert not page.months[AUDIO].isEnabled()
    page.months[NAMES].setValue(24)
    page.save_button.click()
    assert window.project.retention.policy() == RetentionPolicy(None, 24, 18)
    assert page.saved.text() == "Saved." and page.message.isHidden()
    (entry,) = window.project.file.db.query(
        "SELECT details FROM audit_log WHERE action = 'retention.policy_set' "
        "ORDER BY rowid DESC LIMIT 1")  # fmt: skip
    assert '"audio_months": null' in entry["details"] and '"names_months": 24' in entry["details"]
    # audio kept, names at two years: next is the unresearched material, at eighteen months
    assert page.empty.text() == "Nothing is due. The next thing will be due on 17 Apr 2028."


def test_a_refused_policy_is_said_in_place_and_the_form_keeps_the_choice(open_demo, monkeypatch,
                                                                       errors):
    window = open_demo
    page = open_page(window, dt.date(2026, 12, 4))

    def refuse(_policy):
        raise ValidationError("A retention period is between 1 and 240 months, or “keep”.")

    monkeypatch.setattr(window.project.retention, "set_policy", refuse)
    page.months[MATERIAL].setValue(30)
    page.save_button.click()
    assert not page.message.isHidden() and "between 1 and 240" in page.message.text()
    assert errors == []  # in place, not a box
    assert page.months[MATERIAL].value() == 30 and page.saved.text() == ""
    assert window.project.retention.policy() == RetentionPolicy(6, 12, 18)
    page.refresh()  # a refresh (an undo elsewhere) keeps the choice not yet saved
    assert page.months[MATERIAL].value() == 30


def test_with_the_clock_moved_on_the_audio_is_due(open_demo):
    page = open_page(open_demo, SEVEN_MONTHS)
    assert page.empty.isHidden() and page.erase_button.isEnabled()
    (row,) = cells(page)
    assert row[:2] == ["Raw audio", "17 Apr 2027"] and row[2].endswith("recordings")
    page.today = dt.date(2028, 5, 1)  # nineteen months: names and unresearched material too
    page.refresh()
    due = {i.kind: i for i in open_demo.project.retention.due(page.today)}
    assert [r[0] for r in cells(page)] == [
        "Raw audio", "Real names", "Material of people who did not agree to research"]
    assert cells(page)[2][3] == ", ".join(due[MATERIAL].whose) != ""  # whose, by pseudonym


def test_cancel_is_the_default_and_erases_nothing(open_demo, qtbot):
    window = open_demo
    page = open_page(window, SEVEN_MONTHS)
    seen = {}

    def answer(dialog):
        seen["type"] = type(dialog)
        seen["listed"] = [dialog.list.item(i).text() for i in range(dialog.list.count())]
        seen["default"] = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).isDefault()
        seen["erase_default"] = dialog.erase_button.isDefault()
        QTest.keyClick(dialog.list, Qt.Key.Key_Return)  # Enter presses the default: Cancel
        seen["result"] = dialog.result()

    when_modal(answer)
    page.erase_button.click()
    assert seen["type"] is EraseDueDialog
    assert len(seen["listed"]) == 1 and seen["listed"][0].startswith("Raw audio: ")
    assert "due since 17 Apr 2027" in seen["listed"][0]
    assert seen["default"] and not seen["erase_default"]
    assert seen["result"] == QDialog.DialogCode.Rejected
    window.runner.wait()
    assert any(c.has_audio for c in window.project.radio.clips())
    assert [i.kind for i in window.project.retention.due(SEVEN_MONTHS)] == [AUDIO]


def test_confirming_erases_in_the_background_and_clears_undo(open_demo, qtbot):
    window = open_demo
    page = open_page(window, SEVEN_MONTHS)
    window.undo_stack.push(Undo("Edit something", lambda: None, lambda: None))
    assert window.undo_stack.count() == 1
    clips = window.project.radio.clips()
    assert any(c.has_audio for c in clips)
    warned = {}

    def confirm(dialog):
        warned["text"] = " ".join(label.text() for label in dialog.findChildren(
            type(page.basis)))  # fmt: skip
        dialog.erase_button.click()

    when_modal(confirm)
    page.erase_button.click()
    assert "cannot be undone" in warned["text"]
    qtbot.waitUntil(lambda: not page.result.isHidden(), timeout=10000)
    after = window.project.radio.clips()
    assert not any(c.has_audio for c in after)
    assert [c.transcript for c in after] == [c.transcript for c in clips]  # the words stay
    assert window.undo_stack.count() == 0
    assert page.result.text().startswith("Erased recordings' raw audio: ")
    assert page.progress.isHidden() and page.table.isHidden()
    assert page.empty.text() == "Nothing is due. The next thing will be due on 17 Oct 2027."
    assert window.project.retention.due(SEVEN_MONTHS) == []
    (entry,) = window.project.file.db.query(
        "SELECT details FROM audit_log WHERE action = 'retention.erased'")
    assert '"raw audio"' in entry["details"]
