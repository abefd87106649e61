"""A person's names as they may be written anywhere: for withdrawal of everything, which
replaces every one of them (in anyone's words) with the person's pseudonym."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# Words that are part of many names and of ordinary speech: never searched for on their own.
PARTICLES = frozenset({"de", "da", "di", "du", "del", "der", "den", "van", "von", "la", "le",
                       "mac", "mc", "st", "al", "el", "bin", "ben", "o", "y"})  # fmt: skip


@dataclass(frozen=True)
class Names:
    """What to look for, longest first, and what each is replaced with."""

    replacements: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, pseudonym: str, real_name: str, aliases: Iterable[str],
           guardians: Iterable[str] = ()) -> Names:  # fmt: skip
        """The whole real name, each of its parts and each alias become the pseudonym; a
        guardian's name (and its parts) becomes "[guardian of P-07]"."""
        pairs: dict[str, str] = {}
        guardian = f"[guardian of {pseudonym}]"
        for name in guardians:
            for term in _terms(name):
                pairs.setdefault(term.casefold(), guardian)
        for name in (real_name, *aliases):
            for term in _terms(name):
                pairs[term.casefold()] = pseudonym
        ordered = sorted(pairs.items(), key=lambda kv: -len(kv[0]))
        return cls(tuple(ordered))

    def __bool__(self) -> bool:
        return bool(self.replacements)

    @property
    def terms(self) -> tuple[str, ...]:
        return tuple(term for term, _with in self.replacements)

    def _pattern(self) -> re.Pattern[str]:
        alternatives = "|".join(re.escape(term) for term in self.terms)
        return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)

    def find(self, text: str) -> list[re.Match[str]]:
        return list(self._pattern().finditer(text)) if self and text else []

    def replace(self, text: str) -> str:
        if not self or not text:
            return text
        table = dict(self.replacements)
        return self._pattern().sub(lambda m: table[m.group(0).casefold()], text)


def _terms(name: str) -> list[str]:
    name = " ".join(name.split())
    if not name:
        return []
    parts = [p.strip(".,") for p in re.split(r"[\s\-]+", name)]
    return [name, *(p for p in parts if len(p) >= 2 and p.casefold() not in PARTICLES)]
