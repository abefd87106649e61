import datetime as dt

import pytest

from coprod_desktop.domain.errors import ValidationError
from coprod_desktop.domain.sessions import Session, SessionFormat, clean_names, split_list


def make(**kw):
    base = dict(id="s1", title="Radio lab", date=dt.date(2026, 9, 1))
    return Session(**{**base, **kw})


def test_validated_tidies_text_and_lists():
    s = make(
        title="  Radio   lab ",
        venue=" Hall ",
        facilitators=(" Ann ", "ann", "", "Bo"),
        format="radio_lab",
    ).validated()
    assert s.title == "Radio lab"
    assert s.venue == "Hall"
    assert s.facilitators == ("Ann", "Bo")
    assert s.format is SessionFormat.RADIO_LAB


@pytest.mark.parametrize("title", ["", "   ", "x" * 201])
def test_title_required_and_bounded(title):
    with pytest.raises(ValidationError):
        make(title=title).validated()


def test_unknown_format_is_refused():
    with pytest.raises(ValueError):
        make(format="rave").validated()


def test_split_list_accepts_commas_and_semicolons():
    assert split_list("Trading Standards; Police Scotland, , police scotland") == (
        "Trading Standards",
        "Police Scotland",
    )
    assert clean_names([]) == ()


def test_format_labels_are_plain_language():
    assert SessionFormat.RADIO_LAB.label == "Pop-up radio lab"
