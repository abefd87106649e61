"""Combining benchmark: another laptop's project file combined into the open one
(``project.combining``: open_other, preview, combine), at 1x, 10x and 100x the work of a
short programme.

Scenario: the demo project is copied to two laptops. Laptop B runs N sessions; each session
adds 5 participants with consent (``participants.save``, ``consent.record``), a board of 50
notes (``board_repo.insert_note``: ``boards.add_note`` checks each author's consent by reading
every consent record of the project, too slow to build 100x), and one recording through the
real recording sink (``radio.add_audio``: ``ChunkSink``, one committed chunk a second, 48 kHz
mono) made into a clip with a transcript and word timings. Laptop A meanwhile runs a tenth as
many sessions of its own (at least one), so B's first pseudonyms are taken on A and B's people
are renumbered, their texts rewritten. The services run inside one transaction per session
(their own writes become savepoints) so that building 100x is quick; building is not measured.

Sizes (B's additions): 1x = 10 sessions (50 participants, 500 notes, 10 min of audio);
10x = 100 sessions (500, 5,000, 100 min); 100x = 1,000 sessions (5,000, 50,000; the audio is
capped by --audio-cap, 100 minutes by default, so each recording is 6 s there).

Measured, for each size, median of --runs (each run combines into a fresh copy of A):

* open: ``combining.open_other`` (copy to a private folder + whole-file check + audit chain);
* preview: ``combining.preview`` (reads every record of both files);
* combine: ``combining.combine`` (works it out again, then writes in one transaction);
* again: a second ``combine`` of the same opened file (must add nothing: checked, not timed
  away);
* baseline ("read once"): ``shutil.copyfile`` of B + opening the copy + ``verify.check_whole``
  on it, the floor for reading the other file once. Ratios are against it.
* per record: combine time / (records added + audit entries added), and its growth from the
  size before (1.0 = linear);
* preview memory: peak traced Python memory (tracemalloc) of one preview, measured apart from
  the timed runs (tracing slows it), and the process's peak RSS at the end.

Withdrawal case (--withdrawal-size, 10x by default): P-01 (on both laptops since the start)
writes more notes on A; on B they withdraw everything. Combining B into A then applies the
withdrawal to A's material: the combine is timed as above, and the withdrawal pass
(``services.consent.erase_withdrawn``, called by combining for each withdrawal it applies) is
timed on its own by wrapping it.

At 1x the combined file is checked with ``services.verify.verify`` (every check must pass).
This is a benchmark, not a test: it never asserts on times. It needs about 2.5x the largest
B file free in the temporary folder (B, its copy in open_other, the combined A).

Run:  PYTHONPATH=. .venv/bin/python benchmarks/combining.py [--quick] [--sizes 1,10,100]
          [--runs 3] [--audio-cap 100] [--profile] [--json]
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import datetime as dt
import io
import json
import pstats
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from coprod_desktop.demo import create_demo
from coprod_desktop.domain.board import Board, Note
from coprod_desktop.domain.consent import CREDIT, ConsentRecord, Method, Scope
from coprod_desktop.domain.ids import new_id
from coprod_desktop.domain.participants import Participant, next_pseudonym
from coprod_desktop.domain.sessions import Session
from coprod_desktop.domain.word_times import TimedWord
from coprod_desktop.services import combining as combining_module
from coprod_desktop.services.project import open_project
from coprod_desktop.services.verify import check_whole, verify
from coprod_desktop.storage import board_repo, clips_repo
from coprod_desktop.storage.connection import open_project_file

PASSPHRASE = "benchmark-passphrase"
RATE = 48_000
SECOND = RATE * 2  # bytes of one second of 16-bit mono
VARIANTS = 7
SESSIONS_PER_X, PEOPLE, NOTES, AUDIO_S = 10, 5, 50, 60
WORDS = ("bus", "stop", "lights", "bench", "close", "queue", "bins", "library", "hall", "park",
         "rent", "youth", "club", "walk", "night", "safe", "warm", "cafe", "advice", "pass")


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


# building the two laptops' files ------------------------------------------------------------
class Builder:
    """Adds sessions' worth of work to a project, through its services."""

    def __init__(self, project, rng: random.Random, seconds: int):
        self.project = project
        self.rng = rng
        self.seconds = seconds
        self.sounds = [rng.randbytes(SECOND) for _ in range(VARIANTS)]
        taken = [p.pseudonym for p in project.participants.list()]
        self.number = int(next_pseudonym(taken).removeprefix("P-"))
        self.form = project.consent.current_form()

    def text(self, words: int) -> str:
        return " ".join(self.rng.choice(WORDS) for _ in range(words))

    def person(self) -> Participant:
        pseudonym = f"P-{self.number:02d}"  # next_pseudonym, without reading them all again
        self.number += 1
        first = self.rng.choice(("Ann", "Bea", "Cal", "Dot", "Eck", "Fay", "Gus", "Hal"))
        person = self.project.participants.save(Participant(
            id=new_id(), pseudonym=pseudonym, real_name=f"{first} {new_id()[:6]}"))  # fmt: skip
        form = self.form
        self.project.consent.record(ConsentRecord(
            id="", participant_id=person.id, form_id=form.id, form_version=form.version,
            form_hash=form.content_hash, given_at=dt.datetime.now(dt.timezone.utc),
            method=Method.VERBAL, decisions={i.key: i.key != CREDIT for i in form.items},
            partner_decisions={p: True for p in form.partners}, witness="Aileen"))  # fmt: skip
        return person

    def session(self, number: int, label: str) -> None:
        project = self.project
        with project.file.db.atomic():
            people = [self.person() for _ in range(PEOPLE)]
            day = dt.date(2024, 1, 1) + dt.timedelta(number)
            session = project.sessions.save(Session(
                new_id(), f"{label} session {number}", day, venue="Community hall",
                participant_ids=frozenset(p.id for p in people)))  # fmt: skip
            board = project.boards.save_board(Board(new_id(), session.id, f"Board {number}"))
            for n in range(NOTES):  # straight to storage: add_note reads every consent
                author = people[n % PEOPLE]  # record to check one author (see the report)
                board_repo.insert_note(project.file.db, Note(
                    new_id(), board.id, f"{author.pseudonym} says {self.text(8)}",
                    x=(n % 10) * 200.0, y=(n // 10) * 150.0,
                    author_id=author.id).validated())  # fmt: skip
        if not self.seconds:
            return
        pcm = b"".join(self.sounds[(number + s) % VARIANTS] for s in range(self.seconds))
        clip = project.radio.add_audio(pcm, RATE, [p.id for p in people], session.id,
                                       f"{label} take {number}")  # fmt: skip
        transcript = "\n".join(f"{p.pseudonym}: {self.text(12)}" for p in people)
        clip = dataclasses.replace(clip, transcript=transcript)
        project.radio.save_clip(clip)
        spans, at, step = [], 0, clip.duration_ms // max(1, len(transcript.split()))
        for word in transcript.split():
            start = transcript.index(word, at)
            spans.append(TimedWord(start, start + len(word), len(spans) * step,
                                   (len(spans) + 1) * step))  # fmt: skip
            at = start + len(word)
        with project.file.db.atomic():
            clips_repo.save_words(project.file.db, clip.id, transcript, spans, "bench")


def build(start: Path, path: Path, sessions: int, seconds: int, label: str, seed: int) -> float:
    shutil.copyfile(start, path)
    begun = time.perf_counter()
    project = open_project(path, PASSPHRASE, actor=label)
    try:
        builder = Builder(project, random.Random(seed), seconds)
        for number in range(sessions):
            builder.session(number, label)
    finally:
        project.close()
    return time.perf_counter() - begun


def withdraw_on_b(a: Path, b: Path, notes: int) -> str:
    """P-01 writes `notes` more notes on A; on B they withdraw everything. Returns P-01's id."""
    project = open_project(a, PASSPHRASE, actor="A")
    try:
        person = next(p for p in project.participants.list() if p.pseudonym == "P-01")
        board = project.boards.boards()[0]
        with project.file.db.atomic():
            for n in range(notes):
                project.boards.add_note(Note(new_id(), board.id, f"P-01 note {n} on laptop A",
                                             author_id=person.id))  # fmt: skip
    finally:
        project.close()
    project = open_project(b, PASSPHRASE, actor="B")
    try:
        project.consent.withdraw(person.id, Scope.EVERYTHING)
    finally:
        project.close()
    return person.id


# measuring ----------------------------------------------------------------------------------
def baseline(b: Path, folder: Path) -> float:
    copy = folder / "baseline.coprod"
    start = time.perf_counter()
    shutil.copyfile(b, copy)
    file = open_project_file(copy, PASSPHRASE)
    try:
        check_whole(file)
    finally:
        file.close()
    took = time.perf_counter() - start
    copy.unlink()
    return took


def one_run(a_start: Path, b: Path, folder: Path, check: bool) -> dict:
    a = folder / "a-run.coprod"
    shutil.copyfile(a_start, a)
    project = open_project(a, PASSPHRASE, actor="A")
    try:
        out: dict = {}
        out["open"], other = timed(lambda: project.combining.open_other(b, PASSPHRASE))
        with other:
            out["preview"], plan = timed(lambda: project.combining.preview(other))
            out["combine"], outcome = timed(lambda: project.combining.combine(other))
            out["again"], again = timed(lambda: project.combining.combine(other))
        out["added"] = sum(plan.added.values())
        out["audit_added"] = plan.added.get("audit_log", 0)
        out["renumbered"] = len(outcome.renumbered)
        out["audio_s"] = plan.audio_seconds
        out["again_added"] = sum(again.plan.added.values())
        out["erased_for"] = list(outcome.erased_for)
        if check:
            report = verify(project.file)
            out["verify"] = "ok" if report.ok else "; ".join(
                c.name for c in report.checks if not c.ok)  # fmt: skip
    finally:
        project.close()
        a.unlink(missing_ok=True)
    return out


def preview_memory(a_start: Path, b: Path, folder: Path) -> int:
    a = folder / "a-memory.coprod"
    shutil.copyfile(a_start, a)
    project = open_project(a, PASSPHRASE, actor="A")
    try:
        with project.combining.open_other(b, PASSPHRASE) as other:
            tracemalloc.start()
            try:
                project.combining.preview(other)
                return tracemalloc.get_traced_memory()[1]
            finally:
                tracemalloc.stop()
    finally:
        project.close()
        a.unlink()


def timed_erasure() -> tuple[list[float], Callable[[], None]]:
    """Wrap the withdrawal pass's eraser so that each call is timed; returns the times and
    a function putting the eraser back."""
    real = combining_module.erase_withdrawn
    times: list[float] = []

    def wrapped(*args, **kwargs):
        start = time.perf_counter()
        try:
            return real(*args, **kwargs)
        finally:
            times.append(time.perf_counter() - start)

    combining_module.erase_withdrawn = wrapped
    return times, lambda: setattr(combining_module, "erase_withdrawn", real)


def profiled(a_start: Path, b: Path, folder: Path, top: int = 14) -> str:
    a = folder / "a-profile.coprod"
    shutil.copyfile(a_start, a)
    project = open_project(a, PASSPHRASE, actor="A")
    profile = cProfile.Profile()
    try:
        with project.combining.open_other(b, PASSPHRASE) as other:
            profile.enable()
            project.combining.combine(other)
            profile.disable()
    finally:
        project.close()
        a.unlink()
    text = io.StringIO()
    pstats.Stats(profile, stream=text).sort_stats("tottime").print_stats(top)
    return text.getvalue()


def measure_size(x: int, args, start: Path, folder: Path) -> dict:
    sessions = max(1, round(SESSIONS_PER_X * x * args.scale))
    audio_cap = args.audio_cap * 60
    seconds = min(AUDIO_S, int(audio_cap // sessions)) if audio_cap else AUDIO_S
    a_start, b = folder / f"a-{x}x.coprod", folder / f"b-{x}x.coprod"
    row: dict = {"x": x, "sessions": sessions, "audio_s_per_session": seconds}
    row["build_b_s"] = build(start, b, sessions, seconds, "B", seed=x)
    row["build_a_s"] = build(start, a_start, max(1, sessions // 10), 0, "A", seed=1000 + x)
    row["b_mb"] = b.stat().st_size / 1e6
    runs = args.big_runs if x >= 100 else args.runs
    results = [one_run(a_start, b, folder, check=(x == 1 and n == 0)) for n in range(runs)]
    row["baseline"] = statistics.median(baseline(b, folder) for _ in range(runs))
    for key in ("open", "preview", "combine", "again"):
        row[key] = statistics.median(r[key] for r in results)
    first = results[0]
    for key in ("added", "audit_added", "renumbered", "audio_s", "again_added", "verify"):
        if key in first:
            row[key] = first[key]
    row["runs"] = runs
    row["preview_peak_mb"] = preview_memory(a_start, b, folder) / 1e6
    if args.profile and x == max(args.sizes):
        row["profile"] = profiled(a_start, b, folder)
    if x == args.withdrawal_size:
        row["withdrawal"] = measure_withdrawal(a_start, b, folder, runs)
    a_start.unlink()
    b.unlink()
    return row


def measure_withdrawal(a_start: Path, b: Path, folder: Path, runs: int) -> dict:
    a_w, b_w = folder / "a-withdrawal.coprod", folder / "b-withdrawal.coprod"
    shutil.copyfile(a_start, a_w)
    shutil.copyfile(b, b_w)
    withdraw_on_b(a_w, b_w, NOTES)
    times, restore = timed_erasure()
    passes, results = [], []
    try:
        for _ in range(runs):
            times.clear()
            results.append(one_run(a_w, b_w, folder, check=False))
            passes.append(sum(times))
    finally:
        restore()
        a_w.unlink()
        b_w.unlink()
    return {"combine": statistics.median(r["combine"] for r in results),
            "erasing": statistics.median(passes), "erased_for": results[0]["erased_for"]}


# reporting ----------------------------------------------------------------------------------
def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import os

    return f"{model}, {os.cpu_count()} CPUs"


def show(rows: list[dict], cap: float) -> None:
    print(f"Combining B into A ({machine()}; median of the runs shown; files in the OS cache)\n")
    print(f"{'size':>5} {'runs':>4} {'B MB':>7} {'records':>8} {'audio':>7} {'open':>7} "
          f"{'preview':>8} {'combine':>8} {'again':>7} {'read once':>9} {'comb/read':>9} "
          f"{'us/rec':>7} {'growth':>6} {'prev us/rec':>11} {'growth':>6} "
          f"{'prev MB':>8}")  # fmt: skip
    previous = previous_preview = None
    for r in rows:
        records = r["added"]
        per = r["combine"] / max(1, records) * 1e6
        growth = f"{per / previous:6.2f}" if previous else f"{'-':>6}"
        per_preview = r["preview"] / max(1, records) * 1e6
        growth_preview = (f"{per_preview / previous_preview:6.2f}" if previous_preview
                          else f"{'-':>6}")  # fmt: skip
        previous, previous_preview = per, per_preview
        print(f"{r['x']:>4}x {r['runs']:>4} {r['b_mb']:>7.0f} {records:>8} "
              f"{r['audio_s'] / 60:>5.0f}mn {r['open']:>6.2f}s {r['preview']:>7.2f}s "
              f"{r['combine']:>7.2f}s {r['again']:>6.2f}s {r['baseline']:>8.2f}s "
              f"{r['combine'] / r['baseline']:>8.1f}x {per:>7.0f} {growth} "
              f"{per_preview:>11.0f} {growth_preview} {r['preview_peak_mb']:>8.0f}")  # fmt: skip
    print("\nrecords = rows the combine added (audit entries included; audio chunks not); "
          "us/rec = combine / records;\ngrowth = us/rec over the size before (1.0 = linear; "
          "the combine's includes copying the audio,\nwhich is capped, so the preview's, "
          "without audio, shows the records' cost);\nread once = copyfile + open + "
          "check_whole of B; prev MB = peak traced Python "
          "memory of one preview.")  # fmt: skip
    print(f"Audio capped at {cap:g} minutes per size." if cap else "Audio not capped.")
    for r in rows:
        notes = [f"{r['x']}x: {r['sessions']} sessions, {r['audio_s_per_session']} s of audio "
                 f"each, {r['renumbered']} people renumbered, second combine added "
                 f"{r['again_added']}"]  # fmt: skip
        if "verify" in r:
            notes.append(f"verify of the combined file: {r['verify']}")
        notes.append(f"built B in {r['build_b_s']:.0f} s, A in {r['build_a_s']:.0f} s")
        print("  " + "; ".join(notes))
        if "withdrawal" in r:
            w = r["withdrawal"]
            print(f"  {r['x']}x with P-01's withdrawal of everything arriving from B: combine "
                  f"{w['combine']:.2f} s (without: {r['combine']:.2f} s), of which the "
                  f"withdrawal erasing {w['erasing']:.2f} s; erased for {w['erased_for']}")
    for r in rows:
        if "profile" in r:
            print(f"\nProfile of one combine at {r['x']}x (by own time):\n{r['profile']}")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3
    print(f"Peak RSS of the process: {rss:.0f} MB")


def run(args) -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="coprod-combining-bench-") as tmp:
        folder = Path(tmp)
        start = folder / "start.coprod"
        create_demo(start, PASSPHRASE).close()
        for x in args.sizes:
            rows.append(measure_size(x, args, start, folder))
            print(f"  {x}x done: {json.dumps(rows[-1], default=str)}", file=sys.stderr)
    return rows


def parse(argv: list[str] | None = None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,100", help="multiples of 1x (default 1,10,100)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs below 100x (default 3)")
    parser.add_argument("--big-runs", type=int, default=1, help="timed runs at 100x (default 1)")
    parser.add_argument("--audio-cap", type=float, default=100,
                        help="minutes of audio at most per size, 0 for none (default 100)")
    parser.add_argument("--withdrawal-size", type=int, default=10,
                        help="the size at which the withdrawal case runs (default 10)")
    parser.add_argument("--quick", action="store_true",
                        help="a tenth of 1x, one run, withdrawal included: only that it works")
    parser.add_argument("--profile", action="store_true", help="profile the largest combine")
    parser.add_argument("--json", action="store_true", help="print machine-readable results")
    args = parser.parse_args(argv)
    args.sizes = [int(s) for s in str(args.sizes).split(",") if s.strip()]
    args.scale = 1.0
    if args.quick:
        args.sizes, args.runs, args.scale, args.withdrawal_size = [1], 1, 0.1, 1
        args.audio_cap = 0.1
    return args


def main(argv: list[str] | None = None) -> list[dict]:
    args = parse(argv)
    rows = run(args)
    if args.json:
        print(json.dumps(rows, indent=2, default=str))
    else:
        show(rows, args.audio_cap)
    return rows


if __name__ == "__main__":
    main()
