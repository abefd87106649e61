"""The risks and outcomes page with real widgets: the matrix counts and filters by keyboard
and mouse, adding typical risks and deleting one can be undone, the self-check is kept."""

from __future__ import annotations

import html

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from coprod_desktop.domain.risks import RiskStatus


def rows(table) -> int:
    return table.model().rowCount()


def cell(table, row: int, column: int) -> str:
    return table.model().index(row, column).data()


def page_of(window, qtbot):
    window.nav.setCurrentRow(window.PAGES.index("risk_log"))
    page = window.risk_log_page
    qtbot.waitUntil(lambda: rows(page.risks.table) > 0, timeout=10000)
    return page


def test_matrix_counts_open_risks_and_filters_by_keyboard(open_demo, qtbot):
    page = page_of(open_demo, qtbot)
    risks = open_demo.project.risk_log.risks()
    live = [r for r in risks if r.status is not RiskStatus.CLOSED]
    assert sum(page.risks.matrix.counts.values()) == len(live)
    assert rows(page.risks.table) == len(risks)
    target = max(page.risks.matrix.counts, key=page.risks.matrix.counts.get)  # the fullest cell
    page.risks.matrix.setFocus()
    page.risks.matrix.current = (1, 1)
    for _ in range(target[0] - 1):
        qtbot.keyClick(page.risks.matrix, Qt.Key.Key_Up)
    for _ in range(target[1] - 1):
        qtbot.keyClick(page.risks.matrix, Qt.Key.Key_Right)
    assert page.risks.matrix.current == target
    n = page.risks.matrix.counts[target]
    assert f"{n} risk{'s' if n != 1 else ''}." in page.risks.matrix.accessibleDescription()
    qtbot.keyClick(page.risks.matrix, Qt.Key.Key_Return)
    assert rows(page.risks.table) == page.risks.matrix.counts[target]
    assert "Escape on the matrix shows all" in page.risks.filter_label.text()
    qtbot.keyClick(page.risks.matrix, Qt.Key.Key_Escape)
    assert rows(page.risks.table) == len(risks)
    rect = page.risks.matrix.cell_rect(*target)  # and with the mouse
    qtbot.mouseClick(page.risks.matrix, Qt.MouseButton.LeftButton,
                     pos=QPointF(rect.center()).toPoint())  # fmt: skip
    assert rows(page.risks.table) == page.risks.matrix.counts[target]


def test_typical_risks_and_deleting_are_undoable(window, qtbot, project_path, monkeypatch):
    from coprod_desktop.services.project import create_project
    from tests.conftest import PASSPHRASE

    window.set_project(create_project(project_path, PASSPHRASE, "Empty"))
    window.nav.setCurrentRow(window.PAGES.index("risk_log"))
    page = window.risk_log_page
    assert rows(page.risks.table) == 0
    page.risks.add_typical_risks()
    assert rows(page.risks.table) == 10 and sum(page.risks.matrix.counts.values()) == 10
    window.undo_action.trigger()
    assert rows(page.risks.table) == 0 and window.project.risk_log.risks() == []
    window.redo_action.trigger()
    assert rows(page.risks.table) == 10
    page.risks.table.selectRow(0)
    first = cell(page.risks.table, 0, 2)
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    page.tabs.setCurrentIndex(0)
    page.delete_action.trigger()
    assert rows(page.risks.table) == 9
    window.undo_action.trigger()
    assert rows(page.risks.table) == 10
    assert first in [cell(page.risks.table, r, 2) for r in range(10)]


def test_a_self_check_is_kept_over_time(open_demo, qtbot):
    page = page_of(open_demo, qtbot)
    page.tabs.setCurrentIndex(3)
    before = page.check_table.rowCount()
    page.ratings["blurring"].setValue(5)
    page.check_notes["blurring"].setText("Residents ran the meeting")
    page.save_check()
    assert page.check_table.rowCount() == before + 1
    assert page.check_table.item(0, 3 + list(page.ratings).index("blurring")).text() == "5"
    latest = open_demo.project.risk_log.self_checks()[-1]
    assert latest.notes == {"blurring": "Residents ran the meeting"}
    assert not page.add_action.isEnabled()  # nothing to add with Ctrl+Shift+N here


def test_adding_and_reviewing_a_risk_through_its_dialog(open_demo, qtbot):
    from PySide6.QtWidgets import QDialogButtonBox

    from tests.ui.conftest import when_modal

    page = page_of(open_demo, qtbot)
    log = open_demo.project.risk_log
    count = len(log.risks())

    def fill(dialog):
        dialog.description.setPlainText("Volunteers burn out")
        dialog.likelihood.setCurrentIndex(3)  # likely
        dialog.impact.setCurrentIndex(1)
        assert dialog.score.text() == "8 (medium)"
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    when_modal(fill)
    page.risks.add()
    added = next(r for r in log.risks() if r.description == "Volunteers burn out")
    assert (added.likelihood, added.impact) == (4, 2) and len(log.risks()) == count + 1
    row = next(r for r in range(rows(page.risks.table))
               if cell(page.risks.table, r, 2) == "Volunteers burn out")  # fmt: skip
    page.risks.table.selectRow(row)

    def review(dialog):
        dialog.status.setCurrentIndex(dialog.status.findData(RiskStatus.MITIGATED))
        dialog.note.setText("rota of three")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    when_modal(review)
    page.risks.edit_current()
    assert log.risk(added.id).status is RiskStatus.MITIGATED
    assert "rota of three" in page.risks.history.item(0).text()
    open_demo.undo_action.trigger()
    assert log.risk(added.id).status is RiskStatus.OPEN
    open_demo.undo_action.trigger()
    assert len(log.risks()) == count


@pytest.mark.parametrize("size", [(1366, 768), (1280, 720)], ids=["1366x768", "1280x720"])
def test_rows_are_one_line_and_every_risk_of_the_demo_is_in_view(open_demo, qtbot, size):
    open_demo.resize(*size)
    page = page_of(open_demo, qtbot)
    tables = ((0, page.risks.table), (1, page.barriers.table), (2, page.outcomes.table),
              (2, page.measures.table), (3, page.check_table))  # fmt: skip
    for tab, table in tables:
        page.tabs.setCurrentIndex(tab)
        QApplication.processEvents()
        tallest = max(table.rowHeight(r) for r in range(rows(table)))
        # no row grown by wrapping
        one_line = max(
            table.verticalHeader().defaultSectionSize(), table.fontMetrics().lineSpacing() + 8
        )
        assert tallest <= one_line, f"{table.accessibleName()}: rows {tallest} px high"
    page.tabs.setCurrentIndex(0)
    QApplication.processEvents()
    table = page.risks.table
    in_view = [
        r
        for r in range(rows(table))
        if table.viewport().rect().contains(table.visualRect(table.model().index(r, 0)))
    ]
    assert len(in_view) == rows(table) == len(open_demo.project.risk_log.risks())


def test_the_selected_risk_and_barrier_are_shown_in_full(open_demo, qtbot):
    open_demo.resize(1280, 720)
    page = page_of(open_demo, qtbot)
    risks = open_demo.project.risk_log.risks()
    risk = max((r for r in risks if r.mitigations), key=lambda r: len(r.description))
    row = next(r for r in range(rows(page.risks.table))
               if cell(page.risks.table, r, 2) == risk.description)  # fmt: skip
    page.risks.table.selectRow(row)
    tip = page.risks.table.model().index(row, 2).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == risk.description  # the cell may be cut
    shown = page.risks.details.text()
    assert html.escape(risk.description) in shown and html.escape(risk.mitigations) in shown
    page.tabs.setCurrentIndex(1)
    barrier = open_demo.project.risk_log.barriers()[-1]
    page.barriers.table.selectRow(rows(page.barriers.table) - 1)
    assert html.escape(barrier.description) in page.barriers.details.text()
    assert html.escape(barrier.response) in page.barriers.details.text()
    assert page.barriers.details.isVisible()
