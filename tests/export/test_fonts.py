"""Every character of a pack is drawn with an embedded font that has it, or shown as a marker
the cover lists: emoji, Chinese, Japanese and Korean print, never as empty boxes. Checked by
reading the PDF back with pypdf: which font draws each piece of text, and whether that font's
file has a glyph for each of its characters."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

import pypdf
import pytest
from reportlab.pdfbase.ttfonts import TTFont

from coprod_desktop.export import fonts, pdf
from coprod_desktop.export.document import SECTIONS, PackDocument, Quote, SessionLine, ThemeBlock
from coprod_desktop.resource_files import resource_path

FILES = {"DejaVuSans": ("fonts/DejaVuSans.ttf", 0),
         "DejaVuSans-Bold": ("fonts/DejaVuSans-Bold.ttf", 0),
         "NotoEmoji-Regular": ("fonts/NotoEmoji-Regular.ttf", 0),
         "WenQuanYiMicroHei-0": ("fonts/wqy-microhei.ttc", 0)}  # fmt: skip
ISSUED = dt.datetime(2026, 11, 2, 10, 30, tzinfo=dt.timezone.utc)


@functools.cache
def glyphs(base_font: str) -> frozenset[int]:
    """The code points the shipped font file behind an embedded font has glyphs for."""
    name = base_font.lstrip("/").split("+", 1)[-1]  # "/AAAAAA+DejaVuSans": a subset of it
    path, index = FILES[name]
    font = TTFont(f"test-{name}", str(resource_path(path)), subfontIndex=index)
    return frozenset(font.face.charToGlyph)


def drawn(path: Path) -> list[tuple[str, str]]:
    """(base font, text) for every piece of text drawn in the PDF, forms included; each font
    is checked to be embedded."""
    out: list[tuple[str, str]] = []

    def visit(text, _cm, _tm, font, _size):
        if font is not None and text.strip():
            assert "/FontFile2" in font["/FontDescriptor"].get_object(), font["/BaseFont"]
            out.append((str(font["/BaseFont"]), text))

    for page in pypdf.PdfReader(path).pages:
        page.extract_text(visitor_text=visit)
    return out


def unboxed(path: Path) -> str:
    """The PDF's text, after checking that each character is drawn with a font that has it."""
    pieces = drawn(path)
    for font, text in pieces:
        lacking = {c for c in text if not c.isspace() and ord(c) not in glyphs(font)}
        assert not lacking, f"{sorted(lacking)} drawn in {font}, which has no glyph for them"
    return "".join(text for _font, text in pieces)


WORLD = {
    "chinese": "我们的社区需要更多的公共汽车",
    "japanese": "日本語のテキストとカタカナ",
    "korean": "한국어 텍스트도 있어요",
    "emoji": "🍞🚌👍🏽🙂",
    "dejavu": "Łódź Привет Καλημέρα — ‘quoted’ ☺",
}


def document(audience: str = "Health board") -> PackDocument:
    said = " ".join(WORLD.values())
    return PackDocument(
        "PK-FONTS", audience, ISSUED, frozenset(SECTIONS),
        (SessionLine(f"Radio lab {WORLD['emoji']}", dt.date(2026, 9, 5), "漢字 hall", "Workshop",
                     {"Community member": 3}),),
        {"Community member": 3},
        (ThemeBlock("Radio lab", f"Food {WORLD['emoji'][0]} and 漢字",
                    ((f"A note: {said} हिन्दी", 2), ("Another ❤️ note", 1))),),
        (Quote("Radio lab", "Interview 🎙", f"P-01: {said}\nP-02: हिन्दी and 👨‍👩‍👧", 60),),
        contributors=2)  # fmt: skip


def test_emoji_chinese_japanese_and_korean_are_drawn_with_fonts_that_have_them(tmp_path):
    path = tmp_path / "pack.pdf"
    path.write_bytes(pdf.render(document(audience="香港 Health board 🏥"))[0])
    text = unboxed(path)
    for words in WORLD.values():
        assert "".join(words.split()) in "".join(text.split())
    used = {font.split("+", 1)[-1] for font, _text in drawn(path)}
    assert {"DejaVuSans", "DejaVuSans-Bold", "NotoEmoji-Regular", "WenQuanYiMicroHei-0"} <= used
    assert "香港" in text and "🏥" in text  # the watermark and the marking on each page too
    assert all(person in text for person in "👨👩👧")  # a family, drawn as its people


def test_characters_no_font_has_are_markers_listed_on_the_cover(tmp_path):
    path = tmp_path / "pack.pdf"
    path.write_bytes(pdf.render(document())[0])
    text = unboxed(path)
    assert "हिन्दी" not in text
    assert "[U+0939][U+093F][U+0928][U+094D][U+0926][U+0940]" in text
    cover = pypdf.PdfReader(path).pages[0].extract_text()
    assert "6 characters in this pack cannot be printed" in cover
    for code, name in (("0939", "Devanagari letter ha"), ("094D", "Devanagari sign virama")):
        assert f"[U+{code}] {name}" in " ".join(cover.split())


def test_a_pack_the_fonts_draw_entirely_has_no_list_of_markers(tmp_path):
    path = tmp_path / "pack.pdf"
    plain = PackDocument(
        "PK-PLAIN",
        "Health board",
        ISSUED,
        frozenset(SECTIONS),
        themes=(ThemeBlock("Lab", "漢字 🍞", (("Łódź 😀 한국어", 0),)),),
    )
    path.write_bytes(pdf.render(plain)[0])
    unboxed(path)
    assert "cannot be printed" not in pypdf.PdfReader(path).pages[0].extract_text()


@pytest.mark.parametrize(("text", "runs"), [
    ("plain <b> & text", [(fonts.REGULAR, "plain <b> & text")]),
    ("a 漢字 b", [(fonts.REGULAR, "a "), (fonts.CJK, "漢字"), (fonts.REGULAR, " b")]),
    ("🍞👍🏽!", [(fonts.EMOJI, "🍞👍🏽"), (fonts.REGULAR, "!")]),
    ("ह x", [(fonts.REGULAR, "[U+0939]"), (fonts.REGULAR, " x")]),
    ("a\u200db\ufe0f", [(fonts.REGULAR, "a\u200db\ufe0f")]),  # DejaVu has these invisibles
    ("\U000e0001\U000e0100 x", [(fonts.REGULAR, " x")]),  # invisible, in no font: left out
    ("日本\u3000語", [(fonts.CJK, "日本\u3000語")]),  # the ideographic space DejaVu lacks
])  # fmt: skip
def test_text_is_split_into_runs_of_the_font_that_draws_them(text, runs):
    assert fonts.runs(text) == runs


def test_control_characters_are_left_out_of_what_is_printed():
    assert pdf.safe("don\x92t\x07 stop\nnow\x85") == "dont stop<br/>now"
    assert fonts.missing(["\x92\x85\x07"]) == []


def test_markup_escapes_every_run_and_names_the_fallback_fonts():
    assert fonts.markup("<b>&") == "&lt;b&gt;&amp;"
    assert fonts.markup("x<漢>") == f'x&lt;<font name="{fonts.CJK}">漢</font>&gt;'
    assert fonts.missing(["ok 漢 ह ह 😀 \u200d \ue000"]) == ["ह", "\ue000"]
