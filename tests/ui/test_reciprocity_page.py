"""The Reciprocity page on the real demo project: the ledger by pseudonym with filters, the
warning in words for the person over the threshold, adding with a signature drawn in the pad, a
refusal shown in the dialog with nothing lost, undo, the threshold dialog and the payment letter
made in the background."""

from __future__ import annotations

from pypdf import PdfReader
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest

from coprod_desktop.ui.reciprocity_dialogs import EntryDialog, ThresholdDialog
from tests.ui.conftest import when_modal


def page_of(window):
    window.nav.setCurrentRow(window.PAGES.index("reciprocity"))
    return window.reciprocity_page


def test_the_page_lists_the_ledger_and_warns_about_the_person_over_the_threshold(open_demo):
    page = page_of(open_demo)
    assert page.model.rowCount() == 28
    assert page.warning.isVisible() or not page.isVisible()
    assert "P-03 received £110.00 in the 30 days" in page.warning.text()
    assert "Ctrl+Shift+L" in page.warning.text()
    over = [page.model.item(r) for r in range(page.model.rowCount())
            if "over threshold" in page.model.index(r, 1).data()]  # fmt: skip
    assert over and {page._pseudonyms[e.participant_id] for e in over} == {"P-03"}
    assert "£478.00 in all to 11 people" in page.totals.text()
    page.person_filter.setCurrentIndex(page.person_filter.findText("P-03"))
    assert page.model.rowCount() == 4
    page.kind_filter.setCurrentIndex(page.kind_filter.findData("childcare"))
    assert page.model.rowCount() == 2


def test_adding_with_a_signature_refusing_bad_input_and_undoing(open_demo, qtbot):
    window = open_demo
    page = page_of(window)
    project = window.project
    seen = []

    def fill(dialog: EntryDialog) -> None:
        # nobody chosen for the facilitator: never the first name in the list by mistake
        assert dialog.person.currentText().startswith("Choose who")
        dialog.person.setCurrentIndex(dialog.person.findText("P-11"))
        dialog.amount.setText("twenty")
        dialog.signature_radio.setChecked(True)
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
        seen.append(dialog.error.text())  # refused: stays open with what was typed
        assert dialog.isVisible() and dialog.amount.text() == "twenty"
        dialog.amount.setText("15")
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
        seen.append(dialog.error.text())  # no signature yet
        pad = dialog.signature
        QTest.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPointF(20, 20).toPoint())
        for x in range(20, 200, 10):
            QTest.mouseMove(pad, QPointF(x, 20 + x % 30).toPoint())
        QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPointF(200, 40).toPoint())
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()

    when_modal(fill)
    page.add_action.trigger()
    assert "not an amount of money" in seen[0] and "Ask them to sign" in seen[1]
    added = [e for e in project.reciprocity.list()
             if page._pseudonyms[e.participant_id] == "P-11" and e.amount == 1500]
    assert len(added) == 1 and added[0].has_signature
    assert project.reciprocity.signature(added[0].id).startswith(b"\x89PNG")
    assert page.model.rowCount() == 29
    window.undo_action.trigger()
    assert len(project.reciprocity.list()) == 28
    qtbot.waitUntil(lambda: page.model.rowCount() == 28)


def test_threshold_dialog_and_payment_letter(open_demo, qtbot, tmp_path, monkeypatch):
    window = open_demo
    page = page_of(window)

    def set_year(dialog: ThresholdDialog) -> None:
        dialog.amount.setText("500")
        dialog.days.setValue(365)
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()

    when_modal(set_year)
    page.threshold_action.trigger()
    assert window.project.reciprocity.threshold().amount == 50000
    assert not page.warning.text()  # nobody got £500 in a year

    row = next(r for r in range(page.model.rowCount())
               if page.model.index(r, 1).data().startswith("P-03"))  # fmt: skip
    page.table.selectRow(page.proxy.mapFromSource(page.model.index(row, 0)).row())
    target = tmp_path / "P-03 letter.pdf"
    monkeypatch.setattr("coprod_desktop.ui.reciprocity_page.QFileDialog.getSaveFileName",
                        lambda *_a, **_k: (str(target), "PDF (*.pdf)"))
    page.letter_action.trigger()  # as the button and Ctrl+Shift+L do
    qtbot.waitUntil(target.exists, timeout=20000)
    text = " ".join(PdfReader(target).pages[0].extract_text().split())
    assert "P-03" in text and "Citizens Advice" in text and "Total" in text
