"""Render a clip from its recording and non-destructive edits, with pydub: bleeps replace the
marked sound with a tone (the words are gone, not just covered), then trim, gain and
loudness normalising. WAV needs no ffmpeg; other formats do."""

from __future__ import annotations

import io
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


def bleep(segment: AudioSegment, start_ms: int, end_ms: int) -> AudioSegment:
    tone = Sine(BLEEP_HZ, sample_rate=segment.frame_rate).to_audio_segment(
        duration=end_ms - start_ms, volume=BLEEP_DBFS
    )
    tone = tone.set_channels(segment.channels).set_sample_width(segment.sample_width)
    return segment[:start_ms] + tone + segment[end_ms:]


def normalise(segment: AudioSegment) -> AudioSegment:
    """Bring the average loudness to TARGET_DBFS without letting peaks pass the ceiling."""
    if segment.rms == 0:
        return segment
    gain = TARGET_DBFS - segment.dBFS
    gain = min(gain, PEAK_CEILING_DBFS - segment.max_dBFS)
    return segment.apply_gain(gain)


def render(segment: AudioSegment, edits: Edits) -> AudioSegment:
    edits = edits.validated(len(segment))
    for start, end in edits.bleeps:
        segment = bleep(segment, start, end)
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
