"""Identifiers said aloud and written down word by word: a run of number words and single
letters ("G forty, three B T", "Q Q one two three four five six C", "S-N-one-eight, K-W-E",
"nine nine nine, three nine oh, nine nine six three", "two stroke one, forty-five Whitehill
Street") is written as it would be typed ("G40 3BT", "QQ123456C", "SN18 KWE", "999 390 9963",
"2/1 45 Whitehill Street") and checked with the written identifiers' own patterns and checks.
The span is the words as said."""

from __future__ import annotations

import re
from collections.abc import Iterator

from . import identifiers as ids
from . import lexicon, trie
from .model import Detection

UNITS = {"zero": "0", "oh": "0", "o": "0", "nought": "0", "one": "1", "two": "2", "three": "3",
         "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9"}  # fmt: skip
TEENS = {"ten": "10", "eleven": "11", "twelve": "12", "thirteen": "13", "fourteen": "14",
         "fifteen": "15", "sixteen": "16", "seventeen": "17", "eighteen": "18",
         "nineteen": "19"}  # fmt: skip
TENS = {"twenty": "2", "thirty": "3", "forty": "4", "fifty": "5", "sixty": "6", "seventy": "7",
        "eighty": "8", "ninety": "9"}  # fmt: skip
REPEATS = {"double": 2, "triple": 3, "treble": 3}
SLASH = {"stroke", "slash"}
PLUS = {"plus"}  # "plus four four, seven seven…"
HUNDREDS = {"hundred", "hunner"}
# The phonetic alphabet, as names and postcodes are spelt down a phone: "Kilo Echo Zulu".
NATO = {"alpha": "A", "alfa": "A", "bravo": "B", "charlie": "C", "delta": "D", "echo": "E",
        "foxtrot": "F", "golf": "G", "hotel": "H", "india": "I", "juliet": "J", "juliett": "J",
        "kilo": "K", "lima": "L", "mike": "M", "november": "N", "oscar": "O", "papa": "P",
        "quebec": "Q", "romeo": "R", "sierra": "S", "tango": "T", "uniform": "U", "victor": "V",
        "whiskey": "W", "whisky": "W", "x-ray": "X", "xray": "X", "yankee": "Y",
        "zulu": "Z"}  # fmt: skip
_UNIT = "|".join(u for u in UNITS if u != "o")
_NUMBER = (rf"(?:{'|'.join(TENS)})(?:[- ](?:{_UNIT}))?|{'|'.join(TEENS)}|{'|'.join(UNITS)}|"
           rf"{'|'.join(REPEATS)}|{'|'.join(HUNDREDS)}|{'|'.join(SLASH)}|plus|"
           rf"{'|'.join(sorted(NATO, key=len, reverse=True))}")  # fmt: skip
# Number words and capital letters (not the word "I") with what people put between.
_PIECE = rf"(?i:{_NUMBER}|(?-i:[A-HJ-Z]))"
RUN = re.compile(rf"(?<![\w'’]){_PIECE}(?:[\s,.-]+{_PIECE})+(?![\w'’])")
NUMBER_WORD = re.compile(  # in the lower-cased text: the cheap gate
    r"\b(?:" + trie.words([*UNITS, *TEENS, *TENS, *REPEATS, *HUNDREDS, *SLASH, *NATO]) + r")\b"
)
# A house number said in one word before its street: "forty-two Budhill Avenue".
SPOKEN_HOUSE = re.compile(
    rf"(?<![\w'’])(?i:(?:{'|'.join(TENS)})(?:[- ](?:{_UNIT}))?|{'|'.join(TEENS)}|{_UNIT})[ \t]+"
    r"((?:[A-Z][a-z'’]+[ \t]+){1,3}(?:Street|St|Road|Rd|Avenue|Ave|Drive|Lane|Crescent|Place|"
    r"Terrace|Court|Gardens|Wynd|Square|Grove|Brae|Row|View|Way|Close)\b)"
)
PIECE = re.compile(rf"(?:{'|'.join(TENS)})[- ](?:{_UNIT})\b|x-ray|[A-Za-z]+|[,.]", re.IGNORECASE)
TENS_UNIT = re.compile(rf"({'|'.join(TENS)})[- ]({_UNIT})", re.IGNORECASE)
PHONE_CUE = re.compile(r"(?:number|phone|mobile|mob|tel|call|ring|text|contact)\b[^\n]{0,20}\Z",
                       re.IGNORECASE)  # fmt: skip
NHS_CUE = re.compile(r"\b(?:nhs|chi|health)\b[^\n]{0,40}\Z", re.IGNORECASE)
NHS_NEAR = re.compile(r"\b(?:nhs|chi|prescription)\b", re.IGNORECASE)  # a turn or two before
# "born", or a question about it a few turns before: "Date of birth?\n\nFLORIN: [translates]
# \n\nWOMAN: … \n\nFLORIN: First of March, nineteen eighty-nine."
BIRTH_CUE = re.compile(r"\b(?:born|birth|birthday|d\.?o\.?b)\b[\s\S]{0,160}\Z", re.IGNORECASE)
# An account said aloud: "kobby underscore drums underscore glasgow".
SPOKEN_HANDLE = re.compile(
    r"(?<![\w])[a-z0-9]+(?:\s+(?:underscore|dot)\s+[a-z0-9]+)*\s+underscore\s+[a-z0-9]+"
    r"(?:\s+(?:underscore|dot)\s+[a-z0-9]+)*(?![\w])",
    re.IGNORECASE,
)


def written(said: str) -> str:
    """The run as typed: number words as digits, letters in capitals, "stroke" as "/", a
    comma or full stop as a space; nothing else between the pieces."""
    out: list[str] = []
    repeat = 1
    for piece in PIECE.findall(said):
        word = piece.lower()
        if word in (",", "."):
            out.append(" ")
            continue
        tens = TENS_UNIT.fullmatch(word)
        if tens:
            value = TENS[tens.group(1).lower()] + UNITS[tens.group(2).lower()]
        elif word in TENS:
            value = TENS[word] + "0"
        elif word in TEENS:
            value = TEENS[word]
        elif word in UNITS:
            value = UNITS[word]
        elif word in REPEATS:
            repeat = REPEATS[word]
            continue
        elif word in HUNDREDS:
            value = "00"
        elif word in SLASH:
            value = "/"
        elif word in PLUS:
            value = "+"
        elif word in NATO:
            value = NATO[word]
        else:
            value = piece.upper()
        out.append(value * repeat)
        repeat = 1
    return re.sub(r" +", " ", "".join(out)).strip()


def _kind(typed: str, text: str, start: int) -> tuple[str, str] | None:
    """Which identifier the typed form is, and why; None when it is none."""
    digits = re.sub(r"\D", "", typed)
    before = text[max(0, start - 80) : start]
    if typed.startswith("+") and ids.phone_valid(typed):
        return "phone", "a phone number said aloud"
    if typed.replace(" ", "").isdigit():
        if len(digits) == 10 and (NHS_CUE.search(before) or (
                digits[0] not in "07" and NHS_NEAR.search(text, max(0, start - 250), start))):
            return "nhs_number", "an NHS number said aloud"  # "read the CHI number… one seven,"
        if ids.phone_valid(digits):
            return "phone", "a phone number said aloud"
        if len(digits) == 10 and digits[0] == "7" and PHONE_CUE.search(before):
            return "phone", "a mobile number said aloud, its first 0 left out"
        if len(digits) == 10 and ids.nhs_valid(digits):
            return "nhs_number", "an NHS number said aloud"
        parts = typed.split()
        if (len(parts) == 3 and 1 <= int(parts[0]) <= 31 and 1 <= int(parts[1]) <= 12
                and len(parts[2]) in (2, 4)
                and BIRTH_CUE.search(text, max(0, start - 170), start)):  # fmt: skip
            return "date_of_birth", "a birth date said aloud"
        return None
    bare = typed.replace(" ", "")
    if ids.NI.fullmatch(bare) and bare[:2].upper() not in ids.NI_BAD_PREFIXES:
        return "ni_number", "a National Insurance number said aloud"
    post = ids.POSTCODE.fullmatch(typed) or ids.POSTCODE.fullmatch(bare)
    if post and ids.AREA.match(post.group(1)).group().upper() in ids.POSTCODE_AREAS:
        return "postcode", "a postcode said aloud"
    if ids.REG_CURRENT.fullmatch(bare):
        return "vehicle_reg", "a number plate said aloud"
    return None


def _spelt_with_nato(said: str, typed: str) -> bool:
    """Three or more words of the phonetic alphabet and nothing else, spelling a word no
    dictionary holds or a listed name: "Kilo Echo Zulu Zulu Alpha"."""
    words = [w.lower() for w in PIECE.findall(said) if w not in (",", ".")]
    word = typed.replace(" ", "").lower()
    return (len(words) >= 3 and all(w in NATO for w in words)
            and (word in lexicon.first_names() or word in lexicon.surnames()
                 or word not in lexicon.english_words()))  # fmt: skip


SENTENCE_GAP = re.compile(r"(?<=[.!?])\s+")


def _runs(text: str) -> Iterator[re.Match]:
    """Runs of number words; a run over a sentence's end is read as its sentences too ("since
    nineteen eighty. oh one four one, four nine six, …"), a whole first."""
    for m in RUN.finditer(text):
        yield m
        if SENTENCE_GAP.search(m.group()):
            start = m.start()
            for gap in SENTENCE_GAP.finditer(text, m.start(), m.end()):
                if (piece := RUN.fullmatch(text, start, gap.start() - 1)) is not None:
                    yield piece
                start = gap.end()
            if (piece := RUN.fullmatch(text, start, m.end())) is not None:
                yield piece


def find(text: str, low: str) -> Iterator[Detection]:
    for m in SPOKEN_HANDLE.finditer(text) if "underscore" in low else ():
        yield Detection(m.start(), m.end(), "handle", m.group(), "an account said aloud", 0.85)
    said = NUMBER_WORD.findall(low)
    if not said:
        return  # most texts: no number word at all
    for m in SPOKEN_HOUSE.finditer(text) if "ty" in low or "teen" in low else ():
        yield Detection(m.start(), m.end(), "address", m.group(),
                        "a house number said aloud, and its street", 0.8)  # fmt: skip
    if len(said) < 2:
        return
    for m in _runs(text):
        typed = written(m.group())
        if len(typed.replace(" ", "")) < 4:
            continue
        kind = _kind(typed, text, m.start())
        if kind:
            yield Detection(m.start(), m.end(), kind[0], m.group(), kind[1], 0.88)
            continue
        if _spelt_with_nato(m.group(), typed):
            yield Detection(m.start(), m.end(), "person", m.group(),
                            "a name spelt with the phonetic alphabet", 0.85)  # fmt: skip
            continue
        # "two stroke one, forty-five Whitehill Street": the run, then the street as written
        if re.fullmatch(r"\d+(?:/\d+)?(?: \d+)?", typed):
            street = ids.ADDRESS.match(typed.split()[-1] + text[m.end() : m.end() + 60])
            if street:
                end = m.end() + street.end() - len(typed.split()[-1])
                yield Detection(m.start(), end, "address", text[m.start() : end],
                                "a house number said aloud, and its street", 0.85)  # fmt: skip
