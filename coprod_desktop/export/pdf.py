"""Draw a PackDocument as a PDF with reportlab's platypus, in one pass.

Every page carries the confidentiality marking (header), the page number (footer) and a light
diagonal watermark with the audience. The contents page and "of N" in the footer need numbers
known only at the end: they are PDF form XObjects referenced where they appear and defined when
the document is saved, so nothing is laid out twice.

Layout time is linear in the length of the text: long texts (transcripts, notes) go in as
paragraphs well under a page each (see paragraphs.py). Every character is drawn in a shipped
font that has it (fonts.py) or, where none has it, as a marker the cover page lists.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable

from reportlab import rl_config
from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from coprod_desktop.domain.clips import clock
from coprod_desktop.domain.words import counted

from . import fonts, paragraphs, pdf_log
from .document import SECTIONS, PackDocument, as_text

PAGE_W, PAGE_H = A4
MARGIN = 20 * mm
GREY = colors.HexColor("#555555")
CHART_LIMIT = 20  # themes per chart (the largest)
BODY_H = PAGE_H - (MARGIN + 6) - MARGIN - 12  # the page's body frame, inside its padding
# C0 and C1 control characters (a "\x92" from old Windows text) but tab and line feed
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class Cancelled(Exception):
    """The facilitator cancelled the export."""


def styles() -> dict[str, ParagraphStyle]:
    fonts.register()
    base = ParagraphStyle(
        "body", fontName=fonts.REGULAR, fontSize=10.5, leading=14, bulletFontName=fonts.REGULAR
    )
    return {
        "body": base,
        "title": ParagraphStyle("title", parent=base, fontName=fonts.BOLD, fontSize=24,
                                leading=30, spaceAfter=12),
        "h1": ParagraphStyle("h1", parent=base, fontName=fonts.BOLD, fontSize=16, leading=21,
                             spaceBefore=6, spaceAfter=8),
        "h2": ParagraphStyle("h2", parent=base, fontName=fonts.BOLD, fontSize=12.5, leading=16,
                             spaceBefore=10, spaceAfter=4),
        "note": ParagraphStyle("note", parent=base, leftIndent=12, bulletIndent=2,
                               spaceAfter=3),
        "quote": ParagraphStyle("quote", parent=base, leftIndent=14, rightIndent=14,
                                textColor=colors.HexColor("#222222"), spaceAfter=6),
        "quote_line": ParagraphStyle("quote_line", parent=base, leftIndent=14, rightIndent=14,
                                     textColor=colors.HexColor("#222222")),
        "note_line": ParagraphStyle("note_line", parent=base, leftIndent=12),
        "small": ParagraphStyle("small", parent=base, fontSize=8.5, leading=11,
                                textColor=GREY),
        "marking": ParagraphStyle("marking", parent=base, fontName=fonts.BOLD, fontSize=14,
                                  leading=19, textColor=colors.HexColor("#a00000")),
    }  # fmt: skip


def safe(text: str) -> str:
    """Plain text for a Paragraph: markup characters are shown, never interpreted; what the
    main font cannot draw is in a fallback font, or a marker where no font can draw it."""
    return fonts.markup(_CONTROL.sub("", text)).replace("\n", "<br/>")


def flow(
    text: str,
    style: ParagraphStyle,
    last: ParagraphStyle,
    before: str = "",
    after: str = "",
    bullet: str | None = None,
    after_markup: str = "",
) -> list[Paragraph]:
    """A long text as paragraphs well under a page each: one per line, and long lines cut
    (paragraphs.py). `before` and `after` go round the whole; the first paragraph carries the
    bullet and the last has the `last` style (its space after)."""
    parts = [p for line in paragraphs.lines(text) for p in paragraphs.pieces(line)] or [""]
    parts[0] = before + parts[0]
    parts[-1] += after
    out = []
    for i, part in enumerate(parts):
        end = i == len(parts) - 1
        out.append(Paragraph(safe(part) + (after_markup if end else ""), last if end else style,
                             bulletText=bullet if i == 0 else None))  # fmt: skip
    return out


def _runs(text: str, font: str) -> list[tuple[str, str]]:
    """(font, text) runs for drawing on the canvas in `font`, with fallbacks and markers."""
    return [(font if f == fonts.REGULAR else f, t) for f, t in fonts.runs(text)]


def text_width(text: str, font: str, size: float) -> float:
    return sum(pdfmetrics.stringWidth(t, f, size) for f, t in _runs(text, font))


def draw_text(canv: Canvas, x: float, y: float, text: str, font: str, size: float,
              centred: bool = False) -> None:  # fmt: skip
    """drawString with the fallback fonts: what `font` cannot draw is in one that can."""
    runs = _runs(text, font)
    if centred:
        x -= sum(canv.stringWidth(t, f, size) for f, t in runs) / 2
    obj = canv.beginText(x, y)
    for f, t in runs:
        obj.setFont(f, size)
        obj.textOut(t)
    canv.drawText(obj)


class _Heading(Paragraph):
    """A section heading: recorded for the contents page and the PDF outline."""

    def __init__(self, text: str, style: ParagraphStyle, key: str):
        super().__init__(safe(text), style)
        self.key = key
        self.title = text


class _Contents(Flowable):
    """The contents page: section titles now, their page numbers drawn when known."""

    def __init__(self, entries: list[tuple[str, str]], style: ParagraphStyle):
        super().__init__()
        self.entries = entries
        self.style = style
        self.line = 20

    def wrap(self, avail_w, avail_h):
        self.width = avail_w
        return avail_w, self.line * len(self.entries)

    def draw(self):
        c = self.canv
        for i, (key, title) in enumerate(self.entries):
            y = self.line * (len(self.entries) - i - 1) + 4
            c.setFont(self.style.fontName, self.style.fontSize)
            c.drawString(0, y, title)
            c.setStrokeColor(colors.lightgrey)
            c.setDash(1, 3)
            c.line(c.stringWidth(title, self.style.fontName, self.style.fontSize) + 6, y,
                   self.width - 30, y)  # fmt: skip
            c.setDash()
            c.saveState()
            c.translate(self.width, y)
            c.doForm(f"toc-{key}")
            c.restoreState()


class _PackTemplate(BaseDocTemplate):
    def __init__(self, buffer, document: PackDocument, total: int,
                 progress: Callable[[int, int], None] | None,
                 cancelled: Callable[[], bool] | None):  # fmt: skip
        super().__init__(
            buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN + 6,
            bottomMargin=MARGIN, title=f"Pack {document.pack_id} for {document.audience}",
            author="coprod_desktop", subject=document.marking,
            creator=f"coprod_desktop {document.version}".strip(),
            keywords=["confidential", document.pack_id,
                      *([document.anchor.keyword] if document.anchor else [])],
            invariant=False,
        )  # fmt: skip
        self.document = document
        self.total = max(1, total)
        self.done = 0
        self.progress = progress
        self.cancelled = cancelled
        self.sections: dict[str, int] = {}  # key -> page
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body")
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self._decorate)])

    def _decorate(self, canv: Canvas, doc) -> None:
        """The same watermark and marking on every page (one form, drawn once), and the page
        number."""
        canv.doForm("decoration")
        canv.saveState()
        canv.setFillColor(GREY)
        canv.setFont(fonts.REGULAR, 8.5)
        text = f"Page {doc.page} of "
        width = canv.stringWidth(text, fonts.REGULAR, 8.5)
        x = PAGE_W - MARGIN - width - 14
        canv.drawString(x, MARGIN - 14, text)
        canv.translate(x + width, MARGIN - 14)
        canv.doForm("page-count")
        canv.restoreState()

    def decoration(self, canv: Canvas) -> None:
        """Drawn into the "decoration" form when the file is saved."""
        d = self.document
        canv.saveState()
        # the watermark is drawn first, so each page's text lies over it
        canv.setFillColor(colors.Color(0.86, 0.86, 0.86))
        label = f"Confidential — {d.audience}"
        width = max(1.0, text_width(label, fonts.BOLD, 40))
        size = min(40.0, 40.0 * (PAGE_H * 0.9) / width)
        canv.translate(PAGE_W / 2, PAGE_H / 2)
        canv.rotate(40)
        draw_text(canv, 0, 0, label, fonts.BOLD, size, centred=True)
        canv.restoreState()
        canv.setFillColor(colors.HexColor("#a00000"))
        marking = d.marking
        while (text_width(marking, fonts.BOLD, 8.5) > PAGE_W - 2 * MARGIN
               and len(marking) > 20):  # fmt: skip
            marking = marking[:-2] + "…"  # a very long audience name: keep the line on the page
        draw_text(canv, PAGE_W / 2, PAGE_H - MARGIN + 2, marking, fonts.BOLD, 8.5, centred=True)
        canv.setFillColor(GREY)
        canv.setFont(fonts.REGULAR, 8.5)
        canv.drawString(MARGIN, MARGIN - 14, "Anonymised. Do not copy or pass on.")

    def afterFlowable(self, flowable) -> None:
        if isinstance(flowable, _Heading):
            self.sections.setdefault(flowable.key, self.page)
            self.canv.bookmarkPage(flowable.key)
            self.canv.addOutlineEntry(flowable.title, flowable.key, level=0)
        self.done += 1
        if self.done % 64 == 0:
            if self.cancelled is not None and self.cancelled():
                raise Cancelled
            if self.progress is not None:
                self.progress(min(self.done, self.total), self.total)


def _numbers_canvas(template: _PackTemplate, keys: list[str]) -> type[Canvas]:
    """A canvas that defines the page-number forms just before the file is written."""

    class NumberingCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            kwargs["initialFontName"] = fonts.REGULAR  # no unembedded Helvetica in the file
            super().__init__(*args, **kwargs)

        def save(self):
            for key in keys:
                self.beginForm(f"toc-{key}", -60, -4, 0, 14)
                self.setFont(fonts.REGULAR, 11)
                self.drawRightString(0, 0, str(template.sections.get(key, "")))
                self.endForm()
            self.beginForm("decoration")
            template.decoration(self)
            self.endForm()
            self.beginForm("page-count", 0, -4, 60, 14)
            self.setFont(fonts.REGULAR, 8.5)
            self.setFillColor(GREY)
            self.drawString(0, 0, str(template.page))
            self.endForm()
            super().save()

    return NumberingCanvas


def _bar_chart(title: str, names: list[str], values: list[int], colour: str) -> Drawing:
    names, values = names[:CHART_LIMIT], values[:CHART_LIMIT]
    row = 16
    height = max(60, row * len(names) + 50)
    width = PAGE_W - 2 * MARGIN
    drawing = Drawing(width, height)
    drawing.add(String(0, height - 14, title, fontName=fonts.BOLD, fontSize=11))
    chart = HorizontalBarChart()
    chart.x, chart.y = 170, 20
    chart.width, chart.height = width - 190, height - 50
    chart.data = [list(reversed(values)) or [0]]
    shown = [n if len(n) <= 32 else n[:31] + "…" for n in reversed(names)]
    chart.categoryAxis.categoryNames = [""] * len(shown) or [""]  # the names: drawn below
    chart.categoryAxis.labels.fontName = fonts.REGULAR
    chart.categoryAxis.labels.fontSize = 8
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.valueAxis.labels.fontName = fonts.REGULAR
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = max([*values, 1]) * 1.1
    chart.valueAxis.valueStep = max(1, round(max([*values, 1]) / 5))
    chart.bars[0].fillColor = colors.HexColor(colour)
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = fonts.REGULAR
    chart.barLabels.fontSize = 7
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    drawing.add(chart)
    # each theme's name right-aligned against its bar, as the axis would draw it, but in as
    # many fonts as it needs (an emoji in a theme's name)
    step = chart.height / max(1, len(shown))
    ascent, descent = pdfmetrics.getAscentDescent(fonts.REGULAR, 8)
    for i, name in enumerate(shown):
        x = chart.x - 4 - text_width(name, fonts.REGULAR, 8)
        y = chart.y + (i + 0.5) * step - (ascent + descent) / 2
        for font, run in _runs(name, fonts.REGULAR):
            drawing.add(String(x, y, run, fontName=font, fontSize=8))
            x += pdfmetrics.stringWidth(run, font, 8)
    return drawing


def _table(rows: list[list[str]], s: dict, widths: list[float] | None = None) -> Table:
    data = [[Paragraph(safe(str(c)), s["small"] if r else s["body"]) for c in row]
            for r, row in enumerate(rows)]  # fmt: skip
    table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle([
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.lightgrey),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),  # else Helvetica is listed, unembedded
    ]))  # fmt: skip
    # A row taller than half a page (a risk's 4,000 characters of mitigations in a narrow
    # column) may split across pages: a row taller than the page could not be placed at all.
    table.wrap(PAGE_W - 2 * MARGIN - 12, BODY_H)
    if max(table._rowHeights, default=0) > BODY_H / 2:
        table.splitInRow = 1
    return table


def story(d: PackDocument, s: dict) -> tuple[list, list[tuple[str, str]]]:
    """The flowables of the pack and the contents entries (section key, title)."""
    entries = [(k, t) for k, t in SECTIONS.items() if d.has(k)
               and (k != "quotes" or d.quotes) and (k != "themes" or d.themes)]  # fmt: skip
    out: list = [
        Spacer(1, 40 * mm),
        Paragraph("Co-production pack", s["title"]),
        Paragraph(safe(f"Prepared for {d.audience}"), s["h1"]),
        Paragraph(safe(f"Pack {d.pack_id} · issued {d.issued_at:%d %B %Y}"), s["body"]),
        Spacer(1, 12 * mm),
        Paragraph("CONFIDENTIAL", s["marking"]),
        Paragraph(
            safe("This pack holds anonymised contributions from community co-production "
                 "workshops, shared only as each person agreed. Names and other personal "
                 f"details have been removed or replaced. It is for {d.audience} only: do not "
                 "copy it, pass it on or try to identify anyone in it. Pseudonyms such as "
                 "P-07 and placeholders such as [Person A] stand for people."), s["body"]),
        *_unprintable(d, s),
        PageBreak(),
        Paragraph("Contents", s["h1"]),
        _Contents(entries, s["body"]),
        PageBreak(),
    ]  # fmt: skip
    out += _summary(d, s)
    if d.has("themes") and d.themes:
        out += _themes(d, s)
    if d.has("quotes") and d.quotes:
        out += _quotes(d, s)
    if d.has("charts"):
        out += _charts(d, s)
    if d.has("consent"):
        out += _consent(d, s)
    for key, section in (("risks", pdf_log.risks), ("barriers", pdf_log.barriers),
                         ("outcomes", pdf_log.outcomes), ("actions", pdf_log.actions),
                         ("reciprocity", pdf_log.reciprocity)):  # fmt: skip
        if d.has(key):
            out += section(d, s, _Heading, _table, safe)
    return out, entries


def _unprintable(d: PackDocument, s: dict) -> list:
    """On the cover: the characters no shipped font can draw, each shown in the pack as a
    marker such as [U+0939], listed with their names, so that none is a silent gap."""
    missing = fonts.missing([as_text(d)])
    if not missing:
        return []
    listed = "; ".join(f"{fonts.marker(c)} {fonts.unicode_name(c)}" for c in missing)
    return [Spacer(1, 4 * mm), Paragraph(safe(
        f"{counted(len(missing), 'character')} in this pack cannot be printed with its fonts: "
        f"each is shown as its Unicode code in brackets instead. {listed}."),
        s["small"])]  # fmt: skip


def _summary(d: PackDocument, s: dict) -> list:
    out: list = [_Heading(SECTIONS["summary"], s["h1"], "summary")]
    parts = [counted(len(d.sessions), "session")]
    if d.has("themes"):
        notes = sum(len(t.notes) for t in d.themes)
        themes = len({t.name for t in d.themes if t.name})
        parts.append(f"{counted(notes, 'note')} in {counted(themes, 'theme')}")
    if d.has("quotes"):
        parts.append(f"{counted(len(d.quotes), 'quote')} from radio-lab clips")
    parts.append(f"contributions from {d.contributors} people")
    out.append(Paragraph(safe("; ".join(parts) + "."), s["body"]))
    rows = [["Session", "Date", "Venue", "Format", "People"]]
    for line in d.sessions:
        people = ", ".join(f"{n} {role.lower()}{'s' if n != 1 else ''}"
                           for role, n in line.people_by_role.items() if n)  # fmt: skip
        rows.append([line.title, f"{line.date:%d %b %Y}", line.venue, line.format, people])
    out += [Spacer(1, 4 * mm), _table(rows, s, [118, 52, 100, 84, 127])]
    if d.people_by_role:
        out.append(Paragraph("People taking part, by role", s["h2"]))
        out.append(
            _table(
                [["Role", "People"], *[[r, str(n)] for r, n in d.people_by_role.items()]],
                s,
                [200, 80],
            )
        )
    return out


def _themes(d: PackDocument, s: dict) -> list:
    out: list = [CondPageBreak(60 * mm), _Heading(SECTIONS["themes"], s["h1"], "themes")]
    session = None
    for block in d.themes:
        if block.session != session:
            session = block.session
            out.append(Paragraph(safe(session), s["small"]))
        name = block.name or "Not in a theme"
        votes = f" — {counted(block.votes, 'vote')}" if block.votes else ""
        out.append(Paragraph(safe(f"{name} ({counted(len(block.notes), 'note')}{votes})"), s["h2"]))
        for text, n in block.notes:
            suffix = f" <font color='#666666'>({n} vote{'s' if n != 1 else ''})</font>" if n else ""
            out += flow(text, s["note_line"], s["note"], bullet="•", after_markup=suffix)
    return out


def _quotes(d: PackDocument, s: dict) -> list:
    out: list = [CondPageBreak(60 * mm), _Heading(SECTIONS["quotes"], s["h1"], "quotes")]
    for q in d.quotes:
        head = f"{q.title} ({clock(q.seconds * 1000)})" if q.seconds else q.title
        block = [Paragraph(safe(head), s["h2"]), Paragraph(safe(q.session), s["small"])]
        if q.audio_file:
            block.append(Paragraph(safe(f"Audio attached to this PDF: {q.audio_file}"),
                                   s["small"]))  # fmt: skip
        out.append(KeepTogether(block))
        # a paragraph of the transcript (between blank lines) in quotation marks, as a
        # paragraph for each line (a speaker's turn) and for each piece of a long one
        for part in q.text.split("\n\n"):
            if part.strip():
                out += flow(part, s["quote_line"], s["quote"], before="“", after="”")
    return out


def _charts(d: PackDocument, s: dict) -> list:
    out: list = [CondPageBreak(80 * mm), _Heading(SECTIONS["charts"], s["h1"], "charts")]
    themes: dict[str, list[int]] = {}
    for block in d.themes:
        if block.name:
            totals = themes.setdefault(block.name, [0, 0])
            totals[0] += len(block.notes)
            totals[1] += block.votes
    if not themes:
        return [*out, Paragraph("No themed notes in this pack to chart.", s["body"])]
    by_size = sorted(themes.items(), key=lambda kv: -kv[1][0])
    out.append(_bar_chart("Notes per theme", [k for k, _v in by_size], [v[0] for _k, v in by_size],
                          "#4c72b0"))  # fmt: skip
    by_votes = sorted(themes.items(), key=lambda kv: -kv[1][1])
    if any(v[1] for _k, v in by_votes):
        out += [Spacer(1, 8 * mm), _bar_chart("Votes per theme", [k for k, _v in by_votes],
                                              [v[1] for _k, v in by_votes], "#dd8452")]  # fmt: skip
    if len(themes) > CHART_LIMIT:
        out.append(Paragraph(f"The {CHART_LIMIT} largest of {len(themes)} themes are shown.",
                             s["small"]))  # fmt: skip
    return out


def _consent(d: PackDocument, s: dict) -> list:
    out: list = [CondPageBreak(60 * mm), _Heading(SECTIONS["consent"], s["h1"], "consent")]
    out.append(Paragraph(safe(
        "What the community members at these sessions agreed to, in numbers. Each person's "
        f"material is in this pack only if they agreed to be quoted and to sharing with "
        f"{d.audience}. Counts of 1 or 2 are shown as “fewer than 3”, so that no one can be "
        "picked out."), s["body"]))  # fmt: skip
    statuses = sorted({st for counts in d.consent.values() for st in counts})
    rows = [["Consent item", *statuses]]
    rows += [[item, *[_count(counts.get(st, 0)) for st in statuses]]
             for item, counts in d.consent.items()]  # fmt: skip
    out += [Spacer(1, 4 * mm), _table(rows, s)]
    return out


def _count(n: int) -> str:
    """A small count could single someone out: 1 and 2 are not shown exactly."""
    return "fewer than 3" if 0 < n < 3 else str(n)


def render(d: PackDocument, progress: Callable[[int, int], None] | None = None,
           cancelled: Callable[[], bool] | None = None) -> tuple[bytes, int]:  # fmt: skip
    """The PDF's bytes and its page count. Raises Cancelled if `cancelled()` turns true."""
    # streams in binary, not reportlab's default base-85 text (made for 7-bit channels): a
    # sixth smaller, and the encoding was a tenth of the time of a long pack
    rl_config.useA85 = 0
    s = styles()
    flowables, entries = story(d, s)
    if d.anchor is not None:  # the last thing in the pack, to check the project against
        flowables += [Spacer(1, 6 * mm), Paragraph(safe(d.anchor.line), s["small"])]
    buffer = io.BytesIO()
    template = _PackTemplate(buffer, d, len(flowables), progress, cancelled)
    template.build(flowables, canvasmaker=_numbers_canvas(template, [k for k, _t in entries]))
    if progress is not None:
        progress(template.total, template.total)
    return buffer.getvalue(), template.page
