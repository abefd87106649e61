"""Names written as letters: spelt out letter by letter ("L-A-C-A-T-U-S"), split in two by a
scanner ("Fr ank"), initials standing
for someone in minutes ("JM to circulate") or signing a message ("– K"), and a surname written
before a first name in a list ("Rae, Liam")."""

from __future__ import annotations

import re

from . import lexicon as lx
from .known_words import known_word
from .model import Detection
from .people import at_sentence_start
from .registered import KnownMatcher

# A name spelt out letter by letter: "L-A-C-A-T-U-S", "T-A-M", "R A M I  H A D D A D",
# "S, T, O, I, C, A", "F – L – O – R – I – C – A", "G-A-double L-A-G-H-E-R".
_LETTER = r"(?:[Dd]ouble[ -])?[A-Za-z]"
_BETWEEN = r"(?:[ ]?[-–,][ ]?| {1,2})"
SPELT = re.compile(rf"(?<![\w-]){_LETTER}(?:{_BETWEEN}{_LETTER}){{2,}}(?![\w-])")
SPELT_GATE = re.compile(r"[ ,–-][A-Za-z][ ,–-]")  # a letter alone between two separators


def _spelt_words(spelt: str) -> list[str]:
    doubled = re.sub(r"[Dd]ouble[ -]([A-Za-z])", r"\1\1", spelt)
    return [re.sub(r"[^A-Za-z]", "", w) for w in re.split(r" {2,}", doubled)]


def find_spelt(text: str, known: KnownMatcher | None) -> list[Detection]:
    """A name the lists or the registered people hold, or a longer word no dictionary holds
    (spelling a word out is what people do with their names)."""
    found = []
    for m in SPELT.finditer(text) if SPELT_GATE.search(text) else ():
        keys = [lx.key(w) for w in _spelt_words(m.group())]
        if any((known and k in known.by_key) or k in lx.first_names() or k in lx.surnames()
               or (len(k) >= 5 and not known_word(k) and any(v in k for v in "aeiouy"))
               for k in keys if len(k) >= 3):  # fmt: skip
            found.append(Detection(m.start(), m.end(), "person", m.group(),
                                   "a name spelt out letter by letter", 0.85))  # fmt: skip
    return found


# A name a scanner split in two: "Fr ank", "Sk ye", "Bern adette Q uinn", "KAYD EN", "Ke rrigan".
SPLIT = re.compile(r"(?<![\w'’-])(?:([A-Z][a-z]*) ([a-z]{2,})|([A-Z]+) ([A-Z]{2,}))(?![\w'’-])")


def find_split(text: str) -> list[Detection]:
    """Two pieces that are a listed name together though neither piece, or only one, is a word:
    not "Is a" (both words), not "The cat" (no name)."""
    found = []
    first, sur, common = lx.first_names(), lx.surnames(), lx.common_words()
    for m in SPLIT.finditer(text):
        head, tail = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        joined = lx.key(head + tail)
        if (len(joined) >= 4 and (joined in first or joined in sur) and joined not in common
                and not (known_word(lx.key(head)) and known_word(lx.key(tail)))):  # fmt: skip
            found.append(Detection(m.start(), m.end(), "person", m.group(),
                                   "a name split in two, as a scanner reads it", 0.7))  # fmt: skip
    return found


# Initials standing for someone in minutes and action logs: "ACTION: JM to circulate", "KD
# summarised", "#2 MK – DWP letters", "Facilitators: JM, KD", "(AMQ)".
INITIALS_HERE = re.compile(r"(?<![\w.&/-])(?:[A-Z]{2,3}|[A-Z]\.[A-Z]\.(?:[A-Z]\.)?)(?![\w&/-])")
INITIALS_ACT = re.compile(
    r"\s+(?:to|will|has|had|and|said|says|agreed|welcomed|summarised|summarized|noted|reported|"
    r"asked|explained|presented|thanked|confirmed|offered|raised|gave|shared|led|chaired|"
    r"opened|closed|closes|updated|spoke|told|went|met|rang|sent|wrote|took|brought|made|got|"
    r"came|is|was|can|could|would|should|did|does|needs|wants|knows|saw|heard|left|kept|"
    r"found|[a-z]+ed)\b"
)
# An action item: "KD – draft consent form by 18 March", "• JH: confirm the library slot".
INITIALS_ITEM = re.compile(r"[ \t]*[-–—:][ \t]+[a-z]")
BY_INITIALS = re.compile(r"\b(?:by|cc|per)[ \t]+\Z")  # "Registered by KD."
INITIALS_LINE = re.compile(
    r"(?:^|\n)[ \t]*(?:ACTION|Action|#\d+|Facilitators?|Present|Attendees|Attending|Apologies|"
    r"Apols|In attendance|Chair|Owner|Lead|Minutes|Notes|Signed|Initials)\b[^\n]*\Z"
)
ACRONYMS = frozenset(("gp", "uk", "eu", "hr", "it", "asb", "pvg", "simd", "girfec", "hmo", "tbc",
                      "aob", "aocb", "fyi", "asap", "nb", "ps", "cc", "ok", "tv", "bbc", "stv",
                      "spt", "ggc", "sg", "sqa", "uc", "esa", "pip", "jsa", "cpn", "id", "pin",
                      "sms", "dm", "am", "pm", "ceo", "msp", "mp", "mep", "mbe", "obe", "rip",
                      "lol", "omg", "pc", "dc", "ds", "hscp", "cab", "nhs", "dwp", "chi", "ni",
                      "dob", "ref", "tel", "mob", "qr", "url", "pdf", "faq", "hq", "ta", "hmrc",
                      "dvla", "rsl", "ha", "lha", "ctr", "ctrs", "sw", "swd", "ss", "ssa", "sss",
                      "ocr", "mc", "dj", "q", "qa", "na", "ma", "ba", "bsc", "phd", "eal",
                      "esol", "ict", "pe", "re", "ae", "ts", "cld", "cvs", "gcvs", "nmc", "dht",
                      "aob", "agm", "egm", "fw", "fwd", "ok"))  # fmt: skip
# Two-letter words written in capitals ("DO NOT", "NO — that's the Broch"): initials only where
# they act ("ACTION: IF to send the leaflets").
CAPITAL_WORDS = frozenset(("no", "do", "so", "go", "up", "us", "we", "me", "he", "be", "my", "on",
                           "in", "at", "to", "of", "or", "if", "is", "an", "as", "by"))


# Initials signing a message: alone on its last line, or after its last sentence ("…yet. K"),
# or greeted ("Hi J,"): "K.", "R.H.", "– K".
SIGNED = re.compile(r"(?:^|\n|[.!?,] |\s[-–—~] ?)([A-Z](?:\.?[A-Z]){0,2}\.?)[\"”']?[ \t]*"
                    r"(?=$|\n\s*(?:\n|--|>|On [A-Z][a-z]{2}|From:|Sent:))")  # fmt: skip
GREETED = re.compile(r"\b(?:Hi|Hiya|Hello|Dear|Thanks|Cheers|Ta|Morning),? ([B-HJ-Z]\.?)(?=[,!])")
DOTTED = re.compile(r"(?<![\w.])[A-Z]\.[A-Z]\.(?:[A-Z]\.)?(?![\w.])")


def _signed(text: str) -> list[Detection]:
    out = []
    for pattern in (SIGNED, GREETED):
        for m in pattern.finditer(text):
            key = m.group(1).replace(".", "").lower()
            if key not in ("i", "a") and key not in ACRONYMS:
                out.append(Detection(m.start(1), m.end(1), "person", m.group(1),
                                     "initials signing or greeting a message", 0.7))  # fmt: skip
    return out


def find_initials(text: str) -> list[Detection]:
    found = _signed(text)
    for m in DOTTED.finditer(text):  # "K.D. and J.M.": written as initials are
        if m.group().replace(".", "").lower() not in ACRONYMS:
            found.append(Detection(m.start(), m.end(), "person", m.group(),
                                   "initials written with full stops", 0.65))  # fmt: skip
    for m in INITIALS_HERE.finditer(text):
        key = m.group().replace(".", "").lower()
        if key in ACRONYMS or key in lx.not_people():
            continue
        line = INITIALS_LINE.search(text, max(0, m.start() - 60), m.start())
        acts = INITIALS_ACT.match(text, m.end())
        if key in CAPITAL_WORDS and not acts:
            continue
        if len(key) > 2 and key in lx.english_words() and not (line and acts):
            continue  # two letters are initials more often than a dictionary's "mk", "jm"
        opens = at_sentence_start(text, m.start())
        listed = LIST_GAP.match(text, m.end()) or text[m.end() : m.end() + 1] == "."
        if (acts and (line or opens)) or (line and listed) \
                or (opens and INITIALS_ITEM.match(text, m.end()) and "\n" in text) \
                or (listed and BY_INITIALS.search(text, max(0, m.start() - 8), m.start())):
            found.append(Detection(m.start(), m.end(), "person", m.group(),
                                   "initials standing for someone", 0.7))  # fmt: skip
    for m in SURNAME_FIRST.finditer(text):
        if (lx.key(m.group(1)) in lx.surnames() and lx.key(m.group(2)) in lx.first_names()
                and lx.key(m.group(2)) not in lx.common_words()):  # fmt: skip
            found.append(Detection(m.start(), m.end(), "person", m.group(),
                                   "a name written surname first", 0.8))  # fmt: skip
    return found


LIST_GAP = re.compile(r"\s*(?:[,;+)]|\s[-–—]\s|\s(?:and|&)\s|$|\n|\s[A-Z]{2,3}\b)")
SURNAME_FIRST = re.compile(r"(?<![\w,])([A-Z][a-z'’-]+), ([A-Z][a-z'’-]+)(?![\w])")
