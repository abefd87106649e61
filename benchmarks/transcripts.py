"""Transcript benchmark: a pack from a project with one clip whose transcript is 10k, 100k and 1M
characters, against plain reportlab laying out the same text split into paragraphs.

Requirement (issue 16, point 4): pack building is linear in transcript length. Goals: time per
character flat within 1.5x across the sizes; a 1M-character transcript's pack in under 15 s on
this machine; the building process's peak memory under 400 MB.

The transcripts are radio-lab speech from a seeded grammar (benchmarks/packs.py's sentences):
one line per speaker turn, each opening with a timestamp and a speaker ("[12:03.5] P-03: …"),
no blank lines (a facilitator types or pastes one long transcript), about 1 turn in 25 a long
monologue of 1,500-4,000 characters, and about 1 turn in 12 naming someone or giving a phone
number, an email or a postcode (so the detector has work and the facilitator decisions to
make). Two variants:

* ``speech``: as above;
* ``markup``: the same, with markup-like text in about 1 turn in 3: ``<b>``, ``</i>``,
  ``<font size=40>``, ``<para>``, unbalanced tags, ``&``, ``&amp;``, ``a < b > c``, URLs with
  query strings, and runs without spaces (laughter, keyboard mash, a pasted token) of 100 to
  6,000 characters.

Each measurement runs in a child process of its own (so that its peak memory is its own):

* app: a project (4 people with real names and verbal consent to everything, one session
  under a group agreement, one clip of 1 s of recorded silence with 2 speakers and the
  transcript) is built and reopened, untimed. Then, timed: ``packs.plan`` (consent selection
  and the personal-data detector), ``anonymise.accept_all`` (a decision stored for each
  detection) and ``packs.build`` (the plan again, the anonymised document, the reportlab
  layout, writing the file and the disclosure log), with ``export.pdf.render`` (the layout)
  timed inside it. The headline is plan + accept_all + build: what the facilitator waits for.
* plain: plain reportlab lays out the same transcript (timestamps removed, as in the pack)
  with one ``Paragraph`` per line, ``SimpleDocTemplate``, the app's font and quote style; no
  detector, no cover, contents, header, footer or watermark.

A pack from a 500-character transcript is measured the same way: what any pack costs, whatever
its transcript (cover, contents, summary, charts, consent, opening the file).

Peak memory is the child's peak resident set size (VmHWM) while the timed steps run: reset
through /proc/self/clear_refs just before them (Linux), else ``ru_maxrss`` (since the child
started). Reported per size: seconds, microseconds per character, its ratio to the smallest
size's (flat is 1.0; the goal is at most 1.5), pages, peak MB, and the ratio app / plain. A
child that runs past --timeout is stopped and reported as such. Medians of --runs.

This is a benchmark, not a test: it never asserts on times.

Run:  .venv/bin/python benchmarks/transcripts.py [--sizes 10000,100000,1000000]
          [--variants speech,markup] [--runs 1] [--timeout 600] [--json]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from packs import (  # noqa: E402
    PASSPHRASE,
    SPOKEN,
    consent,
    personal,
    sentence,
)

AUDIENCE = "Health board"
SEED = 1616
RATE = 48_000
GOAL_FLAT, GOAL_1M_S, GOAL_PEAK_MB = 1.5, 15.0, 400.0
BASE = 500  # characters: a short transcript, whose pack shows what any pack costs
PEOPLE = [("Margaret O'Neill", "Maggie"), ("Davie Brennan", "Big Davie"),
          ("Agnieszka Kowalska", "Aga"), ("Imran Qureshi", "")]  # fmt: skip
SPEAKERS = ["P-01", "P-02", "P-03", "P-04", "P-07", "P-12", "Facilitator"]
MARKUP = [
    "<b>", "</b>", "</i>", "<i>", "<font size=40>", "<para>", "</para>", "<br/>", "<<", ">>",
    "a < b > c", "&", "&amp;", "&lt;b&gt;", "&#x41;", "x<y", "5 > 3", "<3", "->", "<-",
    "<img src='x.png'/>", "<a href=\"#\">", "]]>", "<!-- -->", "<unclosed attr='",
]  # fmt: skip
URLS = ["https://example.org/forms/apply?id=12&step=<2>&ok=yes",
        "www.example.com/path/to/page#section", "http://a.example.net/?q=fags&where=corner+shop",
        "https://link.example/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"]  # fmt: skip
RUNS = ["ha", "a", "!", "lol", "x", "abcdef0123456789", "-", "="]


# -- the transcripts ------------------------------------------------------------------------


def _no_space_run(rng: random.Random) -> str:
    unit = rng.choice(RUNS)
    return (unit * (rng.randint(100, 6000) // len(unit) + 1))[: rng.randint(100, 6000)]


def _markup(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.5:
        return " ".join(rng.choice(MARKUP) for _ in range(rng.randint(1, 4)))
    if roll < 0.75:
        return rng.choice(URLS)
    return _no_space_run(rng)


def transcript(chars: int, markup: bool, seed: int = SEED) -> str:
    """About `chars` characters of radio-lab speech, one turn a line (see the module text)."""
    rng = random.Random(seed)
    known = list(PEOPLE)
    lines, size, ms = [], 0, rng.randint(2, 9) * 100
    while size < chars:
        sentences = rng.randint(15, 40) if rng.random() < 0.04 else rng.randint(1, 3)
        said = []
        for _ in range(sentences):
            text = sentence(rng)
            if rng.random() < 0.5:
                lower = text if text.startswith("Trading") else text[0].lower() + text[1:]
                text = f"{rng.choice(SPOKEN)} {lower}"
            said.append(text)
        if rng.random() < 1 / 12:
            said.insert(rng.randrange(len(said) + 1), personal(rng, known))
        if markup and rng.random() < 1 / 3:
            said.insert(rng.randrange(len(said) + 1), _markup(rng))
        minutes, rest = divmod(ms // 100, 600)
        line = f"[{minutes}:{rest // 10:02d}.{rest % 10}] {rng.choice(SPEAKERS)}: {' '.join(said)}"
        lines.append(line)
        size += len(line) + 1
        ms += rng.randint(30, 150) * 100
    return "\n".join(lines)[:chars].rstrip()


# -- one measurement, in a child process -----------------------------------------------------


def _reset_peak() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def _peak_mb(reset: bool) -> float:
    if reset:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _project(path: Path, text: str) -> None:
    from coprod_desktop.services.project import create_project
    from coprod_desktop.storage.recording_sink import ChunkSink

    project = create_project(path, PASSPHRASE, "Transcript bench", actor="bench")
    people = []
    for real, alias in PEOPLE:
        p = dataclasses.replace(project.participants.draft(), real_name=real,
                                aliases=(alias,) if alias else ())  # fmt: skip
        people.append(project.participants.save(p).id)
        consent(project, people[-1])
    session = dataclasses.replace(
        project.sessions.draft(),
        title="Radio lab: the corner shop",
        venue="Community hall",
        date=dt.date(2026, 9, 5),
        group_agreement=True,
        participant_ids=frozenset(people),
    )
    session_id = project.sessions.save(session).id
    conn = project.file.connect_again()
    sink = ChunkSink(conn, RATE)
    rid = sink.start(session_id, people[:2])
    sink.write(bytes(RATE * 2))
    sink.finish()
    conn.close()
    clip = project.radio.add_recorded(rid, "Interview: the corner shop")
    project.radio.save_clip(dataclasses.replace(clip, transcript=text))
    project.close()


def _pack(path: Path, out: Path) -> dict:
    """Plan, decide and build the pack of the project at `path`, each step timed."""
    from coprod_desktop.export import pdf
    from coprod_desktop.services.packs import PackOptions
    from coprod_desktop.services.project import open_project

    project = open_project(path, PASSPHRASE, actor="bench")
    render_s: list[float] = []
    original = pdf.render

    def timed_render(*args, **kwargs):
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            render_s.append(time.perf_counter() - start)

    pdf.render = timed_render
    try:
        options = PackOptions(AUDIENCE)
        reset = _reset_peak()
        t0 = time.perf_counter()
        plan = project.packs.plan(options)
        t1 = time.perf_counter()
        accepted = project.anonymise.accept_all(plan.findings)
        t2 = time.perf_counter()
        result = project.packs.build(options, out)
        t3 = time.perf_counter()
        peak = _peak_mb(reset)
    finally:
        pdf.render = original
        project.close()
    return {"plan_s": t1 - t0, "accept_s": t2 - t1, "build_s": t3 - t2, "render_s": render_s[0],
            "total_s": t3 - t0, "pages": result.pages, "findings": len(plan.findings),
            "accepted": accepted, "peak_mb": peak, "pdf_mb": out.stat().st_size / 1e6,
            "peak_from": "VmHWM" if reset else "ru_maxrss"}  # fmt: skip


def child_app(chars: int, markup: bool) -> dict:
    """A warm-up pack from a 2,000-character transcript (fonts, name lists and patterns load
    once per app session), then the measured one."""
    text = transcript(chars, markup)
    with tempfile.TemporaryDirectory(prefix="coprod-transcripts-bench-") as tmp:
        warm = Path(tmp) / "warm.coprod"
        _project(warm, transcript(2000, markup, SEED + 1))
        first = _pack(warm, Path(tmp) / "warm.pdf")
        path = Path(tmp) / "bench.coprod"
        _project(path, text)
        result = _pack(path, Path(tmp) / "pack.pdf")
    return {"chars": len(text), **result, "warm_up_s": first["total_s"]}


def child_plain(chars: int, markup: bool) -> dict:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from coprod_desktop.export import fonts
    from coprod_desktop.services.pack_text import without_timestamps

    def layout(text: str) -> tuple[BytesIO, SimpleDocTemplate]:
        story = [Paragraph(escape(line), style)
                 for line in without_timestamps(text).split("\n") if line.strip()]  # fmt: skip
        buffer = BytesIO()
        doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm,
                                topMargin=20 * mm, bottomMargin=20 * mm)  # fmt: skip
        doc.build(story)
        return buffer, doc

    text = transcript(chars, markup)
    fonts.register()
    style = ParagraphStyle("quote", fontName=fonts.REGULAR, fontSize=10.5, leading=14,
                           leftIndent=14, rightIndent=14)  # fmt: skip
    layout(transcript(2000, markup, SEED + 1))  # the same warm-up as the app's
    reset = _reset_peak()
    start = time.perf_counter()
    buffer, doc = layout(text)
    elapsed = time.perf_counter() - start
    return {
        "chars": len(text),
        "total_s": elapsed,
        "pages": doc.page,
        "peak_mb": _peak_mb(reset),
        "pdf_mb": len(buffer.getvalue()) / 1e6,
    }


def run_child(kind: str, chars: int, variant: str, timeout: float) -> dict:
    cmd = [sys.executable, __file__, "--child", kind, "--chars", str(chars), "--variant", variant]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return {"timeout": timeout}
    if done.returncode:
        raise RuntimeError(f"{kind} {variant} {chars}: {done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# -- the table ------------------------------------------------------------------------------


def summarise(rows: dict) -> dict:
    """Medians of the runs, per (variant, size, kind), with the time per character."""
    out: dict = {}
    for (variant, chars, kind), runs in rows.items():
        done = [r for r in runs if "timeout" not in r]
        if not done:
            out[(variant, chars, kind)] = {"timeout": runs[0]["timeout"]}
            continue
        med = {k: statistics.median(r[k] for r in done) for k in done[0]
               if isinstance(done[0][k], (int, float))}  # fmt: skip
        med["us_per_char"] = med["total_s"] / med["chars"] * 1e6
        out[(variant, chars, kind)] = med
    return out


def print_table(summary: dict, sizes: list[int], variants: list[str]) -> None:
    head = (f"{'variant':<8}{'chars':>10}  {'what':<26}{'time':>9}{'µs/char':>9}{'flat':>6}"
            f"{'pages':>7}{'peak MB':>9}{'vs plain':>10}")  # fmt: skip
    print(head)
    print("-" * len(head))
    for variant in variants:
        for kind in ("app", "plain"):
            label = "app: plan+decide+build" if kind == "app" else "plain reportlab (baseline)"
            base = summary.get((variant, BASE, kind), {})
            if "total_s" in base:
                print(f"{variant:<8}{BASE:>10,}  {label:<26}{base['total_s']:>8.2f}s"
                      "   (a short transcript: what any pack costs)")  # fmt: skip
            first = summary.get((variant, sizes[0], kind), {})
            for chars in sizes:
                r = summary[(variant, chars, kind)]
                if "timeout" in r:
                    print(f"{variant:<8}{chars:>10,}  {label:<26}  stopped after "
                          f"{r['timeout']:.0f} s")  # fmt: skip
                    continue
                flat = r["us_per_char"] / first.get("us_per_char", float("nan"))
                plain = summary[(variant, chars, "plain")]
                vs = (f"{r['total_s'] / plain['total_s']:>9.2f}x"
                      if kind == "app" and "total_s" in plain else "")  # fmt: skip
                print(f"{variant:<8}{chars:>10,}  {label:<26}{r['total_s']:>8.2f}s"
                      f"{r['us_per_char']:>9.1f}{flat:>6.2f}{r['pages']:>7.0f}"
                      f"{r['peak_mb']:>9.0f}{vs}")  # fmt: skip
                if kind == "app":
                    print(f"{'':<20}in it: plan {r['plan_s']:.2f} s ({r['findings']:.0f} "
                          f"detections), accept_all {r['accept_s']:.2f} s, build "
                          f"{r['build_s']:.2f} s (layout {r['render_s']:.2f} s)")  # fmt: skip
    print()
    print("flat: the time per character as a ratio to the smallest size's")
    for variant in variants:
        app = [summary[(variant, c, "app")] for c in sizes]
        if any("timeout" in r for r in app) or len(app) < 2:
            print(f"{variant}: not every size finished, or only one size was run")
            continue
        per = [r["us_per_char"] for r in app]
        print(f"{variant}: time per character max/min {max(per) / min(per):.2f}x (goal ≤ "
              f"{GOAL_FLAT}x); {sizes[-1]:,} characters in {app[-1]['total_s']:.1f} s (goal "
              f"for 1,000,000: under {GOAL_1M_S:.0f} s); peak "
              f"{max(r['peak_mb'] for r in app):.0f} MB "
              f"(goal < {GOAL_PEAK_MB:.0f} MB)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        default="10000,100000,1000000",
        help="transcript lengths in characters, comma-separated",
    )
    parser.add_argument("--variants", default="speech,markup", help="speech and/or markup")
    parser.add_argument("--runs", type=int, default=1, help="runs of each child (default 1)")
    parser.add_argument("--timeout", type=float, default=600, help="seconds per child")
    parser.add_argument("--json", action="store_true", help="print machine-readable results")
    parser.add_argument("--child", choices=("app", "plain"), help=argparse.SUPPRESS)
    parser.add_argument("--chars", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--variant", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run = child_app if args.child == "app" else child_plain
        print(json.dumps(run(args.chars, args.variant == "markup")))
        return
    import reportlab

    sizes = sorted(int(s) for s in args.sizes.split(","))
    variants = [v for v in args.variants.split(",") if v]
    machine = (f"Python {sys.version.split()[0]} on {platform.platform()}, {os.cpu_count()} "
               f"CPUs; reportlab {reportlab.Version}")  # fmt: skip
    rows: dict = {}
    for _run in range(max(1, args.runs)):
        for variant in variants:
            for chars in [BASE, *sizes]:
                for kind in ("plain", "app"):
                    r = run_child(kind, chars, variant, args.timeout)
                    rows.setdefault((variant, chars, kind), []).append(r)
                    if not args.json:
                        shown = (
                            f"stopped after {r['timeout']:.0f} s"
                            if "timeout" in r
                            else f"{r['total_s']:.2f} s, peak {r['peak_mb']:.0f} MB"
                        )
                        print(f"  {variant} {chars:,} {kind}: {shown}", file=sys.stderr)
    summary = summarise(rows)
    if args.json:
        print(
            json.dumps(
                {
                    "machine": machine,
                    "runs": args.runs,
                    "results": [
                        {"variant": v, "chars": c, "kind": k, **r}
                        for (v, c, k), r in summary.items()
                    ],
                },
                indent=2,
            )
        )
    else:
        print(machine)
        print_table(summary, sizes, variants)


if __name__ == "__main__":
    main()
