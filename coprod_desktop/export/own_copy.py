"""A participant's own copy as a PDF: everything they gave the project, under their pseudonym
only — their notes, their words from the clips (anyone else's lines only as a placeholder),
their clips, dots and programme credits, their consent history and where their material went.

Every text arrives here already as it leaves the project (anonymised by the service); this
module only lays it out, in plain large print, showing markup characters as typed."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from coprod_desktop.domain.audit import Anchor

from . import fonts
from .fonts import paragraph as _p
from .paragraphs import pieces

ANOTHER_SPEAKER = "[another speaker]"
UNMARKED = "[a line that does not say who spoke it]"


@dataclass(frozen=True)
class NoteLine:
    session: str  # "title, 12 September 2026"
    theme: str
    text: str


@dataclass(frozen=True)
class ClipPart:
    title: str
    session: str
    seconds: int
    lines: tuple[tuple[str, bool], ...]  # (text, theirs): placeholders for anyone else's
    remark: str = ""  # e.g. why some lines are not shown
    audio: str = ""  # "Attached as …" or "Not attached: …"; "" when audio was not asked for


@dataclass(frozen=True)
class ConsentLine:
    given: dt.datetime
    form: str  # "Consent form title, version 2 (reference 0123abcd4567)"
    method: str
    answers: tuple[tuple[str, str], ...]  # (question, answer)


@dataclass(frozen=True)
class OwnCopyDocument:
    pseudonym: str
    generated_at: dt.datetime
    notes: tuple[NoteLine, ...] = ()
    clips: tuple[ClipPart, ...] = ()
    dots: int = 0
    rounds: int = 0
    anonymous_rounds: int = 0  # on their sessions' boards: nobody's dots are known there
    roles: tuple[str, ...] = ()  # "Presenter: “Item” in “Programme”"
    consents: tuple[ConsentLine, ...] = ()
    withdrawals: tuple[str, ...] = ()  # "Everything …, on 3 October 2026"
    erased: tuple[str, ...] = ()  # plain sentences: what was erased, and when
    disclosures: tuple[str, ...] = ()  # "12 October 2026 — Trading Standards (pack.pdf): …"
    anchor: Anchor | None = None
    remarks: tuple[str, ...] = field(default_factory=tuple)


def _styles() -> dict[str, ParagraphStyle]:
    fonts.register()
    base = ParagraphStyle("body", fontName=fonts.REGULAR, fontSize=12, leading=17)
    return {
        "title": ParagraphStyle("title", parent=base, fontName=fonts.BOLD, fontSize=22,
                                leading=28, spaceAfter=8),
        "heading": ParagraphStyle("heading", parent=base, fontName=fonts.BOLD, fontSize=15,
                                  leading=20, spaceBefore=14, spaceAfter=6),
        "subheading": ParagraphStyle("subheading", parent=base, fontName=fonts.BOLD,
                                     spaceBefore=8, spaceAfter=2),
        "body": base,
        "line": ParagraphStyle("line", parent=base, leftIndent=8 * mm),
        "other": ParagraphStyle("other", parent=base, leftIndent=8 * mm,
                                textColor=colors.HexColor("#555555")),
        "small": ParagraphStyle("small", parent=base, fontSize=10, leading=14,
                                textColor=colors.HexColor("#444444")),
    }  # fmt: skip




def _long(text: str, style: ParagraphStyle) -> list[Paragraph]:
    """A text of any length as paragraphs a page can always hold (see paragraphs.py)."""
    out = []
    for line in (x.strip() for x in text.split("\n")):
        out += [_p(piece, style) for piece in pieces(line)] if line else []
    return out


def _day(moment: dt.datetime | dt.date) -> str:
    if isinstance(moment, dt.datetime):
        moment = moment.astimezone()
    return f"{moment:%d %B %Y}".lstrip("0")


def _answers(answers: tuple[tuple[str, str], ...], s: dict[str, ParagraphStyle]) -> Table:
    rows = [[_p("Question", s["small"]), _p("Your answer", s["small"])]]
    rows += [[_p(question, s["body"]), _p(answer, s["body"])] for question, answer in answers]
    table = Table(rows, colWidths=[120 * mm, 50 * mm], repeatRows=1)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#999999")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))  # fmt: skip
    return table


def own_copy_pdf(doc: OwnCopyDocument) -> bytes:
    s = _styles()
    story: list = [
        _p("Your own copy", s["title"]),
        _p(f"Participant: {doc.pseudonym}", s["body"]),
        _p("Your name: ______________________________", s["body"]),
        _p(f"Made on {_day(doc.generated_at)}. This is everything the project holds that you "
           "gave it, under your pseudonym only. Other people's words and names are left out.",
           s["small"]),
    ]  # fmt: skip
    for sentence in doc.erased:
        story.append(_p(sentence, s["body"]))

    story.append(_p("Your notes", s["heading"]))
    if not doc.notes:
        story.append(_p("There are no notes of yours in the project.", s["body"]))
    shown: tuple[str, str] | None = None
    for note in doc.notes:  # under their session and theme, each said once
        if shown is None or note.session != shown[0]:
            story.append(_p(note.session, s["subheading"]))
        if shown is None or (note.session, note.theme) != shown:
            story.append(_p(f"Theme: {note.theme}" if note.theme else "Not in a theme",
                            s["small"]))  # fmt: skip
        shown = (note.session, note.theme)
        story += [*_long(note.text, s["line"]), Spacer(1, 3)]

    story.append(_p("Your words in the radio lab", s["heading"]))
    if not doc.clips:
        story.append(_p("There are no clips you speak in.", s["body"]))
    for clip in doc.clips:
        length = f"{clip.seconds // 60}:{clip.seconds % 60:02d}" if clip.seconds else "no audio"
        story.append(KeepTogether([_p(clip.title, s["subheading"]),
                                   _p(f"{clip.session} — {length}", s["small"])]))  # fmt: skip
        for line, theirs in clip.lines:
            story += _long(line, s["line" if theirs else "other"])
        for extra in (clip.remark, clip.audio):
            if extra:
                story.append(_p(extra, s["small"]))

    story.append(_p("Your votes", s["heading"]))
    story.append(_p(f"You gave {doc.dots} dot{'s' if doc.dots != 1 else ''} in "
                    f"{doc.rounds} voting round{'s' if doc.rounds != 1 else ''}.", s["body"]))
    if doc.anonymous_rounds:
        story.append(_p("Dots given in anonymous voting rounds are not recorded against "
                        "anyone, so they cannot be counted here.", s["small"]))  # fmt: skip

    if doc.roles:
        story.append(_p("Your parts in radio programmes", s["heading"]))
        story += [_p(role, s["body"]) for role in doc.roles]

    story.append(_p("Your consent", s["heading"]))
    if not doc.consents:
        story.append(_p("No consent is recorded for you.", s["body"]))
    for record in doc.consents:
        story += [_p(f"Given on {_day(record.given)} — {record.method}", s["subheading"]),
                  _p(record.form, s["small"])]  # fmt: skip
        if record.answers:
            story.append(_answers(record.answers, s))
    if doc.withdrawals:
        story.append(_p("Your withdrawals", s["subheading"]))
        story += [_p(w, s["body"]) for w in doc.withdrawals]

    story.append(_p("Where your material went", s["heading"]))
    if not doc.disclosures:
        story.append(_p("Nothing of yours has gone into a pack or a programme.", s["body"]))
    story += [_p(line, s["body"]) for line in doc.disclosures]

    story += [Spacer(1, 8), *(_p(r, s["small"]) for r in doc.remarks),
              _p("You can ask the facilitator about anything here, and withdraw at any time "
                 "without giving a reason.", s["small"])]  # fmt: skip
    if doc.anchor is not None:
        story.append(_p(doc.anchor.line, s["small"]))

    buffer = io.BytesIO()
    template = SimpleDocTemplate(
        buffer, pagesize=A4, title=f"Own copy {doc.pseudonym}", author="coprod_desktop",
        keywords=[doc.anchor.keyword] if doc.anchor else [], leftMargin=20 * mm,
        rightMargin=20 * mm, topMargin=18 * mm, bottomMargin=18 * mm)  # fmt: skip

    def footer(canvas, document) -> None:
        canvas.saveState()
        canvas.setFont(fonts.REGULAR, 9)
        canvas.drawRightString(A4[0] - 20 * mm, 10 * mm, f"{doc.pseudonym} — page {document.page}")
        canvas.restoreState()

    template.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()
