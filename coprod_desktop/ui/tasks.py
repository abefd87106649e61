"""Background work: the one way to run something slow off the GUI thread.

A page (or dialog) owns an Operation for each kind of work it does — loading a clip's sound,
a scan, building a pack. `start(work, done)` runs `work(job)` on the worker thread, where
`job.project` is the open project as seen through the background connection (never the GUI
thread's), `job.progress(done, total, text)` reports progress and `job.cancelled()` says whether
Stop was pressed. `done(result)` (or `failed(error)`) then runs on the GUI thread — but only if
this is still the latest start of that Operation and its owner still exists: results for a
clip no longer shown, or for a page thrown away, are dropped. Work never touches a widget.

TaskRunner underneath runs one job at a time, so one background connection suffices and the
project has one writer besides the GUI thread.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

if TYPE_CHECKING:
    from coprod_desktop.services.project import Project


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
    """Runs plain callables one at a time off the GUI thread and hands results back to it.
    Pages use an Operation; the window uses this directly for work that has no project yet
    (opening, creating)."""

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


class Job:
    """What background work is given: the project for the worker, progress and cancel."""

    def __init__(self, project: Project | None, report: Callable[[int, int, str], None],
                 cancelled: Callable[[], bool]):  # fmt: skip
        self.project = project
        self._report, self.cancelled = report, cancelled

    def progress(self, done: int, total: int, text: str = "") -> None:
        self._report(done, total, text)


class Operation(QObject):
    """One kind of background work owned by a widget; see the module's description."""

    progressed = Signal(int, int, str)  # done, total, text — on the GUI thread

    def __init__(self, owner: QObject, runner: TaskRunner, project: Project | None = None):
        super().__init__(owner)  # goes with its owner
        self._runner, self._project = runner, project
        self._generation = 0
        self._cancel = threading.Event()
        self.running = False

    def start(self, work: Callable[[Job], Any], done: Callable[[Any], None],
              failed: Callable[[BaseException], None]) -> None:  # fmt: skip
        """Run `work` in the background; an earlier start of this Operation still running is
        asked to stop and its result will be dropped."""
        self._cancel.set()
        self._generation += 1
        generation, cancel = self._generation, threading.Event()
        self._cancel = cancel
        self.running = True
        project = self._project.for_worker() if self._project is not None else None
        job = Job(project, self.progressed.emit, cancel.is_set)

        def deliver(callback: Callable, value) -> None:
            if not shiboken6.isValid(self) or generation != self._generation:
                return  # the owner has gone, or a newer start superseded this one
            self.running = False
            callback(value)

        self._runner.run(lambda: work(job), lambda r: deliver(done, r),
                         lambda e: deliver(failed, e))  # fmt: skip

    def cancel(self) -> None:
        """Ask the work to stop (it looks at job.cancelled()); its result is still delivered."""
        self._cancel.set()
