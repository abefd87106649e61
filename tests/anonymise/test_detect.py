"""Detection per kind, with the positives that must be found and the look-alikes that must
not be (so a blanked note stays readable)."""

from __future__ import annotations

import pytest

from coprod_desktop.anonymise import KnownPerson, Pseudonymiser, detect
from coprod_desktop.anonymise.identifiers import nhs_valid

MAGGIE = KnownPerson("Margaret O'Neill", ["Maggie", "Mags"], pseudonym="P-01", id="p1")
SIOBHAN = KnownPerson("Siobhán Ní Bhriain", [], pseudonym="P-02", id="p2")
PEOPLE = [MAGGIE, SIOBHAN]


def found(text, people=PEOPLE, **kw):
    return [(d.kind, d.text) for d in detect(text, people, **kw)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Call me on 07700 900123 after six", "07700 900123"),
    ("mobile 07700900123", "07700900123"),
    ("ring +44 7700 900123", "+44 7700 900123"),
    ("or +44 (0)7700 900 123 if not", "+44 (0)7700 900 123"),
    ("office 0141 496 0000", "0141 496 0000"),
    ("(0141) 496 0000 is the number", "(0141) 496 0000"),
    ("tel 0131-496-0000.", "0131-496-0000"),
    ("London 020 7946 0000", "020 7946 0000"),
])  # fmt: skip
def test_phone_numbers_in_common_formats(text, expected):
    assert ("phone", expected) in found(text)


@pytest.mark.parametrize("text", [
    "A pack costs £12.50 or 3 for £30", "We met at 10:30 and left at 13:45",
    "It started in 1961", "20 people came, 14 stayed", "Call 999 in an emergency",
    "Reference 12345678 on the letter", "Prices went up 120% since 2019",
])  # fmt: skip
def test_numbers_that_are_not_personal_data(text):
    assert found(text) == []


def test_nhs_number_needs_a_valid_check_digit_unless_it_is_named_as_one():
    """Ten digits on their own are an NHS number only with a valid check digit; written after
    "NHS" or "CHI" they are one even mistyped (a CHI number holds a birth date), and after
    "ref" or "order" never."""
    assert nhs_valid("9434765919") and not nhs_valid("9434765918")
    assert ("nhs_number", "943 476 5919") in found("NHS no 943 476 5919")
    assert ("nhs_number", "9434765919") in found("number 9434765919 on the card")
    assert not any(k == "nhs_number" for k, _ in found("number 9434765918 on the card"))
    assert ("nhs_number", "943 476 5918") in found("NHS no 943 476 5918")
    assert not any(k == "nhs_number" for k, _ in found("order ref 119-2277341 - pens"))


def test_national_insurance_numbers_only_with_valid_prefixes():
    assert ("ni_number", "AB 12 34 56 C") in found("NI AB 12 34 56 C")
    assert ("ni_number", "ab123456c") in found("my ni is ab123456c")
    for bad in ("BG 12 34 56 A", "GB123456A", "DA123456A", "AB123456E"):
        assert not any(k == "ni_number" for k, _ in found(f"number {bad} here"))


@pytest.mark.parametrize("postcode", ["G51 2AB", "g512ab", "EH1  1YZ", "ML3 6XX", "SW1A 1AA"])
def test_postcodes_any_spacing_and_case(postcode):
    assert ("postcode", postcode) in found(f"she lives at {postcode} now")


def test_email_url_and_handles():
    text = ("mail maggie.oneill@gmail.com or see www.example.co.uk and "
            "https://facebook.com/groups/govan-swaps, DM @mags_62")  # fmt: skip
    kinds = found(text)
    assert ("email", "maggie.oneill@gmail.com") in kinds
    assert ("url", "www.example.co.uk") in kinds
    assert ("url", "https://facebook.com/groups/govan-swaps") in kinds
    assert ("handle", "@mags_62") in kinds
    assert found("meet @ 3pm at the hall") == []


@pytest.mark.parametrize(("text", "date"), [
    ("born 12/03/1961 in Govan", "12/03/1961"),
    ("DOB: 4 March 1961", "4 March 1961"),
    ("her birthday is 3rd of June 1990", "3rd of June 1990"),
    ("date of birth March 12th, 1958", "March 12th, 1958"),
])  # fmt: skip
def test_dates_of_birth_with_a_birth_cue(text, date):
    assert ("date_of_birth", date) in found(text)


def test_dates_without_a_birth_cue_are_left():
    assert found("On 12/03/2026 we met again; next is 4 March 2027") == []


@pytest.mark.parametrize(("text", "address"), [
    ("she's at 14 Paisley Road now", "14 Paisley Road"),
    ("Flat 2/1, 22 Govan Road was raided", "Flat 2/1, 22 Govan Road"),
    ("try 3 elm st.", "3 elm st."),
    ("I live at 4a Gallowgate now", "4a Gallowgate"),
    ("flat at 2/2 206 Trongate", "2/2 206 Trongate"),
])  # fmt: skip
def test_street_addresses(text, address):
    assert ("address", address) in found(text)


def test_numbers_near_road_words_are_not_addresses():
    assert found("we waited 3 hours on the road") == []
    assert found("2 packs in the street for a fiver") == []


def test_vehicle_registrations():
    assert ("vehicle_reg", "SK21 ABC") in found("the van SK21 ABC parks there")
    assert ("vehicle_reg", "A123 BCD") in found("old car A123 BCD")
    assert found("plays MP3 files") == []


@pytest.mark.parametrize("typed", [
    "Maggie", "maggie", "MAGGIE", "Mags", "Margaret", "Margaret O'Neill", "margaret oneill",
    "Mrs O'Neill", "mrs oneill", "O’Neill", "ONeill",
])  # fmt: skip
def test_registered_person_however_typed(typed):
    (d,) = detect(f"I spoke to {typed} yesterday", PEOPLE)
    assert d.kind == "person" and d.person is MAGGIE and d.text == typed


def test_possessives_and_accents():
    (d,) = detect("that's Maggie's boy", PEOPLE)
    assert d.text == "Maggie" and d.person is MAGGIE
    (d,) = detect("siobhan brought cakes", PEOPLE)
    assert d.person is SIOBHAN and d.text == "siobhan"
    (d,) = detect("Siobhán said", PEOPLE)
    assert d.person is SIOBHAN


@pytest.mark.parametrize(("text", "name"), [
    ("my neighbour Davie gets them cheap", "Davie"),
    ("Mrs Kowalski said the same", "Mrs Kowalski"),
    ("Auntie Funmi brought jollof", "Funmi"),
    ("and Imran from the shop said no", "Imran"),
    ("Anna Kowalska came to the second one", "Anna Kowalska"),
    ("her boy, Kyle, was there", "Kyle"),
    ("Ask Chiamaka about it", "Chiamaka"),
])  # fmt: skip
def test_people_mentioned_in_passing(text, name):
    assert ("person", name) in found(text, [])


@pytest.mark.parametrize("text", [
    "Will you come next week?", "the bill was huge", "Trading Standards said it is illegal",
    "Police Scotland came round", "The NHS and HMRC should talk", "Mayfair and Richmond are "
    "cheap at the van", "She lives in Hamilton now", "Money is tight since the change",
    "Grace and hope got us through", "Benson and Hedges cost more", "Glasgow City Council "
    "never answers", "We want more youth clubs", "Everyone said the same",
])  # fmt: skip
def test_look_alikes_are_not_people(text):
    assert found(text, []) == []


def test_deny_and_allow_lists():
    text = "Got them at Tam's Corner Shop, Davie said"
    assert ("address", "Tam's Corner Shop") in found(text, [], deny=[("Tam's Corner Shop",
                                                                       "address")])  # fmt: skip
    assert not any(t == "Davie" for _k, t in found(text, [], allow=["Davie"]))


def test_pseudonyms_are_consistent_within_a_pack():
    p = Pseudonymiser()
    notes = ["Maggie's neighbour Davie said no", "Davie Brennan agreed with Mrs O'Neill",
             "Mrs Kowalski phoned 07700 900123", "davie again"]  # fmt: skip
    out = [p.apply(n, detect(n, PEOPLE)) for n in notes]
    assert out[0] == "P-01's neighbour [Person A] said no"
    assert out[1] == "[Person A] agreed with P-01"
    assert out[2] == "[Person B] phoned [phone]"
    assert "davie" not in out[3].lower()


def test_markup_and_odd_text_pass_through_unchanged():
    text = "<b>Davie</b> & <i>Maggie</i> said 5 < 6 \u202e\u0000"
    out = Pseudonymiser().apply(text, detect(text, PEOPLE))
    assert out.startswith("<b>[Person A]</b> & <i>P-01</i> said 5 < 6")


def test_a_long_transcript_is_handled_whole():
    text = "My neighbour Davie said call 07700 900123. " * 5000
    found_kinds = [d.kind for d in detect(text, PEOPLE)]
    assert found_kinds.count("person") == 5000 and found_kinds.count("phone") == 5000
    out = Pseudonymiser().apply(text, detect(text, PEOPLE))
    assert "Davie" not in out and "07700" not in out and out.count("[Person A]") == 5000


def test_a_changed_list_of_people_is_noticed_between_calls():
    """The matcher is cached for the same people; adding or swapping one must still count."""
    people = [MAGGIE]
    assert found("Bob Jones came", people) == [("person", "Bob Jones")]  # unregistered
    bob = KnownPerson("Bob Jones", ["Bobby"], pseudonym="P-03", id="p3")
    people.append(bob)
    assert [d.person for d in detect("bobby came", people)] == [bob]
    people[1] = KnownPerson("Ann Lee", ["Annie"], pseudonym="P-04", id="p4")
    registered = [d.person.id for d in detect("annie came, bobby too", people) if d.person]
    assert registered == ["p4"]  # Bobby is now only a name from the lists, no longer P-03


@pytest.mark.parametrize("text", ["Meet at St Mary's Church Hall", "St Mungo's is open late",
                                  "the Saint Andrew's centre"])  # fmt: skip
def test_saints_in_place_names_are_not_people(text):
    assert found(text) == []


@pytest.mark.parametrize(("text", "kind", "expected"), [
    ("CALL 0770O 9OO 271 ANYTIME", "phone", "0770O 9OO 271"),
    ("d.o.b l7/08/82", "date_of_birth", "l7/08/82"),
    ("lives G3l 1XZ", "postcode", "G3l 1XZ"),
    ("NI QQl23456C", "ni_number", "QQl23456C"),
])  # fmt: skip
def test_ocr_misreads_of_digits_are_read_as_digits(text, kind, expected):
    """Paper notes photographed and OCR'd confuse O with 0 and l with 1."""
    assert (kind, expected) in found(text)


@pytest.mark.parametrize("text", [
    "the G31 and G32 bit", "off the M74 and onto", "the p0lice b0ard met", "TAB1E AGA1N",
    "the cl0se d00rs", "ca1lers",
])  # fmt: skip
def test_shapes_that_are_not_plates_or_postcodes(text):
    """A plate needs a plate's shape (capitals, never a number from 0); a postcode needs one of
    the UK's postcode areas; an OCR'd word is neither."""
    assert [k for k, _t in found(text) if k in ("vehicle_reg", "postcode")] == []


def test_hmrc_example_national_insurance_number_is_found():
    assert ("ni_number", "QQ 12 34 56 C") in found("my NI is QQ 12 34 56 C")


HOPE = KnownPerson("Hope McLaughlin", ["Hope", "Hopey"], pseudonym="P-10", id="p10")
PAT = KnownPerson("Patrick Byrne", ["Paddy", "Pat", "Big Pat"], pseudonym="P-11", id="p11")


@pytest.mark.parametrize(("text", "name"), [
    ("Hope's granny remembers the baths", "Hope"),
    ("Mags n Naz both said so", "Mags"),
    ("tell hope about Tuesday", "hope"),
    ("mags - she said call the mobile", "mags"),
    ("Pat (0141) 496 0912 - evenings only", "Pat"),
    ("Paddy's wife did the baking", "Paddy"),
    ("hope wants to do a piece on the queue", "hope"),
])  # fmt: skip
def test_a_registered_name_that_is_also_a_word_is_found_where_the_word_would_not_fit(
    text, name
):
    assert ("person", name) in found(text, [MAGGIE, HOPE, PAT])


@pytest.mark.parametrize("text", [
    "I hope the bus comes", "Hope so!", "will be there at six", "a pat on the back",
    "the paddy field", "we hope n pray",
])  # fmt: skip
def test_the_same_words_used_as_words_are_left(text):
    assert [k for k, _t in found(text, [MAGGIE, HOPE, PAT]) if k == "person"] == []


@pytest.mark.parametrize(("text", "kind", "expected"), [
    ("she stays on Wellshot Road, got the roofers in", "address", "Wellshot Road"),
    ("I live Gallowgate, the tall building", "address", "Gallowgate"),
    ("the woman fae Bluevale Street was asking", "address", "Bluevale Street"),
    ("dm kezza_vapez for prices", "handle", "kezza_vapez"),
    ("he's on Facebook as bigtam.gallowgate", "handle", "bigtam.gallowgate"),
    ("his reddit is u/tomek_glasgow", "handle", "u/tomek_glasgow"),
    ("email abena.m [at] postbox [dot] example", "email", "abena.m [at] postbox [dot] example"),
    ("born May 14th 86", "date_of_birth", "May 14th 86"),
    ("Date of birth: 03 / 11 / 1979", "date_of_birth", "03 / 11 / 1979"),
])  # fmt: skip
def test_written_forms_the_development_corpus_showed(text, kind, expected):
    assert (kind, expected) in found(text)


@pytest.mark.parametrize("text", [
    "the bus from London Road was late", "the shops on Duke Street shut at six",
    "follow the signs to the hall", "meeting on 03 / 11 / 2026",
])  # fmt: skip
def test_places_and_dates_that_locate_nobody_are_left(text):
    assert [k for k, _t in found(text) if k in ("address", "handle", "date_of_birth")] == []


@pytest.mark.parametrize("text", [
    "Lost Mary flavours aimed at kids", "the Vicky is too far to walk", "Dr Martens boots",
    "my wife went to the Queen Elizabeth", "the Sally Army shop", "St Patrick's day",
])  # fmt: skip
def test_a_name_inside_the_name_of_a_thing_is_not_a_person(text):
    assert [k for k, _t in found(text) if k == "person"] == []


def test_a_registered_person_inside_such_a_phrase_is_still_found():
    mary = KnownPerson("Mary Lost", ["Mary"], pseudonym="P-09", id="p9")
    assert ("person", "Mary Lost") in found("ask Mary Lost about it", [mary])


@pytest.mark.parametrize(("text", "kind", "expected"), [
    ("P-10: oh seven seven double oh, nine double oh, three one five. Got that?", "phone",
     "oh seven seven double oh, nine double oh, three one five"),
    ("seven seven double oh, nine hunner, four one eight", "phone", None),  # no leading 0
    ("Facilitator: And date of birth?\n[00:00:14] P-10: Fourteenth of May, nineteen eighty-six.",
     "date_of_birth", "Fourteenth of May, nineteen eighty-six"),
    ("my email is nasreen dot akhtar at mailbox dot example", "email",
     "nasreen dot akhtar at mailbox dot example"),
])  # fmt: skip
def test_personal_data_said_aloud_in_a_transcript(text, kind, expected):
    kinds = found(text)
    if expected is None:
        assert [k for k, _t in kinds if k == kind] == []
    else:
        assert (kind, expected) in kinds


@pytest.mark.parametrize("text", [
    "we met on the fourteenth of May, nineteen eighty-six was a good year",
    "one two three four, everybody sing", "meet at the hall dot dot dot",
])  # fmt: skip
def test_number_words_that_are_not_personal_data(text):
    assert [k for k, _t in found(text) if k in ("phone", "date_of_birth", "email")] == []
