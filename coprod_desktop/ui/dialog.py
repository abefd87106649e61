"""The one base for the app's dialogs, and the rule it enforces: Enter presses the dialog's
primary button (Open, Create, Save, Next…) wherever the focus is, Escape cancels.

Inside a QDialog every QPushButton is "auto-default": the one with the focus takes Enter, and
when none has been made the default while the dialog is in place, Qt makes the first one in
the focus chain the default as the dialog shows. That is how Enter in a passphrase box pressed
Cancel, and Enter in New project opened Browse…. So here no button but the primary one is ever
auto-default, and the primary is made the default once the dialog holds it. Space still presses
whichever button has the focus. In a box of several lines Enter starts a new line, so there
Ctrl+Enter presses the primary button (as in mail and chat programs).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QWidget,
)


def settle_default(
    dialog: QWidget, primary: QPushButton | None, keep: Iterable[QAbstractButton] = ()
) -> None:
    """Make `primary` the only button Enter can press in `dialog`; buttons in `keep` (a
    wizard's own Next and Finish, which the wizard manages) are left as they are."""
    kept = set(keep)
    for button in dialog.findChildren(QPushButton):
        if button is primary or button in kept:
            continue
        button.setAutoDefault(False)
        button.setDefault(False)
    if primary is not None:
        primary.setAutoDefault(True)
        primary.setDefault(True)


class Dialog(QDialog):
    """Subclasses say which button is primary; it is settled each time the dialog shows and
    whenever `settle_keys()` is called after the primary changes (e.g. Next becomes Save)."""

    def primary_button(self) -> QPushButton | None:
        raise NotImplementedError

    def settle_keys(self) -> None:
        settle_default(self, self.primary_button())
        for box in [*self.findChildren(QPlainTextEdit), *self.findChildren(QTextEdit)]:
            box.removeEventFilter(self)  # once each, however often the keys are settled
            box.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        """Ctrl+Enter in a box of several lines (which takes Enter for a new line itself)."""
        if (event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier):  # fmt: skip
            button = self.primary_button()
            if button is not None and button.isEnabled() and button.isVisible():
                button.click()
                return True
        return super().eventFilter(watched, event)

    def showEvent(self, event) -> None:
        self.settle_keys()
        for edit in self.findChildren(QLineEdit):
            if not edit.hasFocus():
                edit.setCursorPosition(0)  # a long path or list shows its start, not its end
        super().showEvent(event)
