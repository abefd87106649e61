import pytest

from coprod_desktop.domain.errors import ValidationError
from coprod_desktop.domain.participants import AgeBand, Participant, Role, next_pseudonym


def test_next_pseudonym_counts_up_and_skips_taken():
    assert next_pseudonym([]) == "P-01"
    assert next_pseudonym(["P-01", "p-02", "Maggie"]) == "P-03"
    assert next_pseudonym(["P-09"]) == "P-10"
    assert next_pseudonym([f"P-{n:02d}" for n in range(1, 100)]) == "P-100"


def test_pseudonym_must_not_be_the_real_name_or_an_alias():
    for pseudonym in ("Margaret O'Neill", "maggie", "O'Neill", "MARGARET"):
        with pytest.raises(ValidationError, match="must not be the person's name"):
            Participant("x", pseudonym, "Margaret O'Neill", ("Maggie",)).validated()


@pytest.mark.parametrize("pseudonym", ["", "   ", "<b>P</b>", "x" * 41, "P-01; DROP TABLE"])
def test_bad_pseudonyms_are_refused(pseudonym):
    with pytest.raises(ValidationError):
        Participant("x", pseudonym).validated()


def test_partner_needs_organisation():
    with pytest.raises(ValidationError, match="organisation"):
        Participant("x", "P-12", role=Role.PARTNER).validated()
    ok = Participant(
        "x", "P-12", role="partner_representative", organisation=" Trading  Standards "
    ).validated()
    assert ok.organisation == "Trading Standards"
    assert ok.role is Role.PARTNER


def test_minor_age_bands():
    assert AgeBand.UNDER_16.is_minor and AgeBand.AGE_16_17.is_minor
    assert not AgeBand.AGE_18_24.is_minor and not AgeBand.UNKNOWN.is_minor


def test_unicode_names_are_kept():
    p = Participant("x", "Zosia", "Agnieszka Kowalska-Żółć", ("Aga",)).validated()
    assert p.real_name == "Agnieszka Kowalska-Żółć"
