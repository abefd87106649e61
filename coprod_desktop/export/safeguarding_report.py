"""The safeguarding log as its own PDF: every concern with what happened, when, who raised
it, the lead, the action taken, follow-ups and closure. Every page is marked "Safeguarding log
— restricted"; the service always encrypts it with a password (export/protect.finish). People
appear by pseudonym only."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping, Sequence

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, SimpleDocTemplate, Spacer, Table, TableStyle

from coprod_desktop.domain.safeguarding import Concern, action_line

from . import fonts
from .fonts import paragraph as _p

MARKING = "Safeguarding log — restricted"
RED = colors.HexColor("#8b1a1a")


def _styles() -> dict[str, ParagraphStyle]:
    fonts.register()
    body = ParagraphStyle("body", fontName=fonts.REGULAR, fontSize=10.5, leading=14)
    return {
        "title": ParagraphStyle("title", parent=body, fontName=fonts.BOLD, fontSize=18,
                                leading=23, spaceAfter=6),
        "h2": ParagraphStyle("h2", parent=body, fontName=fonts.BOLD, fontSize=12.5, leading=16,
                             spaceBefore=10, spaceAfter=4),
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=9, leading=12,
                                textColor=colors.HexColor("#444444")),
        "flag": ParagraphStyle("flag", parent=body, fontName=fonts.BOLD, textColor=RED),
    }  # fmt: skip




def _date(day: dt.date | None) -> str:
    return f"{day:%d %b %Y}" if day else ""


def report_pdf(project: str, concerns: Sequence[Concern], sessions: Mapping[str, str],
               people: Mapping[str, str], generated_at: dt.datetime,
               today: dt.date | None = None) -> bytes:  # fmt: skip
    """`sessions`: session id → title; `people`: participant id → pseudonym."""
    s = _styles()
    today = today or generated_at.astimezone().date()
    opened = [c for c in concerns if not c.closed]
    story: list = [
        _p(f"Safeguarding log: {project}", s["title"]),
        _p(f"{MARKING}. For the project's facilitators and safeguarding leads only: do not "
           "forward, print for others or file with partners' packs.", s["flag"]),
        _p(f"Printed {generated_at.astimezone():%d %B %Y at %H:%M}. {len(concerns)} concerns: "
           f"{len(opened)} open, {len(concerns) - len(opened)} closed.", s["small"]),
    ]  # fmt: skip
    if not concerns:
        story.append(_p("No concerns are recorded.", s["body"]))
    for n, c in enumerate(sorted(concerns, key=lambda c: c.raised_at), 1):
        rows = [
            ("Raised", f"{c.raised_at.astimezone():%d %b %Y %H:%M} by {c.raised_by}"),
            ("Session", sessions.get(c.session_id or "", "")),
            ("Person concerned", people.get(c.participant_id or "", "")),
            ("Safeguarding lead", c.lead),
            ("Action taken", action_line(c)),
            ("Status", f"Closed {_date(c.closed_on)}: {c.closing_note}" if c.closed else "Open"),
        ]
        table_rows = [[_p(k, s["small"]), _p(v, s["body"])] for k, v in rows if v]
        part = [_p(f"Concern {n}", s["h2"]), _p(c.what, s["body"]), Spacer(1, 3)]
        grid = Table(table_rows, colWidths=[38 * mm, 132 * mm])
        grid.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                  ("LINEBELOW", (0, 0), (-1, -1), 0.3,
                                   colors.HexColor("#cccccc"))]))  # fmt: skip
        part.append(grid)
        for f in c.follow_ups:
            state = (f"done {_date(f.done)}" if f.done else
                     "OVERDUE" if f.overdue(today) and not c.closed else "not yet done")
            line = f"Follow-up due {_date(f.due)} ({state})" + (f": {f.note}" if f.note else "")
            part.append(_p(line, s["flag"] if state == "OVERDUE" else s["body"]))
        story.append(KeepTogether(part[:3]))
        story += part[3:]
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, title=f"Safeguarding log: {project}",
                            author="coprod_desktop", subject=MARKING,
                            leftMargin=20 * mm, rightMargin=20 * mm, topMargin=22 * mm,
                            bottomMargin=18 * mm)  # fmt: skip

    def marking(canvas, document) -> None:
        canvas.saveState()
        canvas.setFillColor(RED)
        canvas.setFont(fonts.BOLD, 10)
        canvas.drawString(20 * mm, A4[1] - 13 * mm, MARKING)
        canvas.setFont(fonts.REGULAR, 8)
        canvas.setFillColor(colors.black)
        canvas.drawRightString(A4[0] - 20 * mm, 10 * mm, f"{MARKING} — page {document.page}")
        canvas.restoreState()

    doc.build(story, onFirstPage=marking, onLaterPages=marking)
    return buffer.getvalue()
