"""The demo project's risk register, barriers, outcomes, measures and two self-checks (made
up, like everything in the demo)."""

from __future__ import annotations

import datetime as dt

from coprod_desktop.domain.outcomes import Measure, Outcome, OutcomeType, SelfCheck
from coprod_desktop.domain.risks import Affected, Barrier, Resolution, Risk, RiskCategory, Side
from coprod_desktop.domain.risks import RiskStatus as S


def add_demo_log(project) -> None:
    log = project.risk_log
    log.add_default_risks()
    risks = {r.description[:30]: r for r in log.risks()}
    safeguarding = next(r for k, r in risks.items() if k.startswith("A participant discloses"))
    log.review(
        safeguarding.id,
        2,
        5,
        S.MITIGATED,
        "Safeguarding lead at every session since September; two referrals made.",
    )
    tokenism = next(r for k, r in risks.items() if k.startswith("Partners use the workshops"))
    log.review(tokenism.id, 3, 3, S.OPEN, "Trading Standards agreed to report back in January.")
    log.save_risk(Risk("", RiskCategory.SAFETY, "Young people at the radio lab are known to "
                       "the sellers they talk about.", (Affected.PARTICIPANTS,), 3, 4,
                       "No street or shop names on air; bleeps checked by a second facilitator.",
                       "Aileen (lead facilitator)"))  # fmt: skip
    sessions = {s.title.split(":")[0].split(",")[0]: s for s in project.sessions.list()}
    tobacco, money = sessions["Illicit tobacco"], sessions["Cost of living"]
    youth, shops = sessions["Your street"], sessions["Co-designing a safer local shops scheme"]
    for barrier in (
        Barrier("", Side.ORGANISATION, "short_term_budgets", "The community safety budget "
                "ends in March, so the shops scheme has no money for year two.",
                dt.date(2026, 10, 17), shops.id, "", "Health board public health team "
                "offered to co-fund a pilot; not yet agreed.", Resolution.PARTLY),
        Barrier("", Side.ORGANISATION, "staff_resistance", "Some officers saw the workshops "
                "as a complaints session and did not want to attend.",
                dt.date(2026, 9, 26), money.id, "", "Met them first with two residents over "
                "tea; three came to the next session.", Resolution.OVERCOME),
        Barrier("", Side.CITIZEN, "caring_work", "Parents could not come to evening sessions.",
                dt.date(2026, 9, 12), tobacco.id, "", "Moved to Saturday mornings with a "
                "crèche.", Resolution.OVERCOME),
        Barrier("", Side.CITIZEN, "trust", "Young people did not trust that the police would "
                "not see their recordings.", dt.date(2026, 10, 3), youth.id, "",
                "Explained the consent form item by item; some still chose audio only.",
                Resolution.PARTLY),
    ):  # fmt: skip
        log.save_barrier(barrier)
    notes = {n.text: n.id for b in project.boards.boards() for n in project.boards.notes(b.id)}
    clips = {c.title: c.id for c in project.radio.clips()}

    def note(start: str) -> tuple[str, str]:
        return ("note", next(i for t, i in notes.items() if t.startswith(start)))

    def clip(start: str) -> tuple[str, str]:
        return ("clip", next(i for t, i in clips.items() if t.startswith(start)))

    for outcome in (
        Outcome("", tobacco.id, OutcomeType.INDIVIDUAL, "Two residents who had never spoken at "
                "a public meeting presented the group's ideas to Trading Standards.",
                dt.date(2026, 9, 12)),
        Outcome("", money.id, OutcomeType.COLLECTIVE, "Neighbours set up a WhatsApp group to "
                "share money advice sessions and lifts to the food bank.",
                dt.date(2026, 9, 26), (note("A money advice session"),)),
        Outcome("", youth.id, OutcomeType.INDIVIDUAL, "Young people said they felt listened to "
                "and asked to run the next radio lab themselves.", dt.date(2026, 10, 3),
                (clip("Vox pop"),)),
        Outcome("", shops.id, OutcomeType.SERVICE_CHANGE, "Trading Standards agreed to an "
                "anonymous text line for reporting illicit tobacco sales, designed with "
                "residents.", dt.date(2026, 10, 17), (note("Text-based anonymous line"),)),
    ):  # fmt: skip
        log.save_outcome(outcome)
    log.save_measure(Measure("", youth.id, "How listened to did you feel today?",
                             (0, 1, 2, 4, 3), "not at all", "completely"))  # fmt: skip
    log.save_measure(Measure("", money.id, "How confident do you feel about where to get "
                             "money advice?", (1, 2, 4, 3, 1), "not at all", "very"))  # fmt: skip
    from coprod_desktop.domain.outcomes import FEATURES

    first = dict(zip(FEATURES, (3, 3, 2, 2, 1, 2), strict=True))
    later = dict(zip(FEATURES, (4, 4, 3, 3, 2, 3), strict=True))
    log.add_self_check(
        SelfCheck(
            "",
            dt.date(2026, 9, 1),
            first,
            {"blurring": "Officers still sit at the front and answer questions."},
            "Aileen Baird",
        )
    )
    log.add_self_check(
        SelfCheck(
            "",
            dt.date(2026, 10, 20),
            later,
            {
                "blurring": "Residents chaired the shops session.",
                "peer_support": "The WhatsApp group is run by residents.",
            },
            "Aileen Baird",
        )
    )
