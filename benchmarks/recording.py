"""Recording benchmark: sound dropped during a 10-minute take while the window is kept busy.

Requirement: the recorder never drops sound, however busy the window is (it reads the
microphone on a thread of its own). Goal: 0 dropped samples. The baseline is the same take
with an idle window, in the same run, so what the busy window costs is the difference.

Set-up: a PulseAudio virtual microphone (tests/virtual_mic.py) fed the time code
(tests/timecode.py) at the pace of the wall clock, so any stretch of a take can be placed in
what was fed, to the sample. A real main window (offscreen) opens a demo project; the Radio
lab's record path (``RadioPage.toggle_recording``, speakers ticked, consent checked) records
two takes of --minutes each, the window showing the Board:

* idle (baseline): the window does nothing else while it records.
* busy: a zero-interval QTimer keeps the GUI thread working, in turn: a board note's text
  edited (``BoardPage.save_note``: committed on the window's connection while the take commits
  on its own, with an undo step), a note moved (``BoardPage.move_notes``), the clip editor's
  waveform of a 10-minute recording redrawn (``set_recording`` then ``grab()``), the board
  view redrawn (``grab()``).

For each take: samples recorded against the wall-clock time from pressing Record to pressing
Stop times the rate (the difference includes the device's start-up, so it is not zero even
when nothing is lost); and, exactly, from the time code: samples of the signal fed in while
the take ran that are not in it (dropped, in how many gaps), sound heard twice, and samples
that are not the signal (silence PulseAudio played when the feeder was late: not the
recorder's doing, reported with the feeder's underruns). Also how busy the GUI thread was.

This is a benchmark, not a test: it never asserts. It needs PulseAudio (pulseaudio,
pulseaudio-utils) and takes about 2 x --minutes.

Run:  .venv/bin/python benchmarks/recording.py [--minutes 10] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import timecode, virtual_mic  # noqa: E402

PASSPHRASE = "benchmark-passphrase"
RATE = timecode.RATE
WAVEFORM_MINUTES = 10  # the clip editor's waveform redrawn under load


class Window:
    """The app's main window on a demo project, and the GUI-thread load to put on it."""

    def __init__(self, tmp: Path):
        from PySide6.QtCore import QSettings

        from coprod_desktop.app import build_main_window
        from coprod_desktop.demo import create_demo
        from coprod_desktop.ui.settings import AppSettings

        path = tmp / "demo.coprod"
        create_demo(path, PASSPHRASE).close()
        settings = AppSettings(QSettings(str(tmp / "settings.ini"), QSettings.Format.IniFormat))
        self.window = build_main_window(settings)
        self.window.resize(1280, 800)
        self.window.show()
        self.window.open_path(path, PASSPHRASE)
        wait_until(lambda: self.window.project is not None, 60, "the demo project to open")
        self.project = self.window.project
        self.radio = self.window.radio_page
        self.board = self.window.board_page
        for page in ("radio", "board"):  # each laid out once; the Board is what shows
            self.window.nav.setCurrentRow(self.window.PAGES.index(page))
            wait_until(lambda: True, 0, "")
        people = [p.id for p in self.project.participants.list()]
        refused = self.project.radio.audio_refusals(people)
        self.speakers = [p for p in people if p not in refused][:2]
        if not self.speakers or not self.board.scene.note_items:
            raise SystemExit("the demo project has no one who may be recorded, or no notes")
        self.peaks = bytes((i * 37 + i // 50) % 200 + 20 for i in range(WAVEFORM_MINUTES * 6000))
        self.units = 0
        self.busy_s = 0.0
        self.longest_s = 0.0

    def work(self) -> None:
        """One unit of GUI-thread work (the busy take runs these back to back)."""
        start = time.perf_counter()
        notes = [item.note for item in self.board.scene.note_items.values()]
        note = notes[self.units % len(notes)]
        step = self.units % 4
        if step == 0:
            self.board.save_note(replace(note, text=f"{note.text.split(' #')[0]} #{self.units}"))
        elif step == 1:
            dx = 8 if (self.units // 4) % 2 == 0 else -8
            self.board.move_notes([(note.id, note.x + dx, note.y)])
        elif step == 2:
            waveform = self.radio.editor.waveform
            waveform.set_recording(self.peaks, WAVEFORM_MINUTES * 60_000)
            waveform.grab()
        else:
            self.board.view.viewport().grab()
        elapsed = time.perf_counter() - start
        self.units += 1
        self.busy_s += elapsed
        self.longest_s = max(self.longest_s, elapsed)

    def record(self, seconds: float, busy: bool) -> dict:
        from PySide6.QtCore import QEventLoop, QTimer

        radio = self.radio
        stopped: list[tuple[str, int, str]] = []

        def on_stopped(*result) -> None:
            stopped.append(result)

        radio.recorder.stopped.connect(on_stopped)
        radio.tick(self.speakers)
        self.units, self.busy_s, self.longest_s = 0, 0.0, 0.0
        load = QTimer(interval=0)
        load.timeout.connect(self.work)
        pressed = time.monotonic()
        radio.toggle_recording()
        if not radio.recorder.recording:
            raise SystemExit(f"recording did not start: {radio.message.text()}")
        if busy:
            load.start()
        loop = QEventLoop()
        QTimer.singleShot(int(seconds * 1000), loop.quit)
        loop.exec()
        load.stop()
        released = time.monotonic()
        radio.toggle_recording()
        wait_until(lambda: bool(stopped), 60, "the take to be stored")
        radio.recorder.stopped.disconnect(on_stopped)
        self.window.runner.wait()  # the new clip's waveform and preview, made in the background
        recording_id, samples, problem = stopped[0]
        if problem:
            raise SystemExit(f"the take ended with a problem: {problem}")
        from coprod_desktop.storage import recordings_repo

        pcm = recordings_repo.pcm(self.project.file.db, recording_id)
        return {
            "wall_s": released - pressed,
            "pressed": pressed,
            "released": released,
            "samples": samples,
            "pcm": pcm,
            "gui_units": self.units,
            "gui_busy": self.busy_s / (released - pressed),
            "gui_longest_ms": self.longest_s * 1000,
        }

    def close(self) -> None:
        self.window.runner.wait()
        project = self.window.project
        self.window.close()
        if project is not None and project.file.is_open:
            project.close()


def wait_until(condition, timeout: float, what: str) -> None:
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out waiting for {what}")
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.005)


def analyse(take: dict, fed: virtual_mic.FeedLog) -> dict:
    """What the take holds of the sound that reached the microphone while it ran."""
    decoded = timecode.decode(take.pop("pcm"))
    pressed, released = take.pop("pressed"), take.pop("released")
    first, end = decoded.first, decoded.last + 1
    gaps = [{"at_s": round((a - first) / RATE, 3), "samples": b - a, "fed": fed.written(a, b),
             "heard": fed.heard(a, b)} for a, b in decoded.gaps]  # fmt: skip
    return {
        **take,
        "expected": round(take["wall_s"] * RATE),
        "short_by": round(take["wall_s"] * RATE) - take["samples"],
        "start_s": fed.fed_at(first) - pressed,
        "end_s": released - fed.fed_at(decoded.last),
        "fed_in_span": fed.written(first, end),
        "heard_in_span": fed.heard(first, end),
        "signal_samples": decoded.samples - decoded.foreign,
        "dropped": sum(g["heard"] for g in gaps),
        "gaps": sum(1 for g in gaps if g["heard"]),
        "repeated": decoded.repeated,
        "not_signal": decoded.foreign,
        "feeder_underruns": sum(1 for t in fed.underruns if pressed <= t <= released),
        "feeder_skipped": sum(1 for s in fed.skipped if first <= s < end),
        "gap_list": gaps,
    }


def quiet_offscreen_warnings() -> None:
    """The offscreen platform warns on every grab() of a window; keep the report readable."""
    from PySide6.QtCore import qInstallMessageHandler

    def handler(_kind, _context, message: str) -> None:
        if "propagateSizeHints" not in message:
            print(message, file=sys.stderr)

    qInstallMessageHandler(handler)


def measure(minutes: float) -> dict:
    from PySide6.QtWidgets import QApplication

    quiet_offscreen_warnings()
    mic = virtual_mic.VirtualMic()
    mic.apply_to_this_process()
    app = QApplication.instance() or QApplication(sys.argv[:1])  # noqa: F841 (kept alive)
    try:
        with tempfile.TemporaryDirectory(prefix="coprod-recording-bench-") as tmp:
            log = Path(tmp) / "fed.log"
            with mic.timecode(log):
                window = Window(Path(tmp))
                try:
                    takes = {"idle": window.record(minutes * 60, busy=False),
                             "busy": window.record(minutes * 60, busy=True)}  # fmt: skip
                finally:
                    window.close()
                fed = virtual_mic.FeedLog(log)
            result = {name: analyse(take, fed) for name, take in takes.items()}
    finally:
        mic.stop()
    return {"minutes": minutes, "rate": RATE, **result}


def print_table(r: dict) -> None:
    rows = [
        ("wall clock, Record to Stop (s)", "wall_s", "{:.3f}"),
        ("samples recorded", "samples", "{:,}"),
        ("wall clock x rate", "expected", "{:,}"),
        ("  short by", "short_by", "{:,}"),
        ("  of which: start-up, Record to first sound (s)", "start_s", "{:.3f}"),
        ("            last sound to Stop (s)", "end_s", "{:.3f}"),
        ("time code fed while the take ran", "fed_in_span", "{:,}"),
        ("  reached the microphone (the listener)", "heard_in_span", "{:,}"),
        ("  in the take", "signal_samples", "{:,}"),
        ("DROPPED: reached the microphone, not in the take", "dropped", "{:,}"),
        ("  in gaps", "gaps", "{}"),
        ("heard twice", "repeated", "{:,}"),
        ("not the time code (silence: the feeder was late)", "not_signal", "{:,}"),
        ("feeder underruns / blocks it skipped", None, None),
        ("GUI units of work", "gui_units", "{:,}"),
        ("GUI thread busy (share of wall clock)", "gui_busy", "{:.0%}"),
        ("GUI longest unit (ms)", "gui_longest_ms", "{:.1f}"),
    ]
    print(f"{r['minutes']:g}-minute takes at {r['rate']} Hz{'':<26}{'idle':>12}{'busy':>12}")
    for label, key, fmt in rows:
        if key is None:
            cells = [f"{t['feeder_underruns']} / {t['feeder_skipped']}"
                     for t in (r["idle"], r["busy"])]  # fmt: skip
        else:
            cells = [fmt.format(t[key]) for t in (r["idle"], r["busy"])]
        print(f"{label:<52}{cells[0]:>12}{cells[1]:>12}")
    for name in ("idle", "busy"):
        for gap in r[name]["gap_list"]:
            if gap["heard"]:
                print(f"  {name}: {gap['heard']} samples dropped {gap['at_s']} s into the take")
    idle, busy = r["idle"]["dropped"], r["busy"]["dropped"]
    print(f"dropped samples: busy {busy:,} against idle {idle:,} (goal 0)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10,
                        help="length of each take (default 10)")  # fmt: skip
    parser.add_argument("--json", action="store_true", help="print machine-readable results")
    args = parser.parse_args()
    if not virtual_mic.available():
        sys.exit("needs PulseAudio: apt-get install -y --no-install-recommends pulseaudio "
                 "pulseaudio-utils")  # fmt: skip
    result = measure(args.minutes)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print_table(result)


if __name__ == "__main__":
    main()
