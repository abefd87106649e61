"""Personal data said aloud, as radio-lab transcripts write it down: identifiers word by word
("oh seven seven double oh, nine double oh, three one five": see said.py), birth dates in words
("fourteenth of May, nineteen eighty-six") and e-mail addresses ("nasreen dot akhtar at
mailbox dot example")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from . import said, trie
from .model import Detection

ORDINALS = (
    "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    "thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|"
    "twenty[- ](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|thirtieth|"
    "thirty[- ]first"
)
MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
MONTH_GATE = re.compile(trie.words(MONTHS.split("|")))  # in the lower-cased text: cheaper
NTH_OF_THE_NTH = re.compile(r"(?:st|nd|rd|th) of the [a-z -]{0,8}?(?:first|second|third|th)\b")
TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
UNITS = "one|two|three|four|five|six|seven|eight|nine"
YEAR = (rf"(?:nineteen|twenty|two thousand(?: and)?)?[\s-]*(?:(?:{TENS})(?:[\s-]+(?:{UNITS}))?|"
        rf"ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|"
        rf"(?:{UNITS}))")  # fmt: skip
SPOKEN_DATE = re.compile(
    rf"(?<!\w)(?:(?:the\s+)?(?:{ORDINALS})(?:\s+of)?\s+(?:{MONTHS})(?:,?\s+{YEAR})?"
    rf"|(?:{MONTHS})\s+the\s+(?:{ORDINALS})(?:,?\s+{YEAR})?"
    rf"|{YEAR},?\s+the\s+(?:{ORDINALS})\s+of\s+(?:{MONTHS})"
    rf"|(?:the\s+)?(?:{ORDINALS})\s+of\s+the\s+(?:{ORDINALS}),?\s+{YEAR})(?!\w)",  # "second of
    # the second, seventy-two"
    re.IGNORECASE,
)
# A mailbox said in pieces, with what people put between them: "rose, then fitz, then
# sixty-two, at example dot com", "dundeedod, all one word, at example dot com".
SPOKEN_EMAIL = re.compile(
    r"(?<!\w)([a-z0-9][a-z0-9-]*(?:(?:\s+(?:dot|underscore|dash)\s+|,?\s+then\s+)[a-z0-9-]+)*"
    rf"(?:\s+(?:(?:{TENS})(?:[- ](?:{UNITS}))?|{UNITS}|oh|double \w+))*)"  # "akhtar seventy-four"
    r"(?:,?\s+all one word)?,?\s+at\s+"
    r"([a-z0-9-]+(?:\s+[a-z0-9-]+)?)\s+dot\s+(?:com|co|org|net|uk|scot|info|example|me)"
    r"(?:\s+dot\s+(?:uk|com|scot))?(?!\w)",
    re.IGNORECASE,
)


def find(text: str) -> Iterator[Detection]:
    low = text.lower()
    yield from said.find(text, low)  # phone, NHS and NI numbers, postcodes, plates, flats
    if MONTH_GATE.search(low) or NTH_OF_THE_NTH.search(low):
        for m in SPOKEN_DATE.finditer(text):
            if said.BIRTH_CUE.search(text, max(0, m.start() - 170), m.start()):
                yield Detection(m.start(), m.end(), "date_of_birth", m.group(),
                                "a birth date said aloud", 0.9)  # fmt: skip
    if " dot " in low and " at " in low:
        for m in SPOKEN_EMAIL.finditer(text):
            yield Detection(m.start(), m.end(), "email", m.group(), "an e-mail address said aloud",
                            0.85)  # fmt: skip
