"""Speech-like sound for demo projects: a made-up voice talking, generated on the spot.

Phrases of syllables (3-6 a second) with pauses between them; each syllable is a vowel
(a glottal-like harmonic series shaped by three formants) at a slowly drifting pitch, sometimes
after a short hiss of a consonant. No downloads, no bundled files, and fast: one pitch period
is built per syllable and tiled, and envelopes are applied in 2.5 ms steps, all in C
(audioop): 15 seconds at 48 kHz take a few tens of milliseconds."""

from __future__ import annotations

import array
import math
import random
import warnings

with warnings.catch_warnings():  # deprecated in 3.11-3.12; audioop-lts replaces it from 3.13
    warnings.simplefilter("ignore", DeprecationWarning)
    import audioop

PEAK = 16_000  # about -6 dBFS
VOWELS = ((730, 1090, 2440), (530, 1840, 2480), (270, 2290, 3010), (570, 840, 2410),
          (300, 870, 2240), (660, 1720, 2410), (490, 1350, 1690))  # fmt: skip  # F1-F3, Hz


def _period(rate: int, f0: float, formants: tuple[int, int, int]) -> bytes:
    """One period of a vowel: harmonics falling off as 1/k through three formant resonators.

    Harmonic k is the one-cycle sine table tiled k times, taking every k-th sample (in C)."""
    size = max(2, round(rate / f0))
    f0 = rate / size
    table = array.array("i", [round(2**20 * math.sin(2 * math.pi * i / size)) for i in range(size)])
    wave = bytes(4 * size)
    for k in range(1, int(min(4500, rate / 2.2) / f0) + 1):
        f = k * f0
        gain = 1 / k
        for fk, bk in zip(formants, (80, 100, 140), strict=True):
            gain *= fk * fk / math.hypot(fk * fk - f * f, f * bk)
        wave = audioop.add(wave, audioop.mul((table * k)[::k].tobytes(), 4, gain), 4)
    wave = audioop.mul(wave, 4, PEAK * 65536 / max(1, audioop.max(wave, 4)))
    return audioop.lin2lin(wave, 4, 2)


def _shaped(pcm: bytes, rate: int, loudness: float) -> bytes:
    """A smooth hump (half a sine) over the sound, in 2.5 ms steps: no clicks at either end."""
    step = max(1, rate // 400) * 2
    steps = max(1, -(-len(pcm) // step))
    return b"".join(audioop.mul(pcm[j * step : (j + 1) * step], 2,
                                loudness * math.sin(math.pi * (j + 0.5) / steps))
                    for j in range(steps))  # fmt: skip


def speech_like(
    seconds: float, rate: int = 48_000, seed: int = 0, pitch_hz: float = 140.0
) -> bytes:
    """Mono signed 16-bit little-endian PCM of exactly round(seconds * rate) samples."""
    rng = random.Random(seed)
    total = max(0, round(seconds * rate))
    lag = max(1, round(rate / 16_000)) * 2  # hiss = noise minus itself delayed: peaks near 8 kHz
    noise = rng.randbytes(rate // 5 + lag)
    hiss = audioop.add(audioop.mul(noise[lag:], 2, 0.15), audioop.mul(noise[:-lag], 2, -0.15), 2)
    used = min(total, rate // 10)
    pieces = [b"\0\0" * used]
    while True:
        phrase_start, phrase_len = used, rate * rng.uniform(1.5, 3.0)
        rise = rng.uniform(0.0, 0.15)  # starts a little high, falls through the phrase
        first = True
        while used < phrase_start + phrase_len:
            syllable = b""
            if rng.random() < 0.45:  # an unvoiced consonant before the vowel
                length = int(rate * rng.uniform(0.03, 0.08))
                start = rng.randrange(0, len(hiss) // 2 - length) * 2
                syllable += _shaped(hiss[start : start + length * 2], rate, rng.uniform(0.3, 0.6))
            drift = rise - 0.2 * (used - phrase_start) / phrase_len + rng.uniform(-0.05, 0.05)
            f0 = pitch_hz * (1 + max(-0.2, min(0.2, drift)))
            period = _period(rate, f0, rng.choice(VOWELS))
            length = max(rate // 20, int(rate / rng.uniform(3.0, 6.0)) - len(syllable) // 2)
            voiced = period * max(1, length * 2 // len(period))  # whole periods: ends at 0
            syllable += _shaped(voiced, rate, 1.0 if first else rng.uniform(0.6, 1.0))
            syllable += b"\0\0" * int(rate * rng.uniform(0.0, 0.03))
            if used + len(syllable) // 2 > total:
                return (b"".join(pieces) + b"\0\0" * (total - used))[: total * 2]
            pieces.append(syllable)
            used += len(syllable) // 2
            first = False
        gap = int(rate * rng.uniform(0.2, 0.5))
        pieces.append(b"\0\0" * min(gap, total - used))
        used += min(gap, total - used)
