"""The demo project's safeguarding log and signposting (made up, like everything in the demo):
one concern referred to a named service with a follow-up still to do, one talked through and
closed; the national signposting list plus two local services (their numbers are in Ofcom's
range kept for drama, so they reach nobody)."""

from __future__ import annotations

import datetime as dt

from coprod_desktop.domain.safeguarding import ActionTaken, Concern, FollowUp
from coprod_desktop.domain.signposting import Category, Signpost

LEAD = "Aileen Baird"  # the project's safeguarding lead where a session names none

LOCAL = [
    Signpost("", "Riverside Community Food Pantry", Category.MONEY,
             "Low-cost food shopping and free fuel vouchers, no referral needed. Riverside "
             "Community Centre, back entrance.", "0141 496 0123", "",
             "Tuesdays and Fridays, 10am to 2pm", local=True),
    Signpost("", "Kinning Park Youth Hub drop-in", Category.HELPLINE,
             "Young people aged 12 to 25: someone to talk to, help with college, work and "
             "housing.", "0141 496 0456", "", "Monday to Thursday, 3pm to 8pm", local=True),
]  # fmt: skip


def add_demo_safeguarding(project, ids: dict[str, str]) -> None:
    sessions = {s.title: s for s in project.sessions.list()}
    money = next(s for t, s in sessions.items() if t.startswith("Cost of living"))
    youth = next(s for t, s in sessions.items() if t.startswith("Your street"))
    log = project.safeguarding
    log.save(Concern(
        "", "During the break P-03 said a doorstep lender has been calling at her flat late at "
        "night and she is frightened to answer the door. She agreed to be put in touch with "
        "advice.", dt.datetime(2026, 9, 26, 11, 40).astimezone(), "Sam Okafor (facilitator)",
        money.safeguarding_lead or LEAD, ActionTaken.REFERRED,
        "Citizens Advice Scotland (illegal money lending team)", session_id=money.id,
        participant_id=ids["P-03"],
        follow_ups=(FollowUp(dt.date(2026, 10, 10), "Check with P-03 that the adviser called",
                             dt.date(2026, 10, 9)),
                    FollowUp(dt.date(2026, 11, 6), "Ask whether the calls have stopped")),
    ))  # fmt: skip
    log.save(Concern(
        "", "P-07 (16) seemed withdrawn and mentioned not sleeping at home for a few nights. "
        "Talked with him after the session: he is staying with his aunt while his mum is in "
        "hospital and is safe.", dt.datetime(2026, 10, 3, 15, 5).astimezone(),
        "Aileen Baird (facilitator)", youth.safeguarding_lead or LEAD, ActionTaken.TALKED,
        session_id=youth.id, participant_id=ids["P-07"],
        follow_ups=(FollowUp(dt.date(2026, 10, 17), "Check in at the next session",
                             dt.date(2026, 10, 17)),),
        closed_on=dt.date(2026, 10, 17),
        closing_note="Checked in at the next session: settled and safe. No further action.",
    ))  # fmt: skip
    for entry in LOCAL:
        project.signposting.save(entry)
