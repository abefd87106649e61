"""Clip rendering with pydub on generated audio: bleeps remove the words, trim, gain, normalise."""

from __future__ import annotations

import io
import itertools
import math
import struct
import wave

import pytest

from coprod_desktop.audio.processing import from_pcm, render, wav_bytes
from coprod_desktop.domain.clips import Edits, merge_ranges
from coprod_desktop.domain.errors import ValidationError

RATE = 48_000


def tone(seconds: float, hz: float = 300, amplitude: float = 0.3) -> bytes:
    n = int(seconds * RATE)
    return b"".join(struct.pack("<h", int(32767 * amplitude * math.sin(2 * math.pi * hz * i
                                                                         / RATE)))
                    for i in range(n))  # fmt: skip


def dominant_hz(segment, start_ms: int, end_ms: int) -> float:
    """Zero crossings per second, halved: the frequency of a pure tone."""
    samples = segment[start_ms:end_ms].get_array_of_samples()
    crossings = sum(1 for a, b in itertools.pairwise(samples) if (a < 0) != (b < 0))
    return crossings / 2 / ((end_ms - start_ms) / 1000)


def test_bleep_replaces_the_sound_in_the_range():
    speech = from_pcm(tone(3.0, hz=300), RATE)
    out = render(speech, Edits(bleeps=((1000, 2000),)))
    assert len(out) == 3000
    assert abs(dominant_hz(out, 200, 900) - 300) < 10
    assert abs(dominant_hz(out, 1100, 1900) - 1000) < 20  # the tone, and only the tone
    assert abs(dominant_hz(out, 2100, 2900) - 300) < 10


def test_trim_gain_and_normalise():
    speech = from_pcm(tone(4.0, amplitude=0.05), RATE)
    out = render(speech, Edits(trim_in_ms=500, trim_out_ms=3500, gain_db=6))
    assert len(out) == 3000
    assert out.dBFS == pytest.approx(speech.dBFS + 6, abs=0.2)
    loud = render(speech, Edits(normalise=True))
    assert loud.dBFS == pytest.approx(-20, abs=0.5) and loud.max_dBFS <= -0.9


def test_bleeps_are_relative_to_the_recording_before_trimming():
    speech = from_pcm(tone(4.0), RATE)
    out = render(speech, Edits(trim_in_ms=1000, bleeps=((1500, 2500),)))
    assert abs(dominant_hz(out, 600, 1400) - 1000) < 20  # 1.5–2.5 s of the recording


def test_invalid_edits_are_refused():
    speech = from_pcm(tone(1.0), RATE)
    for edits in (Edits(trim_in_ms=900, trim_out_ms=100), Edits(trim_out_ms=5000),
                  Edits(gain_db=60)):  # fmt: skip
        with pytest.raises(ValidationError):
            render(speech, edits)


def test_ranges_merge_and_clip():
    assert merge_ranges([(500, 900), (0, 100), (800, 1200), (1300, 1300), (-50, 20)], 1000) == (
        (0, 100), (500, 1000))  # fmt: skip


def test_wav_export_without_ffmpeg():
    data = wav_bytes(from_pcm(tone(0.5), RATE))
    with wave.open(io.BytesIO(data)) as wav:
        assert (wav.getframerate(), wav.getnchannels(), wav.getnframes()) == (RATE, 1, RATE // 2)
