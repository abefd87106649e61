"""The demo project's actions: what the partners said they would do about what people raised,
and what they have reported back since (made up, like everything in the demo). One is overdue,
one was declined with the reason given, so the Actions page and the feedback show both."""

from __future__ import annotations

import datetime as dt

from coprod_desktop.domain.actions import Action, ActionStatus, PartnerResponse

D = dt.date
# organisation, what, status, due, session title start, evidence (kind, start of its text),
# responses (date, what was said)
ACTIONS = [
    ("Trading Standards", "Visit the shops near the school that sell single cigarettes and "
     "vapes to under-18s", ActionStatus.DONE, D(2026, 11, 14), "Co-designing",
     (("theme", "Illicit tobacco"), ("note", "Singles for 50p")),
     ((D(2026, 10, 24), "Test purchases planned with two young volunteers."),
      (D(2026, 11, 12), "Four shops visited; two sold to a test purchaser and were warned in "
                        "writing; 1,200 illegal cigarettes seized."))),
    ("Trading Standards", "Set up an anonymous text line for reporting illicit tobacco, "
     "designed with residents", ActionStatus.IN_PROGRESS, D(2027, 1, 30), "Co-designing",
     (("outcome", "Trading Standards agreed"),),
     ((D(2026, 11, 20), "The number is ready; residents are testing the wording of the "
                        "posters."),)),
    ("Health board public health team", "Hold a money advice drop-in at St Anne's every "
     "month", ActionStatus.AGREED, D(2026, 11, 30), "Cost of living",
     (("theme", "Money and debt"), ("note", "Most debt advice")), ()),
    ("Police Scotland", "Put a community officer at the flats on Thursday evenings",
     ActionStatus.DECLINED, None, "Co-designing", (("theme", "Feeling safe"),),
     ((D(2026, 11, 5), "We cannot staff a fixed weekly slot; the area is now on the "
                       "evening patrol route instead."),)),
    ("Citizens Advice", "Train two residents as money champions for their neighbours",
     ActionStatus.PROPOSED, D(2027, 3, 31), "Cost of living", (("theme", "Money and debt"),),
     ()),
]  # fmt: skip


def add_demo_actions(project) -> None:
    sessions = {s.title: s.id for s in project.sessions.list()}
    themes = {t.name: t.id for b in project.boards.boards() for t in project.boards.themes(b.id)}
    notes = {n.text: n.id for b in project.boards.boards() for n in project.boards.notes(b.id)}
    outcomes = {o.text: o.id for o in project.risk_log.outcomes()}
    places = {"theme": themes, "note": notes, "outcome": outcomes}
    for owner, text, status, due, session, evidence, responses in ACTIONS:
        found = tuple((kind, next(i for t, i in places[kind].items() if t.startswith(start)))
                      for kind, start in evidence)  # fmt: skip
        session_id = next(i for t, i in sessions.items() if t.startswith(session))
        project.actions.save(Action("", text, owner, status, due, session_id, found,
                                    tuple(PartnerResponse(on, said) for on, said in responses)))
