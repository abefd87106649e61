"""Signals when nobody has used keyboard, mouse or touch for a set time (for auto-lock)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

_ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
    QEvent.Type.TabletPress,
}


class IdleWatcher(QObject):
    idle = Signal()

    def __init__(self, app: QObject, parent: QObject | None = None):
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.idle)
        self._app = app
        self._enabled = False
        app.installEventFilter(self)

    def set_timeout_ms(self, msecs: int) -> None:
        """0 switches the watcher off."""
        self._timer.setInterval(max(0, msecs))
        self.restart()

    def restart(self) -> None:
        if self._timer.interval() > 0 and self._enabled:
            self._timer.start()
        else:
            self._timer.stop()

    def set_enabled(self, enabled: bool) -> None:
        self._enabled = enabled
        self.restart()

    def is_active(self) -> bool:
        return self._timer.isActive()

    def detach(self) -> None:
        self._app.removeEventFilter(self)
        self._timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY and self._timer.isActive():
            self._timer.start()
        return False
