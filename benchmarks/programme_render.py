"""Programme render benchmark: a running order mixed to one loudness-normalised track, as WAV
and as MP3.

Requirement: the radio lab renders a programme (its items one after the other, with gaps and
crossfades, brought to -16 LUFS with true peaks at most -1 dBTP) at least 20x faster than real
time, and no slower than sox doing the same mix. Each size is compared with the sox baseline in
the same run, as a ratio.

* programme: items of 30 s of generated speech (``synth.speech_like``, 8 different voices at
  levels 12 dB apart, tiled; one voice has a few full-scale claps, so the limiter has work to
  do), each 500 ms after the one before, except every fourth, which crossfades over the last
  second of the one before (1 s equal-power fades). --minutes 10 is 20 items (about 10 min);
  60 and 180 are 120 and 360 items.
* ours: ``mixdown.mix`` (placing, fades, integrated loudness to -16 LUFS, true-peak limiter
  to -1 dBTP) then ``podcast.wav_bytes``. Timed from the items' PCM bytes to WAV bytes (what
  the app does: its items come out of the project file), and from the items' WAV files on
  disk to a WAV file on disk (read with ``wave``), the second compared with sox.
* baseline ("sox"): ONE sox command reading the same item WAV files: each item is faded where
  it crossfades (``fade q``, quarter sine: equal power), padded with silence from the end of
  the item before it in its lane to its start (``pad``), the items of a lane concatenated, the
  lanes mixed (``-m``, each at ``-v 1``: a plain sum) and the sum normalised with ``gain -n
  -1`` (sample peak to -1 dBFS, two passes through a temporary file). Lanes: an item goes in
  the first lane whose last item has ended, so the crossfaded ones alternate between two. sox
  has no loudness measure and no true-peak limiter: its output is not at -16 LUFS (the table
  shows where it lands, measured with ``mixdown.integrated_lufs``) and its inter-sample peaks
  are not checked. Padding every item from the programme's start and mixing all of them (the
  obvious sox command) mixes every item over the whole programme: its cost grows with items
  x length, so it is timed too ("sox, each padded from 0"), but only up to 10 minutes.
* mp3: ``podcast.mp3_bytes`` (the bundled ffmpeg, 128 kbit/s, pipes) and ``podcast.tagged_mp3``
  (title, notes, credits, a chapter per item, or per two items past 255: an ID3 table of
  contents lists at most 255) on the mixed programme, timed on their own.

Outputs are checked: the same length from ours and sox; ours at -16 +- 0.5 LUFS (measured by
pyloudnorm up to 20 minutes, by ``mixdown.integrated_lufs`` beyond) with a true peak of at most
-1 dBTP (measured again). Runs alternate; median of --runs.

This is a benchmark, not a test: it never asserts on times. sox is needed for the baseline only
(``apt-get install sox``); it is not an app dependency.

Run:  .venv/bin/python benchmarks/programme_render.py [--runs 3] [--minutes 10 60 180] [--json]
"""

from __future__ import annotations

import argparse
import json
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import wave
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from coprod_desktop.audio import mixdown, podcast, synth  # noqa: E402

RATE = mixdown.RATE
ITEM_S = 30
GAP_MS = 500
CROSSFADE_MS = 1000
EVERY = 4  # every fourth item crossfades into the one before
VOICES = 8
LEVELS = (1.0, 0.5, 0.25, 0.7, 0.35, 0.9, 0.6, 0.3)  # x speech_like's -6 dBFS peaks
NAIVE_MAX_MINUTES = 10
PYLOUDNORM_MAX_MINUTES = 20


@dataclass(frozen=True)
class Item:
    voice: int
    start_ms: int
    fade_in_ms: int = 0
    fade_out_ms: int = 0


def voices() -> list[bytes]:
    """8 different 30 s voices at different levels; voice 2 has five full-scale claps."""
    out = []
    for v in range(VOICES):
        pcm = synth.speech_like(ITEM_S, RATE, seed=100 + v, pitch_hz=100 + 20 * v)
        x = np.frombuffer(pcm, "<i2").astype(np.float32) * LEVELS[v]
        if v == 2:
            for second in (3, 9, 14, 21, 27):
                at = second * RATE
                x[at : at + 24] = 32767 * np.sign(np.sin(np.arange(24) * np.pi / 3 + 0.5))
        out.append(np.clip(x, -32768, 32767).astype("<i2").tobytes())
    return out


def running_order(minutes: float) -> list[Item]:
    count = max(2, round(minutes * 60 / ITEM_S))
    length = ITEM_S * 1000
    items: list[Item] = []
    end = 0
    for i in range(count):
        crossfade = i > 0 and i % EVERY == 0
        start = end - CROSSFADE_MS if crossfade else (end + GAP_MS if i else 0)
        if crossfade:
            last = items[-1]
            items[-1] = Item(last.voice, last.start_ms, last.fade_in_ms, CROSSFADE_MS)
        items.append(Item(i % VOICES, start, CROSSFADE_MS if crossfade else 0))
        end = start + length
    return items


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def read_wav(path: Path) -> bytes:
    with wave.open(str(path), "rb") as w:
        return w.readframes(w.getnframes())


def wav_samples(data: bytes) -> np.ndarray:
    return np.frombuffer(data[44:], "<i2").astype(np.float32) / 32768


# -- ours ---------------------------------------------------------------------------------------


def pieces(items: list[Item], pcm: Callable[[int], bytes]) -> list[mixdown.Piece]:
    return [mixdown.Piece(pcm(item.voice), RATE, item.start_ms, item.fade_in_ms,
                          item.fade_out_ms) for item in items]  # fmt: skip


def ours_bytes(items: list[Item], pcm: list[bytes]) -> tuple[bytes, mixdown.Mix]:
    result = mixdown.mix(pieces(items, pcm.__getitem__))
    return podcast.wav_bytes(result.samples, RATE), result


def ours_files(items: list[Item], files: list[Path], target: Path) -> None:
    result = mixdown.mix(pieces(items, lambda voice: read_wav(files[voice])))
    target.write_bytes(podcast.wav_bytes(result.samples, RATE))


# -- sox ----------------------------------------------------------------------------------------


def sox_item(sox: str, item: Item, files: list[Path], pad: int) -> str:
    length = ITEM_S * RATE
    fade = []
    if item.fade_in_ms or item.fade_out_ms:
        fade = ["fade", "q", f"{item.fade_in_ms / 1000:g}", f"{length}s",
                f"{item.fade_out_ms / 1000:g}"]  # fmt: skip
    return shlex.join([sox, "-q", str(files[item.voice]), "-p", *fade, "pad", f"{pad}s"])


def sox_lanes(sox: str, items: list[Item], files: list[Path], target: Path) -> list[str]:
    lanes: list[list[Item]] = []
    for item in items:
        for lane in lanes:
            if lane[-1].start_ms + ITEM_S * 1000 <= item.start_ms:
                lane.append(item)
                break
        else:
            lanes.append([item])
    inputs = []
    for lane in lanes:
        parts, end = [], 0
        for item in lane:
            start = item.start_ms * RATE // 1000
            parts.append(shlex.quote("|" + sox_item(sox, item, files, start - end)))
            end = start + ITEM_S * RATE
        inputs += ["-v", "1", f"|{shlex.quote(sox)} -q {' '.join(parts)} -p"]
    mixing = ["-m"] if len(lanes) > 1 else []
    return [sox, "-q", *mixing, *inputs, "-b", "16", str(target), "gain", "-n", "-1"]


def sox_naive(sox: str, items: list[Item], files: list[Path], target: Path) -> list[str]:
    inputs = []
    for item in items:
        inputs += ["-v", "1", "|" + sox_item(sox, item, files, item.start_ms * RATE // 1000)]
    return [sox, "-q", "-m", *inputs, "-b", "16", str(target), "gain", "-n", "-1"]


def run_sox(command: list[str]) -> float:
    elapsed, done = timed(lambda: subprocess.run(command, capture_output=True, text=True))
    if done.returncode:
        raise RuntimeError(f"sox failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return elapsed


# -- measuring ----------------------------------------------------------------------------------


def measure(minutes: float, runs: int, pcm: list[bytes], files: list[Path], tmp: Path,
            sox: str | None) -> dict:  # fmt: skip
    items = running_order(minutes)
    ours_out, sox_out, naive_out = tmp / "ours.wav", tmp / "sox.wav", tmp / "naive.wav"
    in_memory, from_files, baseline, naive = [], [], [], []
    naive_too = sox is not None and minutes <= NAIVE_MAX_MINUTES
    for _ in range(runs):
        elapsed, (wav, result) = timed(lambda: ours_bytes(items, pcm))
        in_memory.append(elapsed)
        del wav
        from_files.append(timed(lambda: ours_files(items, files, ours_out))[0])
        if sox:
            baseline.append(run_sox(sox_lanes(sox, items, files, sox_out)))
        if naive_too:
            naive.append(run_sox(sox_naive(sox, items, files, naive_out)))
    seconds = len(result.samples) / RATE
    check_ours(result)
    ours_wav = ours_out.read_bytes()
    if len(ours_wav) - 44 != len(result.samples) * 2:
        raise RuntimeError("the WAV file written from files differs in length from the mix")
    out = {
        "minutes": seconds / 60,
        "items": len(items),
        "ours_pcm_to_wav_s": statistics.median(in_memory),
        "ours_file_to_file_s": statistics.median(from_files),
        "ours_lufs": result.lufs,
        "ours_true_peak_dbtp": result.true_peak_dbtp,
        "sox_s": None,
        "ratio": None,
        "sox_naive_s": statistics.median(naive) if naive else None,
    }
    out["x_real_time"] = seconds / out["ours_pcm_to_wav_s"]
    if sox:
        sox_samples = wav_samples(sox_out.read_bytes())
        if len(sox_samples) != len(result.samples):
            raise RuntimeError(f"sox made {len(sox_samples)} samples, ours {len(result.samples)}")
        out["sox_s"] = statistics.median(baseline)
        out["ratio"] = out["ours_file_to_file_s"] / out["sox_s"]
        out["sox_lufs"] = mixdown.integrated_lufs(sox_samples, RATE)
        out["sox_true_peak_dbtp"] = mixdown.true_peak_dbtp(sox_samples, RATE)
    out.update(measure_mp3(result, items, runs))
    return out


def check_ours(result: mixdown.Mix) -> None:
    """-16 +- 0.5 LUFS and the ceiling. pyloudnorm measures up to PYLOUDNORM_MAX_MINUTES (it
    holds several float64 copies: three hours would need about 16 GB); longer programmes are
    measured afresh with mixdown.integrated_lufs, which the tests hold to pyloudnorm's 0.01 LU."""
    samples = result.samples
    if len(samples) <= PYLOUDNORM_MAX_MINUTES * 60 * RATE:
        import pyloudnorm

        lufs = pyloudnorm.Meter(RATE).integrated_loudness(samples.astype(np.float64))
    else:
        lufs = mixdown.integrated_lufs(samples, RATE)
    if abs(lufs - mixdown.PODCAST_LUFS) > 0.5:
        raise RuntimeError(f"ours measures {lufs:.2f} LUFS, not -16")
    if mixdown.true_peak_dbtp(samples, RATE) > mixdown.CEILING_DBTP:
        raise RuntimeError(f"ours has a true peak over {mixdown.CEILING_DBTP} dBTP")


def measure_mp3(result: mixdown.Mix, items: list[Item], runs: int) -> dict:
    every = -(-len(items) // podcast.MAX_CHAPTERS)  # one chapter per item, or per few items
    chapters = [podcast.Chapter(f"Items {i + 1}-{i + every}", items[i].start_ms,
                                items[min(i + every, len(items)) - 1].start_ms + ITEM_S * 1000)
                for i in range(0, len(items), every)]  # fmt: skip
    encode, tag = [], []
    for _ in range(runs):
        elapsed, mp3 = timed(lambda: podcast.mp3_bytes(result.samples, RATE))
        encode.append(elapsed)
        tag.append(timed(lambda m=mp3: podcast.tagged_mp3(
            m, "Benchmark programme", "Show notes.", "Everyone", chapters))[0])  # fmt: skip
    seconds = len(result.samples) / RATE
    return {"mp3_s": statistics.median(encode), "mp3_x_real_time": seconds / statistics.median(
        encode), "tag_s": statistics.median(tag), "mp3_mb": len(mp3) / 1e6}  # fmt: skip


# -- report -------------------------------------------------------------------------------------


def print_table(results: list[dict], runs: int, sox: str | None) -> None:
    def shown(value: float | None, form: str) -> str:
        return "n/a" if value is None else format(value, form)

    print(f"median of {runs} run(s); ours = mixdown.mix + podcast.wav_bytes")
    head = (f"{'min':>6} {'items':>5} {'ours PCM->WAV':>13} {'x real':>7} {'ours file':>9} "
            f"{'sox':>7} {'ours/sox':>8} {'sox pad-0':>9} {'mp3':>7} {'x real':>7}")  # fmt: skip
    print(head)
    for r in results:
        print(f"{r['minutes']:>6.1f} {r['items']:>5} {r['ours_pcm_to_wav_s']:>12.2f}s "
              f"{r['x_real_time']:>6.0f}x {r['ours_file_to_file_s']:>8.2f}s "
              f"{shown(r['sox_s'], '6.2f'):>6}s {shown(r['ratio'], '7.2f'):>7}x "
              f"{shown(r['sox_naive_s'], '8.2f'):>8}s {r['mp3_s']:>6.2f}s "
              f"{r['mp3_x_real_time']:>6.0f}x")  # fmt: skip
    for r in results:
        sox_levels = (
            ""
            if r["sox_s"] is None
            else f"; sox {r['sox_lufs']:.1f} LUFS, {r['sox_true_peak_dbtp']:.2f} dBTP"
        )
        print(f"{r['minutes']:.1f} min: ours {r['ours_lufs']:.2f} LUFS, "
              f"{r['ours_true_peak_dbtp']:.2f} dBTP{sox_levels}; MP3 {r['mp3_mb']:.1f} MB, "
              f"tagging {r['tag_s'] * 1000:.0f} ms")  # fmt: skip
    if sox is None:
        print("sox not installed: no baseline")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each (default 3)")
    parser.add_argument("--minutes", type=float, nargs="+", default=[10],
                        help="programme lengths to render (default 10)")  # fmt: skip
    parser.add_argument("--json", action="store_true", help="print machine-readable results")
    args = parser.parse_args()
    runs = max(1, args.runs)
    sox = shutil.which("sox")
    if sox is None:
        print("sox is not installed: the baseline is skipped "
              "(install it with: apt-get install -y --no-install-recommends sox)",
              file=sys.stderr)  # fmt: skip
    pcm = voices()
    results = []
    with tempfile.TemporaryDirectory(prefix="coprod-programme-bench-") as tmp:
        files = []
        for v, data in enumerate(pcm):
            path = Path(tmp) / f"voice{v}.wav"
            path.write_bytes(podcast.wav_bytes(np.frombuffer(data, "<i2") / 32768, RATE))
            files.append(path)
        mixdown.mix(pieces(running_order(1), pcm.__getitem__))  # untimed: imports, caches
        for minutes in args.minutes:
            results.append(measure(minutes, runs, pcm, files, Path(tmp), sox))
    if args.json:
        print(json.dumps({"runs": runs, "results": results}, indent=2))
    else:
        print_table(results, runs, sox)


if __name__ == "__main__":
    main()
