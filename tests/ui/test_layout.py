"""Every table and tree on every page of the demo, and in the dialogs that have one, at the two
small screens a facilitator brings (1366×768 and 1280×720): no column is narrower than its
header or its longest short value (nor cuts a long value to a few letters), and no table
scrolls sideways when its columns could fit.

Widths are measured against the font's own metrics of what the cells hold, not against the
sizing code, so a table that sizes its columns some other way is checked the same."""

from __future__ import annotations

import math

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QStyle,
    QTableView,
    QTabWidget,
    QTreeView,
    QWidget,
    QWizard,
)

SIZES = [(1366, 768), (1280, 720)]
SHORT = 32  # a value up to this many characters must be shown whole
GLIMPSE = 20  # a longer one may be cut, but shows at least its first this many


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def _rows(view: QAbstractItemView, column: int):
    """(index, indentation) for every row, trees included."""
    model, tree = view.model(), isinstance(view, QTreeView)
    pending = [(QModelIndex(), 0)]
    while pending:
        parent, depth = pending.pop()
        for row in range(model.rowCount(parent)):
            index = model.index(row, column, parent)
            indent = view.indentation() * (depth + 1) if tree and column == 0 else 0
            yield index, indent
            first = model.index(row, 0, parent)
            if tree and model.hasChildren(first):
                pending.append((first, depth + 1))


def problems(view: QAbstractItemView, where: str) -> list[str]:
    header = view.header() if isinstance(view, QTreeView) else view.horizontalHeader()
    model, style = view.model(), view.style()
    cell_fm, head_fm = QFontMetricsF(view.font()), QFontMetricsF(header.font())
    text_margin = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1)
    check = style.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth, None, view)
    head_margin = 2 * style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    grid = 1 if isinstance(view, QTableView) and view.showGrid() else 0  # drawn inside the cell
    name = f"{where} / {view.accessibleName() or type(view).__name__}"
    found, total = [], 0
    for column in range(header.count()):
        if header.isSectionHidden(column):
            continue
        title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        need = math.ceil(head_fm.horizontalAdvance(title)) + head_margin
        longest = title
        for index, indent in _rows(view, column):
            line = max(str(index.data() or "").splitlines() or [""], key=len)
            if len(line) > SHORT:  # it may be cut, but not to a few letters
                line = line[:GLIMPSE] + "…"
            width = math.ceil(cell_fm.horizontalAdvance(line)) + text_margin + grid + indent
            if index.data(Qt.ItemDataRole.CheckStateRole) is not None:
                width += check + text_margin
            if width > need:
                need, longest = width, line
        total += need
        if header.sectionSize(column) < need:
            found.append(f"{name}: column “{title}” is {header.sectionSize(column)} px, "
                         f"narrower than “{longest}” ({need} px)")  # fmt: skip
    if total <= view.viewport().width() and view.horizontalScrollBar().maximum() > 0:
        found.append(f"{name}: scrolls sideways though its columns fit "
                     f"({total} px needed, {view.viewport().width()} px there)")  # fmt: skip
    return found


def views_on_show(widget: QWidget) -> list[QAbstractItemView]:
    return [v for v in widget.findChildren(QAbstractItemView)
            if isinstance(v, (QTableView, QTreeView)) and v.isVisible()
            and v.model() is not None and v.model().columnCount()]  # fmt: skip


def check_widget(widget: QWidget, where: str) -> tuple[list[str], int]:
    """Problems in every view on show in `widget`, each tab of its tab widgets visited."""
    settle()
    found, seen = [], set()
    for tabs in widget.findChildren(QTabWidget):
        if not tabs.isVisible():
            continue
        for n in range(tabs.count()):
            tabs.setCurrentIndex(n)
            settle()
            for view in views_on_show(tabs.widget(n)):
                found += problems(view, f"{where} / {tabs.tabText(n).replace('&', '')}")
                seen.add(view)
        tabs.setCurrentIndex(0)
        settle()
    for view in views_on_show(widget):
        if view not in seen:
            found += problems(view, where)
            seen.add(view)
    return found, len(seen)


@pytest.fixture
def demo_with_pack(open_demo, tmp_path):
    """The demo with one pack issued, so the packs page lists something."""
    from coprod_desktop.services.packs import PackOptions

    project = open_demo.project
    options = PackOptions("Trading Standards")
    project.anonymise.accept_all(project.packs.plan(options).findings)
    project.packs.build(options, tmp_path / "Pack for Trading Standards.pdf")
    return open_demo


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_page_shows_whole_columns_at_small_screen_sizes(demo_with_pack, qtbot, size):
    window = demo_with_pack
    window.resize(*size)
    settle()
    assert (window.width(), window.height()) == size, "the window does not fit the screen"
    found, seen = [], 0
    for row, page_name in enumerate(window.PAGES):
        window.nav.setCurrentRow(row)
        page = window.pages.currentWidget()
        if page_name == "anonymise":  # the detections, so the table has rows to measure
            page.scan()
            qtbot.waitUntil(lambda p=page: p.scanned, timeout=20000)
        more, n = check_widget(page, page_name)
        found += more
        seen += n
        if page_name == "participants":  # and with the real names on show
            window.show_names_action.trigger()
            more, n = check_widget(page, "participants with real names")
            found, seen = found + more, seen + n
            window.show_names_action.trigger()
    assert seen >= 12, f"only {seen} tables were checked"
    assert not found, "\n".join(found)


def test_the_dialogs_with_tables_show_whole_columns(demo_with_pack, qtbot):
    from coprod_desktop.ui.form_editor_dialog import FormEditorDialog
    from coprod_desktop.ui.pack_wizard import PackWizard, size_for

    window = demo_with_pack
    window.resize(*SIZES[1])
    project = window.project
    form = FormEditorDialog(project.consent.current_form(), lambda f: f, window)
    qtbot.addWidget(form)
    form.show()
    found, seen = check_widget(form, "consent form editor")
    wizard = PackWizard(project, window.runner, window)
    qtbot.addWidget(wizard)
    wizard.resize(size_for(*SIZES[1]))  # as on a 1280×720 screen
    wizard.show()
    wizard.choose.audience.setEditText("Trading Standards")
    wizard.next()
    qtbot.waitUntil(lambda: wizard.check.plan is not None, timeout=20000)
    more, n = check_widget(wizard, "pack wizard: what goes in")
    found, seen = found + more, seen + n
    wizard.next()
    qtbot.waitUntil(lambda: wizard.review.review.scanned, timeout=20000)
    more, n = check_widget(wizard, "pack wizard: personal data")
    found, seen = found + more, seen + n
    wizard.button(QWizard.WizardButton.CancelButton).click()
    assert seen == 3
    assert not found, "\n".join(found)


def test_a_cut_value_shows_whole_in_its_tooltip(open_demo, qtbot):
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QToolTip

    window = open_demo
    window.resize(*SIZES[1])
    window.nav.setCurrentRow(window.PAGES.index("radio"))
    table = window.radio_page.table
    settle()
    cut = [table.model().index(r, c) for r in range(table.rowCount())
           for c in range(table.columnCount())
           if table.sizeHintForIndex(table.model().index(r, c)).width()
           > table.visualRect(table.model().index(r, c)).width() > 0]  # fmt: skip
    assert cut, "nothing is cut: nothing to check"
    index = cut[0]
    table.scrollTo(index)
    rect = table.visualRect(index)
    event = QHelpEvent(QHelpEvent.Type.ToolTip, rect.center(),
                       table.viewport().mapToGlobal(rect.center()))  # fmt: skip
    QApplication.sendEvent(table.viewport(), event)
    assert QToolTip.isVisible() and QToolTip.text() == index.data()
    QToolTip.hideText()
