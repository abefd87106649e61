"""Mix a programme's running order into one track at a podcast or broadcast loudness.

Each piece is 16-bit mono PCM the caller has already rendered (trims, bleeps, gain). It is
resampled to 48 kHz if it needs to be, faded over the edges it crossfades on, and added in at
its start. The sum is then brought to a target integrated loudness (ITU-R BS.1770-4: 400 ms
blocks every 100 ms, gated at -70 LUFS and 10 LU below, K-weighted with pyloudnorm's filters,
so it reads what pyloudnorm reads) with its true peak (4x oversampled with the BS.1770 annex 2
filter) at most -1 dBTP.

Why a limiter: the gain that makes a programme loud enough can push a few moments (a laugh, a
click, a door) over the ceiling. Lowering the whole programme for them would leave it too quiet,
so a look-ahead peak limiter lowers only those moments (10 ms down, 20 ms held, 10 ms back
up), the loudness is measured again and the gain raised until both targets hold. A programme
that cannot get that loud without being squashed (raising the gain no longer makes it louder)
is left as loud as it gets: Mix.lufs says how loud that is.

Why it is fast: everything is numpy and scipy over blocks of the programme, never a Python loop
per sample. The K-weighted energy of every 10 ms is kept after the first measurement, so a gain
is measured without filtering again, and only the moments the limiter touched are filtered
again. Peaks are screened 32 samples at a time: a block whose samples are too quiet for any
point between them to reach the level in question is never oversampled. Three hours fit in
memory as a few float32 copies.

numpy, scipy and pyloudnorm are imported here and nowhere else: services import this module
only when a programme is rendered, so the app starts without them."""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import ndimage, signal

from coprod_desktop.domain.errors import ValidationError

RATE = 48_000  # output sample rate (the recorder records 48 kHz mono 16-bit)
PODCAST_LUFS = -16.0
BROADCAST_LUFS = -23.0  # EBU R128
CEILING_DBTP = -1.0

FULL_SCALE = 32768.0  # 16-bit PCM <-> float: -32768 is -1.0; +1.0 is clipped to 32767
CHUNK = 1 << 20  # samples filtered or converted at a time: bounded temporaries
LOUDNESS_TOLERANCE_LU = 0.05  # the gain is adjusted until the loudness is this close
MAX_LIMITING_DB = 30.0  # the gain goes no further over the plain gain for the loudness
SAFETY_DB = 0.05  # the limiter aims this far under the ceiling: its gain is not quite smooth

# Gating (ITU-R BS.1770-4, as pyloudnorm does it)
BLOCK_S = 0.4
STEP = 0.25  # of a block: 100 ms
ABSOLUTE_GATE = -70.0
RELATIVE_GATE = -10.0
FINE_S = 0.01  # energies are kept for every 10 ms
SETTLE_S = 0.05  # the K filter forgets a change in this long (slowest pole 0.995: 1e-5)

# True peak: ITU-R BS.1770-4 annex 2, four phases of a 48-tap interpolating filter
_PHASE_0 = (0.0017089843750, 0.0109863281250, -0.0196533203125, 0.0332031250000,
            -0.0594482421875, 0.1373291015625, 0.9721679687500, -0.1022949218750,
            0.0476074218750, -0.0266113281250, 0.0148925781250, -0.0083007812500)  # fmt: skip
_PHASE_1 = (-0.0291748046875, 0.0292968750000, -0.0517578125000, 0.0891113281250,
            -0.1665039062500, 0.4650878906250, 0.7797851562500, -0.2003173828125,
            0.1015625000000, -0.0582275390625, 0.0330810546875, -0.0189208984375)  # fmt: skip
TAPS = 12
PEAK_BLOCK = 32  # samples screened together
PEAK_BATCH = 8192  # blocks oversampled together

# Limiter, in samples at RATE: the gain is the minimum of what every sample needs over a window
# (a look-ahead before a peak, a hold after it), smoothed by two 5 ms moving averages
SMOOTH = 241
MARGIN = 16  # the gain is flat this far either side of a peak: the interpolator sees it flat
LOOK_AHEAD = SMOOTH - 1 + MARGIN
HOLD = RATE * 20 // 1000 + LOOK_AHEAD
HELD_BLOCK = 16  # the minimum over the window is taken a block at a time
REACH = max(LOOK_AHEAD, HOLD) + HELD_BLOCK + SMOOTH  # how far a peak's gain reduction spreads


class Cancelled(Exception):
    """The caller's cancelled() said to stop."""


@dataclass(frozen=True)
class Piece:
    pcm: bytes  # 16-bit signed little-endian mono PCM, already rendered
    rate: int  # its sample rate; resampled to RATE when it differs
    start_ms: int  # where it starts in the programme
    fade_in_ms: int = 0  # crossfade in (0: none)
    fade_out_ms: int = 0  # crossfade out (0: none)


@dataclass(frozen=True)
class Mix:
    samples: np.ndarray  # float32 mono at RATE, in [-1, 1]
    rate: int
    lufs: float  # integrated loudness after normalising; -inf for silence
    true_peak_dbtp: float  # after limiting; <= CEILING_DBTP (-inf for silence)


# -- mixing -------------------------------------------------------------------------------------


def mix(
    pieces: Sequence[Piece],
    target_lufs: float = PODCAST_LUFS,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Mix:
    """The pieces at their starts, summed, at `target_lufs` with true peaks under the ceiling.

    Overlapping pieces are summed; their fades (equal-power quarter sines) make a crossfade.
    Silence, or sound too quiet or too short (under 400 ms) to measure, comes back as it is with
    lufs=-inf. `progress(done, total)` is told after each piece and each stage; `cancelled()`
    is asked as often, and in long stages every million samples, and raises Cancelled."""
    if not pieces:
        raise ValidationError("The running order is empty: there is nothing to play.")
    if not math.isfinite(target_lufs):
        raise ValidationError("The loudness to aim for must be a number of LUFS.")
    total = len(pieces) + 3
    report = progress or (lambda done, total: None)

    def check() -> None:
        if cancelled is not None and cancelled():
            raise Cancelled()

    check()
    x = _placed(pieces, check, lambda done: report(done, total))
    meter = _Meter(len(x), RATE)
    meter.measure(x, check)
    report(len(pieces) + 1, total)
    measured = meter.lufs()
    if not math.isfinite(measured):
        np.clip(x, -1.0, 1.0, out=x)
        report(total, total)
        return Mix(x, RATE, -math.inf, true_peak_dbtp(x, RATE))
    gain, lufs, limited, known = _normalised(x, meter, target_lufs, check)
    report(len(pieces) + 2, total)
    x *= np.float32(gain)
    if limited is not None:
        positions, gains = limited
        x[positions] *= gains
    np.clip(x, -1.0, 1.0, out=x)  # a no-op under the ceiling; keeps the promise regardless
    check()
    highest = _Peaks(x).highest() if known is None else known
    peak = 20 * math.log10(highest) if highest > 0 else -math.inf
    report(total, total)
    return Mix(x, RATE, lufs, peak)


def _validated(piece: Piece) -> None:
    if len(piece.pcm) % 2:
        raise ValidationError("A piece of the programme has damaged sound: half a sample.")
    if piece.rate <= 0:
        raise ValidationError("A piece of the programme has no sample rate.")
    if piece.start_ms < 0:
        raise ValidationError("A piece cannot start before the programme does.")
    if piece.fade_in_ms < 0 or piece.fade_out_ms < 0:
        raise ValidationError("A fade cannot be shorter than nothing.")


def _ratio(rate: int) -> tuple[int, int]:
    common = math.gcd(RATE, rate)
    return RATE // common, rate // common


def _length(piece: Piece) -> int:
    """Samples the piece has at RATE (what resample_poly makes: ceil(n * up / down))."""
    up, down = _ratio(piece.rate)
    return -(-(len(piece.pcm) // 2) * up // down)


def _samples(piece: Piece, out: np.ndarray | None = None) -> np.ndarray:
    """The piece as float32 at RATE, with its fades (written into `out` when given)."""
    pcm = np.frombuffer(piece.pcm, dtype="<i2")
    if piece.rate != RATE and len(pcm):
        up, down = _ratio(piece.rate)
        x = signal.resample_poly(pcm.astype(np.float32) * np.float32(1 / FULL_SCALE), up, down)
        if out is None:
            out = x.astype(np.float32, copy=False)
        else:
            out[...] = x
    else:
        out = np.empty(len(pcm), np.float32) if out is None else out
        np.multiply(pcm, np.float32(1 / FULL_SCALE), out=out, dtype=np.float32)
    for ms, into in ((piece.fade_in_ms, True), (piece.fade_out_ms, False)):
        n = min(len(out), ms * RATE // 1000)
        if n:
            t = (np.arange(n, dtype=np.float64) + 0.5) / n
            curve = np.sin(t * (np.pi / 2)) if into else np.cos(t * (np.pi / 2))
            edge = out[:n] if into else out[len(out) - n :]
            edge *= curve.astype(np.float32)
    return out


def _placed(pieces: Sequence[Piece], check: Callable[[], None],
            placed: Callable[[int], None]) -> np.ndarray:  # fmt: skip
    """The pieces summed at their starts. A piece over silence is written in place; one that
    overlaps another is added."""
    for piece in pieces:
        _validated(piece)
    spans = [(piece.start_ms * RATE // 1000, _length(piece)) for piece in pieces]
    out = np.zeros(max(start + length for start, length in spans), np.float32)
    for i, (piece, (start, length)) in enumerate(zip(pieces, spans, strict=True)):
        check()
        end = start + length
        if any(s < end and start < s + n for s, n in spans[:i]):
            out[start:end] += _samples(piece)
        else:
            _samples(piece, out[start:end])
        placed(i + 1)
    return out


# -- loudness -----------------------------------------------------------------------------------


def integrated_lufs(samples, rate) -> float:
    """Integrated loudness (ITU-R BS.1770-4) of mono float samples in [-1, 1], as pyloudnorm
    measures it; -inf for silence and for sound shorter than one 400 ms block."""
    x = np.asarray(samples, dtype=np.float32).reshape(-1)
    if rate <= 0:
        raise ValidationError("Sound needs a sample rate to be measured.")
    meter = _Meter(len(x), int(rate))
    meter.measure(x)
    return meter.lufs()


@functools.lru_cache(maxsize=8)
def _k_weighting(rate: int) -> np.ndarray:
    """pyloudnorm's K-weighting (a high shelf, then a high pass) as second-order sections."""
    from pyloudnorm.iirfilter import IIRfilter

    stages = (IIRfilter(4.0, 1 / np.sqrt(2), 1500.0, rate, "high_shelf"),
              IIRfilter(0.0, 0.5, 38.0, rate, "high_pass"))  # fmt: skip
    sections = np.array([np.concatenate([np.asarray(s.b) * getattr(s, "passband_gain", 1.0),
                                         np.asarray(s.a)]) for s in stages])  # fmt: skip
    return sections.astype(np.float32)  # filtered in float32: within 0.001 LU of float64


def _gated(z: np.ndarray) -> float:
    """BS.1770-4 gating over the mean squares of the blocks (pyloudnorm's comparisons)."""
    with np.errstate(divide="ignore"):
        level = -0.691 + 10 * np.log10(z)
    above = z[level >= ABSOLUTE_GATE]
    if not above.size:
        return -math.inf
    relative = -0.691 + 10 * math.log10(above.mean()) + RELATIVE_GATE
    kept = z[(level > relative) & (level > ABSOLUTE_GATE)]
    if not kept.size or kept.mean() <= 0:
        return -math.inf
    return -0.691 + 10 * math.log10(kept.mean())


class _Meter:
    """The K-weighted energy of every stretch between two gating-block edges of a signal.

    Kept after one pass, they give the loudness of the signal under any gain without filtering
    it again, and of the signal with a few stretches changed by filtering only those."""

    def __init__(self, length: int, rate: int):
        self.length, self.rate = length, rate
        self.sos = _k_weighting(rate)
        seconds = length / rate
        count = int(np.round((seconds - BLOCK_S) / (BLOCK_S * STEP))) + 1
        if length < BLOCK_S * rate or count < 1:  # pyloudnorm refuses: too short to measure
            count = 0
        j = np.arange(count)
        lower = (BLOCK_S * (j * STEP) * rate).astype(np.int64)  # pyloudnorm's arithmetic
        upper = np.minimum((BLOCK_S * (j * STEP + 1) * rate).astype(np.int64), length)
        fine = max(1, int(rate * FINE_S))  # so that a change is filtered again closely
        grid = np.arange(0, length, fine) if count else np.zeros(0, np.int64)
        edges = np.sort(np.concatenate([lower, upper, grid, [0, length]]))
        self.edges = edges[np.concatenate([[True], np.diff(edges) > 0])]
        self.lower = np.searchsorted(self.edges, lower)
        self.upper = np.searchsorted(self.edges, upper)
        self.energy = np.zeros(len(self.edges) - 1)
        self.per_chunk = max(1, CHUNK // fine)  # stretches filtered at a time

    def measure(self, x: np.ndarray, check: Callable[[], None] | None = None) -> None:
        if len(self.lower):
            self.energy = self._energies(lambda a, b: x[a:b], 0, len(self.edges) - 1, check)

    def _energies(self, read: Callable[[int, int], np.ndarray], first: int, last: int,
                  check: Callable[[], None] | None = None) -> np.ndarray:  # fmt: skip
        """Energies of stretches first..last-1, filtering from edges[first] from rest."""
        out = np.empty(last - first)
        zi = np.zeros((len(self.sos), 2), np.float32)
        for i in range(first, last, self.per_chunk):
            if check is not None:
                check()
            j = min(last, i + self.per_chunk)
            a, b = int(self.edges[i]), int(self.edges[j])
            y, zi = signal.sosfilt(self.sos, read(a, b), zi=zi)
            np.square(y, out=y)
            out[i - first : j - first] = np.add.reduceat(y, self.edges[i:j] - a)  # 1e-7
        return out

    def lufs(self, energy: np.ndarray | None = None) -> float:
        if not len(self.lower):
            return -math.inf
        energy = self.energy if energy is None else energy
        cumulative = np.concatenate([[0.0], np.cumsum(energy)])
        z = (cumulative[self.upper] - cumulative[self.lower]) / (BLOCK_S * self.rate)
        return _gated(np.maximum(z, 0.0))

    def lufs_estimated(self, gain: float, positions: np.ndarray, gains: np.ndarray) -> float:
        """Roughly the loudness of x * gain with x[positions] also multiplied by gains (sorted
        positions): each stretch's energy scaled by the mean of the gains squared over it."""
        energy = self.energy * gain**2
        if len(positions) and len(self.lower):
            lost = np.concatenate([[0.0], np.cumsum(1.0 - gains.astype(np.float64) ** 2)])
            at = np.searchsorted(positions, self.edges)  # the positions each stretch holds
            energy *= 1.0 - np.diff(lost[at]) / np.diff(self.edges)
        return self.lufs(energy)

    def lufs_changed(self, x: np.ndarray, gain: float, positions: np.ndarray,
                     gains: np.ndarray, check: Callable[[], None]) -> float:  # fmt: skip
        """Loudness of x * gain with x[positions] also multiplied by gains (sorted positions):
        only the stretches around the changed samples are filtered again."""
        energy = self.energy * gain**2
        if not len(positions) or not len(self.lower):
            return self.lufs(energy)
        settle = int(SETTLE_S * self.rate)
        breaks = np.flatnonzero(np.diff(positions) > 4 * settle) + 1
        starts = positions[np.concatenate([[0], breaks])]
        ends = positions[np.concatenate([breaks - 1, [len(positions) - 1]])] + 1

        def read(a: int, b: int) -> np.ndarray:
            y = x[a:b] * np.float32(gain)
            i, j = np.searchsorted(positions, (a, b))
            y[positions[i:j] - a] *= gains[i:j]
            return y

        last_edge = len(self.edges) - 1
        for start, end in zip(starts.tolist(), ends.tolist(), strict=True):
            check()
            keep = max(0, int(np.searchsorted(self.edges, start, "right")) - 1)
            warm = max(0, int(np.searchsorted(self.edges, start - settle, "right")) - 1)
            stop = min(last_edge, int(np.searchsorted(self.edges, end + settle, "left")))
            if stop <= keep:
                continue
            energy[keep:stop] = self._energies(read, warm, stop)[keep - warm :]
        return self.lufs(energy)


# -- true peak ----------------------------------------------------------------------------------


@functools.cache
def _pairs() -> tuple[np.ndarray, ...]:
    """The annex's phases 3 and 2 are phases 0 and 1 backwards, so each pair of phases is worked
    out from the sums and differences of the samples k and 11 - k taps away: (sum, difference)
    coefficients for phases 0/3 and for phases 1/2."""
    out = []
    for phase in (np.array(_PHASE_0), np.array(_PHASE_1)):
        out += [(phase[:6] + phase[:5:-1]).astype(np.float32),
                (phase[:6] - phase[:5:-1]).astype(np.float32)]  # fmt: skip
    return tuple(out)


@functools.cache
def _spread() -> float:
    """How far over its neighbours' highest sample an interpolated point can go: the largest
    sum of a phase's |taps| (about 2, so 6 dB)."""
    return float(max(np.abs(_PHASE_0).sum(), np.abs(_PHASE_1).sum()))


def _interpolated(flat: np.ndarray) -> np.ndarray:
    """For j in 0..len(flat)-12: the highest of |flat[j + 5]| and of the four points the annex
    filter puts between flat[j + 5] and flat[j + 6]. max(|a|, |b|) is (|a + b| + |a - b|) / 2,
    and a + b and a - b are what the sums and differences give: 6 multiplications a phase
    instead of 12."""
    length = len(flat) - (TAPS - 1)
    out = np.empty(max(0, length), np.float32)
    sum_03, diff_03, sum_12, diff_12 = _pairs()
    step = 1 << 15  # samples at a time: the temporaries stay in the processor's cache
    term = np.empty(step, np.float32)
    for s in range(0, length, step):
        n = min(step, length - s)
        u = [flat[s + TAPS - 1 - k : s + TAPS - 1 - k + n] for k in range(TAPS)]
        sums = [u[k] + u[TAPS - 1 - k] for k in range(TAPS // 2)]
        diffs = [u[k] - u[TAPS - 1 - k] for k in range(TAPS // 2)]
        best = out[s : s + n]
        np.abs(u[TAPS // 2], out=best)  # the sample itself
        t = term[:n]
        for first, second in ((sum_03, diff_03), (sum_12, diff_12)):
            parts = []
            for values, coefficients in ((sums, first), (diffs, second)):
                acc = values[0] * coefficients[0]
                for k in range(1, TAPS // 2):
                    np.multiply(values[k], coefficients[k], out=t)
                    acc += t
                np.abs(acc, out=acc)
                parts.append(acc)
            parts[0] += parts[1]
            parts[0] *= np.float32(0.5)
            np.maximum(best, parts[0], out=best)
    return out


def true_peak_dbtp(samples, rate) -> float:
    """The true peak in dBTP: the highest of the samples and of the points the annex 2 filter
    puts between each two of them (4x oversampling); -inf for silence. The annex's filter is
    made for 48 kHz; at other rates it still finds four points a sample."""
    if rate <= 0:
        raise ValidationError("Sound needs a sample rate to be measured.")
    x = np.ascontiguousarray(np.asarray(samples, dtype=np.float32).reshape(-1))
    peak = _Peaks(x).highest()
    return 20 * math.log10(peak) if peak > 0 else -math.inf


class _Peaks:
    """The true-peak envelope of a signal, worked out only where it may matter.

    The highest |sample| of every PEAK_BLOCK samples and of their neighbours, times the filter's
    spread, bounds the points interpolated there: a block whose bound is under the level asked
    about is never oversampled. What was worked out is kept for the next question."""

    BEFORE = TAPS // 2 - 1  # samples the filter needs before a block
    WIDTH = PEAK_BLOCK + TAPS - 1  # and the block and the samples after it

    def __init__(self, x: np.ndarray):
        self.x = x
        n = len(x)
        count = -(-n // PEAK_BLOCK)
        block = np.zeros(count, np.float32)
        per = CHUNK // PEAK_BLOCK
        for s in range(0, count, per):
            part = np.abs(x[s * PEAK_BLOCK : (s + per) * PEAK_BLOCK])
            whole = len(part) // PEAK_BLOCK
            if whole:
                block[s : s + whole] = part[: whole * PEAK_BLOCK].reshape(whole, -1).max(1)
            if whole * PEAK_BLOCK < len(part):
                block[s + whole] = part[whole * PEAK_BLOCK :].max()
        near = block.copy()
        np.maximum(near[1:], block[:-1], out=near[1:])
        np.maximum(near[:-1], block[1:], out=near[:-1])
        self.block = block
        self.bound = near * np.float32(_spread())
        # blocks 1..inner whose window lies inside x, as rows of a view (no copy)
        self.inner = max(0, (n - (TAPS - self.BEFORE - 1)) // PEAK_BLOCK - 1)
        self.rows = np.lib.stride_tricks.as_strided(
            x[PEAK_BLOCK - self.BEFORE :], shape=(self.inner, self.WIDTH),
            strides=(PEAK_BLOCK * x.itemsize, x.itemsize), writeable=False,
        ) if self.inner else None  # fmt: skip
        self.cached_level = math.inf
        self.kept: list[tuple[np.ndarray, np.ndarray]] = []  # (blocks, their envelope)

    def _windows(self, blocks: np.ndarray) -> np.ndarray:
        """(len(blocks), WIDTH): each block with the samples the filter needs around it."""
        inside = (blocks >= 1) & (blocks <= self.inner)
        out = np.zeros((len(blocks), self.WIDTH), np.float32)
        if self.rows is not None:
            out[inside] = self.rows[blocks[inside] - 1]
        n = len(self.x)
        for i in np.flatnonzero(~inside).tolist():  # the first block and the last one or two
            start = int(blocks[i]) * PEAK_BLOCK - self.BEFORE
            a, b = max(0, start), min(n, start + self.WIDTH)
            out[i, a - start : b - start] = self.x[a:b]
        return out

    def envelope(self, blocks: np.ndarray) -> np.ndarray:
        """(len(blocks), PEAK_BLOCK): at each sample, the highest of |sample| and the points
        between it and the next (0 past the end)."""
        count = len(blocks)
        flat = self._windows(blocks).reshape(-1)
        values = np.zeros(count * self.WIDTH, np.float32)
        values[: max(0, count * self.WIDTH - (TAPS - 1))] = _interpolated(flat)
        out = values.reshape(count, self.WIDTH)[:, :PEAK_BLOCK]
        past = len(self.x) - blocks * PEAK_BLOCK  # samples of the block inside x
        short = past < PEAK_BLOCK
        if short.any():
            out[short] *= np.arange(PEAK_BLOCK) < past[short, None]
        return out

    def highest(self, known: float = 0.0) -> float:
        """The true peak (linear); `known`: a level the signal is known to reach."""
        if not len(self.block):
            return 0.0
        best = max(known, float(self.block.max()))
        candidates = np.flatnonzero(self.bound > best)
        order = candidates[np.argsort(-self.bound[candidates], kind="stable")]
        for i in range(0, len(order), PEAK_BATCH):
            batch = order[i : i + PEAK_BATCH]
            batch = batch[self.bound[batch] > best]
            if not len(batch):
                break
            best = max(best, float(self.envelope(batch).max()))
        return best

    def over(self, level: float, spare: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
        """Positions (sorted) whose envelope is above `level`, and the envelope there. Blocks
        are worked out once: those that may reach level * spare, for the next question."""
        if level < self.cached_level:
            below = level * spare
            new = np.flatnonzero((self.bound > below) & (self.bound <= self.cached_level))
            self.kept += [(new[i : i + PEAK_BATCH], self.envelope(new[i : i + PEAK_BATCH]))
                          for i in range(0, len(new), PEAK_BATCH)]  # fmt: skip
            self.cached_level = below
        positions, values = [], []
        for blocks, envelope in self.kept:
            rows, cols = np.nonzero(envelope > level)
            positions.append(blocks[rows] * PEAK_BLOCK + cols)
            values.append(envelope[rows, cols])
        if not positions:
            return np.zeros(0, np.int64), np.zeros(0, np.float32)
        positions, values = np.concatenate(positions), np.concatenate(values)
        order = np.argsort(positions, kind="stable")  # batches kept at different levels
        return positions[order], values[order]

    def cached_highest(self, starts: np.ndarray | None = None, ends: np.ndarray | None = None
                       ) -> float:  # fmt: skip
        """The highest envelope kept, leaving out positions in [starts, ends) (sorted, apart)."""
        best = 0.0
        for blocks, envelope in self.kept:
            if not len(blocks):
                continue
            if starts is None or ends is None or not len(starts):
                best = max(best, float(envelope.max()))
                continue
            first = blocks * PEAK_BLOCK
            last = first + PEAK_BLOCK
            i = np.searchsorted(starts, first, "right") - 1  # the stretch begun at or before
            j = np.searchsorted(starts, last, "left")  # stretches begun before its end: < j
            end_i = ends[np.maximum(i, 0)]
            covered = (i >= 0) & (end_i >= last)
            clear = ((i < 0) | (end_i <= first)) & (j == i + 1)
            if clear.any():
                best = max(best, float(envelope[clear].max()))
            partial = np.flatnonzero(~covered & ~clear)
            if len(partial):
                where = first[partial, None] + np.arange(PEAK_BLOCK)
                k = np.searchsorted(starts, where, "right") - 1
                inside = (k >= 0) & (where < ends[np.maximum(k, 0)])
                values = envelope[partial][~inside]
                best = max(best, float(values.max()) if len(values) else 0.0)
        return best


# -- limiting -----------------------------------------------------------------------------------


def _limiter_gains(peaks: _Peaks, gain: float, limit: float, spare: float = 1.0,
                   caps: tuple[np.ndarray, np.ndarray] | None = None
                   ) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """Where x * gain needs less gain to keep its true peak under `limit`: the stretches around
    its peaks, as sorted positions and the gain (<= 1) to multiply by there. `caps` adds
    positions (sorted) where the gain times `gain` may be at most the value given. The stretches
    reach REACH either side of their peaks, where the gain is back to 1, so they are worked out
    laid end to end, in one pass, without affecting each other."""
    hot, envelope = peaks.over(limit / gain, spare)
    need = ((limit / gain) / envelope).astype(np.float32)  # < 1
    if caps is not None and len(caps[0]):
        hot = np.concatenate([hot, caps[0]])
        need = np.concatenate([need, np.minimum(caps[1] / gain, 1.0).astype(np.float32)])
        order = np.argsort(hot, kind="stable")
        hot, first = np.unique(hot[order], return_index=True)
        need = np.minimum.reduceat(need[order], first)
    if not len(hot):
        return hot, np.zeros(0, np.float32)
    n = len(peaks.x)
    breaks = np.flatnonzero(np.diff(hot) > 2 * REACH + 1) + 1
    starts = np.maximum(hot[np.concatenate([[0], breaks])] - REACH, 0)
    ends = np.minimum(hot[np.concatenate([breaks - 1, [len(hot) - 1]])] + REACH + 1, n)
    lengths = ends - starts
    offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    positions = np.arange(int(lengths.sum()), dtype=np.int64) + np.repeat(starts - offsets,
                                                                          lengths)  # fmt: skip
    wanted = np.ones(len(positions), np.float32)
    wanted[np.searchsorted(positions, hot)] = need
    held = _held(wanted)
    smooth = ndimage.uniform_filter1d(held, SMOOTH, mode="nearest")
    smooth = ndimage.uniform_filter1d(smooth, SMOOTH, mode="nearest")
    np.minimum(smooth, wanted, out=smooth)  # exactly what each peak needs, rounding aside
    return positions, smooth


def _held(wanted: np.ndarray) -> np.ndarray:
    """At each sample, at most the lowest of `wanted` over [k - HOLD, k + LOOK_AHEAD].

    Worked out on the minima of every HELD_BLOCK samples, over the blocks that window touches
    (so a window up to HELD_BLOCK - 1 samples wider): 16 times less work, and never more gain
    than a sample needs."""
    n, d = len(wanted), HELD_BLOCK
    blocks = np.ones(-(-n // d) * d, np.float32)
    blocks[:n] = wanted
    blocks = blocks.reshape(-1, d).min(1)
    before, after = -(-HOLD // d), (d - 1 + LOOK_AHEAD) // d  # blocks either side
    size = before + after + 1
    blocks = ndimage.minimum_filter1d(blocks, size, mode="nearest", origin=before - size // 2)
    return np.repeat(blocks, d)[:n]


def _normalised(
    x: np.ndarray, meter: _Meter, target: float, check: Callable[[], None]
) -> tuple[float, float, tuple[np.ndarray, np.ndarray] | None, float | None]:
    """The gain that brings x to `target` and the limiter's gains that keep its true peak under
    the ceiling, found together (_loudest). Where the limited sound still peaks over the limit
    (the gain changing under the interpolating filter), the gain there is capped and the
    search run again from where it was.

    Returns the gain, the loudness then, (positions, gains) or None when nothing needed
    limiting, and the result's true peak when what was worked out on the way tells it exactly
    (None: measure it)."""
    ceiling = 10 ** (CEILING_DBTP / 20)
    limit = 10 ** ((CEILING_DBTP - SAFETY_DB) / 20)
    peaks = _Peaks(x)
    plain = target - meter.lufs()  # dB: the gain without limiting
    db = plain
    caps: tuple[np.ndarray, np.ndarray] | None = None
    for _ in range(8):  # the ceiling: rarely more than once
        db, lufs, positions, gains = _loudest(x, meter, peaks, target, plain, db, limit, caps,
                                              check)  # fmt: skip
        gain = 10 ** (db / 20)
        if not len(positions):
            return gain, lufs, None, _known_peak(peaks, gain, 0.0, None)
        reached, interiors, over, heights = _limited_peak(x, gain, positions, gains, limit)
        if reached <= ceiling:
            known = _known_peak(peaks, gain, reached, interiors)
            return gain, lufs, (positions, gains), known
        at = gains[np.searchsorted(positions, over)] * gain * limit / heights
        caps = (over, at) if caps is None else _tighter(caps, (over, at))
    return gain, lufs, (positions, gains), None


def _loudest(
    x: np.ndarray,
    meter: _Meter,
    peaks: _Peaks,
    target: float,
    plain: float,
    db: float,
    limit: float,
    caps: tuple[np.ndarray, np.ndarray] | None,
    check: Callable[[], None],
) -> tuple[float, float, np.ndarray, np.ndarray]:
    """The gain (dB), from `db` on, that brings x, limited, to `target` within
    LOUDNESS_TOLERANCE_LU: (dB, loudness, the limiter's positions and gains).

    The gain is first found with the loudness estimated (each 10 ms's energy scaled by the
    limiter's mean squared gain there: no filtering), then measured, and searched again with
    measurements from there when the estimate was not close enough (rarely)."""
    spare = 10 ** (-0.25 / 20)  # peaks a little under the level are kept for the next round
    limited: dict[float, tuple[np.ndarray, np.ndarray]] = {}

    def gains_at(db: float) -> tuple[np.ndarray, np.ndarray]:
        if db not in limited:
            limited.clear()  # keep one: they can be as long as the programme
            limited[db] = _limiter_gains(peaks, 10 ** (db / 20), limit, spare, caps)
        return limited[db]

    def estimated(db: float) -> float:
        check()
        positions, gains = gains_at(db)
        lowered = gains < 1
        return meter.lufs_estimated(10 ** (db / 20), positions[lowered], gains[lowered])

    def measured(db: float) -> float:
        check()
        positions, gains = gains_at(db)
        lowered = gains < 1
        return meter.lufs_changed(x, 10 ** (db / 20), positions[lowered], gains[lowered], check)

    db, _ = _search(estimated, target, plain, db)
    db, lufs = _search(measured, target, plain, db)
    positions, gains = gains_at(db)
    return db, lufs, positions, gains


def _search(loudness: Callable[[float], float], target: float, plain: float, db: float
            ) -> tuple[float, float]:  # fmt: skip
    """The gain (dB), from `db` on, at which loudness(gain) is `target` within
    LOUDNESS_TOLERANCE_LU, and that loudness.

    Limiting takes loudness off, so the gain goes up: by the shortfall divided by how much the
    last step raised the loudness (a secant). Once a gain too quiet and one too loud are known,
    the search stays between them, taking the secant and the midpoint in turn, so the gap at
    least halves every two rounds. When loud moments carry the loudness the gating can make it
    jump as the gain changes, and a step that gained nothing is doubled. The gain stays within
    MAX_LIMITING_DB over the plain gain. If no gain reaches the target, the one that came
    closest is taken, and of those within 0.1 LU of it the lowest (the least limiting)."""
    highest = plain + MAX_LIMITING_DB
    tried: list[tuple[float, float]] = []
    step, midpoint = 0.0, False
    for _ in range(12):  # one to three rounds as a rule
        lufs = loudness(db)
        tried.append((db, lufs))
        short = target - lufs
        if not math.isfinite(lufs) or abs(short) <= LOUDNESS_TOLERANCE_LU:
            return db, lufs
        quiet = [t for t in tried if t[1] < target]
        loud = [t for t in tried if t[1] > target]
        if quiet and loud:
            (d0, l0), (d1, l1) = max(quiet), min(loud)  # the nearest gains either side
            secant = d0 + (d1 - d0) * (target - l0) / (l1 - l0)
            inside = min(d0, d1) + 0.05 * abs(d1 - d0) < secant < max(d0, d1) - 0.05 * abs(d1 - d0)
            after = (d0 + d1) / 2 if midpoint or not inside else secant
            midpoint = not midpoint
        else:
            rise = 1.0
            if len(tried) > 1 and tried[-1][0] != tried[-2][0]:
                rise = (tried[-1][1] - tried[-2][1]) / (tried[-1][0] - tried[-2][0])
            if short < 0:  # too loud: limiting only ever takes loudness off
                step = short
            elif len(tried) > 1 and rise < 0.2:
                step = max(2 * step, short)  # nothing gained: reach further
            else:
                step = short / min(1.0, rise)
            after = db + step
        after = min(after, highest)
        if abs(after - db) < 1e-3:
            break
        db = after
    closest = min(abs(lufs - target) for _, lufs in tried)
    return min((t for t in tried if abs(t[1] - target) <= closest + 0.1), key=lambda t: t[0])


def _tighter(a: tuple[np.ndarray, np.ndarray], b: tuple[np.ndarray, np.ndarray]
             ) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """Two sets of caps as one: sorted positions, the lower cap where both have one."""
    positions = np.concatenate([a[0], b[0]])
    values = np.concatenate([a[1], b[1]])
    order = np.argsort(positions, kind="stable")
    positions, first = np.unique(positions[order], return_index=True)
    return positions, np.minimum.reduceat(values[order], first)


def _known_peak(peaks: _Peaks, gain: float, limited: float,
                interiors: tuple[np.ndarray, np.ndarray] | None) -> float | None:  # fmt: skip
    """The true peak of x * gain with the limiter's gains, from what is already worked out: the
    limited stretches' (`limited`, over their `interiors`), and gain x the envelope of x kept
    elsewhere. The blocks not kept are known to be under the level they were kept at: when the
    highest found is not under it, it is the true peak."""
    starts, ends = interiors if interiors is not None else (None, None)
    elsewhere = peaks.cached_highest(starts, ends)
    best = max(limited, gain * elsewhere)
    return best if best >= gain * peaks.cached_level else None


def _limited_peak(x: np.ndarray, gain: float, positions: np.ndarray, gains: np.ndarray,
                  limit: float) -> tuple[float, tuple[np.ndarray, np.ndarray], np.ndarray,
                                         np.ndarray]:  # fmt: skip
    """The true peak of the limited stretches of x * gain, laid end to end as the limiter
    worked them out; the stretches it covers ([starts, ends) in x); and the positions (in x)
    where it is over `limit`, with the envelope there. Near a seam the interpolator would see
    the next stretch, so the points there are left out: the gain is 1 there and they were
    under the limit already."""
    y = x[positions] * np.float32(gain) * gains
    envelope = np.zeros(len(y), np.float32)
    envelope[: max(0, len(y) - (TAPS - 1))] = _interpolated(y)
    # envelope[j] is the sample y[j + BEFORE] and the points after it: shift it into place
    envelope = np.concatenate([np.zeros(_Peaks.BEFORE, np.float32), envelope])[: len(y)]
    seams = np.flatnonzero(np.diff(positions) != 1) + 1
    first = np.concatenate([[0], seams])  # of each stretch, in y
    last = np.concatenate([seams, [len(y)]])
    starts, ends = positions[first], positions[last - 1] + 1
    # points within TAPS of a seam are left out, but not at the ends of x: there the output
    # ends too, and the measurement sees the same silence after it
    cut_start = np.where(starts > 0, TAPS, 0)
    cut_end = np.where(ends < len(x), TAPS, 0)
    near = np.zeros(len(y) + 1, np.int32)  # +1 where a left-out stretch begins, -1 past it
    np.add.at(near, first, 1)
    np.add.at(near, np.minimum(first + cut_start, last), -1)
    np.add.at(near, np.maximum(last - cut_end, first), 1)
    np.add.at(near, last, -1)
    envelope[np.cumsum(near[:-1]) > 0] = 0.0
    highest = float(envelope.max()) if len(envelope) else 0.0
    over = np.flatnonzero(envelope > limit)
    interiors = (starts + cut_start, np.maximum(ends - cut_end, starts + cut_start))
    return highest, interiors, positions[over], envelope[over]


# -- output -------------------------------------------------------------------------------------


def pcm16(samples, prefix: bytes = b"") -> bytes:
    """Float samples (1.0 = full scale) as 16-bit signed little-endian PCM, clipped; after
    `prefix` (a file's header, an even number of bytes) when given, in the same bytes, so that
    a long programme is copied once, not twice."""
    x = np.asarray(samples, dtype=np.float32).reshape(-1)
    head = len(prefix) // 2
    out = np.empty(head + len(x), dtype="<i2")
    out.view(np.uint8)[: 2 * head] = np.frombuffer(prefix, np.uint8, 2 * head)
    step = 1 << 16  # in the processor's cache
    for s in range(0, len(x), step):
        part = x[s : s + step] * np.float32(FULL_SCALE)
        np.rint(part, out=part)
        np.clip(part, -FULL_SCALE, FULL_SCALE - 1, out=part)
        out[head + s : head + s + len(part)] = part
    return out.tobytes()
