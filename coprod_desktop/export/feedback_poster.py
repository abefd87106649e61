"""The "You said, we did" feedback as one A4 poster for the venue's wall: the themes with the
most dots, the actions (the most finished first) and how to get in touch, in type that can be
read from a step or two away.

It is always one page, whatever the feedback holds: each text has a number of lines it may
take (the last ending in an ellipsis where it is cut), at most five themes and six actions are
shown, and fewer where they would not fit; what is left out is counted ("And 12 more in the
full feedback")."""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from coprod_desktop.domain.words import counted

from . import fonts, paragraphs
from .feedback_document import (
    DidLine,
    FeedbackDocument,
    SaidTheme,
    most_dots,
    most_finished,
    status_word,
    took_part,
)
from .feedback_style import (
    ELLIPSIS,
    INK,
    PAGE_H,
    PAGE_W,
    STATUS_COLOURS,
    clamp,
    paint_background,
    symbol,
)
from .pdf import draw_text, text_width

MARGIN = 18 * mm
WIDTH = PAGE_W - 2 * MARGIN
LEADING = 1.4
KICKER, TITLE, HEADING, BODY = 36, 28, 30, 20
SMALL = 18  # the smallest type on the poster
HANG = 9 * mm  # a list item's text, after its bullet
THEMES, ACTIONS = 5, 6  # at most, on the poster


@dataclass
class _Line:
    """A line of the poster: parts (x from the margin, font, text, colour)."""

    parts: list[tuple[float, str, str, colors.Color]]
    size: float
    gap: float = 0  # space after it

    @property
    def height(self) -> float:
        return self.size * LEADING + self.gap


def _text(text: str, font: str, size: float, lines: int, gap: float = 0,
          colour: colors.Color = INK) -> list[_Line]:  # fmt: skip
    shown = clamp(text, font, size, WIDTH, lines)
    out = [_Line([(0, font, line, colour)], size) for line in shown]
    if out:
        out[-1].gap = gap
    return out


def _item(lead: str, lead_font: str, lead_colour: colors.Color, text: str, size: float,
          lines: int) -> list[_Line]:  # fmt: skip
    """A list item: `lead` (a bullet, a status) at the margin, then the text, its further
    lines under its first."""
    start = max(HANG, text_width(lead + " ", lead_font, size))
    body = clamp(text, fonts.REGULAR, size, WIDTH - HANG, lines, indent=start - HANG) or [""]
    out = [_Line([(0, lead_font, lead, lead_colour), (start, fonts.REGULAR, body[0], INK)],
                 size)]  # fmt: skip
    out += [_Line([(HANG, fonts.REGULAR, line, INK)], size) for line in body[1:]]
    out[-1].gap = 6
    return out


def _top(d: FeedbackDocument, title_lines: int) -> list[_Line]:
    out = _text("You said, we did", fonts.BOLD, KICKER, 1, gap=4)
    out += _text(d.title, fonts.BOLD, TITLE, title_lines, gap=6)
    out += _text(took_part(d), fonts.REGULAR, BODY, 2)
    out[-1].gap = 10  # before "You said"
    return out


def _said(themes: list[SaidTheme], shown: int) -> list[_Line]:
    out = _text("You said", fonts.BOLD, HEADING, 1, gap=6)
    if not themes:
        return out + _text("We have not written up what you told us yet.", fonts.REGULAR,
                           BODY, 2, gap=12)  # fmt: skip
    for theme in themes[:shown]:
        name = theme.name.strip() or "Other things you said"
        how_many = counted(theme.votes, "dot") if theme.votes else counted(theme.notes, "note")
        out += _item("•", fonts.REGULAR, INK, f"{name}: {how_many}", BODY, 2)
    return out + _more(len(themes) - shown)


def _did(actions: list[DidLine], shown: int) -> list[_Line]:
    out = _text("We did", fonts.BOLD, HEADING, 1, gap=6)
    if not actions:
        return out + _text("No actions have been agreed yet.", fonts.REGULAR, BODY, 2, gap=12)
    for action in actions[:shown]:
        colour = colors.HexColor(STATUS_COLOURS.get(action.status, "#404040"))
        lead = f"{symbol(action.status)} {status_word(action.status)}:"
        who = clamp(action.organisation, fonts.REGULAR, BODY, WIDTH / 2, 1)  # room for the text
        text = f"{who[0]}: {action.text}" if who else action.text
        out += _item(lead, fonts.BOLD, colour, text, BODY, 2)
    return out + _more(len(actions) - shown)


def _more(left_out: int) -> list[_Line]:
    if left_out <= 0:
        return [_Line([], 0, gap=12)]
    return _text(f"And {left_out} more in the full feedback.", fonts.REGULAR, SMALL, 1, gap=12)


def _bottom(d: FeedbackDocument, contact_lines: int) -> list[_Line]:
    out = _text("Talk to us", fonts.BOLD, SMALL + 4, 1, gap=2)
    out += [_Line([(0, fonts.REGULAR, line, INK)], SMALL) for line in _contact(d, contact_lines)]
    out[-1].gap = 4
    return out + _text(d.feedback_id, fonts.REGULAR, SMALL, 1)


def _contact(d: FeedbackDocument, lines: int) -> list[str]:
    """The contact's lines in at most `lines` lines: what is left over joins the last one,
    which ends in an ellipsis if it does not fit."""
    given = list(paragraphs.lines(d.contact)) or ["Ask the people who ran the workshops."]
    shown: list[str] = []
    for i, line in enumerate(given):
        if len(shown) == lines:
            if shown[-1].endswith(ELLIPSIS):  # already cut
                return shown
            rest = " · ".join([shown.pop(), *given[i:]])
            return shown + clamp(rest, fonts.REGULAR, SMALL, WIDTH, 1)
        shown += clamp(line, fonts.REGULAR, SMALL, WIDTH, lines - len(shown))
    return shown


def _height(lines: list[_Line]) -> float:
    return sum(line.height for line in lines)


def layout(d: FeedbackDocument) -> tuple[list[_Line], list[_Line]]:
    """The lines from the top of the page and those at its foot: as many themes and actions
    as fit (the most items, actions before themes: "we did" is what people come to read),
    then shorter title and contact if even
    one of each would not."""
    themes, actions = most_dots(d.said), most_finished(d.did)
    room = PAGE_H - 2 * MARGIN
    most_themes, most_actions = min(THEMES, len(themes)), min(ACTIONS, len(actions))
    counts = sorted(((t, a) for t in range(most_themes, min(1, most_themes) - 1, -1)
                     for a in range(most_actions, min(1, most_actions) - 1, -1)),
                    key=lambda ta: (-(ta[0] + ta[1]), -ta[1]))  # fmt: skip
    for title_lines, contact_lines in ((2, 3), (1, 1)):
        bottom = _bottom(d, contact_lines)
        for shown_themes, shown_actions in counts:
            top = _top(d, title_lines) + _said(themes, shown_themes) + _did(actions, shown_actions)
            if _height(top) + _height(bottom) <= room:
                return top, bottom
    return top, bottom  # cannot happen: one theme and one action in a line or two fit


def _draw(canv: Canvas, lines: list[_Line], top: float) -> None:
    for line in lines:
        for x, font, text, colour in line.parts:
            canv.setFillColor(colour)
            draw_text(canv, MARGIN + x, top - line.size, text, font, line.size)
        top -= line.height


def poster_pdf(doc: FeedbackDocument) -> bytes:
    """One A4 page, portrait: the PDF's bytes."""
    fonts.register()
    top, bottom = layout(doc)
    buffer = io.BytesIO()
    canv = Canvas(buffer, pagesize=(PAGE_W, PAGE_H), initialFontName=fonts.REGULAR,
                  initialFontSize=SMALL, lang="en-GB")  # fmt: skip
    canv.setTitle(f"You said, we did: {doc.title}")
    canv.setAuthor("coprod_desktop")
    canv.setSubject("Poster: feedback to the people who took part")
    paint_background(canv, doc.cream)
    _draw(canv, top, PAGE_H - MARGIN)
    _draw(canv, bottom, MARGIN + _height(bottom))
    canv.showPage()
    canv.save()
    return buffer.getvalue()
