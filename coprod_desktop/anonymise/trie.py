"""One regular expression for a long list of alternatives, sharing their beginnings.

A regular expression tries every branch of a flat alternation ("maggie|mags|margaret") at every
position of the text, so a list of names, phrases or number words costs its length at every
character. Written as a trie ("ma(?:g(?:gie|s)|rgaret)") it costs the length of the longest."""

from __future__ import annotations

import re
from collections.abc import Iterable


def alternation(forms: Iterable[tuple[str, ...]]) -> str:
    """A pattern matching any of the forms, each a sequence of pattern steps (a character,
    a class, an optional piece). A longer form is tried before a shorter one it begins with."""
    forms = list(forms)
    if any(len(steps) > 200 for steps in forms):  # deeper than recursion goes: a flat list
        flat = sorted({"".join(steps) for steps in forms}, key=len, reverse=True)
        return "(?:" + "|".join(flat) + ")"
    root: dict = {}
    for steps in forms:
        node = root
        for step in steps:
            node = node.setdefault(step, {})
        node[""] = {}  # a form ends here

    def emit(node: dict) -> str:
        branches = [step + emit(child) for step, child in node.items() if step]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return "(?:" + body + ")?" if "" in node else body  # a form may end here: longer first

    return emit(root)


def words(texts: Iterable[str]) -> str:
    """The alternation of literal texts."""
    return alternation(tuple(re.escape(c) for c in text) for text in sorted(set(texts)) if text)
