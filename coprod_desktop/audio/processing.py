"""Render a clip from its recording and non-destructive edits, with pydub: bleeps replace the
marked sound with a tone (the words are gone, not just covered), then trim, gain and
loudness normalising. WAV needs no ffmpeg; other formats do."""

from __future__ import annotations

import array
import functools
import io
import math
import shutil
import warnings

from coprod_desktop.domain.clips import Edits

with warnings.catch_warnings():  # pydub warns at import when ffmpeg is absent: WAV needs none
    warnings.simplefilter("ignore", RuntimeWarning)
    from pydub import AudioSegment
    from pydub.generators import Sine

BLEEP_HZ = 1000
BLEEP_DBFS = -12.0
TARGET_DBFS = -20.0  # average loudness after normalising
PEAK_CEILING_DBFS = -1.0


def from_pcm(pcm: bytes, rate: int, sample_width: int = 2, channels: int = 1) -> AudioSegment:
    return AudioSegment(data=pcm, sample_width=sample_width, frame_rate=rate, channels=channels)


@functools.lru_cache(maxsize=4)
def _tone_second(rate: int, sample_width: int) -> bytes:
    """One second of the bleep tone, 16-bit mono (tiled for longer bleeps)."""
    amplitude = int(32767 * 10 ** (BLEEP_DBFS / 20))
    samples = array.array("h", (int(amplitude * math.sin(2 * math.pi * BLEEP_HZ * i / rate))
                                for i in range(rate)))  # fmt: skip
    return samples.tobytes()


def bleeps(segment: AudioSegment, ranges: tuple[tuple[int, int], ...]) -> AudioSegment:
    """Replace the sound of every range (ms) with the tone, in one pass over the audio."""
    if not ranges:
        return segment
    if segment.sample_width != 2 or segment.channels != 1:  # not what the recorder makes
        for start, end in ranges:
            tone = (
                Sine(BLEEP_HZ, sample_rate=segment.frame_rate)
                .to_audio_segment(duration=end - start, volume=BLEEP_DBFS)
                .set_channels(segment.channels)
                .set_sample_width(segment.sample_width)
            )
            segment = segment[:start] + tone + segment[end:]
        return segment
    rate = segment.frame_rate
    data = bytearray(segment.raw_data)
    second = _tone_second(rate, 2)
    for start_ms, end_ms in ranges:
        start, end = start_ms * rate // 1000 * 2, min(len(data), end_ms * rate // 1000 * 2)
        if end > start:
            length = end - start
            data[start:end] = (second * (length // len(second) + 1))[:length]
    return segment._spawn(bytes(data))


def normalise(segment: AudioSegment) -> AudioSegment:
    """Bring the average loudness to TARGET_DBFS without letting peaks pass the ceiling."""
    if segment.rms == 0:
        return segment
    gain = TARGET_DBFS - segment.dBFS
    gain = min(gain, PEAK_CEILING_DBFS - segment.max_dBFS)
    return segment.apply_gain(gain)


def render(segment: AudioSegment, edits: Edits) -> AudioSegment:
    edits = edits.validated(len(segment))
    segment = bleeps(segment, edits.bleeps)
    segment = segment[edits.trim_in_ms : edits.trim_out_ms or len(segment)]
    if edits.gain_db:
        segment = segment.apply_gain(edits.gain_db)
    if edits.normalise:
        segment = normalise(segment)
    return segment


def wav_bytes(segment: AudioSegment) -> bytes:
    buffer = io.BytesIO()
    segment.export(buffer, format="wav")
    return buffer.getvalue()


def encoded(segment: AudioSegment, fmt: str) -> bytes:
    """The segment as a file in `fmt` (WAV here; MP3/OGG through ffmpeg)."""
    if fmt == "wav":
        return wav_bytes(segment)
    buffer = io.BytesIO()
    segment.export(buffer, format=fmt, codec="libvorbis" if fmt == "ogg" else None)
    return buffer.getvalue()


def can_export(fmt: str) -> bool:
    """WAV always; MP3 and OGG only where an ffmpeg binary is installed."""
    return fmt == "wav" or shutil.which("ffmpeg") is not None
