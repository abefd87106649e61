"""Consent forms, record validation and the gates, at given moments and for every scope."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

import pytest

from coprod_desktop.domain import consent as c
from coprod_desktop.domain.consent import (
    ConsentForm,
    ConsentHistory,
    ConsentItem,
    ConsentRecord,
    Method,
    Scope,
    Status,
    Withdrawal,
    form_from_dict,
    item_status,
    key_for,
    validate_record,
)
from coprod_desktop.domain.errors import ValidationError
from coprod_desktop.domain.participants import AgeBand
from coprod_desktop.resource_files import resource_path

UTC = dt.timezone.utc
T0 = dt.datetime(2026, 9, 12, 10, 0, tzinfo=UTC)
GATES = {
    c.TAKE_PART: c.may_take_part,
    c.AUDIO: c.may_record_audio,
    c.QUOTE: c.may_quote,
    c.BROADCAST: c.may_broadcast_voice,
    c.RESEARCH: c.may_keep_for_research,
    c.SHARE: lambda h, at=None: c.may_share_with(h, "Trading Standards", at),
}


@pytest.fixture
def form() -> ConsentForm:
    data = json.loads(resource_path("consent/default_form.json").read_text(encoding="utf-8"))
    return form_from_dict(data, "form-1")


def record(form, at=T0, **decisions) -> ConsentRecord:
    answers = {key: key != c.CREDIT for key in c.STANDARD_KEYS}
    answers.update(decisions)
    return ConsentRecord(
        id=f"r-{at.isoformat()}",
        participant_id="p1",
        form_id=form.id,
        form_version=form.version,
        form_hash=form.content_hash,
        given_at=at,
        method=Method.SIGNATURE,
        decisions=answers,
        partner_decisions={p: True for p in form.partners},
        has_signature=True,
    )


def history(*records, withdrawals=()):
    return ConsentHistory("p1", tuple(records), tuple(withdrawals))


def test_default_form_ships_every_standard_item(form):
    assert [i.key for i in form.items] == list(c.STANDARD_KEYS)
    assert form.item(c.TAKE_PART).required
    assert "Trading Standards" in form.partners
    assert len(form.content_hash) == 64 and form.content_hash == form.computed_hash()


def test_hash_changes_with_any_wording(form):
    edited = replace(form, items=(replace(form.items[0], wording="I will take part."),
                                  *form.items[1:])).validated()  # fmt: skip
    assert edited.content_hash != form.content_hash
    assert replace(form, partners=("Police",)).validated().content_hash != form.content_hash


@pytest.mark.parametrize(
    "bad",
    [
        dict(title="  "),
        dict(items=()),
        dict(items=(ConsentItem("a", "x"), ConsentItem("a", "y"))),
        dict(items=(ConsentItem("Bad Key!", "x"),)),
        dict(items=(ConsentItem("ok", "   "),)),
    ],
)
def test_invalid_forms_are_refused(form, bad):
    with pytest.raises(ValidationError):
        replace(form, **bad).validated()


def test_key_for_custom_items_is_stable_and_unique():
    assert key_for("Photos of my hands may be used!", []) == "custom_photos_of_my_hands_may_be_used"
    assert key_for("Photos", ["custom_photos"]) == "custom_photos_2"
    assert key_for("???", []) == "custom_item"


def test_complete_record_validates(form):
    r = validate_record(record(form), form, AgeBand.AGE_35_49)
    assert r.partner_decisions == {p: True for p in form.partners}


def test_every_item_needs_an_explicit_answer(form):
    r = record(form)
    answers = dict(r.decisions)
    del answers[c.BROADCAST]
    with pytest.raises(ValidationError, match="Voice broadcast"):
        validate_record(replace(r, decisions=answers), form, AgeBand.AGE_35_49)


def test_each_partner_needs_an_answer_when_sharing_is_agreed(form):
    r = replace(record(form), partner_decisions={"Health board": True})
    with pytest.raises(ValidationError, match="Trading Standards"):
        validate_record(r, form, AgeBand.AGE_35_49)
    declined = replace(record(form, **{c.SHARE: False}), partner_decisions={})
    assert validate_record(declined, form, AgeBand.AGE_35_49).partner_decisions == {}


@pytest.mark.parametrize(
    "change, message",
    [
        (dict(method=Method.SIGNATURE, has_signature=False), "sign"),
        (dict(method=Method.VERBAL, witness="  "), "witnessed"),
        (dict(method=Method.PAPER, paper_reference=""), "reference"),
        (dict(form_hash="0" * 64), "does not match"),
        (dict(given_at=dt.datetime(2026, 1, 1)), "time zone"),
    ],
)
def test_method_evidence_and_form_match(form, change, message):
    with pytest.raises(ValidationError, match=message):
        validate_record(replace(record(form), **change), form, AgeBand.AGE_35_49)


def test_under_16_needs_guardian(form):
    with pytest.raises(ValidationError, match="guardian"):
        validate_record(record(form), form, AgeBand.UNDER_16)
    ok = replace(record(form), guardian_name="Asha Sharma", guardian_relationship="Mother")
    assert validate_record(ok, form, AgeBand.UNDER_16).guardian_name == "Asha Sharma"
    assert validate_record(record(form), form, AgeBand.AGE_16_17)  # 16-17s consent themselves


@pytest.mark.parametrize("key", list(GATES))
def test_each_gate_opens_on_agreement_and_closes_on_decline(form, key):
    assert GATES[key](history(record(form)))
    gate = GATES[key](history(record(form, **{key: False})))
    assert not gate
    assert ("Declined" in gate.reason) or ("take part" in gate.reason)


@pytest.mark.parametrize("key", list(GATES))
def test_no_record_means_closed(key):
    gate = GATES[key](history())
    assert not gate and "No consent" in gate.reason


def test_declining_take_part_closes_everything(form):
    h = history(record(form, **{c.TAKE_PART: False}))
    for key, gate in GATES.items():
        assert not gate(h), key


def test_item_missing_from_a_custom_form_is_not_asked(form):
    r = record(form)
    answers = {k: v for k, v in r.decisions.items() if k != c.RESEARCH}
    h = history(replace(r, decisions=answers))
    gate = c.may_keep_for_research(h)
    assert not gate and "not asked" in gate.reason.lower()
    assert item_status(h, c.RESEARCH) is Status.NOT_ASKED


EXPECTED_OPEN_AFTER = {
    Scope.EVERYTHING: set(),
    Scope.AUDIO_ONLY: {c.TAKE_PART, c.QUOTE, c.SHARE, c.RESEARCH},
    Scope.FUTURE_PACKS: {c.TAKE_PART, c.AUDIO, c.RESEARCH},
}


@pytest.mark.parametrize("scope", list(Scope))
def test_withdrawal_scopes_close_the_right_gates_from_their_date(form, scope):
    w_at = T0 + dt.timedelta(days=10)
    h = history(record(form), withdrawals=[Withdrawal("w1", "p1", scope, w_at)])
    before, after = w_at - dt.timedelta(seconds=1), w_at + dt.timedelta(seconds=1)
    for key, gate in GATES.items():
        assert gate(h, before), (scope, key, "before")
        assert bool(gate(h, after)) == (key in EXPECTED_OPEN_AFTER[scope]), (scope, key)
        status = item_status(h, key, after)
        if key in EXPECTED_OPEN_AFTER[scope]:
            assert status is Status.AGREED
        else:
            assert status is Status.WITHDRAWN
            assert "Withdrew" in gate(h, after).reason


def test_gates_use_the_record_in_force_at_the_moment(form):
    first = record(form, T0, **{c.AUDIO: False})
    second = record(form, T0 + dt.timedelta(days=5))
    h = history(first, second)
    assert not c.may_record_audio(h, T0 + dt.timedelta(days=1))
    assert c.may_record_audio(h, T0 + dt.timedelta(days=6))
    assert not c.may_record_audio(h, T0 - dt.timedelta(days=1))


def test_fresh_consent_after_withdrawal_reopens(form):
    w = Withdrawal("w", "p1", Scope.EVERYTHING, T0 + dt.timedelta(days=1))
    again = record(form, T0 + dt.timedelta(days=2))
    h = history(record(form), again, withdrawals=[w])
    assert not c.may_take_part(h, T0 + dt.timedelta(days=1, hours=1))
    assert c.may_take_part(h, T0 + dt.timedelta(days=3))


def test_share_with_checks_named_and_declined_partners(form):
    r = replace(record(form), partner_decisions={**record(form).partner_decisions,
                                                 "Police Scotland": False})  # fmt: skip
    h = history(r)
    assert c.may_share_with(h, "trading  standards")  # case and spacing do not matter
    gate = c.may_share_with(h, "Police Scotland")
    assert not gate and "Declined sharing with Police Scotland" in gate.reason
    gate = c.may_share_with(h, "Revenue service")
    assert not gate and "not named" in gate.reason


# credits -----------------------------------------------------------------------------------
def test_nobody_is_credited_without_asking(form):
    h = history(record(form))  # every other item agreed; credit answered no
    assert c.credit_name(h) == ""


def test_a_credit_is_the_name_typed_for_it_and_needs_one(form):
    asked = replace(record(form, **{c.CREDIT: True}), credit_name="  DJ   Bramble ")
    assert validate_record(asked, form, AgeBand.AGE_35_49).credit_name == "DJ Bramble"
    with pytest.raises(ValidationError, match="credited as"):
        validate_record(replace(asked, credit_name=" "), form, AgeBand.AGE_35_49)
    with pytest.raises(ValidationError, match="at most"):
        validate_record(replace(asked, credit_name="x" * 81), form, AgeBand.AGE_35_49)
    declined = replace(record(form), credit_name="typed, then answered no")
    assert validate_record(declined, form, AgeBand.AGE_35_49).credit_name == ""


@pytest.mark.parametrize("scope", [Scope.EVERYTHING, Scope.FUTURE_PACKS])
def test_withdrawing_ends_the_credit_from_that_day(form, scope):
    asked = validate_record(replace(record(form, **{c.CREDIT: True}), credit_name="Bramble"),
                            form, AgeBand.AGE_35_49)  # fmt: skip
    w_at = T0 + dt.timedelta(days=3)
    h = history(asked, withdrawals=[Withdrawal("w1", "p1", scope, w_at)])
    assert c.credit_name(h, w_at - dt.timedelta(seconds=1)) == "Bramble"
    assert c.credit_name(h, w_at) == ""
