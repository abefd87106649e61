"""The shipped Unicode fonts, registered with reportlab once per process, and what each of them
can draw.

DejaVu Sans draws most text (Latin, Greek, Cyrillic and many symbols). Two fallback fonts draw
what it cannot: Noto Emoji (monochrome emoji) and WenQuanYi Micro Hei (Chinese, Japanese kana
and Korean Hangul). They are loaded only when a text needs them. A character none of them can
draw is never left to print as an empty box: it is shown as a marker such as "[U+0939]", and
the pack lists each one by name (see `missing` and `unicode_name`)."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from itertools import accumulate, repeat
from xml.sax.saxutils import escape

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph

from coprod_desktop.resource_files import resource_path

REGULAR = "CoprodSans"
BOLD = "CoprodSans-Bold"
EMOJI = "CoprodEmoji"
CJK = "CoprodCJK"
# Tried in this order for what DejaVu cannot draw: (name, file, font in a collection).
FALLBACKS = ((EMOJI, "fonts/NotoEmoji-Regular.ttf", 0), (CJK, "fonts/wqy-microhei.ttc", 0))
WIDEST = 1300  # in 1/1000 em: at least any fallback glyph's advance (Noto Emoji's is 1270)


_ENTRY = re.compile(r"<([0-9A-F]{2})> <([0-9A-F]{5,6})>")


def _to_unicode_cmap(fontname: str, subset) -> str:
    """reportlab's ToUnicode map, with characters beyond U+FFFF written as UTF-16 (a surrogate
    pair), as PDF requires: reportlab writes their code point ("<1F600>"), which readers
    reject, so emoji could not be searched for or copied out of a pack."""

    def utf16(m: re.Match) -> str:
        return f"<{m[1]}> <{chr(int(m[2], 16)).encode('utf-16-be').hex().upper()}>"

    return _ENTRY.sub(utf16, _REPORTLAB_CMAP(fontname, subset))


_REPORTLAB_CMAP = ttfonts.makeToUnicodeCMap


def register() -> None:
    ttfonts.makeToUnicodeCMap = _to_unicode_cmap  # used when a font subset is written out
    if REGULAR in pdfmetrics.getRegisteredFontNames():
        return
    pdfmetrics.registerFont(TTFont(REGULAR, str(resource_path("fonts/DejaVuSans.ttf"))))
    pdfmetrics.registerFont(TTFont(BOLD, str(resource_path("fonts/DejaVuSans-Bold.ttf"))))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, REGULAR)
    addMapping(REGULAR, 1, 1, BOLD)


def _covered(name: str) -> frozenset[int]:
    return frozenset(pdfmetrics.getFont(name).face.charToGlyph)


def _ranges(codes: Iterable[int]) -> str:
    """A regular-expression character class body for a set of code points, as ranges."""
    out, run = [], None
    for code in sorted(codes):
        if run and code == run[1] + 1:
            run[1] = code
        else:
            if run:
                out.append(run)
            run = [code, code]
    if run:
        out.append(run)
    char = lambda c: f"\\U{c:08x}"  # noqa: E731
    return "".join(char(a) if a == b else f"{char(a)}-{char(b)}" for a, b in out)


@functools.cache
def _main() -> tuple[re.Pattern, re.Pattern, dict[int, float]]:
    """What DejaVu Sans may not draw: a pattern finding runs of such characters (control
    characters excepted; every character beyond the Basic Multilingual Plane, so that the
    pattern stays a fast table lookup), a pattern matching runs of those beyond it that
    DejaVu does draw, and its advance widths per code point, in 1/1000 em."""
    register()
    covered = _covered(REGULAR) & _covered(BOLD)
    basic = [c for c in covered if c <= 0xFFFF]
    beyond = [c for c in covered if c > 0xFFFF]
    not_basic = f"[^{_ranges(basic)}\\x00-\\x1f\\x7f-\\x9f]"
    maybe = re.compile(f"(?:{not_basic}|[\\U00010000-\\U0010ffff])+")
    widths = dict(pdfmetrics.getFont(REGULAR).face.charWidths)
    return maybe, re.compile(f"[{_ranges(beyond)}]+"), widths


@functools.cache
def _fallbacks() -> tuple[tuple[str, frozenset[int], re.Pattern], ...]:
    """The fallback fonts, registered (the CJK font takes a moment to load: only when a text
    needs it), with the code points each can draw and a pattern matching runs of them."""
    register()
    out = []
    for name, path, index in FALLBACKS:
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(resource_path(path)), subfontIndex=index))
            for bold in (0, 1):
                for italic in (0, 1):
                    addMapping(name, bold, italic, name)  # <b> inside it: the same font
        covered = _covered(name)
        out.append((name, covered, re.compile(f"[{_ranges(covered)}]+")))
    return tuple(out)


def ignorable(char: str) -> bool:
    """Invisible by design (joiners, variation selectors, tags, direction marks): left out
    where no font has it, rather than drawn as a box or a marker."""
    code = ord(char)
    return (unicodedata.category(char) == "Cf" or 0xFE00 <= code <= 0xFE0F
            or 0xE0100 <= code <= 0xE01EF or 0x180B <= code <= 0x180F
            or code in (0x034F, 0x115F, 0x1160, 0x3164, 0xFFA0, 0x17B4, 0x17B5))  # fmt: skip


def font_for(char: str) -> str | None:
    """The font that draws `char`: REGULAR (DejaVu, also for control characters), a fallback's
    name, "" for an invisible character to leave out, or None: nobody can draw it."""
    maybe, beyond, _widths = _main()
    if maybe.match(char) is None or beyond.match(char):
        return REGULAR
    code = ord(char)
    for name, covered, _pattern in _fallbacks():
        if code in covered:
            return name
    return "" if ignorable(char) else None


def marker(char: str) -> str:
    """What is printed instead of a character no shipped font can draw."""
    return f"[U+{ord(char):04X}]"


def unicode_name(char: str) -> str:
    return unicodedata.name(char, "unnamed character").capitalize()


def runs(text: str) -> list[tuple[str, str]]:
    """`text` as (font, text) runs: REGULAR for what DejaVu draws, a fallback font's name for
    what it draws; characters nobody can draw become markers (in REGULAR), spaces nobody has
    plain spaces, invisible ones are left out. Runs are found by regular expressions, so a
    long text in a fallback font (a transcript in Chinese) costs no Python step per character.
    """
    maybe, beyond, _widths = _main()
    if maybe.search(text) is None:
        return [(REGULAR, text)] if text else []  # the usual case: DejaVu draws it all
    out: list[tuple[str, str]] = []
    last = 0
    for m in maybe.finditer(text):
        if m.start() > last:
            out.append((REGULAR, text[last : m.start()]))
        last = m.end()
        i = m.start()
        while i < last:
            found = beyond.match(text, i, last)  # DejaVu after all: no fallback to load
            if found:
                out.append((REGULAR, found.group()))
                i = found.end()
                continue
            for name, _codes, run in _fallbacks():
                found = run.match(text, i, last)
                if found:
                    out.append((name, found.group()))
                    i = found.end()
                    break
            else:
                char = text[i]
                if font_for(char) is None:
                    out.append((REGULAR, " " if char.isspace() else marker(char)))
                i += 1  # an invisible character no font has is left out
    if last < len(text):
        out.append((REGULAR, text[last:]))
    return out


def markup(text: str) -> str:
    """Plain text as Paragraph markup: markup characters escaped, what DejaVu cannot draw in
    a fallback font, and markers for what no font can draw. Linear in the text's length."""
    if _main()[0].search(text) is None:
        return escape(text)  # the usual case: DejaVu draws it all, no runs to find
    return "".join(escape(run) if font == REGULAR else f'<font name="{font}">{escape(run)}</font>'
                   for font, run in runs(text))  # fmt: skip


def paragraph(text: str, style) -> Paragraph:
    """A paragraph of plain text: markup characters are shown, never interpreted; emoji and
    Chinese, Japanese or Korean in the fallback fonts, markers for what no font draws; line
    breaks kept."""
    return Paragraph(markup(text).replace("\n", "<br/>"), style)


def missing(texts: Iterable[str]) -> list[str]:
    """Characters in `texts` that no shipped font can draw (they are printed as markers), in
    order of first appearance. Spaces, control and invisible characters do not count."""
    pattern = _main()[0]
    out: dict[str, None] = {}
    seen: set[str] = set()
    for text in texts:
        for char in dict.fromkeys("".join(pattern.findall(text))):
            if char not in seen:
                seen.add(char)
                if font_for(char) is None and not char.isspace():
                    out[char] = None
    return list(out)


def widths(text: str) -> list[float]:
    """Running total of the advance widths of `text`'s characters, in 1/1000 em, in DejaVu or,
    for what it cannot draw, as wide as any fallback glyph: an upper bound for the text as
    drawn, at C speed."""
    table = _main()[2]
    return list(accumulate(map(table.get, map(ord, text), repeat(WIDEST))))
