"""The one date field of the app: a line to type a date (or a date and time) the way people
write it, with a calendar on a button or Alt+Down.

It replaces Qt's date-time spin editors, whose sections took Tab (day, then month, then year,
so what was typed after a Tab was lost) and which could not take a whole typed date. Here Tab
leaves the field, the reading rules are coprod_desktop.domain.dates, a typed date is shown
back as the app writes it once the field is left, and what cannot be read stays as typed with
a message under it until it is changed.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QPoint, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from coprod_desktop.domain.dates import (
    FIRST_YEAR,
    LAST_YEAR,
    format_date,
    format_date_time,
    parse_date,
    parse_date_time,
)
from coprod_desktop.domain.errors import ValidationError

from .widgets import error_label


class _Line(QLineEdit):
    """The typing line: Alt+Down or F4 opens the calendar; Up and Down move a day."""

    def __init__(self, field: DateField):
        super().__init__(field)
        self._field = field

    def keyPressEvent(self, event) -> None:
        key, mods = event.key(), event.modifiers()
        if key == Qt.Key.Key_F4 or (key == Qt.Key.Key_Down
                                    and mods & Qt.KeyboardModifier.AltModifier):  # fmt: skip
            self._field.open_calendar()
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and not mods:
            self._field.step(1 if key == Qt.Key.Key_Up else -1)
        else:
            super().keyPressEvent(event)


class _Calendar(QCalendarWidget):
    """The calendar, as a popup: a click or Enter picks the day, Escape closes it."""

    def __init__(self, field: DateField):
        super().__init__(field)
        self.setWindowFlags(Qt.WindowType.Popup)
        self.setGridVisible(True)
        self.setDateRange(QDate(FIRST_YEAR, 1, 1), QDate(LAST_YEAR, 12, 31))
        self.setAccessibleName(self.tr("Calendar"))

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)


class DateField(QWidget):
    """A date, or with `with_time` a date and time (naive, local time)."""

    changed = Signal()

    def __init__(self, value: dt.date, with_time: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.with_time = with_time
        if with_time and not isinstance(value, dt.datetime):
            value = dt.datetime.combine(value, dt.time())
        elif not with_time and isinstance(value, dt.datetime):
            value = value.date()
        self._value: dt.date = value
        self._calendar: _Calendar | None = None
        self.edit = _Line(self)
        self.edit.setPlaceholderText(
            self.tr("e.g. 14/3/2026 10:30") if self.with_time else self.tr("e.g. 14/3/2026")
        )
        self.edit.setToolTip(
            self.tr("Type a date like 14/3/2026, 14 Mar 2026, 2026-03-14 or “today”{0}. "
                    "Alt+Down opens a calendar; Up and Down move a day.")
            .format(self.tr(", with a time like 10:30 or 2pm") if self.with_time else "")
        )  # fmt: skip
        self.edit.setAccessibleDescription(self.edit.toolTip())
        sample = "Wed 30 Sep 2026 10:30 pm" if self.with_time else "Wed 30 Sep 2026"
        self.edit.setMinimumWidth(self.edit.fontMetrics().horizontalAdvance(sample) + 16)
        self.edit.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.calendar_button = QToolButton()
        self.calendar_button.setArrowType(Qt.ArrowType.DownArrow)
        self.calendar_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes on; Alt+Down
        self.calendar_button.setToolTip(self.tr("Choose from a calendar (Alt+Down)"))
        self.calendar_button.setAccessibleName(self.tr("Choose from a calendar"))
        self.calendar_button.clicked.connect(self.open_calendar)
        self.message = error_label("dateFieldError")
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        row.addWidget(self.edit)
        row.addWidget(self.calendar_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.setFocusProxy(self.edit)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the form label's Alt+letter needs it
        self.edit.setText(self._format(value))
        self.edit.textEdited.connect(lambda _text: self.message.hide())
        self.edit.editingFinished.connect(self.check)

    # value ---------------------------------------------------------------------------------
    def _format(self, value: dt.date) -> str:
        return format_date_time(value) if self.with_time else format_date(value)

    def _read(self) -> dt.date:
        if self.with_time:
            now = dt.datetime.now()
            shown = self._value.time().replace(second=0, microsecond=0)  # what the field showed
            return parse_date_time(self.edit.text(), now, shown)
        return parse_date(self.edit.text(), dt.date.today())

    def value(self) -> dt.date:
        """What the field holds now, as typed (even before it is left): a date, or a datetime
        with `with_time`; ValidationError with the plain message if it holds no date. Left as
        it was given, it is exactly that value (seconds included)."""
        if self.edit.text() == self._format(self._value):
            return self._value
        return self._read()

    def date(self) -> dt.date:
        value = self.value()
        return value.date() if isinstance(value, dt.datetime) else value

    def date_time(self) -> dt.datetime:
        value = self.value()
        return value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time())

    def problem(self) -> str | None:
        try:
            self.value()
        except ValidationError as exc:
            return str(exc)
        return None

    def set_value(self, value: dt.date) -> None:
        if self.with_time and not isinstance(value, dt.datetime):
            value = dt.datetime.combine(value, self._value.time())
        elif not self.with_time and isinstance(value, dt.datetime):
            value = value.date()
        self.message.hide()
        self.edit.setText(self._format(value))
        if value != self._value:
            self._value = value
            self.changed.emit()

    def check(self) -> bool:
        """Show what the field understood (14 Mar 2026 for 14.3.26), or say why it cannot
        read it, keeping the text as typed."""
        try:
            value = self.value()
        except ValidationError as exc:
            self.message.setText(str(exc))
            self.message.show()
            return False
        self.set_value(value)
        return True

    def step(self, days: int) -> None:
        """Up and Down: a day later or earlier; what cannot be read is kept, and said why."""
        if self.check():
            self.set_value(self.value() + dt.timedelta(days=days))

    # calendar ------------------------------------------------------------------------------
    def open_calendar(self) -> None:
        if self.problem() is None:
            self.check()  # a time typed just now is kept when a day is picked
        if self._calendar is None:
            self._calendar = _Calendar(self)
            self._calendar.clicked.connect(self._picked)
            self._calendar.activated.connect(self._picked)
        day = self._value
        self._calendar.setSelectedDate(QDate(day.year, day.month, day.day))
        calendar = self._calendar
        calendar.adjustSize()
        place = self.edit.mapToGlobal(QPoint(0, self.edit.height()))
        screen = QGuiApplication.screenAt(place) or QGuiApplication.primaryScreen()
        room = screen.availableGeometry()
        size = calendar.sizeHint()
        if place.y() + size.height() > room.bottom():
            place.setY(self.edit.mapToGlobal(QPoint(0, 0)).y() - size.height())
        place.setX(max(room.left(), min(place.x(), room.right() - size.width())))
        calendar.move(place)
        calendar.show()
        calendar.setFocus()

    def _picked(self, day: QDate) -> None:
        if self._calendar is not None:
            self._calendar.close()
        self.set_value(dt.date(day.year(), day.month(), day.day()))
        self.edit.setFocus()

    def showEvent(self, event) -> None:
        """Screen readers hear the form's label for the typing line, not only the widget."""
        if not self.edit.accessibleName() and self.parentWidget() is not None:
            label = next((w for w in self.parentWidget().findChildren(QLabel)
                          if w.buddy() is self), None)  # fmt: skip
            if label is not None:
                self.edit.setAccessibleName(label.text().replace("&", "").rstrip(":"))
        super().showEvent(event)


def check_dates(root: QWidget) -> bool:
    """Before saving: show the message under each date field in `root` that holds no date
    and put the focus in the first. True when every one holds a date."""
    bad = [field for field in root.findChildren(DateField) if not field.check()]
    if bad:
        bad[0].edit.setFocus()
        bad[0].edit.selectAll()
    return not bad
