"""Background work through an Operation: it runs on the project's background connection, its
progress reaches the GUI thread, a newer start drops the older result, and nothing is
delivered to a page that has been thrown away."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QWidget

from coprod_desktop.ui.tasks import Operation, TaskRunner


def test_work_runs_on_the_background_connection_and_reports_progress(qtbot, project):
    runner, owner = TaskRunner(), QWidget()
    operation = Operation(owner, runner, project)
    seen: dict = {"progress": []}
    operation.progressed.connect(lambda n, total, text: seen["progress"].append(
        (n, total, text, QThread.currentThread() is owner.thread())))  # fmt: skip

    def work(job):
        seen["worker_thread"] = QThread.currentThread() is not owner.thread()
        job.progress(1, 2, "half")
        return job.project.file.db.conn

    operation.start(work, lambda conn: seen.setdefault("conn", conn), seen.setdefault)
    qtbot.waitUntil(lambda: "conn" in seen)
    runner.wait()
    assert seen["worker_thread"]
    assert seen["conn"] is not project.file.db.conn  # never the GUI thread's connection
    assert seen["conn"] is project.file.reader()
    assert seen["progress"] == [(1, 2, "half", True)]
    assert not operation.running


def test_a_newer_start_drops_the_older_result_and_asks_it_to_stop(qtbot, project):
    runner, owner = TaskRunner(), QWidget()
    operation = Operation(owner, runner, project)
    gate, results, stopped = threading.Event(), [], []

    def slow(job):
        gate.wait(5)
        stopped.append(job.cancelled())
        return "old"

    operation.start(slow, results.append, results.append)
    operation.start(lambda job: "new", results.append, results.append)
    gate.set()
    qtbot.waitUntil(lambda: not runner.busy)
    assert results == ["new"] and stopped == [True]


def test_nothing_reaches_an_owner_that_has_gone(qtbot, project):
    runner, owner = TaskRunner(), QWidget()
    operation = Operation(owner, runner, project)
    gate, results = threading.Event(), []
    operation.start(lambda job: gate.wait(5) and "late", results.append, results.append)
    owner.deleteLater()
    qtbot.waitUntil(lambda: not _alive(operation))
    gate.set()
    qtbot.waitUntil(lambda: not runner.busy)
    assert results == []


def test_a_failure_goes_to_its_own_callback(qtbot, project):
    runner, owner = TaskRunner(), QWidget()
    operation = Operation(owner, runner, project)
    failures = []
    operation.start(lambda job: 1 / 0, lambda _r: None, failures.append)
    qtbot.waitUntil(lambda: bool(failures))
    assert isinstance(failures[0], ZeroDivisionError)


def _alive(obj) -> bool:
    import shiboken6

    return shiboken6.isValid(obj)


def test_the_scan_and_the_packs_plan_read_through_the_background_connection(
    open_demo, qtbot, monkeypatch
):
    """The anonymise scan used the GUI thread's connection from the worker; pages now hand
    their work the project as the background job sees it."""
    from coprod_desktop.services.anonymising import AnonymiseService
    from coprod_desktop.storage.connection import WorkerFile

    seen = []
    review = AnonymiseService.review
    monkeypatch.setattr(AnonymiseService, "review",
                        lambda self, *a, **k: seen.append(type(self._file)) or review(
                            self, *a, **k))  # fmt: skip
    window = open_demo
    window.nav.setCurrentRow(window.PAGES.index("anonymise"))
    window.anonymise_page.scan()
    qtbot.waitUntil(lambda: window.anonymise_page.scanned, timeout=20000)
    window.nav.setCurrentRow(window.PAGES.index("packs"))
    window.packs_page.new_pack()
    wizard = window.packs_page.wizard
    wizard.choose.audience.setEditText("Trading Standards")
    wizard.next()
    qtbot.waitUntil(lambda: wizard.check.plan is not None, timeout=20000)
    wizard.reject()
    assert seen == [WorkerFile, WorkerFile]


def test_background_work_is_started_one_way():
    """Every background job is an Operation (dropping stale results, progress, cancel); no
    widget hands work to the TaskRunner itself."""
    import ast
    from pathlib import Path

    ui = Path(__file__).resolve().parents[2] / "coprod_desktop" / "ui"
    direct = []
    for path in ui.glob("*.py"):
        if path.name == "tasks.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            func = getattr(node, "func", None)
            if (isinstance(func, ast.Attribute) and func.attr == "run"
                    and "runner" in ast.unparse(func.value)):  # fmt: skip
                direct.append(f"{path.name}:{node.lineno}")
    assert direct == []
