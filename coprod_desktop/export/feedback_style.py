"""The look of the "You said, we did" feedback, shared by the document and the poster: large
sans-serif type, left-aligned, short lines, dark text on white or pale cream, no italics and no
capitals for emphasis (the British Dyslexia Association's style guide and easy-read practice).

Text drawn straight on the canvas (chart labels, the poster) goes through `clamp`, which wraps
it to a width and shortens what does not fit with an ellipsis, and `pdf.draw_text`, which draws
it literally in the fonts that have its characters."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from itertools import islice

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from . import fonts
from .pdf import text_width

PAGE_W, PAGE_H = A4
INK = colors.HexColor("#1a1a1a")
GREY = colors.HexColor("#404040")  # the footer: lighter than the text, still dark
CREAM = colors.HexColor("#FDF6E3")
RULE = colors.HexColor("#2a6f97")  # the line beside a quote
BAR = colors.HexColor("#2a6f97")
ELLIPSIS = "…"
INDENT = 7 * mm  # quotes and partners' answers, beside their coloured line
# A sign beside each status word, in DejaVu Sans: circles that fill as the work goes on.
SYMBOLS = {"proposed": "○", "agreed": "●", "in_progress": "◐", "done": "✓", "declined": "✗"}
STATUS_COLOURS = {"proposed": "#404040", "agreed": "#1f4e79", "in_progress": "#6b4000",
                  "done": "#1b5e20", "declined": "#8b1a1a"}  # fmt: skip
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def symbol(status: str) -> str:
    return SYMBOLS.get(status, "•")


def paint_background(canv: Canvas, cream: bool) -> None:
    """The whole page in pale cream, drawn before anything else on it."""
    if cream:
        canv.saveState()
        canv.setFillColor(CREAM)
        canv.rect(0, 0, PAGE_W, PAGE_H, stroke=0, fill=1)
        canv.restoreState()


def styles() -> dict[str, ParagraphStyle]:
    """Body 14 pt on 21 pt lines (1.5 times), headings larger and bold, all left-aligned."""
    fonts.register()
    body = ParagraphStyle("body", fontName=fonts.REGULAR, fontSize=14, leading=21,
                          textColor=INK, alignment=0, spaceAfter=8, splitLongWords=1)  # fmt: skip
    return {
        "body": body,
        "kicker": ParagraphStyle("kicker", parent=body, fontName=fonts.BOLD, fontSize=20,
                                 leading=28, spaceAfter=4),
        "title": ParagraphStyle("title", parent=body, fontName=fonts.BOLD, fontSize=30,
                                leading=40, spaceAfter=14),
        "h1": ParagraphStyle("h1", parent=body, fontName=fonts.BOLD, fontSize=22, leading=30,
                             spaceBefore=22, spaceAfter=10, keepWithNext=1),
        "h2": ParagraphStyle("h2", parent=body, fontName=fonts.BOLD, fontSize=17, leading=24,
                             spaceBefore=14, spaceAfter=6, keepWithNext=1),
        "action": ParagraphStyle("action", parent=body, spaceBefore=10, spaceAfter=4),
        "status": ParagraphStyle("status", parent=body, fontName=fonts.BOLD, spaceAfter=4),
        "indented": ParagraphStyle("indented", parent=body, leftIndent=INDENT),
    }  # fmt: skip


class RuledParagraph(Paragraph):
    """An indented paragraph with a coloured line down its left side: how quotes and partners'
    answers are set apart (not italics, which are harder to read). Splits stay ruled."""

    colour = RULE

    def draw(self):
        canv = self.canv
        canv.saveState()
        canv.setStrokeColor(self.colour)
        canv.setLineWidth(3)
        canv.line(1.5, 0, 1.5, self.height)
        canv.restoreState()
        super().draw()


def _cut(word: str, font: str, size: float, width: float) -> int:
    """How many characters of `word` fit in `width` (at least one)."""
    fits = bisect.bisect_right(range(1, len(word) + 1), width,
                               key=lambda n: text_width(word[:n], font, size))  # fmt: skip
    return max(1, fits)


def _wrap(text: str, font: str, size: float, width: float, first: float) -> Iterator[str]:
    """`text` as lines no wider than `width` (the first no wider than `first`), broken at
    spaces, a word too wide for a line anywhere. Lazy: a 5,000-character text costs only the
    lines taken."""
    line, room = "", first
    for word in _CONTROL.sub("", text).split():
        joined = f"{line} {word}" if line else word
        if text_width(joined, font, size) <= room:
            line = joined
            continue
        if line:
            yield line
            room = width
        while text_width(word, font, size) > room:
            cut = _cut(word, font, size, room)
            yield word[:cut]
            word, room = word[cut:], width
        line = word
    if line:
        yield line


def clamp(text: str, font: str, size: float, width: float, lines: int,
          indent: float = 0) -> list[str]:  # fmt: skip
    """`text` wrapped to `width` (its first line `indent` narrower) in at most `lines` lines,
    the last ending in an ellipsis after its last whole word where the text was cut."""
    out = list(islice(_wrap(text, font, size, width, width - indent), lines + 1))
    if len(out) <= lines:
        return out
    out = out[:lines]
    room = width - (indent if lines == 1 else 0)
    last = out[-1]
    while last and text_width(last + ELLIPSIS, font, size) > room:
        words = last.rsplit(" ", 1)
        last = words[0] if len(words) == 2 else last[:-1]  # a whole word if it can
    out[-1] = last.rstrip() + ELLIPSIS
    return out
