"""Levels of 16-bit mono PCM: the live meter's peak, clipping, and the waveform overview.

Everything here runs in C (audioop, or audioop-lts on Python >= 3.13), so a one-hour
recording's waveform takes a fraction of a second beyond reading it."""

from __future__ import annotations

import array
import itertools
import warnings
from collections.abc import Iterable

with warnings.catch_warnings():  # deprecated in 3.11-3.12; audioop-lts replaces it from 3.13
    warnings.simplefilter("ignore", DeprecationWarning)
    import audioop

FULL_SCALE = 32767
CLIP_LEVEL = 0.98  # a peak this close to full scale means the input is clipping
BUCKET_MS = 10  # one waveform value per 10 ms


def peak(pcm: bytes, sample_width: int = 2) -> float:
    """The block's peak as a fraction of full scale (0..1)."""
    usable = len(pcm) - len(pcm) % sample_width
    if not usable:
        return 0.0
    return min(1.0, audioop.max(pcm[:usable], sample_width) / FULL_SCALE)


def is_clipping(level: float) -> bool:
    return level >= CLIP_LEVEL


def waveform(chunks: Iterable[bytes], sample_rate: int, bucket_ms: int = BUCKET_MS) -> bytes:
    """One byte per `bucket_ms` of 16-bit mono sound: the bucket's peak, 0..255.

    Chunks can be any length; buckets continue across chunk boundaries."""
    bucket_bytes = max(2, sample_rate * bucket_ms // 1000 * 2)
    out = bytearray()
    carry = b""
    for chunk in chunks:
        data = carry + bytes(chunk) if carry else bytes(chunk)
        whole = len(data) - len(data) % bucket_bytes
        view = memoryview(data)
        out += bytes(
            min(255, audioop.max(view[i : i + bucket_bytes], 2) * 255 // FULL_SCALE)
            for i in range(0, whole, bucket_bytes)
        )
        carry = data[whole:]
    carry = carry[: len(carry) - len(carry) % 2]
    if carry:
        out.append(min(255, audioop.max(carry, 2) * 255 // FULL_SCALE))
    return bytes(out)


def dominant_frequency(pcm: bytes, sample_rate: int) -> float:
    """Rough pitch of a steady tone by counting upward zero crossings (for checks and tests)."""
    samples = array.array("h", pcm[: len(pcm) - len(pcm) % 2])
    crossings = sum(1 for a, b in itertools.pairwise(samples) if a < 0 <= b)
    return crossings * sample_rate / max(1, len(samples))
