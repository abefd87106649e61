"""A one-person PDF of what they agreed to: the form as they saw it, their answers and how and
when consent was given. It carries nothing about anyone else, and only the pseudonym (with a
blank line for the person to write their name, so a lost copy does not identify them) and, if
they asked for a credit, the name they chose to be credited as."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Image, SimpleDocTemplate, Spacer, Table, TableStyle

from coprod_desktop.domain.audit import Anchor
from coprod_desktop.domain.consent import (
    CREDIT,
    SHARE,
    ConsentForm,
    ConsentRecord,
    Method,
    Withdrawal,
)

from . import fonts
from .fonts import paragraph as _p


def _styles() -> dict[str, ParagraphStyle]:
    fonts.register()
    base = ParagraphStyle("body", fontName=fonts.REGULAR, fontSize=11, leading=15)
    return {
        "title": ParagraphStyle("title", parent=base, fontName=fonts.BOLD, fontSize=18,
                                leading=23, spaceAfter=8),
        "heading": ParagraphStyle("heading", parent=base, fontName=fonts.BOLD, fontSize=13,
                                  leading=17, spaceBefore=10, spaceAfter=4),
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=9, leading=12,
                                textColor=colors.HexColor("#444444")),
    }  # fmt: skip




def participant_copy_pdf(
    pseudonym: str,
    record: ConsentRecord,
    form: ConsentForm,
    withdrawals: Sequence[Withdrawal] = (),
    signature_png: bytes | None = None,
    generated_at: dt.datetime | None = None,
    anchor: Anchor | None = None,
) -> bytes:
    s = _styles()
    generated_at = generated_at or dt.datetime.now(dt.timezone.utc)
    story: list = [
        _p(f"Your consent: {form.title}", s["title"]),
        _p(f"Participant: {pseudonym}", s["body"]),
        _p("Your name: ______________________________", s["body"]),
        _p(f"Consent given: {record.given_at.astimezone():%d %B %Y at %H:%M}", s["body"]),
        _p(f"Consent form version {form.version} (reference {form.content_hash[:12]})",
           s["small"]),
        _p("About the workshop", s["heading"]),
    ]  # fmt: skip
    for para in form.information.split("\n\n"):
        story += [_p(para.strip(), s["body"]), Spacer(1, 4)]

    story.append(_p("Your answers", s["heading"]))
    rows = [[_p("Question", s["small"]), _p("Your answer", s["small"])]]
    for item in form.items:
        answer = record.decisions.get(item.key)
        text = "Yes" if answer else ("No" if answer is False else "Not asked")
        if answer and item.key == CREDIT and record.credit_name:
            text = f"Yes, as “{record.credit_name}”"  # the name they chose to be credited as
        rows.append([_p(item.wording, s["body"]), _p(text, s["body"])])
    table = Table(rows, colWidths=[135 * mm, 30 * mm], repeatRows=1)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#999999")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))  # fmt: skip
    story.append(table)

    if record.decisions.get(SHARE) and record.partner_decisions:
        story.append(_p("Sharing with partner organisations", s["heading"]))
        for org, ok in record.partner_decisions.items():
            story.append(_p(f"{org}: {'Yes' if ok else 'No'}", s["body"]))

    story.append(_p("How you gave consent", s["heading"]))
    story.append(_p(record.method.label, s["body"]))
    if record.method is Method.VERBAL:
        story.append(_p(f"Witnessed by: {record.witness}", s["body"]))
    if record.method is Method.PAPER:
        story.append(_p(f"Paper form reference: {record.paper_reference}", s["body"]))
    if record.guardian_name:
        story.append(_p(f"Parent or guardian: {record.guardian_name} "
                        f"({record.guardian_relationship})", s["body"]))  # fmt: skip
    if signature_png:
        image = Image(io.BytesIO(signature_png))
        scale = min(1.0, (80 * mm) / image.imageWidth, (30 * mm) / image.imageHeight)
        image.drawWidth, image.drawHeight = image.imageWidth * scale, image.imageHeight * scale
        image.hAlign = "LEFT"
        story += [Spacer(1, 4), image]

    for w in withdrawals:
        story.append(_p(f"You withdrew consent ({w.scope.label}) on "
                        f"{w.effective_at.astimezone():%d %B %Y}.", s["body"]))  # fmt: skip

    story += [
        _p("Changing your mind", s["heading"]),
        _p("You can withdraw at any time, without giving a reason, by telling the facilitator. "
           "Keep this copy: it shows exactly what you agreed to.", s["body"]),
        Spacer(1, 6),
        _p(f"Printed {generated_at.astimezone():%d %B %Y}", s["small"]),
    ]  # fmt: skip
    if anchor is not None:
        story.append(_p(anchor.line, s["small"]))

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, title=f"Consent copy {pseudonym}",
                            author="coprod_desktop", keywords=[anchor.keyword] if anchor else [],
                            leftMargin=20 * mm, rightMargin=20 * mm, topMargin=18 * mm,
                            bottomMargin=18 * mm)  # fmt: skip

    def footer(canvas, document) -> None:
        canvas.saveState()
        canvas.setFont(fonts.REGULAR, 8)
        canvas.drawRightString(A4[0] - 20 * mm, 10 * mm, f"{pseudonym} — page {document.page}")
        canvas.restoreState()

    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()
