"""Long transcripts in packs: laid out as paragraphs under a page each (so layout time grows
with the length, not with its square), every character printed literally, and long lines cut
where they should be. Times are measured in benchmarks/transcripts.py, never asserted here."""

from __future__ import annotations

import io

import pypdf
import pytest
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import CondPageBreak, KeepTogether, PageBreak

from coprod_desktop.export import fonts, paragraphs, pdf
from coprod_desktop.export.document import SECTIONS, PackDocument, RiskLine
from tests.export.conftest import AUDIENCE, ISSUED
from tests.export.speech import transcript


def heights(flowables, document) -> tuple[list[float], float]:
    """Each flowable's height laid out in the pack's body frame, and the frame's height."""
    template = pdf._PackTemplate(io.BytesIO(), document, 1, None, None)
    body = template.pageTemplates[0].frames[0]
    canvas = Canvas(io.BytesIO())

    def height(f) -> float:
        if isinstance(f, KeepTogether):  # its wrap asks for a split: its parts' heights
            return sum(height(part) for part in f._content)
        return f.wrapOn(canvas, body._aW, body._aH)[1]

    content = [f for f in flowables if not isinstance(f, (PageBreak, CondPageBreak))]
    return [height(f) for f in content], body._aH


def built_flowables(monkeypatch) -> list:
    """Records the flowables pdf.render lays out."""
    seen: list = []
    story = pdf.story

    def recording(d, s):
        out, entries = story(d, s)
        seen.extend(out)
        return out, entries

    monkeypatch.setattr(pdf, "story", recording)
    return seen


def page_text(path, marking: str) -> str:
    """Everything the pages say without whitespace, less the header, footer and watermark."""
    pages = pypdf.PdfReader(path).pages
    text = ""
    for n, page in enumerate(pages, 1):
        said = "".join(page.extract_text().split())
        for furniture in (
            marking,
            f"Confidential — {AUDIENCE}",
            "Anonymised. Do not copy or pass on.",
            f"Page {n} of {len(pages)}",
        ):
            said = said.replace("".join(furniture.split()), "", 1)  # fmt: skip
        text += said
    return text


def test_a_long_transcript_goes_out_literally_in_paragraphs_under_a_page(clip_pack, monkeypatch):
    laid_out = built_flowables(monkeypatch)
    result, document = clip_pack(transcript(100_000))
    assert len(laid_out) > 300  # one paragraph a turn at least, not one for the transcript
    tall, page = heights(laid_out, document)
    assert max(tall) <= page, f"a flowable of {max(tall):.0f} pt on a {page:.0f} pt page"
    # every turn, markup characters and all, is in the PDF as typed (less its timestamp)
    printed = page_text(result.path, document.marking)
    (quote,) = document.quotes
    missing = [line for line in paragraphs.lines(quote.text)
               if "".join(line.split()) not in printed]  # fmt: skip
    assert missing == []
    assert "<fontsize=40>" in printed and "&amp;" in printed and "a<b>c" in printed


def test_long_lines_are_cut_after_a_sentence_within_the_budget():
    monologue = " ".join(f"Sentence number {i} is about the bus and the shop." for i in range(200))
    pieces = paragraphs.pieces(monologue)
    assert len(pieces) > 5
    assert " ".join(pieces) == monologue  # nothing lost, nothing added but the cuts
    for piece in pieces:
        assert fonts.widths(piece)[-1] <= paragraphs.PIECE_EM * 1000
    assert all(p.endswith(".") for p in pieces)  # a sentence's end where there is one
    # a run without spaces is cut anywhere; wide characters make shorter pieces
    for run in ("ha" * 5000, "漢" * 3000, "W" * 4000, "😀" * 2000):
        pieces = paragraphs.pieces(run)
        assert "".join(pieces) == run and len(pieces) > 1
        assert all(fonts.widths(p)[-1] <= paragraphs.PIECE_EM * 1000 for p in pieces)
    assert paragraphs.pieces("Short turn.") == ["Short turn."]


def test_wide_and_unbreakable_lines_fit_each_paragraph_on_a_page(clip_pack, monkeypatch):
    """The widest glyphs, words just too long to share a line, and no spaces at all: the
    greedy line breaking's worst cases still give paragraphs under a page."""
    laid_out = built_flowables(monkeypatch)
    lines = ["[0:00.0] " + "‱" * 3000, "[0:10.0] " + " ".join(["W" * 23] * 400),
             "[0:20.0] " + "漢字" * 2000, "[0:30.0] " + "x" * 20000]  # fmt: skip
    _result, document = clip_pack("\n".join(lines))
    tall, page = heights(laid_out, document)
    assert max(tall) <= page


@pytest.mark.slow
def test_a_pack_with_a_million_character_transcript_is_built(clip_pack):
    """About 2 hours of speech. The benchmark times it; here it only has to work."""
    text = transcript(1_000_000)
    result, document = clip_pack(text)
    assert result.pages > 250
    reader = pypdf.PdfReader(result.path)
    last_turn = "".join(list(paragraphs.lines(document.quotes[0].text))[-1].split())[-40:]
    tail = "".join("".join(reader.pages[i].extract_text().split()) for i in range(-4, 0))
    assert last_turn in tail


def test_a_table_row_taller_than_a_page_goes_over_pages_instead_of_failing():
    """A risk's mitigations may be 4,000 characters, in a column 120 points wide: the row is
    taller than a page, and reportlab refused the whole pack. Now the row splits."""
    risk = RiskLine("Safety", "word " * 800, "Everyone", 3, 4, "Open", "step " * 800, "Sam")
    short = RiskLine("Money", "short", "Carers", 1, 2, "Open", "none", "Ali")
    document = PackDocument("PK-RISKS", AUDIENCE, ISSUED, frozenset(SECTIONS),
                            risks=(risk, short))  # fmt: skip
    data, pages = pdf.render(document)
    text = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)
    assert pages > 4 and text.count("step") == 800 and text.count("word") == 800
    assert "none" in text and "Ali" in text
