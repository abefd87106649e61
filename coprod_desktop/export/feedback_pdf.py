"""The "You said, we did" feedback as a large-print PDF for the people who took part, and (from
feedback_poster) as a one-page poster for the venue's wall.

It is a public document: no confidentiality marking. Many readers find reading hard, so it
follows feedback_style: 14 pt text and larger bold headings, left-aligned in lines of about 65
characters, no italics and no capitals; quotes and partners' answers are set apart by a
coloured line, statuses are plain words with a sign, dates are written out. Every text goes
through `pdf.safe`: markup characters in a partner's text are printed, never obeyed."""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from collections.abc import Callable

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, KeepTogether, PageTemplate, Paragraph

from coprod_desktop.domain.reciprocity import in_words as received_words
from coprod_desktop.domain.words import counted

from . import fonts, paragraphs
from .feedback_charts import bars
from .feedback_document import (
    SMALL_NUMBERS,
    STATUS_ORDER,
    DidLine,
    FeedbackDocument,
    SaidTheme,
    in_words,
    most_dots,
    most_finished,
    received_lines,
    status_word,
    took_part,
)
from .feedback_poster import poster_pdf
from .feedback_style import (
    GREY,
    PAGE_H,
    PAGE_W,
    STATUS_COLOURS,
    RuledParagraph,
    paint_background,
    styles,
    symbol,
)
from .pdf import Cancelled, safe

__all__ = ["Cancelled", "feedback_pdf", "poster_pdf"]

LEFT = RIGHT = 25 * mm  # a 160 mm column: about 65 characters of 14 pt text a line
TOP, BOTTOM = 20 * mm, 25 * mm
FOOTER_SIZE = 12
CHART_THEMES = 8  # themes in the chart of dots
EVERY = 16  # flowables between progress reports and checks for cancelling


def feedback_pdf(doc: FeedbackDocument, progress: Callable[[int, int], None] | None = None,
                 cancelled: Callable[[], bool] | None = None) -> tuple[bytes, int]:  # fmt: skip
    """The PDF's bytes and its page count. Raises pdf.Cancelled if `cancelled()` turns true;
    `progress(done, total)` is told how far the layout has gone."""
    if cancelled is not None and cancelled():
        raise Cancelled
    flowables = story(doc, styles())
    buffer = io.BytesIO()
    template = _Template(buffer, doc, len(flowables), progress, cancelled)
    template.build(flowables, canvasmaker=_canvas(template))
    if progress is not None:
        progress(template.total, template.total)
    return buffer.getvalue(), template.page


def story(d: FeedbackDocument, s: dict) -> list:
    return [*_top(d, s), *_said(d, s), *_did(d, s), *_received(d, s), *_talk(d, s)]


class _Heading(Paragraph):
    """A section heading: an entry in the PDF's outline, for finding one's way with a reader."""

    def __init__(self, text: str, style):
        super().__init__(safe(text), style)
        self.title = text


def _paras(text: str, style, kind: type[Paragraph] = Paragraph, before: str = "",
           after: str = "", lead: str = "") -> list[Paragraph]:  # fmt: skip
    """A text as paragraphs: one a line, long lines cut into pieces well under a page (so that
    a 5,000-character text costs no more than its length). `lead` (markup) starts the first."""
    parts = [p for line in paragraphs.lines(text) for p in paragraphs.pieces(line)] or [""]
    parts[0] = before + parts[0]
    parts[-1] += after
    return [kind((lead if i == 0 else "") + safe(part), style) for i, part in enumerate(parts)]


def _top(d: FeedbackDocument, s: dict) -> list:
    out: list = [Paragraph("You said, we did", s["kicker"]), *_paras(d.title, s["title"])]
    if took_part(d):
        out.append(Paragraph(safe(took_part(d)), s["body"]))
    for title, day, venue in sorted(d.sessions, key=lambda session: session[1]):
        where = f", at {venue}" if venue.strip() else ""
        out += _paras(f"{title}{where}", s["body"], lead=f"<b>{in_words(day)}</b>: ")
    out.append(Paragraph(safe(f"We wrote this on {in_words(d.issued.date())}."), s["body"]))
    return out


def _said(d: FeedbackDocument, s: dict) -> list:
    out: list = [_Heading("What you told us", s["h1"])]
    if not d.said:
        return [*out, Paragraph("We have not written up what you told us yet.", s["body"])]
    themes = most_dots(d.said)
    notes = sum(t.notes for t in themes)
    out.append(Paragraph(safe(
        f"You wrote {counted(notes, 'sticky note')}. We put them into "
        f"{counted(len(themes), 'theme')}. You gave dots to the ones that matter most to you."),
        s["body"]))  # fmt: skip
    if any(t.votes for t in themes):
        shown = themes[:CHART_THEMES]
        out += [Paragraph("Dots for each theme", s["h2"]),
                bars([(f"{_name(t)}: {counted(t.votes, 'dot')}", t.votes, None) for t in shown],
                     PAGE_W - LEFT - RIGHT)]  # fmt: skip
        if len(themes) > len(shown):
            out.append(Paragraph(f"These are the {len(shown)} themes with the most dots. "
                                 f"All {len(themes)} themes are below.", s["body"]))  # fmt: skip
    for theme in themes:
        out += _theme(theme, s)
    return out


def _name(theme: SaidTheme) -> str:
    return theme.name.strip() or "Other things you said"


def _theme(theme: SaidTheme, s: dict) -> list:
    out: list = [*_paras(_name(theme), s["h2"]), Paragraph(safe(
        f"{counted(theme.notes, 'sticky note')} and {counted(theme.votes, 'dot')}."), s["body"])]
    if theme.quotes:
        out.append(Paragraph("Some of the things people said:", s["body"]))
    for quote in theme.quotes:
        out += _paras(quote, s["indented"], RuledParagraph, before="“", after="”")
    return out


def _did(d: FeedbackDocument, s: dict) -> list:
    out: list = [_Heading("What happened next", s["h1"])]
    if not d.did:
        return [*out, Paragraph("No actions have been agreed yet.", s["body"])]
    count = Counter(a.status for a in d.did)
    statuses = [st for st in STATUS_ORDER if count[st]] + sorted(set(count) - set(STATUS_ORDER))
    out.append(Paragraph(safe(f"There {'is' if len(d.did) == 1 else 'are'} "
                              f"{counted(len(d.did), 'action')}."), s["body"]))  # fmt: skip
    rows = [(f"{symbol(st)} {status_word(st)}: {counted(count[st], 'action')}", count[st],
             colors.HexColor(STATUS_COLOURS.get(st, "#404040"))) for st in statuses]  # fmt: skip
    out += [Paragraph("Where the actions are now", s["h2"]), bars(rows, PAGE_W - LEFT - RIGHT)]
    by_organisation: dict[str, list[DidLine]] = {}
    for action in d.did:
        by_organisation.setdefault(action.organisation.strip(), []).append(action)
    for organisation, actions in by_organisation.items():
        heading = _paras(organisation or "Not yet given to anyone", s["h2"])
        blocks = [_action(a, s, d.issued.date()) for a in most_finished(tuple(actions))]
        out.append(KeepTogether(heading + blocks[0]))  # a heading never ends a page alone
        out += [KeepTogether(block) for block in blocks[1:]]
    return out


def _action(action: DidLine, s: dict, today: dt.date) -> list:
    colour = STATUS_COLOURS.get(action.status, "#404040")
    word = safe(status_word(action.status))
    status = f'<font color="{colour}">{symbol(action.status)}</font> {word}'
    if action.due is not None and action.status not in ("done", "declined"):
        status += f", by {in_words(action.due)}"
        if action.due < today:  # the community sees when a promise is late, in words
            status += " — this is late"
    out: list = [*_paras(action.text, s["action"]), Paragraph(status, s["status"])]
    if action.themes:
        out += _paras(", ".join(action.themes), s["body"], before="This is about: ", after=".")
    for response in sorted(action.responses, key=lambda r: r.on):
        out += _paras(response.text, s["indented"], RuledParagraph,
                      lead=f"<b>{in_words(response.on)}</b>: ")  # fmt: skip
    if action.status == "declined" and not action.responses:
        out.append(RuledParagraph("They have not told us why yet.", s["indented"]))
    return out


def _received(d: FeedbackDocument, s: dict) -> list:
    """What people were given for their time, in totals: only when the feedback says so."""
    lines = received_lines(d)
    if not lines:
        return []
    out: list = [_Heading("Thank you for your time", s["h1"]),
                 Paragraph(safe(received_words(d.received)), s["body"])]  # fmt: skip
    out += [Paragraph(safe(line), s["body"]) for line in lines]
    if d.received.folded:
        out.append(Paragraph(safe(SMALL_NUMBERS), s["body"]))
    return out


def _talk(d: FeedbackDocument, s: dict) -> list:
    out: list = [_Heading("Talk to us", s["h1"])]
    if d.contact.strip():
        return [*out, *_paras(d.contact, s["body"])]
    return [*out, Paragraph("Ask the people who ran the workshops.", s["body"])]


class _Template(BaseDocTemplate):
    def __init__(self, buffer, d: FeedbackDocument, total: int,
                 progress: Callable[[int, int], None] | None,
                 cancelled: Callable[[], bool] | None):  # fmt: skip
        super().__init__(
            buffer, pagesize=(PAGE_W, PAGE_H), leftMargin=LEFT, rightMargin=RIGHT,
            topMargin=TOP, bottomMargin=BOTTOM, title=f"You said, we did: {d.title}",
            author="coprod_desktop", subject="Feedback to the people who took part",
            creator="coprod_desktop", lang="en-GB", invariant=False,
        )  # fmt: skip
        self.document = d
        self.total = max(1, total)
        self.done = 0
        self.progress = progress
        self.cancelled = cancelled
        frame = Frame(LEFT, BOTTOM, self.width, self.height, 0, 0, 0, 0, id="body")
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self._page)])

    def _page(self, canv: Canvas, doc) -> None:
        """The background first, then the footer: the page number and the feedback's id."""
        paint_background(canv, self.document.cream)
        canv.saveState()
        canv.setFillColor(GREY)
        text = f"Page {doc.page} of "
        canv.setFont(fonts.REGULAR, FOOTER_SIZE)
        canv.drawString(LEFT, BOTTOM - 13 * mm, text)
        canv.translate(LEFT + canv.stringWidth(text, fonts.REGULAR, FOOTER_SIZE), BOTTOM - 13 * mm)
        canv.doForm("page-count")
        canv.restoreState()
        canv.saveState()
        canv.setFillColor(GREY)
        canv.setFont(fonts.REGULAR, FOOTER_SIZE)
        canv.drawRightString(PAGE_W - RIGHT, BOTTOM - 13 * mm, self.document.feedback_id)
        canv.restoreState()

    def afterFlowable(self, flowable) -> None:
        if isinstance(flowable, _Heading):
            key = f"section-{self.page}-{self.done}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(flowable.title, key, level=0)
        self.done += 1
        if self.done % EVERY == 0:
            if self.cancelled is not None and self.cancelled():
                raise Cancelled
            if self.progress is not None:
                self.progress(min(self.done, self.total), self.total)


def _canvas(template: _Template) -> type[Canvas]:
    """A canvas that writes the page count ("of M") once it is known, as the file is saved."""

    class FeedbackCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            kwargs["initialFontName"] = fonts.REGULAR  # no unembedded Helvetica in the file
            kwargs["initialFontSize"] = 14
            super().__init__(*args, **kwargs)

        def save(self):
            self.beginForm("page-count", 0, -5, 80, 16)
            self.setFont(fonts.REGULAR, FOOTER_SIZE)
            self.setFillColor(GREY)
            self.drawString(0, 0, str(template.page))
            self.endForm()
            super().save()

    return FeedbackCanvas
