"""Word timings: where each spoken word of a clip's transcript is in its recording.

The spoken words of a transcript are its words outside square brackets (timestamps such as
"[0:04.2]", notes such as "[bleeped: shop name]" or "[laughs]") and outside a line's speaker
heading ("P-07: "). Each has a `TimedWord`: its place in the text (character offsets) and in
the recording (ms of the whole recording, like bleeps), or no time at all when the engine could
not place it. A word without a time is never given a guessed one: whatever needs its time (a
bleep, the consent gates) treats it as unknown."""

from __future__ import annotations

import bisect
import difflib
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from .clips import merge_ranges, timestamp, timestamps
from .own_words import STAMPS, heading

# Letters or digits, with apostrophes, hyphens or dots inside ("don't", "P-07", "St.Mary")
WORD = re.compile(r"[^\W_](?:[\w'’.-]*[^\W_])?")
BRACKETED = re.compile(r"\[[^\]\n]*\]")
BLEEP_MARGIN_MS = 60  # either side of a word's sound, so its edges are covered too
LOW_CONFIDENCE = 0.5  # a drafted word below this is shown faint, for the facilitator to check


@dataclass(frozen=True)
class Token:
    """A spoken word of a transcript: its characters are text[start:end]."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class TimedWord:
    """A spoken word (text[start:end]) and where it is in the recording; `start_ms` and `end_ms`
    are None when it could not be placed. `confidence` (0–1) is the engine's, for a drafted
    word; None for typed text aligned to the audio."""

    start: int
    end: int
    start_ms: int | None
    end_ms: int | None
    confidence: float | None = None

    @property
    def placed(self) -> bool:
        return self.start_ms is not None and self.end_ms is not None

    @property
    def doubtful(self) -> bool:
        return self.confidence is not None and self.confidence < LOW_CONFIDENCE


def spoken_words(transcript: str) -> list[Token]:
    """The words that are spoken, in order, with where they are in the transcript."""
    out: list[Token] = []
    offset = 0
    for line in transcript.split("\n"):
        body = STAMPS.match(line).end()
        label = heading(line, body)
        skip = [(m.start(), m.end()) for m in BRACKETED.finditer(line)]
        if label:
            skip.append((0, label.end()))
        for match in WORD.finditer(line):
            if any(a <= match.start() < b for a, b in skip):
                continue
            out.append(Token(offset + match.start(), offset + match.end(), match.group()))
        offset += len(line) + 1
    return out


def anchors(transcript: str, tokens: Sequence[Token]) -> list[tuple[int, int]]:
    """(word index, ms): the typed timestamps, as the time at or before which the first word
    after each one starts. A timestamp with no word after it anchors nothing."""
    out: list[tuple[int, int]] = []
    starts = [t.start for t in tokens]  # in order: found by bisection
    for _start, end, ms in timestamps(transcript):
        index = bisect.bisect_left(starts, end)
        if index < len(starts) and (not out or (out[-1][0] < index and out[-1][1] <= ms)):
            out.append((index, ms))
    return out


def unplaced(tokens: Iterable[Token]) -> list[TimedWord]:
    return [TimedWord(t.start, t.end, None, None) for t in tokens]


def carry_over(old_text: str, old: Sequence[TimedWord], new_text: str
               ) -> tuple[list[TimedWord], list[tuple[int, int]]]:  # fmt: skip
    """After the transcript was edited: the new text's words, those unchanged keeping their
    times, and the runs of word indexes [from, to) that changed and need aligning again (each
    between the times of the kept words around it)."""
    new = spoken_words(new_text)
    before = [old_text[w.start : w.end].casefold() for w in old]
    after = [t.text.casefold() for t in new]
    words = unplaced(new)
    gaps: list[tuple[int, int]] = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for tag, a1, _a2, b1, b2 in matcher.get_opcodes():
        if tag == "equal":
            for k in range(b2 - b1):
                was = old[a1 + k]
                words[b1 + k] = replace(was, start=new[b1 + k].start, end=new[b1 + k].end)
        elif b2 > b1:
            gaps.append((b1, b2))
    # a kept word that was never placed is aligned again along with its neighbours
    for n, word in enumerate(words):
        if not word.placed and not any(a <= n < b for a, b in gaps):
            gaps.append((n, n + 1))
    return words, _joined(gaps)


def _joined(gaps: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(gaps):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def within(words: Sequence[TimedWord], start: int, end: int) -> list[TimedWord]:
    """The words that share characters with text[start:end]."""
    return [w for w in words if w.start < end and w.end > start]


def bleeps_for(words: Sequence[TimedWord], start: int, end: int, duration_ms: int,
               margin_ms: int = BLEEP_MARGIN_MS) -> list[tuple[int, int]] | None:  # fmt: skip
    """The bleep that silences exactly the words of text[start:end] (from the first word's
    start to the last one's end, widened by the margin), in a list; None when there are no
    such words or one of them has no time."""
    hit = within(words, start, end)
    if not hit or not all(w.placed for w in hit):
        return None
    span = (min(w.start_ms for w in hit) - margin_ms, max(w.end_ms for w in hit) + margin_ms)
    return list(merge_ranges([span], duration_ms or span[1]))


def covered(word: TimedWord, bleeps: Iterable[tuple[int, int]]) -> bool:
    """Is the whole of the word's sound under bleeps?"""
    if not word.placed:
        return False
    at = word.start_ms
    for a, b in sorted(bleeps):
        if a <= at < b:
            at = b
        if at >= word.end_ms:
            return True
    return at >= word.end_ms


BLEEPED = "[bleeped]"


def mask_bleeped(text: str, words: Sequence[TimedWord], bleeps: Iterable[tuple[int, int]],
                 mark: str = BLEEPED) -> str:  # fmt: skip
    """The text with every word whose sound is bleeped replaced by `mark` (a run of them by one
    mark), so that no output prints what nobody can hear. `words` are this text's timings. A word
    counts as bleeped when at least half of it is: a bleep's margin reaching into the words
    either side does not hide them."""
    bleeps = list(bleeps)
    hidden = [w for w in words if w.placed and _half_bleeped(w, bleeps)]
    if not hidden:
        return text
    out, done, n = [], 0, 0
    while n < len(hidden):
        first = last = hidden[n]
        while n + 1 < len(hidden) and not text[last.end : hidden[n + 1].start].strip(" \t,"):
            n += 1
            last = hidden[n]
        out += [text[done : first.start], mark]
        done = last.end
        n += 1
    out.append(text[done:])
    return "".join(out)


def _half_bleeped(word: TimedWord, bleeps: list[tuple[int, int]]) -> bool:
    length = max(1, word.end_ms - word.start_ms)
    heard = sum(max(0, min(b, word.end_ms) - max(a, word.start_ms)) for a, b in bleeps)
    return heard * 2 >= length


# stored form: one row of numbers per word, so that no word of the text is kept twice ---------
def transcript_key(text: str) -> str:
    """Which text timings belong to: they are used only while the transcript is that text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def to_rows(words: Iterable[TimedWord]) -> list[list]:
    return [[w.start, w.end, w.start_ms, w.end_ms, w.confidence] for w in words]


def from_rows(rows: Iterable[Sequence], text: str) -> list[TimedWord]:
    """Timings read back for `text`; rows that do not fit the text are dropped."""
    out = []
    for row in rows:
        start, end, start_ms, end_ms, confidence = (list(row) + [None] * 5)[:5]
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            continue
        out.append(TimedWord(start, end, start_ms, end_ms, confidence))
    return out


# a drafted transcript ----------------------------------------------------------------------
DRAFT_BREAK_MS = 1200  # a pause this long starts a new line, with its own timestamp
DRAFT_LINE_WORDS = 18  # and a line is broken at the next short pause after this many words


def draft_text(heard: Iterable[tuple[str, int, int, float | None]]) -> tuple[str, list[TimedWord]]:
    """A transcript made from words heard ((word, start ms, end ms, confidence), in order):
    lines that start with a timestamp at each long pause, and the words' timings in it."""
    lines: list[str] = []
    words: list[TimedWord] = []
    line = ""
    offset = 0  # of the line being built, in the whole text
    last_end = None
    count = 0
    for word, start_ms, end_ms, confidence in heard:
        gap = None if last_end is None else start_ms - last_end
        if last_end is None or gap >= DRAFT_BREAK_MS or (count >= DRAFT_LINE_WORDS and gap >= 150):
            if line:
                lines.append(line)
                offset += len(line) + 1
            line, count = timestamp(start_ms), 0
        line += " "
        words.append(TimedWord(offset + len(line), offset + len(line) + len(word), start_ms,
                               end_ms, confidence))  # fmt: skip
        line += word
        count += 1
        last_end = end_ms
    if line:
        lines.append(line)
    return ("\n".join(lines) + "\n" if lines else ""), words
