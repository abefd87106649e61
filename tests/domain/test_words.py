"""Counted nouns read as English, and no '(s)' is left in what the app says."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from coprod_desktop.domain.words import counted, material, pieces

PACKAGE = Path(__file__).resolve().parents[2] / "coprod_desktop"


def test_counted_nouns_agree_with_their_number():
    assert counted(1, "note") == "1 note" and counted(3, "note") == "3 notes"
    assert counted(0, "person", "people") == "0 people"
    assert pieces(1) == "1 possible piece of personal data"
    assert pieces(2) == "2 possible pieces of personal data"
    assert material("audio", 1) == "1 audio file" and material("clip", 2) == "2 clips"


def test_nothing_the_app_says_counts_with_a_bracketed_s():
    """'1 note(s) added', '1 possible pieces … in 1 texts': say it as a person would."""
    found = []
    for folder in ("ui", "services", "domain", "export"):
        for path in (PACKAGE / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Constant) and isinstance(node.value, str) and re.search(
                    r"[a-z]\(s\)", node.value
                ):
                    found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    cli = (PACKAGE / "cli.py").read_text(encoding="utf-8")
    found += ["cli.py"] * len(re.findall(r"[a-z]\(s\)", cli))
    assert found == []
