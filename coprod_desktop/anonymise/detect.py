"""detect(): every piece of personal data in a text, overlaps resolved, in order."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence

from . import identifiers, lexicon
from .model import Detection, KnownPerson
from .people import KnownMatcher, find_unregistered

DENIED = "on the project's always-remove list"
_matchers: dict[tuple[KnownPerson, ...], KnownMatcher] = {}
_last: list = [(), None]  # the people last seen and their matcher: the common case is fast


def matcher(known_people: Sequence[KnownPerson]) -> KnownMatcher:
    """Compiled once per set of people (a pack reuses it for every note)."""
    last = _last[0]
    if last is known_people:
        return _last[1]  # the very same tuple (immutable) as last time: the usual case
    same = len(last) == len(known_people)
    if same and all(a is b for a, b in zip(last, known_people, strict=True)):
        return _last[1]  # the same people objects as last time: no hashing needed
    key = tuple(known_people)
    found = _matchers.get(key)
    if found is None:
        if len(_matchers) > 16:
            _matchers.clear()
        found = _matchers[key] = KnownMatcher(known_people)
    _last[:] = [known_people if isinstance(known_people, tuple) else key, found]
    return found


def resolve(detections: Iterable[Detection]) -> list[Detection]:
    """Keep the best of overlapping detections: the longer (an email address holding a
    name), then a registered person, then the more certain."""
    ranked = sorted(detections, key=lambda d: (-(d.end - d.start), d.person is None,
                                               -d.confidence, d.start))  # fmt: skip
    kept: list[Detection] = []  # kept in order of start, never overlapping
    starts: list[int] = []
    for d in ranked:
        i = bisect.bisect_right(starts, d.start)
        if (i and kept[i - 1].end > d.start) or (i < len(kept) and kept[i].start < d.end):
            continue
        starts.insert(i, d.start)
        kept.insert(i, d)
    return kept


def _terms(text: str, folded: str, terms: Iterable) -> list[tuple[int, int, str]]:
    """Where each term occurs (any case or accent), with its kind: terms are strings (a
    person) or (term, kind) pairs."""
    spans = []
    for term in terms:
        term, kind = (term, "person") if isinstance(term, str) else term
        t = lexicon.fold(term.strip())
        if t:
            for m in re.finditer(r"(?<!\w)" + re.escape(t) + r"(?!\w)", folded):
                spans.append((m.start(), m.end(), kind))
    return spans


def detect(
    text: str,
    known_people: Sequence[KnownPerson] = (),
    deny: Iterable = (),
    allow: Iterable = (),
) -> list[Detection]:
    """Personal data in `text`: registered people (however typed), people mentioned in
    passing, and structured identifiers. `deny` terms are always found; `allow` terms never."""
    if not text:
        return []
    folded = lexicon.fold(text)
    found = list(matcher(known_people).find(text, folded)) if known_people else []
    found += identifiers.find(text)
    found += [Detection(a, b, kind, text[a:b], DENIED, 1.0)
              for a, b, kind in _terms(text, folded, deny)]  # fmt: skip
    taken = [(d.start, d.end) for d in found]
    found += find_unregistered(text, folded, taken)
    allowed = _terms(text, folded, allow)
    if allowed:
        found = [d for d in found
                 if not any(a <= d.start and d.end <= b for a, b, _k in allowed)]  # fmt: skip
    return _join_names(text, resolve(found))


def _join_names(text: str, found: list[Detection]) -> list[Detection]:
    """One person typed as two detections ("Maggie O'Neill" as alias + surname) is one; a
    registered surname takes a capitalised first name just before it ("Will Paterson")."""
    out: list[Detection] = []
    for d in found:
        if (
            d.kind == "person"
            and out
            and out[-1].kind == "person"
            and (text[out[-1].end : d.start] == " ")
            and (out[-1].person is d.person or d.person is None or out[-1].person is None)
        ):
            last = out.pop()
            d = Detection(last.start, d.end, "person", text[last.start : d.end], last.reason,
                          max(last.confidence, d.confidence), last.person or d.person)  # fmt: skip
        elif d.kind == "person" and d.person is not None and "surname" in d.reason:
            m = re.search(r"([A-Z][\w'’-]+) $", text[max(0, d.start - 30) : d.start])
            if m and lexicon.key(m.group(1)) in lexicon.first_names():
                start = d.start - len(m.group(1)) - 1
                d = Detection(start, d.end, "person", text[start : d.end], d.reason,
                              d.confidence, d.person)  # fmt: skip
        out.append(d)
    return out
