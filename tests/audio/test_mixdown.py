"""Mixing a running order on generated sound: placement, crossfades, gaps, resampling, loudness
(checked with pyloudnorm itself) and the true-peak limiter (checked with scipy's own 4x
resampler, not the annex filter the mixer uses)."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pyloudnorm
import pytest
from scipy import signal

from coprod_desktop.audio import mixdown
from coprod_desktop.audio.levels import dominant_frequency
from coprod_desktop.audio.mixdown import (
    BROADCAST_LUFS,
    CEILING_DBTP,
    PODCAST_LUFS,
    RATE,
    Cancelled,
    Piece,
    integrated_lufs,
    mix,
    pcm16,
    true_peak_dbtp,
)
from coprod_desktop.audio.synth import speech_like
from coprod_desktop.domain.errors import ValidationError

METER = pyloudnorm.Meter(RATE)


def speech(seconds: float, seed: int = 0, level: float = 1.0) -> np.ndarray:
    """Generated speech (peaks about -6 dBFS at level 1) as float samples."""
    pcm = speech_like(seconds, RATE, seed=seed)
    return np.frombuffer(pcm, "<i2").astype(np.float32) / 32768 * level


def tone(seconds: float, hz: float, amplitude: float = 0.3, rate: int = RATE,
         phase: float = 0.0) -> np.ndarray:  # fmt: skip
    t = np.arange(round(seconds * rate)) / rate
    return (amplitude * np.sin(2 * np.pi * hz * t + phase)).astype(np.float32)


def pcm(samples: np.ndarray) -> bytes:
    return np.clip(np.round(samples * 32768), -32768, 32767).astype("<i2").tobytes()


def pyloudnorm_lufs(samples: np.ndarray) -> float:
    return METER.integrated_loudness(samples.astype(np.float64))


def scipy_true_peak(samples: np.ndarray) -> float:
    """dBTP with scipy's resample_poly (a 4x Kaiser-windowed filter of its own)."""
    over = signal.resample_poly(samples.astype(np.float64), 4, 1)
    return 20 * np.log10(max(np.abs(over).max(), np.abs(samples).max()))


def seconds(s: float) -> int:
    return round(s * RATE)


def magnitude(samples: np.ndarray, hz: float) -> float:
    """How much of a `hz` tone a stretch holds (a windowed Fourier coefficient)."""
    n = np.arange(len(samples))
    window = np.hanning(len(samples))
    return abs(np.sum(samples * window * np.exp(-2j * np.pi * hz * n / RATE))) / window.sum()


# -- loudness and peaks ---------------------------------------------------------------------------


@pytest.mark.parametrize("target", [PODCAST_LUFS, BROADCAST_LUFS])
@pytest.mark.parametrize("level", [0.03, 0.3, 1.0])
def test_the_mix_reaches_the_target_loudness_at_any_input_level(target, level):
    pieces = [Piece(pcm(speech(8, seed=i, level=level * (1, 0.6, 0.8)[i])), RATE, i * 8500)
              for i in range(3)]  # fmt: skip
    result = mix(pieces, target)
    assert result.rate == RATE and result.samples.dtype == np.float32
    assert pyloudnorm_lufs(result.samples) == pytest.approx(target, abs=0.5)
    assert result.lufs == pytest.approx(pyloudnorm_lufs(result.samples), abs=0.01)
    assert result.true_peak_dbtp <= CEILING_DBTP
    assert scipy_true_peak(result.samples) <= CEILING_DBTP + 0.1


@pytest.mark.parametrize("target", [PODCAST_LUFS, BROADCAST_LUFS])
def test_a_peaky_programme_is_limited_under_the_ceiling_and_still_reaches_the_loudness(target):
    """Clicks, and bursts whose peaks fall between samples, over quiet speech: the plain gain
    to the loudness would put them 4 to 12 dB over the ceiling."""
    quiet = speech(12, seed=3, level=0.1)
    quiet[seconds(0.25) :: seconds(0.5)] = 0.99  # clicks
    quiet[seconds(0.5) :: seconds(0.5)] = -0.99
    burst = tone(0.01, RATE / 4, amplitude=0.7, phase=np.pi / 4)  # peaks 3 dB between samples
    for at in (1.1, 4.6, 8.35):
        quiet[seconds(at) : seconds(at) + len(burst)] = burst
    plain_gain = target - pyloudnorm_lufs(quiet)
    assert scipy_true_peak(quiet) + plain_gain > CEILING_DBTP + 4

    result = mix([Piece(pcm(quiet), RATE, 0)], target)
    assert pyloudnorm_lufs(result.samples) == pytest.approx(target, abs=0.5)
    assert result.true_peak_dbtp <= CEILING_DBTP
    assert scipy_true_peak(result.samples) <= CEILING_DBTP + 0.1
    assert np.abs(result.samples).max() <= 10 ** (CEILING_DBTP / 20)


def test_what_the_mix_reports_is_what_its_samples_measure():
    """The loudness and peak are worked out on the way (only limited moments measured again);
    measured afresh on the samples they agree."""
    pieces = [Piece(pcm(speech(10, seed=s, level=lv)), RATE, start, fade_in, fade_out)
              for s, lv, start, fade_in, fade_out in ((1, 1.0, 0, 0, 1000),
                                                      (2, 0.3, 9000, 1000, 0),
                                                      (4, 0.8, 19500, 0, 0))]  # fmt: skip
    for target in (PODCAST_LUFS, BROADCAST_LUFS, -12.0):
        result = mix(pieces, target)
        assert result.lufs == pytest.approx(integrated_lufs(result.samples, RATE), abs=0.01)
        assert result.lufs == pytest.approx(pyloudnorm_lufs(result.samples), abs=0.01)
        assert result.true_peak_dbtp == pytest.approx(true_peak_dbtp(result.samples, RATE),
                                                      abs=0.001)  # fmt: skip
        assert result.true_peak_dbtp <= CEILING_DBTP


def test_a_programme_that_cannot_get_that_loud_is_left_as_loud_as_it_gets():
    """-9 LUFS from speech would need it squashed flat: the mix stops when more gain no longer
    makes it louder, keeps the ceiling, and says how loud it is.

    Squashed this hard, the gain changes fast enough for scipy's longer interpolator to read
    a few tenths of a dB more than the annex 2 filter that defines dBTP (BS.1770 allows its 4x
    meter to read up to about 0.7 dB under an ideal one)."""
    result = mix([Piece(pcm(speech(10, seed=5)), RATE, 0)], -9.0)
    assert result.lufs < -9.5
    assert result.lufs == pytest.approx(pyloudnorm_lufs(result.samples), abs=0.01)
    assert true_peak_dbtp(result.samples, RATE) <= CEILING_DBTP
    assert scipy_true_peak(result.samples) <= CEILING_DBTP + 0.5


def test_integrated_lufs_reads_what_pyloudnorm_reads():
    rng = np.random.default_rng(1)
    noise = (rng.standard_normal(seconds(6)) * 0.1).astype(np.float32)
    noise[: seconds(2)] *= 0.001  # quiet enough to be gated out
    for samples, rate in ((speech(7.3, seed=2), RATE), (noise, RATE),
                          (tone(2.5, 1000, rate=44_100), 44_100),
                          (speech(0.45, seed=9), RATE)):  # fmt: skip
        expected = pyloudnorm.Meter(rate).integrated_loudness(samples.astype(np.float64))
        assert integrated_lufs(samples, rate) == pytest.approx(expected, abs=0.01)
    assert integrated_lufs(np.zeros(RATE, np.float32), RATE) == -np.inf
    assert integrated_lufs(speech(0.3), RATE) == -np.inf  # shorter than one 400 ms block


def test_true_peak_finds_the_peak_between_samples():
    """A quarter-rate tone sampled 45 degrees off its crests: samples at 0.5, peaks at 0.707."""
    between = tone(0.5, RATE / 4, amplitude=0.5 * np.sqrt(2), phase=np.pi / 4)
    assert 20 * np.log10(np.abs(between).max()) == pytest.approx(-6.02, abs=0.01)
    assert true_peak_dbtp(between, RATE) == pytest.approx(-3.01, abs=0.1)
    for samples in (between, speech(3, seed=1), tone(0.001, 3000)):  # 48 samples: one block
        assert true_peak_dbtp(samples, RATE) == pytest.approx(scipy_true_peak(samples), abs=0.1)
    edge = np.zeros(1000, np.float32)
    edge[0], edge[-1] = 0.5, -0.8  # peaks in the first and the last block
    assert true_peak_dbtp(edge, RATE) >= 20 * np.log10(0.8)
    assert true_peak_dbtp(np.zeros(10, np.float32), RATE) == -np.inf


# -- placing ------------------------------------------------------------------------------------


def largest_step(samples: np.ndarray) -> float:
    return float(np.abs(np.diff(samples)).max())


def test_a_crossfade_holds_both_pieces_for_its_length_without_a_click():
    first = tone(3, 300)
    second = tone(3, 500, phase=np.pi / 2)  # starts at its crest: a cut would click
    result = mix([Piece(pcm(first), RATE, 0, fade_out_ms=1000),
                  Piece(pcm(second), RATE, 2000, fade_in_ms=1000)]).samples  # fmt: skip
    assert len(result) == seconds(5)
    overlap = result[seconds(2.25) : seconds(2.75)]
    before, after = result[seconds(0.5) : seconds(1.5)], result[seconds(3.5) : seconds(4.5)]
    assert magnitude(overlap, 300) > 0.3 * magnitude(before, 300)
    assert magnitude(overlap, 500) > 0.3 * magnitude(after, 500)
    assert magnitude(before, 500) < 0.01 * magnitude(before, 300)
    assert magnitude(after, 300) < 0.01 * magnitude(after, 500)
    # equal-power fades of a 300 Hz and a 500 Hz tone change by at most sqrt(1 + 0.6**2) times
    # a sample step of the 500 Hz one
    assert largest_step(result) < 1.2 * largest_step(after)

    butted = mix([Piece(pcm(first[: seconds(2)]), RATE, 0), Piece(pcm(second), RATE, 2000)])
    assert largest_step(butted.samples) > 5 * largest_step(butted.samples[seconds(3) :])


def test_a_gap_between_pieces_is_silent():
    result = mix([Piece(pcm(speech(2, seed=1)), RATE, 0),
                  Piece(pcm(speech(1, seed=2)), RATE, 2500)]).samples  # fmt: skip
    assert len(result) == seconds(3.5)
    assert not result[seconds(2) : seconds(2.5)].any()
    assert np.abs(result[seconds(2.5) :]).max() > 0.1


def test_a_piece_at_44_1_khz_comes_out_at_the_right_length_and_pitch():
    at_44 = tone(2, 440, rate=44_100)
    result = mix([Piece(pcm(at_44), 44_100, 500)]).samples
    assert len(result) == seconds(0.5) + seconds(2)
    assert not result[: seconds(0.5)].any()
    middle = pcm16(result[seconds(0.7) : seconds(2.3)])
    assert dominant_frequency(middle, RATE) == pytest.approx(440, abs=2)


def test_a_bleep_stays_a_1_khz_tone_where_it_was():
    """The caller renders bleeps into the PCM; mixing must not smear them."""
    voice = speech(6, seed=4, level=0.5)
    voice[seconds(2) : seconds(3)] = tone(1, 1000, amplitude=10 ** (-12 / 20))
    loud = speech(4, seed=6, level=1.0)  # after it, something the limiter has to work on
    result = mix([Piece(pcm(voice), RATE, 1000), Piece(pcm(loud), RATE, 7500)]).samples
    bleep = result[seconds(3.02) : seconds(3.98)]
    assert dominant_frequency(pcm16(bleep), RATE) == pytest.approx(1000, abs=20)
    levels = [np.sqrt(np.mean(bleep[i : i + 4800] ** 2)) for i in range(0, len(bleep) - 4800, 4800)]
    assert 20 * np.log10(max(levels) / min(levels)) < 0.1  # steady: no pumping
    outside = result[seconds(1.0) : seconds(2.9)]
    assert magnitude(bleep, 1000) > 30 * magnitude(outside, 1000)


def test_overlapping_pieces_without_fades_are_summed():
    a, b = tone(1, 200, 0.1), tone(1, 200, 0.1)
    result = mix([Piece(pcm(a), RATE, 0), Piece(pcm(b), RATE, 0)], BROADCAST_LUFS).samples
    alone = mix([Piece(pcm(a), RATE, 0)], BROADCAST_LUFS).samples
    assert len(result) == len(alone) == RATE
    assert np.allclose(result, alone, atol=1e-3)  # twice as loud, normalised the same


# -- edges --------------------------------------------------------------------------------------


def test_silence_and_near_silence_come_back_as_they_are():
    silent = mix([Piece(bytes(2 * RATE), RATE, 0), Piece(bytes(RATE), RATE, 1500)])
    assert silent.lufs == -np.inf and silent.true_peak_dbtp == -np.inf
    assert len(silent.samples) == seconds(2) and not silent.samples.any()
    hiss = (np.random.default_rng(2).standard_normal(RATE) * 3e-5).astype(np.float32)
    quiet = mix([Piece(pcm(hiss), RATE, 0)])
    assert quiet.lufs == -np.inf
    assert np.array_equal(pcm16(quiet.samples), pcm(hiss))  # not raised to the target
    short = mix([Piece(pcm(speech(0.3, seed=1)), RATE, 0)])  # too short to measure
    assert short.lufs == -np.inf and len(short.samples) == seconds(0.3)


def test_an_empty_running_order_is_refused():
    with pytest.raises(ValidationError, match=r"^The running order is empty: there is nothing "
                                              r"to play\.$"):  # fmt: skip
        mix([])


@pytest.mark.parametrize(
    ("piece", "words"),
    [(Piece(b"\0\0\0", RATE, 0), "half a sample"),
     (Piece(b"\0\0", RATE, -5), "before the programme"),
     (Piece(b"\0\0", 0, 0), "no sample rate"),
     (Piece(b"\0\0", RATE, 0, fade_in_ms=-1), "fade")],
)  # fmt: skip
def test_broken_pieces_are_refused_in_plain_words(piece, words):
    with pytest.raises(ValidationError, match=words):
        mix([Piece(pcm(speech(1)), RATE, 0), piece])


def test_progress_counts_up_to_its_total_and_cancelling_stops_the_mix():
    pieces = [Piece(pcm(speech(3, seed=i)), RATE, i * 3000) for i in range(4)]
    seen: list[tuple[int, int]] = []
    mix(pieces, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (len(pieces) + 3, len(pieces) + 3)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)

    with pytest.raises(Cancelled):
        mix(pieces, cancelled=lambda: True)
    seen.clear()
    with pytest.raises(Cancelled):
        mix(pieces, progress=lambda done, total: seen.append((done, total)),
            cancelled=lambda: len(seen) >= 2)  # fmt: skip
    assert len(seen) == 2


def test_pcm16_rounds_and_clips():
    samples = np.array([0.0, 0.5, 1.0, 1.5, -1.0, -2.0, 1 / 32768, -0.4 / 32768], np.float32)
    values = np.frombuffer(pcm16(samples), "<i2").tolist()
    assert values == [0, 16384, 32767, 32767, -32768, -32768, 1, 0]
    every = np.arange(-32768, 32768, dtype="<i2")
    assert pcm16(every.astype(np.float32) / 32768) == every.tobytes()  # lossless round trip
    assert pcm16(samples[:3], b"HEADER") == b"HEADER" + pcm16(samples[:3])  # a file's header


def test_the_services_and_the_podcast_module_load_without_numpy():
    """mixdown (numpy, scipy, pyloudnorm) is imported only when a programme is rendered."""
    code = ("import sys, coprod_desktop.services, coprod_desktop.services.radio, "
            "coprod_desktop.audio.podcast\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('numpy', 'scipy', 'pyloudnorm', 'mutagen', 'imageio_ffmpeg')))")  # fmt: skip
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)  # fmt: skip
    assert done.stdout.strip() == "[]"
    assert mixdown.RATE == 48_000
