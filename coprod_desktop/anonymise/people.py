"""People in free text: registered participants however their name is typed, and people
mentioned in passing, found from context cues and the shipped name lists (no model)."""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Sequence

from . import lexicon as lx
from .model import Detection, KnownPerson

WORD = re.compile(r"[^\W\d_](?:[\w'’-]*[^\W\d_])?")
SENTENCE_END = re.compile(r"(?:^|[.!?…\n:;\"“(\]]\s*|^\s*[-*•]\s*)$")
FOLLOWERS = frozenset(
    (
        "brought",
        "came",
        "went",
        "got",
        "was",
        "is",
        "has",
        "had",
        "did",
        "does",
        "can",
        "could",
        "would",
        "should",
        "made",
        "gave",
        "took",
        "brings",
        "comes",
        "goes",
        "gets",
        "sells",
        "sold",
        "helped",
        "helps",
        "bought",
        "buys",
        "and",
        "n",
        "an",
        "&",
        "wants",
        "thinks",
        "knows",
        "reckons",
        "asked",
        "told",
        "lives",
        "works",
    )
)  # after a sentence-initial word that is also a name, these say it is a name
# Before a registered name that is also a word, these make it the person: "tell tam".
ADDRESSED = frozenset(("tell", "ask", "text", "ring", "phone", "call", "thank", "thanks",
                       "cheers", "message", "dm", "email", "n", "and", "wi"))  # fmt: skip
LABEL = re.compile(r"\s*(?:[-–—(]|\(0)")  # "mags - she said", "Pat (0141) …": a note's name
BREAK = re.compile(r"[.!?…\n\]:;]")  # cue words do not reach across these
PARTICLES = frozenset(
    [
        "ni",
        "nic",
        "mac",
        "mc",
        "o",
        "ui",
        "de",
        "da",
        "di",
        "du",
        "del",
        "der",
        "den",
        "van",
        "von",
        "ter",
        "bin",
        "binti",
        "bint",
        "al",
        "el",
        "ap",
        "le",
        "la",
    ]
)


def _form_pattern(form: str) -> str:
    """Letters as typed in any case and accent; an apostrophe may be there or not (after the
    first letter too: "ONeill", "O'Neill", "O’Neill"); spaces and hyphens are interchangeable."""
    folded = lx.key(form)
    if not folded:
        return ""
    parts = [re.escape(folded[0]), "'?"] + [re.escape(c) for c in folded[1:]]
    out = "".join(parts)
    words = re.split(r"[\s-]+", lx.fold(form).replace("'", ""))
    if len(words) > 1:  # multi-word forms: the gaps can be spaces or hyphens
        out = r"[\s-]+".join(
            re.escape(w[0]) + "'?" + "".join(re.escape(c) for c in w[1:]) for w in words if w
        )
    return out


_ATOM = re.compile(r"\[\\s-\]\+|'\?|\\.|.", re.DOTALL)  # one step of a _form_pattern


def _trie(patterns: Iterable[str]) -> str:
    """One alternation of _form_pattern()s sharing their beginnings ("m(?:aggie|ags)"): a
    regular expression tries every branch of a flat alternation at every position, so a long
    list of names costs their number; a trie costs the length of the longest. A longer form is
    tried before a shorter one it begins with."""
    root: dict = {}
    for pattern in patterns:
        node = root
        for atom in _ATOM.findall(pattern):
            node = node.setdefault(atom, {})
        node[""] = {}  # a form ends here

    def emit(node: dict) -> str:
        branches = [atom + emit(child) for atom, child in node.items() if atom]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return "(?:" + body + ")?" if "" in node else body  # a form may end here: longer first

    return emit(root)


class KnownMatcher:
    """One regular expression for every form of every registered person."""

    def __init__(self, people: Sequence[KnownPerson]):
        self.by_key: dict[str, tuple[KnownPerson, str]] = {}
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
        patterns = {_form_pattern(f) for p in people
                    for f in [p.name, *re.split(r"\s+", p.name.strip()), *p.aliases]
                    if len(lx.key(f)) >= 2 and lx.key(f) not in PARTICLES} - {""}  # fmt: skip
        self.regex = (
            re.compile(r"(?<![\w'])(?:" + _trie(sorted(patterns)) + r")(?=s?(?![\w]))")
            if patterns else None
        )  # fmt: skip

    def find(self, text: str, folded: str) -> Iterable[Detection]:
        if self.regex is None:
            return
        for m in self.regex.finditer(folded):
            k = lx.key(m.group())
            hit = self.by_key.get(k)
            if hit is None:
                continue
            person, what = hit
            original = text[m.start() : m.end()]
            if k in lx.common_words() and not (
                (original[:1].isupper() and (not _at_sentence_start(text, m.start())
                                             or _reads_as_subject(folded, m.end())))
                or _name_like_context(text, folded, m.start(), m.end(), original)
                or _used_as_a_name(text, folded, m.start(), m.end(), original)
            ):  # fmt: skip
                continue  # "the bill", "Will you…": a registered Bill only when it reads as one
            start = _with_title(folded, m.start())
            lone = (start == m.start() and what in ("first name", "alias")
                    and not any(c.isspace() or c == "-" for c in m.group()))  # fmt: skip
            yield Detection(start, m.end(), "person", text[start : m.end()],
                            f"is this {person.pseudonym or 'the participant'}? (their {what}; "
                            "someone else may share it)" if lone else
                            f"registered participant ({what})", 0.75 if lone else 0.99,
                            person)  # fmt: skip


def _used_as_a_name(text: str, folded: str, start: int, end: int, original: str) -> bool:
    """A registered name that is also a word ("Hope", "Will", "Mags", "Pat") where the word
    would not fit: owning something ("Hope's granny", "Wills pal"), joined to another person
    ("Mags n Naz"), addressed ("tell hope", "cheers Pat") or heading a note ("mags - she
    said"). A lower-case one needs one of these too; "I hope", "will be" never do."""
    after = text[end : end + 2]
    if after[:1] in ("'", "’") and after[1:2].lower() == "s" and original[:1].isupper():
        return True
    before = _words_before(folded, start, 1)
    if before and before[-1] in ADDRESSED and not BREAK.search(text[max(0, start - 12) : start]):
        return before[-1] not in ("n", "and", "wi") or original[:1].isupper()
    line_start = start == 0 or text[start - 1] == "\n" or text[:start].isspace()
    return line_start and bool(LABEL.match(text, end) or _reads_as_subject(folded, end))


def _words_before(folded: str, start: int, n: int = 2) -> list[str]:
    return [w.strip("'") for w in WORD.findall(folded[max(0, start - 40) : start])][-n:]


def _word_after(folded: str, end: int) -> str:
    m = WORD.search(folded, end, min(len(folded), end + 30))
    if m is None or folded[end : m.start()].strip(" ,") != "":
        return ""
    return m.group()


def _with_title(folded: str, start: int) -> int:
    """Extend a name back over a title just before it ("Mrs O'Neill")."""
    m = re.search(r"(?:^|(?<=\W))(\w+)\.?\s+$", folded[max(0, start - 14) : start])
    if m and m.group(1) in lx.STRONG_TITLES:
        return start - (len(folded[max(0, start - 14) : start]) - m.start(1))
    return start


def _reads_as_subject(folded: str, end: int) -> bool:
    """ "Mags brought soup" (a person), not "Grace period" or "Will there be"."""
    if folded[end : end + 1] == ":":
        return True  # a speaker's turn in a transcript: "Will: I mean…"
    after = _word_after(folded, end)
    return after in FOLLOWERS or after in lx.SPEECH or (len(after) > 3 and after.endswith("ed"))


def _at_sentence_start(text: str, start: int) -> bool:
    return bool(SENTENCE_END.search(text[max(0, start - 6) : start]))


def _name_like_context(text: str, folded: str, start: int, end: int, original: str) -> bool:
    """Strong evidence a common word is used as a name: capitalised mid-sentence next to a
    title, a relationship word or a verb of speech."""
    if not original[:1].isupper():
        return False
    before = _words_before(folded, start)
    after = _word_after(folded, end)
    if before and (before[-1] in lx.TITLES or before[-1] in lx.RELATIONS):
        return True
    return after in lx.SPEECH and not _at_sentence_start(text, start)


class Spans:
    """Fast "does this overlap any of them?" for many spans (long transcripts)."""

    def __init__(self, spans: list[tuple[int, int]]):
        spans = sorted(spans)
        self.starts = [a for a, _b in spans]
        self.reach = list(itertools.accumulate((b for _a, b in spans), max))

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, end)  # spans starting before `end`
        return i > 0 and self.reach[i - 1] > start

    def covers(self, start: int, end: int) -> bool:
        """Does one of the spans hold all of start..end?"""
        i = bisect.bisect_right(self.starts, start)  # spans starting at or before `start`
        return i > 0 and self.reach[i - 1] >= end


def find_unregistered(text: str, folded: str, taken: list[tuple[int, int]]) -> list[Detection]:
    blocked: Spans | None = None  # found on the first candidate: most words are not
    first, sur, common, places = lx.first_names(), lx.surnames(), lx.common_words(), lx.places()
    lower_names = lx.lower_case_names()
    tokens = [(m.start(), m.end(), m.group()) for m in WORD.finditer(folded)]
    found: list[Detection] = []
    not_names = lx.NOT_NAMES
    candidates = [i for i, (start, _end, low) in enumerate(tokens)
                  if low in lower_names or "'" in low
                  or (text[start].isupper() and low not in not_names)]  # fmt: skip
    for i in candidates:  # most words are ordinary lower-case words ("will", "the bill")
        start, end, low = tokens[i]
        capital = text[start].isupper()
        if "'" in low or "-" in low:
            if low.endswith("'s"):
                low, end = low[:-2], end - 2
            k = low.replace("'", "").replace("-", "")
        else:
            k = low
        in_lists = k in first or k in sur
        if not (capital or in_lists) or k in not_names or len(k) < 2:
            continue  # most words: no list, no capital
        prev = tokens[i - 1][2] if i and not BREAK.search(text, tokens[i - 1][1], start) else ""
        if not (prev or in_lists or text[end : end + 2] in ("'s", "’s")):
            continue  # a capitalised word opening a sentence, in no list: "Bins", "Maybe"
        prev2 = tokens[i - 2][2] if prev and i > 1 else ""
        nxt = i + 1 < len(tokens) and text[tokens[i][1] : tokens[i + 1][0]].strip(" ,") == ""
        after = tokens[i + 1][2] if nxt else ""
        titled = prev in lx.TITLES or (prev in lx.ADDRESSING and capital)
        joined = (prev in ("and", "&") and i > 1 and bool(found) and capital
                  and found[-1].end == tokens[i - 2][1])  # fmt: skip
        named = prev in ("called", "named", "wee", "big")
        related = prev in lx.RELATIONS or (prev2 in lx.RELATIONS and named)
        speaking = after in lx.SPEECH
        possessive = text[end : end + 2] in ("'s", "’s") and (
            tokens[i][2].rstrip("s").rstrip("'") == low
            and i + 1 < len(tokens) and tokens[i + 1][2] in lx.RELATIONS)  # fmt: skip
        place_use = prev in lx.PLACE_PREPOSITIONS and k in places
        continues = bool(found) and capital and text[found[-1].end : start] == " "
        if prev in ("st", "saint", "ste"):
            continue  # "St Mary's", "St Mungo's": a church, school or hall, not a person
        if k in common and not (capital and (titled or related or joined or continues
                                             or (speaking and k in first))):  # fmt: skip
            continue
        if place_use and not titled:
            continue
        if in_lists and not capital and len(k) >= 3 and k not in places:
            reason = "a name from the name lists (typed in lower case)"
            confidence = 0.6
        elif in_lists and (capital or titled or related):
            if k in places and not (titled or related or speaking or possessive):
                continue
            reason = "a name from the name lists"
            confidence = 0.8
        elif capital and (titled or related or possessive) and not _at_sentence_start(text, start):
            reason = "a capitalised word after a title or relationship word"
            confidence = 0.75
        elif continues or joined:
            reason = "a surname after a name"
            confidence = 0.75
        elif capital and speaking and not _at_sentence_start(text, start) and k not in places:
            reason = "a capitalised word before a verb of speech"
            confidence = 0.6
        elif capital and titled:
            reason = "a capitalised word after a title"
            confidence = 0.75
        else:
            continue
        if blocked is None:  # built for the first real candidate: most notes have none
            blocked = Spans(taken + [(m.start(), m.end()) for m in lx.PROTECTED.finditer(text)])
        if blocked.overlaps(start, end):
            continue
        if titled and prev in lx.STRONG_TITLES:
            start = _with_title(folded, start)
            reason += " (with a title)"
        if (i and tokens[i - 1][1] == start - 1 and text[start - 1] == " " and capital
                and text[tokens[i - 1][0]].isupper() and tokens[i - 1][2] in first
                and tokens[i - 1][2] not in not_names):  # fmt: skip
            start = tokens[i - 1][0]  # "Bob Jones": a first name that is also a word
        if found and found[-1].end >= start - 1 and text[found[-1].end : start].strip() == "":
            last = found.pop()  # "Anna Kowalska": one person, not two
            start = last.start
        found.append(Detection(start, end, "person", text[start:end], reason, confidence))
    return found
