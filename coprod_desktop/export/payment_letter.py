"""A one-page letter for a participant: what they received for taking part in a period, with
dates and amounts, the total, and a word on declaring it to benefits agencies. Like the consent
copy it carries only the pseudonym, with a blank line for the person to write their name, so a
lost letter does not identify them."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping, Sequence

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate, Spacer, Table, TableStyle

from coprod_desktop.domain.audit import Anchor
from coprod_desktop.domain.reciprocity import (
    KINDS,
    METHODS,
    Entry,
    Threshold,
    ThresholdCheck,
    money,
)

from .fonts import paragraph as _p
from .participant_copy import _styles

ADVICE = ("If you receive benefits, payments and vouchers for taking part may need to be "
          "declared to the agency that pays them (for example the Department for Work and "
          "Pensions, or your local council for housing support). Free, confidential advice is "
          "available from Citizens Advice, a local welfare rights service or a benefits adviser. "
          "Keep this letter: it shows what you received and when.")  # fmt: skip


def payment_letter_pdf(project: str, pseudonym: str, entries: Sequence[Entry],
                       sessions: Mapping[str, str], check: ThresholdCheck, threshold: Threshold,
                       printed_at: dt.datetime | None = None,
                       anchor: Anchor | None = None) -> bytes:  # fmt: skip
    s = _styles()
    printed_at = printed_at or dt.datetime.now(dt.timezone.utc)
    story: list = [
        _p("What you received for taking part", s["title"]),
        _p(f"Project: {project}", s["body"]),
        _p(f"Participant: {pseudonym}", s["body"]),
        _p("Your name: ______________________________", s["body"]),
        _p(f"From {check.since:%d %B %Y} to {check.until:%d %B %Y}", s["body"]),
        Spacer(1, 4),
        _p("Thank you for taking part. This letter lists what you were given for your time.",
           s["body"]),
        _p("What you received", s["heading"]),
    ]  # fmt: skip
    rows = [[_p(h, s["small"]) for h in ("Date", "What", "How it was given", "Amount")]]
    for e in entries:
        what = KINDS[e.kind]
        if e.session_id and e.session_id in sessions:
            what += f" — {sessions[e.session_id]}"
        rows.append([_p(f"{e.on:%d %b %Y}", s["body"]), _p(what, s["body"]),
                     _p(METHODS.get(e.method, e.method), s["body"]),
                     _p(money(e.amount) if e.amount else "No money value", s["body"])])
    rows.append([_p("", s["body"]), _p("Total", s["heading"]), _p("", s["body"]),
                 _p(money(check.total), s["heading"])])  # fmt: skip
    table = Table(rows, colWidths=[28 * mm, 72 * mm, 36 * mm, 34 * mm], repeatRows=1)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -2), 0.5, colors.HexColor("#999999")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))  # fmt: skip
    story.append(table)
    story.append(_p("Benefits", s["heading"]))
    if check.over and threshold.amount is not None:
        story.append(_p(f"In this period you received {money(check.total)}, more than "
                        f"{money(threshold.amount)}.", s["body"]))  # fmt: skip
    story += [
        _p(ADVICE, s["body"]),
        Spacer(1, 8),
        _p(f"Printed {printed_at.astimezone():%d %B %Y} by {project}", s["small"]),
    ]  # fmt: skip
    if anchor is not None:
        story.append(_p(anchor.line, s["small"]))
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, title=f"Payment letter {pseudonym}",
                            author="coprod_desktop", keywords=[anchor.keyword] if anchor else [],
                            leftMargin=20 * mm, rightMargin=20 * mm, topMargin=18 * mm,
                            bottomMargin=18 * mm)  # fmt: skip
    doc.build(story)
    return buffer.getvalue()
