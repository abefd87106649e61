"""Every list and table on every page: a double-click opens its dialog once.

On a real double-click Qt emits `doubleClicked` and then `activated` (which Enter emits too);
a view that acted on both opened the edit dialog twice. Offscreen, QTest's double-click does
not go through that path, so this emits the pair as the platform does, on the first row of
every view; the journey test under a real X server double-clicks for real."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractItemView, QDialog, QMessageBox


@pytest.fixture
def dialogs_opened(monkeypatch) -> list[str]:
    opened: list[str] = []

    def exec_(dialog, *_args):
        opened.append(type(dialog).__name__)
        return QDialog.DialogCode.Rejected

    for cls in (QDialog, QMessageBox):
        monkeypatch.setattr(cls, "exec", exec_)
        monkeypatch.setattr(cls, "open", exec_)
    return opened


def test_a_double_click_on_any_row_of_any_page_opens_one_dialog_at_most(
    open_demo, dialogs_opened
):
    window = open_demo
    checked = []
    for row in range(window.nav.count()):
        window.nav.setCurrentRow(row)
        page = window.pages.currentWidget()
        for view in page.findChildren(QAbstractItemView):
            model = view.model()
            if model is None or model.rowCount() == 0 or not view.isVisible():
                continue
            index = model.index(0, 0)
            view.setCurrentIndex(index)  # the press of a double-click selects the row
            before = len(dialogs_opened)
            view.doubleClicked.emit(index)
            view.activated.emit(index)
            opened = dialogs_opened[before:]
            assert len(opened) <= 1, f"{view.accessibleName()}: a double-click opened {opened}"
            checked.append(view.accessibleName())
    assert {"Sessions", "Participants", "Risk register"} <= set(checked)
