"""The reciprocity ledger in real encrypted projects: entries saved, validated, audited by
amounts (never descriptions), undone and redone; totals with the small-number rule; the
threshold warning; the payment letter read back from a real PDF; signatures erased from the raw
bytes when someone withdraws everything."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import replace

import pytest
from pypdf import PdfReader

from coprod_desktop.domain.consent import Method, Scope
from coprod_desktop.domain.errors import ValidationError
from coprod_desktop.domain.reciprocity import (
    Entry,
    Threshold,
    in_words,
    money,
    over_threshold,
    parse_money,
    summarise,
)
from coprod_desktop.services.base import Replaced
from coprod_desktop.services.project import open_project
from coprod_desktop.storage.errors import ConflictError
from tests.conftest import PASSPHRASE
from tests.services.test_consent_service import add_person, consent_for
from tests.sqlcipher_pages import decrypted_pages

DAY = dt.date(2026, 10, 1)
PNG = b"\x89PNG\r\n\x1a\n" + b"receipt-ink-strokes" * 40


def entry(project, person, kind="voucher", pence=2000, on=DAY, **kw) -> Entry:
    draft = replace(project.reciprocity.draft(person.id, on=on), kind=kind, amount=pence, **kw)
    project.reciprocity.save(draft)
    return project.reciprocity.get(draft.id)


def audit(project) -> list[tuple[str, str]]:
    return [tuple(r) for r in project.file.db.execute(
        "SELECT action, details FROM audit_log WHERE action LIKE 'reciprocity.%' ORDER BY seq")]


def test_entries_keep_across_reopening_and_the_audit_has_amounts_not_descriptions(project):
    person = add_person(project, pseudonym="P-01")
    session = project.sessions.save(replace(project.sessions.draft(), title="Radio lab"))
    first = entry(project, person, session_id=session.id, receipt="signature", signature=PNG,
                  description="  Supermarket   voucher for Zephyrine ")
    assert first.description == "Supermarket voucher for Zephyrine"
    assert first.signature == PNG and first.has_signature
    entry(project, person, "travel", 450, method="cash", receipt="paper",
          paper_reference="Book 2 / 17")
    path = project.path
    project.close()
    again = open_project(path, PASSPHRASE)
    try:
        listed = again.reciprocity.list()
        assert [(e.kind, e.amount) for e in listed] == [("voucher", 2000), ("travel", 450)]
        assert listed[0].signature is None and listed[0].has_signature  # list skips images
        assert again.reciprocity.signature(first.id) == PNG
        assert again.reciprocity.per_person() == {person.id: 2450}
        info = again.info()
        assert info["reciprocity_entries"] == 2
        assert info["reciprocity_threshold"] == {"amount_pence": None, "period_days": 365}
        logged = audit(again)
        assert [a for a, _ in logged] == ["reciprocity.added", "reciprocity.added"]
        assert '"amount_pence": 2000' in logged[0][1]
        assert "Zephyrine" not in " ".join(d for _, d in logged)
    finally:
        again.close()


@pytest.mark.parametrize(("change", "message"), [
    ({"participant_id": ""}, "Choose who received it"),
    ({"amount": 0}, "only training and certificates"),
    ({"amount": -5}, "less than nothing"),
    ({"kind": "bitcoin"}, "not a kind"),
    ({"receipt": "paper"}, "paper receipt's reference"),
    ({"receipt": "signature"}, "Ask them to sign"),
    ({"description": "x" * 501}, "at most 500"),
])  # fmt: skip
def test_bad_entries_are_refused_in_plain_words_and_nothing_is_stored(project, change, message):
    person = add_person(project)
    draft = replace(project.reciprocity.draft(person.id), **{"amount": 2000, **change})
    with pytest.raises(ValidationError, match=message):
        project.reciprocity.save(draft)
    assert project.reciprocity.list() == []
    assert audit(project) == []


def test_training_and_certificates_may_be_worth_nothing(project):
    person = add_person(project)
    assert entry(project, person, "certificate", 0, method="in_kind").amount == 0


def test_money_is_parsed_and_written_in_pounds_and_pence():
    assert [parse_money(t) for t in ("20", "£20", "12.5", "12.50", " 1,250.05 ")] == [
        2000, 2000, 1250, 1250, 125005]
    for bad in ("twenty", "12.505", "-3", ""):
        with pytest.raises(ValidationError):
            parse_money(bad)
    assert money(125005) == "£1,250.05" and money(5) == "£0.05"


def test_a_person_with_entries_cannot_be_deleted(project):
    person = add_person(project, pseudonym="P-09")
    entry(project, person)
    with pytest.raises(ConflictError, match="Reciprocity page"):
        project.participants.delete(person.id)
    assert project.participants.get(person.id) is not None


def test_add_edit_and_delete_are_undone_and_redone(project):
    person = add_person(project)
    draft = replace(project.reciprocity.draft(person.id), amount=2000, receipt="signature",
                    signature=PNG)
    replaced = project.reciprocity.replaced("reciprocity", draft.id)
    project.reciprocity.save(draft)
    redo = project.reciprocity.put_back(replaced)  # undo the add
    assert project.reciprocity.list() == []
    project.reciprocity.put_back(redo)  # redo it: the signature comes back too
    assert project.reciprocity.signature(draft.id) == PNG

    before = project.reciprocity.replaced("reciprocity", draft.id)
    project.reciprocity.save(replace(project.reciprocity.get(draft.id), amount=2500,
                                     receipt="none"))  # fmt: skip
    assert project.reciprocity.signature(draft.id) is None
    project.reciprocity.put_back(before)
    restored = project.reciprocity.get(draft.id)
    assert restored.amount == 2000 and restored.signature == PNG

    gone = project.reciprocity.replaced("reciprocity", draft.id)
    project.reciprocity.delete(draft.id)
    assert project.reciprocity.list() == []
    project.reciprocity.put_back(gone)
    assert project.reciprocity.get(draft.id).amount == 2000
    assert isinstance(gone, Replaced)


def test_threshold_warns_for_the_person_over_it_in_the_period(project):
    over = add_person(project, pseudonym="P-01")
    under = add_person(project, pseudonym="P-02")
    for days in (0, 7, 14, 21):  # £20 a week for four weeks, then travel: £110 in 30 days
        entry(project, over, on=DAY + dt.timedelta(days=days))
    entry(project, over, "travel", 3000, on=DAY + dt.timedelta(days=25))
    for days in (0, 40, 80):  # £60 over three months: never £100 in 30 days
        entry(project, under, on=DAY + dt.timedelta(days=days), pence=2000)
    assert project.reciprocity.warnings() == {}  # no threshold set: no warnings
    project.reciprocity.set_threshold(Threshold(10000, 30))
    warned = project.reciprocity.warnings()
    assert list(warned) == [over.id]
    assert warned[over.id].total == 11000 and warned[over.id].over
    later = project.reciprocity.check(over.id, DAY + dt.timedelta(days=60))
    assert later.total == 0 and not later.over  # that period has passed
    assert project.reciprocity.check(under.id, DAY + dt.timedelta(days=80)).total == 2000
    with pytest.raises(ValidationError, match="period"):
        project.reciprocity.set_threshold(Threshold(10000, 0))
    assert project.reciprocity.threshold() == Threshold(10000, 30)
    assert project.info()["reciprocity_threshold"] == {"amount_pence": 10000, "period_days": 30}


def test_over_threshold_counts_the_days_of_the_period_inclusively():
    rows = [Entry("a", "p", "cash", 5000, DAY), Entry("b", "p", "cash", 5001, DAY
                                                       + dt.timedelta(days=29))]
    check = over_threshold(rows, "p", DAY + dt.timedelta(days=29), Threshold(10000, 30))
    assert (check.total, check.since, check.over) == (10001, DAY, True)
    check = over_threshold(rows, "p", DAY + dt.timedelta(days=30), Threshold(10000, 30))
    assert (check.total, check.over) == (5001, False)


def test_small_numbers_fold_into_other_so_nobody_is_identifiable():
    rows = [Entry(f"v{i}", f"p{i}", "voucher", 2000, DAY, session_id="s1") for i in range(4)]
    rows += [Entry("c1", "p0", "childcare", 1500, DAY, session_id="s1"),  # one person
             Entry("t1", "p1", "travel", 700, DAY, session_id="s2"),
             Entry("t2", "p2", "travel", 300, DAY, session_id="s2"),
             Entry("t3", "p3", "travel", 500, DAY)]
    summary = summarise(rows, {"s1": "Radio lab", "s2": "Walkabout"})
    kinds = {line.label: (line.amount, line.people) for line in summary.by_kind}
    # childcare (1 person) cannot stand alone, nor be had by subtraction: the smallest shown
    # kind joins it in Other
    assert kinds == {"Voucher": (8000, 4), "Other": (3000, 4)}
    assert summary.folded and summary.people == 4 and summary.total == 11000
    sessions = {line.label: (line.amount, line.people) for line in summary.by_session}
    assert sessions["Radio lab"] == (9500, 4)
    assert "Walkabout" not in sessions  # two people
    assert sessions["Other sessions and outside sessions"] == (1500, 3)
    assert in_words(summary) == ("People who took part received £110.00 in vouchers and "
                                 "other things, as thanks for their time.")


def test_payment_letter_lists_what_they_received_with_the_benefits_advice(project, tmp_path):
    person = add_person(project, pseudonym="P-05", real_name="Ottoline Quarrendon")
    other = add_person(project, pseudonym="P-06")
    session = project.sessions.save(replace(project.sessions.draft(), title="Radio lab"))
    entry(project, person, session_id=session.id, on=DAY)
    entry(project, person, "childcare", 4550, on=DAY + dt.timedelta(days=3))
    entry(project, person, on=DAY - dt.timedelta(days=90))  # outside the period
    entry(project, other, "cash", 9900, on=DAY)
    project.reciprocity.set_threshold(Threshold(5000, 30))
    target = tmp_path / "letter.pdf"
    assert project.reciprocity.letter(person.id, target, DAY + dt.timedelta(days=5)) == target
    reader = PdfReader(io.BytesIO(target.read_bytes()))
    assert len(reader.pages) == 1
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    for said in ("P-05", "Your name:", "£20.00", "£45.50", "Total", "£65.50", "Childcare",
                 "Radio lab", "more than £50.00", "Citizens Advice", "declared", project.name):
        assert said in text, said
    assert "Ottoline" not in text and "P-06" not in text and "£99.00" not in text
    assert "03 Jul" not in text  # only the period's entries
    [(_action, details)] = [a for a in audit(project) if a[0] == "reciprocity.letter_printed"]
    assert '"total_pence": 6550' in details


def test_a_letter_with_nothing_to_say_or_nowhere_to_go_is_refused(project, tmp_path):
    person = add_person(project, pseudonym="P-05")
    with pytest.raises(ValidationError, match="nothing to put in a letter"):
        project.reciprocity.letter(person.id, tmp_path / "l.pdf", DAY)
    entry(project, person)
    with pytest.raises(ValidationError, match="does not exist"):
        project.reciprocity.letter(person.id, tmp_path / "missing" / "l.pdf", DAY)
    assert not (tmp_path / "l.pdf").exists()
    assert [a for a, _ in audit(project)] == ["reciprocity.added"]


def test_withdrawing_everything_erases_receipt_signatures_and_keeps_the_amounts(project):
    path = project.path
    person = add_person(project, pseudonym="P-07")
    kept = add_person(project, pseudonym="P-08")
    project.consent.record(consent_for(project, person, method=Method.VERBAL,
                                       witness="Facilitator A"))
    signed = entry(project, person, receipt="signature", signature=PNG,
                   description="Voucher for Wilhelmina's bus fare")
    entry(project, person, "travel", 600, receipt="paper", paper_reference="R-12")
    other_png = PNG.replace(b"receipt-ink", b"someone-else")
    entry(project, kept, receipt="signature", signature=other_png)
    project.file.checkpoint()
    before = decrypted_pages(path, PASSPHRASE)
    assert b"receipt-ink-strokes" in before and b"Wilhelmina" in before

    result = project.consent.withdraw(person.id, Scope.EVERYTHING)
    assert result.erased["receipt signatures"] == 1
    after_entry = project.reciprocity.get(signed.id)
    assert after_entry.receipt == "erased" and after_entry.signature is None
    assert after_entry.description == "" and after_entry.amount == 2000
    summary = project.reciprocity.summary()
    assert summary.total == 2000 + 600 + 2000 and summary.people == 2
    project.close()
    after = decrypted_pages(path, PASSPHRASE)
    raw = path.read_bytes()
    for secret in (b"receipt-ink-strokes", b"Wilhelmina"):
        assert secret not in after and secret not in raw, secret
    assert b"someone-else" in after  # the other person's receipt stays
