"""Feedback benchmark: "You said, we did" community feedback, its one-page poster and a
participant's own copy, against a partner pack of the same sessions, in the same run, on the
same generated project, at the demo's size and at 10x and 100x it.

Requirement: the outputs that go back to people cost no more, as a project grows, than the
pack that goes to a partner. What we look for is a cost that grows faster than the project:
each step's time per note (and per action) at each size, flagged when it more than doubles
from one size to the next (the project grew 10x; its cost per note should not).

The project at scale k (built in a temp folder through the app's services, timed on its own,
then closed and reopened; the same seed at every size):

* 4 sessions run under a group agreement, 24 invented people with real names (some with
  nicknames) and verbal consent to everything, 12 at each session; one of them, the "star",
  is at every session.
* a board per session, 6k themes spread over the boards; 60k notes of 5-25 words from the
  seeded grammar of benchmarks/packs.py, every text distinct, 9 in 10 in a theme, about half
  attributed, 10k of them by the star, about 1 in 35 with a name, phone number, email or
  postcode (the anonymiser's work); anonymous dot votes on about 1 in 7 notes, and a named
  round in which the star gives 5 dots.
* 5k actions owned by 5 organisations (statuses, due dates, a session or none), each
  answering a theme and 0-2 notes, each with 2-3 partners' responses, about 1 in 12 of them
  carrying a name or phone number.
* 4 clips of 1 s of recorded silence with transcripts (the star speaks in one): the same at
  every size.

Before timing, every detection in the project is accepted (``anonymise.review`` over
``anonymise.material()``, then ``accept_all``: the facilitator's review, timed once), and each
output is built once untimed (imports, fonts, caches). Then, --runs times, interleaved, after
a ``gc.collect()``:

* baseline: ``packs.build(PackOptions("Health board", sessions), target,
  accept_undecided=True)``: every section, no password, no audio.
* feedback: ``feedback.build(FeedbackOptions(sessions), target, accept_undecided=True)``: the
  full large-print feedback.
* poster: ``feedback.build(FeedbackOptions(sessions, poster=True), ...)``: one A4 page.
* own copy: ``own_copy.build(star, target)``, no audio.

Inside each build its steps are timed by wrapping them for the call: the whole-file check
(``check_whole``), the plan (consent and the detector over every text going out), the document
(the anonymised texts), the layout (``export.pdf.render``, ``feedback_pdf.feedback_pdf``,
``feedback_pdf.poster_pdf``, ``own_copy_pdf``), and the rest (writing the file and its log).
For the own copy: gathering the person's material, their texts (detector, decisions,
attribution of transcript lines) and the layout. Medians are reported with the ratio of each
output's time to the pack's.

Every build logs what it issued in the project (a pack's disclosure log lists every note it
carried), so the file grows over the runs: the whole-file check of later runs reads more pages.
The size of the database after the runs is printed.

A step whose time per item (per note of the project; for the own copy, per note of the star)
more than doubles from one size to the next is flagged SUPERLINEAR; so is saving the actions
while the project is built (``actions.save``, timed per action). With --profile auto (the
default) what is flagged at the largest size is run once more under cProfile (an output built
again; 20 more actions saved) and the 15 functions with the most cumulative time are printed.

This is a benchmark, not a test: it never asserts on times.

Run:  PYTHONPATH=. .venv/bin/python benchmarks/feedback.py [--quick] [--sizes 1,10,100]
          [--runs 3] [--profile auto|all|none|pack,feedback,poster,own_copy] [--json]
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import datetime as dt
import io
import json
import os
import platform
import pstats
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from itertools import pairwise
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import pypdf  # noqa: E402
import reportlab  # noqa: E402
from packs import (  # noqa: E402
    ALIASES,
    EXTRAS,
    FIRST,
    LAST,
    PASSPHRASE,
    SESSION_TITLES,
    THEMES,
    consent,
    note_text,
    personal,
    sentence,
    spied,
    timed,
    transcript,
)
from reportlab.lib import rl_accel  # noqa: E402

from coprod_desktop.domain.actions import Action, ActionStatus, PartnerResponse  # noqa: E402
from coprod_desktop.domain.board import NOTE_COLOURS, Note, Theme  # noqa: E402
from coprod_desktop.domain.ids import new_id  # noqa: E402
from coprod_desktop.export import feedback_pdf, pdf  # noqa: E402
from coprod_desktop.services import feedback as feedback_service  # noqa: E402
from coprod_desktop.services import own_copy as own_copy_service  # noqa: E402
from coprod_desktop.services import packs as packs_service  # noqa: E402
from coprod_desktop.services.feedback import FeedbackOptions  # noqa: E402
from coprod_desktop.services.packs import PackOptions  # noqa: E402
from coprod_desktop.services.project import Project, create_project, open_project  # noqa: E402
from coprod_desktop.storage.recording_sink import ChunkSink  # noqa: E402

AUDIENCE = "Health board"
SEED = 2027
RATE = 48_000
SESSIONS, PEOPLE, PER_SESSION, CLIPS = 4, 24, 12, 4
NOTES, THEMES_EACH, ACTIONS, STAR_NOTES = 60, 6, 5, 10  # at scale 1 (the demo's size)
FLAG = 2.0  # per-item growth from one size to the next that is flagged
DAY = dt.date(2026, 10, 1)
ORGANISATIONS = ["Trading Standards", "Health board", "Police Scotland", "Citizens Advice",
                 "Council housing team"]  # fmt: skip
PROMISES = ["Visit", "Write to", "Meet", "Fund", "Ask", "Report back to", "Set up a drop-in for",
            "Train", "Survey", "Check on"]  # fmt: skip
OUTPUTS = ("pack", "feedback", "poster", "own_copy")
LABELS = {"pack": "pack (baseline): packs.build()", "feedback": "feedback: feedback.build()",
          "poster": "poster: feedback.build(poster)", "own_copy": "own copy: own_copy.build()"}
STEPS = {  # output -> its timed steps, in the order they run
    "pack": ("check", "plan", "document", "layout"),
    "feedback": ("check", "plan", "document", "layout"),
    "poster": ("check", "plan", "document", "layout"),
    "own_copy": ("check", "gather", "texts", "layout"),
}
STEP_LABELS = {"check": "whole-file check", "plan": "plan (consent, detector)",
               "document": "document (anonymised texts)", "layout": "layout (PDF)",
               "gather": "gather their material", "texts": "their texts (detector)",
               "rest": "rest (write, hash, log)"}  # fmt: skip


# -- the project ----------------------------------------------------------------------------


def distinct(make: Callable[[], str], seen: set[str]) -> str:
    """A text from `make` that was not made before (the grammar repeats itself rarely)."""
    for n in range(1000):
        text = make() if n < 20 else f"{make()} ({n})"
        if text not in seen:
            seen.add(text)
            return text
    raise RuntimeError("no distinct text")


def action_text(rng: random.Random) -> str:
    what = sentence(rng).rstrip(".")
    when = rng.choice(["spring", "the summer", "the end of the year", "next month"])
    return f"{rng.choice(PROMISES)} {what[0].lower()}{what[1:]} by {when}"


def response_text(rng: random.Random, people: list[tuple[str, str]]) -> str:
    said = [sentence(rng) for _ in range(rng.randint(1, 3))]
    if rng.random() < 0.5:
        said.append(rng.choice(EXTRAS))
    if rng.random() < 1 / 12:
        said.insert(rng.randrange(len(said) + 1), personal(rng, people))
    return " ".join(said)


def build_project(path: Path, scale: int) -> dict:
    rng = random.Random(SEED)
    n_notes, n_themes = NOTES * scale, THEMES_EACH * scale
    n_actions, n_star = ACTIONS * scale, STAR_NOTES * scale
    project = create_project(path, PASSPHRASE, "Feedback bench", actor="bench")
    pairs = rng.sample([(f, s) for f in FIRST for s in LAST], PEOPLE)
    people, known = [], []
    for first, surname in pairs:
        real, alias = f"{first} {surname}", ALIASES.get(first, "")
        p = replace(project.participants.draft(), real_name=real,
                    aliases=(alias,) if alias else ())  # fmt: skip
        people.append(project.participants.save(p).id)
        known.append((real, alias))
        consent(project, people[-1])
    star, others = people[0], people[1:]
    sessions, boards = [], []
    for k, title in enumerate(SESSION_TITLES[:SESSIONS]):
        attendees = [star, *rng.sample(others, PER_SESSION - 1)]
        session = replace(project.sessions.draft(), title=title, venue="Community hall",
                          date=dt.date(2026, 9, 5) + dt.timedelta(weeks=2 * k),
                          group_agreement=True, participant_ids=frozenset(attendees))  # fmt: skip
        sessions.append((project.sessions.save(session).id, attendees))
        boards.append(project.boards.create_board(sessions[-1][0], "Wall").id)
    themes: list[list[str]] = [[] for _ in boards]
    for t in range(n_themes):
        k = t % SESSIONS
        name = THEMES[t % len(THEMES)] + (f" ({t // len(THEMES) + 1})" if t >= len(THEMES)
                                          else "")  # fmt: skip
        theme = Theme(new_id(), boards[k], name, x=760.0 * len(themes[k]), y=0.0)
        themes[k].append(project.boards.save_theme(theme).id)
    colours, seen = list(NOTE_COLOURS), set()
    star_at = set(rng.sample(range(n_notes), n_star))
    db = project.file.db
    all_notes: list[list[str]] = [[] for _ in boards]
    with db.atomic():
        for i in range(n_notes):
            k = i % SESSIONS
            _sid, attendees = sessions[k]
            weights = [1 + 3 * rng.random() for _ in themes[k]]  # themes of uneven sizes
            theme = (rng.choices(themes[k], weights)[0]
                     if themes[k] and rng.random() < 0.9 else None)  # fmt: skip
            if i in star_at:
                author = star
            else:
                author = rng.choice(attendees[1:]) if rng.random() < 0.5 else None
            n = len(all_notes[k])
            note = Note("", boards[k], distinct(lambda: note_text(rng, known), seen),
                        rng.choice(colours), x=16.0 + 176 * (n % 40), y=600.0 + 126 * (n // 40),
                        author_id=author, theme_id=theme)  # fmt: skip
            all_notes[k].append(project.boards.add_note(note).id)
        votes = 0
        for k, board_id in enumerate(boards):
            round_ = project.boards.open_round(board_id, 5, anonymous=True)
            for note_id in rng.sample(all_notes[k], len(all_notes[k]) // 7):
                for _ in range(rng.randint(1, 4)):
                    project.boards.cast_vote(round_.id, note_id)
                    votes += 1
        named = project.boards.open_round(boards[0], 5)
        for note_id in rng.sample(all_notes[0], 5):
            project.boards.cast_vote(named.id, note_id, star)
    pcm = bytes(RATE * 2)  # 1 s of 16-bit mono silence
    conn = project.file.connect_again()  # the recorder's connection
    for c in range(CLIPS):
        session_id, attendees = sessions[c % SESSIONS]
        speakers = [star] if c == 0 else rng.sample(attendees[1:], rng.randint(1, 3))
        sink = ChunkSink(conn, RATE)
        rid = sink.start(session_id, speakers)
        sink.write(pcm)
        sink.finish()
        clip = project.radio.add_recorded(rid, f"Vox pop {c + 1}")
        project.radio.save_clip(replace(clip, transcript=transcript(rng, known)))
    conn.close()
    responses, start = 0, time.perf_counter()
    for _ in range(n_actions):
        k = rng.randrange(SESSIONS + 1)
        theme_ids = [t for ts in themes for t in ts] if k == SESSIONS else themes[k] or [
            t for ts in themes for t in ts]  # fmt: skip
        pool = [n for ns in all_notes for n in ns] if k == SESSIONS else all_notes[k]
        evidence = (("theme", rng.choice(theme_ids)),
                    *(("note", n) for n in rng.sample(pool, rng.randint(0, 2))))  # fmt: skip
        answers = tuple(PartnerResponse(DAY + dt.timedelta(days=7 * r),
                                        distinct(lambda: response_text(rng, known), seen))
                        for r in range(rng.randint(2, 3)))  # fmt: skip
        responses += len(answers)
        status = rng.choice(list(ActionStatus))
        due = DAY + dt.timedelta(days=rng.randint(10, 200)) if rng.random() < 0.8 else None
        project.actions.save(Action("", distinct(lambda: action_text(rng), seen),
                                    rng.choice(ORGANISATIONS), status, due,
                                    sessions[k][0] if k < SESSIONS else None, evidence,
                                    answers))  # fmt: skip
    actions_s = time.perf_counter() - start
    counts = project.boards.counts()
    pseudonym = project.participants.get(star).pseudonym
    project.close()
    return {"scale": scale, "people": PEOPLE, "sessions": SESSIONS, "themes": counts["themes"],
            "notes": counts["notes"], "votes": votes, "actions": n_actions,
            "responses": responses, "clips": CLIPS, "star": star, "star_pseudonym": pseudonym,
            "star_notes": n_star, "actions_save_s": actions_s,
            "file_mb": path.stat().st_size / 1e6}  # fmt: skip


# -- measuring ------------------------------------------------------------------------------


def spies(project: Project, output: str) -> dict[str, tuple[object, str]]:
    """Where each step of an output's build is called from."""
    if output == "pack":
        return {"check": (packs_service, "check_whole"), "plan": (project.packs, "plan"),
                "document": (project.packs, "document"), "layout": (pdf, "render")}
    if output == "own_copy":
        return {"check": (own_copy_service, "check_whole"),
                "gather": (project.own_copy, "_gather"), "texts": (project.own_copy, "_texts"),
                "layout": (own_copy_service, "own_copy_pdf")}  # fmt: skip
    return {"check": (feedback_service, "check_whole"), "plan": (project.feedback, "plan"),
            "document": (project.feedback, "document"),
            "layout": (feedback_pdf, "poster_pdf" if output == "poster" else "feedback_pdf")}


def builder(project: Project, output: str, sessions: tuple[str, ...], star: str
            ) -> Callable[[Path], object]:  # fmt: skip
    if output == "pack":
        options = PackOptions(AUDIENCE, sessions)
        return lambda p: project.packs.build(options, p, accept_undecided=True)
    if output == "own_copy":
        return lambda p: project.own_copy.build(star, p)
    options = FeedbackOptions(sessions, poster=output == "poster")
    return lambda p: project.feedback.build(options, p, accept_undecided=True)


def measure(project: Project, built: dict, tmp: Path, runs: int) -> dict:
    sessions = tuple(s.id for s in project.sessions.list())
    star = built["star"]
    review_s, findings = timed(lambda: project.anonymise.review(project.anonymise.material()))
    accept_s, accepted = timed(lambda: project.anonymise.accept_all(findings))
    builds = {o: builder(project, o, sessions, star) for o in OUTPUTS}
    pages: dict[str, int] = {}
    for output, build in builds.items():  # warm-up: imports, fonts, caches
        target = tmp / f"warm-{output}.pdf"
        result = build(target)
        pages[output] = getattr(result, "pages", 0) or len(pypdf.PdfReader(target).pages)
        target.unlink()
    t = {o: {s: [] for s in (*STEPS[o], "total")} for o in OUTPUTS}
    for run in range(runs):
        for output, build in builds.items():
            target = tmp / f"{output}-{run}.pdf"
            steps = {s: [] for s in STEPS[output]}
            with contextlib.ExitStack() as stack:
                for step, (owner, name) in spies(project, output).items():
                    stack.enter_context(spied(owner, name, steps[step]))
                elapsed, _result = timed(lambda b=build, p=target: b(p))
            t[output]["total"].append(elapsed)
            for step, times in steps.items():
                t[output][step].append(sum(times))
            target.unlink()
    m = {}
    for output, steps in t.items():
        m[output] = {s: statistics.median(v) for s, v in steps.items()}
        rest = [total - sum(steps[s][r] for s in STEPS[output])
                for r, total in enumerate(steps["total"])]  # fmt: skip
        m[output]["rest"] = statistics.median(rest)
    return {"review_s": review_s, "findings": len(findings), "accept_s": accept_s,
            "accepted": accepted, "pages": pages, "median": m, "runs": t,
            "db_mb_after": db_mb(project)}  # fmt: skip


def db_mb(project: Project) -> float:
    """The database's size as SQLite sees it (its pages, those still in the WAL included)."""
    db = project.file.db
    pages = int(db.execute("PRAGMA page_count").fetchone()[0])
    return pages * int(db.execute("PRAGMA page_size").fetchone()[0]) / 1e6


def per_item(output: str, built: dict) -> int:
    """What an output's time is divided by: the star's notes for their copy, else all notes."""
    return built["star_notes"] if output == "own_copy" else built["notes"]


# -- printing -------------------------------------------------------------------------------


def print_size(built: dict, build_s: float, r: dict, runs: int) -> None:
    print()
    print(f"== size {built['scale']}x: {built['notes']} notes ({built['votes']} dots), "
          f"{built['themes']} themes, {built['actions']} actions ({built['responses']} "
          f"responses), {built['sessions']} sessions, {built['people']} people, "
          f"{built['clips']} clips; star {built['star_pseudonym']} with {built['star_notes']} "
          f"notes")  # fmt: skip
    print(f"   built in {build_s:.1f} s ({built['actions_save_s']:.2f} s of it saving actions, "
          f"{built['actions_save_s'] / built['actions'] * 1e3:.2f} ms each), "
          f"{built['file_mb']:.1f} MB; review of every text {r['review_s']:.2f} s "
          f"({r['findings']} detections), accept_all {r['accept_s']:.2f} s; "
          f"{r['db_mb_after']:.1f} MB of pages after the runs (each build logs what it "
          f"issued)")  # fmt: skip
    print(f"{'measurement (median of ' + str(runs) + ')':<42}{'time':>9}{'pages':>7}"
          f"{'vs pack':>9}{'per note':>11}{'per action':>12}")  # fmt: skip
    pack = r["median"]["pack"]["total"]
    for output in OUTPUTS:
        m = r["median"][output]
        for step in ("total", *STEPS[output], "rest"):
            seconds = m[step]
            if step == "total":
                label, shown = LABELS[output], f"{r['pages'][output]:>7}"
                vs = f"{seconds / pack:>8.2f}x"
            else:
                label, shown, vs = f"  in it: {STEP_LABELS[step]}", f"{'':>7}", f"{'':>9}"
            note = seconds / per_item(output, built) * 1e6
            action = "" if output == "own_copy" else f"{seconds / built['actions'] * 1e3:>9.2f} ms"
            print(f"{label:<42}{seconds:>8.3f}s{shown}{vs}{note:>8.0f} µs{action:>12}".rstrip())
    m = r["median"]
    print(f"ratios to the pack: feedback {m['feedback']['total'] / pack:.2f}x, poster "
          f"{m['poster']['total'] / pack:.2f}x, own copy {m['own_copy']['total'] / pack:.2f}x")


def growth(results: list[dict]) -> list[dict]:
    """Each step's time per item at each size and its growth from the size before."""
    rows = []
    for output in OUTPUTS:
        for step in ("total", *STEPS[output], "rest"):
            per = [r["median"][output][step] / per_item(output, r["project"]) for r in results]
            grew = [b / a if a > 0 else float("inf") for a, b in pairwise(per)]
            scale = [r["project"]["scale"] for r in results]
            steps = [s2 / s1 for s1, s2 in pairwise(scale)]
            flagged = any(g > FLAG and s > 1 for g, s in zip(grew, steps, strict=True))
            rows.append({"output": output, "step": step, "per_item_s": per, "growth": grew,
                         "superlinear": flagged})  # fmt: skip
    return rows


def print_growth(results: list[dict], rows: list[dict]) -> None:
    sizes = [f"{r['project']['scale']}x" for r in results]
    print()
    print(f"== time per item by size (per note of the project; own copy: per note of the star)"
          f"; flagged when it grows more than {FLAG:g}x from one size to the next")
    head = "".join(f"{s:>11}" for s in sizes) + "".join(
        f"{a + '→' + b:>11}" for a, b in pairwise(sizes))  # fmt: skip
    print(f"{'step':<42}{head}")
    for row in rows:
        label = (LABELS[row["output"]] if row["step"] == "total"
                 else f"  {row['output']}: {STEP_LABELS[row['step']]}")  # fmt: skip
        cells = "".join(f"{p * 1e6:>8.0f} µs" for p in row["per_item_s"])
        cells += "".join(f"{g:>10.2f}x" for g in row["growth"])
        flag = "  SUPERLINEAR" if row["superlinear"] else ""
        print(f"{label:<42}{cells}{flag}")
    flagged = [f"{r['output']}/{r['step']}" for r in rows if r["superlinear"]]
    print(f"superlinear: {', '.join(flagged) if flagged else 'none'}")
    # the actions, built before any output: one save each
    per = [r["project"]["actions_save_s"] / r["project"]["actions"] for r in results]
    grew = [b / a for a, b in pairwise(per)]
    print("setup, actions.save per action: " + ", ".join(
        f"{s} {p * 1e3:.2f} ms" for s, p in zip(sizes, per, strict=True)) + "; growth " + ", ".join(
        f"{g:.2f}x" for g in grew) + ("  SUPERLINEAR" if any(g > FLAG for g in grew) else ""))


def profile(project: Project, output: str, built: dict, tmp: Path, top: int = 15) -> str:
    sessions = tuple(s.id for s in project.sessions.list())
    build = builder(project, output, sessions, built["star"])
    target = tmp / f"profile-{output}.pdf"
    profiler = cProfile.Profile()
    profiler.enable()
    build(target)
    profiler.disable()
    target.unlink()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.strip_dirs().sort_stats("cumulative").print_stats(top)
    lines = out.getvalue().splitlines()
    start = next(i for i, line in enumerate(lines) if "ncalls" in line)
    total = next((line.strip() for line in lines if "function calls" in line), "")
    return "\n".join([total, *lines[start:]]).rstrip()


def profile_saves(project: Project, built: dict, n: int = 20, top: int = 15) -> str:
    """``actions.save`` of `n` more actions (like the setup's) under cProfile."""
    rng = random.Random(SEED + 1)
    theme = next(t.id for b in project.boards.boards() for t in project.boards.themes(b.id))
    profiler = cProfile.Profile()
    for i in range(n):
        action = Action("", f"Extra action {i}: {action_text(rng)}", rng.choice(ORGANISATIONS),
                        evidence=(("theme", theme),),
                        responses=(PartnerResponse(DAY, sentence(rng)),
                                   PartnerResponse(DAY, sentence(rng))))  # fmt: skip
        profiler.enable()
        project.actions.save(action)
        profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).strip_dirs().sort_stats("cumulative").print_stats(top)
    lines = out.getvalue().splitlines()
    start = next(i for i, line in enumerate(lines) if "ncalls" in line)
    total = next((line.strip() for line in lines if "function calls" in line), "")
    return "\n".join([f"{n} saves on a project of {built['actions']} actions; {total}",
                      *lines[start:]]).rstrip()


def saves_grow(results: list[dict]) -> bool:
    per = [r["project"]["actions_save_s"] / r["project"]["actions"] for r in results]
    return any(b / a > FLAG for a, b in pairwise(per))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,100",
                        help="scales of the demo-like project, comma-separated (default 1,10,100:"
                             " 60, 600, 6000 notes)")  # fmt: skip
    parser.add_argument("--quick", action="store_true", help="only the two smaller sizes")
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each (default 3)")
    parser.add_argument("--profile", default="auto",
                        help="what to profile at the largest size: auto (what is flagged), "
                             "all, none, or names (pack,feedback,poster,own_copy,"
                             "actions_save)")  # fmt: skip
    parser.add_argument("--json", action="store_true", help="print machine-readable results")
    args = parser.parse_args()
    sizes = sorted({max(1, int(s)) for s in args.sizes.split(",") if s.strip()})
    if args.quick:
        sizes = sizes[:2]
    runs = max(1, args.runs)
    accel = "C" if rl_accel._c_funcs else "Python"
    machine = (f"Python {sys.version.split()[0]} on {platform.platform()}, {os.cpu_count()} "
               f"CPUs; reportlab {reportlab.Version} ({accel} accelerators)")  # fmt: skip
    say = (lambda *a: None) if args.json else print
    say(machine)
    started = time.perf_counter()
    results, profiles = [], {}
    with tempfile.TemporaryDirectory(prefix="coprod-feedback-bench-") as tmp:
        for n, scale in enumerate(sizes):
            folder = Path(tmp) / f"size-{scale}"
            folder.mkdir()
            path = folder / "feedback.coprod"
            build_s, built = timed(lambda p=path, s=scale: build_project(p, s))
            project = open_project(path, PASSPHRASE, actor="bench")
            try:
                result = measure(project, built, folder, runs)
                results.append({"project": built, "build_s": build_s, **result})
                if not args.json:
                    print_size(built, build_s, result, runs)
                if n == len(sizes) - 1:  # the largest: profile what was asked for
                    rows = growth(results)
                    if args.profile == "auto":
                        wanted = [o for o in OUTPUTS
                                  if any(r["superlinear"] for r in rows if r["output"] == o)]
                        wanted += ["actions_save"] if saves_grow(results) else []
                    elif args.profile == "all":
                        wanted = [*OUTPUTS, "actions_save"]
                    elif args.profile == "none":
                        wanted = []
                    else:
                        wanted = args.profile.split(",")
                    for output in [o for o in OUTPUTS if o in wanted]:
                        profiles[output] = profile(project, output, built, folder)
                    if "actions_save" in wanted:  # last: it adds actions to the project
                        profiles["actions_save"] = profile_saves(project, built)
            finally:
                project.close()
            path.unlink()
    rows = growth(results)
    wall = time.perf_counter() - started
    if args.json:
        print(json.dumps({"machine": machine, "runs": runs, "results": results,
                          "growth": rows, "profiles": profiles, "wall_s": wall},
                         indent=2, default=str))  # fmt: skip
        return
    if len(results) > 1:
        print_growth(results, rows)
    for output, text in profiles.items():
        print()
        label = LABELS.get(output, "setup: actions.save()")
        print(f"== cProfile of {label} at {results[-1]['project']['scale']}x, top 15 by "
              f"cumulative time")  # fmt: skip
        print(text)
    print()
    print(f"whole run: {wall:.0f} s")


if __name__ == "__main__":
    main()
