"""Rules of the risk register, barriers, outcomes, measures and the self-check (no display,
no database)."""

from __future__ import annotations

import datetime as dt

import pytest

from coprod_desktop.domain.errors import ValidationError
from coprod_desktop.domain.outcomes import FEATURES, Measure, Outcome, SelfCheck
from coprod_desktop.domain.risks import (
    Barrier,
    Risk,
    RiskCategory,
    RiskStatus,
    Side,
    check_transition,
    level,
)

RISK = Risk("r1", RiskCategory.ETHICS, "People feel unable to say no", likelihood=3, impact=4)


@pytest.mark.parametrize("field", ["likelihood", "impact"])
@pytest.mark.parametrize("value", [0, 6, -1, 2.5, "3"])
def test_ratings_are_whole_numbers_from_1_to_5(field, value):
    from dataclasses import replace

    with pytest.raises(ValidationError, match="from 1 to 5"):
        replace(RISK, **{field: value}).validated()


def test_score_and_bands():
    assert RISK.validated().score == 12 and RISK.level == "high"
    assert [level(s) for s in (1, 4, 5, 9, 10, 14, 15, 25)] == [
        "low", "low", "medium", "medium", "high", "high", "very high", "very high"]  # fmt: skip


def test_a_risk_needs_words_and_tidies_what_it_is_given():
    from dataclasses import replace

    with pytest.raises(ValidationError, match="Describe the risk"):
        replace(RISK, description="   ").validated()
    tidy = replace(RISK, affects=("participants", "participants"), owner="  Ann   B ",
                   category="legal").validated()  # fmt: skip
    assert [a.value for a in tidy.affects] == ["participants"] and tidy.owner == "Ann B"
    assert tidy.category is RiskCategory.LEGAL


@pytest.mark.parametrize(("before", "after", "allowed"), [
    ("open", "mitigated", True), ("open", "closed", True), ("mitigated", "open", True),
    ("mitigated", "closed", True), ("closed", "open", True), ("closed", "mitigated", False),
    ("closed", "closed", True), ("open", "open", True),
])  # fmt: skip
def test_status_transitions(before, after, allowed):
    if allowed:
        check_transition(RiskStatus(before), RiskStatus(after))
    else:
        with pytest.raises(ValidationError, match="reopen it first"):
            check_transition(RiskStatus(before), RiskStatus(after))


def test_barrier_categories_belong_to_their_side():
    day = dt.date(2026, 10, 1)
    ok = Barrier("b", Side.CITIZEN, "trust", "No trust in the police", day).validated()
    assert ok.category_label == "Trust in services"
    with pytest.raises(ValidationError, match="citizens' side barrier categories"):
        Barrier("b", Side.CITIZEN, "staff_resistance", "x", day).validated()
    with pytest.raises(ValidationError, match="Describe the barrier"):
        Barrier("b", Side.ORGANISATION, "other", " ", day).validated()


def test_outcomes_need_text_a_session_and_known_evidence():
    day = dt.date(2026, 10, 1)
    with pytest.raises(ValidationError, match="what changed"):
        Outcome("o", "s", "individual", "  ", day).validated()
    with pytest.raises(ValidationError, match="belongs to a session"):
        Outcome("o", "", "individual", "More confident", day).validated()
    with pytest.raises(ValidationError, match="note or a clip"):
        Outcome("o", "s", "individual", "x", day, (("email", "1"),)).validated()
    ok = Outcome("o", "s", "collective", "x", day, (("note", "1"), ("note", "1"))).validated()
    assert ok.evidence == (("note", "1"),)


def test_measures_keep_only_counts_and_give_the_middle_answer():
    m = Measure("m", "s", "How listened to did you feel?", (0, 1, 2, 4, 3)).validated()
    assert m.answers == 10 and m.median == 4.0
    assert Measure("m", "s", "q", (1, 0, 0, 0, 1)).median == 3.0
    assert Measure("m", "s", "q").median is None
    with pytest.raises(ValidationError, match="zero or more"):
        Measure("m", "s", "q", (0, -1, 0, 0, 0)).validated()
    with pytest.raises(ValidationError, match="Type the question"):
        Measure("m", "s", "  ").validated()


def test_the_self_check_rates_all_six_features():
    ratings = dict.fromkeys(FEATURES, 3)
    check = SelfCheck("c", dt.date(2026, 10, 1), ratings, {"assets": " fine ", "x": "y"})
    assert check.validated().notes == {"assets": "fine"} and check.average == 3.0
    with pytest.raises(ValidationError, match="all six"):
        SelfCheck("c", dt.date(2026, 10, 1), {"assets": 3}).validated()
    with pytest.raises(ValidationError, match="from 1"):
        SelfCheck("c", dt.date(2026, 10, 1), {**ratings, "assets": 6}).validated()
