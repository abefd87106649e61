"""`coprod-desktop transcribe`: word times of a WAV file outside any project, as JSON."""

from __future__ import annotations

import json
import wave
from pathlib import Path

import pytest

from benchmarks import speech_corpus as corpus
from coprod_desktop.cli import main
from tests.audio.test_speech import espeak  # noqa: F401 - the fixture: fails in CI without it

TEXT = "[0:00.0] We asked Ngozi Adeyemi about the buses on Tuesday"


@pytest.fixture
def spoken(tmp_path: Path, espeak):  # noqa: F811 - the fixture imported above
    utt = corpus.utterance(TEXT.split("] ", 1)[1], seed=3)
    path = tmp_path / "said.wav"
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(corpus.RATE)
        out.writeframes(utt.pcm)
    return path, utt


def run(capsys, *args) -> tuple[int, dict | None, str]:
    code = main(["transcribe", *map(str, args)])
    captured = capsys.readouterr()
    return code, json.loads(captured.out) if captured.out.strip() else None, captured.err


def test_a_text_is_aligned_every_word_in_order(spoken, tmp_path, capsys):
    path, utt = spoken
    text = tmp_path / "said.txt"
    text.write_text(TEXT, encoding="utf-8")
    code, out, _err = run(capsys, path, "--json", "--text-file", text)
    assert code == 0 and out["engine"] == "pocketsphinx"
    assert [w["word"] for w in out["words"]] == utt.words
    for word, (start, end) in zip(out["words"], utt.truth, strict=True):
        assert abs(word["start"] * 1000 - start) <= 150 and abs(word["end"] * 1000 - end) <= 150
        assert set(word) >= {"word", "start", "end", "confidence"}


def test_words_that_are_not_said_come_back_without_times(spoken, tmp_path, capsys):
    path, _utt = spoken
    text = tmp_path / "said.txt"
    text.write_text(TEXT + "\n[0:30.0] and then everybody went home early", encoding="utf-8")
    code, out, err = run(capsys, path, "--json", "--text-file", text)
    assert code == 0
    late = out["words"][-6:]
    assert all(w["start"] is None and w["end"] is None and w["unplaced"] for w in late)
    assert "could not be placed" in err


def test_a_draft_has_times_and_confidences(spoken, capsys):
    path, _utt = spoken
    code, out, _err = run(capsys, path, "--json")
    assert code == 0 and out["words"]
    for word in out["words"]:
        assert 0 <= word["confidence"] <= 1 and word["start"] < word["end"]


def test_a_file_that_is_not_a_wav_is_refused_in_words(tmp_path, capsys):
    bad = tmp_path / "bad.wav"
    bad.write_bytes(b"not a wav")
    code, out, err = run(capsys, bad, "--json")
    assert code == 2 and out is None and "could not be read as a PCM WAV file" in err
    code, _out, err = run(capsys, tmp_path / "missing.wav", "--json")
    assert code == 2 and "There is no file" in err
