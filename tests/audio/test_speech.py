"""The offline speech engine: word timings against speech whose word boundaries are known.

The speech is made at test time by espeak-ng (benchmarks/speech_corpus.py: each word spoken
separately, trimmed and joined with known gaps, so every boundary is exact)."""

from __future__ import annotations

import itertools
import os
import shutil
import socket
import statistics

import numpy as np
import pytest

from benchmarks import speech_corpus as corpus
from coprod_desktop.audio import pronounce, speech
from coprod_desktop.audio.mixdown import Cancelled
from coprod_desktop.audio.model_file import ModelFileEngine, match
from coprod_desktop.audio.speech import Heard
from coprod_desktop.audio.sphinx import DRAFT_CHUNK_MS, SphinxEngine, _draft_pieces, squeeze
from coprod_desktop.domain.errors import ValidationError

NAMES = ["Siobhan", "Kowalczyk", "Ngozi", "Aoife", "Przemysław", "McAllister"]
SENTENCE = ("Siobhan Kowalczyk met Ngozi and Aoife McAllister at the market on Tuesday "
            "with Przemysław")  # fmt: skip


@pytest.fixture(scope="module")
def espeak():
    if not corpus.available():
        message = "needs espeak-ng (Debian: apt-get install espeak-ng)"
        if os.environ.get("CI"):
            pytest.fail(message)  # CI installs it: a skip there would hide a broken set-up
        pytest.skip(message)


@pytest.fixture(scope="module")
def sentence(espeak):
    return corpus.utterance(SENTENCE, seed=1)


def errors(heard: list[Heard], truth) -> list[int]:
    out = []
    for h, (a, b) in zip(heard, truth, strict=True):
        assert h.start_ms is not None, f"{h.word} was not placed"
        out += [abs(h.start_ms - a), abs(h.end_ms - b)]
    return out


def test_names_are_aligned_within_100_ms(sentence):
    heard = SphinxEngine().align(sentence.pcm, sentence.words, [])
    assert [h.word for h in heard] == sentence.words
    assert all(h.confidence is None for h in heard)
    assert max(errors(heard, sentence.truth)) <= 100


def test_a_long_pause_in_the_middle(sentence):
    paused = corpus.with_pauses(sentence, {6: 4000})
    heard = SphinxEngine().align(paused.pcm, paused.words, [])
    assert max(errors(heard, paused.truth)) <= 100
    assert heard[6].start_ms >= paused.truth[5][1] + 3500  # not pulled into the pause


def test_a_stretch_of_laughter_between_words(sentence):
    """3 s of loud, voiced-sounding noise (laughter, crosstalk) where no typed word is."""
    paused = corpus.with_pauses(sentence, {6: 3000})
    start = (paused.truth[5][1] + 300) * corpus.RATE // 1000
    rng = np.random.default_rng(5)
    t = np.arange(2400 * corpus.RATE // 1000) / corpus.RATE
    burst = 6000 * np.sin(2 * np.pi * 180 * t) * (0.6 + 0.4 * np.sin(2 * np.pi * 5 * t))
    burst += rng.normal(0, 2000, len(t))
    samples = paused.samples.copy()
    samples[start : start + len(t)] += burst
    noisy = corpus.Utterance(paused.words, np.clip(samples, -32768, 32767), paused.truth)
    heard = SphinxEngine().align(noisy.pcm, noisy.words, [])
    placed = [h for h in heard if h.start_ms is not None]
    assert len(placed) >= len(heard) - 1
    found = errors([h for h in heard if h.start_ms is not None],
                   [t for h, t in zip(heard, noisy.truth, strict=True) if h.start_ms is not None])
    assert statistics.median(found) <= 60


def test_noise_at_15_db(sentence):
    noisy = corpus.with_noise(sentence, 15, seed=3)
    found = errors(SphinxEngine().align(noisy.pcm, noisy.words, []), noisy.truth)
    assert statistics.median(found) <= 60
    assert max(found) <= 250


def test_anchors_cut_the_work_into_runs(sentence):
    paused = corpus.with_pauses(sentence, {7: 2500})
    anchor = (7, paused.truth[7][0] // 100 * 100)
    steps = []
    heard = SphinxEngine().align(paused.pcm, paused.words, [anchor],
                                 progress=lambda d, t: steps.append((d, t)))  # fmt: skip
    assert max(errors(heard, paused.truth)) <= 100
    assert steps[-1] == (2, 2) and len(steps) >= 3


def test_words_not_in_the_recording_stay_unplaced(sentence):
    typed = "the quarterly budget was approved by the finance committee yesterday".split()  # noqa: SIM905
    heard = SphinxEngine().align(sentence.pcm, typed, [])
    assert [h.word for h in heard] == typed
    assert all(h.start_ms is None and h.end_ms is None for h in heard)


def test_a_run_that_is_not_there_stays_unplaced_and_the_rest_is_placed(espeak):
    said = corpus.utterance("we walked to the harbour in the rain", seed=2)
    padded = corpus.joined([said], gap_ms=3000)  # then 3 s of silence
    typed = [*said.words, "the", "quarterly", "budget", "was", "approved", "by", "the", "committee"]
    anchor = (len(said.words), said.duration_ms)  # typed after a timestamp in that silence
    heard = SphinxEngine().align(padded.pcm, typed, [anchor])
    assert statistics.median(errors(heard[: len(said.words)], said.truth)) <= 60
    assert all(h.start_ms is None for h in heard[len(said.words) :])


def test_cancelled_stops(sentence):
    with pytest.raises(Cancelled):
        SphinxEngine().align(sentence.pcm, sentence.words, [], cancelled=lambda: True)
    with pytest.raises(Cancelled):
        SphinxEngine().draft(sentence.pcm, cancelled=lambda: True)


def test_draft_finds_words_with_confidences(espeak):
    clip = corpus.utterance("yes we went to the park and then we went home", wpm=140, seed=4)
    steps = []
    heard = SphinxEngine().draft(clip.pcm, progress=lambda d, t: steps.append((d, t)))
    found = [h.word for h in heard]
    assert sum(w in found for w in set(clip.words)) >= len(set(clip.words)) // 2, found
    assert all(0 <= h.confidence <= 1 for h in heard)
    assert all(h.start_ms < h.end_ms <= clip.duration_ms for h in heard)
    assert not any(w.startswith(("<", "[")) or "(" in w for w in found)
    assert steps[-1] == (1, 1)


def test_empty_input():
    engine = SphinxEngine()
    assert engine.align(b"", ["hello"], []) == [Heard("hello", None, None)]
    assert engine.draft(b"") == []


def test_pronounce_gives_known_phones_for_names(espeak):
    found = pronounce.pronunciations([*NAMES, "Oluwaseun", "Grzegorz"])
    for name in [*NAMES, "Oluwaseun", "Grzegorz"]:
        assert found[name] and all(found[name]), name
        assert all(p in pronounce.PHONES for pron in found[name] for p in pron), name
    assert pronounce.guess(["Grzegorz"])["Grzegorz"][0] in {"G", "JH"}


def test_pronounce_fallback_without_espeak(monkeypatch):
    monkeypatch.setattr(pronounce.shutil, "which", lambda name: None)
    found = pronounce.pronunciations(["Oluwaseun", "Ngozi", "Przemysław"])
    for word, prons in found.items():
        assert prons[0] and set(prons[0]) <= pronounce.PHONES, word


def test_every_espeak_mnemonic_maps_to_known_phones():
    for mnemonic, phones in pronounce.ESPEAK_TO_ARPABET.items():
        assert set(phones) <= pronounce.PHONES, mnemonic
    known = {p for prons in pronounce.dictionary().values() for pron in prons for p in pron}
    assert known == pronounce.PHONES


def test_words_are_normalised_for_lookup():
    assert pronounce.spoken("Don’t") == ["don't"]
    assert pronounce.spoken("42") == ["forty", "two"]
    assert pronounce.spoken("1987") == ["nineteen", "eighty", "seven"]
    assert pronounce.spoken("well-known") == ["well", "known"]
    assert pronounce.in_dictionary("market") and not pronounce.in_dictionary("Przemysław")


def test_no_socket_is_opened(sentence, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the speech engine opened a socket")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    engine = speech.engine()
    assert engine.name == "pocketsphinx"
    assert engine.align(sentence.pcm, sentence.words, [])[0].start_ms is not None
    assert engine.draft(sentence.pcm)


def test_a_missing_or_empty_model_file_is_a_plain_error(tmp_path):
    with pytest.raises(ValidationError, match="not there"):
        speech.engine(str(tmp_path / "ggml-base.en.bin"))
    (tmp_path / "empty.bin").write_bytes(b"")
    with pytest.raises(ValidationError):
        speech.engine(str(tmp_path / "empty.bin"))


def test_matching_typed_words_to_a_draft():
    heard = [Heard("we", 0, 100, 0.9), Heard("met", 120, 300, 0.8), Heard("shivawn", 310, 700, 0.3),
             Heard("today", 720, 1000, 0.9)]  # fmt: skip
    out = match(["We", "met", "Siobhan", "today"], heard)
    assert [(h.start_ms, h.end_ms) for h in out] == [(0, 100), (120, 300), (None, None),
                                                     (720, 1000)]  # fmt: skip


MODEL = os.environ.get("COPROD_SPEECH_MODEL")


@pytest.mark.skipif(not MODEL, reason="no speech-model file named in COPROD_SPEECH_MODEL")
def test_a_model_file_drafts_and_aligns(sentence):
    engine = speech.engine(MODEL)
    assert isinstance(engine, ModelFileEngine)
    heard = engine.draft(sentence.pcm)
    assert heard and all(h.start_ms is not None for h in heard)
    aligned = engine.align(sentence.pcm, sentence.words, [])
    placed = [(h, t) for h, t in zip(aligned, sentence.truth, strict=True) if h.start_ms]
    assert len(placed) >= len(sentence.words) // 2
    assert statistics.median(abs(h.start_ms - t[0]) for h, t in placed) <= 150
    assert shutil.which("whisper-cli") or shutil.which("main") or os.path.isdir(MODEL)


def test_long_audio_is_drafted_in_pieces_cut_at_quiet_moments():
    rng = np.random.default_rng(0)
    samples = (rng.normal(0, 3000, 70 * corpus.RATE)).astype("<i2")
    samples[20 * corpus.RATE : 20 * corpus.RATE + 4000] = 0  # a quiet moment at 20 s
    pieces = _draft_pieces(samples)
    assert pieces[0][0] == 0 and pieces[-1][1] == len(samples)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(pieces))  # no gaps
    assert all(b - a <= DRAFT_CHUNK_MS * corpus.RATE // 1000 for a, b in pieces)
    assert 20 * corpus.RATE <= pieces[0][1] <= 20 * corpus.RATE + 4000


def test_squeezed_silences_map_back_to_the_recording():
    samples = np.zeros(5 * corpus.RATE, dtype="<i2")
    samples[: corpus.RATE] = 8000  # 1 s of sound, 3 s of silence, 1 s of sound
    samples[4 * corpus.RATE :] = 8000
    squeezed = squeeze(samples, 0)
    assert len(squeezed.samples) < 2 * corpus.RATE + 400 * corpus.RATE // 1000
    frame = (len(squeezed.samples) - corpus.RATE) // 160  # where the second sound starts
    assert squeezed.original_ms(frame) == 4000


def test_words_come_back_in_order_when_a_timestamp_is_early(espeak):
    """A run after a timestamp is looked for from a little before it (timestamps are typed on
    hearing the words); it must still start after the words before it, and no two words may
    overlap. Continuous speech, as the demo makes it: each line read aloud at its time."""
    from coprod_desktop.domain.word_times import anchors, spoken_words

    text = ("[0:00.2] (jingle) Your street, your voice!\n"
            "[0:02.0] P-07: We want somewhere to go at night that isn't the bus shelter.\n")
    tokens = spoken_words(text)
    early = [(n, max(0, ms - 1000)) for n, ms in anchors(text, tokens)]
    pcm = np.zeros(8 * speech.RATE, dtype=np.int16)  # each line read aloud at its timestamp
    first = corpus.continuous("jingle Your street your voice", voice="en-gb", wpm=190)
    second = corpus.continuous("We want somewhere to go at night that isn't the bus shelter",
                               voice="en-gb", wpm=190)  # fmt: skip
    first = first[: int(1.8 * speech.RATE)]
    pcm[int(0.2 * speech.RATE) : int(0.2 * speech.RATE) + len(first)] = first
    pcm[2 * speech.RATE : 2 * speech.RATE + len(second[: 6 * speech.RATE])] = second[
        : 6 * speech.RATE]
    heard = SphinxEngine().align(pcm.astype("<i2").tobytes(), [t.text for t in tokens], early)
    times = [(h.start_ms, h.end_ms) for h in heard if h.start_ms is not None]
    assert len(times) >= len(tokens) - 1
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(times)), times
    assert heard[5].word == "We" and heard[5].start_ms >= 1950  # said from 2.0 s
