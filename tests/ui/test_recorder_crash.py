"""Crash safety of recording, end to end: the real recorder (ui/recorder.py, in a process of
its own: tests/recorder_child.py) records the virtual microphone into a real encrypted project
and is killed with SIGKILL a few seconds into the take; the project is reopened and the take
recovered as the app does after a crash.

The microphone is fed the time code (tests/timecode.py), whose every sample says where it is,
at the pace of the wall clock, with the moment each 10 ms block was fed kept in a log. So what
"lost" means is exact: sound fed in before the kill (by the wall clock, not by what the
recorder had received) that is not in the recovered take. Sound fed before the take began is
not lost, and neither is sound that never reached the microphone: blocks the feeder skipped
because PulseAudio could not take them (a real microphone does not wait), or the few samples
PulseAudio drops after an underrun; a listener recording the microphone throughout tells.

The same means show that a take keeps what is said as Record is pressed, however slowly the
take opens in the project file (the microphone is opened first)."""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from coprod_desktop.services.project import create_project, open_project
from coprod_desktop.storage import recordings_repo
from coprod_desktop.ui.recorder import POLL_MS
from tests import timecode
from tests.conftest import PASSPHRASE
from tests.virtual_mic import FeedLog

ROOT = Path(__file__).resolve().parents[2]
RATE = timecode.RATE
LOST_AT_MOST = 1.0  # seconds: what a crash may cost (shared DESIGN, section 5)
KILL_AFTER_TICK = POLL_MS * 0.75 / 1000  # seconds after the recorder said how much it holds
TIMEOUT = 60.0  # generous: a loaded two-core machine starts Qt slowly
OPEN_DELAY = 1.0  # seconds more that opening the take takes, as on a slow disk
MISSED_AT_START = 0.25  # seconds: the thread and the device starting, on a loaded machine


class RecorderProcess:
    """tests/recorder_child.py running, and what it has said so far."""

    def __init__(self, path: Path, env: dict[str, str], open_delay: float = 0.0):
        self.stderr = path.with_suffix(".stderr")  # a file: Qt's warnings never fill a pipe
        with self.stderr.open("w") as stderr:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "tests.recorder_child", str(path), PASSPHRASE,
                 str(open_delay)],
                cwd=ROOT, env={**env, "QT_QPA_PLATFORM": "offscreen"}, stdin=subprocess.PIPE,
                stdout=subprocess.PIPE, stderr=stderr, text=True,
            )  # fmt: skip
        self.events: queue.Queue[dict] = queue.Queue()
        self.said: list[dict] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.events.put(json.loads(line))

    def wait_for(self, wanted: Callable[[dict], bool]) -> dict:
        deadline = time.monotonic() + TIMEOUT
        while True:
            try:
                event = self.events.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"the recorder did not get there; it said {self.said[-3:]}, "
                                     f"stderr: {self._stderr()}") from None  # fmt: skip
            self.said.append(event)
            if wanted(event):
                return event
            if event["event"] == "stopped":
                raise AssertionError(f"the recorder stopped: {event}")

    def _stderr(self) -> str:
        return self.stderr.read_text(errors="replace")[-2000:]

    def kill(self) -> float:
        """SIGKILL, as a crash or a power cut ends a process: nothing of it runs after.
        Returns the moment just before."""
        moment = time.monotonic()
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=TIMEOUT)
        return moment

    def stop(self) -> dict:
        """Stop recording as the Stop button does; returns what the recorder said then."""
        self.proc.stdin.close()
        return self.wait_for(lambda e: e["event"] == "stopped")

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(timeout=TIMEOUT)
        self._reader.join(TIMEOUT)  # to the end of what it said, before its pipes close
        for stream in (self.proc.stdin, self.proc.stdout):
            if not stream.closed:
                stream.close()


# When to kill: a given way into a second of the take, once it holds at least three, a little
# before the recorder's next poll of the microphone. Sound is committed in whole chunks, so a
# kill just before a chunk is complete (0.95) costs the most.
@pytest.mark.parametrize("phase", [0.05, 0.5, 0.95])
def test_a_recorder_killed_mid_take_loses_at_most_a_second(
    need_microphone, project_path, tmp_path, phase
):
    create_project(project_path, PASSPHRASE, "Crash test", actor="tester").close()
    log = tmp_path / "fed.log"
    with need_microphone.timecode(log):
        child = RecorderProcess(project_path, need_microphone.env)
        try:
            child.wait_for(lambda e: e["event"] == "started")
            tick = child.wait_for(lambda e: e["event"] == "progress" and e["seconds"] >= 3
                                  and e["seconds"] % 1 >= phase)  # fmt: skip
            time.sleep(max(0.0, tick["t"] + KILL_AFTER_TICK - time.monotonic()))
            killed_at = child.kill()
        finally:
            child.close()
        fed_by_kill = FeedLog(log).fed_by(killed_at)
        fed = need_microphone.wait_heard(log, fed_by_kill)

    project = open_project(project_path, PASSPHRASE, actor="tester")
    try:
        (pending,) = project.radio.unfinished()
        clip = project.radio.recover(pending["id"])
        pcm = recordings_repo.pcm(project.file.db, clip.recording_id)
    finally:
        project.close()
    take = timecode.decode(pcm)
    lost_inside = sum(fed.heard(start, end) for start, end in take.gaps)
    lost_at_end = fed.heard(take.last + 1, fed_by_kill)
    never_heard = fed.written(take.last + 1, fed_by_kill) - lost_at_end
    received = take.first + round(tick["seconds"] * RATE) - 1  # its last sample at the tick
    latency = tick["t"] - fed.fed_at(received)
    figures = (
        f"killed holding {tick['seconds']:.3f} s: {fed_by_kill - take.first} samples fed since "
        f"the take began, {len(pcm) // 2} recovered ({take.foreign} of them not the signal), "
        f"{lost_inside} lost inside, {lost_at_end} ({lost_at_end / RATE:.3f} s) lost at the "
        f"end (and {never_heard} fed then never reached the microphone); sound reached the "
        f"recorder about {latency * 1000:.0f} ms after it was fed; {len(fed.underruns)} "
        "feeder underruns"
    )
    print(figures)  # shown with -s

    assert take.first < fed_by_kill, figures
    assert lost_inside == 0 and take.repeated == 0, figures
    assert lost_at_end <= LOST_AT_MOST * RATE, figures
    assert clip.duration_ms == len(pcm) // 2 * 1000 // RATE

    verified = subprocess.run(
        [sys.executable, "-m", "coprod_desktop.cli", "verify", str(project_path)],
        env={**os.environ, "COPROD_PASSPHRASE": PASSPHRASE}, capture_output=True, text=True,
        timeout=TIMEOUT,
    )  # fmt: skip
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert "All checks passed." in verified.stdout


def test_sound_from_the_moment_record_is_pressed_is_kept_while_the_take_opens(
    need_microphone, project_path, tmp_path
):
    """Opening a take derives the project's key for its own connection (a few hundred
    milliseconds; longer on a slow disk, here one more second): the microphone is already
    listening then, so what is said as Record is pressed is in the take."""
    create_project(project_path, PASSPHRASE, "Start test", actor="tester").close()
    log = tmp_path / "fed.log"
    with need_microphone.timecode(log):
        child = RecorderProcess(project_path, need_microphone.env, open_delay=OPEN_DELAY)
        try:
            pressed = child.wait_for(lambda e: e["event"] == "pressed")["t"]
            child.wait_for(lambda e: e["event"] == "progress" and e["seconds"] >= 2)
            stopped = child.stop()
        finally:
            child.close()
        fed_at_press = FeedLog(log).fed_by(pressed)
        fed = need_microphone.wait_heard(log, fed_at_press + RATE)

    project = open_project(project_path, PASSPHRASE, actor="tester")
    try:
        pcm = recordings_repo.pcm(project.file.db, stopped["id"])
    finally:
        project.close()
    assert stopped["problem"] == "" and stopped["samples"] == len(pcm) // 2
    take = timecode.decode(pcm)
    missed = fed.heard(fed_at_press, take.first)
    print(f"opening took {OPEN_DELAY} s more: {missed} samples said after Record was pressed "
          f"are not in the take; its first sound was fed "
          f"{(take.first - fed_at_press) / RATE:+.3f} s from the press")  # fmt: skip
    assert missed <= MISSED_AT_START * RATE, (
        f"{missed / RATE:.3f} s of what was said after Record was pressed is not in the take"
    )


def test_a_take_that_cannot_open_lets_go_of_the_microphone_and_says_why(
    qtbot, project, need_microphone
):
    """The microphone is opened before the take: when the take cannot open (here the project
    has closed), the device is stopped again and nothing is recorded."""
    from coprod_desktop.ui.recorder import Recorder

    def listening() -> int:
        return len(need_microphone.pactl("list", "short", "source-outputs").splitlines())

    before = listening()
    recorder = Recorder()
    result: list[tuple[str, int, str]] = []
    recorder.stopped.connect(lambda *r: result.append(r))
    project.close()
    assert recorder.start(project, []) == ""
    qtbot.waitUntil(lambda: bool(result), timeout=int(TIMEOUT * 1000))
    (recording_id, samples, problem) = result[0]
    assert (recording_id, samples) == ("", 0)
    assert problem.startswith("Recording could not start") and "closed" in problem
    assert not recorder.recording
    qtbot.waitUntil(lambda: listening() == before, timeout=int(TIMEOUT * 1000))
