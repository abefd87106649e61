"""The app's recorder alone, in a process of its own, for a test to kill mid-take.

    python -m tests.recorder_child PROJECT PASSPHRASE [OPEN_DELAY]

Opens the encrypted project, starts the real Recorder (ui/recorder.py) on the default
microphone and says what happens on stdout, one JSON object a line, each with the moment
(time.monotonic(), shared by every process on the machine):

    {"event": "pressed", "t": ...}   (Record: Recorder.start() is called)
    {"event": "started", "id": RECORDING_ID, "t": ...}
    {"event": "progress", "seconds": SECONDS_THE_TAKE_HOLDS, "t": ...}
    {"event": "stopped", "id": ..., "samples": ..., "problem": ..., "t": ...}

It records until it is killed, or stopped by closing its stdin. With OPEN_DELAY (seconds),
opening the take in the project file takes that much longer, as on a slow disk."""

from __future__ import annotations

import json
import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def say(event: str, **details) -> None:
    print(json.dumps({"event": event, "t": time.monotonic(), **details}), flush=True)


def main() -> int:
    from PySide6.QtCore import QCoreApplication, QSocketNotifier

    from coprod_desktop.services.project import open_project
    from coprod_desktop.ui.recorder import Recorder

    path, passphrase = sys.argv[1], sys.argv[2]
    open_delay = float(sys.argv[3]) if len(sys.argv) > 3 else 0.0
    app = QCoreApplication([])
    project = open_project(path, passphrase, actor="recorder child")
    open_take = project.radio.open_take

    def slow_open_take(*args):
        time.sleep(open_delay)
        return open_take(*args)

    if open_delay:
        project.radio.open_take = slow_open_take
    recorder = Recorder()
    recorder.started.connect(lambda rid: say("started", id=rid))
    recorder.progress.connect(lambda seconds: say("progress", seconds=seconds))

    def stopped(rid: str, samples: int, problem: str) -> None:
        say("stopped", id=rid, samples=samples, problem=problem)
        app.quit()

    recorder.stopped.connect(stopped)
    stdin = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)

    def stdin_ready() -> None:
        if not os.read(sys.stdin.fileno(), 1024):  # closed: stop recording
            stdin.setEnabled(False)
            recorder.stop()

    stdin.activated.connect(stdin_ready)
    say("pressed")
    problem = recorder.start(project, [])
    if problem:
        say("stopped", id="", samples=0, problem=problem)
        return 1
    app.exec()
    project.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
