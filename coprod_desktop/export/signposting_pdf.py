"""The signposting list on paper, for participants to take away: wallet cards (credit-card
size, ten to an A4 sheet with cut marks) and an A4 poster in large, easy-read print (sans
serif, at least 14 pt, left-aligned). Neither is confidential: they carry only the services'
public details, nothing about the project or anyone in it."""

from __future__ import annotations

import io
from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate

from coprod_desktop.domain.signposting import Category, Signpost

from . import fonts
from .feedback_style import INK, clamp, styles
from .pdf import draw_text

CARD_W, CARD_H = 85.6 * mm, 54 * mm  # ISO/IEC 7810 ID-1, a bank card
COLUMNS, ROWS = 2, 5
PAD = 3.5 * mm
HEADING, TEXT = 10, 8.5  # points: the smallest type on a card is 8.5 pt
LINE = TEXT * 1.22
CUT = 4 * mm  # length of a cut mark
GAP = 1.5  # points between two services on a card
CATEGORY_HEADINGS = {
    "helpline": "Someone to talk to",
    "advice": "Advice",
    "health": "Health",
    "housing": "Housing",
    "money": "Money and debt",
    "other": "Other help",
}
CARD_TITLE = "Where to get help"
POSTER_TITLE = "Where to get help"


def contact(entry: Signpost) -> str:
    return " · ".join(p for p in (entry.phone, entry.website) if p)


def _lines(entry: Signpost) -> list[tuple[str, str]]:
    """A service on a card: its name (bold) and how to reach it, two lines at most each."""
    width = CARD_W - 2 * PAD
    out = [(fonts.BOLD, line) for line in clamp(entry.name, fonts.BOLD, TEXT, width, 2)]
    out += [(fonts.REGULAR, line)
            for line in clamp(contact(entry), fonts.REGULAR, TEXT, width, 2)]  # fmt: skip
    return out


def _groups(entries: Sequence[Signpost]) -> list[list[Signpost]]:
    """The services as cards: as many to a card as fit, in the list's order."""
    room = CARD_H - 2 * PAD - HEADING * 1.6
    groups: list[list[Signpost]] = [[]]
    used = 0.0
    for entry in entries:
        height = len(_lines(entry)) * LINE + GAP
        if groups[-1] and used + height > room:
            groups.append([])
            used = 0.0
        groups[-1].append(entry)
        used += height
    return groups


def _card(canv: Canvas, x: float, y: float, entries: Sequence[Signpost], title: str) -> None:
    """One card with its bottom-left corner at (x, y)."""
    top = y + CARD_H - PAD - HEADING
    canv.setFillColor(INK)
    draw_text(canv, x + PAD, top, title, fonts.BOLD, HEADING)
    line_y = top - HEADING * 0.6 - LINE
    for entry in entries:
        for font, line in _lines(entry):
            draw_text(canv, x + PAD, line_y, line, font, TEXT)
            line_y -= LINE
        line_y -= GAP


def _cut_marks(canv: Canvas, left: float, bottom: float) -> None:
    """Short lines outside the grid of cards, in line with each card's edges."""
    canv.saveState()
    canv.setStrokeColor(colors.black)
    canv.setLineWidth(0.4)
    right, top = left + COLUMNS * CARD_W, bottom + ROWS * CARD_H
    for c in range(COLUMNS + 1):
        x = left + c * CARD_W
        canv.line(x, top + 1 * mm, x, top + 1 * mm + CUT)
        canv.line(x, bottom - 1 * mm, x, bottom - 1 * mm - CUT)
    for r in range(ROWS + 1):
        y = bottom + r * CARD_H
        canv.line(left - 1 * mm, y, left - 1 * mm - CUT, y)
        canv.line(right + 1 * mm, y, right + 1 * mm + CUT, y)
    canv.restoreState()


def cards_pdf(entries: Sequence[Signpost]) -> tuple[bytes, int]:
    """Wallet cards: the services, as many to a card as fit (more make more cards, "1 of 2"),
    each card repeated to fill an A4 sheet of ten. Returns the PDF and its number of pages."""
    if not entries:
        raise ValueError("no services to print")
    fonts.register()
    groups = _groups(entries)
    buffer = io.BytesIO()
    canv = Canvas(buffer, pagesize=A4)
    canv.setTitle("Where to get help: wallet cards")
    canv.setAuthor("coprod_desktop")
    left = (A4[0] - COLUMNS * CARD_W) / 2
    bottom = (A4[1] - ROWS * CARD_H) / 2
    for n, group in enumerate(groups, 1):
        title = CARD_TITLE if len(groups) == 1 else f"{CARD_TITLE} ({n} of {len(groups)})"
        for r in range(ROWS):
            for c in range(COLUMNS):
                _card(canv, left + c * CARD_W, bottom + r * CARD_H, group, title)
        _cut_marks(canv, left, bottom)
        canv.setFont(fonts.REGULAR, 8)
        canv.drawString(left, 4 * mm, "Cut along the marks. Each card fits a wallet or purse.")
        canv.showPage()
    canv.save()
    return buffer.getvalue(), len(groups)


def poster_pdf(entries: Sequence[Signpost], title: str = POSTER_TITLE) -> tuple[bytes, int]:
    """The services by kind, in large print: name, what they help with, phone, website and
    opening hours. As many A4 pages as the list needs; returns the PDF and its pages."""
    if not entries:
        raise ValueError("no services to print")
    s = styles()
    name_style = s["h2"]
    strong = s["status"]
    story: list = [Paragraph(fonts.markup(title), s["title"]),
                   Paragraph("Free and confidential services you can contact. You do not have "
                             "to give your name to most of them.", s["body"])]  # fmt: skip
    for category in Category:
        group = [e for e in entries if Category(e.category) is category]
        if not group:
            continue
        heading = [Paragraph(CATEGORY_HEADINGS[category.value], s["h1"])]
        for e in group:
            part = [Paragraph(fonts.markup(e.name), name_style)]
            if e.helps_with:
                part.append(Paragraph(fonts.markup(e.helps_with), s["body"]))
            if e.phone:
                label = "" if e.phone.casefold().startswith("text") else "Phone: "
                part.append(Paragraph(fonts.markup(f"{label}{e.phone}"), strong))
            if e.website:
                part.append(Paragraph(fonts.markup(f"Website: {e.website}"), s["body"]))
            if e.hours:
                part.append(Paragraph(fonts.markup(f"Open: {e.hours}"), s["body"]))
            story.append(KeepTogether(heading + part))  # a heading never ends a page alone
            heading = []
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, title=title, author="coprod_desktop",
                            leftMargin=18 * mm, rightMargin=18 * mm, topMargin=16 * mm,
                            bottomMargin=16 * mm)  # fmt: skip
    doc.build(story)
    return buffer.getvalue(), doc.page
