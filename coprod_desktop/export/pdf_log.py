"""The pack's risk register (a likelihood x impact heat map and a table), barriers, outcomes,
actions and reciprocity (what people received, in totals) sections."""

from __future__ import annotations

from collections import Counter

from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, Spacer

from coprod_desktop.domain.reciprocity import MIN_PEOPLE, money
from coprod_desktop.domain.risks import level

from . import fonts
from .document import SECTIONS, PackDocument

LEVEL_COLOURS = {"low": "#c8e6c9", "medium": "#fff59d", "high": "#ffcc80",
                 "very high": "#ef9a9a"}  # fmt: skip


def heat_map(cells: Counter, title: str) -> Drawing:
    """5 x 5 grid: impact across, likelihood up; each cell coloured by its score band and
    showing how many risks sit in it."""
    cell, left, bottom = 44, 70, 34
    drawing = Drawing(left + 5 * cell + 20, bottom + 5 * cell + 34)
    drawing.add(String(0, bottom + 5 * cell + 18, title, fontName=fonts.BOLD, fontSize=11))
    for likelihood in range(1, 6):
        for impact in range(1, 6):
            x, y = left + (impact - 1) * cell, bottom + (likelihood - 1) * cell
            band = level(likelihood * impact)
            drawing.add(Rect(x, y, cell, cell, fillColor=colors.HexColor(LEVEL_COLOURS[band]),
                             strokeColor=colors.white, strokeWidth=1.5))  # fmt: skip
            n = cells.get((likelihood, impact), 0)
            if n:
                drawing.add(String(x + cell / 2, y + cell / 2 - 5, str(n), fontName=fonts.BOLD,
                                   fontSize=13, textAnchor="middle"))  # fmt: skip
        drawing.add(String(left - 8, bottom + (likelihood - 1) * cell + cell / 2 - 3,
                           str(likelihood), fontName=fonts.REGULAR, fontSize=8,
                           textAnchor="end"))  # fmt: skip
    for impact in range(1, 6):
        drawing.add(String(left + (impact - 1) * cell + cell / 2, bottom - 12, str(impact),
                           fontName=fonts.REGULAR, fontSize=8, textAnchor="middle"))  # fmt: skip
    drawing.add(String(left + 5 * cell / 2, bottom - 26, "Impact", fontName=fonts.REGULAR,
                       fontSize=9, textAnchor="middle"))  # fmt: skip
    drawing.add(String(0, bottom + 5 * cell / 2, "Likelihood", fontName=fonts.REGULAR,
                       fontSize=9))  # fmt: skip
    return drawing


def risks(d: PackDocument, s: dict, heading, table, safe) -> list:
    out: list = [CondPageBreak(90 * mm), heading(SECTIONS["risks"], s["h1"], "risks")]
    if not d.risks:
        return [*out, Paragraph("No risks are recorded.", s["body"])]
    live = [r for r in d.risks if r.status != "Closed"]
    title = f"Open and mitigated risks ({len(live)}) by likelihood and impact"
    out.append(heat_map(Counter((r.likelihood, r.impact) for r in live), title))
    out.append(Spacer(1, 4 * mm))
    rows = [["Risk", "Affects", "L × I", "Status", "Mitigations", "Owner"]]
    rows += [[f"{r.category}: {r.description}", r.affects,
              f"{r.likelihood} × {r.impact} = {r.likelihood * r.impact} "
              f"({level(r.likelihood * r.impact)})", r.status, r.mitigations, r.owner]
             for r in d.risks]  # fmt: skip
    out.append(table(rows, s, [140, 68, 54, 52, 120, 47]))
    return out


def barriers(d: PackDocument, s: dict, heading, table, safe) -> list:
    out: list = [CondPageBreak(60 * mm), heading(SECTIONS["barriers"], s["h1"], "barriers")]
    if not d.barriers:
        return [*out, Paragraph("No barriers are recorded.", s["body"])]
    for side in dict.fromkeys(b.side for b in d.barriers):
        out.append(Paragraph(safe(side), s["h2"]))
        rows = [["Barrier", "When and where", "How it was met", "Result"]]
        rows += [[f"{b.category}: {b.description}", b.when, b.response, b.resolution]
                 for b in d.barriers if b.side == side]  # fmt: skip
        out.append(table(rows, s, [170, 80, 170, 61]))
    return out


def outcomes(d: PackDocument, s: dict, heading, table, safe) -> list:
    out: list = [CondPageBreak(60 * mm), heading(SECTIONS["outcomes"], s["h1"], "outcomes")]
    if not d.outcomes and not d.measures:
        return [*out, Paragraph("No outcomes are recorded.", s["body"])]
    sessions = list(dict.fromkeys([o.session for o in d.outcomes] +
                                  [m.session for m in d.measures]))  # fmt: skip
    for session in sessions:
        out.append(Paragraph(safe(session), s["h2"]))
        for o in (o for o in d.outcomes if o.session == session):
            extra = f" <font color='#666666'>({safe(o.evidence)})</font>" if o.evidence else ""
            out.append(Paragraph(f"<b>{safe(o.type)}</b> · {o.observed_on:%d %b %Y}: "
                                 f"{safe(o.text)}{extra}", s["note"], bulletText="•"))  # fmt: skip
        for m in (m for m in d.measures if m.session == session):
            n = sum(m.counts)
            answers = ", ".join(f"{v}: {c}" for v, c in enumerate(m.counts, 1))
            out.append(KeepTogether([
                Paragraph(safe(f"“{m.question}” (1 = {m.low_label}, {len(m.counts)} = "
                               f"{m.high_label})"), s["body"]),
                Paragraph(safe(f"{n} anonymous answers — {answers}"), s["small"]),
            ]))  # fmt: skip
    return out


def actions(d: PackDocument, s: dict, heading, table, safe) -> list:
    """Each organisation's actions (the pack's audience first): what, how far it has got, by
    when (overdue ones say so in words), and what the organisation has said about it."""
    out: list = [CondPageBreak(60 * mm), heading(SECTIONS["actions"], s["h1"], "actions")]
    response = ParagraphStyle("response", parent=s["note"], fontSize=9.5, leading=13,
                              leftIndent=26, bulletIndent=16)  # what the partner said
    if not d.actions:
        return [*out, Paragraph("No actions are recorded.", s["body"])]
    out.append(Paragraph(safe(f"Every organisation's actions, so that each can see the whole; "
                              f"what an organisation reported back is shown for {d.audience}'s "
                              "own actions only."), s["small"]))  # fmt: skip
    for owner in dict.fromkeys(a.organisation for a in d.actions):
        out.append(Paragraph(safe(owner), s["h2"]))
        for a in (a for a in d.actions if a.organisation == owner):
            due = ""
            if a.due:
                due = f" · due {a.due:%d %b %Y}" + (" — <b>overdue</b>" if a.overdue else "")
            extra = f" <font color='#666666'>({safe(a.evidence)})</font>" if a.evidence else ""
            block = [Paragraph(f"<b>{safe(a.status)}</b>{due}: {safe(a.text)}{extra}",
                               s["note"], bulletText="•")]  # fmt: skip
            block += [Paragraph(safe(f"{on:%d %b %Y}: {text}"), response, bulletText="–")
                      for on, text in a.responses]  # fmt: skip
            out.append(KeepTogether(block))
    return out


def reciprocity(d: PackDocument, s: dict, heading, table, safe) -> list:
    """What people received for taking part, as totals by kind and by session with how many
    people: evidence of cost and of fair treatment, never a row about one person."""
    out: list = [CondPageBreak(60 * mm),
                 heading(SECTIONS["reciprocity"], s["h1"], "reciprocity")]  # fmt: skip
    r = d.reciprocity
    if r is None or r.empty:
        return [*out, Paragraph("Nothing given to participants is recorded.", s["body"])]
    people = f"{r.people} {'person' if r.people == 1 else 'people'}"
    out.append(Paragraph(safe(f"{people} received something for taking part: "
                              f"{money(r.total)} in all ({r.items} items, training and "
                              "certificates included)."), s["body"]))  # fmt: skip
    for title, lines, first in (("By kind", r.by_kind, "Kind"),
                                ("By session", r.by_session, "Session")):  # fmt: skip
        out.append(Paragraph(title, s["h2"]))
        rows = [[first, "Amount", "People"]]
        rows += [[x.label, money(x.amount), str(x.people)] for x in lines]
        out.append(table(rows, s, [281, 110, 90]))
    out.append(Paragraph(safe(
        f"Totals only: no one person's payments are shown. A kind or session that fewer than "
        f"{MIN_PEOPLE} people received is counted under “Other”"
        + (", as some are here" if r.folded else "") + ", so that nobody can be identified "
        "from an amount."), s["small"]))  # fmt: skip
    return out
