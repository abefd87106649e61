"""Registered participants however their name is typed: in full, by a first name or an alias
(asked about as "is this P-02?"), misread by a scanner, split by a stray space, or in capitals -
and not where the word is used as a word, a pet's name, a gale's or a label."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from . import lexicon as lx
from . import trie
from .model import Detection, KnownPerson
from .people import (
    AT_A_PLACE,
    HALLOWED,
    PARTICLES,
    Spans,
    _name_like_context,
    _owns,
    _reads_as_subject,
    _used_as_a_name,
    _with_title,
    _words,
    _words_before,
    a_pet,
    at_sentence_start,
    loud_lines,
)

# What a scanned paper note makes of a letter ("MAGG1E", "T0MEK", "F1orin", "Kezza5"):
# registered names are matched through these, and looked up by ocr_key().
_MISREAD = {"o": "[o0]", "i": "[i1l|]", "l": "[l1i|]", "s": "[s5]"}
_OCR_KEY = str.maketrans({"0": "o", "1": "i", "l": "i", "|": "i", "5": "s"})
_GAP = r"[\s-]+"  # between the words of a name: spaces or hyphens
_SPLIT = "[ ]?"  # a scanner's stray space inside a longer name: "Em eka", "Wisniewsk i"
SPLIT_FROM = 5  # letters a name needs before a stray space inside it is read as the name


def ocr_key(word: str) -> str:
    """A name's key with the letters a scanner confuses made one: "magg1e" and "maggie"."""
    return lx.key(word).translate(_OCR_KEY)


def _form_atoms(form: str) -> tuple[str, ...]:
    """The steps of a pattern for one form of a name, in folded text: each letter as typed
    or misread; an apostrophe after a word's first letter may be there or not ("ONeill",
    "O'Neill"); words are joined by spaces or hyphens; inside a long word a stray space."""
    words = [w for w in re.split(r"[\s-]+", lx.fold(form).replace("'", "")) if w]
    long = len(lx.key(form)) >= SPLIT_FROM
    atoms: list[str] = []
    for n, word in enumerate(words):
        if n:
            atoms.append(_GAP)
        for i, char in enumerate(word):
            if i == 1:
                atoms.append("'?")
            elif i > 1 and long:
                atoms.append(_SPLIT)
            atoms.append(_MISREAD.get(char, re.escape(char)))
    return tuple(atoms)


class KnownMatcher:
    """One regular expression for every form of every registered person."""

    def __init__(self, people: Sequence[KnownPerson]):
        self.by_key: dict[str, tuple[KnownPerson, str]] = {}
        self.by_misread: dict[str, str] = {}  # ocr_key -> key, for "MAGG1E"
        self.one_word: set[str] = set()  # keys of forms typed as one word: "Maggie", not "Big Pat"
        for person in people:
            parts = [p for p in re.split(r"\s+", person.name.strip())
                     if len(lx.key(p)) >= 2 and lx.key(p) not in PARTICLES]  # fmt: skip
            forms = [(person.name, "full name")]
            if len(parts) > 1:
                forms += [(parts[0], "first name"), (parts[-1], "surname")]
                forms += [(p, "name") for p in parts[1:-1]]
            forms += [(a, "alias") for a in person.aliases]
            for form, what in forms:
                k = lx.key(form)
                if len(k) >= 2 and k not in self.by_key:
                    self.by_key[k] = (person, what)
                    self.by_misread.setdefault(ocr_key(form), k)
                    if not re.search(r"[\s-]", form.strip()):
                        self.one_word.add(k)
        patterns = {_form_atoms(f) for p in people
                    for f in [p.name, *re.split(r"\s+", p.name.strip()), *p.aliases]
                    if len(lx.key(f)) >= 2 and lx.key(f) not in PARTICLES} - {()}  # fmt: skip
        self.regex = (
            re.compile(r"(?<![\w'])(?:" + trie.alternation(sorted(patterns)) + r")(?=s?(?![\w]))")
            if patterns else None
        )  # fmt: skip

    def find(self, text: str, folded: str) -> Iterable[Detection]:
        if self.regex is None:
            return
        loud: Spans | bool | None = False  # not read yet; None once read: no line in capitals
        for m in self.regex.finditer(folded):
            if _not_a_name_here(text, folded, m):
                continue
            k = lx.key(m.group())
            if k not in self.by_key:  # misread by a scanner, or split by a stray space
                k = self.by_misread.get(k.translate(_OCR_KEY), "")
            hit = self.by_key.get(k)
            if hit is None:
                continue
            person, what = hit
            original = text[m.start() : m.end()]
            if original.isupper() and len(original) > 1:  # "FRANK AND HONEST ANSWERS"
                loud = loud_lines(text) if loud is False else loud  # once a text, if ever
                if loud and loud.overlaps(m.start(), m.end()):
                    original = original.lower()  # in a line of capitals, a capital says nothing
            if (k in lx.common_words() or k in lx.english_words()) and not (
                (original[:1].isupper() and (not at_sentence_start(text, m.start())
                                             or _reads_as_subject(folded, m.end())))
                or (k not in lx.common_words() and _reads_as_subject(folded, m.end()))
                or _name_like_context(text, folded, m.start(), m.end(), original)
                or _used_as_a_name(text, folded, m.start(), m.end(), original)
            ):  # fmt: skip
                continue  # "the bill", "Will you…": a registered Bill only when it reads as one
            start = _with_title(text, folded, m.start())
            lone = start == m.start() and what in ("first name", "alias") and k in self.one_word
            before = _words_before(folded, m.start(), 1) if lone and k in lx.places() else []
            if before and before[0] in AT_A_PLACE:
                continue  # "off to Iona", "on Skye", "the Iona Community": the place
            if lone and k in lx.MONTHS_SHORT and (
                    DAY_BEFORE.search(folded, max(0, m.start() - 8), m.start())
                    or YEAR_AFTER.match(folded, m.end())):  # fmt: skip
                continue  # "12 Jan", "May 2026": a registered Jan or May is not a date
            if lone and (k in lx.common_words() or k in lx.english_words()) and (
                    _not_them_here(text, folded, m.start(), m.end(), k)):  # fmt: skip
                continue  # "my dug's called Storm", "Storm Éowyn", "the storm's nae as bad"
            if what != "name" and SAINT_OR_CLAN_BEFORE.search(folded, max(0, m.start() - 8),
                                                              m.start()):  # fmt: skip
                continue  # "Clan MacKinnon", "St Margaret Mary's": a clan's or a saint's
            if (lone and original.isupper() and (k in lx.not_people() or k in lx.NOT_NAMES)
                    and A_NUMBER_AFTER.match(text, m.end())):  # not the speaker "JAN:"; fmt: skip
                continue  # "CHI: 2108384l72", "my mam's CHI num": a label, not a registered Chi
            yield Detection(start, m.end(), "person", text[start : m.end()],
                            f"is this {person.pseudonym or 'the participant'}? (their {what}; "
                            "someone else may share it)" if lone else
                            f"registered participant ({what})", 0.75 if lone else 0.99,
                            person)  # fmt: skip


def _not_them_here(text: str, folded: str, start: int, end: int, k: str) -> bool:
    """A registered first name or alias that is a word, used here as the word or for something
    else: a pet ("my dug's called Storm", "Hero (goldfish)"), a gale's or a saint's prefix
    ("Storm Éowyn"), or a noun after an article in small letters ("the storm's nae as bad")."""
    words = _words_before(folded, start, 2)
    prev, prev2 = (words[-1] if words else ""), (words[-2] if len(words) > 1 else "")
    if a_pet(folded, start, end, prev, prev2):
        return True
    if k in HALLOWED and CAPITAL_WORD_AFTER.match(text, end):
        return True
    return text[start].islower() and prev in ("the", "a", "an", "this", "that", "every")


CAPITAL_WORD_AFTER = re.compile(r"[ \t]+[A-ZÀ-Ý][a-zà-ÿ]")
A_NUMBER_AFTER = re.compile(r"[ \t]*(?:[:#.]|no\b\.?)?[ \t]*(?:\d|num|number\b)", re.IGNORECASE)
SAINT_OR_CLAN_BEFORE = re.compile(r"(?<![\w'’])(?:st\.?|saint|clan)[ \t]+\Z")


def _not_a_name_here(text: str, folded: str, m: re.Match) -> bool:
    """A registered name matched where it is not one: more digits than letters, as a scanner
    never makes of a name ("10" is no misread "Io"), or with an "s" after it that makes a word
    where no capital says a name ("Thi" in "this" or "This week", not "Jades wee boy")."""
    found = m.group()
    digits = sum(c.isdigit() for c in found)
    if digits and digits >= len(found) - digits:
        return True
    end = m.end()
    return (folded[end : end + 1] == "s" and lx.key(folded[m.start() : end + 1]) in _words()
            and (text[m.start()].islower() or at_sentence_start(text, m.start())
                 or text[m.start() : end + 1].isupper())  # "SHRED THIS NOTE"
            and not (text[m.start()].isupper() and _owns(folded, end + 1)))  # fmt: skip


DAY_BEFORE = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?(?: of)?[ \t]+\Z")
YEAR_AFTER = re.compile(r"\.?[ \t]+(?:\d{1,2}(?:st|nd|rd|th)?\b|(?:19|20)\d\d\b|'\d\d\b)")
