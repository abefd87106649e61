"""Pronunciations for the speech engine: ARPAbet phones (the phone set of pocketsphinx's English
model) for every word of a transcript, names above all.

A word in the shipped pronouncing dictionary (cmudict) keeps its entries. Any other word gets one
derived from its spelling by espeak-ng (all such words in one call, its phoneme mnemonics mapped
to ARPAbet), or, where espeak-ng is not installed, by a plain letter-to-sound rule set, so that a
name can always be aligned. Numbers are spelled out (0–999 999, and years such as 1987)."""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
from collections.abc import Iterable, Sequence
from pathlib import Path

import pocketsphinx

ARPABET = ("AA AE AH AO AW AY B CH D DH EH ER EY F G HH IH IY JH K L M N NG OW OY P R S SH T TH "
           "UH UW V W Y Z ZH")
PHONES = frozenset(ARPABET.split())
ESPEAK = "espeak-ng"

# espeak-ng's English phoneme mnemonics (as printed by -x) -> ARPAbet; stress marks are dropped
# before lookup. A mnemonic may stand for more than one phone ("A@" is the vowel and its r).
ESPEAK_TO_ARPABET: dict[str, tuple[str, ...]] = {
    # vowels
    "a": ("AE",), "a#": ("AE",), "aa": ("AE",), "a2": ("AH",), "A:": ("AA",), "A": ("AA",),
    "A#": ("AA",), "A@": ("AA", "R"), "A@r": ("AA", "R"), "0": ("AA",), "0#": ("AA",),
    "aI": ("AY",), "aI@": ("AY", "ER"), "aI3": ("AY", "ER"), "aU": ("AW",), "aU@": ("AW", "ER"),
    "@": ("AH",), "@-": ("AH",), "@2": ("AH",), "@5": ("AH",), "@#": ("AH",), "@L": ("AH", "L"),
    "@r": ("ER",), "3": ("ER",), "3:": ("ER",), "3:r": ("ER",), "V": ("AH",),
    "e": ("EH",), "E": ("EH",), "E2": ("EH",), "E#": ("EH",), "E3": ("EH",), "e@": ("EH", "R"),
    "eI": ("EY",), "eI#": ("EY",), "i": ("IY",), "i:": ("IY",), "i#": ("IY",), "i@": ("IY", "R"),
    "i@3": ("IY", "R"), "I": ("IH",), "I2": ("IH",), "I#": ("IH",), "I2#": ("IH",),
    "o": ("OW",), "o@": ("AO", "R"), "O": ("AO",), "O:": ("AO",), "O2": ("AA",), "O@": ("AO", "R"),
    "oU": ("OW",), "oU#": ("OW",), "OI": ("OY",), "U": ("UH",), "U@": ("UH", "R"),
    "u": ("UW",), "u:": ("UW",), "u@": ("UW", "ER"), "y": ("UW",), "Y": ("UH",),
    # consonants
    "b": ("B",), "d": ("D",), "d#": ("D",), "D": ("DH",), "f": ("F",), "g": ("G",), "h": ("HH",),
    "j": ("Y",), "k": ("K",), "l": ("L",), "l#": ("L",), "L": ("L",), "m": ("M",), "n": ("N",),
    "n-": ("N",), "N": ("NG",), "p": ("P",), "r": ("R",), "r-": ("R",), "s": ("S",), "S": ("SH",),
    "t": ("T",), "t#": ("T",), "T": ("TH",), "v": ("V",), "w": ("W",), "z": ("Z",), "Z": ("ZH",),
    "tS": ("CH",), "dZ": ("JH",), "x": ("K",), "C": ("HH",), "W": ("W",), "m-": ("M",),
    "l-": ("L",), "z#": ("Z",), "s#": ("S",), "?": (),
}

UNDER_20 = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
            "fourteen fifteen sixteen seventeen eighteen nineteen")
ONES = UNDER_20.split()
TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
        "ninety"]


def dictionary_path() -> Path:
    return Path(pocketsphinx.get_model_path()) / "en-us" / "cmudict-en-us.dict"


@functools.lru_cache(maxsize=1)
def dictionary() -> dict[str, tuple[tuple[str, ...], ...]]:
    """cmudict as word -> its pronunciations (the "(2)" variants folded in)."""
    out: dict[str, list[tuple[str, ...]]] = {}
    with open(dictionary_path(), encoding="utf-8", errors="replace") as lines:
        for line in lines:
            word, _, phones = line.strip().partition(" ")
            if not phones:
                continue
            out.setdefault(re.sub(r"\(\d+\)$", "", word), []).append(tuple(phones.split()))
    return {word: tuple(prons) for word, prons in out.items()}


def number_words(n: int) -> list[str]:
    """A whole number spelled out (0–999 999)."""
    if n < 20:
        return [ONES[n]]
    if n < 100:
        return [TENS[n // 10]] + ([ONES[n % 10]] if n % 10 else [])
    if n < 1000:
        return [ONES[n // 100], "hundred"] + (number_words(n % 100) if n % 100 else [])
    if n < 1_000_000:
        rest = number_words(n % 1000) if n % 1000 else []
        return [*number_words(n // 1000), "thousand", *rest]
    return [d for c in str(n) for d in number_words(int(c))]


def spoken(word: str) -> list[str]:
    """The dictionary spellings a typed word is said as: lower case, plain apostrophes, split at
    hyphens, digits spelled out ("1987" as a year: "nineteen eighty seven")."""
    text = word.casefold().replace("’", "'").replace("‘", "'")
    out: list[str] = []
    for part in re.split(r"[-–—/.]+", text):
        part = part.strip("'")
        if not part:
            continue
        if part.isdigit() and part.startswith("0") and len(part) > 1:
            out += ["oh" if c == "0" else ONES[int(c)] for c in part]
            continue
        if part.isdigit():
            n = int(part)
            if len(part) == 4 and 1100 <= n <= 2099 and n % 100 and not 2000 <= n <= 2009:
                out += number_words(n // 100) + (["oh"] if n % 100 < 10 else [])
                out += number_words(n % 100)
            else:
                out += number_words(n) if len(part) <= 6 else [ONES[int(c)] for c in part]
            continue
        for piece in re.findall(r"\d+|[^\W\d_]+(?:'[^\W\d_]+)*", part):
            out += spoken(piece) if piece.isdigit() else [piece]
    return out


def espeak_available() -> bool:
    return shutil.which(ESPEAK) is not None


def method() -> str:
    """Which way words outside the dictionary are pronounced here."""
    return "espeak-ng" if espeak_available() else "spelling rules"


def pronunciations(words: Iterable[str]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """word (as typed) -> its pronunciations in ARPAbet, for every word that can be said at
    all. A word made of dictionary words gets theirs joined (first pronunciation of each); any
    other gets espeak-ng's (or the fallback's)."""
    cmu = dictionary()
    out: dict[str, tuple[tuple[str, ...], ...]] = {}
    unknown: set[str] = set()
    parts = {w: spoken(w) for w in dict.fromkeys(words)}
    for pieces in parts.values():
        unknown.update(p for p in pieces if p not in cmu)
    guessed = guess(sorted(unknown))
    for word, pieces in parts.items():
        if not pieces:
            continue
        if len(pieces) == 1 and pieces[0] in cmu:
            out[word] = cmu[pieces[0]]
            continue
        phones: list[str] = []
        for piece in pieces:
            phones += cmu[piece][0] if piece in cmu else guessed.get(piece, ())
        if phones:
            out[word] = (tuple(phones),)
    return out


def in_dictionary(word: str) -> bool:
    """Is every part of the word in the pronouncing dictionary (not a derived guess)?"""
    pieces = spoken(word)
    return bool(pieces) and all(p in dictionary() for p in pieces)


def guess(words: Sequence[str]) -> dict[str, tuple[str, ...]]:
    """Pronunciations derived from spelling: espeak-ng when installed, else the fallback."""
    words = [w for w in words if w]
    if not words:
        return {}
    if espeak_available():
        found = espeak(words)
        if found is not None:
            return {w: p for w, p in found.items() if p} | {
                w: letters_to_sounds(w) for w in words if not found.get(w)}
    return {w: letters_to_sounds(w) for w in words}


def espeak(words: Sequence[str]) -> dict[str, tuple[str, ...]] | None:
    """espeak-ng's phonemes for each word (one subprocess for all of them); None if it failed."""
    env = dict(os.environ, LC_ALL="C.UTF-8")
    try:
        done = subprocess.run([ESPEAK, "-q", "-x", "--sep=_", "-v", "en-us"],
                              input="\n".join(words) + "\n", capture_output=True, text=True,
                              timeout=60, env=env, check=True)  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return None
    lines = [line.strip() for line in done.stdout.splitlines() if line.strip()]
    if len(lines) != len(words):
        return None
    return {word: espeak_to_arpabet(line) for word, line in zip(words, lines, strict=True)}


def espeak_to_arpabet(mnemonics: str) -> tuple[str, ...]:
    """One line of `espeak-ng -x --sep=_` output (one word, maybe printed as several) as
    ARPAbet phones."""
    out: list[str] = []
    for chunk in mnemonics.split():
        for token in chunk.split("_"):
            out += _phones_of(token)
    return tuple(p for p in out if p in PHONES)


def _phones_of(token: str) -> list[str]:
    token = token.lstrip("',%=").replace("'", "").replace(",", "")
    out: list[str] = []
    while token:
        for size in (3, 2, 1):  # longest mnemonic first
            if token[:size] in ESPEAK_TO_ARPABET:
                out += ESPEAK_TO_ARPABET[token[:size]]
                token = token[size:]
                break
        else:
            token = token[1:]  # a mark with no sound of its own ("|", "#" alone)
    return out


# the fallback: letters to sounds by a few English rules, longest spelling first ---------------
RULES: dict[str, tuple[str, ...]] = {
    "tch": ("CH",), "sch": ("SH",), "ough": ("AO",), "augh": ("AO",), "eigh": ("EY",),
    "igh": ("AY",), "ch": ("CH",), "sh": ("SH",), "th": ("TH",), "ph": ("F",), "wh": ("W",),
    "ck": ("K",), "ng": ("NG",), "qu": ("K", "W"), "dg": ("JH",), "gh": ("G",), "kn": ("N",),
    "wr": ("R",), "cz": ("CH",), "sz": ("SH",), "rz": ("ZH",), "bh": ("V",), "mh": ("V",),
    "ee": ("IY",), "ea": ("IY",), "oo": ("UW",), "ou": ("AW",), "ow": ("OW",), "oi": ("OY",),
    "oy": ("OY",), "ai": ("EY",), "ay": ("EY",), "au": ("AO",), "aw": ("AO",), "ei": ("EY",),
    "ey": ("EY",), "ie": ("IY",), "oa": ("OW",), "ue": ("UW",), "ew": ("UW",), "ao": ("IY",),
    "ar": ("AA", "R"), "er": ("ER",), "ir": ("ER",), "ur": ("ER",), "or": ("AO", "R"),
    "a": ("AE",), "b": ("B",), "c": ("K",), "d": ("D",), "e": ("EH",), "f": ("F",), "g": ("G",),
    "h": ("HH",), "i": ("IH",), "j": ("JH",), "k": ("K",), "l": ("L",), "m": ("M",), "n": ("N",),
    "o": ("AA",), "p": ("P",), "q": ("K",), "r": ("R",), "s": ("S",), "t": ("T",), "u": ("AH",),
    "v": ("V",), "w": ("W",), "x": ("K", "S"), "y": ("IY",), "z": ("Z",), "ł": ("W",),
    "ñ": ("N", "Y"), "ç": ("S",), "ß": ("S",),
}
ACCENTS = str.maketrans("áàâäãåéèêëíìîïóòôöõøúùûüýÿśźżćńę", "aaaaaaeeeeiiiioooooouuuuyyszzcne")


def letters_to_sounds(word: str) -> tuple[str, ...]:
    """A rough pronunciation from spelling alone (used when espeak-ng is missing)."""
    text = word.casefold().translate(ACCENTS).lower()
    text = re.sub(r"([bcdfghjklmnpqrstvwxz])\1", r"\1", text)  # double consonants sound once
    if len(text) > 3 and text.endswith("e") and text[-2] not in "aeiou":
        text = text[:-1]  # silent final e
    out: list[str] = []
    n = 0
    while n < len(text):
        for size in (4, 3, 2, 1):
            part = text[n : n + size]
            if len(part) == size and part in RULES:
                out += RULES[part]
                n += size
                break
        else:
            n += 1
    return tuple(out)
