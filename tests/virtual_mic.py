"""A real PulseAudio virtual microphone for recording tests (see shared HEADLESS notes): a null
sink fed by pacat, whose monitor is remapped as the default source "fakemic".

It plays a 440 Hz sine unless a test asks for the time code (tests/timecode.py): then a feeder
plays it at the pace of the wall clock, 10 ms at a time, noting when each block was handed to
PulseAudio, and a listener records the microphone throughout. What had been fed in by any
moment, and what of it reached the microphone, are then known (FeedLog).

    python -m tests.virtual_mic --log FILE   the feeder (with PULSE_SERVER set)
"""

from __future__ import annotations

import argparse
import array
import contextlib
import fcntl
import os
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from bisect import bisect_right
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CONFIG = "\n".join(
    [
        "load-module module-native-protocol-unix",
        "load-module module-null-sink sink_name=speaker sink_properties=device.description=Speaker",
        "load-module module-null-sink sink_name=micfeed format=s16le rate=48000 channels=1",
        "load-module module-remap-source master=micfeed.monitor source_name=fakemic"
        " format=s16le rate=48000 channels=1",
        "set-default-sink speaker",
        "set-default-source fakemic",
        "",
    ]
)

SINE = (
    "import math, sys, struct\n"
    "frame = b''.join(struct.pack('<h', int(12000 * math.sin(2 * math.pi * 440 * i / 48000)))"
    " for i in range(48000))\n"
    "try:\n"
    "    while True:\n"
    "        sys.stdout.buffer.write(frame)\n"
    "        sys.stdout.buffer.flush()\n"
    "except (BrokenPipeError, KeyboardInterrupt):\n"
    "    pass\n"
)

RATE = 48_000
BLOCK = 480  # samples the time-code feeder writes at a time (10 ms)
BACKLOG_BLOCKS = 2  # blocks that may wait for PulseAudio before the next is skipped
_LOG_ENTRY = struct.Struct("<bqd")  # what happened, the block's first sample, time.monotonic()
WRITTEN, SKIPPED, UNDERRUN = 0, 1, 2
LIVE_BLOCKS = 30  # written in a row: PulseAudio takes the sound as it comes


def heard_path(log: Path) -> Path:
    return log.with_suffix(".heard")


def available() -> bool:
    return bool(shutil.which("pulseaudio") and shutil.which("pacat"))


class FeedLog:
    """What the time-code feeder did, read back from its log: which blocks it wrote and when
    (time.monotonic(), which every process on the machine shares), which it skipped, and when
    PulseAudio ran short of sound. With it, what a listener recording the microphone all along
    heard (the `.heard` file next to the log): sound written to the feeder that nobody heard
    never reached the microphone (PulseAudio can drop a little after an underrun), so no
    recorder can be blamed for it."""

    def __init__(self, path: Path):
        data = path.read_bytes()
        data = data[: len(data) - len(data) % _LOG_ENTRY.size]
        entries = [_LOG_ENTRY.unpack_from(data, i) for i in range(0, len(data), _LOG_ENTRY.size)]
        self.firsts = [first for kind, first, _t in entries if kind == WRITTEN]
        self.times = [t for kind, _first, t in entries if kind == WRITTEN]
        self.skipped = [first for kind, first, _t in entries if kind == SKIPPED]
        self.underruns = [t for kind, _first, t in entries if kind == UNDERRUN]
        self._heard_path = heard_path(path)
        self._heard: list[tuple[int, int]] | None = None

    @property
    def heard_runs(self) -> list[tuple[int, int]]:
        """Stretches of the signal (first, after-last) the listener heard, in order."""
        if self._heard is None:
            from tests import timecode

            pcm = self._heard_path.read_bytes() if self._heard_path.exists() else b""
            try:
                runs = timecode.decode(pcm[: len(pcm) - len(pcm) % 2]).runs
            except ValueError:  # nothing of the signal yet
                runs = []
            self._heard = [(r.first, r.last + 1) for r in runs]
        return self._heard

    @property
    def heard_to(self) -> int:
        """The signal's sample after the last one the listener has heard."""
        return self.heard_runs[-1][1] if self.heard_runs else 0

    def heard(self, start: int, end: int) -> int:
        """How many of the signal's samples start .. end-1 reached the microphone."""
        return sum(max(0, min(end, b) - max(start, a)) for a, b in self.heard_runs)

    def live_since(self) -> int:
        """Blocks written in a row at the end of the log (none skipped among them)."""
        last_skip = self.skipped[-1] if self.skipped else -1
        return len(self.firsts) - bisect_right(self.firsts, last_skip)

    def fed_by(self, moment: float) -> int:
        """The signal's sample after the last one fed in by `moment` (a block counts in full
        once its writing has begun)."""
        i = bisect_right(self.times, moment)
        return 0 if i == 0 else self.firsts[i - 1] + BLOCK

    def written(self, start: int, end: int) -> int:
        """How many of the signal's samples start .. end-1 were fed in (skipped blocks were
        never heard, so nobody can have lost them)."""
        if end <= start:
            return 0
        i = bisect_right(self.firsts, start - BLOCK)
        total = 0
        for first in self.firsts[i:]:
            if first >= end:
                break
            total += min(end, first + BLOCK) - max(start, first)
        return total

    def fed_at(self, sample: int) -> float:
        """When the block holding `sample` was fed in."""
        return self.times[bisect_right(self.firsts, sample) - 1]


class VirtualMic:
    def __init__(self) -> None:
        self.runtime = Path(tempfile.mkdtemp(prefix="coprod-pulse-"))
        os.chmod(self.runtime, 0o700)
        config = self.runtime / "headless.pa"
        config.write_text(CONFIG)
        self.env = {**os.environ, "XDG_RUNTIME_DIR": str(self.runtime),
                    "PULSE_SERVER": f"unix:{self.runtime}/pulse/native"}  # fmt: skip
        subprocess.run(["pulseaudio", "-n", "-F", str(config), "--daemonize=yes",
                        "--exit-idle-time=-1", "--disallow-exit", "--log-target=stderr"],
                       env=self.env, check=True, capture_output=True, timeout=30)  # fmt: skip
        deadline = time.monotonic() + 15
        while not (self.runtime / "pulse" / "native").exists():
            if time.monotonic() > deadline:
                raise RuntimeError("PulseAudio did not start")
            time.sleep(0.05)
        self.source: subprocess.Popen | None = None  # the tone, piped into the feeder
        self.feeder: subprocess.Popen | None = None
        self.listener: subprocess.Popen | None = None  # records the time code as it is heard
        self.play_tone()

    def play_tone(self) -> None:
        """The 440 Hz sine, as fast as PulseAudio takes it."""
        self._stop_feeding()
        self.source = subprocess.Popen([sys.executable, "-c", SINE], stdout=subprocess.PIPE)
        self.feeder = subprocess.Popen(
            ["pacat", "--playback", "--device=micfeed", "--format=s16le", "--rate=48000",
             "--channels=1", "--latency-msec=20"],
            stdin=self.source.stdout, env=self.env,
        )  # fmt: skip
        self.source.stdout.close()

    def play_timecode(self, log: Path) -> None:
        """The time code from sample 0, paced by the wall clock, each block's time in `log`,
        and a listener recording the microphone throughout (read both with FeedLog). Returns
        once PulseAudio takes the sound as it comes."""
        self._stop_feeding()
        log.unlink(missing_ok=True)
        with heard_path(log).open("wb") as heard:
            self.listener = subprocess.Popen(
                ["pacat", "--record", "--device=fakemic", "--format=s16le", "--rate=48000",
                 "--channels=1", "--latency-msec=50", "--raw"],
                stdout=heard, env=self.env,
            )  # fmt: skip
        self.feeder = subprocess.Popen([sys.executable, "-m", "tests.virtual_mic", "--log",
                                        str(log)], cwd=ROOT, env=self.env)  # fmt: skip
        deadline = time.monotonic() + 30
        while not (log.exists() and FeedLog(log).live_since() >= LIVE_BLOCKS):
            if time.monotonic() > deadline or self.feeder.poll() is not None:
                raise RuntimeError("PulseAudio did not take the time code from its feeder")
            time.sleep(0.05)

    def wait_heard(self, log: Path, sample: int, timeout: float = 30) -> FeedLog:
        """The feed log once the listener has heard the signal up to `sample`."""
        deadline = time.monotonic() + timeout
        while (fed := FeedLog(log)).heard_to < sample:
            if time.monotonic() > deadline:
                raise RuntimeError(f"the listener heard up to {fed.heard_to}, not {sample}")
            time.sleep(0.05)
        return fed

    @contextlib.contextmanager
    def timecode(self, log: Path) -> Iterator[None]:
        """Feed the time code for the length of a `with` block, then the sine again."""
        self.play_timecode(log)
        try:
            yield
        finally:
            self.play_tone()

    def pactl(self, *args: str) -> str:
        done = subprocess.run(["pactl", *args], env=self.env, capture_output=True, text=True,
                              timeout=15, check=True)  # fmt: skip
        return done.stdout.strip()

    def unplug(self) -> None:
        """The microphone stops delivering sound, as a pulled-out USB one does. (Unloading
        the source instead makes PulseAudio move the stream to another source and carry on,
        which is not a failure the app sees.)"""
        self.pactl("suspend-source", "fakemic", "1")

    def plug_back(self) -> None:
        self.pactl("suspend-source", "fakemic", "0")

    def apply_to_this_process(self) -> None:
        """Point Qt at this server (before Qt Multimedia first looks for devices)."""
        os.environ["XDG_RUNTIME_DIR"] = self.env["XDG_RUNTIME_DIR"]
        os.environ["PULSE_SERVER"] = self.env["PULSE_SERVER"]

    def _stop_feeding(self) -> None:
        for proc in (self.feeder, self.source, self.listener):
            if proc is None:
                continue
            proc.terminate()
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)
        self.feeder = self.source = self.listener = None

    def stop(self) -> None:
        self._stop_feeding()
        subprocess.run(["pulseaudio", "--kill"], env=self.env, capture_output=True, timeout=15)
        shutil.rmtree(self.runtime, ignore_errors=True)


def feed_timecode(log: Path) -> None:
    """Play the time code into the microphone as a real microphone hears sound: each 10 ms
    block when it is due by the wall clock, whether or not PulseAudio is ready for it.

    Sound that PulseAudio has not taken yet waits in the pipe to pacat; when BACKLOG_BLOCKS
    wait there (PulseAudio is starting up or has stalled), the block that is due is skipped
    rather than queued, so what reaches the microphone is never more than that late. The log
    notes each block written and when, each block skipped (nobody could have recorded it), and
    when PulseAudio ran out of sound to play (an underrun: this feeder was late, and the
    microphone heard silence)."""
    from tests import timecode

    pacat = subprocess.Popen(
        ["pacat", "--verbose", "--playback", "--device=micfeed", "--format=s16le",
         "--rate=48000", "--channels=1", "--latency-msec=20"],
        stdin=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    lock = threading.Lock()
    notes = log.open("wb", buffering=0)

    def note(kind: int, first: int, moment: float) -> None:
        with lock:
            notes.write(_LOG_ENTRY.pack(kind, first, moment))

    def watch() -> None:
        for line in iter(pacat.stderr.readline, b""):
            if b"underrun" in line.lower():
                note(UNDERRUN, -1, time.monotonic())

    threading.Thread(target=watch, daemon=True).start()
    pipe = pacat.stdin.fileno()
    waiting = array.array("i", [0])
    try:
        start = time.monotonic()
        first = 0
        while True:
            wait = start + first / RATE - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            fcntl.ioctl(pipe, termios.FIONREAD, waiting)
            if waiting[0] < BACKLOG_BLOCKS * BLOCK * 2:
                block = timecode.pcm(first, BLOCK)
                now = time.monotonic()
                os.write(pipe, block)
                note(WRITTEN, first, now)
            else:
                note(SKIPPED, first, time.monotonic())
            first += BLOCK
    finally:
        with contextlib.suppress(OSError):
            pacat.stdin.close()
        pacat.terminate()
        pacat.wait(5)
        notes.close()


def main() -> None:
    parser = argparse.ArgumentParser(description="Feed the time code to stdout, paced.")
    parser.add_argument("--log", type=Path, required=True)
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stop pacat too
    with contextlib.suppress(BrokenPipeError, KeyboardInterrupt):
        feed_timecode(args.log)


if __name__ == "__main__":
    main()
