"""The "You said, we did" feedback and its poster, read back from the PDFs: the easy-read rules
(sans-serif, large, left-aligned, no italics, no capitals, dark on white or cream), everything
the model holds printed literally and in plain words, and the poster one page whatever it is
given."""

from __future__ import annotations

import datetime as dt
import inspect
import io
import re
from dataclasses import replace
from itertools import pairwise

import pypdf
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from coprod_desktop.domain.reciprocity import Line, Summary
from coprod_desktop.export import (
    feedback_charts,
    feedback_document,
    feedback_pdf,
    feedback_poster,
    feedback_style,
)
from coprod_desktop.export.feedback_document import (
    STATUS_WORDS,
    DidLine,
    FeedbackDocument,
    Response,
    SaidTheme,
)
from coprod_desktop.export.feedback_pdf import BOTTOM, LEFT, RIGHT, Cancelled, poster_pdf
from coprod_desktop.export.feedback_style import INDENT
from tests.export.pdf_reading import Run, line_text, lines, read

PAGE_W, PAGE_H = A4
SANS = {"DejaVuSans", "DejaVuSans-Bold", "NotoEmoji-Regular", "WenQuanYiMicroHei-0"}
MARKUP = "<b>bold</b> & <font size=40>big</font> &amp; <i>slanted</i> <br/> a<b"
CAPITALS = re.compile(r"^[^a-z]*[A-Z][^a-z]*[A-Z][^a-z]*$")  # two capitals, no small letters


def feedback(**changes) -> FeedbackDocument:
    """A feedback with two themes and an action of each status."""
    doc = FeedbackDocument(
        feedback_id="FB-261204-A1B2",
        title="Your Street, Your Voice",
        issued=dt.datetime(2026, 12, 4, 10, 0),
        sessions=(("Walk round the block", dt.date(2026, 11, 4), "Riverside Community Centre"),
                  ("Map the shops", dt.date(2026, 11, 18), "St Mark's Church Hall")),
        people=42,
        said=(SaidTheme("Safer crossings", 9, 18, ("Cars go too fast by the school.",)),
              SaidTheme("Cheap vapes sold to children", 14, 31,
                        ("The shop on the corner sells them to kids in school uniform.",)),
              SaidTheme("Somewhere warm at night", 6, 7)),
        did=(DidLine("Youth Service", "Ask young people what they want", "proposed"),
             DidLine("Youth Service", "Open the youth club on Friday nights", "agreed",
                     dt.date(2027, 3, 1)),
             DidLine("Trading Standards", "Visit the shops near the school", "in_progress",
                     dt.date(2027, 1, 30),
                     (Response(dt.date(2026, 12, 1), "We have visited 3 of the 7 shops."),),
                     ("Cheap vapes sold to children",)),
             DidLine("Trading Standards", "Send a test purchase team", "done", None,
                     (Response(dt.date(2026, 11, 25), "Two shops sold to our volunteer."),)),
             DidLine("County Highways", "Put a zebra crossing outside the school", "declined",
                     None, (Response(dt.date(2026, 11, 30), "The road is too narrow for a "
                                     "zebra crossing, so we will paint a 20 mph sign."),),
                     ("Safer crossings",))),
        contact="Sam at the Riverside Centre\nPhone 01234 567890",
        received=Summary((Line("Voucher", 56000, 28), Line("Travel expenses", 12450, 9),
                          Line("Other", 9000, 4)), (), 30, 77450, 45, True),
    )  # fmt: skip
    return replace(doc, **changes)


def runs(data: bytes) -> list[Run]:
    return [run for page in read(data) for run in page.runs if run.text.strip()]


def said(data: bytes) -> list[str]:
    """Each line of text, as drawn."""
    return [line_text(line) for line in lines(runs(data))]


def flat(data: bytes) -> str:
    """All the text, without whitespace: what is printed, wherever lines break."""
    return "".join("".join(said(data)).split())


def body(data: bytes) -> str:
    """The feedback's text without whitespace and without its footers."""
    return squeezed("".join(line_text(line) for line in lines(runs(data))
                            if not is_footer(line[0])))  # fmt: skip


def squeezed(text: str) -> str:
    return "".join(text.split())


def is_footer(run: Run) -> bool:
    return run.y < BOTTOM


def huge() -> FeedbackDocument:
    """Far more than a page holds: 200 themes, 300 actions of 5,000 characters, long names."""
    words = "the bus never comes after six so we need somewhere warm to go at night "
    themes = tuple(SaidTheme(f"Theme {i} " + words * 5, i, 500 - i, (words * 30,))
                   for i in range(200))  # fmt: skip
    actions = tuple(DidLine(f"Organisation {i % 7} " + words * 3, f"Action {i}: " + words * 70,
                            list(STATUS_WORDS)[i % 5], dt.date(2027, 1, 1 + i % 28),
                            (Response(dt.date(2026, 12, 1), words * 20),))
                    for i in range(300))  # fmt: skip
    return feedback(title="A very long title " * 20, said=themes, did=actions,
                    contact="\n".join(f"Line {i} of how to reach us" for i in range(50)))


# --- fonts, sizes, leading


@pytest.mark.parametrize("make", [lambda d: feedback_pdf.feedback_pdf(d)[0], poster_pdf])
def test_text_is_only_in_our_sans_fonts_upright(make):
    data = make(feedback(title="Our street 😀 我们的街道 우리 거리", said=(
        SaidTheme("Crossings 🚸 过马路", 3, 4, ("漢字 and 😀 in a quote",)),)))  # fmt: skip
    drawn = runs(data)
    assert {run.font for run in drawn} <= SANS
    assert {"NotoEmoji-Regular", "WenQuanYiMicroHei-0"} <= {run.font for run in drawn}
    assert not [run.text for run in drawn if run.slanted]
    reader = pypdf.PdfReader(io.BytesIO(data))
    for page in reader.pages:  # not even listed: no Helvetica, no italic of anything
        for font in page["/Resources"]["/Font"].values():
            name = str(font.get_object()["/BaseFont"]).split("+")[-1]
            assert name in SANS and not re.search("italic|oblique", name, re.I), name


def test_body_is_at_least_14_pt_on_generous_lines_and_the_footer_12_pt():
    data, _pages = feedback_pdf.feedback_pdf(feedback())
    drawn = runs(data)
    body = [run for run in drawn if not is_footer(run)]
    footer = [run for run in drawn if is_footer(run)]
    assert min(run.size for run in body) >= 14
    assert {round(run.size, 2) for run in footer} == {12}
    headings = {line_text(line): line[0].size for line in lines(body)
                if line[0].font == "DejaVuSans-Bold" and line[0].size > 14}  # fmt: skip
    assert headings["What you told us"] >= 20 and headings["What happened next"] >= 20
    assert headings["Talk to us"] >= 20 and headings["Safer crossings"] > 14
    for above, below in pairwise(lines(body)):
        if above[0].page == below[0].page:
            size = max(run.size for run in below)
            assert above[0].y - below[0].y >= 1.4 * size - 0.01, line_text(below)


def test_the_poster_is_in_big_type():
    drawn = runs(poster_pdf(feedback()))
    assert min(run.size for run in drawn) >= 18
    sizes = {line_text(line): line[0].size for line in lines(drawn)}
    assert sizes["You said, we did"] >= 28
    assert sizes["You said"] >= 28 and sizes["We did"] >= 28
    assert sizes["Your Street, Your Voice"] >= 28


def test_the_reader_measures_text_as_drawn():
    """The checks above can fail: a 7 pt font in a text matrix scaled by two is 14 pt, a font
    scaled by the graphics state too, and a sheared matrix is slanted."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    text = canvas.beginText()
    text.setTextTransform(2, 0, 0, 2, 100, 700)
    text.setFont("Helvetica-Oblique", 7)
    text.textOut("Scaled")
    canvas.drawText(text)
    canvas.scale(1.5, 1.5)
    canvas.setFont("Helvetica", 10)
    canvas.drawString(10, 10, "Zoomed")
    canvas.transform(1, 0, 0.3, 1, 0, 0)
    canvas.drawString(10, 100, "Skewed")
    canvas.save()
    scaled, zoomed, skewed = read(buffer.getvalue())[0].runs
    assert (scaled.text, scaled.font, scaled.size, scaled.x) == ("Scaled", "Helvetica-Oblique",
                                                                 14, 100)  # fmt: skip
    assert (zoomed.size, zoomed.x, zoomed.slanted) == (15, 15, False)
    assert skewed.slanted and not scaled.slanted


# --- layout: left-aligned, short lines, in the page


def test_text_starts_at_the_left_margin_or_one_indent_and_is_never_justified():
    data, _pages = feedback_pdf.feedback_pdf(feedback())
    starts = [line[0].x for line in lines(runs(data)) if not is_footer(line[0])]
    allowed = (LEFT, LEFT + INDENT)
    assert [x for x in starts if min(abs(x - a) for a in allowed) > 0.5] == []
    assert sum(abs(x - LEFT) < 0.5 for x in starts) > 0.75 * len(starts)
    for page in read(data):  # justified text stretches the spaces between words
        assert max((abs(w) for w in page.word_spacing), default=0) < 0.5
        assert max(run.end for run in page.runs) <= PAGE_W - RIGHT + 0.5


def test_lines_are_short():
    quote = ("The bus never comes after six and folk round here have given up asking why, "
             "so we need somewhere warm to go at night. ") * 4
    data, _pages = feedback_pdf.feedback_pdf(feedback(said=(SaidTheme("Buses", 2, 3, (quote,)),)))
    body = [line_text(line) for line in lines(runs(data)) if not is_footer(line[0])]
    assert 50 <= max(len(text) for text in body) <= 72


def test_the_poster_starts_text_at_its_margin_and_keeps_it_on_the_page():
    drawn = runs(poster_pdf(huge()))
    margin, hang = feedback_poster.MARGIN, feedback_poster.HANG
    for line in lines(drawn):
        assert min(abs(line[0].x - margin), abs(line[0].x - margin - hang)) < 0.5, line_text(line)
    assert max(run.end for run in drawn) <= PAGE_W - margin + 0.5
    assert min(run.y for run in drawn) >= margin
    assert max(run.y + run.size for run in drawn) <= PAGE_H - margin + 0.5


# --- what it says and does not say


@pytest.mark.parametrize("make", [lambda d: feedback_pdf.feedback_pdf(d)[0], poster_pdf])
def test_no_block_capitals_and_no_confidential_marking(make):
    data = make(feedback())
    for text in said(data):
        words = [w for w in text.split() if sum(c.isalpha() for c in w) >= 2]
        shouted = [a + " " + b for a, b in pairwise(words)
                   if CAPITALS.match(a) and CAPITALS.match(b)]  # fmt: skip
        assert shouted == [], text
    assert "confidential" not in flat(data).lower()
    meta = pypdf.PdfReader(io.BytesIO(data)).metadata
    assert "confidential" not in " ".join(str(v) for v in meta.values()).lower()


def test_no_module_upper_cases_text():
    for module in (feedback_pdf, feedback_poster, feedback_style, feedback_charts,
                   feedback_document):  # fmt: skip
        assert ".upper()" not in inspect.getsource(module), module.__name__


@pytest.mark.parametrize("make", [lambda d: feedback_pdf.feedback_pdf(d)[0], poster_pdf])
def test_markup_characters_are_printed_as_typed(make):
    data = make(feedback(
        title=f"Title {MARKUP}", contact=f"Contact {MARKUP}",
        said=(SaidTheme(f"Theme {MARKUP}", 1, 2, (f"Quote {MARKUP}",)),),
        did=(DidLine(f"Org {MARKUP}", f"Action {MARKUP}", "declined", None,
                     (Response(dt.date(2026, 12, 1), f"Answer {MARKUP}"),), ("x",)),)))  # fmt: skip
    printed = flat(data)
    if make is poster_pdf:  # where the poster cuts a text short, up to the cut
        shown = [f"Title {MARKUP[:28]}", f"Theme {MARKUP[:28]}", f"Contact {MARKUP}"]
    else:
        shown = [f"{name} {MARKUP}" for name in ("Title", "Contact", "Theme", "Quote", "Org",
                                                 "Action", "Answer")]  # fmt: skip
    for text in shown:
        assert squeezed(text) in printed, text
    assert max(run.size for run in runs(data)) <= 36  # <font size=40> was not obeyed


def test_statuses_are_plain_words_with_dates_in_words():
    data, _pages = feedback_pdf.feedback_pdf(feedback())
    lines_said = said(data)
    for status in ("✓ Done", "◐ Being done, by 30 January 2027", "● Agreed, by 1 March 2027",
                   "○ Suggested", "✗ Said no"):  # fmt: skip
        assert status in lines_said
    printed = flat(data)
    for raw in ("in_progress", "declined", "proposed", "2027-01-30"):
        assert raw not in printed
    assert squeezed("1 December 2026: We have visited 3 of the 7 shops.") in printed
    assert squeezed("4 November 2026: Walk round the block, at Riverside Community Centre") in (
        printed)


def test_a_declined_action_shows_why_or_says_it_was_not_told():
    text = said(feedback_pdf.feedback_pdf(feedback())[0])
    no = text.index("✗ Said no")
    assert text[no + 1 : no + 3] == ["This is about: Safer crossings.",
                                     "30 November 2026: The road is too narrow for a zebra"]
    silent = feedback(did=(DidLine("Council", "Open the library late", "declined"),))
    text = said(feedback_pdf.feedback_pdf(silent)[0])
    no = text.index("✗ Said no")
    assert text[no + 1] == "They have not told us why yet."


def test_actions_are_grouped_by_organisation():
    text = "\n".join(said(feedback_pdf.feedback_pdf(feedback())[0]))
    youth = text.index("Youth Service\n")
    assert youth < text.index("Ask young people") and youth < text.index("Open the youth club")
    standards = text.index("Trading Standards\n")
    assert standards < text.index("Send a test purchase") < text.index("Visit the shops")
    assert text.count("Trading Standards\n") == 1  # one heading for its two actions


def test_empty_lists_are_said_in_plain_words():
    empty = feedback(said=(), did=(), sessions=(), people=0, contact="")
    for data in (feedback_pdf.feedback_pdf(empty)[0], poster_pdf(empty)):
        printed = flat(data)
        assert squeezed("We have not written up what you told us yet.") in printed
        assert squeezed("No actions have been agreed yet.") in printed
        assert squeezed("Ask the people who ran the workshops.") in printed
        assert [f for page in read(data) for f in page.fills] == []  # no empty charts


def test_the_charts_draw_dots_per_theme_and_actions_per_status():
    data, _pages = feedback_pdf.feedback_pdf(feedback())
    bars = [f for page in read(data) for f in page.fills]
    labels = [text for text in said(data) if re.search(r": \d+ (dot|action)", text)]
    assert labels == ["Cheap vapes sold to children: 31 dots", "Safer crossings: 18 dots",
                      "Somewhere warm at night: 7 dots", "✓ Done: 1 action",
                      "◐ Being done: 1 action", "● Agreed: 1 action", "○ Suggested: 1 action",
                      "✗ Said no: 1 action"]  # fmt: skip
    widths = [round(bar.width, 1) for bar in bars]
    assert widths[:3] == [round(PAGE_W - LEFT - RIGHT, 1),
                          round((PAGE_W - LEFT - RIGHT) * 18 / 31, 1),
                          round((PAGE_W - LEFT - RIGHT) * 7 / 31, 1)]  # fmt: skip
    assert len(bars) == 8


def test_the_footer_numbers_pages_and_names_the_feedback():
    data, pages = feedback_pdf.feedback_pdf(huge_but_quick())
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert len(reader.pages) == pages > 1
    footers = [line_text(line) for line in lines(runs(data)) if is_footer(line[0])]
    assert footers == [f"Page {n} of {pages}FB-261204-A1B2" for n in range(1, pages + 1)]


def huge_but_quick() -> FeedbackDocument:
    return feedback(did=feedback().did * 8, said=feedback().said * 5)


@pytest.mark.parametrize("cream", [True, False])
def test_cream_paints_every_page_first(cream):
    doc = replace(huge_but_quick(), cream=cream)
    for data in (feedback_pdf.feedback_pdf(doc)[0], poster_pdf(doc)):
        for page in read(data):
            full = [f for f in page.fills if f.width >= PAGE_W - 1 and f.height >= PAGE_H - 1]
            if not cream:
                assert full == []
                continue
            first = min([*page.fills, *page.runs], key=lambda item: item.order)
            assert first in full and first.x <= 0 and first.y <= 0
            assert [round(c * 255) for c in first.colour] == [0xFD, 0xF6, 0xE3]


@pytest.mark.parametrize("cream", [True, False])
def test_text_is_dark_on_its_background(cream):
    background = (0xFD / 255, 0xF6 / 255, 0xE3 / 255) if cream else (1.0, 1.0, 1.0)
    doc = feedback(cream=cream)
    for data in (feedback_pdf.feedback_pdf(doc)[0], poster_pdf(doc)):
        drawn = runs(data)
        assert min(contrast(run.colour, background) for run in drawn) >= 7
        body = [run for run in drawn if not is_footer(run) and run.font == "DejaVuSans"]
        assert max(contrast(run.colour, background) for run in body) >= 15


def contrast(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    """WCAG's contrast ratio of two sRGB colours."""

    def luminance(rgb):
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


# --- long, strange and huge input


def test_long_and_strange_texts_are_printed_whole():
    long_action = "Fix the lights " + "on the path by the river and the park, " * 130
    strange = "Emoji 😀👍 漢字仮名 한국어 a\x00b\x07c " + "W" * 300
    doc = feedback(
        said=(SaidTheme(strange, 1, 1, (long_action, strange)),),
        did=(DidLine(strange, long_action, "in_progress", dt.date(2027, 1, 1),
                     (Response(dt.date(2026, 12, 1), long_action),), (strange,)),))  # fmt: skip
    assert len(long_action) > 5000
    data, pages = feedback_pdf.feedback_pdf(doc)
    printed = body(data)
    assert pages > 3 and printed.count(squeezed(long_action)) == 3
    assert squeezed("Emoji 😀👍 漢字仮名 한국어 abc") in printed and "\x07" not in printed
    assert poster_pdf(doc).count(b"/Type /Page\n") == 1


def test_the_poster_is_one_page_however_much_it_is_given():
    doc = huge()
    data = poster_pdf(doc)
    assert len(pypdf.PdfReader(io.BytesIO(data)).pages) == 1
    text = said(data)
    themes = [t for t in text if t.startswith("•")]
    actions = [t for t in text if t[:1] in "✓◐●○✗"]
    assert 1 <= len(themes) <= 5 and 1 <= len(actions) <= 6
    assert f"And {200 - len(themes)} more in the full feedback." in text
    assert f"And {300 - len(actions)} more in the full feedback." in text
    # every item was cut, and the title and the contact: none takes more than its lines
    assert sum(t.endswith("…") for t in text) == len(themes) + len(actions) + 2
    title = [line_text(line) for line in lines(runs(data)) if round(line[0].size) == 28]
    assert 1 <= len(title) <= 2 and title[0].startswith("A very long title")
    assert title[-1].endswith("…")


def test_the_poster_shows_the_most_dots_and_the_most_finished_first():
    text = said(poster_pdf(feedback()))
    themes = [t for t in text if t.startswith("•")]
    assert themes[0] == "•Cheap vapes sold to children: 31 dots"
    order = [t.split(":")[0] for t in text if t[:1] in "✓◐●○✗"]
    assert order == ["✓ Done", "◐ Being done", "● Agreed", "○ Suggested", "✗ Said no"][
        : len(order)]  # fmt: skip
    assert len(order) >= 3


# --- metadata, progress and cancelling


@pytest.mark.parametrize("make", [lambda d: feedback_pdf.feedback_pdf(d)[0], poster_pdf])
def test_metadata_names_the_feedback(make):
    reader = pypdf.PdfReader(io.BytesIO(make(feedback())))
    assert reader.metadata.title == "You said, we did: Your Street, Your Voice"
    assert reader.metadata.author == "coprod_desktop"
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"


def test_progress_is_reported_up_to_the_total():
    seen: list[tuple[int, int]] = []
    feedback_pdf.feedback_pdf(huge_but_quick(), progress=lambda n, total: seen.append((n, total)))
    assert len(seen) > 2 and len({total for _n, total in seen}) == 1
    assert [n for n, _t in seen] == sorted(n for n, _t in seen)
    assert seen[-1][0] == seen[-1][1]


def test_cancelling_stops_the_layout():
    with pytest.raises(Cancelled):
        feedback_pdf.feedback_pdf(feedback(), cancelled=lambda: True)
    asked: list[int] = []

    def cancelled() -> bool:  # on the third time it is asked: in the middle of the layout
        asked.append(1)
        return len(asked) >= 3

    with pytest.raises(Cancelled):
        feedback_pdf.feedback_pdf(huge_but_quick(), cancelled=cancelled)
    assert len(asked) == 3


def test_the_poster_shows_at_most_five_themes_and_six_actions():
    many_themes = feedback(said=tuple(SaidTheme(f"Theme {i}", 1, 20 - i) for i in range(12)),
                           did=feedback().did[:1])  # fmt: skip
    text = said(poster_pdf(many_themes))
    assert [t for t in text if t.startswith("•")] == [f"•Theme {i}: {20 - i} dots"
                                                      for i in range(5)]  # fmt: skip
    assert "And 7 more in the full feedback." in text
    many_actions = feedback(said=feedback().said[:1],
                            did=tuple(DidLine("Council", f"Action {i}", "done") for i in range(9)))
    text = said(poster_pdf(many_actions))
    assert [t for t in text if t.startswith("✓")] == [f"✓ Done:Council: Action {i}"
                                                      for i in range(6)]  # fmt: skip
    assert "And 3 more in the full feedback." in text


def test_who_took_part_is_said_without_counting_nobody():
    took_part = feedback_document.took_part
    assert took_part(feedback()) == "42 people took part in 2 workshops. Thank you."
    assert took_part(feedback(people=1, sessions=())) == "1 person took part. Thank you."
    assert took_part(feedback(people=0)) == "We ran 2 workshops."
    assert took_part(feedback(people=0, sessions=())) == ""
    assert "0 people" not in flat(poster_pdf(feedback(people=0)))


def test_a_promise_past_its_date_says_it_is_late():
    did = (DidLine("Council", "Fix the lights", "agreed", dt.date(2026, 11, 30)),
           DidLine("Council", "Paint the fence", "in_progress", dt.date(2026, 12, 31)),
           DidLine("Council", "Clear the path", "done", dt.date(2026, 11, 1)))
    text = flat(feedback_pdf.feedback_pdf(feedback(did=did))[0])  # issued 4 December 2026
    assert squeezed("Agreed, by 30 November 2026 — this is late") in text
    assert text.count("thisislate") == 1  # not the one still in time, not the done one


def test_what_people_received_is_said_in_totals_and_plain_words():
    data = feedback_pdf.feedback_pdf(feedback())[0]
    text = body(data)
    for said_here in ("People who took part received £774.50 in vouchers, travel and other "
                      "things", "Vouchers: £560.00", "Travel: £124.50", "Other things: £90.00",
                      "fewer than 3 people had something"):  # fmt: skip
        assert squeezed(said_here) in text, said_here
    plain_doc = feedback_pdf.feedback_pdf(feedback(received=None))[0]
    assert squeezed("Thank you for your time") not in body(plain_doc)
