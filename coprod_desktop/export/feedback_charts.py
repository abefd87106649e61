"""Bar charts for the feedback, drawn to be read like the text around them: each bar's label on
a line of its own in body-size type, starting at the margin, with its number written out, and
the bar under it. No axis, no small print, no legend to look up."""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics

from . import fonts
from .feedback_style import BAR, INK, clamp

SIZE = 14  # the labels: body size
BAR_H = 12
ROW = 21 + BAR_H + 10  # a label's line, its bar and the space before the next


def bars(rows: list[tuple[str, int, colors.Color | None]], width: float) -> Drawing:
    """One row per (label, value, colour): the label, then a bar as long as the value (the
    largest across the whole width). Labels too long for a line end in an ellipsis."""
    height = ROW * len(rows)
    drawing = Drawing(width, height, initialFontName=fonts.REGULAR, initialFontSize=SIZE)
    top = max([value for _label, value, _colour in rows] + [1])
    for i, (label, value, colour) in enumerate(rows):
        bottom = height - (i + 1) * ROW + 6
        if value > 0:
            drawing.add(Rect(0, bottom, max(3.0, width * value / top), BAR_H,
                             fillColor=colour or BAR, strokeColor=None))  # fmt: skip
        _text(drawing, 0, bottom + BAR_H + 8, clamp(label, fonts.REGULAR, SIZE, width, 1))
    return drawing


def _text(drawing: Drawing, x: float, y: float, lines: list[str]) -> None:
    """A label in the fonts that draw its characters (an emoji in a theme's name)."""
    for font, run in fonts.runs("".join(lines)):
        drawing.add(String(x, y, run, fontName=font, fontSize=SIZE, fillColor=INK))
        x += pdfmetrics.stringWidth(run, font, SIZE)
