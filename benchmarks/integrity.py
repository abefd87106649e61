"""Integrity checks benchmark: the whole-file check made before every export, and the quick
check made on opening, on projects holding hours of audio.

Requirement: a damaged page must be found before a pack (or any export) leaves the project,
and opening must say when the records are damaged, without making opening noticeably slower.

* Each project is made with ``create_project`` and one recording of --hours of 48 kHz mono
  16-bit sound written through the app's ``ChunkSink`` (one-second committed chunks, as the
  recorder writes them; 3 hours is about 1 GB). The sound is 7 distinct seconds of noise,
  tiled: SQLCipher encrypts every page, so its content does not change the cost.
* full check: ``services.verify.check_whole`` — SQLCipher's ``PRAGMA cipher_integrity_check``
  (every page's HMAC) then SQLite's ``PRAGMA integrity_check`` (every b-tree, overflow chain
  and index), both timed on their own as well.
* quick check: ``services.verify.quick_check`` — ``PRAGMA quick_check(table)`` for every table
  but the audio chunks; and opening the project (``open_project``, which includes it and the
  key derivation) for scale.
* Baseline ("read"): reading the same file once with plain Python, ``open().read()`` in 1 MiB
  chunks. Ratios are full check / read.

The file has just been written, so it is in the operating system's cache for the checks and
the baseline alike: the figures measure the checks' own work (decryption, HMACs, b-tree
walks), not the disk. On a cold cache both the check and the baseline also wait for the disk.
Runs alternate; medians of --runs. This is a benchmark, not a test: it never asserts on
times. Check the free disk space first (the largest project is written once per size, then
deleted).

Run:  .venv/bin/python benchmarks/integrity.py [--hours 0.5,1,2,3] [--runs 3] [--json]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from coprod_desktop.services.project import create_project, open_project
from coprod_desktop.services.verify import check_whole, quick_check
from coprod_desktop.storage import integrity
from coprod_desktop.storage.recording_sink import ChunkSink

PASSPHRASE = "benchmark-passphrase"
RATE = 48_000
SECOND = RATE * 2  # bytes of one second of 16-bit mono
VARIANTS = 7
CHUNK = 1 << 20


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def make_project(path: Path, hours: float) -> float:
    """A project with one recording of `hours` of sound; returns the seconds it took."""
    rng = random.Random(20241)
    seconds = [rng.randbytes(SECOND) for _ in range(VARIANTS)]
    start = time.perf_counter()
    project = create_project(path, PASSPHRASE, "Integrity bench", actor="bench")
    conn = project.file.connect_again()
    try:
        sink = ChunkSink(conn, RATE)
        sink.start()
        for n in range(int(hours * 3600)):
            sink.write(seconds[n % VARIANTS])
        sink.finish()
    finally:
        conn.close()
        project.close()
    return time.perf_counter() - start


def read_file(path: Path) -> None:
    with path.open("rb") as fh:
        while fh.read(CHUNK):
            pass


def measure(path: Path, runs: int) -> dict:
    times: dict[str, list[float]] = {k: [] for k in (
        "read", "full", "pages", "structure", "quick", "open")}  # fmt: skip
    for _ in range(runs):
        times["read"].append(timed(lambda: read_file(path)))
        start = time.perf_counter()
        project = open_project(path, PASSPHRASE)
        times["open"].append(time.perf_counter() - start)
        try:
            if project.damage is not None:
                raise RuntimeError(f"the quick check failed: {project.damage}")
            file = project.file
            times["quick"].append(timed(lambda f=file: quick_check(f)))
            times["full"].append(timed(lambda f=file: check_whole(f)))
            times["pages"].append(timed(lambda f=file: integrity.page_problems(f.db)))
            times["structure"].append(timed(lambda f=file: integrity.structure_problems(f.db)))
        finally:
            project.close()
    return {k: statistics.median(v) for k, v in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hours", default="0.5,1,2,3",
                        help="hours of audio, comma-separated (default 0.5,1,2,3)")  # fmt: skip
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each (default 3)")
    parser.add_argument("--json", action="store_true", help="print machine-readable results")
    args = parser.parse_args()
    runs = max(1, args.runs)
    sizes = [float(h) for h in args.hours.split(",") if h.strip()]
    results = []
    with tempfile.TemporaryDirectory(prefix="coprod-integrity-bench-") as tmp:
        free = shutil.disk_usage(tmp).free
        need = max(sizes) * 3600 * SECOND * 1.1
        if free < need:
            sys.exit(f"{tmp} has {free / 1e9:.1f} GB free; {max(sizes)} h needs about "
                     f"{need / 1e9:.1f} GB. Give fewer --hours.")  # fmt: skip
        for hours in sizes:
            path = Path(tmp) / f"{hours}h.coprod"
            made = make_project(path, hours)
            row = {"hours": hours, "bytes": path.stat().st_size, "write_s": made,
                   **measure(path, runs)}  # fmt: skip
            row["ratio_full_to_read"] = row["full"] / row["read"]
            row["full_mb_per_s"] = row["bytes"] / 1e6 / row["full"]
            results.append(row)
            path.unlink()
            if not args.json:
                print(f"  {hours:g} h done", file=sys.stderr)
    if args.json:
        print(json.dumps({"runs": runs, "results": results}, indent=2))
        return
    print(f"Integrity checks (median of {runs} runs; file in the OS cache)\n")
    print(f"{'audio':>6} {'file MB':>8} {'full check':>11} {'pages':>7} {'structure':>10} "
          f"{'read':>7} {'full/read':>10} {'MB/s':>6} {'quick':>8} {'open':>7}")  # fmt: skip
    for r in results:
        print(f"{r['hours']:>5g}h {r['bytes'] / 1e6:>8.0f} {r['full']:>10.2f}s "
              f"{r['pages']:>6.2f}s {r['structure']:>9.2f}s {r['read']:>6.3f}s "
              f"{r['ratio_full_to_read']:>9.0f}x {r['full_mb_per_s']:>6.0f} "
              f"{r['quick'] * 1000:>6.1f}ms {r['open']:>6.2f}s")  # fmt: skip
    print("\nfull check = SQLCipher page HMACs + SQLite integrity_check (what runs before an "
          "export);\nquick = the check on opening (every table but the audio); open = "
          "open_project with it\n(key derivation included); read = plain Python reading the "
          "file in 1 MiB chunks.")  # fmt: skip


if __name__ == "__main__":
    main()
