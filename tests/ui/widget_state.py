"""What a window shows, widget by widget, as text: to compare two windows, or to look for
something that must not be there."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QGraphicsView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QStackedWidget,
    QTabWidget,
    QTextEdit,
    QWidget,
)


def _model_text(view: QAbstractItemView) -> str:
    model = view.model()
    if model is None:
        return ""
    cells = []
    try:
        columns = model.columnCount()
    except TypeError:  # a list model keeps columnCount private: one column
        columns = 1
    for row in range(model.rowCount()):
        for column in range(columns):
            index = model.index(row, column)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                         Qt.ItemDataRole.CheckStateRole):  # fmt: skip
                value = index.data(role)
                if value is not None:
                    cells.append(str(value))
    current = view.currentIndex()
    return f"{' | '.join(cells)} @ {current.row()},{current.column()}"


SCROLL_BAR_HOLDERS = {"qt_scrollarea_hcontainer", "qt_scrollarea_vcontainer"}


def describe(widget: QWidget) -> str | None:
    """The state of one widget a person could see or that holds data, or None."""
    if isinstance(widget, QLineEdit):
        return f"{widget.text()} [{widget.placeholderText()}]"
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        return widget.toPlainText()
    if isinstance(widget, QLabel):
        return widget.text()
    if isinstance(widget, QAbstractButton):
        return f"{widget.text()} {widget.isChecked()} {widget.isEnabled()}"
    if isinstance(widget, QComboBox):
        items = [widget.itemText(i) for i in range(widget.count())]
        return f"{items} @ {widget.currentIndex()}"
    if isinstance(widget, QAbstractSpinBox):
        return widget.text()
    if isinstance(widget, (QAbstractSlider, QProgressBar)):
        return str(widget.value())
    if isinstance(widget, (QTabWidget, QStackedWidget)):
        return str(widget.currentIndex())
    if isinstance(widget, QGraphicsView) and widget.scene() is not None:
        tips = sorted(item.toolTip() for item in widget.scene().items())
        return " | ".join(tips)
    if isinstance(widget, QAbstractItemView):
        return _model_text(widget)
    return None


def widget_state(root: QWidget) -> list[tuple[str, str]]:
    """(path, state) for `root` and every widget under it, hidden ones included."""
    out: list[tuple[str, str]] = []

    def walk(widget: QWidget, path: str) -> None:
        value = describe(widget)
        if value is not None:
            out.append((path, value))
        seen: dict[str, int] = {}
        for child in widget.children():
            if not isinstance(child, QWidget) or child.objectName() in SCROLL_BAR_HOLDERS:
                continue  # scroll bars come and go with sizes: they hold nothing of a project
            kind = type(child).__name__
            seen[kind] = seen.get(kind, -1) + 1
            walk(child, f"{path}/{kind}[{seen[kind]}]")

    walk(root, type(root).__name__)
    return out
