"""Radio-lab clips: non-destructive edits of a recording and the rules for them."""

from __future__ import annotations

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
