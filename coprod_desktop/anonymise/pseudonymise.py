"""Replacing what was detected, consistently within one pack: a registered person becomes
their pseudonym, anyone else "[Person A]", "[Person B]" … (the same person, however typed,
keeps the same letter), and other kinds a typed placeholder such as "[phone]"."""

from __future__ import annotations

import string
from collections.abc import Iterable

from . import lexicon
from .model import PLACEHOLDERS, Detection


def _letters(n: int) -> str:
    """A, B, … Z, AA, AB …"""
    out = ""
    n += 1
    while n:
        n, rem = divmod(n - 1, 26)
        out = string.ascii_uppercase[rem] + out
    return out


class Pseudonymiser:
    """One per pack: remembers which unregistered person got which letter."""

    def __init__(self) -> None:
        self._people: dict[str, str] = {}

    def _person_key(self, text: str) -> str:
        words = lexicon.fold(text).replace("'", "").replace("’", "").split()
        titles = lexicon.STRONG_TITLES
        kept = [w.strip(".") for w in words if w.strip(".") not in titles]
        return " ".join(kept) or " ".join(words)

    def label(self, detection: Detection) -> str:
        if detection.kind != "person":
            return PLACEHOLDERS[detection.kind]
        if detection.person is not None and detection.person.pseudonym:
            return detection.person.pseudonym
        key = self._person_key(detection.text)
        if key not in self._people:
            # "Davie" after "Davie Brennan" (or the other way round) is the same person
            match = next((v for k, v in self._people.items()
                          if key in k.split() or k in key.split()), None)  # fmt: skip
            self._people[key] = match or f"[Person {_letters(len(set(self._people.values())))}]"
        return self._people[key]

    def apply(self, text: str, detections: Iterable[Detection]) -> str:
        """Text with each detection replaced; what surrounds it is left exactly as it was."""
        out, last = [], 0
        for d in sorted(detections, key=lambda d: d.start):
            if d.start < last:
                continue
            out.append(text[last : d.start])
            out.append(self.label(d))
            last = d.end
        out.append(text[last:])
        return "".join(out)
