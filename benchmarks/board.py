"""Board benchmark: open, pan and quick-capture on a board of 100 and of 5,000 sticky notes.

Requirement: a board of 5,000 notes opens, pans and accepts a new note without visible delay.
Goal: opening under 1 s; add latency flat (the 5,000-note median within 1.5x of the 100-note
one). Both sizes run in the same process, so the ratio compares like with like.

For each N, a fresh encrypted project in a temp folder gets one session, one board, 10 themes
(2x2 cells each, 40 notes in them) and N notes in a 40-column grid, inserted in one
transaction. The project is closed and reopened (cold SQLite cache), then on a shown 1280x800
``BoardPage`` (offscreen Qt platform):

* open: a new ``BoardPage(project)`` + ``refresh()`` + ``processEvents()`` + one frame
  (``view.viewport().grab()``): the first open, and the median of 3 more; also the
  service-only ``project.boards.notes(board_id)`` (median of 5).
* pan: the view is scrolled corner to corner in 20 steps (scroll bars + ``repaint()``);
  median and worst step.
* add: 50 consecutive ``page.add_note(text)`` (the quick-capture path: place, commit, show,
  undo entry), each followed by ``processEvents()`` and timed on its own, after 3 untimed
  warm-ups; median and 95th percentile. Then 50 service-only ``project.boards.add_note``.

Layout (issue 14), at 100, 1,000 and 5,000 notes (and 50,000 with --big, without the page),
on the same board: the 10 themes are full (2x2 notes) and a dense 40-column grid of notes lies
below them, so moving notes into a theme makes it grow and pushes the grid down.

* tidy up: ``project.boards.tidy_up(board_id)`` (load, lay out, write every changed row in one
  transaction) and its undo ``put_layout(before)``, median of 3; the domain rule alone
  (``board_layout.tidy`` on notes in memory); on the page, ``page.tidy_up()`` + events (writes,
  then moves the items on the canvas), median of 3, each undone through the undo stack.
* move to theme: 20 notes into a theme with room (an empty one beside the board), and into a
  full theme (it grows and what is below moves down), through the service (median of 5 and
  of 3) and on the page (``page.move_into_theme``, median of 3), each undone between runs.
* baselines, same run: the page's add-note median above, and a naive O(n^2) overlap check of
  the board's notes (every pair; the rules use a bucket grid instead, timed as "overlap
  check"): a cost that grows like the naive check is superlinear.

This is a benchmark, not a test: it never asserts on times.

Run:  .venv/bin/python benchmarks/board.py [--json] [--sizes 100 5000]
          [--layout-sizes 100 1000 5000] [--big]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication

from coprod_desktop.domain import board_layout as lay
from coprod_desktop.domain.board import GAP, NOTE_COLOURS, NOTE_SIZE, Note, Theme
from coprod_desktop.domain.ids import new_id
from coprod_desktop.services.project import create_project, open_project
from coprod_desktop.storage import board_repo
from coprod_desktop.ui.board_page import BoardPage

PASSPHRASE = "benchmark-passphrase"
COLUMNS, THEMES, ADDS, PAN_STEPS = 40, 10, 50, 20
MOVED, NAIVE_LIMIT = 20, 5000  # notes per move to theme; largest board for the naive check
OPEN_GOAL, RATIO_GOAL = 1.0, 1.5
CELL_W, CELL_H = NOTE_SIZE[0] + GAP, NOTE_SIZE[1] + GAP
COLOURS = list(NOTE_COLOURS)


def ms(seconds: list[float]) -> dict[str, float]:
    """Median, 95th percentile and worst of timings, in milliseconds."""
    values = sorted(s * 1000 for s in seconds)
    p95 = statistics.quantiles(values, n=20, method="inclusive")[-1] if len(values) > 1 else 0
    return {"median": statistics.median(values), "p95": p95, "max": values[-1]}


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def build(path: Path, n: int) -> str:
    """A project with one board of `n` notes in a grid, the first 40 of them in 10 themes."""
    project = create_project(path, PASSPHRASE, "Board bench", actor="bench")
    session = project.sessions.save(replace(project.sessions.draft(), title="Bench"))
    board = project.boards.create_board(session.id, "Bench")
    for k in range(THEMES):
        area = Theme(new_id(), board.id, f"Theme {k + 1}", x=2 * k * CELL_W, y=0.0)
        project.boards.save_theme(replace(area, width=2 * CELL_W, height=40 + 2 * CELL_H + GAP))
    themes = [t.id for t in sorted(project.boards.themes(board.id), key=lambda t: t.x)]
    db = project.file.db
    with db.atomic():
        for i in range(n):
            row, col = divmod(i, COLUMNS)
            theme = themes[col // 2] if row < 2 and col < 2 * THEMES else None
            x, y = GAP + col * CELL_W, 40 + GAP + row * CELL_H
            text, colour = f"Idea {i}: bench note text", COLOURS[i % len(COLOURS)]
            board_repo.insert_note(db, Note(new_id(), board.id, text, colour, x, y, theme_id=theme))
    project.close()
    return board.id


def measure(app: QApplication, n: int, tmp: Path) -> dict:
    path = tmp / f"board-{n}.coprod"
    board_id = build(path, n)
    project = open_project(path, PASSPHRASE, actor="bench")
    undo_stack = QUndoStack()
    pages: list[BoardPage] = []

    def open_board() -> None:
        """As the window opens the page: built for the project, filled, first frame drawn."""
        if pages:
            pages.pop().deleteLater()
        shown = BoardPage(project, undo_stack)
        shown.resize(1280, 800)
        shown.show()
        shown.refresh()
        app.processEvents()
        shown.view.viewport().grab()
        pages.append(shown)

    open_first = timed(open_board)
    open_again = [timed(open_board) for _ in range(3)]
    page = pages[0]
    if len(page.scene.note_items) != n:
        raise RuntimeError(f"the board shows {len(page.scene.note_items)} notes, not {n}")
    service_notes = [timed(lambda: project.boards.notes(board_id)) for _ in range(5)]

    hbar, vbar = page.view.horizontalScrollBar(), page.view.verticalScrollBar()

    def pan_to(step: int) -> None:
        hbar.setValue(hbar.minimum() + (hbar.maximum() - hbar.minimum()) * step // PAN_STEPS)
        vbar.setValue(vbar.minimum() + (vbar.maximum() - vbar.minimum()) * step // PAN_STEPS)
        page.view.viewport().repaint()

    pan = [timed(lambda s=s: pan_to(s)) for s in range(1, PAN_STEPS + 1)]

    def add(text: str) -> None:
        if not page.add_note(text):
            raise RuntimeError(f"add_note refused: {page.message.text()}")
        app.processEvents()

    for i in range(3):
        add(f"warm-up {i}")
    adds = [timed(lambda i=i: add(f"note {i}")) for i in range(ADDS)]
    service_adds = [
        timed(lambda i=i: project.boards.add_note(
            Note("", board_id, f"service {i}", x=GAP + (i % COLUMNS) * CELL_W, y=-CELL_H)))
        for i in range(ADDS)
    ]  # fmt: skip
    theme_selected = page.themes.current_theme() is not None
    page.close()
    page.deleteLater()
    app.processEvents()
    project.close()
    return {
        "notes": n,
        "open_s": open_first,
        "open_again_s": statistics.median(open_again),
        "service_notes_ms": ms(service_notes),
        "pan_step_ms": ms(pan),
        "add_ms": ms(adds),
        "service_add_ms": ms(service_adds),
        "theme_selected_while_adding": theme_selected,
    }


def print_table(results: list[dict], summary: dict) -> None:
    print(f"{'measurement':<38}" + "".join(f"{r['notes']:>10} notes" for r in results))
    rows = [("open: new page + refresh + frame (s)", lambda r: r["open_s"], ".3f"),
            ("  again, median of 3 (s)", lambda r: r["open_again_s"], ".3f"),
            ("  service notes() median (ms)", lambda r: r["service_notes_ms"]["median"], ".1f"),
            ("pan step median (ms)", lambda r: r["pan_step_ms"]["median"], ".1f"),
            ("pan step worst (ms)", lambda r: r["pan_step_ms"]["max"], ".1f"),
            ("add via page: median (ms)", lambda r: r["add_ms"]["median"], ".2f"),
            ("add via page: p95 (ms)", lambda r: r["add_ms"]["p95"], ".2f"),
            ("add via service: median (ms)", lambda r: r["service_add_ms"]["median"], ".2f"),
            ("add via service: p95 (ms)", lambda r: r["service_add_ms"]["p95"], ".2f")]  # fmt: skip
    for label, get, fmt in rows:
        print(f"{label:<38}" + "".join(f"{format(get(r), fmt):>16}" for r in results))
    s = summary
    print(f"board: open {s['notes']} notes {s['open_s']:.2f} s (goal < {OPEN_GOAL:g} s); "
          f"add latency median {s['small']} notes {s['small_median']:.1f} ms, {s['notes']} notes "
          f"{s['big_median']:.1f} ms, ratio {s['median_ratio']:.2f}x (goal < {RATIO_GOAL}x); "
          f"p95 {s['small_p95']:.1f} ms vs {s['big_p95']:.1f} ms, ratio "
          f"{s['p95_ratio']:.2f}x")  # fmt: skip


def naive_overlaps(notes: list[Note]) -> int:
    """The baseline: every pair of notes compared."""
    rects = [lay.Rect.of(n) for n in notes]
    return sum(a.intersects(b) for i, a in enumerate(rects) for b in rects[i + 1:])


def measure_layout(app: QApplication, n: int, tmp: Path, with_page: bool) -> dict:
    path = tmp / f"layout-{n}.coprod"
    board_id = build(path, n)
    project = open_project(path, PASSPHRASE, actor="bench")
    boards = project.boards
    themes = sorted(boards.themes(board_id), key=lambda t: t.x)
    far = max(t.x + t.width for t in themes) + COLUMNS * CELL_W
    roomy = boards.save_theme(Theme(new_id(), board_id, "Roomy", x=far, y=0.0, width=720.0,
                                    height=40 + 8 * CELL_H))  # fmt: skip
    notes = boards.notes(board_id)
    loose = [x.id for x in notes if x.theme_id is None][-MOVED:]
    out: dict = {"notes": n}
    out["overlap_check_ms"] = 1000 * timed(lambda: lay.overlapping_notes(notes))
    out["naive_overlap_ms"] = (1000 * timed(lambda: naive_overlaps(notes))
                               if n <= NAIVE_LIMIT else None)  # fmt: skip
    out["domain_tidy_ms"] = ms([timed(lambda: lay.tidy(themes, notes)) for _ in range(3)])

    def service(change: Callable[[], object], runs: int) -> tuple[dict, dict]:
        done, undo = [], []
        for _ in range(runs):
            relaid: list = []
            done.append(timed(lambda r=relaid: r.append(change())))
            undo.append(timed(lambda r=relaid: boards.put_layout(r[0].before)))
        return ms(done), ms(undo)

    out["service_tidy_ms"], out["service_tidy_undo_ms"] = service(
        lambda: boards.tidy_up(board_id), 3)
    out["service_to_roomy_ms"], _ = service(lambda: boards.move_to_theme(loose, roomy.id), 5)
    out["service_to_full_ms"], _ = service(
        lambda: boards.move_to_theme(loose, themes[0].id), 3)  # fmt: skip
    if with_page:
        stack = QUndoStack()
        page = BoardPage(project, stack)
        page.resize(1280, 800)
        page.show()
        page.refresh()
        app.processEvents()

        def on_page(change: Callable[[], None]) -> float:
            took = timed(lambda: (change(), app.processEvents()))
            if page.message.isVisible():
                raise RuntimeError(page.message.text())
            stack.undo()
            page.reload()
            app.processEvents()
            return took

        def select_and_move(theme: Theme) -> None:
            page.scene.clearSelection()
            for note_id in loose:
                page.scene.note_items[note_id].setSelected(True)
            page.move_into_theme(theme)

        out["page_tidy_ms"] = ms([on_page(page.tidy_up) for _ in range(3)])
        out["page_to_roomy_ms"] = ms([on_page(lambda: select_and_move(roomy))
                                      for _ in range(3)])  # fmt: skip
        out["page_to_full_ms"] = ms([on_page(lambda: select_and_move(themes[0]))
                                     for _ in range(3)])  # fmt: skip
        page.close()
        page.deleteLater()
        app.processEvents()
    project.close()
    return out


def print_layout(layout: list[dict], add_median_ms: float) -> None:
    print()
    print(f"{'layout (median ms)':<38}" + "".join(f"{r['notes']:>10} notes" for r in layout))
    rows = [("baseline: naive O(n^2) overlap check", lambda r: r["naive_overlap_ms"]),
            ("overlap check (bucket grid)", lambda r: r["overlap_check_ms"]),
            ("tidy up: domain rule", lambda r: r["domain_tidy_ms"]["median"]),
            ("tidy up: service (load+write)", lambda r: r["service_tidy_ms"]["median"]),
            ("  undo (write back)", lambda r: r["service_tidy_undo_ms"]["median"]),
            ("tidy up: page (+ canvas)", lambda r: r.get("page_tidy_ms", {}).get("median")),
            (f"move {MOVED} to theme with room: service",
             lambda r: r["service_to_roomy_ms"]["median"]),
            (f"move {MOVED} to full theme: service", lambda r: r["service_to_full_ms"]["median"]),
            (f"move {MOVED} to theme with room: page",
             lambda r: r.get("page_to_roomy_ms", {}).get("median")),
            (f"move {MOVED} to full theme: page",
             lambda r: r.get("page_to_full_ms", {}).get("median"))]  # fmt: skip
    for label, get in rows:
        cells = [get(r) for r in layout]
        print(f"{label:<38}" + "".join(f"{'-' if v is None else format(v, '.1f'):>16}"
                                       for v in cells))  # fmt: skip
    per = [(r["notes"], r["service_tidy_ms"]["median"] / r["notes"] * 1000) for r in layout]
    print("tidy up per 1,000 notes (service): "
          + ", ".join(f"{n} notes {v:.0f} ms" for n, v in per)
          + f"; baseline add note via page {add_median_ms:.1f} ms")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print machine-readable results")
    parser.add_argument("--sizes", type=int, nargs=2, default=[100, 5000], metavar="N")
    parser.add_argument("--layout-sizes", type=int, nargs="*", default=[100, 1000, 5000],
                        metavar="N", help="board sizes for tidy up and move to theme")
    parser.add_argument("--big", action="store_true",
                        help="also 50,000 notes for the layout rules (service only)")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory(prefix="coprod-board-bench-") as tmp:
        results = [measure(app, n, Path(tmp)) for n in sorted(args.sizes)]
        layout = [measure_layout(app, n, Path(tmp), with_page=True)
                  for n in sorted(args.layout_sizes)]  # fmt: skip
        if args.big:
            layout.append(measure_layout(app, 50_000, Path(tmp), with_page=False))
    small, big = results
    summary = {
        "notes": big["notes"], "small": small["notes"], "open_s": big["open_s"],
        "small_median": small["add_ms"]["median"], "big_median": big["add_ms"]["median"],
        "small_p95": small["add_ms"]["p95"], "big_p95": big["add_ms"]["p95"],
        "median_ratio": big["add_ms"]["median"] / small["add_ms"]["median"],
        "p95_ratio": big["add_ms"]["p95"] / small["add_ms"]["p95"],
        "open_goal_s": OPEN_GOAL, "ratio_goal": RATIO_GOAL,
    }  # fmt: skip
    if args.json:
        print(json.dumps({"results": results, "summary": summary, "layout": layout}, indent=2))
    else:
        print_table(results, summary)
        if layout:
            print_layout(layout, big["add_ms"]["median"])


if __name__ == "__main__":
    main()
