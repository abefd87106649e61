"""A real PulseAudio virtual microphone for recording tests (see shared HEADLESS notes): a null
sink fed a 440 Hz sine by pacat, whose monitor is remapped as the default source "fakemic"."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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


def available() -> bool:
    return bool(shutil.which("pulseaudio") and shutil.which("pacat"))


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
        self.sine = subprocess.Popen([sys.executable, "-c", SINE], stdout=subprocess.PIPE)
        self.feeder = subprocess.Popen(
            ["pacat", "--playback", "--device=micfeed", "--format=s16le", "--rate=48000",
             "--channels=1", "--latency-msec=20"],
            stdin=self.sine.stdout, env=self.env,
        )  # fmt: skip
        self.sine.stdout.close()

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

    def stop(self) -> None:
        for proc in (self.feeder, self.sine):
            proc.terminate()
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
        subprocess.run(["pulseaudio", "--kill"], env=self.env, capture_output=True, timeout=15)
        shutil.rmtree(self.runtime, ignore_errors=True)
