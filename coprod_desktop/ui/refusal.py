"""An inline refusal (the red message a dialog shows when a save is refused) that goes away as
soon as it no longer applies.

A message like "Ask the person to sign in the signature box" that stays after they signed
tells the user the wrong thing. Once shown, a refusal watches every input of its dialog; on
each edit it asks `recheck` what the rules say now and hides when that is no longer the
message shown. Without a recheck, or for a message no rule gives again (a disk error, a
refusal from the file), any edit hides it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, SignalInstance
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from coprod_desktop.domain.errors import ValidationError

Recheck = Callable[[], str | None]


def watch_inputs(root: QWidget, slot: Callable[..., None]) -> None:
    """Call `slot` whenever any input under `root` changes: text (spin boxes and editable
    combo boxes included, through their line), checkable buttons, choices, item views, and
    widgets of our own that announce `changed` (signature pad, date field, yes/no pairs)."""
    for widget in root.findChildren(QWidget):
        if isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit)):
            widget.textChanged.connect(slot)
        elif isinstance(widget, QAbstractButton):
            if widget.isCheckable():
                widget.toggled.connect(slot)
        elif isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(slot)
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            for signal in (model.dataChanged, model.rowsInserted, model.rowsRemoved,
                           model.rowsMoved, model.modelReset):  # fmt: skip
                signal.connect(slot)
        elif isinstance(getattr(widget, "changed", None), SignalInstance):
            widget.changed.connect(slot)


class Refusal(QObject):
    def __init__(self, label: QLabel, inputs: QWidget, recheck: Recheck | None = None):
        super().__init__(label)
        self.label = label
        self._inputs = inputs
        self._recheck = recheck
        self._watching = False

    def show(self, message: str) -> None:
        self.label.setText(message)
        self.label.show()
        if not self._watching:  # every input exists by the time a save is refused
            watch_inputs(self._inputs, self._edited)
            self._watching = True

    def hide(self) -> None:
        self.label.hide()

    def _edited(self, *_args) -> None:
        if self.label.isHidden():
            return
        if self._recheck is not None and self._still() == self.label.text():
            return
        self.label.hide()

    def _still(self) -> str | None:
        try:
            return self._recheck()
        except ValidationError as exc:
            return str(exc)


def rule_problem(build: Callable[[], object]) -> str | None:
    """What the domain says about the record `build` makes: its own `validated()` refusal,
    or the refusal from reading the fields (a date that is not one); None when it passes."""
    try:
        record = build()
        validated = getattr(record, "validated", None)
        if validated is not None:
            validated()
    except ValidationError as exc:
        return str(exc)
    return None
