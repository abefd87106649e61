"""Radio-lab clips: non-destructive edits of a recording and the rules for them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from .errors import ValidationError

if TYPE_CHECKING:
    from .word_times import TimedWord

MAX_GAIN_DB = 24.0


@dataclass(frozen=True)
class Edits:
    """Trim in/out (ms of the recording), gain, loudness normalising, and bleeps: ranges of the
    recording (ms) whose sound is replaced by a tone."""

    trim_in_ms: int = 0
    trim_out_ms: int | None = None  # None: to the end
    gain_db: float = 0.0
    normalise: bool = False
    bleeps: tuple[tuple[int, int], ...] = field(default_factory=tuple)

    def validated(self, duration_ms: int) -> Edits:
        out = duration_ms if self.trim_out_ms is None else self.trim_out_ms
        if not 0 <= self.trim_in_ms < out <= duration_ms:
            raise ValidationError("The trim points must lie inside the recording, in order.")
        if abs(self.gain_db) > MAX_GAIN_DB:
            raise ValidationError(f"Gain can be at most ±{MAX_GAIN_DB:g} dB.")
        return replace(self, trim_out_ms=self.trim_out_ms,
                       bleeps=merge_ranges(self.bleeps, duration_ms))  # fmt: skip


def merge_ranges(
    ranges: Iterable[tuple[int, int]], duration_ms: int
) -> tuple[tuple[int, int], ...]:
    """Clip ranges to the recording, drop empty ones, and merge overlapping or touching ones."""
    cleaned = sorted((max(0, int(a)), min(duration_ms, int(b))) for a, b in ranges)
    merged: list[tuple[int, int]] = []
    for start, end in cleaned:
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(merged)


MAX_TITLE = 200
MAX_REASON = 200

# Flags on a clip, a part of one, a note or a session: sensitive material leaves the project only
# where the output chooses to include it (a pack's "include sensitive"); safeguarding never does.
SENSITIVE = "sensitive"
SAFEGUARDING = "safeguarding"
FLAGS = (SENSITIVE, SAFEGUARDING)


@dataclass(frozen=True)
class FlaggedRange:
    """A part of a clip (ms of the recording, like bleeps) flagged sensitive or safeguarding,
    with a short reason: what is said there, in the transcript and in the audio, is kept in."""

    id: str
    clip_id: str
    start_ms: int
    end_ms: int
    flag: str
    reason: str = ""

    def validated(self, duration_ms: int = 0) -> FlaggedRange:
        if self.flag not in FLAGS:
            raise ValidationError("A part of a clip is flagged sensitive or safeguarding.")
        start, end = int(self.start_ms), int(self.end_ms)
        if duration_ms > 0:
            start, end = max(0, start), min(end, duration_ms)
        if not 0 <= start < end:
            raise ValidationError("Choose a part of the clip to flag: drag across the waveform.")
        reason = " ".join(self.reason.split())
        if len(reason) > MAX_REASON:
            raise ValidationError(f"The reason can be at most {MAX_REASON} characters.")
        return replace(self, start_ms=start, end_ms=end, reason=reason)

    def applies(self, include_sensitive: bool = False) -> bool:
        """Is this part kept out of an output that does (or does not) include sensitive material?"""
        return self.flag == SAFEGUARDING or not include_sensitive


@dataclass(frozen=True)
class Clip:
    """A piece made in the radio lab: a recording plus everything said about it. The audio
    itself is only referenced; `recording_id` is None once a withdrawal erased it."""

    id: str
    title: str
    recording_id: str | None
    duration_ms: int = 0  # of the whole recording (0 when the audio was erased)
    session_id: str | None = None
    edits: Edits = field(default_factory=Edits)
    transcript: str = ""
    speakers: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    created_at: str = ""
    sensitive: bool = False  # the whole clip is sensitive
    safeguarding: bool = False  # the whole clip never leaves the project
    ranges: tuple[FlaggedRange, ...] = ()  # flagged parts (read with the clip, saved apart)
    words: tuple[TimedWord, ...] = ()  # word timings of this transcript (read with it, saved apart)

    @property
    def flag(self) -> str | None:
        """The clip's own flag as a whole: "safeguarding", "sensitive" or None."""
        return SAFEGUARDING if self.safeguarding else SENSITIVE if self.sensitive else None

    def audio_flag(self, include_sensitive: bool = False) -> str | None:
        """The strongest flag on a part of what the rendered (trimmed) audio plays, counting a
        sensitive part only when the output does not include sensitive material."""
        start = self.edits.trim_in_ms
        end = self.edits.trim_out_ms or self.duration_ms or 2**62
        flags = {r.flag for r in self.ranges
                 if r.applies(include_sensitive) and r.start_ms < end and r.end_ms > start}
        return SAFEGUARDING if SAFEGUARDING in flags else (SENSITIVE if flags else None)

    @property
    def has_audio(self) -> bool:
        return self.recording_id is not None and self.duration_ms > 0

    @property
    def length_ms(self) -> int:
        """How long the rendered clip lasts (after trimming)."""
        if not self.has_audio:
            return 0
        return (self.edits.trim_out_ms or self.duration_ms) - self.edits.trim_in_ms

    def validated(self) -> Clip:
        title = " ".join(self.title.split())
        if not title:
            raise ValidationError("A clip needs a title.")
        if len(title) > MAX_TITLE:
            raise ValidationError(f"A clip title can be at most {MAX_TITLE} characters.")
        edits = self.edits.validated(self.duration_ms) if self.has_audio else self.edits
        return replace(self, title=title, edits=edits, speakers=tuple(dict.fromkeys(self.speakers)),
                       themes=tuple(dict.fromkeys(self.themes)))  # fmt: skip


def describe_edits(edits: Edits, duration_ms: int) -> str:
    """Plain words for the clips table, e.g. "trimmed 0:02–0:14, +3 dB, normalised, 1 bleep"."""
    parts = []
    out = edits.trim_out_ms if edits.trim_out_ms is not None else duration_ms
    if edits.trim_in_ms or out < duration_ms:
        parts.append(f"trimmed {timestamp(edits.trim_in_ms)[1:-1]}–{timestamp(out)[1:-1]}")
    if edits.gain_db:
        parts.append(f"{edits.gain_db:+g} dB")
    if edits.normalise:
        parts.append("normalised")
    if edits.bleeps:
        n = len(edits.bleeps)
        parts.append(f"{n} bleep" + ("s" if n > 1 else ""))
    return ", ".join(parts) or "no edits"


# transcripts ------------------------------------------------------------------------------
TIMESTAMP = re.compile(r"\[(?:(\d+):)?(\d{1,2}):(\d{2})(?:\.(\d))?\]")


def clock(ms: int) -> str:
    """m:ss, or h:mm:ss from an hour on."""
    seconds = max(0, int(ms)) // 1000
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def timestamp(ms: int) -> str:
    """A transcript timestamp such as "[1:23.4]" for a playhead position."""
    return f"[{clock(ms)}.{max(0, int(ms)) % 1000 // 100}]"


def timestamps(text: str) -> list[tuple[int, int, int]]:
    """(start, end, ms) of every timestamp in a transcript."""
    out = []
    for match in TIMESTAMP.finditer(text):
        hours, minutes, seconds, tenths = match.groups()
        if int(seconds) > 59 or (hours and int(minutes) > 59):
            continue
        ms = ((int(hours or 0) * 60 + int(minutes)) * 60 + int(seconds)) * 1000
        out.append((match.start(), match.end(), ms + int(tenths or 0) * 100))
    return out


def timestamp_at(text: str, index: int) -> int | None:
    """The time of the timestamp at (or touching) a character position, if there is one."""
    for start, end, ms in timestamps(text):
        if start <= index <= end:
            return ms
    return None


REMOVED = "[removed: {0}]"


def removed_from(transcript: str, ranges: Iterable[FlaggedRange],
                 include_sensitive: bool = False) -> str:
    """The transcript without what is said in the flagged parts that apply: each timestamped
    stretch (from its timestamp up to the next one, or the end of its line when the next
    begins a later line) that overlaps such a part becomes "[removed: safeguarding]" or
    "[removed: sensitive]"; its timestamp stays, so captions keep their places. A stretch lasts
    until the next timestamp's time (the last one, to the end), so a part flagged between two
    timestamps removes the stretch it falls in. Text before the first timestamp runs from the
    start; a transcript without timestamps is one stretch, removed whole if any part applies."""
    ranges = [r for r in ranges if r.applies(include_sensitive)]
    if not ranges or not transcript.strip():
        return transcript
    stamps = timestamps(transcript)
    # (text from, text to, time from, time to) of each stretch
    stretches = [(0, stamps[0][0] if stamps else len(transcript), 0,
                  stamps[0][2] if stamps else 2**62)]
    for n, (_start, end, ms) in enumerate(stamps):
        after = stamps[n + 1] if n + 1 < len(stamps) else None
        upto = after[2] if after and after[2] > ms else 2**62
        stretches.append((end, after[0] if after else len(transcript), ms, upto))
    out, done = [], 0
    for text_from, text_to, time_from, time_to in stretches:
        flags = {r.flag for r in ranges if r.start_ms < time_to and r.end_ms > time_from}
        body = transcript[text_from:text_to]
        if not flags or not body.strip():
            continue
        if "\n" in body:  # to the end of its line: the line after keeps its own start
            text_to = text_from + body.rindex("\n")
            if not transcript[text_from:text_to].strip():
                continue
        flag = SAFEGUARDING if SAFEGUARDING in flags else SENSITIVE
        out.append(transcript[done:text_from])
        out.append((" " if text_from else "") + REMOVED.format(flag))
        done = text_to
    out.append(transcript[done:])
    return "".join(out)
