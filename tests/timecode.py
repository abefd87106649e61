"""A test signal whose every sample says where it is: fed into the virtual microphone, any
stretch of a recording can be placed exactly in what was fed, so lost, dropped or repeated
sound shows to the sample.

The signal is 16-bit mono at 48 kHz, two levels only (+LEVEL for a 0 bit, -LEVEL for a 1 bit),
in frames of 64 samples: a 16-bit sync word, the frame's number (32 bits) and a 16-bit check.
Sample `n` of the signal is sample `n % 64` of frame `n // 64`. Only the sign of each sample
is read back, so a gain on the way does not matter, and silence (near zero) is never taken for
the signal. Pure Python: fast enough for an hour of sound (bytes.translate and str.find do the
work)."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

RATE = 48_000
FRAME = 64
LEVEL = 8_000
SYNC = "1110010110001101"
_ZERO = LEVEL.to_bytes(2, "little", signed=True)
_ONE = (-LEVEL).to_bytes(2, "little", signed=True)
# The high byte of a little-endian sample says enough: 0x01-0x7F is clearly positive (a 0 bit),
# 0x80-0xFE clearly negative (a 1 bit); 0x00 and 0xFF are within 256 of zero, which the signal
# never is (silence, say): '?', which matches nothing.
_SIGN = bytes(ord("?") if b in (0x00, 0xFF) else ord("0") if b < 0x80 else ord("1")
              for b in range(256))  # fmt: skip
_BYTE_SAMPLES = [b"".join(_ONE if bit == "1" else _ZERO for bit in f"{b:08b}") for b in range(256)]


def _check(number: int) -> int:
    return ((number * 0x9E37) ^ (number >> 16) ^ 0x5A5A) & 0xFFFF


def frame_bits(number: int) -> str:
    return f"{SYNC}{number:032b}{_check(number):016b}"


def frame_pcm(number: int) -> bytes:
    word = (int(SYNC, 2) << 48) | (number << 16) | _check(number)
    return b"".join(_BYTE_SAMPLES[b] for b in word.to_bytes(8, "big"))


def pcm(start: int, count: int) -> bytes:
    """Samples start .. start+count-1 of the signal, as s16le bytes."""
    first, last = start // FRAME, (start + count - 1) // FRAME
    whole = b"".join(frame_pcm(k) for k in range(first, last + 1))
    skip = (start - first * FRAME) * 2
    return whole[skip : skip + count * 2]


def bits(recorded: bytes) -> str:
    """One '0', '1' or '?' per recorded sample (its sign, or too near zero to say)."""
    return recorded[1::2].translate(_SIGN).decode("ascii")


@dataclass(frozen=True)
class Run:
    """recorded[at : at+length] is samples first .. first+length-1 of the signal."""

    at: int
    first: int
    length: int

    @property
    def end(self) -> int:
        return self.at + self.length

    @property
    def last(self) -> int:
        return self.first + self.length - 1


@dataclass
class Decoded:
    runs: list[Run]
    samples: int  # recorded samples in all

    @property
    def first(self) -> int:
        """The signal's sample that the recording begins with (its first run's)."""
        return self.runs[0].first

    @property
    def last(self) -> int:
        return self.runs[-1].last

    @property
    def gaps(self) -> list[tuple[int, int]]:
        """Stretches of the signal (first, after-last sample) that the recording skips."""
        return [(a.last + 1, b.first) for a, b in pairwise(self.runs) if b.first > a.last + 1]

    @property
    def missing(self) -> int:
        """Samples of the signal between the first and the last that are not in the
        recording (dropped)."""
        return sum(end - start for start, end in self.gaps)

    @property
    def repeated(self) -> int:
        """Samples heard twice (the signal going back between runs)."""
        return sum(max(0, a.last + 1 - b.first) for a, b in pairwise(self.runs))

    @property
    def foreign(self) -> int:
        """Recorded samples that are not the signal (silence from a feeder that was late)."""
        return self.samples - sum(r.length for r in self.runs)


def decode(recorded: bytes) -> Decoded:
    """Place every stretch of the recording in the signal."""
    signs = bits(recorded)
    total = len(signs)
    runs: list[Run] = []
    pos = signs.find(SYNC)
    while 0 <= pos <= total - FRAME:
        number = int(signs[pos + 16 : pos + 48], 2)
        if signs[pos + 48 : pos + 64] != f"{_check(number):016b}":
            pos = signs.find(SYNC, pos + 1)
            continue
        start, first = pos, number * FRAME
        # back over a partial frame (or a run's start) while the signs still agree
        floor = runs[-1].end if runs else 0
        while start > floor and first > 0:
            expected = frame_bits((first - 1) // FRAME)[(first - 1) % FRAME]
            if signs[start - 1] != expected:
                break
            start, first = start - 1, first - 1
        # forward, frame by frame, then sample by sample into the next partial frame
        end = pos
        while end + FRAME <= total and signs[end : end + FRAME] == frame_bits(number):
            end, number = end + FRAME, number + 1
        tail = frame_bits(number)
        part = 0
        while part < FRAME and end + part < total and signs[end + part] == tail[part]:
            part += 1
        end += part
        runs.append(Run(start, first, end - start))
        pos = signs.find(SYNC, end)
    if not runs:
        raise ValueError("the recording does not hold the test signal")
    return Decoded(runs, total)
