"""Whose words each line of a transcript is, for a participant's own copy: their lines are
shown, anyone else's only as a placeholder, and a line nobody is named on is theirs only when
they are the clip's one speaker.

A line names its speaker with a heading after any timestamps, as typed in the radio lab:
"[0:02.0] P-07: We want somewhere to go". A heading is a label of up to four words, the first
beginning with a capital and the others with a capital or a digit ("P-07", "Tommy",
"Facilitator A", "Speaker 2"), before a colon and a space; "Everybody knows: it's not
hidden" is words, not a heading. A heading that is not one of the person's own names is
someone else's, even in a clip they are the one speaker of (an interviewer's question), so a
heading never lets another person's words through."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from .clips import TIMESTAMP

# After the timestamps: a label of up to four words, optionally with a bracketed note ("Sandy
# (shop)"), then a colon and a space; a heading() only if the label reads as a name.
HEADING = re.compile(r"([^\W\d_][\w.'’-]*(?:[ \t][^\W_][\w.'’-]*){0,3})"
                     r"(?:[ \t]\([^)\n]{1,24}\))?:[ \t]+")  # fmt: skip
STAMPS = re.compile(rf"(?:[ \t]*{TIMESTAMP.pattern})*[ \t]*")


class Whose(str, Enum):
    THEIRS = "theirs"
    SOMEONE_ELSE = "someone_else"
    UNMARKED = "unmarked"  # no heading, in a clip with more than one speaker


@dataclass(frozen=True)
class Line:
    """One non-blank line: where its words are in the transcript (after the timestamps and
    any heading) and whose they are."""

    start: int
    end: int
    whose: Whose


def attribute(transcript: str, own_labels: Iterable[str], sole_speaker: bool) -> list[Line]:
    """Every non-blank line of the transcript, with whose words it holds. `own_labels` are
    the person's pseudonym and names (compared ignoring case)."""
    own = {" ".join(label.split()).casefold() for label in own_labels if label.strip()}
    out = []
    offset = 0
    for raw in transcript.split("\n"):
        start, end = offset, offset + len(raw)
        offset = end + 1
        words = start + STAMPS.match(raw).end()
        if not raw[words - start :].strip():
            continue
        label_at = heading(raw, words - start)
        if label_at is not None:
            label = " ".join(label_at.group(1).split()).casefold()
            whose = Whose.THEIRS if label in own else Whose.SOMEONE_ELSE
            words = start + label_at.end()
        else:
            whose = Whose.THEIRS if sole_speaker else Whose.UNMARKED
        end = start + len(raw.rstrip())
        if words < end:
            out.append(Line(words, end, whose))
    return out


def heading(line: str, at: int) -> re.Match[str] | None:
    """A heading at `at`: its first word begins with a capital, the others with a capital or
    a digit ("Speaker 2")."""
    match = HEADING.match(line, at)
    if match is None:
        return None
    first, *rest = match.group(1).split()
    if first[0].isupper() and all(w[0].isupper() or w[0].isdigit() for w in rest):
        return match
    return None
