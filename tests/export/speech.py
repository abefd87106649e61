"""Long radio-lab transcripts for the export tests: one speaker turn a line under a timestamp,
long monologues, markup-like text, runs without spaces and wide characters."""

from __future__ import annotations

import random

SAID = ("the bus never comes after six and folk round here have given up asking why the shop "
        "on the corner sells them cheap to kids so we need somewhere warm to go at night and "
        "someone who listens")  # fmt: skip
WORDS = SAID.split(" ")
MARKUP = ["<b>", "</b>", "</i>", "<i>", "<font size=40>", "<para>", "<br/>", "&", "&amp;",
          "&lt;b&gt;", "&#x41;", "a < b > c", "<<", ">>", "]]>", "<!-- x -->",
          "<a href=\"#\">", "https://example.org/form?id=1&step=<2>"]  # fmt: skip
WIDE = ["漢字仮名交じり文", "한국어 텍스트", "WWWWWWWWWWWWWWWWWWWW " * 6, "😀🍞👍", "—" * 30]


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(6, 16))]
    return " ".join(words).capitalize() + rng.choice([".", "?", "!", "."])


def transcript(chars: int, seed: int = 16) -> str:
    """About `chars` characters of transcript (see the module text)."""
    rng = random.Random(seed)
    lines, size, tenths = [], 0, 5
    while size < chars:
        roll = rng.random()
        if roll < 0.05:  # a monologue: one line, thousands of characters
            said = " ".join(sentence(rng) for _ in range(rng.randint(30, 60)))
        elif roll < 0.08:  # a run without spaces: laughter, a separator, a pasted token
            said = rng.choice(["ha", "W", "-", "x1", "=-"]) * rng.randint(300, 2500)
        else:
            said = " ".join(sentence(rng) for _ in range(rng.randint(1, 3)))
        if rng.random() < 0.3:
            said += " " + " ".join(rng.choice(MARKUP) for _ in range(rng.randint(1, 4)))
        if rng.random() < 0.1:
            said += " " + rng.choice(WIDE)
        minutes, rest = divmod(tenths, 600)
        line = f"[{minutes}:{rest // 10:02d}.{rest % 10}] P-{rng.randint(1, 12):02d}: {said}"
        lines.append(line)
        size += len(line) + 1
        tenths += rng.randint(30, 150)
    return "\n".join(lines)
