"""Synthetic speech with exact word boundaries, for the word-timing tests and benchmark.

Each word is spoken separately by espeak-ng (all words of a text in one call, with long breaks
between them, then cut apart at those breaks), its silence trimmed, and the words joined with
known gaps: so where every word starts and ends is known to the sample. Helpers add noise at a
given SNR and long pauses. Nothing here is part of the app."""

from __future__ import annotations

import functools
import io
import random
import re
import shutil
import subprocess
import wave
from dataclasses import dataclass

import numpy as np
from scipy.signal import resample_poly

RATE = 16_000
BREAK_MS = 900
THRESHOLD = 300  # |sample| above this is sound when trimming a word


@dataclass
class Utterance:
    """16 kHz mono int16 samples and, per word, its (start_ms, end_ms)."""

    words: list[str]
    samples: np.ndarray
    truth: list[tuple[int, int]]

    @property
    def pcm(self) -> bytes:
        return self.samples.astype("<i2").tobytes()

    @property
    def duration_ms(self) -> int:
        return len(self.samples) * 1000 // RATE


def available() -> bool:
    return shutil.which("espeak-ng") is not None


def tokens(text: str) -> list[str]:
    return re.findall(r"[^\W_](?:[\w'’.-]*[^\W_])?", text)


def _wav(text: str, voice: str, wpm: int, ssml: bool) -> np.ndarray:
    command = ["espeak-ng", "-v", voice, "-s", str(wpm), "--stdout"] + (["-m"] if ssml else [])
    done = subprocess.run([*command, text], capture_output=True, check=True, timeout=300)
    with wave.open(io.BytesIO(done.stdout)) as w:
        rate = w.getframerate()
        data = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.float64)
    g = np.gcd(rate, RATE)
    return np.clip(resample_poly(data, RATE // g, rate // g), -32768, 32767)


def _trim(samples: np.ndarray) -> np.ndarray:
    loud = np.flatnonzero(np.abs(samples) > THRESHOLD)
    return samples[loud[0] : loud[-1] + 1] if len(loud) else samples[:0]


def _runs(samples: np.ndarray, min_ms: int) -> list[tuple[int, int]]:
    """Stretches of sound separated by at least min_ms of quiet: (first, last+1) samples."""
    loud = np.flatnonzero(np.abs(samples) > THRESHOLD)
    if not len(loud):
        return []
    gaps = np.flatnonzero(np.diff(loud) > min_ms * RATE // 1000)
    starts = np.concatenate(([loud[0]], loud[gaps + 1]))
    ends = np.concatenate((loud[gaps], [loud[-1]])) + 1
    return list(zip(starts.tolist(), ends.tolist(), strict=True))


@functools.lru_cache(maxsize=4096)
def _word_sounds(words: tuple[str, ...], voice: str, wpm: int) -> tuple[np.ndarray, ...]:
    safe = [re.sub(r"[<>&\"]", "", w) for w in words]
    text = f' <break time="{BREAK_MS}ms"/> '.join(safe)
    whole = _wav(f"<speak>{text}</speak>", voice, wpm, ssml=True)
    runs = _runs(whole, BREAK_MS // 2)
    if len(runs) == len(words):
        return tuple(whole[a:b] for a, b in runs)
    return tuple(_trim(_wav(w, voice, wpm, ssml=False)) for w in safe)  # one call per word


def utterance(text: str, voice: str = "en-us", wpm: int = 160, seed: int = 0,
              gap_ms: tuple[int, int] = (40, 160), lead_ms: int = 300) -> Utterance:  # fmt: skip
    """The words of `text` spoken one by one and joined with random gaps (seeded)."""
    words = tokens(text)
    sounds = _word_sounds(tuple(words), voice, wpm)
    rng = random.Random(seed)
    parts = [np.zeros(lead_ms * RATE // 1000)]
    at = len(parts[0])
    truth = []
    for n, sound in enumerate(sounds):
        if n:
            gap = np.zeros(rng.randint(*gap_ms) * RATE // 1000)
            parts.append(gap)
            at += len(gap)
        truth.append((at * 1000 // RATE, (at + len(sound)) * 1000 // RATE))
        parts.append(sound)
        at += len(sound)
    parts.append(np.zeros(lead_ms * RATE // 1000))
    return Utterance(words, np.concatenate(parts), truth)


def continuous(text: str, voice: str = "en-us", wpm: int = 160) -> np.ndarray:
    """The text spoken as one sentence (no word boundaries known): for drafting."""
    return _wav(text, voice, wpm, ssml=False)


def with_pauses(utt: Utterance, pauses: dict[int, int]) -> Utterance:
    """`pauses`: word index -> ms of silence inserted before that word."""
    parts, truth, shift, last = [], [], 0, 0
    for n, (a, b) in enumerate(utt.truth):
        if n in pauses:
            cut = a * RATE // 1000
            parts += [utt.samples[last:cut], np.zeros(pauses[n] * RATE // 1000)]
            last = cut
            shift += pauses[n]
        truth.append((a + shift, b + shift))
    parts.append(utt.samples[last:])
    return Utterance(list(utt.words), np.concatenate(parts), truth)


def random_pauses(utt: Utterance, seed: int, count: int = 2, low_ms: int = 1500,
                  high_ms: int = 5000) -> Utterance:  # fmt: skip
    rng = random.Random(seed)
    places = list(range(1, len(utt.words)))
    chosen = rng.sample(places, min(count, len(places)))
    return with_pauses(utt, {n: rng.randint(low_ms, high_ms) for n in chosen})


def with_noise(utt: Utterance, snr_db: float, seed: int = 0) -> Utterance:
    """Pink-ish noise over the whole clip at `snr_db` below the speech's power."""
    rng = np.random.default_rng(seed)
    speech = np.concatenate([utt.samples[a * RATE // 1000 : b * RATE // 1000]
                             for a, b in utt.truth])  # fmt: skip
    power = float(np.mean(speech**2)) if len(speech) else 1.0
    white = rng.standard_normal(len(utt.samples))
    noise = np.convolve(white, np.ones(4) / 4, mode="same")  # less hiss, more rumble
    noise *= np.sqrt(power / 10 ** (snr_db / 10) / float(np.mean(noise**2)))
    return Utterance(list(utt.words), np.clip(utt.samples + noise, -32768, 32767), utt.truth)


def joined(utts: list[Utterance], gap_ms: int = 600) -> Utterance:
    parts, truth, words, at = [], [], [], 0
    for u in utts:
        parts += [u.samples, np.zeros(gap_ms * RATE // 1000)]
        truth += [(a + at, b + at) for a, b in u.truth]
        words += u.words
        at = sum(len(p) for p in parts) * 1000 // RATE
    return Utterance(words, np.concatenate(parts), truth)


def anchors_every(utt: Utterance, every_ms: int = 30_000) -> list[tuple[int, int]]:
    """Typed timestamps as a transcriber makes them: about every `every_ms`, at a word's start
    (rounded down to 100 ms, as "[1:02.3]" is)."""
    out, next_at = [], every_ms
    for n, (a, _b) in enumerate(utt.truth):
        if a >= next_at:
            out.append((n, a // 100 * 100))
            next_at = a + every_ms
    return out
