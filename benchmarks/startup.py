"""Start-up benchmark: a usable main window with the demo project open, against a bare window.

What is measured, in fresh subprocesses (so interpreter start-up and imports count):

* ``bare``: the baseline "bare PySide6 window": import PySide6.QtWidgets, create a
  QApplication and a QMainWindow holding a QLabel, show it, process events once.
* ``app``: ``build_main_window()`` with throw-away settings, show it, ``open_path()`` on the
  demo project (opened in the background as in the real app), wait for ``project_changed``,
  process events once and check the first page's table is populated.

Each time runs from just before the parent spawns the child (``time.time()``) to the moment
the child is ready (``time.time()`` reported by the child, which then exits at once).
Runs alternate bare/app after one untimed warm-up of each; median and min are reported, with
the ratio of medians (goal: under 1.5x). The app child also reports the time from
``open_path()`` to ``project_changed``, which includes the SQLCipher key derivation
(PBKDF2, ~0.13 s, by design). This is a benchmark, not a test: it never asserts on times.

Run:  .venv/bin/python benchmarks/startup.py [--runs 7] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PASSPHRASE = "benchmark-passphrase"
GOAL = 1.5


def _report(**values: float) -> None:
    print(json.dumps({"ready": time.time(), **values}), flush=True)
    os._exit(0)  # skip teardown: only start-up is measured


def child_bare() -> None:
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setCentralWidget(QLabel("Hello"))
    window.show()
    app.processEvents()
    _report()


def child_app(demo: Path, ini: Path) -> None:
    from PySide6.QtCore import QEventLoop, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from coprod_desktop.app import build_main_window
    from coprod_desktop.ui.settings import AppSettings

    app = QApplication(sys.argv[:1])
    start = time.perf_counter()
    settings = AppSettings(QSettings(str(ini), QSettings.Format.IniFormat))
    window = build_main_window(settings, path=demo, passphrase=PASSPHRASE)  # as run_gui does
    window.show()
    app.processEvents()
    shown = time.time()  # the window is up and responsive; the project may still be opening
    loop = QEventLoop()
    opened: list[float] = []
    window.project_changed.connect(lambda _p: (opened.append(time.perf_counter()), loop.quit()))
    QTimer.singleShot(30_000, loop.quit)
    if not opened:
        loop.exec()
    app.processEvents()
    if window.project is None or window.sessions_page.model.rowCount() == 0:
        sys.exit("app child: demo project did not open (or its first table is empty)")
    _report(open=opened[0] - start, shown=shown)


def run_child(kind: str, *args: Path) -> dict[str, float]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    command = [sys.executable, __file__, "--child", kind, *map(str, args)]
    start = time.time()
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"{kind} child failed ({done.returncode}):\n{done.stderr}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    if "shown" in result:
        result["shown"] -= start
    return {"total": result.pop("ready") - start, **result}


def measure(runs: int) -> dict:
    from coprod_desktop.demo import create_demo

    with tempfile.TemporaryDirectory(prefix="coprod-bench-") as tmp:
        demo = Path(tmp) / "demo.coprod"
        create_demo(demo, PASSPHRASE).close()
        samples: dict[str, list[dict[str, float]]] = {"bare": [], "app": []}
        for i in range(runs + 1):  # run 0 is an untimed warm-up (disk caches, .pyc files)
            bare = run_child("bare")
            app = run_child("app", demo, Path(tmp) / f"settings-{i}.ini")
            if i:
                samples["bare"].append(bare)
                samples["app"].append(app)

    def summary(values: list[float]) -> dict[str, float]:
        return {"median": statistics.median(values), "min": min(values)}

    bare = summary([s["total"] for s in samples["bare"]])
    app = summary([s["total"] for s in samples["app"]])
    opening = summary([s["open"] for s in samples["app"]])
    shown = summary([s["shown"] for s in samples["app"]])
    return {
        "runs": runs,
        "baseline": "bare PySide6 window",
        "bare": bare,
        "app": app,
        "app_open": opening,
        "app_shown": shown,
        "shown_ratio": shown["median"] / bare["median"],
        "ratio": app["median"] / bare["median"],
        "goal": GOAL,
        "samples": samples,
    }


def print_table(r: dict) -> None:
    print(f"{'measurement':<34}{'median':>9}{'min':>9}")
    rows = [("bare PySide6 window (baseline)", r["bare"]),
            ("app: main window + demo open", r["app"]),
            ("  window shown, still opening", r["app_shown"]),
            ("  build start -> project opened", r["app_open"])]  # fmt: skip
    for label, s in rows:
        print(f"{label:<34}{s['median']:>8.3f}s{s['min']:>8.3f}s")
    share = r["app_open"]["median"] / r["app"]["median"]
    print(f"open (incl. SQLCipher key derivation) is {share:.0%} of the app start-up")
    print(f"startup: bare {r['bare']['median']:.2f} s, app {r['app']['median']:.2f} s "
          f"(median of {r['runs']}), ratio {r['ratio']:.2f}x (goal < {GOAL}x); "
          f"window shown at {r['shown_ratio']:.2f}x")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs of each (default 7)")
    parser.add_argument("--json", action="store_true", help="print machine-readable results")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *paths = args.child
        child_bare() if kind == "bare" else child_app(*map(Path, paths))
        return
    results = measure(max(1, args.runs))
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print_table(results)


if __name__ == "__main__":
    main()
