"""Radio lab benchmark: rendering a 10-minute clip, and a 60-minute recording's waveform.

Requirement: the radio lab renders an edited clip and draws a long recording's waveform
without making people wait. Each measurement is compared with a named baseline in the same
run, as a ratio.

* render: 10 minutes of 48 kHz mono 16-bit test sound (tiled tones and noise with a varying
  envelope, never silence) is rendered with trim (5 s in, 5 s before the end), 5 bleeps and
  loudness normalising, through the app's ``processing.from_pcm`` -> ``processing.render``
  -> ``processing.wav_bytes``. Timed from PCM bytes to WAV bytes, and from a WAV file to a
  WAV file (read with ``wave``, written to disk). Baseline ("sox"): one ``sox`` command on
  the same WAV file that splices the kept ranges (``trim``) with 1 kHz, -12 dBFS tones
  (``synth``) by concatenation and normalises (``norm -1``: peak to -1 dBFS, where the app
  brings the average to -20 dBFS under a -1 dBFS peak ceiling; both take two passes). Both
  outputs are checked for length and for the tone in the first bleep. Median of --runs.
* waveform: ``levels.waveform`` (one byte per 10 ms) over --minutes of sound (a) as
  in-memory 1-second chunks, and (b) from an encrypted project file: written through
  ``ChunkSink`` in 100 ms blocks (timed once: "write through the sink"), the project closed
  and reopened, then ``waveform(recordings_repo.chunks(...))``. Baseline: reading the same
  chunks alone (sum of their lengths). Runs alternate; median of --runs.

This is a benchmark, not a test: it never asserts on times. sox is needed for the render
baseline only (``apt-get install sox``); it is not an app dependency.

Run:  .venv/bin/python benchmarks/radio.py [--runs 3] [--minutes 60] [--json]
"""

from __future__ import annotations

import argparse
import array
import io
import json
import math
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import wave
from collections.abc import Callable
from pathlib import Path

from coprod_desktop.audio import levels, processing
from coprod_desktop.domain.clips import Edits
from coprod_desktop.services.project import create_project, open_project
from coprod_desktop.storage import recordings_repo
from coprod_desktop.storage.recording_sink import ChunkSink

PASSPHRASE = "benchmark-passphrase"
RATE = 48_000
SECOND = RATE * 2  # bytes of one second of 16-bit mono
BLOCK = SECOND // 10  # the sink is fed 100 ms at a time, as a recorder would
CLIP_MINUTES = 10
TRIM_MS = 5_000
BLEEPS = ((61_000, 62_500), (150_250, 151_000), (299_000, 301_000),
          (420_500, 421_700), (540_000, 541_250))  # fmt: skip
VARIANTS = 7  # distinct seconds of test sound, tiled


def test_seconds() -> list[bytes]:
    """`VARIANTS` different seconds of sound: two tones, noise, a 4 Hz 'syllable' envelope."""
    rng = random.Random(20240)
    out = []
    for v in range(VARIANTS):
        level = 0.25 + 0.6 * v / (VARIANTS - 1)
        f1, f2 = 110 + 40 * v, 330 + 25 * v
        samples = array.array("h", (
            int(32767 * level * (0.55 + 0.45 * math.sin(2 * math.pi * 4 * n / RATE + v))
                * (0.45 * math.sin(2 * math.pi * f1 * n / RATE)
                   + 0.25 * math.sin(2 * math.pi * f2 * n / RATE)
                   + 0.3 * (rng.random() * 2 - 1)))
            for n in range(RATE)))  # fmt: skip
        out.append(samples.tobytes())
    return out


def tiled(seconds: list[bytes], count: int) -> list[bytes]:
    return [seconds[i % len(seconds)] for i in range(count)]


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def wav_file_bytes(pcm: bytes) -> bytes:
    return processing.wav_bytes(processing.from_pcm(pcm, RATE))


def read_wav(path: Path) -> tuple[bytes, int, int]:
    """PCM, frame rate and sample width of a WAV file."""
    with wave.open(str(path), "rb") as w:
        if w.getnchannels() != 1:
            raise RuntimeError(f"{path.name} has {w.getnchannels()} channels, not 1")
        return w.readframes(w.getnframes()), w.getframerate(), w.getsampwidth()


# -- render ---------------------------------------------------------------------------------


def clip_edits(duration_ms: int) -> Edits:
    return Edits(trim_in_ms=TRIM_MS, trim_out_ms=duration_ms - TRIM_MS, normalise=True,
                 bleeps=BLEEPS)  # fmt: skip


def app_pcm_to_wav(pcm: bytes, edits: Edits) -> bytes:
    return processing.wav_bytes(processing.render(processing.from_pcm(pcm, RATE), edits))


def app_file_to_file(source: Path, target: Path, edits: Edits) -> None:
    pcm, rate, width = read_wav(source)
    segment = processing.render(processing.from_pcm(pcm, rate, width), edits)
    target.write_bytes(processing.wav_bytes(segment))


def sox_command(sox: str, source: Path, target: Path, edits: Edits) -> list[str]:
    """One sox run: kept ranges and tones as piped inputs, concatenated, then normalised.

    Bleeps are in recording time and replace the sound before the trim, as in the app."""
    start, end = edits.trim_in_ms, edits.trim_out_ms
    assert end is not None
    src = f"{sox} -q {source} -p trim {{}}s {{}}s"
    tone = (f"{sox} -q -n -r {RATE} -c 1 -p synth {{}}s sine {processing.BLEEP_HZ} "
            f"gain {processing.BLEEP_DBFS:g}")  # fmt: skip
    inputs, pos = [], start
    for a, b in edits.bleeps:
        a, b = max(a, start), min(b, end)
        if b <= a:
            continue
        if a > pos:
            inputs.append("|" + src.format(pos * RATE // 1000, (a - pos) * RATE // 1000))
        inputs.append("|" + tone.format((b - a) * RATE // 1000))
        pos = b
    if pos < end:
        inputs.append("|" + src.format(pos * RATE // 1000, (end - pos) * RATE // 1000))
    return [
        sox,
        "-q",
        *inputs,
        "-b",
        "16",
        str(target),
        "norm",
        f"{processing.PEAK_CEILING_DBFS:g}",
    ]


def check_render(label: str, pcm: bytes, edits: Edits) -> None:
    """The output has the trimmed length and the first bleep's 1 kHz tone where it belongs."""
    assert edits.trim_out_ms is not None
    want = (edits.trim_out_ms - edits.trim_in_ms) * RATE // 1000
    if len(pcm) // 2 != want:
        raise RuntimeError(f"{label}: {len(pcm) // 2} samples out, expected {want}")
    a, b = (t - edits.trim_in_ms for t in edits.bleeps[0])
    mid = (a + b) // 2 * RATE // 1000 * 2
    pitch = levels.dominant_frequency(pcm[mid - 4800 : mid + 4800], RATE)
    if abs(pitch - processing.BLEEP_HZ) > 20:
        raise RuntimeError(f"{label}: the first bleep sounds at {pitch:.0f} Hz, not 1 kHz")


def measure_render(runs: int, seconds: list[bytes], tmp: Path, sox: str | None) -> dict:
    pcm = b"".join(tiled(seconds, CLIP_MINUTES * 60))
    edits = clip_edits(CLIP_MINUTES * 60_000)
    source, app_out, sox_out = tmp / "clip.wav", tmp / "app.wav", tmp / "sox.wav"
    source.write_bytes(wav_file_bytes(pcm))
    to_bytes, file_to_file, baseline = [], [], []
    for _ in range(runs):
        elapsed, wav = timed(lambda: app_pcm_to_wav(pcm, edits))
        to_bytes.append(elapsed)
        file_to_file.append(timed(lambda: app_file_to_file(source, app_out, edits))[0])
        if sox:
            command = sox_command(sox, source, sox_out, edits)
            elapsed, done = timed(
                lambda c=command: subprocess.run(c, capture_output=True, text=True)
            )
            if done.returncode:
                raise RuntimeError(f"sox failed ({done.returncode}):\n{done.stderr}")
            baseline.append(elapsed)
    check_render("app (bytes)", read_wav_bytes(wav), edits)
    check_render("app (file)", read_wav(app_out)[0], edits)
    result = {
        "clip_minutes": CLIP_MINUTES,
        "output_s": (edits.trim_out_ms - edits.trim_in_ms) / 1000,
        "bleeps": len(edits.bleeps),
        "app_pcm_to_wav_s": statistics.median(to_bytes),
        "app_file_to_file_s": statistics.median(file_to_file),
        "app_peak_dbfs": peak_dbfs(read_wav(app_out)[0]),
        "sox_s": None,
        "ratio": None,
    }
    if sox:
        check_render("sox", read_wav(sox_out)[0], edits)
        result["sox_s"] = statistics.median(baseline)
        result["ratio"] = result["app_file_to_file_s"] / result["sox_s"]
        result["sox_peak_dbfs"] = peak_dbfs(read_wav(sox_out)[0])
    return result


def read_wav_bytes(wav: bytes) -> bytes:
    with wave.open(io.BytesIO(wav), "rb") as w:
        return w.readframes(w.getnframes())


def peak_dbfs(pcm: bytes) -> float:
    return 20 * math.log10(max(levels.peak(pcm), 1e-9))


# -- waveform -------------------------------------------------------------------------------


def measure_waveform(runs: int, minutes: float, seconds: list[bytes], tmp: Path) -> dict:
    count = max(1, round(minutes * 60))
    chunks = tiled(seconds, count)
    memory = [timed(lambda: levels.waveform(iter(chunks), RATE)) for _ in range(runs)]
    if len(memory[0][1]) != count * 100:
        raise RuntimeError(f"waveform has {len(memory[0][1])} values, not {count * 100}")

    path = tmp / "radio.coprod"
    project = create_project(path, PASSPHRASE, "Radio bench", actor="bench")
    conn = project.file.connect_again()
    sink = ChunkSink(conn, RATE)

    def write() -> str:
        rid = sink.start()
        for chunk in chunks:
            for i in range(0, SECOND, BLOCK):
                sink.write(chunk[i : i + BLOCK])
        sink.finish()
        return rid

    write_s, rid = timed(write)
    conn.close()
    project.close()
    size = path.stat().st_size

    project = open_project(path, PASSPHRASE, actor="bench")  # cold SQLite cache
    db = project.file.db
    read, from_file = [], []
    for _ in recordings_repo.chunks(db, rid):  # untimed warm-up: statement, OS file cache
        pass
    for _ in range(runs):
        elapsed, total = timed(lambda: sum(len(c) for c in recordings_repo.chunks(db, rid)))
        if total != count * SECOND:
            raise RuntimeError(f"read {total} bytes back, not {count * SECOND}")
        read.append(elapsed)
        elapsed, values = timed(lambda: levels.waveform(recordings_repo.chunks(db, rid), RATE))
        if values != memory[0][1]:
            raise RuntimeError("the waveform from the file differs from the in-memory one")
        from_file.append(elapsed)
    project.close()
    result = {
        "minutes": count / 60,
        "chunks": count,
        "values": len(memory[0][1]),
        "memory_s": statistics.median(s for s, _ in memory),
        "write_s": write_s,
        "file_mb": size / 1e6,
        "read_s": statistics.median(read),
        "file_s": statistics.median(from_file),
    }
    result["ratio"] = result["file_s"] / result["read_s"]
    result["compute_s"] = result["file_s"] - result["read_s"]
    return result


# -- report ---------------------------------------------------------------------------------


def print_table(r: dict, w: dict, runs: int, sox: str | None) -> None:
    def row(label: str, value: float | None, unit: str = "s", note: str = "") -> None:
        shown = "n/a" if value is None else f"{value:.3f}{unit}"
        print(f"{label:<50}{shown:>10}  {note}")

    print(f"{'measurement (median of ' + str(runs) + ')':<50}{'time':>10}")
    clip = f"{r['clip_minutes']} min clip, {r['bleeps']} bleeps, {r['output_s']:.0f} s out"
    print(f"render {clip}:")
    row("  app: PCM bytes -> WAV bytes", r["app_pcm_to_wav_s"])
    row("  app: WAV file -> WAV file", r["app_file_to_file_s"])
    row("  sox: WAV file -> WAV file (baseline)", r["sox_s"], note="" if sox else "sox missing")
    print(f"waveform, {w['minutes']:g} min ({w['chunks']} chunks, {w['values']} values):")
    row("  in-memory 1 s chunks", w["memory_s"])
    row("  write through the sink (once, 100 ms blocks)", w["write_s"],
        note=f"{w['file_mb']:.0f} MB file")  # fmt: skip
    row("  read chunks from the project (baseline)", w["read_s"])
    row("  waveform from the project", w["file_s"])
    if sox:
        render = (f"render: app {r['app_file_to_file_s']:.2f} s vs sox {r['sox_s']:.2f} s, "
                  f"ratio {r['ratio']:.2f}x; output peaks: app {r['app_peak_dbfs']:.1f} dBFS, "
                  f"sox {r['sox_peak_dbfs']:.1f} dBFS")  # fmt: skip
    else:
        render = f"render: app {r['app_file_to_file_s']:.2f} s (sox not installed: no baseline)"
    print(render)
    print(f"waveform: read {w['read_s']:.2f} s, waveform from file {w['file_s']:.2f} s "
          f"(+{w['compute_s']:.2f} s), ratio {w['ratio']:.2f}x; "
          f"in memory {w['memory_s']:.2f} s")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each (default 3)")
    parser.add_argument("--minutes", type=float, default=60,
                        help="length of the waveform recording (default 60)")  # fmt: skip
    parser.add_argument("--json", action="store_true", help="print machine-readable results")
    args = parser.parse_args()
    runs = max(1, args.runs)
    sox = shutil.which("sox")
    if sox is None:
        print("sox is not installed: the render baseline is skipped "
              "(install it with: apt-get install -y --no-install-recommends sox)",
              file=sys.stderr)  # fmt: skip
    seconds = test_seconds()
    with tempfile.TemporaryDirectory(prefix="coprod-radio-bench-") as tmp:
        render = measure_render(runs, seconds, Path(tmp), sox)
        wave_result = measure_waveform(runs, args.minutes, seconds, Path(tmp))
    if args.json:
        print(json.dumps({"runs": runs, "render": render, "waveform": wave_result}, indent=2))
    else:
        print_table(render, wave_result, runs, sox)


if __name__ == "__main__":
    main()
