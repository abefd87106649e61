"""A first name and a surname side by side are a person, though each alone says little:
"Mark" and "Rose" are dictionary words, "Hamilton" a town, "McGarrity" in no list."""

from __future__ import annotations

import pytest

from coprod_desktop.anonymise import detect


def people_in(text):
    return [d.text for d in detect(text) if d.kind == "person"]


@pytest.mark.parametrize(("text", "name"), [
    ("I met Mark Hamilton at the hall", "Mark Hamilton"),
    ("talk to Mark Hamilton about the lease", "Mark Hamilton"),
    ("See Rose McGarrity? She started the larder", "Rose McGarrity"),
    ("Hope O'Hare brings the urn", "Hope O'Hare"),
    ("thanks to Grace MacInnes for the soup", "Grace MacInnes"),
    ("Mark Hamilton's report is late", "Mark Hamilton"),
])  # fmt: skip
def test_a_dictionary_word_first_name_with_a_surname_is_found_whole(text, name):
    assert name in people_in(text)


@pytest.mark.parametrize("text", [
    "we went down Rose Street for chips",
    "the bus to Mark Hamilton Road is off",
    'Book club pick: "Shuggie Bain" - everyone loved it',
    "St Mary Magdalene church hall",
    "MARK HAMILTON SAYS THE LIFT IS BROKEN",  # capitals in a line of capitals say nothing
])  # fmt: skip
def test_a_pair_that_is_a_place_a_book_a_saint_or_a_line_in_capitals_is_left(text):
    assert people_in(text) == []


@pytest.mark.parametrize(("text", "name"), [
    ("Consent tracker\nGrace M ✓ radio ✓ photo ✗\nWill F ✓ ✓ ✓", "Grace M"),
    ("Rose F. — wants a call back about the bins", "Rose F."),
    ("Birthday wishes: Sis. Grace A. - 12th March", "Grace A."),
])  # fmt: skip
def test_a_first_name_and_an_initial(text, name):
    assert name in people_in(text)


@pytest.mark.parametrize("text", [
    "FACILITATOR: Can I ask about the shops?", "Will I be on the radio?", "KAYLA: Can I?",
    "Hope A lot of folk turn up", "GRACE M SAYS NO",
])  # fmt: skip
def test_a_word_before_i_or_a_or_a_line_in_capitals_is_no_initialled_name(text):
    assert not any(d.reason == "a first name and an initial" for d in detect(text))
