"""The shipped Unicode fonts, registered with reportlab once per process."""

from __future__ import annotations

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from coprod_desktop.resource_files import resource_path

REGULAR = "CoprodSans"
BOLD = "CoprodSans-Bold"


def register() -> None:
    if REGULAR in pdfmetrics.getRegisteredFontNames():
        return
    pdfmetrics.registerFont(TTFont(REGULAR, str(resource_path("fonts/DejaVuSans.ttf"))))
    pdfmetrics.registerFont(TTFont(BOLD, str(resource_path("fonts/DejaVuSans-Bold.ttf"))))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, REGULAR)
    addMapping(REGULAR, 1, 1, BOLD)


def missing(texts) -> list[str]:
    """Characters in `texts` the shipped font has no glyph for (they would print as boxes),
    in order of first appearance. Spaces and control characters do not count."""
    register()
    covered = pdfmetrics.getFont(REGULAR).face.charToGlyph
    out: dict[str, None] = {}
    for text in texts:
        for char in text:
            if ord(char) not in covered and not char.isspace() and char.isprintable():
                out[char] = None
    return list(out)
