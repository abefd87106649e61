"""Long texts (a 90-minute transcript, a pasted note) as pieces that each make a paragraph well
under a page long.

reportlab lays a paragraph that runs over a page out again from the break on every page it
reaches, so one paragraph of n characters costs time in proportion to n times its pages: a
transcript laid out as one paragraph grew with the square of its length. Cut into pieces of a
bounded width, every piece is laid out once, at most twice where a page breaks it, and the
whole is linear. A transcript is cut first at its lines (one speaker turn each, as typed under
their timestamps), then any line wider than the budget at the last sentence end (or failing
that the last space, or failing that anywhere) that keeps it within the budget."""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterator

from . import fonts

# The widest piece, in em (the font size): 10 lines of the pack's quote column (42 em wide).
# Wrapped greedily, a piece of width w fills at most 2w / column + 1 lines, so 21 here: well
# under the 50 lines of a page, whatever the words' lengths.
PIECE_EM = 420.0
WIDEST_EM = 2.1  # no glyph of the shipped fonts is wider: a line this short needs no measuring
SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s+")
SPACE = re.compile(r"\s+")


def lines(text: str) -> Iterator[str]:
    """The text's non-blank lines, without the spaces around them."""
    for line in text.split("\n"):
        line = line.strip()
        if line:
            yield line


def pieces(line: str, budget_em: float = PIECE_EM) -> list[str]:
    """`line` cut into pieces no wider than `budget_em` each (as drawn in the pack's fonts at a
    size of 1), preferably after a sentence. Linear in the line's length."""
    if len(line) * WIDEST_EM <= budget_em:
        return [line]
    budget = budget_em * 1000  # widths are in 1/1000 em
    ends = fonts.widths(line)  # ends[i]: the width of line[: i + 1]
    out: list[str] = []
    start, before = 0, 0.0
    while ends[-1] - before > budget:
        limit = bisect.bisect_right(ends, before + budget, start)  # line[start:limit] fits
        limit = max(limit, start + 1)
        cut = _break(line, start, limit)
        out.append(line[start:cut].strip())
        start = cut
        before = ends[cut - 1]
    out.append(line[start:].strip())
    return [p for p in out if p]


def _break(line: str, start: int, limit: int) -> int:
    """Where to end the piece line[start:limit]: after its last sentence end in its second
    half, else at its last space in its second half, else at limit (not before a combining
    mark)."""
    half = start + (limit - start) // 2
    end = None
    for m in SENTENCE_END.finditer(line, half, limit):
        end = m.end()
    if end is not None and end > start:
        return end
    space = None
    for m in SPACE.finditer(line, half, limit):
        space = m.end()
    if space is not None:
        return space
    cut = limit
    while cut > start + 1 and cut < len(line) and unicodedata.combining(line[cut]):
        cut -= 1
    return cut
