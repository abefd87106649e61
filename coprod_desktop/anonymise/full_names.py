"""A first name and a surname written together: "Mark Hamilton", "Rose McGarrity".

Each word alone may say nothing a rule trusts: "Mark" and "Rose" are dictionary words,
"Hamilton" is a town, "McGarrity" is in no list. Side by side, both with capitals, a first
name the lists hold and a word that reads as a surname are a person - unless what follows
makes the pair a place or a body ("Rose Street", "Kelvin Hall", "Hope Street Surgery")."""

from __future__ import annotations

import functools
import re

from . import lexicon as lx
from .model import Detection
from .people import HALLOWED, PLACE_HEADS, QUOTES, Spans, in_a_work, loud_lines

# A capitalised word, a space, and a capitalised word (a Mc-, Mac- or O'- surname too), with
# the second word looked for at every first word so that "Mary Rose McGarrity" is read whole.
PAIR = re.compile(  # the capital first: a pattern that opens with a look-behind is slow to scan
    r"[A-Z](?<![\w'’.-][A-Z])[a-z]+[ ](?=((?:Mc|Mac|O['’]|De|Di|Le)?[A-Z][a-z]+(?:-[A-Z][a-z]+)?)"
    r"(?![\w-]|['’][a-rt-z]))"
)
# A first name and the initial of a surname: "Grace M ✓ radio", "Rose F. — wants a call back",
# "Sis. Grace A. - 12th March". Not "Can I" (an "I." is an initial), nor "Hope A lot".
INITIALLED = re.compile(r"[A-Z](?<![\w'’.-][A-Z])[a-z]+[ ]([A-Z])(?:\.(?!\w)|(?![\w'’.-]))")
SENTENCE_GOES_ON = re.compile(r"[ \t]+[a-z]")
MAC = re.compile(r"(?:Mc|Mac|O['’])[A-Z]")
NEXT_WORD = re.compile(r"[ \t]+([A-Za-z]+)")
BEFORE = re.compile(r"(?:\b(?:the|a|an|in|into|near|via|st|saint|storm|clan)\.?|[@#/])[ \t]*\Z",
                    re.IGNORECASE)  # "the Grace Kelly film", "St Mary Magdalene"; fmt: skip
REASON = "a first name and a surname written together"


def find_full_names(text: str, taken: list[tuple[int, int]]) -> list[Detection]:
    """Pairs of a listed first name and a surname-like word that no other rule has found."""
    found: list[Detection] = []
    blocked: Spans | None = None
    quoted = QUOTES.search(text) is not None
    loud: Spans | bool | None = False  # lines in capitals: read once, if a pair asks
    for m in PAIR.finditer(text):
        first, second = text[m.start() : m.end() - 1], m.group(1)
        if not _a_first_name(first.lower()) or not _a_surname(second):
            continue
        end = m.end() + len(second)
        after = NEXT_WORD.match(text, end)
        if after and after.group(1).lower() in PLACE_HEADS:
            continue  # "Rose McGarrity Hall", "Mark Hamilton Road"
        if BEFORE.search(text, max(0, m.start() - 8), m.start()):
            continue
        loud = loud_lines(text) if loud is False else loud
        if loud and loud.overlaps(m.start(), end):
            continue  # in a line of capitals, a capital says nothing
        if quoted and in_a_work(text, m.start()):
            continue  # "Shuggie Bain", a book; "Anak" by Freddie Aguilar
        if blocked is None:
            blocked = Spans(taken + [p.span() for p in lx.PROTECTED.finditer(text)])
        if blocked.overlaps(m.start(), end) or (found and found[-1].end > m.start()):
            continue
        found.append(Detection(m.start(), end, "person", text[m.start() : end], REASON, 0.7))
    return found + _initialled(text, taken, found)


def _initialled(text: str, taken: list[tuple[int, int]], pairs: list[Detection]
                ) -> list[Detection]:  # fmt: skip
    out: list[Detection] = []
    found: Spans | None = None  # what other rules and the pairs found: built if ever needed
    loud: Spans | bool | None = False
    for m in INITIALLED.finditer(text):
        first = text[m.start() : m.start(1) - 1]
        if not _a_first_name(first.lower()) or (m.group(1) == "I" and not m.group().endswith("."))\
                or (m.group(1) == "A" and SENTENCE_GOES_ON.match(text, m.end())):  # fmt: skip
            continue  # "Can I", "Will I go"; "Hope A lot"
        if BEFORE.search(text, max(0, m.start() - 8), m.start()):
            continue
        if found is None:
            found = Spans(taken + [(d.start, d.end) for d in pairs])
        if found.overlaps(m.start(), m.end()):
            continue
        loud = loud_lines(text) if loud is False else loud
        if loud and loud.overlaps(m.start(), m.end()):
            continue
        out.append(Detection(m.start(), m.end(), "person", m.group(), "a first name and an initial",
                             0.7))
    return out


@functools.lru_cache(maxsize=65536)
def _a_first_name(low: str) -> bool:
    return (low in lx.first_names() and low not in lx.NOT_NAMES and low not in lx.TITLES
            and low not in HALLOWED)  # fmt: skip


@functools.lru_cache(maxsize=65536)
def _a_surname(word: str) -> bool:
    """A word that reads as a surname: the lists hold it as one and as no everyday word, or it
    is shaped as one (McGarrity, MacInnes, O'Hare), or no list holds it at all."""
    low = word.lower()
    k = low.replace("'", "").replace("’", "").replace("-", "")
    if low in PLACE_HEADS or k in lx.common_words():
        return False
    if k in lx.surnames() or MAC.match(word):
        return True  # "Hamilton" is a town and a club too; a first name before it says who
    return (len(k) >= 4 and k not in lx.english_words() and k not in lx.places()
            and k not in lx.proper_nouns() and k not in lx.first_names()
            and k not in lx.not_people())  # fmt: skip
