"""Is this a word the lists know, as typed or as a scanner misread it? The questions the
people finders ask of a word: a dictionary word, a place, a thing, a name in the lists, or
none of these (a name nobody listed)."""

from __future__ import annotations

import functools

from . import lexicon as lx


def in_the_lists(word: str) -> bool:
    return word in lx.first_names() or word in lx.surnames()


@functools.lru_cache(maxsize=65536)
def known_word(word: str) -> bool:
    """A word of the dictionary, a proper noun of any kind (the dictionary's hold first names
    too: "Marie", "Linda"), or a place - as typed or as a scanner would have misread it
    ("Narne", "Hospita1", "INFlRMARY"). A capitalised word that is none of these may be a
    name nobody listed."""
    return compound(word) or any(w in lx.english_words() or w in lx.proper_nouns()
                                  or w in lx.places() for w in repaired(word))  # fmt: skip


def compound(word: str) -> bool:
    """Two words of four letters or more written as one: "flipchart", "postit"."""
    english = lx.english_words()
    word = word.replace("-", "")
    return len(word) >= 8 and any(word[:i] in english and word[i:] in english
                                  for i in range(4, len(word) - 3))  # fmt: skip


@functools.lru_cache(maxsize=65536)
def a_word(word: str) -> bool:
    """A word of the dictionary, a place, or a thing of not_people.txt, as typed or misread:
    not a surname after a first name ("Radio Lab", "Shettleston Road"), nor a name after
    "Dear" or "my" ("Dear Resident", "my maw / Celtic")."""
    return compound(word) or any(w in lx.english_words() or w in lx.not_people()
                                  or w in lx.places() for w in repaired(word))  # fmt: skip


_SCANNED = (("rn", "m"), ("l", "i"), ("i", "l"), ("1", "l"), ("1", "i"), ("0", "o"), ("vv", "w"),
            ("cl", "d"), ("ii", "u"))  # fmt: skip


def repaired(word: str) -> list[str]:
    """The word, and what a scanner may have made of it: one confusion undone, or its last
    letter lost ("hospita")."""
    out = [word, *undone(word)]
    if len(word) >= 4:
        out += [word + c for c in "lsehtdny"]
    return out


def undone(word: str) -> list[str]:
    """The word with a scanner's confusion undone, everywhere and one at a time: "narne" ->
    "name", "UPLlFT" -> "upllft" -> "uplift"."""
    out = []
    for wrong, right in _SCANNED:
        if wrong in word:
            out.append(word.replace(wrong, right))
            at = word.find(wrong)
            while at != -1 and len(out) < 23:
                out.append(word[:at] + right + word[at + len(wrong) :])
                at = word.find(wrong, at + 1)
    return out


def misread_word(word: str) -> bool:
    """A word no dictionary holds as typed that is one a scanner misread: "narne" (name),
    "hospita1" - a confusion undone, not a letter added."""
    english = lx.english_words()
    return word not in english and any(w in english for w in undone(word))


@functools.lru_cache(maxsize=65536)
def name_like(word: str) -> bool:
    """A word that names someone at the head of a message: "Eastend Radio Lab:" is a body,
    "Hope McLaughlin:", "Grace O:", "Kezza:" are people."""
    if len(word) < 2 or (word in lx.common_words() and word not in lx.first_names()):
        return False
    if word in lx.first_names() or word in lx.surnames():
        return True
    return word.isalpha() and not a_word(word)
