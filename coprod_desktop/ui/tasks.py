"""Run slow work (key derivation, file I/O) off the GUI thread and hand results back to it.

A main-thread QObject owns the signal; the worker only gets plain callables and data and never
touches a widget. Callbacks run on the GUI thread.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class _Job(QRunnable):
    def __init__(self, runner: TaskRunner, job_id: int, fn: Callable[[], Any]):
        super().__init__()
        self._runner, self._id, self._fn = runner, job_id, fn

    def run(self) -> None:
        try:
            result, ok = self._fn(), True
        except BaseException as exc:
            result, ok = exc, False
        self._runner._finished.emit(self._id, ok, result)


class TaskRunner(QObject):
    _finished = Signal(int, bool, object)
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # one writer to the project file at a time
        self._ids = itertools.count(1)
        self._callbacks: dict[int, tuple[Callable, Callable]] = {}
        self._finished.connect(self._deliver)

    def run(
        self,
        fn: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None],
    ) -> None:
        job_id = next(self._ids)
        self._callbacks[job_id] = (on_success, on_failure)
        if len(self._callbacks) == 1:
            self.busy_changed.emit(True)
        self._pool.start(_Job(self, job_id, fn))

    @property
    def busy(self) -> bool:
        return bool(self._callbacks)

    def wait(self, msecs: int = 30000) -> bool:
        """Block until queued jobs finish (for shutdown and tests)."""
        return self._pool.waitForDone(msecs)

    @Slot(int, bool, object)
    def _deliver(self, job_id: int, ok: bool, result: object) -> None:
        on_success, on_failure = self._callbacks.pop(job_id)
        if not self._callbacks:
            self.busy_changed.emit(False)
        if ok:
            on_success(result)
        else:
            on_failure(result)  # type: ignore[arg-type]
