"""Pack benchmark: a PDF pack from a project with 5,000 notes and 100 transcribed clips, against
plain reportlab laying out the same text in the same run.

Requirement: a pack of a large project builds in reasonable time. Goal: within 1.5x of plain
reportlab rendering the same text.

The project (built once in a temp folder, timed on its own, then closed and reopened): 4
sessions run under a group agreement, each attended by 12 of 48 invented people with real
names (some with nicknames) and verbal consent to everything; a board per session with 10
themes; --notes notes of 5-25 words from a seeded grammar, about half of them attributed, 9 in
10 in a theme (of uneven sizes), about 1 in 35 with a name, phone number, email or postcode;
anonymous dot votes on about 1 in 7 notes; --clips clips of 1 s of recorded silence, 1-3
speakers each, with a transcript of 250-300 words and "[0:05.0]" timestamps. Everything goes
through the app's services (and its recording sink).

For a pack for "Health board" (every section, no password, no audio):

* plan + decide: ``packs.plan(options)`` (consent selection, the personal-data detector over
  every text going out) then ``anonymise.accept_all(findings)``, timed once each.
* app total: ``packs.build(options, path)``: the plan again, the anonymised document, the
  reportlab layout (cover, contents, summary, themes, quotes, charts, consent, with header,
  footer and watermark on every page), writing the file and the disclosure log. Pages per
  second are its pages over its time.
* inside it, each build: ``packs.plan``, ``packs.document`` and ``export.pdf.render`` (the
  layout) are timed by wrapping them for the call; the rest (writing the file, hashing, the
  disclosure log) is the total minus those three.
* layout alone: ``export.pdf.render(document)`` on the document ``packs.document`` makes
  from the decided plan, outside ``build``.
* baseline, plain reportlab: the same anonymised texts from that document (each theme's name
  as a heading over its notes as bulleted paragraphs, each quote's title over its paragraphs)
  with ``SimpleDocTemplate`` and ``Paragraph``, the app's registered font and similar styles;
  no cover, contents, summary, charts, consent table, header, footer or watermark.

Each timed step runs --runs times, interleaved (build, layout alone, baseline), after an
untimed layout and baseline warm-up and a ``gc.collect()`` before each; medians are reported,
with the ratios to the baseline's time (total: build / baseline; layout: layout alone /
baseline). The two PDFs differ in pages (the app's adds cover, contents, summary, charts and
consent pages; the baseline's pages have no header and footer), hence pages per second too.

This is a benchmark, not a test: it never asserts on times.

Run:  .venv/bin/python benchmarks/packs.py [--notes 5000] [--clips 100] [--runs 3] [--json]
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gc
import io
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from xml.sax.saxutils import escape

import reportlab
from reportlab.lib import rl_accel
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate

from coprod_desktop.domain.board import NOTE_COLOURS, Note, Theme
from coprod_desktop.domain.consent import ConsentRecord, Method
from coprod_desktop.domain.ids import new_id
from coprod_desktop.export import fonts, pdf
from coprod_desktop.export.document import PackDocument
from coprod_desktop.services.packs import PackOptions
from coprod_desktop.services.project import Project, create_project, open_project
from coprod_desktop.storage.recording_sink import ChunkSink

PASSPHRASE = "benchmark-passphrase"
AUDIENCE = "Health board"
SEED = 2026
RATE = 48_000
SESSIONS, PEOPLE_PER_SESSION, THEMES_PER_BOARD = 4, 12, 10
RATIO_GOAL = 1.5
UTC = dt.timezone.utc

FIRST = ["Margaret", "Davie", "Agnieszka", "Imran", "Chiamaka", "Siobhan", "Tommy", "Kwame",
         "Jean", "Karen", "Hamish", "Lorna", "Ravi", "Aileen", "Sam", "Fiona", "Gary", "Mei",
         "Declan", "Nadia", "Stuart", "Bernadette", "Kenny", "Ayesha", "Callum",
         "Rhona"]  # fmt: skip
LAST = ["O'Neill", "Robertson", "Kowalska", "Qureshi", "Eze", "McGuire", "Brennan", "Mensah",
        "Fraser", "Whyte", "Grant", "Davidson", "Patel", "Baird", "Okafor", "Campbell",
        "Lindsay", "Chen", "Quigley", "Tahir", "Reid", "Docherty", "Boyle", "Malik"]  # fmt: skip
ALIASES = {"Margaret": "Maggie", "Davie": "Big Davie", "Agnieszka": "Aga", "Jean": "Jeanie",
           "Siobhan": "Shiv", "Bernadette": "Bernie", "Callum": "Cal"}  # fmt: skip
SESSION_TITLES = ["Illicit tobacco: what we see on our streets", "Getting to the GP and back",
                  "Your street, your voice: youth radio lab",
                  "Money, debt and the cost of living"]  # fmt: skip
THEMES = [
    "Illicit tobacco and cheap goods", "Young people", "Feeling safe", "Money and debt",
    "Buses and getting about", "Health services", "Housing and repairs", "Information and trust",
    "Places to meet", "Shops and the high street", "Waiting times", "Appointments and phones",
    "Carers", "Pharmacy", "Mental health", "Older people", "Transport costs", "Walking routes",
    "Lighting at night", "Online and digital", "School and after school", "Sport and clubs",
    "Police and reporting", "Vaping", "Jobs and training", "Parks and green space",
    "Noise and neighbours", "Music and radio", "What would help", "Food and heating",
    "Benefits and forms", "Landlords", "Energy bills", "Advice services", "Food banks",
    "Childcare", "Loneliness", "Language and leaflets", "Being listened to", "Next steps",
]  # fmt: skip
SUBJECTS = ["The bus", "Our street", "Young people", "The GP surgery", "The council",
            "Folk round here", "The chemist", "My neighbour", "The school", "Landlords",
            "The community centre", "Older people", "The shop on the corner", "Parents",
            "The police", "The health board", "Everybody I know", "The youth club",
            "Trading Standards", "The housing office", "Carers", "The library"]  # fmt: skip
VERBS = ["needs", "should offer", "never has", "could use", "is missing", "keeps cutting",
         "would welcome", "does not listen about", "makes it hard to find", "has stopped",
         "talks a lot about", "used to have", "cannot afford", "asked again for"]  # fmt: skip
OBJECTS = ["later opening hours", "a safe place to meet", "better lighting at night",
           "clear information in plain English", "cheaper fares for carers", "someone to talk to",
           "more bins and benches", "help with energy bills", "a proper youth club",
           "appointments after work", "translated leaflets", "advice about debt",
           "ramps and handrails", "a drop-in on Saturdays", "fags under the counter",
           "cheap vapes sold to kids", "a bus that turns up", "repairs that get done",
           "a phone line that answers", "somewhere warm in the day", "free period products",
           "a walk-in clinic", "football on a Friday night", "a named worker"]  # fmt: skip
TAILS = ["because the last one closed", "especially in winter", "for people who work shifts",
         "before somebody gets hurt", "like it used to be", "and nobody tells us why",
         "so kids are not on the street", "without a long wait", "near the high street",
         "at a price folk can pay", "for those without a car",
         "in more than one language"]  # fmt: skip
EXTRAS = ["Nobody knows who to ask.", "It has got worse this year.", "Same as last time.",
          "We said this before.", "Ask the young ones.", "Money is the big thing.",
          "It would make a real difference.", "People are scared to complain.",
          "The forms are far too long.", "You just give up in the end.",
          "Most folk do not even know it exists.", "It works in the next town over."]  # fmt: skip
SPOKEN = ["I think", "To be honest", "You know,", "See,", "The thing is,", "Honestly,",
          "I mean,", "For me,", "What I'd say is"]  # fmt: skip
KINDS = ["Vox pop", "Interview", "Statement", "Story", "Conversation"]


# -- the project ----------------------------------------------------------------------------


def sentence(rng: random.Random) -> str:
    words = [rng.choice(SUBJECTS), rng.choice(VERBS), rng.choice(OBJECTS)]
    if rng.random() < 0.6:
        words.append(rng.choice(TAILS))
    return " ".join(words) + "."


def personal(rng: random.Random, people: list[tuple[str, str]]) -> str:
    """A sentence with personal data: a known person, a phone number, an email or a postcode."""
    real, alias = rng.choice(people)
    first, last = real.split(" ", 1)
    mail = f"{first}.{last}@example.com".lower().replace("'", "")
    return rng.choice([
        f"{alias or first} said to phone her on 07700 900{rng.randrange(1000):03d}.",
        f"Call {first} on 0141 496 0{rng.randrange(1000):03d} about the rota.",
        f"Email {mail} for the lunch club.",
        f"{real} runs the group at G{rng.randint(1, 53)} {rng.randint(1, 9)}XX on Tuesdays.",
        f"Mrs {last} from the flats said the same.",
    ])  # fmt: skip


def note_text(rng: random.Random, people: list[tuple[str, str]]) -> str:
    """5 to 25 words in whole sentences; about 1 in 35 notes names someone or carries contact
    details."""
    extra = personal(rng, people) if rng.random() < 1 / 35 else ""
    target, parts, words = rng.randint(5, 25), [], len(extra.split())
    while words < target:
        part = sentence(rng) if rng.random() < 0.7 else rng.choice(EXTRAS)
        if words >= 5 and words + len(part.split()) > 25:
            break
        parts.append(part)
        words += len(part.split())
    if extra:
        parts.insert(rng.randrange(len(parts) + 1), extra)
    return " ".join(parts)


def transcript(rng: random.Random, people: list[tuple[str, str]], words: int = 250) -> str:
    """About `words` spoken words, a timestamp every line, a blank line every few lines."""
    lines, count, ms = [], 0, rng.randint(2, 9) * 100
    while count < words:
        said = []
        for _ in range(rng.randint(1, 3)):
            text = sentence(rng)
            if rng.random() < 0.5:
                lower = text if text.startswith("Trading") else text[0].lower() + text[1:]
                text = f"{rng.choice(SPOKEN)} {lower}"
            said.append(text)
        if rng.random() < 0.08:
            said.append(personal(rng, people))
        line = " ".join(said)
        minutes, rest = divmod(ms // 100, 600)
        lines.append(f"[{minutes}:{rest // 10:02d}.{rest % 10}] {line}")
        count += len(line.split())
        ms += rng.randint(30, 90) * 100
        if len(lines) % 4 == 0:
            lines.append("")
    return "\n".join(lines).strip()


def consent(project: Project, person_id: str) -> None:
    form = project.consent.current_form()
    project.consent.record(ConsentRecord(
        id="", participant_id=person_id, form_id=form.id, form_version=form.version,
        form_hash=form.content_hash, given_at=dt.datetime(2026, 9, 1, 10, tzinfo=UTC),
        method=Method.VERBAL, decisions={i.key: i.key != "credited" for i in form.items},
        partner_decisions={p: True for p in form.partners}, witness="Facilitator A"))  # fmt: skip


def build_project(path: Path, n_notes: int, n_clips: int) -> dict:
    rng = random.Random(SEED)
    project = create_project(path, PASSPHRASE, "Pack bench", actor="bench")
    pairs = rng.sample([(f, s) for f in FIRST for s in LAST], SESSIONS * PEOPLE_PER_SESSION)
    people, known = [], []
    for first, surname in pairs:
        real, alias = f"{first} {surname}", ALIASES.get(first, "")
        p = replace(project.participants.draft(), real_name=real,
                    aliases=(alias,) if alias else ())  # fmt: skip
        people.append(project.participants.save(p).id)
        known.append((real, alias))
        consent(project, people[-1])
    sessions, boards, themes = [], [], []
    for k, title in enumerate(SESSION_TITLES[:SESSIONS]):
        attendees = people[k * PEOPLE_PER_SESSION : (k + 1) * PEOPLE_PER_SESSION]
        session = replace(project.sessions.draft(), title=title, venue="Community hall",
                          date=dt.date(2026, 9, 5) + dt.timedelta(weeks=2 * k),
                          group_agreement=True, participant_ids=frozenset(attendees))  # fmt: skip
        sessions.append((project.sessions.save(session).id, attendees))
        board = project.boards.create_board(sessions[-1][0], "Wall")
        boards.append(board.id)
        names_here = THEMES[k * THEMES_PER_BOARD : (k + 1) * THEMES_PER_BOARD]
        themes.append([project.boards.save_theme(Theme(new_id(), board.id, name,
                                                       x=760.0 * t, y=0.0)).id
                       for t, name in enumerate(names_here)])  # fmt: skip
    colours = list(NOTE_COLOURS)
    db = project.file.db
    for k, ((_sid, attendees), board_id) in enumerate(zip(sessions, boards, strict=True)):
        count = n_notes // SESSIONS + (k < n_notes % SESSIONS)
        weights = [1 + 3 * rng.random() for _ in themes[k]]  # themes of uneven sizes
        added = []
        with db.atomic():
            for i in range(count):
                theme = rng.choices(themes[k], weights)[0] if rng.random() < 0.9 else None
                author = rng.choice(attendees) if rng.random() < 0.5 else None
                note = Note("", board_id, note_text(rng, known), rng.choice(colours),
                            x=16.0 + 176 * (i % 40), y=600.0 + 126 * (i // 40),
                            author_id=author, theme_id=theme)  # fmt: skip
                added.append(project.boards.add_note(note).id)
            round_ = project.boards.open_round(board_id, 5, anonymous=True)
            for note_id in rng.sample(added, len(added) // 7):
                for _ in range(rng.randint(1, 4)):
                    project.boards.cast_vote(round_.id, note_id)
    pcm = bytes(RATE * 2)  # 1 s of 16-bit mono silence
    conn = project.file.connect_again()  # the recorder's connection (one: each costs a KDF)
    for c in range(n_clips):
        session_id, attendees = sessions[c % SESSIONS]
        sink = ChunkSink(conn, RATE)  # one per take, as in the app
        rid = sink.start(session_id, rng.sample(attendees, rng.randint(1, 3)))
        sink.write(pcm)
        sink.finish()
        title = f"{rng.choice(KINDS)}: {rng.choice(OBJECTS)} ({c + 1})"
        clip = project.radio.add_recorded(rid, title)
        project.radio.save_clip(replace(clip, transcript=transcript(rng, known)))
    conn.close()
    counts = project.boards.counts()
    project.close()
    return {"people": len(people), "sessions": SESSIONS, "themes": counts["themes"],
            "notes": counts["notes"], "votes": counts["votes"], "clips": n_clips,
            "file_mb": path.stat().st_size / 1e6}  # fmt: skip


# -- the baseline ---------------------------------------------------------------------------


def plain_reportlab(document: PackDocument) -> tuple[bytes, int]:
    """The document's theme and quote texts laid out with plain platypus, one pass."""
    fonts.register()
    body = ParagraphStyle("body", fontName=fonts.REGULAR, fontSize=10.5, leading=14)
    heading = ParagraphStyle("h2", parent=body, fontName=fonts.BOLD, fontSize=12.5, leading=16,
                             spaceBefore=10, spaceAfter=4)  # fmt: skip
    note = ParagraphStyle("note", parent=body, leftIndent=12, bulletIndent=2, spaceAfter=3,
                          bulletFontName=fonts.REGULAR)  # fmt: skip
    quote = ParagraphStyle("quote", parent=body, leftIndent=14, rightIndent=14, spaceAfter=6)
    story = []
    for block in document.themes:
        story.append(Paragraph(escape(block.name or "Not in a theme"), heading))
        for text, votes in block.notes:
            suffix = f" ({votes} vote{'s' if votes != 1 else ''})" if votes else ""
            story.append(Paragraph(escape(text + suffix), note, bulletText="•"))
    for q in document.quotes:
        story.append(Paragraph(escape(q.title), heading))
        story += [Paragraph(escape(p).replace("\n", "<br/>"), quote)
                  for p in q.text.split("\n\n") if p.strip()]  # fmt: skip
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm,
                            topMargin=20 * mm, bottomMargin=20 * mm)  # fmt: skip
    doc.build(story)
    return buffer.getvalue(), doc.page


# -- measuring ------------------------------------------------------------------------------


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    gc.collect()  # no collection of earlier garbage inside the timing
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


@contextlib.contextmanager
def spied(owner: object, name: str, times: list[float]) -> Iterator[None]:
    """Time every call of ``owner.name`` (a module function or a method of one object)."""
    had, original = name in vars(owner), getattr(owner, name)

    def timed_call(*args, **kwargs):
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            times.append(time.perf_counter() - start)

    setattr(owner, name, timed_call)
    try:
        yield
    finally:
        if had:
            setattr(owner, name, original)
        else:
            delattr(owner, name)


def measure(project: Project, tmp: Path, runs: int) -> dict:
    options = PackOptions(AUDIENCE)
    plan_s, plan = timed(lambda: project.packs.plan(options))
    accept_s, accepted = timed(lambda: project.anonymise.accept_all(plan.findings))
    plan = project.packs.plan(options)
    if plan.undecided:
        raise RuntimeError(f"{plan.undecided} detections are still undecided")
    document = project.packs.document(plan, "PK-BENCH", dt.datetime.now(UTC), {})
    pdf.render(document)  # warm-ups: imports, fonts, caches
    plain_reportlab(document)
    t: dict[str, list[float]] = {k: [] for k in ("app", "plan", "document", "render", "alone",
                                                 "plain")}  # fmt: skip
    for run in range(runs):
        target = tmp / f"pack-{run}.pdf"
        with (spied(project.packs, "plan", t["plan"]),
              spied(project.packs, "document", t["document"]),
              spied(pdf, "render", t["render"])):  # fmt: skip
            elapsed, result = timed(lambda p=target: project.packs.build(options, p))
        t["app"].append(elapsed)
        target.unlink()
        elapsed, (data, alone_pages) = timed(lambda: pdf.render(document))
        t["alone"].append(elapsed)
        elapsed, (plain, plain_pages) = timed(lambda: plain_reportlab(document))
        t["plain"].append(elapsed)
    rest = [a - p - d - r for a, p, d, r in zip(t["app"], t["plan"], t["document"], t["render"],
                                                strict=True)]  # fmt: skip
    m = {f"{k}_s": statistics.median(v) for k, v in t.items()}
    return {
        "audience": AUDIENCE,
        "notes_in_pack": result.notes,
        "clips_in_pack": result.clips,
        "people_in_pack": result.people,
        "theme_blocks": len(document.themes),
        "characters": sum(len(text) for b in document.themes for text, _v in b.notes)
        + sum(len(q.text) for q in document.quotes),
        "findings": len(plan.findings),
        "accepted": accepted,
        "first_plan_s": plan_s,
        "accept_all_s": accept_s,
        **m,
        "rest_s": statistics.median(rest),
        "app_pages": result.pages,
        "alone_pages": alone_pages,
        "plain_pages": plain_pages,
        "app_mb": len(data) / 1e6,
        "plain_mb": len(plain) / 1e6,
        "ratio_total": m["app_s"] / m["plain_s"],
        "ratio_layout": m["alone_s"] / m["plain_s"],
        "runs": {**t, "rest": rest},
    }


def print_table(built: dict, build_s: float, r: dict, runs: int) -> None:
    print(f"project: {built['notes']} notes ({built['votes']} dots), {built['themes']} themes, "
          f"{built['sessions']} sessions, {built['people']} people, {built['clips']} clips; "
          f"built in {build_s:.1f} s, {built['file_mb']:.1f} MB")  # fmt: skip
    print(f"pack for {r['audience']}: {r['notes_in_pack']} notes in {r['theme_blocks']} theme "
          f"blocks, {r['clips_in_pack']} quotes, {r['people_in_pack']} people, "
          f"{r['characters']:,} characters of text")  # fmt: skip
    print(f"plan (consent + detector), first: {r['first_plan_s']:.2f} s, {r['findings']} "
          f"detections; accept_all: {r['accept_all_s']:.2f} s "
          f"({r['accepted']} decisions)")  # fmt: skip
    print()
    print(f"{'measurement (median of ' + str(runs) + ')':<46}{'time':>9}{'pages':>7}"
          f"{'pages/s':>9}{'vs plain':>10}")  # fmt: skip

    def row(label: str, seconds: float, pages: int | None = None, ratio: bool = False) -> None:
        shown = f"{pages:>7}{pages / seconds:>9.1f}" if pages else f"{'':>16}"
        vs = f"{seconds / r['plain_s']:>9.2f}x" if ratio else ""
        print(f"{label:<46}{seconds:>8.2f}s{shown}{vs}".rstrip())

    row("app total: packs.build()", r["app_s"], r["app_pages"], ratio=True)
    row("  in it: plan (consent, detector, decisions)", r["plan_s"])
    row("  in it: document (anonymised texts)", r["document_s"])
    row("  in it: layout, export.pdf.render()", r["render_s"], r["app_pages"], ratio=True)
    row("  in it: rest (write, hash, disclosure log)", r["rest_s"])
    row("layout alone: export.pdf.render(document)", r["alone_s"], r["alone_pages"], ratio=True)
    row("plain reportlab, same texts (baseline)", r["plain_s"], r["plain_pages"])
    print()
    print(f"packs: app {r['app_s']:.2f} s for {r['app_pages']} pages "
          f"({r['app_pages'] / r['app_s']:.1f} pages/s) vs plain reportlab {r['plain_s']:.2f} s "
          f"for {r['plain_pages']} pages ({r['plain_pages'] / r['plain_s']:.1f} pages/s): "
          f"ratio {r['ratio_total']:.2f}x total, {r['ratio_layout']:.2f}x layout alone "
          f"(goal < {RATIO_GOAL}x)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=5000, help="notes (default 5000)")
    parser.add_argument("--clips", type=int, default=100, help="clips (default 100)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each (default 3)")
    parser.add_argument("--json", action="store_true", help="print machine-readable results")
    args = parser.parse_args()
    runs = max(1, args.runs)
    accel = "C" if rl_accel._c_funcs else "Python"
    machine = (f"Python {sys.version.split()[0]} on {platform.platform()}, {os.cpu_count()} "
               f"CPUs; reportlab {reportlab.Version} ({accel} accelerators)")  # fmt: skip
    if not args.json:
        print(machine)
    with tempfile.TemporaryDirectory(prefix="coprod-packs-bench-") as tmp:
        path = Path(tmp) / "packs.coprod"
        build_s, built = timed(lambda: build_project(path, max(0, args.notes), max(0, args.clips)))
        project = open_project(path, PASSPHRASE, actor="bench")
        try:
            result = measure(project, Path(tmp), runs)
        finally:
            project.close()
    if args.json:
        print(json.dumps({"machine": machine, "project": built, "build_s": build_s,
                          "runs": runs, "result": result}, indent=2))  # fmt: skip
    else:
        print_table(built, build_s, result, runs)


if __name__ == "__main__":
    main()
