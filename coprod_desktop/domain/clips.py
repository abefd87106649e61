"""Radio-lab clips: non-destructive edits of a recording and the rules for them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from .errors import ValidationError

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
