"""Classes of personal data the development corpus showed as missed, each with the look-alikes
that must be left: scanned paper notes, names spelt out or heading a message, names nobody
listed, identifiers said aloud, notes in capitals."""

from __future__ import annotations

import itertools

import pytest

from coprod_desktop.anonymise import KnownPerson, detect
from coprod_desktop.anonymise.identifiers import ocr_digits
from coprod_desktop.anonymise.said import written
from tests.anonymise.corpus import corpus

HOPE = KnownPerson("Hope McLaughlin", ["Hope", "Hopey"], pseudonym="P-10", id="p10")
FLORIN = KnownPerson("Florin Lăcătuș", ["Florin", "Flo"], pseudonym="P-06", id="p6")
EMEKA = KnownPerson("Chukwuemeka Obi", ["Emeka"], pseudonym="P-04", id="p4")
MAGGIE = KnownPerson("Margaret Docherty", ["Maggie", "Mags"], pseudonym="P-01", id="p1")
PEOPLE = [HOPE, FLORIN, EMEKA, MAGGIE]


def found(text, people=PEOPLE):
    return [(d.kind, d.text) for d in detect(text, people)]


def people_in(text, people=PEOPLE):
    return [t for k, t in found(text, people) if k == "person"]


@pytest.mark.parametrize(("text", "name", "who"), [
    ("MAGG1E SAYS NO", "MAGG1E", MAGGIE),
    ("ask F1orin about the van", "F1orin", FLORIN),
    ("Em eka brought the urn", "Em eka", EMEKA),
    ("T0 H0PE", "H0PE", None),  # a word too: in capitals it needs its context
])  # fmt: skip
def test_a_registered_name_misread_by_a_scanner_is_still_them(text, name, who):
    hits = [d for d in detect(text, PEOPLE) if d.text == name]
    if who is None:
        return
    assert hits and hits[0].person is who


@pytest.mark.parametrize(("text", "read"), [
    ("Senait b0rn 3rd Jan 199O", "Senait born 3rd Jan 1990"),
    ("FIat l4/3 200 GaIIowgate", "Flat 14/3 200 Gallowgate"),
    ("lives G3l 1XZ", "lives G31 1XZ"),
    ("CALL 0770O 9OO 271", "CALL 07700 900 271"),
    ("the cl0se d00rs", "the close doors"),
    ("meet 3rd at 10am in G31", "meet 3rd at 10am in G31"),  # a number and its unit
    ("It is In the City", "It is In the City"),
])  # fmt: skip
def test_a_scanned_token_is_read_as_what_most_of_it_is(text, read):
    assert ocr_digits(text) == read
    assert len(ocr_digits(text)) == len(text)


@pytest.mark.parametrize(("text", "kind", "value"), [
    ("Senait Tesfaye b0rn 3rd Jan 199O", "date_of_birth", "3rd Jan 199O"),
    ("Mei-Ling FIat l4/3 200 GaIIowgate", "address", "FIat l4/3 200 GaIIowgate"),
    ("F1orin - 17 Abercr0mby St", "address", "17 Abercr0mby St"),
])  # fmt: skip
def test_identifiers_on_a_scanned_note(text, kind, value):
    assert (kind, value) in found(text)


@pytest.mark.parametrize(("text", "spelt"), [
    ("Florin Lăcătuș. L-A-C-A-T-U-S, with the little things", "L-A-C-A-T-U-S"),
    ("Name: R A M I  H A D D A D", "R A M I  H A D D A D"),
    ("it's Sergeant Quinn, Q-U-I-N-N, at the office", "Q-U-I-N-N"),
])  # fmt: skip
def test_a_name_spelt_letter_by_letter(text, spelt):
    assert spelt in people_in(text)


@pytest.mark.parametrize("text", [
    "the A-B-C of it", "I-I-I don't know", "U S A", "P-P-P-pick up a penguin", "B-B-C news",
])  # fmt: skip
def test_letters_that_spell_no_name(text):
    assert people_in(text) == []


@pytest.mark.parametrize(("text", "name"), [
    ("[18/03/2026, 16:45] ~ Kezza: selling cheap vapes", "Kezza"),
    ("12/03/2026, 19:42 - Shuggie Boyle: aye the lift's broke", "Shuggie Boyle"),
    ("[00:08:30] Rab: I'm no shy", "Rab"),
])  # fmt: skip
def test_the_sender_of_a_message_or_a_speaker_is_a_person(text, name):
    assert name in people_in(text)


@pytest.mark.parametrize("text", [
    "[19/04/2026, 18:20] Eastend Radio Lab: session moved to Thursday",
    "[00:12:40] Facilitator: so what happened next?", "[00:00:01] SPEAKER 2: aye",
    "Health board: we can fund two sessions", "Note: bring the urn",
    "Tob acco: Amber Leaf / Golden Virginia", "[00:03:10] P-04: right",
    "[20/03/2026, 11:11] +44 7700 900088: hiya",
])  # fmt: skip
def test_roles_bodies_and_headings_are_not_people(text):
    assert people_in(text) == []


@pytest.mark.parametrize(("text", "name"), [
    ("hiya its Chantelle, Hopes pal", "Chantelle"),
    ("we asked Kezza and she laughed", "Kezza"),
])  # fmt: skip
def test_a_capitalised_word_no_dictionary_holds_is_a_name(text, name):
    assert name in people_in(text)


@pytest.mark.parametrize("text", [
    "she was born in Homs and came in 2016", "we got the parcel from Evri at last",
    "he speaks Tigrinya and a bit of Arabic", "the flats on Westmuir Street",
    "Wheatley Homes came out", "open Monday-Saturday", "the Barras on a Sunday",
    "Dear Councillor, residents have asked", "I've lost my phone, Mum",
])  # fmt: skip
def test_places_languages_firms_and_words_are_not_names(text):
    assert people_in(text) == []


@pytest.mark.parametrize(("text", "name"), [
    ("Hopes pal came too", "Hope"),
    ("Will, the guy fae the tenants' union, was here", "Will"),
    ("who's Will?", "Will"),
    ("Mags, everybody calls me Mags", "Mags"),
    ("Hope born May 14th 86", "Hope"),
    ("Paddy already helped me", "Paddy"),
])  # fmt: skip
def test_a_name_that_is_also_a_word_where_only_a_name_fits(text, name):
    people = [*PEOPLE, KnownPerson("Patrick Byrne", ["Paddy"], pseudonym="P-11", id="p11")]
    assert name in people_in(text, people)


@pytest.mark.parametrize("text", [
    "Will we get the hall?", "Hope you're all well", "I hope so, Maggie", "will do",
    "it gives me hope, honestly",
])  # fmt: skip
def test_the_same_words_as_words(text):
    assert all(name not in people_in(text) for name in ("Will", "Hope", "hope", "will"))


@pytest.mark.parametrize(("text", "kind", "value"), [
    ("my postcode? G forty, three B T", "postcode", "G forty, three B T"),
    ("my NI number, Q Q one two three four five six C, and then", "ni_number",
     "Q Q one two three four five six C"),
    ("the reg is S-N-one-eight, K-W-E - someone scratched it", "vehicle_reg",
     "S-N-one-eight, K-W-E"),
    ("my NHS number? nine nine nine, three nine oh, nine nine six three", "nhs_number",
     "nine nine nine, three nine oh, nine nine six three"),
    ("my flat is two stroke one, forty-five Whitehill Street - for the letter", "address",
     "two stroke one, forty-five Whitehill Street"),
    ("And your date of birth?\n[00:00:15] P-06: Nine, nine, eighty-one.", "date_of_birth",
     "Nine, nine, eighty-one"),
    ("my number is seven seven double oh, nine hunner, four one eight", "phone",
     "seven seven double oh, nine hunner, four one eight"),
])  # fmt: skip
def test_identifiers_said_aloud(text, kind, value):
    assert (kind, value) in found(text)


@pytest.mark.parametrize("text", [
    "one two three four five, once I caught a fish alive",
    "we were nine, nine of us, eighty-one years between us",
    "it was two stroke one to Celtic at half time",
    "the score was G forty and nothing",
])  # fmt: skip
def test_number_words_that_say_no_identifier(text):
    assert [k for k, _t in found(text) if k != "person"] == []


@pytest.mark.parametrize(("said", "typed"), [
    ("G thirty-one, four E X", "G31 4EX"),
    ("oh seven seven double oh, nine double oh, three one five", "07700 900 315"),
    ("nineteen eighty-six", "1986"),
    ("S-N-one-eight, K-W-E", "SN18 KWE"),
])  # fmt: skip
def test_words_are_written_as_typed(said, typed):
    assert written(said) == typed


def test_a_note_in_capitals_names_only_its_names():
    text = "FLO SAYS THE LANDLORD WONT FIX THE DAMP - FLORIN HAS PHOTOS"
    assert people_in(text) == ["FLO", "FLORIN"]
    assert people_in("MARGARET SAYS THE BUS IS LATE AGAIN", []) == ["MARGARET"]


def test_a_chi_number_named_as_one_needs_no_check_digit():
    assert ("nhs_number", "1205784431") in found("Nasreen CHI 1205784431 for the referral")
    assert [k for k, _t in found("invoice 1205784431 for the referral")] == []


@pytest.mark.parametrize(("text", "value"), [
    ("my music: linktr.ee/emekaobi_music", "linktr.ee/emekaobi_music"),
    ("support me at ko-fi.com/kezzavapes", "ko-fi.com/kezzavapes"),
])  # fmt: skip
def test_a_web_address_with_a_path_on_any_domain(text, value):
    assert ("url", value) in found(text)


@pytest.mark.parametrize("text", [
    "linktr.ee for his music", "and/or the leaflet", "1.5/2 of them", "e.g. the hall",
])  # fmt: skip
def test_no_web_address_without_a_path_or_a_known_ending(text):
    assert [k for k, _t in found(text) if k == "url"] == []


def test_an_account_named_after_a_strong_cue():
    assert ("handle", "hopeontheradio") in found("find me on tiktok, I'm hopeontheradio, dead easy")
    assert [k for k, _t in found("follow the signs to the hall") if k == "handle"] == []


@pytest.mark.parametrize("text", [
    "write to info@eastendradio.example", "studio@community-radio.example for bookings",
    "customer.services@housing.example", "no-reply@council.example sent it",
    "From: St Brendan's Parish Hall <hall@stbrendans.example.org>",
])  # fmt: skip
def test_a_mailbox_of_a_role_or_a_body_is_not_personal(text):
    assert [k for k, _t in found(text) if k == "email"] == []


def test_a_persons_mailbox_is():
    assert ("email", "kwame.mensah@example.com") in found("it's kwame.mensah@example.com")
    assert ("email", "info.kwame@example.com") in found("or info.kwame@example.com")
    for mailbox in ("frank.g@inbox.example", "jade.summers@coproradiolab.example.org",
                    "hero.m.kurd@mailbox.example"):  # names that are words too; an initial
        assert ("email", mailbox) in found(f"From: Someone <{mailbox}>")


@pytest.mark.parametrize("text", [
    "John Swinney was on Reporting Scotland", "Lewis Capaldi played the Hydro",
    "like Kenny Dalglish in his day", "Docherty's butchers on the corner",
    "Kelly's cafe does a soup and a roll", "Mensah & Co did the flyers", "Chen's Garden shut",
    "a grant from the Hunter Foundation", "the Robertson Trust", "Docherty Memorial Cup final",
    "Imran's Cash & Carry donated", "O'Neill's Irish pub", "Murphy's law", "Kerr's Pet Shop",
])  # fmt: skip
def test_public_figures_and_businesses_named_after_people(text):
    assert people_in(text, []) == []
    assert people_in(text, [KnownPerson("Ruaridh Hunter", ["Hunter"], pseudonym="P-2")]) == []


def test_a_registered_persons_full_name_is_still_them_beside_a_shop():
    assert "Maggie Docherty" in people_in("Maggie Docherty's stall at the gala")


@pytest.mark.parametrize(("text", "value"), [
    ("the man in 3/1 has dementia", "3/1"),
    ("the guy in number 12 keeps the close clean", "number 12"),
    ("she stays at 2/1 on her own", "2/1"),
])  # fmt: skip
def test_a_flat_or_house_number_that_says_where_someone_lives(text, value):
    assert ("address", value) in found(text)


@pytest.mark.parametrize("text", [
    "2/1 and 0/2 flats get the worst damp", "it finished 3/1 to Celtic", "number 12 bus",
])  # fmt: skip
def test_flat_numbers_that_locate_nobody(text):
    assert [k for k, _t in found(text) if k == "address"] == []


@pytest.mark.parametrize(("text", "name"), [
    ("Best wishes,\nDawn", "Dawn"),
    ("Voice 4: Ray. Hungry.", "Ray"),
    ("May fae the lunch club says no", "May"),
    ("Jack from the boxing club said aye", "Jack"),
    ("Rabs van. The white one.", "Rab"),
    ("[08/04/2026, 10:03] Sunny (shop): Assalamu alaikum", "Sunny"),
    ("Visit: Fr. G. Devlin at the chapel", "Fr. G. Devlin"),
    ("Tel: 0l41 496 O628 (L Docherty)", "L Docherty"),
    ("need to phone cllr mcbride again", "cllr mcbride"),
    ("RUBY SAYS THE LANDLORD HARKINS THREATENED THEM", "HARKINS"),
    ("DAWN KERR (HEALTH BOARD) - SEND HER THE NOTES", "DAWN KERR"),
    ("the landlord, Mr Harkins, says... Harkins again", "Harkins"),
])  # fmt: skip
def test_people_the_second_development_corpus_showed(text, name):
    people = [*PEOPLE, KnownPerson("Raymond Coyle", ["Ray"], pseudonym="P-14", id="p14"),
              KnownPerson("Dawn McGeachie", ["Dawn"], pseudonym="P-04", id="p04"),
              KnownPerson("Sanaullah Rashid", ["Sunny"], pseudonym="P-03", id="p03")]  # fmt: skip
    assert name in people_in(text, people) or any(name in p for p in people_in(text, people))


@pytest.mark.parametrize("text", [
    "Lovely - can we share it?", "Lovely.", "Dear Resident, the bins", "miss school again",
    "councillor letter went off", "BULK UPLlFT AND BACK COURT CLEANSlNG",
    "Nat. Ins. No. JK 62 48 11 D", "Ha! Thanks all", "Alexandra Parade - Road Closed",
    "THE ROYAL INFlRMARY - Accident & Ernergency", "Narne: Agnes", "Next of kin: son",
    "Passcode: 661204", "#CostOfLiving #Parkhead", "Hacking & Paterson sent a letter",
    "Docherty's Butchers on the corner",
])  # fmt: skip
def test_words_signs_and_form_labels_the_second_corpus_showed(text):
    assert [t for t in people_in(text, []) if t not in ("Agnes",)] == []


@pytest.mark.parametrize(("text", "kind", "value"), [
    ("Date of Birth O5/ll/196l", "date_of_birth", "O5/ll/196l"),
    ("reg sf19xhn blue van selling fags", "vehicle_reg", "sf19xhn"),
    ("car reg SV66 0LK - the roofers", "vehicle_reg", "SV66 0LK"),
    ("Reg. No. SJl4 FXW - Corsa, si1ver", "vehicle_reg", "SJl4 FXW"),
    ("It's on my Instagram – kobby underscore drums underscore glasgow. Or", "handle",
     "kobby underscore drums underscore glasgow"),
    ("Date of birth?\n\nFLORIN: [translates]\n\nWOMAN: aye\n\nFLORIN: First of March, nineteen "
     "eighty-nine.", "date_of_birth", "First of March, nineteen eighty-nine"),
    ("And his date of birth?\n\nMILAN: Twelfth June, twenty eighteen.", "date_of_birth",
     "Twelfth June, twenty eighteen"),
    ("Address: 0/1, 88 Muiryfauld Drive, Glasgow G31 5RT", "address",
     "0/1, 88 Muiryfauld Drive, Glasgow"),
    ("5 Bosville Terrace, Portree, Isle of Skye IV51 9DG", "address",
     "5 Bosville Terrace, Portree, Isle of Skye"),
    ("Address: 0/1, 88 Muiryfauld Drive, Glasgow G31 5RT", "postcode", "G31 5RT"),
])  # fmt: skip
def test_identifiers_the_second_development_corpus_showed(text, kind, value):
    assert (kind, value) in found(text)


@pytest.mark.parametrize("text", [
    "SN19 bus lane camera fine - £60!", "G31 AND G40 - MOST SCAM REPORTS", "wi11ing to help",
    "2A via Shettleston Road until further notice", "[12/05/2026, 10:20] his birthday soon",
])  # fmt: skip
def test_look_alikes_the_second_development_corpus_showed(text):
    assert [k for k, _t in found(text, []) if k != "person"] == []


@pytest.mark.parametrize("text", [
    "meet at Prince's Square after", "the Wallace Monument trip", "Partick Thistle won",
    "a pack of SKE Crystal", "COMMUNITY SAFETY PARTNERSHIP UPDATE", "Registered Charity No 123",
    "Mary's Meals collection", "the New Victoria is different",
])  # fmt: skip
def test_places_clubs_brands_and_headings_named_like_people(text):
    assert people_in(text, []) == []


def test_a_title_keeps_a_name_that_a_thing_also_has():
    assert "Mr Morton" in people_in("Mr Morton fae the close", [])
    assert "Sister Mary" in people_in("ask Sister Mary at the chapel", [])


def test_a_registered_name_that_is_a_word_of_the_dictionary_needs_context():
    rocky = KnownPerson("Rocky Balboa", ["Rocky"], pseudonym="P-20", id="p20")
    assert people_in("the rocky road to the hall", [rocky]) == []
    assert "Rocky" in people_in("ask Rocky about the van", [rocky])
    assert "Florin" in people_in("Florin & Rami both said so", PEOPLE)


@pytest.mark.parametrize(("text", "kind", "value"), [
    ("that's Kilo Echo Zulu Zulu Alpha, aye", "person", "Kilo Echo Zulu Zulu Alpha"),
    ("my postcode is Golf four zero, three Bravo Tango", "postcode",
     "Golf four zero, three Bravo Tango"),
    ("is it still forty-two Budhill Avenue?", "address", "forty-two Budhill Avenue"),
])  # fmt: skip
def test_spelt_with_the_phonetic_alphabet_or_a_number_said_before_a_street(text, kind, value):
    assert (kind, value) in found(text, [])


@pytest.mark.parametrize("text", [
    "the Hotel Delta Echo was shut", "Golf Hotel Oscar Sierra Tango spells ghost",
    "we went to the hotel in India", "twenty people on Duke Street",
])  # fmt: skip
def test_phonetic_words_and_numbers_that_spell_nobody(text):
    assert [k for k, _t in found(text, []) if k in ("address", "postcode")] == []
    assert "Hotel Delta Echo" not in people_in(text, [])


@pytest.mark.parametrize(("text", "name"), [
    ("our Isla has a page selling tobacco", "Isla"),
    ("Well Isla from the shop reckons the fake cigs are bad", "Isla"),
    ("Ally gets tobacco off the ice cream van", "Ally"),
    ("Blessing and Ngozi Osei do the soup on Thursdays", "Blessing"),
    ("Fiona and Senga do the soup on Thursdays", "Senga"),
    ("Mr Young sells cigs out of the van", "Mr Young"),
])  # fmt: skip
def test_people_the_generated_corpus_showed(text, name):
    assert name in people_in(text, [])


@pytest.mark.parametrize("text", [
    "Rose and Crown sells them under the counter", "Sky and Virgin door knockers",
    "the Art and Design centre", "Hope is what we need", "StepChange helped with the debt",
])  # fmt: skip
def test_pairs_and_bodies_that_are_not_people(text):
    assert people_in(text, []) == []


def test_a_registered_name_in_small_letters_doing_something():
    assert "mags" in people_in("CHI on my card, mags helped me find it")
    assert "mags" in people_in("mags's email is on the list")


@pytest.mark.parametrize("text", [
    "SAY GRACE BEFORE THE SOUP", "Estates walkabout Tues 7/4 1Oam", "by the Costa at 12",
    "the Mitchell - someone went", "Naebody's too wise for it", "ALEXANDRA PARADE - LIGHTS OUT",
    "dawn (like 6am) is when the bins go", "20 MINS EACH", "Shettleston Sheddens 07:02",
])  # fmt: skip
def test_the_second_corpus_look_alikes_in_capitals_scots_and_places(text):
    people = [*PEOPLE, KnownPerson("Grace Oyelaran", ["Grace"], pseudonym="P-21", id="p21"),
              KnownPerson("Dawn McGeachie", ["Dawn"], pseudonym="P-04", id="p04")]  # fmt: skip
    assert people_in(text, people) == []


def test_a_reddit_username_and_the_mcl_girl():
    assert ("handle", "u/tomek_g31") in found("aye u/tomek_g31 said the same")
    assert "McLaughlin" in people_in("the McLaughlin girl at the end house", [])


def test_a_name_alone_in_brackets_and_a_scanned_word_shaped_like_a_postcode():
    hope = KnownPerson("Hope McLaughlin", ["Hope"], pseudonym="P-10", id="p10")
    assert "H0PE" in people_in("B0RN 14 MAY 1986 (H0PE)", [hope])
    assert [k for k, _t in found("n0b0dy came", [])] == []
    assert people_in("AOCB: none", []) == []


@pytest.mark.parametrize(("text", "kind", "value"), [
    ("call +48 601 555 274 after six", "phone", "+48 601 555 274"),
    ("or 0048 22 555 31 07 at home", "phone", "0048 22 555 31 07"),
    ("text (+44) 7700 900735", "phone", "(+44) 7700 900735"),
    ("NHS: 2103 8741 29", "nhs_number", "2103 8741 29"),
    ("born 1959-04-03 in Paisley", "date_of_birth", "1959-04-03"),
    ("DOB 27-Jun-1990", "date_of_birth", "27-Jun-1990"),
    ("my page soundcloud.example/ruaridh-hunter-skye", "url",
     "soundcloud.example/ruaridh-hunter-skye"),
    ("blessing.oa77 @ mailbox . example", "email", "blessing.oa77 @ mailbox . example"),
    ("Instagram\nMessage request\nlil_chance_bmx\nhiya is this the radio", "handle",
     "lil_chance_bmx"),
    ("my NI is J-T, six two, one one, zero five, A", "ni_number",
     "J-T, six two, one one, zero five, A"),
])  # fmt: skip
def test_identifiers_the_third_development_corpus_showed(text, kind, value):
    assert (kind, value) in found(text, [])


@pytest.mark.parametrize("text", [
    "the score was 1-0 and 2010-2012 was worse", "we paid £1,200,000 in 2019",
    "room 2103 8741 29 chairs", "a collie called Skye", "Storm Babet took the roof",
    'played "Mamo" by Kmetoband', "the Bonnie Lass came in",
])  # fmt: skip
def test_look_alikes_the_third_development_corpus_showed(text):
    assert [k for k, _t in found(text, []) if k not in ("person",)] == [] and all(
        n not in people_in(text, []) for n in ("Skye", "Babet", "Mamo", "Kmetoband")
    )


@pytest.mark.parametrize(("text", "name"), [
    ("ACTIONS\nACTION: JM to circulate the notes", "JM"),
    ("3. Cost of living\nKD summarised the sticky notes", "KD"),
    ("ACTION LOG\n#2 MK – DWP letter examples – ongoing", "MK"),
    ("Facilitators: JM, KD", "KD"),
    ("Present: Munro, Jamie; Nair, Priya", "Munro, Jamie"),
    ("my son Marvel wants to do the kids show", "Marvel"),
    ("Children attending: Chance (9) and Storm-Lee (4)", "Chance"),
    ("my name is Chance and I am 9", "Chance"),
])  # fmt: skip
def test_initials_in_minutes_and_names_that_are_words_in_a_names_context(text, name):
    assert name in people_in(text, [])


@pytest.mark.parametrize("text", [
    "ACTION: NHS to send the leaflets", "the GP said no", "ACTION: SG to fund it",
    "Present: Radio Lab (2), NHS GGC Health Improvement (1)", "youth worker, Radio Lab",
    "For The Named Recipient Only", "Child Protection Coordinator", "our Highland team",
    "Smith, Jones and Partners",
])  # fmt: skip
def test_acronyms_bodies_and_roles_in_minutes_are_not_people(text):
    assert people_in(text, []) == []


@pytest.mark.parametrize("text", [
    "FLIPCHART 2 - COST OF LIVING", "EAST END CO-PRODUCTION STEERING GROUP", "SIGN-IN SHEET",
    'programme will be called "Guth na Coimhearsnachd"', "Date: Thu, 12 Mar 2026",
    "a grey Ferguson tractor older than me", "coach from Buchanan Bus Station",
    "Bring a bag of Morton's rolls",
])  # fmt: skip
def test_headings_foreign_words_days_and_things_of_the_third_corpus(text):
    assert people_in(text, []) == []


def test_a_registered_name_that_is_a_place_is_the_place_after_to_or_the():
    iona = KnownPerson("Chen Xiaoling", ["Iona"], pseudonym="P-11", id="p11")
    assert people_in("I'm off to Iona with the kids", [iona]) == []
    assert people_in("the Iona Community retreat", [iona]) == []
    assert "Iona" in people_in("Iona said she would come", [iona])


def test_a_name_nobody_listed_needs_a_persons_context():
    assert "Kezza" in people_in("tell Kezza the van is back", [])
    assert "Chantelle" in people_in("Chantelle said she would bring it", [])
    assert people_in("the Skipinnish tribute band", []) == []


@pytest.mark.parametrize("text", [
    "From: Glasgow Life Venue Hire <venuehire@glasgowlife.example>",
    "team inbox eastglasgow.cpt@police.example", "<scotland.grants@lottery.example>",
    "Registered Office: Exchange House, 229 George Street, Glasgow",
    "the Corra Foundation visit is on 19 March. St Patrick's Day", "Zoom: https://zoom.us/j/844200",
    "FLIPCHART: WHAT WE WANT", "CO-PRESENTER: Tha i fliuch.", "eastendradiolab: Hi! Yes",
    "Apols: none", "P45 (OCR): Employee",
])  # fmt: skip
def test_bodies_mailboxes_offices_and_headings_of_the_third_corpus(text):
    assert [k for k, _t in found(text, []) if k != "postcode"] == []


def test_a_persons_mailbox_and_a_handle_are_still_found():
    assert ("email", "dahmed_26@gmail.com") in found("mail dahmed_26@gmail.com today", [])
    assert ("handle", "@preciousokonkwo") in found("insta @preciousokonkwo. That's me", [])


def test_a_name_found_once_is_found_again_where_it_takes_its_capital():
    signed = "Martin Kerr will call you on Monday.\n\nThanks\nMartin\n"
    assert people_in(signed, []) == ["Martin Kerr", "Martin"]
    # found as a name once, a listed word that is also a word stays a word where any word
    # takes a capital, and where it is written small
    text = "I met Shona Grant today. Grant funding is tight, and the grant is late."
    assert people_in(text, []) == ["Shona Grant"]
    assert people_in(text + " Ask Grant about it.", []) == ["Shona Grant", "Grant"]


@pytest.mark.parametrize(("text", "initials"), [
    ("I'll drop the copies in on Thursday.\nK.\n\nOn Mon 9 Mar 2026, Jean wrote:", "K."),
    ("Tapadh leat,\nR.H.\n--\nCrofter & sound recordist", "R.H."),
    ("Don't pay anything yet. K", "K"), ("He speaks Polish. – K\"", "K"),
    ("Thanks, K", "K"), ("Hi J, here's what's live:", "J"),
    ("Thanks to K.D. for Saturday.", "K.D."),
])  # fmt: skip
def test_initials_signing_greeting_or_written_with_full_stops(text, initials):
    assert initials in people_in(text, [])


@pytest.mark.parametrize("text", [
    "reference 0031-84422-SCO\n\nDear applicant", "Plan A\n\nPlan B", "See you at 2 p.m.",
    "Is it me or is it I", "N.B. the hall is shut", "Block C\n", "Hi all, see you at 10",
])  # fmt: skip
def test_letters_that_sign_nothing(text):
    assert people_in(text, []) == []


@pytest.mark.parametrize(("text", "initials"), [
    ("ACTIONS\nKD – draft consent form by 18 March\nJH – confirm library slot", "JH"),
    ("ACTION: ENL to send the Gaelic jingle script", "ENL"), ("JM spoke to Mrs O-A re: PIP.", "JM"),
    ("FOR OFFICE USE: Registered by KD. Pseudonym: P-08.", "KD"),
])  # fmt: skip
def test_initials_owning_an_action_or_a_deed(text, initials):
    assert initials in people_in(text, [])


@pytest.mark.parametrize("text", [
    "NOTES\nNB – check the hall\nTBC – date of the gala", "he said he was from BT.",
    "the Health visitor that comes to US is good", "Report serious breaches to the ICO.",
])  # fmt: skip
def test_acronyms_that_own_no_action(text):
    assert people_in(text, []) == []


@pytest.mark.parametrize(("text", "value"), [
    ("Name: B0NNIE STEWART\nAddress: Bishopton Travellers Site, Pitch 7\nPostcode: PA7 5PB",
     "Bishopton Travellers Site, Pitch 7"),
    ("Home address: 1/2, 7 Kilmany Drive, Glasgow G32 0EN", "1/2, 7 Kilmany Drive, Glasgow"),
    ("Current address: Tigh na Mara, Carbost (since May)", "Tigh na Mara, Carbost"),
    ("its Pitch 4, Lochshore Travellers Site, near", "Pitch 4, Lochshore Travellers Site"),
    ("I bide on Saltoun Place, jist up fae the harbour", "Saltoun Place"),
])  # fmt: skip
def test_an_address_in_a_forms_field_on_a_site_or_where_someone_bides(text, value):
    assert ("address", value) in found(text, [])


@pytest.mark.parametrize("text", [
    "Address: ______________________", "Address: n/a", "ADDRESS: see above",
    "Registered Office address: 229 George Street, Glasgow, Ltd", "plot 12 at the allotments",
])  # fmt: skip
def test_address_fields_and_plots_that_locate_nobody(text):
    assert [k for k, _t in found(text, []) if k == "address"] == []


def test_an_account_in_brackets_after_its_platform():
    assert ("handle", "lil_chance_bmx") in found("Chance has an Instagram (lil_chance_bmx)", [])
    assert [k for k, _t in found("my Instagram (the one with the dog)", []) if k == "handle"] == []


HOA = KnownPerson("Nguyen Thi Hoa", ["Hoa", "Thi Hoa"], pseudonym="P-11", id="p11")
IONA = KnownPerson("Iona MacLeod", ["Iona", "Io"], pseudonym="P-05", id="p5")


@pytest.mark.parametrize("text", [
    "is this the group for the radio thing?", "This week: Tues - Parkhead",
    "[19/02/2026, 10:01] Facilitator: meet at 10:30, 10% off, 10/10",
])  # fmt: skip
def test_a_registered_name_is_not_found_inside_a_word_or_a_number(text):
    assert people_in(text, [HOA, IONA]) == []


def test_a_registered_name_with_an_s_for_its_owner_is_still_them():
    assert "Florin" in people_in("Florins daughter R0xana", [FLORIN])
    assert people_in("Storm is This wee boy, age 3", [HOA]) == ["Thi"]
    assert people_in("ask Io about the van", [IONA]) == ["Io"]


@pytest.mark.parametrize("text", [
    "[14/02/2026, 11:22] Radio Lab Leith: Happy Valentines", "Community Crops Paisley: see you",
])  # fmt: skip
def test_a_body_and_its_place_heading_a_message(text):
    assert people_in(text, []) == []


@pytest.mark.parametrize(("text", "name"), [
    ("Heather the health visitor is brilliant", "Heather"), ("Ivy (age 92!!) came", "Ivy"),
    ("Frank at the paper shop holds the paper", "Frank"), ("Bill next door fixed it", "Bill"),
    ("Daisy age 6 drew the park", "Daisy"), ("Carter - looked after child", "Carter"),
    ("Sujon - works at the Star of India", "Sujon"), ("Victoria our youth worker left", "Victoria"),
])  # fmt: skip
def test_a_note_that_opens_with_a_name_and_says_who_they_are(text, name):
    assert name in people_in(text, [])


@pytest.mark.parametrize("text", [
    "Meeting on the 1st of May at the community centre", "IRIS (the eye test place at the Forge)",
    "Iftar at the Paisley mosque Friday", "Parking at the hall is a nightmare",
])  # fmt: skip
def test_words_that_open_a_note_and_are_described_but_are_nobody(text):
    assert people_in(text, []) == []


def test_a_registered_name_that_is_a_word_opening_a_sentence_with_its_verb_negated():
    florin = KnownPerson("Florin Stoica", ["Florin", "Flo"], pseudonym="P-08", id="p8")
    text = "Refer to Shelter Scotland. Florin doesn't want the landlord named on air."
    assert people_in(text, [florin]) == ["Florin"]
    assert people_in("Florins were coins. Florins didn't last.", [florin]) == []


def test_a_mailbox_of_a_first_name_and_a_place_is_someones():
    assert ("email", "jademuirhouse@example.com") in found("email me - jademuirhouse@example.com")
    assert [k for k, _t in found("write to communityengagement@police.example", [])] == []


@pytest.mark.parametrize(("text", "street"), [
    ("Roma families on Westmuir Street getting grief", "Westmuir Street"),
    ("My sister had them at her door in Wellshot Road last week", "Wellshot Road"),
    ("can you get me at the end of Greenfield Street son", "Greenfield Street"),
])  # fmt: skip
def test_a_street_that_places_a_household(text, street):
    assert ("address", street) in found(text, [])


@pytest.mark.parametrize("text", [
    "access via the side door on Wellshot Road", "dog fouling on the Tollcross Rd again",
])  # fmt: skip
def test_a_street_that_places_nobody(text):
    assert [k for k, _t in found(text, []) if k == "address"] == []


def test_a_form_filled_in_box_by_box():
    text = ("Date of birth: 2 2 / 0 7 / 1 9 8 0\nNational Insurance number: S N 4 8 1 2 7 3 B\n"
            "Phone: 0 7 7 0 0 9 0 0 4 1 8")
    kinds = {t: k for k, t in found(text, [])}
    assert kinds["2 2 / 0 7 / 1 9 8 0"] == "date_of_birth"
    assert kinds["S N 4 8 1 2 7 3 B"] == "ni_number"
    assert kinds["0 7 7 0 0 9 0 0 4 1 8"] == "phone"
    assert found("rows 1 2 3 4 5 6 7 are free, and 2 0 2 6 / 0 3 too", []) == []


@pytest.mark.parametrize(("text", "date"), [
    ("DOB on the form? why do they need it. Mine is 03/11/1951 and I'm no", "03/11/1951"),
    ("Birthday wishes: Sis. Grace A. - 12th March 1979", "12th March 1979"),
])  # fmt: skip
def test_a_birth_date_a_few_words_after_its_cue(text, date):
    assert ("date_of_birth", date) in found(text, [])


def test_this_years_dates_near_a_birthday_are_not_birth_dates():
    text = "Birthday party for the club is on the hall booking for 14/03/2026, all welcome"
    assert [k for k, _t in found(text, []) if k == "date_of_birth"] == []


def test_numbers_said_over_a_sentences_end_or_a_turn_after_their_question():
    text = ("HEALTH BOARD: Can you read me the CHI number on the bag?\nBETTY: Here. It says... "
            "one seven, oh three, four five, eight eight two one. Is that it?")
    assert ("nhs_number", "one seven, oh three, four five, eight eight two one") in found(text)
    text = "the same since nineteen eighty. oh one four one, four nine six, oh five two three."
    assert ("phone", "oh one four one, four nine six, oh five two three") in found(text, [])
    assert found("we won two nil. three one to them after. four nine six people came", []) == []


def test_a_discord_exports_senders_and_an_account_to_find_someone_on():
    text = "Discord\njadeyyy.m — Today at 17:33\nwho's got the key\nkayla_mc — Today at 17:34"
    assert [t for k, t in found(text, []) if k == "handle"] == ["jadeyyy.m", "kayla_mc"]
    assert ("handle", "jadeyyy.m") in found("find me on tiktok jadeyyy.m (the Jade lol)", [])
    assert found("Tuesday — Today at 5 we meet", []) == []


def test_a_mobile_number_left_unfinished_and_one_over_a_lines_end():
    unfinished = "Kieran's number 07700 900 41... (didnt get the rest)"
    assert [k for k, _t in found(unfinished, [])] == ["person"]
    sheet = "1. SEONA1DH MACKAY – 07700 900 43l\n2. D0DDIE STRACHAN – no phone"
    assert ("phone", "07700 900 43l") in found(sheet, [])
    assert ("phone", "07700\n900 142") in found("Mobile: 07700\n900 142 (evenings)", [])


@pytest.mark.parametrize(("text", "personal"), [
    ("From: Glasgow City Council <envhealth@glasgow.example>", False),
    ("From: Veterans First Point Tayside <vfp@tayside.example>", False),
    ("From: Mark Hamilton <m.hamilton@nhs-ggc.example>", True),
    ("From: Blessing Okonkwo-Adeyemi <blessing.oa77@mailbox.example>", True),
])  # fmt: skip
def test_an_address_shown_under_a_bodys_name_is_the_bodys(text, personal):
    assert any(k == "email" for k, _t in found(text, [])) is personal


def test_a_hyphenated_role_heading_a_turn_is_nobody():
    text = "HOA: I am Hoa.\nDROP-IN: I'm just passing.\nDROP-IN: Everyone finds the GP difficult."
    assert "DROP-IN" not in people_in(text, [])


@pytest.mark.parametrize("text", [
    "Gilbert Bain Hospital – Lerwick", "Anderson High School – youth session?",
    "the mosque on Albert Drive", "Wilton Lodge Park – the Scott Room?", "Lady Alice Primary",
])  # fmt: skip
def test_places_named_for_people_with_their_heads(text):
    assert people_in(text, []) == []


def test_a_signature_over_a_job_title_is_still_someone():
    text = "please contact my colleague.\nAnne-Marie Quigley\nCommunity Development Officer"
    assert "Anne-Marie Quigley" in people_in(text, [])


@pytest.mark.parametrize("text", [
    "Arabic club at St Francis Xavier's in Camelon", "Dunollie Castle – Clan MacDougall – the wall",
])  # fmt: skip
def test_saints_and_clans(text):
    assert people_in(text, []) == []
    assert "Rennie" in people_in("he was a saint\nSPEAKER 3: Rennie said it was fine", [])


def test_names_on_a_sign_in_sheet_as_scanned():
    sheet = ("CAMEL0N – SIGN IN\nNAD1A HASSAN\nR0jda Bi1ici\n0mar Haddad   barber\nJ Brann1gan\n"
             "Tea ✔\nFacilitator ✔\n\nNext week: Bring a friend")
    assert people_in(sheet, []) == ["NAD1A HASSAN", "R0jda Bi1ici", "0mar Haddad", "J Brann1gan"]
    senait = KnownPerson("Senait Tesfaye", ["Senait"], pseudonym="P-07", id="p7")
    found_ = detect("Sign-in\nSena1t T.\nH0A NGUYEN\n", [senait])
    assert found_[0].text == "Sena1t T." and found_[0].person is senait
    assert people_in("Shopping list\nMilk\nTea bags\nBread", []) == []


def test_detections_never_overlap_and_come_in_order():
    """One span of text is one detection: a list's name, a registered surname and initials
    before it ("T.\\nH0A NGUYEN") must not both claim it."""
    hoa = KnownPerson("Nguyen Thi Hoa", ["Hoa"], pseudonym="P-11", id="p11")
    texts = ["Sign-in\nSena1t T.\nH0A NGUYEN\nY0nas Gheb-\n", "Mr T. Nguyen and Mrs Hoa Nguyen",
             "1. SEONA1DH MACKAY – 07700 900 43l\n2. D0DDIE STRACHAN – no phone"]
    texts += [text for text, _gold in corpus(400, seed=11)]
    for text in texts:
        spans = [(d.start, d.end) for d in detect(text, [hoa, *PEOPLE])]
        assert spans == sorted(spans)
        assert all(a_end <= b_start for (_a, a_end), (b_start, _b) in itertools.pairwise(spans))


def test_a_name_that_is_a_word_heading_a_turn_with_where_they_are():
    text = "Facilitator: Yes, hi Sandy, go ahead.\nSandy (Dunoon): Just to say, it's the same here."
    assert people_in(text, []).count("Sandy") == 2
    budget = detect("Bill (gas): £84\nTotal (all): £120")
    assert not any("with where they are" in d.reason for d in budget)


@pytest.mark.parametrize(("text", "name"), [
    ("Hi rudolf,\n\nLovely to meet you", "rudolf"), ("thanks kezza!", "kezza"),
    ("Hi stacey, the van is back", "stacey"),
])  # fmt: skip
def test_a_name_greeted_or_thanked_in_small_letters(text, name):
    assert people_in(text, []) == [name]


@pytest.mark.parametrize("text", ["Hi all, see you", "cheers mate, ta", "hi there, thanks love",
                                  "thanks again!", "Hi team,"])  # fmt: skip
def test_greetings_to_nobody(text):
    assert people_in(text, []) == []


@pytest.mark.parametrize(("text", "kind", "value"), [
    ("Postcode: FKl 75J", "postcode", "FKl 75J"), ("Postcode: FK8 lQT", "postcode", "FK8 lQT"),
    ("CHl No: l2O5S4 3381", "nhs_number", "l2O5S4 3381"),
    ("CHI 886 5S9 412S", "nhs_number", "886 5S9 412S"),
    ("Phone: 07700-900-17S", "phone", "07700-900-17S"),
    ("car reg SV66 0LK - the roofers", "vehicle_reg", "SV66 0LK"),
])  # fmt: skip
def test_a_scanned_form_with_s_for_5_and_l_for_1(text, kind, value):
    assert (kind, value) in found(text, [])


def test_decades_in_capitals_are_no_misread_number():
    assert found("THE 1980S WERE HARD, THE 1990S TOO", []) == []


def test_a_name_shown_in_a_mail_header_and_a_chat_senders_name_of_two_words():
    assert "Jean Mailer" in people_in("From: Jean Mailer <jean47@example.com>\nSubject: x", [])
    assert "Jean Mailer" in people_in("[12/03/2026, 19:45] Jean Mailer: ill bring the tablet", [])
    for body in ("From: PHS Data Requests <phs.data@example.org>",
                 "From: SCVO Training <training@scvo.example>", "Radio Lab: see you"):
        assert people_in(body, []) == []


def test_a_name_again_in_its_shops_name_is_the_shop():
    text = "From: Sanaullah Rashid <s@mail.example>\n\nRegards\nSunny\nRashid Convenience Store"
    assert people_in(text, []).count("Rashid") == 0


def test_a_minutes_roll_and_a_nickname_in_brackets():
    roll = "Present: Jean Mailer (chair), P-04, Robertson Trust\nApologies: Florin, Dr Nwosu"
    assert people_in(roll, []) == ["Jean Mailer", "Florin", "Dr Nwosu"]
    assert "Jessie" in people_in('Tues soup – Mrs Elliot ("Jessie") is there every week', [])
    assert people_in('the hall ("Jessie") is shut', []) == []


def test_counts_on_a_flipchart_and_a_registered_name_inside_a_word_in_capitals():
    chart = "FLIPCHART - WHO HELPS YOU?\nFamily (14)  Neighbours (9)  GP (6)"
    assert people_in(chart, []) == []
    hoa = KnownPerson("Nguyen Thi Hoa", ["Hoa"], pseudonym="P-11", id="p11")
    assert people_in("ZX 91 03 47 A for the form - SHRED THIS NOTE", [hoa]) == []
    assert people_in("Chance (9) and Kai (7) came", []) == ["Chance", "Kai"]


@pytest.mark.parametrize(("text", "street"), [
    ("DARIUSZ: Agata from Kerse Road? Polish Agata?", "Kerse Road"),
    ("drop the recorder round to Tomasz - Craigpark Drive, the one wi the blue door",
     "Craigpark Drive"),
])  # fmt: skip
def test_a_street_named_right_after_someone(text, street):
    assert ("address", street) in found(text, [])
    assert [k for k, _t in found("Ask Tomasz from Shettleston Road Health Centre", [])
            if k == "address"] == []


def test_an_account_written_bare_with_underscores():
    assert ("handle", "tam_lerwick") in found("#general | tam_lerwick: Euan did u get the link", [])
    assert ("handle", "skyeyrennie_x") in found("Skye's is skyeyrennie_x (ok to follow)", [])
    for text in ("photo_1.jpg is on the drive", "see https://example.org/a_b", "a_b@x.example"):
        assert [t for k, t in found(text, []) if k == "handle"] == []


def test_home_in_a_bodys_name_places_nobody():
    assert found("the Home Energy Scotland office on Paisley Road shut in 1988", []) == []
    assert ("address", "Paisley Road") in found("my home is on Paisley Road now", [])


@pytest.mark.parametrize(("text", "street"), [
    ("Start with Daisy Street 'cause that's mine", "Daisy Street"),
    ("the bookies on Tollcross Road right under my windae", "Tollcross Road"),
    ("FACILITATOR: Where do you live now, roughly?\nIVETA: Is on Calder Street, near the Baths",
     "Calder Street"),
    ("FRANK: Where are you, hen?\nWOMAN 1: Lothian Crescent. Up the top end.", "Lothian Crescent"),
    ("SPEAKER 1: Which landing?\nSPEAKER 2: Ours. Calderwood Square. The middle block.",
     "Calderwood Square"),
    ("SPEAKER 3: Aye, that's us. Carse Road, forty years.", "Carse Road"),
    ("my mum's on Dumbryden Drive and she cant get oot", "Dumbryden Drive"),
])  # fmt: skip
def test_a_street_someone_then_says_is_theirs(text, street):
    assert ("address", street) in found(text, [])


@pytest.mark.parametrize("text", [
    "the buses on Duke Street are a joke, mine was late again",
    "FACILITATOR: Where do you live now?\nSPEAKER 2: I'd rather not say. The market on Bell "
    "Street is where we meet",
    "Head Office: 12 Bath Street - that's ours, the charity's",
    "FACILITATOR: Which street is worst for the boy racers?\nSPEAKER 1: Muirhouse Crescent. "
    "Every night.",
])  # fmt: skip
def test_a_street_near_a_word_of_ones_own_that_is_not_about_it_is_left(text):
    assert [t for k, t in found(text, []) if k == "address"] == []


@pytest.mark.parametrize("text", [
    "Jimmy Dunn Centre should open Sundays",
    "the Sir John Wilson School fields being sold",
    "James Young High pupils did the mural",
    "Grace's African & Caribbean Store is the cheapest",
])  # fmt: skip
def test_a_name_that_begins_a_places_or_a_firms_longer_name_is_the_place(text):
    assert people_in(text, []) == []


def test_a_name_before_words_in_capitals_or_before_a_place_in_small_letters_is_still_a_name():
    frank = KnownPerson("Frank Boyle", ["Frank"], pseudonym="P-09", id="p9")
    assert people_in("FRANK SAYS THE STREET LIGHTS ARE STILL OUT", [frank]) == ["FRANK"]
    assert people_in("Ask Jimmy Dunn about the centre", []) == ["Jimmy Dunn"]


ROSE = KnownPerson("Rose Kilbride", ["Rose"], pseudonym="P-01", id="p1")
AGA = KnownPerson("Agnieszka Wróbel", ["Aga"], pseudonym="P-03", id="p3")
TAM = KnownPerson("Thomas Gallacher", ["Tam"], pseudonym="P-02", id="p2")


@pytest.mark.parametrize(("text", "name"), [
    ("[20/09/2025, 19:01] Aga 🇵🇱: Hi everyone, the Polish flyer is done", "Aga"),
    ("[10/10/2025, 22:16] Skye Robertson: Tam please don't post regs in here", "Tam"),
    ("still no lift. tell them its 8 month now.\nRose x\nSent from my iPhone", "Rose"),
])  # fmt: skip
def test_a_registered_name_that_is_a_word_heading_a_message_called_to_or_signing_off(text, name):
    assert name in people_in(text, [ROSE, AGA, TAM])


@pytest.mark.parametrize("text", [
    "Will you come tomorrow? Can you bring cups",
    "[12/03/2026, 10:00] P-05: the rose garden: lovely x",
    "we need a new aga x2 for the hall",
])  # fmt: skip
def test_the_same_words_as_words_are_left(text):
    will = KnownPerson("Will Brown", ["Will"], pseudonym="P-04", id="p4")
    assert people_in(text, [ROSE, AGA, TAM, will]) == []


@pytest.mark.parametrize("text", [
    "EAST KILBRIDE session - notes",
    "A82 Fort William -> A9 Perth",
    "Mid Craigie - the community flat",
])  # fmt: skip
def test_a_name_inside_a_towns_name_is_the_town(text):
    rose = KnownPerson("Rose Kilbride", ["Rose"], pseudonym="P-01", id="p1")
    assert people_in(text, [rose]) == []
    assert people_in("Rose Kilbride from East Kilbride came", [rose]) == ["Rose Kilbride"]


@pytest.mark.parametrize(("text", "name"), [
    ("TRADING STANDARDS - DOORSTEP CRIME REPORT (OCR)\nVictim: Mrs J. Rank1ne   Age: 84",
     "Mrs J. Rank1ne"),
    ("HOUSING OPTIONS - ACKNOWLEDGEMENT\nApplicant: Ms B 0kafor\nAddress: F1at 2", "Ms B 0kafor"),
    ("Library card application\nSurname: MAC AONGHAIS\nForename(s): CATRÌONA", "MAC AONGHAIS"),
    ("Child's name: Aram Ahmed age 8", "Aram Ahmed"),
])  # fmt: skip
def test_a_name_written_in_a_forms_name_field(text, name):
    assert name in people_in(text, [])


@pytest.mark.parametrize("text", [
    "ADVISER: What's on your UC account?\nCLIENT: Should be the same as last month.",
    "Referrer: North Edinburgh Arts\nName: P-06\nSigned: (signature)   Date: 02/03/2026",
    "Name: ______________\nPatient: n/a",
])  # fmt: skip
def test_a_turn_a_body_a_pseudonym_or_a_blank_in_a_name_field_is_no_name(text):
    assert people_in(text, []) == []


@pytest.mark.parametrize("text", [
    "Mowat's the butchers on Great Junction St",
    "Finlay's? The old pub at Parkhead Cross",
    "SPEAKER 2: Rumana's? The sari shop on Leith Walk",
])  # fmt: skip
def test_a_name_with_s_that_the_next_words_say_is_a_shop(text):
    assert people_in(text, []) == []


def test_a_name_with_s_then_a_trade_in_the_singular_is_the_person():
    assert people_in("Morag's the chemist at the Boots on Main St", []) == ["Morag"]


@pytest.mark.parametrize(("text", "names"), [
    ("2. Insurance - Malky to sort.\n3. Hall - Isa to book", ["Malky", "Isa"]),
    ("Decisions: BBQ (Frank), raffle (Joanne), face painting (Holly)",
     ["Frank", "Joanne", "Holly"]),
    ("Wheatley won't fix Tams window. 8 months", ["Tam"]),
    ("McGlincheys dog barks all night", ["McGlinchey"]),
])  # fmt: skip
def test_names_given_a_job_in_minutes_or_owning_without_an_apostrophe(text, names):
    assert people_in(text, []) == names


@pytest.mark.parametrize("text", [
    "the bakery on the corner (Greggs) shut", "Meeting moved (May) to the hall",
    "Our Grants Officer will attend", "Easy to sort if the council listened",
])  # fmt: skip
def test_a_brand_in_brackets_a_month_or_a_word_before_its_job_is_no_name(text):
    assert people_in(text, []) == []


def test_a_date_beside_a_member_of_a_household_and_a_chi_number_named_further_back():
    assert ("date_of_birth", "O9/O3/2O13") in found(
        "Household members: Bohdan Kovalenko (son, O9/O3/2O13)", [])
    assert ("nhs_number", "150385 4412") in found(
        "CHI is on the appointment card if the health board need it - 150385 4412", [])
    assert [k for k, _t in found("Meeting on 12/03/2026 at the school", [])] == []


@pytest.mark.parametrize(("text", "name"), [
    ("[08/02/2026, 11:13] Hope D: 😂😂 ur a star grace", "grace"),
    ("thank you grace for the soup yesterday 🙏🏾", "grace"),
    ("Subject: RE: Your repair request\n\nthank you marek. first time anyone said sorry", "marek"),
    ("skyep22 — Yesterday at 23:20\nnae sorry hope. u ok?", "hope"),
])  # fmt: skip
def test_a_name_thanked_or_praised_in_a_chat_in_small_letters(text, name):
    grace = KnownPerson("Grace Mulholland", ["Grace"], pseudonym="P-01", id="p1")
    hope = KnownPerson("Hope Donnachie", ["Hope"], pseudonym="P-05", id="p5")
    assert name in people_in(text, [grace, hope])


def test_thanks_and_praise_before_a_word_are_left():
    grace = KnownPerson("Grace Mulholland", ["Grace"], pseudonym="P-01", id="p1")
    for text in ("thanks for the grace period on the rent", "ur a star for doing that",
                 "thank you for your hope and your time"):
        assert people_in(text, [grace]) == []


def test_a_mailbox_of_a_first_name_the_dictionary_holds_as_a_proper_noun():
    assert ("email", "dionne.scullion@tradingstandards.example.gov.uk") in found(
        "From: Dionne Scullion <dionne.scullion@tradingstandards.example.gov.uk>", [])


@pytest.mark.parametrize("text", [
    "Will's birthday 12 Jan - cake?", "Robert Burns supper - 25th of Jan - the bowling club",
    "next session May 2026 at the hall",
])  # fmt: skip
def test_a_registered_name_that_is_a_month_in_a_date_is_the_month(text):
    jan = KnownPerson("Jan Gazi", ["Jan"], pseudonym="P-08", id="p8")
    may = KnownPerson("May Docherty", ["May"], pseudonym="P-09", id="p9")
    assert [t for t in people_in(text, [jan, may]) if t in ("Jan", "May")] == []
    assert "Jan" in people_in("ask Jan about the van", [jan])


@pytest.mark.parametrize("text", [
    "SIGN-IN - Larkhall radio lab\nP-01 ✓\nP-02 ✓\nP-13 (volunteer)",
    "Present: P-01, P-05, P-13.\nApologies: P-02",
    "Name: P-06\nClient: P-07   Age: 40",
    "P-02: I said that already\nP-11: aye you did",
    "[12/03/2026, 19:42] P-04: see you thurs\n~ P-05: 👍",
    "thanks P-03! and ur a star P-09",
])  # fmt: skip
def test_a_pseudonym_is_never_taken_for_a_name_wherever_it_is_written(text):
    assert people_in(text, []) == []


@pytest.mark.parametrize(("text", "kind", "value"), [
    ("It's — rose, then fitz, then sixty-two, at example dot com. All one word.", "email",
     "rose, then fitz, then sixty-two, at example dot com"),
    ("Voice 3: dundeedod, all one word, at example dot com.", "email",
     "dundeedod, all one word, at example dot com"),
    ("P-03: my email is nasreen dot akhtar seventy-four at mailbox dot example", "email",
     "nasreen dot akhtar seventy-four at mailbox dot example"),
    ("SPEAKER 1: My date of birth? Second of the second, seventy-two. Easy to remember.",
     "date_of_birth", "Second of the second, seventy-two"),
])  # fmt: skip
def test_a_mailbox_said_in_pieces_and_a_birth_date_said_as_two_ordinals(text, kind, value):
    assert (kind, value) in found(text, [])


def test_pieces_said_before_at_that_are_no_mailbox_are_left():
    assert found("we went to the shop, then home, then at six we ate", []) == []
    assert found("the second of the second half was better", []) == []


def test_a_first_name_that_is_a_place_after_a_word_of_calling_is_a_person():
    assert people_in("text Isla re minibus 07700900882", []) == ["Isla"]
    assert people_in("the boat trip to Isla and Jura was cancelled", []) == []


def test_a_name_alone_in_a_list_of_places_is_the_place():
    skye = KnownPerson("Skye Paterson", ["Skye"], pseudonym="P-11", id="p11")
    assert people_in("Iona, Mull, Skye, Arran, Islay - island trip votes", [skye]) == []
    assert people_in("Govan, Partick, Dalziel and Maryhill", []) == []
    assert "Skye" in people_in("Jean, Skye and Rose did the teas", [skye])


@pytest.mark.parametrize("dash", ["-", "–", "—"])
def test_a_name_described_after_any_dash(dash):
    assert people_in(f"SPEAKER 5: Bill {dash} my brother-in-law {dash} he's a plumber", []) == [
        "Bill"]


def test_a_name_in_small_letters_opening_a_sentence_with_a_verb_of_saying():
    assert people_in("sonny says the Sons stadium bus is a joke", []) == ["sonny"]
    assert people_in("[06/02/2026, 14:58] Will F: mark says he'll do the tombola", []) == [
        "Will F", "mark"]
    assert people_in("the council says no and the leaflet said the same", []) == []


def test_a_first_name_found_in_full_is_the_person_again_at_a_sentences_start():
    mail = "To: Mark Dunlop\nSubject: RE: late discharges\n\nMark, I've looked into the two cases."
    assert people_in(mail, []) == ["Mark Dunlop", "Mark"]
    assert people_in("Mark Dunlop came. Mark my words, he'll be back.", []) == ["Mark Dunlop"]


@pytest.mark.parametrize(("text", "name"), [
    ("For a year I sat in the house. My wife, Anne, was going off her head.", "Anne"),
    ("We got the boat back. My pal, Davie, helped.", "Davie"),
])  # fmt: skip
def test_a_pet_is_read_only_in_its_own_sentence_and_a_person_word_before_the_comma_wins(
    text, name
):  # a house or a boat a sentence earlier made "Anne" a pet's name
    assert name in people_in(text, [])


def test_a_pets_name_after_a_comma_is_still_left():
    assert people_in("My dug, Rocky, is mental.", []) == []


@pytest.mark.parametrize("text", [
    "SPEAKER 2: Our MSP came to the hall.",
    "community transport? (ask GCVS)",
    "Our AGM is on 30 April at the hall",
    "Thanks EK! Raised £340 for the foodbank",
    "I was born in the old Maryfield. It's a car park now.",
    "It's the big CalMac boats to Mull.",
])  # fmt: skip
def test_an_acronym_or_a_former_place_after_a_word_of_relation_or_size_is_nobody(text):
    assert people_in(text, []) == []


def test_a_title_before_initials_still_names_someone():
    assert "Cllr FD" in people_in("Cllr FD to ask the housing team", [])


@pytest.mark.parametrize("text", [
    "Subject: FW: FW: bus timetable changes",
    "Facilitator note: DO NOT put surnames on the board",
    "Kinnaird Head? NO — that's the Broch",
    "Apologies: Housing, TS, Facilitator",
    "Hi, it's Kirsty here from CLD, just checking",
])  # fmt: skip
def test_capital_words_and_bodies_acronyms_are_no_initials(text):
    assert [t for t in people_in(text, []) if len(t) <= 4 and t.isupper()] == []


def test_two_capital_letters_that_act_are_still_initials():
    assert "IF" in people_in("Iona Ferguson took details.\nACTION: IF to send the leaflets", [])


@pytest.mark.parametrize(("text", "brand"), [
    ("Mr Kipling cakes for the raffle", "Kipling"),
    ("Is it Mr Whippy or Mr Softee? There's two vans", "Whippy"),
    ("Uncle Ben's rice (50 packs) for the food bank", "Ben"),
    ("Captain Morgan / Jack Daniel's - no alcohol at the gala", "Morgan"),
    ("Desperate Dan is a statue in Dundee", "Dan"),
    ("Aunt Bessie's yorkshires x 40", "Bessie"),
])  # fmt: skip
def test_brands_and_characters_with_a_title_or_a_name_are_nobody(text, brand):
    assert not any(brand in t for t in people_in(text, []))


@pytest.mark.parametrize(("text", "name"), [
    ("mark from the church said he'd bring tables", "mark"),
    ("paddy from the bookies says youngsters use the machines", "paddy"),
    ("tam in the community flat is brilliant", "tam"),
])  # fmt: skip
def test_a_name_in_small_letters_opening_a_note_placed_then_acting(text, name):
    assert name in people_in(text, [])


@pytest.mark.parametrize("text", [
    "bill from the council is 300 quid",  # a word: "is" is not enough
    "march from the station was long",
])  # fmt: skip
def test_a_word_opening_a_note_placed_then_being_is_left(text):
    assert people_in(text, []) == []


@pytest.mark.parametrize(("text", "name"), [
    ("Bern adette Q uinn   Whitfield   O77OO 9OO 559", "Bern adette Q uinn"),
    ('"MY STREET" drawn by KAYD EN age 7', "KAYD EN"),
    ("Name (optional): M. Ke rrigan", "Ke rrigan"),
])  # fmt: skip
def test_a_name_a_scanner_split_in_two_is_found(text, name):
    assert any(name in t for t in people_in(text, []))


@pytest.mark.parametrize("text", ["4 Is a Boyle", "The cat sat on the mat.", "Go on then"])
def test_two_words_that_join_into_a_name_are_left_split(text):
    assert not any(" " in t and t.split()[0] in ("Is", "The", "Go") for t in people_in(text, []))


@pytest.mark.parametrize(("text", "street"), [
    ("Her English isnt great. She's at Muirhouse Green, the blue door", "Muirhouse Green"),
    ("I want to say about the flats at Pilrig Heights. Water in my ceiling", "Pilrig Heights"),
    ("my gran stays on Easter Road Parade", "Easter Road Parade"),
])  # fmt: skip
def test_streets_of_every_kind_where_someone_lives(text, street):
    assert ("address", street) in found(text, [])


def test_a_street_someone_is_looking_down_is_not_theirs():
    assert [t for k, t in found("And she's been looking down Leith Walk for the bus", [])
            if k == "address"] == []


@pytest.mark.parametrize(("text", "name"), [
    ("18/02/2026, 19:01 - Patience M: Frank you called me?", "Frank"),
    ("Senga Brogan: Tam son can you get me the radio link", "Tam"),
    ("14/02/2026, 18:31 - Joseph Santos: Angel you are an angel", "Angel"),
])  # fmt: skip
def test_a_name_called_to_as_a_chat_message_opens(text, name):
    assert name in people_in(text, [])


@pytest.mark.parametrize("text", [
    "[1/1/2026, 10:00] Sam: Will you bring chairs?",
    "[1/1/2026, 10:00] Sam: Hope you are well",
    "[1/1/2026, 10:00] Sam: Mind you are careful",
])  # fmt: skip
def test_a_word_opening_a_chat_question_or_wish_is_no_name(text):
    assert people_in(text, []) == ["Sam"]


@pytest.mark.parametrize("text", [
    "Ayesha's direct line if urgent: 01563 496 0577",
    "could somebody phone me 0l294 496 O7l2",
])  # fmt: skip
def test_a_landline_typed_in_its_groups_with_a_digit_over_is_still_a_phone(text):
    assert any(k == "phone" for k, _t in found(text, []))


def test_a_long_reference_number_is_no_phone():
    assert [t for k, t in found("Order ref 015634960218 for the urn", []) if k == "phone"] == []


@pytest.mark.parametrize(("text", "street"), [
    ("we're in the new builds off Kirk Road - no bus at all", "Kirk Road"),
    ("James. Eighty. Up in Bowhouse, the bungalows on Kenilworth Street.", "Kenilworth Street"),
    ("He's in Braehead Farm Cottage, out past Crosshouse", "Braehead Farm Cottage"),
    ("Senait doesnt want her address on anything - currently Carntyne Road", "Carntyne Road"),
])  # fmt: skip
def test_a_home_named_by_its_kind_of_dwelling(text, street):
    assert ("address", street) in found(text, [])


@pytest.mark.parametrize(("text", "handle"), [
    ("mo's snapchat mobaillie62 for the group pics", "mobaillie62"),
    ("Jadey said put her snap down - jade.k2009 - she's over 16", "jade.k2009"),
    ("my insta: tam_kilwinning", "tam_kilwinning"),
])  # fmt: skip
def test_an_account_named_after_whose_network_it_is_on(text, handle):
    assert ("handle", handle) in found(text, [])


def test_a_network_named_with_no_account_after_it_is_left():
    assert [t for k, t in found("her tiktok has loads of followers", []) if k == "handle"] == []


JADE = KnownPerson("Jade Kerr", ["Jade", "Jadey"], pseudonym="P-11", id="p11")
ROSE = KnownPerson("Rose Gallacher", ["Rose", "Rosie"], pseudonym="P-05", id="p5")
WILL = KnownPerson("Will Dunsmuir", ["Will", "Wullie"], pseudonym="P-08", id="p8")
SENAIT = KnownPerson("Senait Tesfay", ["Senait"], pseudonym="P-12", id="p12")


@pytest.mark.parametrize(("text", "name"), [
    ("[20/04/2025, 15:05] Rachel Sim: Happy Easter Senait 🐣", "Senait"),
    ("Jade on insta = @jadeykerr_x", "Jade"),
    ("add rose on fb - rosie.g", "rose"),
    ("will on discord is wullie_d", "will"),
    ("hiya kevin its rose. lisa is typing this for me", "rose"),
    ("the address is 3/R 14 Bank Street\nlove rose\nSent from my iPhone", "rose"),
])  # fmt: skip
def test_a_registered_name_that_is_a_word_wished_well_on_an_account_or_signing_off(text, name):
    assert name in people_in(text, [JADE, ROSE, WILL, SENAIT])


@pytest.mark.parametrize("text", [
    "I will on friday, promise",
    "we love rose gardens",
    "LOST - BLACK LURCHER CALLED WILL. REWARD.",
    "A rose on the table",
])  # fmt: skip
def test_a_registered_word_used_as_a_word_near_these_cues_is_left(text):
    assert people_in(text, [JADE, ROSE, WILL, SENAIT]) == []


def test_a_first_name_that_is_a_place_sending_a_chat_message_is_a_person():
    assert people_in("[14/04/2025, 20:07] Chelsea: done", []) == ["Chelsea"]


def test_a_place_heading_a_line_with_no_chat_head_is_left():
    assert people_in("Chelsea: 3\nDundee: 14", []) == []


@pytest.mark.parametrize("text", [
    "Postcode districts - KA1 (9), KA3 (7), KA12 (5), KA21 (11)",
    "FACILITATOR: So is it mostly KA21 at this table?",
    "kayla_mc — Today at 17:34\nGary has it",  # a time on the line before glues nothing
])  # fmt: skip
def test_letters_glued_to_a_number_are_a_code_not_a_name(text):
    names = people_in(text, [])
    assert "KA" not in names
    if "Gary" in text:
        assert "Gary" in names


@pytest.mark.parametrize(("text", "name"), [
    ("PC Munr0 ✓✓", "Munr"),
    ("Dear parent of Marcel Lakat0s,\nMarce1 has been absent", "Marce"),
])  # fmt: skip
def test_a_name_whose_last_letter_a_scanner_read_as_a_digit_is_still_a_name(text, name):
    assert any(name in t for t in people_in(text, []))


def test_a_plate_whose_last_letter_a_scanner_read_as_a_digit():
    assert ("vehicle_reg", "SY15 KD0") in found('"To the owner of SY15 KD0 - you are blocking', [])
    assert [t for k, t in found("Room AB12 100 is free", []) if k == "vehicle_reg"] == []


def test_a_name_that_is_a_place_taking_turns_in_a_transcript_is_a_speaker():
    text = ("JADE: It's the nursery.\nCHELSEA: And the ones that do full days are in Dreghorn.\n"
            "JADE: Exactly.\nCHELSEA: It's always the bus.")
    assert people_in(text, []).count("CHELSEA") == 2


def test_a_place_heading_lines_of_a_list_is_no_speaker():
    assert people_in("CHELSEA: 3 votes\nDUNDEE: 14 votes", []) == []


@pytest.mark.parametrize(("text", "who"), [
    ("SPEAKER 3: I'm Chelsea. I'm fae Castlepark.", ["Chelsea"]),
    ("SPEAKER 3: See the rain, it's Irvine for you.", []),
])  # fmt: skip
def test_a_place_a_person_gives_as_their_name(text, who):
    assert people_in(text, []) == who


@pytest.mark.parametrize(("text", "name"), [
    ("From: D Boyd <db54@example.com>\nSubject: eviction\nkevin\nthe lawyer says no", "kevin"),
    ("thanks for the help. see you thursday\nkevin x", "kevin"),
])  # fmt: skip
def test_a_listed_name_in_small_letters_alone_on_its_line_greets_or_signs(text, name):
    assert name in people_in(text, [])


@pytest.mark.parametrize(("text", "names"), [
    ("Summer (Jade's wee sister) does the face paint", ["Summer", "Jade"]),
    ("Tam - pal of Dessie - same thing happened", ["Tam", "Dessie"]),
    ("rota attached. Paddy Mon/Wed/Fri, Kwame Tue/Thu.", ["Paddy", "Kwame"]),
])  # fmt: skip
def test_a_name_that_is_a_word_described_as_kin_or_given_days_on_a_rota(text, names):
    assert all(n in people_in(text, []) for n in names)


@pytest.mark.parametrize("text", [
    "Summer (Tesco's own brand) lollies for the gala",
    "Easter Mon/Tue the hall is shut",
])  # fmt: skip
def test_a_word_described_as_no_person_or_before_days_is_left(text):
    # the name model may still guess at "Summer" (a weak guess, decided on review); the rules not
    assert [d.text for d in detect(text, []) if d.kind == "person" and d.confidence > 0.6] == []


@pytest.mark.parametrize(("text", "name"), [
    ("Moira and Jean from the Quarriers shop want to help", "Moira"),  # Moira: a town too
    ("Jamal's Kitchen (the food van) is NOT the Jamal who came", "Jamal"),
    ("Kurdistan flag day — Hevin & Dilan doing food", "Dilan"),
    ('and at 3:02 ("my neighbour Sandra")', "Sandra"),
    ("Happy birthday, Jordan! Eleven today", "Jordan"),
])  # fmt: skip
def test_names_a_place_a_firm_a_quoted_title_or_the_costa_rule_hid(text, name):
    assert name in people_in(text, [])


@pytest.mark.parametrize(("text", "word"), [
    ("the thread on the flip chart was the Coats & Clark one", "Clark"),
    ("Will's birthday 12 Jan - cake?", "Jan"),
    ('our "Power of Attorney" leaflet is out', "Power"),
    ("Moira and Belfast are both in Northern Ireland", "Moira"),
])  # fmt: skip
def test_a_firm_a_date_a_title_and_a_town_stay_what_they_are(text, word):
    assert word not in people_in(text, [])


HOPE_M = KnownPerson("Hope McLaughlin", ["Hope"], pseudonym="P-10", id="p10")


@pytest.mark.parametrize(("text", "people", "name"), [
    ("P-10: Hope McLaughlin.\nFACILITATOR: Sorry?\nP-10: Hope. Like hope. [laughs]", [HOPE_M],
     "Hope"),
    ("FACILITATOR: And your name?\nVOICE: Grace. Just Grace.\nFACILITATOR: Thanks, Grace",
     [], "Grace"),
    ("MORAG: Naw, Hope's my granddaughter. She's at the college. Hope - you know, like hope.",
     [], "Hope"),
])  # fmt: skip
def test_a_name_that_is_a_word_found_once_is_found_again_opening_a_short_sentence(
    text, people, name
):
    assert name in people_in(text, people)


def test_a_word_found_as_a_name_is_not_carried_to_the_word_opening_a_sentence():
    text = "Hope McLaughlin came. Hope you all had a good week."
    assert people_in(text, [HOPE_M]) == ["Hope McLaughlin"]


@pytest.mark.parametrize("text", [
    "Mira Flores (the band) playing the Harbour Arts Centre",
    "Mairi's Wedding (the song!) - for the ceilidh",
    "Victoria (the hospital) has no parking",
])  # fmt: skip
def test_a_name_said_in_brackets_to_be_a_thing_is_no_person(text):
    assert people_in(text, []) == []


def test_a_name_described_in_brackets_as_someone_is_still_a_person():
    assert people_in("Grace (the new lass) is great", []) == ["Grace"]


@pytest.mark.parametrize(("text", "name"), [
    ("Good luck with it all. Tracey-Ann", "Tracey-Ann"),
    ("Jamie-Lee brought soup for 3 weeks", "Jamie-Lee"),
    ("Rose-Marie came to the lunch club", "Rose-Marie"),
])  # fmt: skip
def test_a_double_first_name_joined_by_a_hyphen_is_a_name(text, name):
    assert name in people_in(text, [])


def test_a_hyphenated_place_is_no_double_name():
    assert people_in("the Stratford-upon-Avon trip was grand", []) == []


@pytest.mark.parametrize("name", ["Dionne", "Melissa", "Brianna", "Katy"])
def test_a_common_given_name_the_dictionary_holds_as_a_proper_noun_is_a_name(name):
    assert name in people_in(f"{name} (Trading Standards) coming on the 14th", [])


@pytest.mark.parametrize(("text", "street"), [
    ("Hevin now in Templehall Avenue (moved from the hotel in Jan)", "Templehall Avenue"),
    ("Lan's at the end of Kilncroft Lane, near the old pit", "Kilncroft Lane"),
    ("- Agnes McFarlane - up the top of Dalry Rd, the one with the ramp", "Dalry Rd"),
])  # fmt: skip
def test_a_street_where_someone_named_just_before_is(text, street):
    hevin = KnownPerson("Hevin Barzani", ["Hevin"], pseudonym="P-09", id="p9")
    assert ("address", street) in found(text, [hevin])


def test_a_shop_named_for_someone_on_a_street_places_nobody():
    assert [t for k, t in found("Chowdhury's on Portland Road - the sweet shop", [])
            if k == "address"] == []


def test_a_pitch_on_a_holiday_park_written_in_small_letters():
    text = "dessie - in the caravan at Seaview Holiday Park, pitch 41, Saltcoats - all year round"
    assert ("address", "Seaview Holiday Park, pitch 41") in found(text, [])
    assert [k for k, _t in found("the football pitch 3 at the park", [])] == []


@pytest.mark.parametrize("text", [
    "Subject: Your bin calendar\n\nGrey bin: fortnightly Thursdays\nBrown bin: suspended",
    "Expenses\nBus fares: £22.60\nTea/coffee: £14.99",
    "Kirk Road: new speed camera",
])  # fmt: skip
def test_a_thing_or_a_street_heading_a_line_is_nobody(text):
    assert people_in(text, []) == []


def test_a_name_and_surname_heading_a_turn_is_still_a_speaker():
    assert "Marie Toner" in people_in("Marie Toner: I'll take that back to the board.", [])


@pytest.mark.parametrize(("text", "thing"), [
    ("Rent will increase by £40 from 1 May.\nD. Wallace, Wallace Lettings", "Wallace Lettings"),
    ("Murray Royal – mental health – some folk drive", "Murray Royal"),
    ("Fatima Prayer group - St Paul's church", "Fatima Prayer"),
])  # fmt: skip
def test_a_firm_a_hospital_or_a_group_named_for_someone_is_no_full_name(text, thing):
    assert thing not in people_in(text, [])


@pytest.mark.parametrize("text", [
    "Tag us @eastendradiolab and @ForgeCommunity",
    "[@eastendhub] on Insta - follow us!",
    "Follow us: @leithcommunitycrops",
    "Borders Radio Lab on insta = @bordersradiolab (ours)",
    "fb page for the lunch club is facebook.com/stbarnabaslunchclub - share it",
    "linktree for the Camelon mums group: linktr.ee/camelonmums (group, not personal)",
    "CalMac status page: calmac.co.uk/service-status – not personal",
    "#announcements (Discord)\nAyrshireVoicesBot — 03/03/2025 09:00\nSession at 6",
])  # fmt: skip
def test_a_groups_or_a_bodys_account_or_page_is_nobodys(text):
    assert [t for k, t in found(text, []) if k in ("handle", "url")] == []


@pytest.mark.parametrize(("text", "value"), [
    ("[8:28] Mei-Ling: follow us on tiktok I'm @aonghas_macleid", "@aonghas_macleid"),
    ("Liam insta @gally_greenock_larder (his own one, not the larder's)", "@gally_greenock_larder"),
    ("my page is instagram.com/hopemclaughlin_radio", "instagram.com/hopemclaughlin_radio"),
    ("raycoyle61: ya beauty\nailsa_radiolab: see you all thursday", "ailsa_radiolab"),
    ("share gofundme.com/f/help-our-community-gran", "gofundme.com/f/help-our-community-gran"),
])  # fmt: skip
def test_a_persons_account_with_a_groups_word_in_it_is_still_theirs(text, value):
    assert value in [t for k, t in found(text, []) if k in ("handle", "url")]


STORM = KnownPerson("Seonaidh Ruadh", ["Storm"], pseudonym="P-14", id="p14")
HERO = KnownPerson("Hero Kurd", ["Hero"], pseudonym="P-06", id="p6")


@pytest.mark.parametrize("text", [
    "Ye ken the Met Office gies them names noo, Storm Éowyn, Storm Babet, a' that.",
    "Storm says the storm's nae as bad as the forecast.",
    "Pets: Rocky (dug), Biscuit (hamster), Hero (goldfish, RIP).",
    "MY DUG IS CALLED STORM AND HE IS A STAFFY",
])  # fmt: skip
def test_a_registered_name_that_is_a_word_used_for_a_gale_a_pet_or_the_word(text):
    assert [t for t in people_in(text, [STORM, HERO]) if t.lower() in ("storm", "hero")
            and not text.startswith(t)] == []


@pytest.mark.parametrize("text", [
    "Cox's Stack is a listed building",
    "Jenny's Well — a nature reserve in Paisley",
    "Song list for the ceilidh: Mairi's Wedding, The Dashing White Sergeant",
])  # fmt: skip
def test_a_name_owning_a_things_own_name_is_no_person(text):
    assert people_in(text, []) == []


@pytest.mark.parametrize(("text", "name"), [
    ("I met Jean's Rab at the bus stop", "Jean"),
    ("Then Mark's Dad came round", "Mark"),
])  # fmt: skip
def test_a_name_owning_a_person_is_still_a_person(text, name):
    assert name in people_in(text, [])


@pytest.mark.parametrize("text", [
    "pay by Direct Debit ... Fife Council, Fife House, North Street, Glenrothes KY7 5LT",
    "Community Planning Officer\nWest Dunbartonshire Council\n16 Church Street, Dumbarton G82 1QL",
    "Postcode for the sat nav to the Merkinch centre: IV3 8HQ",
    "Coffee morning, 10am. Excelsior Stadium, Airdrie ML6 8QZ",
])  # fmt: skip
def test_a_bodys_postcode_is_nobodys(text):
    assert [t for k, t in found(text, []) if k == "postcode"] == []


@pytest.mark.parametrize("text", [
    "Mrs Kaur, 16 Church Street, Dumbarton G82 1QL",
    "From: Glasgow City Council\nTo: Mrs Smith\n14 Bank St, Glasgow G1 1AA",
])  # fmt: skip
def test_a_persons_postcode_near_a_bodys_word_is_still_theirs(text):
    assert any(k in ("postcode", "address") and ("G82" in t or "G1 1AA" in t)
               for k, t in found(text, []))


@pytest.mark.parametrize("text", [
    "Jimmy Guthrie statue (motorbike racer, Hawick)",
    "Jimmy Perez = TV detective. Douglas Henshall plays him",
    "Loch Ness / Nessie (the monster) came up in the quiz",
    "James Young = the school, NOT a person here",
])  # fmt: skip
def test_a_name_said_to_be_a_statue_a_character_or_a_school_is_no_person(text):
    assert people_in(text, []) == [] or "Douglas Henshall" in people_in(text, [])


def test_a_person_described_by_where_they_go_is_still_a_person():
    assert people_in("Gosia + Piotr (Polish school Sat)", []) == ["Gosia", "Piotr"]


def test_a_persons_surname_with_its_s_is_not_swallowed_by_a_brand():
    assert "Jean McDonald" in people_in("I went to Jean McDonald's house on Friday", [])


@pytest.mark.parametrize(("text", "word"), [
    ("how are we meant to get to ARI for visiting??", "ARI"),
    ("Robert Tannahill was a weaver poet", "Tannahill"),
    ("William Hill & Ladbrokes on the same street", "Hill"),
    ("Radio playlist: Belle and Sebastian, Franz Ferdinand, Texas", "Sebastian"),
])  # fmt: skip
def test_a_bodys_initials_a_poet_a_bookmaker_and_a_band_are_nobody(text, word):
    assert not any(word in t for t in people_in(text, []))


def test_a_sender_with_initials_after_a_first_name_that_is_a_word():
    assert "Joy DC" in people_in("[14/01/2026, 09:16] Joy DC: See you there po 😊", [])


def test_a_first_name_that_is_a_word_taking_turns_in_a_transcript_is_a_speaker():
    text = "ROSIE: Rosie, Castlemilk.\nPAT: Pat. Castlemilk too.\nROSIE: Aye.\nPAT: And the bus."
    assert people_in(text, []).count("PAT") == 2


@pytest.mark.parametrize("text", [
    "the tribunal ordered the deposit back plus a penalty. Will\nLiving Rent | Govanhill Branch",
    "All photocopies are fine.\n\nThanks,\nMark\n",
])  # fmt: skip
def test_a_name_that_is_a_word_signing_an_email_off(text):
    assert any(t in ("Will", "Mark") for t in people_in(text, []))


def test_a_word_ending_a_line_before_a_role_word_is_not_always_a_name():
    assert people_in("We will\nsupport you.", []) == []


def test_a_name_in_general_after_every_is_nobody():
    assert "George" not in people_in("and why every George in Torry is called Dod", [])


CHI_PERSON = KnownPerson("Chi Nguyen", ["Chi"], pseudonym="P-06", id="p6")


@pytest.mark.parametrize("text", [
    "Patient: Albert Innes   CHI: 2108384172",
    "my mam's CHI num is on her blue book",
])  # fmt: skip
def test_a_registered_alias_that_is_a_forms_label_in_capitals_is_the_label(text):
    assert "CHI" not in people_in(text, [CHI_PERSON])


def test_the_registered_alias_is_still_found_as_a_name():
    assert "Chi" in people_in("I saw Chi at the closing party", [CHI_PERSON])


MAGGIE_D = KnownPerson("Maggie Duthie", ["Maggie", "Margaret", "Mags"], pseudonym="P-01", id="p1")
KINNON = KnownPerson("Catriona MacKinnon", ["Catriona"], pseudonym="P-05", id="p5")


@pytest.mark.parametrize("text", [
    "Clan MacKinnon, Clan Fraser, Clan Chattan — the tartan display",
    "sausage roll = breakfast for half the weans at St Margaret Mary's",
    "Join us every Tuesday at Maggie's Aberdeen, in the grounds of the hospital",
])  # fmt: skip
def test_a_registered_name_in_a_clans_a_saints_or_a_charitys_name_is_not_them(text):
    assert people_in(text, [MAGGIE_D, KINNON]) == []


def test_a_registered_name_owning_a_house_is_still_them():
    assert "Maggie" in people_in("I was round at Maggie's house on Friday", [MAGGIE_D])


def test_a_registered_name_that_is_a_month_heading_a_turn_in_capitals_is_them():
    jan = KnownPerson("Ján Horváth", ["Jan", "Janko"], pseudonym="P-08", id="p8")
    assert "JAN" in people_in("JAN: Me, I am Jan. In Slovak Ján.", [jan])
