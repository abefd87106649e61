"""A small statistical second opinion on names nobody registered: is this word part of a
person's name? A logistic regression over the word's context - its shape, which of the
shipped word lists hold it, where it sits in its line, and its neighbours (named only when
they are closed-class words: titles, relations, verbs of speech and doing, function words;
otherwise by their shape and word list). The word itself is never a feature unless it is such
a closed-class word, so the model generalises to names it never saw.

The weights are resources/names/name_model.json, written by resources/names/make_name_model.py
from the development corpora (see resources/names/README.md). Plain Python: no numpy, no Qt.

    tokens = [(m.start(), m.end(), m.group()) for m in people.WORD.finditer(lexicon.fold(text))]
    name_model.score_many(text, tokens, range(len(tokens)))  # one probability a token

score_many() reads the text once (its lines, their capitals, the speakers' headings) and then
a bounded window around each token, so its work grows with the text's length. features() and
score() for one token reuse that reading while they are called with the same text and token
list objects.
"""

from __future__ import annotations

import bisect
import functools
import json
import math
import re
from collections.abc import Iterable, Sequence

from coprod_desktop.resource_files import resource_path

from . import lexicon as lx
from .people import MESSAGE_HEAD, loud_line, words_of

MODEL_FILE = "names/name_model.json"
FEATURES_VERSION = 2  # bump when features() changes: a model of another version is refused

Token = tuple[int, int, str]

# Closed-class words named as themselves when they are the word or a neighbour: function words,
# pronouns, titles, relations, verbs of speech and of doing, cue words for places and bodies.
_FUNCTION = """a about above after again against all also am an and any are as at be because
been before being below between both but by can could did do does doing down during each few
for from further had has have having here how if in into is it its just like more most much
no nor not now of off on once only or other our out over own same should so some such than
that the their them then there these they this those through to too under until up very was
we were what when where which while who whom whose why will with would you your yours
yourself i me my myself he him his she her hers it they us ours theirs one ones n wi fae tae
oor ma ye yer aye naw och wee big auld old young new last next see saw met seen meet called
named call tell ask text ring phone message dm email thank thanks cheers hi hiya hello dear
bye love x xx lol ok okay yes yeah well right sorry please mine got get gets getting go going
went gone come came comes make made take took give gave bring brought help helped helps
know knows knew think thinks thought want wants wanted need needs say said says told tells
asked asks reckons reckon mentioned explained replied shouted texted phoned rang goes lives
lived works worked runs ran drives drove stays stayed moved paid owes lost found bought buys
sells sold agreed noted reported raised shared led chaired welcomed thanked confirmed offered
presented summarised updated would should could might must shall may can't cannae wasnae
isnae didnae dinnae widnae kin ken st saint storm street road avenue drive lane place park
school church hospital centre hall house club team group project council radio station
shop cafe bar family girl boy lassie laddie man woman wumman guy fella bloke lady lot kids
weans bairns dog cat pet collie called mum mam maw dad da gran granny nan nana papa auntie
aunty aunt uncle cousin son daughter wife husband partner pal friend mate neighbour neighbor
brother sister niece nephew boss worker carer teacher doctor nurse gp officer manager
landlord landlady colleague boyfriend girlfriend mr mrs ms miss mx dr prof cllr councillor
rev reverend father pastor imam sheikh sgt sergeant pc inspector constable professor pan
pani canon bishop rabbi sir dame lord facilitator speaker interviewer voice everyone someone
somebody anyone nobody people staff folk team via near around towards behind outside inside
past opposite across into onto upon among who's whos i'm im it's its name name's is was""".split()  # noqa: SIM905
CLOSED = frozenset(_FUNCTION) | lx.TITLES | lx.RELATIONS | lx.SPEECH | lx.NOT_NAMES | \
    lx.ADDRESSING | lx.PLACE_PREPOSITIONS  # fmt: skip

# A heading naming whoever speaks or writes: "[12/03/2026, 19:42] Kezza: ", "~ Tam: ", "Rab: ".
SPEAKER = re.compile(
    "^" + MESSAGE_HEAD + r"((?:u/|@)?[^\W\d_][\w'’.-]*(?:[ \t][^\W\d_][\w'’.-]*){0,2})"
    r"(?:[ \t]\([^)\n]{1,24}\))?:",
    re.MULTILINE,
)
GAP_CHARS = str.maketrans({"\n": "N", "\r": "N", "\t": "_", " ": "_", "’": "'", "“": '"',
                           "”": '"', "–": "-", "—": "-"})  # fmt: skip
NEWLINE = re.compile(r"\n")
BREAK_BEFORE = re.compile(r"[.!?N:;\"(•*]")  # in a gap read by _short: a sentence begins after
BREAK_AFTER = re.compile(r"[.!?N:;\"()]")
WINDOW = 12  # characters of the gap between two words that are read


@functools.lru_cache(maxsize=4096)
def _short(piece: str) -> str:
    """Characters between two words, in short: "_", ",_", "N", ":_", "_(9)_"."""
    piece = re.sub(r"\d+", "9", piece.translate(GAP_CHARS))
    return re.sub(r"_+", "_", re.sub(r"N[N_]*", "N", piece))


def _gap(text: str, start: int, end: int) -> str:
    """The end of the gap before a word (at most WINDOW characters read)."""
    return _short(text[max(start, end - WINDOW) : end])[-5:]


def _gap_after(text: str, start: int, end: int) -> str:
    """The start of the gap after a word (at most WINDOW characters read)."""
    return _short(text[start : min(end, start + WINDOW)])[:5]


def key_of(low: str) -> str:
    """A folded word as the lists hold it: no possessive "'s", no apostrophes or hyphens."""
    if low.endswith("'s"):
        low = low[:-2]
    return low.replace("'", "").replace("-", "")


def _unpossessed(low: str) -> str:
    """The word less a possessive "'s": what is left of its apostrophes is its own (O'Neill)."""
    return low[:-2] if low.endswith("'s") else low


def _shape(word: str) -> str:
    if not word[:1].isalpha():
        return "o"
    if word[0].isupper():
        return "I" if len(word) == 1 else "U" if word == word.upper() else "C"
    return "l" if word == word.lower() else "m"


@functools.cache
def _lists() -> tuple[frozenset[str], ...]:
    return (lx.first_names(), lx.surnames(), lx.common_words(), lx.english_words(),
            lx.proper_nouns(), lx.places(), lx.not_people())  # fmt: skip


_LETTERS = "FScEPLX"  # first name, surname, common word, English, proper noun, place, thing


@functools.lru_cache(maxsize=65536)
def _classes(k: str) -> str:
    """Which lists hold the word, as letters of _LETTERS, or "?" for none."""
    out = "".join(letter for letter, words in zip(_LETTERS, _lists(), strict=True) if k in words)
    return out or "?"


def _length(n: int) -> str:
    return "1" if n <= 1 else "2" if n == 2 else "3" if n == 3 else "4-5" if n <= 5 else \
        "6-8" if n <= 8 else "9+"  # fmt: skip


class Context:
    """What is read of a text for its tokens, each piece once and only where a scored token
    needs it: whether a token's line is written in capitals, whether it opens its line, and
    whether it is inside a heading naming a speaker or a sender."""

    def __init__(self, text: str, tokens: Sequence[Token]):
        self.text, self.tokens = text, tokens
        self._word: list[str | None] = [None] * len(tokens)
        self._loud_lines: dict[int, bool] = {}  # a line's start: is it in capitals?
        self._speakers: tuple[list[int], list[int]] | None = None
        self._breaks: list[int] | None = None  # where the text's newlines are

    def _line(self, j: int) -> tuple[int, int]:
        """Where token j's line starts and ends (found once a text: a search back from
        each token would be quadratic on a transcript written as one line)."""
        if self._breaks is None:
            self._breaks = [m.start() for m in NEWLINE.finditer(self.text)]
        k = bisect.bisect_left(self._breaks, self.tokens[j][0])
        start = self._breaks[k - 1] + 1 if k else 0
        return start, self._breaks[k] if k < len(self._breaks) else len(self.text)

    def loud(self, j: int) -> bool:
        start, end = self._line(j)
        loud = self._loud_lines.get(start)
        if loud is None:
            line = self.text[start:end]
            loud = self._loud_lines[start] = loud_line(line)
        return loud

    def line_first(self, j: int) -> bool:
        return j == 0 or self.tokens[j - 1][0] < self._line(j)[0]

    def speaker(self, j: int) -> bool:
        if ":" not in self.text:
            return False
        if self._speakers is None:
            spans = [m.span(1) for m in SPEAKER.finditer(self.text)]
            self._speakers = ([a for a, _b in spans], [b for _a, b in spans])
        starts, ends = self._speakers
        k = bisect.bisect_right(starts, self.tokens[j][1] - 1) - 1  # the last heading before
        return k >= 0 and ends[k] > self.tokens[j][0]

    def word(self, j: int) -> str:
        """Token j as a neighbour: itself if a closed-class word, else its shape and lists."""
        cached = self._word[j]
        if cached is None:
            start, end, low = self.tokens[j]
            cached = _neighbour(self.text[start:end], low)
            if cached.startswith("U:") and self.loud(j):
                cached = "U!" + cached[1:]  # capitals in a line of capitals say nothing
            self._word[j] = cached
        return cached


@functools.lru_cache(maxsize=65536)
def _neighbour(original: str, low: str) -> str:
    """A word as a neighbour, read once for every text: itself if a closed-class word, else
    its shape and lists."""
    return f"w:{low}" if low in CLOSED else f"{_shape(original)}:{_classes(key_of(low))}"


_LAST: list = [None, None, None]  # text, tokens, Context: the one most recently read


def context(text: str, tokens: Sequence[Token]) -> Context:
    if _LAST[0] is text and _LAST[1] is tokens:
        return _LAST[2]
    ctx = Context(text, tokens)
    _LAST[:] = [text, tokens, ctx]
    return ctx


def features(text: str, tokens: Sequence[Token], i: int, ctx: Context | None = None) -> list[str]:
    """The context features of token i (strings; the model holds a weight for each)."""
    ctx = ctx or context(text, tokens)
    start, end, low = tokens[i]
    original = text[start:end]
    k = key_of(low)
    shape = _shape(original)
    loud = shape == "U" and ctx.loud(i)
    if loud:
        shape = "U!"  # capitals in a line of capitals say nothing
    classes = _classes(k)
    own = f"w:{low}" if low in CLOSED else f"{shape}:{classes}"
    f = ["bias", f"sh={shape}", f"len={_length(len(k))}", f"own={own}", f"cls={classes}"]
    f += [f"in={letter}|{shape}" for letter in classes]
    if low in CLOSED:
        f.append(f"w={low}")
    if loud:
        f.append("loud")
    if not low.isalpha() and any(c.isdigit() for c in low):
        f.append("digit")
    if "'" in _unpossessed(low):
        f.append("apostrophe")
    if "-" in low:
        f.append("hyphen")
    if k.endswith("s") and len(k) > 3 and k[:-1] in _lists()[0] and k not in _lists()[0]:
        f.append("s-of-a-first-name")  # "Rabs van"
    if len(k) >= 4 and classes == "?":
        f += [f"suf2={k[-2:]}", f"suf3={k[-3:]}"]
    if k[:2] in ("mc", "ma", "o'") and k[:3] in ("mac", "mc" + k[2:3], "o'" + k[2:3]):
        f.append("mac")
    # Before the word
    gap = _gap(text, tokens[i - 1][1] if i else 0, start)
    first = ctx.line_first(i)
    sentence = i == 0 or first or BREAK_BEFORE.search(gap) is not None
    f.append(f"gb={gap}")
    if sentence:
        f.append(f"start|{shape}")
    if first:
        f.append("line-first")
    if ctx.speaker(i):
        f.append(f"speaker|{classes}")
    p1 = ctx.word(i - 1) if i else "^"
    p2 = ctx.word(i - 2) if i > 1 else "^"
    if sentence:
        p1, p2 = f"|{p1}", f"|{p2}"  # across a sentence's end: said, but weaker
    f += [f"p1={p1}", f"p2={p2}", f"p1={p1}|{shape}", f"p2p1={p2}~{p1}", f"p1={p1}|{own}"]
    # After the word
    n = len(tokens)
    after = _gap_after(text, end, tokens[i + 1][0] if i + 1 < n else len(text))
    if low.endswith("'s") and not after[:1].isalnum():
        after = "'s" + after
    f.append(f"ga={after}")
    broken = BREAK_AFTER.search(after) is not None
    n1 = ctx.word(i + 1) if i + 1 < n else "$"
    n2 = ctx.word(i + 2) if i + 2 < n else "$"
    if broken:
        n1, n2 = f"|{n1}", f"|{n2}"
    f += [f"n1={n1}", f"n2={n2}", f"n1={n1}|{shape}", f"n1n2={n1}~{n2}", f"n1={n1}|{own}",
          f"p1n1={p1}~{n1}"]  # fmt: skip
    if gap.endswith("@") or gap.endswith("#"):
        f.append(f"mark={gap[-1]}")
    return f


@functools.cache
def weights() -> tuple[dict[str, float], float]:
    """The shipped model's weights and intercept (read once)."""
    model = json.loads(resource_path(MODEL_FILE).read_text(encoding="utf-8"))
    if model.get("features_version") != FEATURES_VERSION:
        raise ValueError(f"{MODEL_FILE} was trained on other features: run make_name_model.py")
    return model["weights"], model["bias"]


def probability(feats: Iterable[str], w: dict[str, float], bias: float) -> float:
    z = bias + sum(filter(None, map(w.get, feats)))  # a feature with no weight adds nothing
    if z < -30:
        return 0.0
    return 1.0 / (1.0 + math.exp(-z)) if z < 30 else 1.0


def score(text: str, tokens: Sequence[Token], i: int) -> float:
    """Probability that token i is part of a person's name."""
    w, bias = weights()
    return probability(features(text, tokens, i), w, bias)


def score_many(text: str, tokens: Sequence[Token], indices: Iterable[int]) -> list[float]:
    """score() for several tokens of one text, the text read once."""
    w, bias = weights()
    ctx = context(text, tokens)
    return [probability(features(text, tokens, i, ctx), w, bias) for i in indices]


class _Asking(dict):
    """A word: 0 if the model is never asked about it, 1 if asked when it has a capital, 2 if
    always asked. Always: a name the lists hold that is no everyday word ("kezza", "tam"). With
    a capital: a name that is an everyday word too ("Will"), or a word no list holds
    ("Chantelle"). Never: a closed-class word, a single letter, or a word the lists know only
    as something else (a dictionary word, a place, a firm) - the model reads none as a name."""

    def __missing__(self, low: str) -> int:
        k = key_of(low)
        classes = _classes(k) if len(k) >= 2 and low not in CLOSED and not _words(low) else ""
        named = "F" in classes or "S" in classes
        asking = 2 if named and "c" not in classes else 1 if named or classes == "?" else 0
        if len(self) < 200_000:  # a bound for a long session of strange words
            self[low] = asking
        return asking


ASKING = _Asking()


def _words(low: str) -> bool:
    """A hyphenated word made of dictionary words: "drop-in", "walk-in", "sign-up"."""
    parts = low.split("-")
    return len(parts) > 1 and all(_classes(key_of(p)) in ("cE", "E", "c") for p in parts if p)


def a_word(low: str) -> bool:
    """A word a dictionary holds, as a word: "grace", "hope", "frank"."""
    classes = _classes(key_of(low))
    return "E" in classes or "c" in classes


def tokens_of(text: str) -> list[Token]:
    """The tokens find_unregistered reads: words of the folded text, with their offsets."""
    return words_of(lx.fold(text))
