"""The demo voice: exact length, reproducible, a sensible level, and shaped like speech."""

from __future__ import annotations

import math
import warnings

import pytest

from coprod_desktop.audio.levels import dominant_frequency
from coprod_desktop.audio.synth import speech_like

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    import audioop

RATE = 48_000
FULL_SCALE = 32767


def windows(pcm: bytes, ms: int, rate: int = RATE) -> list[bytes]:
    size = rate * ms // 1000 * 2
    return [pcm[i : i + size] for i in range(0, len(pcm) - size + 1, size)]


@pytest.mark.parametrize(
    ("seconds", "rate"),
    [(15.0, 48_000), (2.5, 44_100), (1.234, 16_000), (0.05, 8_000), (0, 48_000)],
)
def test_length_is_exact(seconds, rate):
    assert len(speech_like(seconds, rate=rate)) == round(seconds * rate) * 2


def test_same_seed_same_sound_and_other_seeds_differ():
    assert speech_like(3.0, seed=5) == speech_like(3.0, seed=5)
    assert speech_like(3.0, seed=5) != speech_like(3.0, seed=6)
    assert speech_like(3.0, seed=5, pitch_hz=200) != speech_like(3.0, seed=5)


@pytest.mark.parametrize("seed", [0, 1, 7, 42])
def test_peak_is_loud_but_never_clips(seed):
    peak = audioop.max(speech_like(8.0, seed=seed), 2)
    assert peak < FULL_SCALE
    assert 20 * math.log10(peak / FULL_SCALE) > -12


@pytest.mark.parametrize("seed", [0, 3])
def test_phrases_have_pauses_between_them(seed):
    rms = [audioop.rms(w, 2) for w in windows(speech_like(8.0, seed=seed), 100)]
    silent = sum(1 for r in rms if r < 50)
    assert silent >= 2  # a 200-500 ms gap every 1.5-3 s
    assert silent < len(rms) // 3  # but mostly talking


@pytest.mark.parametrize("seed", [0, 3])
def test_energy_rises_and_falls_at_syllable_rate(seed):
    seconds = 8.0
    rms = [audioop.rms(w, 2) for w in windows(speech_like(seconds, seed=seed), 50)]
    loud = sorted(r for r in rms if r >= 50)
    assert loud[len(loud) * 9 // 10] > 3 * loud[len(loud) // 10]
    triples = zip(rms, rms[1:], rms[2:], strict=False)
    dips = sum(1 for a, b, c in triples if b < a and b <= c and b < 0.6 * max(a, c))
    assert 2 <= dips / seconds <= 7


def test_it_is_not_the_bleep_tone():
    """Zero crossings over quarter seconds wander with the vowels; a 1 kHz tone would not."""
    estimates = [
        dominant_frequency(w, RATE)
        for w in windows(speech_like(8.0, seed=2), 250)
        if audioop.rms(w, 2) > 500
    ]
    assert len(estimates) > 10
    assert max(estimates) - min(estimates) > 200
    assert sum(1 for f in estimates if abs(f - 1000) < 50) < len(estimates) / 2
