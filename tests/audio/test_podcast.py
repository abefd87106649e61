"""A programme as WAV and MP3 (its ID3 tags read back with mutagen), and music imported through
the bundled ffmpeg: real files, made with that same ffmpeg in tmp_path."""

from __future__ import annotations

import io
import subprocess
import wave
from pathlib import Path

import numpy as np
import pytest
from mutagen.id3 import ID3, CTOCFlags

from coprod_desktop.audio import podcast
from coprod_desktop.audio.levels import dominant_frequency
from coprod_desktop.audio.mixdown import Cancelled
from coprod_desktop.audio.podcast import Chapter, decoded, mp3_bytes, tagged_mp3, wav_bytes
from coprod_desktop.domain.errors import ValidationError

RATE = 48_000


def tone(seconds: float, hz: float = 440, amplitude: float = 0.3) -> np.ndarray:
    t = np.arange(round(seconds * RATE)) / RATE
    return (amplitude * np.sin(2 * np.pi * hz * t)).astype(np.float32)


def ffmpeg(*arguments: str) -> None:
    subprocess.run([podcast.ffmpeg_exe(), "-nostdin", "-loglevel", "error", "-y", *arguments],
                   check=True, capture_output=True)  # fmt: skip


def read_mp3(tmp_path: Path, data: bytes) -> bytes:
    path = tmp_path / "programme.mp3"
    path.write_bytes(data)
    pcm, rate = decoded(path)
    assert rate == RATE
    return pcm


CHAPTERS = [Chapter("Welcome", 0, 1500), Chapter("The interview", 1500, 3000),
            Chapter("Goodbye", 3000, 4000)]  # fmt: skip


def test_wav_bytes_is_a_16_bit_mono_wav():
    samples = tone(1.25)
    data = wav_bytes(samples, RATE)
    with wave.open(io.BytesIO(data), "rb") as w:
        assert (w.getnchannels(), w.getsampwidth(), w.getframerate()) == (1, 2, RATE)
        assert w.getnframes() == len(samples)
        pcm = w.readframes(w.getnframes())
    assert np.allclose(np.frombuffer(pcm, "<i2") / 32768, samples, atol=1 / 32768)


def test_an_mp3_decodes_back_to_the_same_length_and_pitch(tmp_path):
    samples = tone(3.5)
    data = mp3_bytes(samples, RATE)
    assert data[:2] == b"\xff\xfb" or data[:3] == b"ID3" or data[0] == 0xFF  # an MPEG frame
    pcm = read_mp3(tmp_path, data)
    assert abs(len(pcm) / 2 / RATE - 3.5) < 0.1  # the encoder's padding, no more
    middle = pcm[RATE : 3 * RATE]  # samples 0.5 s to 1.5 s in
    assert dominant_frequency(middle, RATE) == pytest.approx(440, abs=5)


def test_mp3_encoding_tells_its_progress_and_can_be_cancelled(tmp_path):
    samples = tone(30.0)  # fed to the encoder about 10 s at a time
    seen: list[tuple[int, int]] = []
    data = mp3_bytes(samples, RATE, progress=lambda done, total: seen.append((done, total)))
    assert len(seen) >= 3 and seen[-1] == (len(samples), len(samples))
    assert abs(len(read_mp3(tmp_path, data)) / 2 / RATE - 30.0) < 0.1
    seen.clear()
    with pytest.raises(Cancelled):
        mp3_bytes(samples, RATE, progress=lambda done, total: seen.append((done, total)),
                  cancelled=lambda: len(seen) >= 1)  # fmt: skip
    assert len(seen) == 1


def test_the_tags_read_back_with_mutagen(tmp_path):
    data = tagged_mp3(mp3_bytes(tone(4.0), RATE), "Voices of the estate",
                      "Three neighbours talk about the new park.",
                      "Presenter: Ana\nSound: Bo", CHAPTERS)  # fmt: skip
    tags = ID3(io.BytesIO(data))
    assert tags.version[:2] == (2, 4)
    assert tags["TIT2"].text == ["Voices of the estate"]
    (comment,) = tags.getall("COMM")
    assert comment.lang == "eng"
    assert comment.text[0].startswith("Three neighbours talk about the new park.")
    assert comment.text[0].endswith("Presenter: Ana\nSound: Bo")
    assert tags["TXXX:Credits"].text == ["Presenter: Ana\nSound: Bo"]
    assert abs(int(tags["TLEN"].text[0]) - 4000) < 100
    chapters = sorted(tags.getall("CHAP"), key=lambda frame: frame.element_id)
    assert [(c.element_id, c.start_time, c.end_time, c.sub_frames["TIT2"].text[0])
            for c in chapters] == [("ch0", 0, 1500, "Welcome"),
                                   ("ch1", 1500, 3000, "The interview"),
                                   ("ch2", 3000, 4000, "Goodbye")]  # fmt: skip
    (toc,) = tags.getall("CTOC")
    assert toc.flags & CTOCFlags.TOP_LEVEL and toc.flags & CTOCFlags.ORDERED
    assert toc.child_element_ids == ["ch0", "ch1", "ch2"]
    assert abs(len(read_mp3(tmp_path, data)) / 2 / RATE - 4.0) < 0.1  # still plays


def test_without_credits_there_is_no_credits_frame_and_tagging_again_replaces_the_tag():
    once = tagged_mp3(mp3_bytes(tone(1.0), RATE), "First", "Notes.", "", [])
    tags = ID3(io.BytesIO(once))
    assert tags.getall("TXXX") == [] and tags.getall("CHAP") == [] and tags.getall("CTOC") == []
    assert tags.getall("COMM")[0].text == ["Notes."]
    twice = tagged_mp3(once, "Second", "", "Everyone", CHAPTERS[:1])
    tags = ID3(io.BytesIO(twice))
    assert tags["TIT2"].text == ["Second"]
    assert tags.getall("COMM")[0].text == ["Everyone"]
    assert len(tags.getall("CHAP")) == 1
    assert twice.count(b"ID3") == 1


def test_bad_chapters_and_bitrates_are_refused():
    mp3 = mp3_bytes(tone(0.5), RATE)
    with pytest.raises(ValidationError, match="ends before it starts"):
        tagged_mp3(mp3, "T", "", "", [Chapter("Backwards", 2000, 1000)])
    with pytest.raises(ValidationError, match="like 128k"):
        mp3_bytes(tone(0.5), RATE, bitrate="-f")
    with pytest.raises(ValidationError, match="damaged"):
        tagged_mp3(b"not an mp3 at all" * 10, "T", "", "", [])
    many = [Chapter(f"Part {i}", i * 10, i * 10 + 10) for i in range(256)]
    with pytest.raises(ValidationError, match="at most 255 chapters; this one would have 256"):
        tagged_mp3(mp3, "T", "", "", many)
    assert len(ID3(io.BytesIO(tagged_mp3(mp3, "T", "", "", many[:255]))).getall("CHAP")) == 255


def test_an_mp3_needs_sound_and_a_rate_it_can_carry():
    with pytest.raises(ValidationError, match="no sound"):
        mp3_bytes(np.zeros(0, np.float32), RATE)
    for rate in (0, 1, 96_000):
        with pytest.raises(ValidationError, match=f"cannot carry sound at {rate} samples"):
            mp3_bytes(tone(0.5), rate)


def test_a_missing_converter_is_said_plainly(monkeypatch, tmp_path):
    monkeypatch.setenv("IMAGEIO_FFMPEG_EXE", str(tmp_path / "no-converter-here"))
    with pytest.raises(ValidationError, match="could not be started"):
        mp3_bytes(tone(0.5), RATE)


# -- importing ----------------------------------------------------------------------------------


@pytest.fixture
def source(tmp_path) -> Path:
    """Two seconds of a 440 Hz tone as a 48 kHz mono WAV."""
    path = tmp_path / "source.wav"
    path.write_bytes(wav_bytes(tone(2.0), RATE))
    return path


@pytest.mark.parametrize(
    ("name", "arguments", "slack_s"),
    [("music.wav", ["-ar", "44100", "-ac", "2"], 0.0),
     ("music.flac", ["-ar", "44100", "-ac", "2"], 0.0),
     ("music.mp3", ["-c:a", "libmp3lame", "-b:a", "128k"], 0.1),
     ("MUSIC.OGG", ["-c:a", "libvorbis", "-ac", "2"], 0.1)],
)  # fmt: skip
def test_music_is_decoded_to_48_khz_mono(tmp_path, source, name, arguments, slack_s):
    path = tmp_path / name
    ffmpeg("-i", str(source), *arguments, str(path))
    pcm, rate = decoded(path)
    assert rate == RATE and len(pcm) % 2 == 0
    assert abs(len(pcm) / 2 / RATE - 2.0) <= slack_s + 1 / RATE
    assert dominant_frequency(pcm[RATE // 2 : 3 * RATE // 2], RATE) == pytest.approx(440, abs=5)


def test_a_text_file_named_mp3_is_refused_in_plain_words(tmp_path):
    path = tmp_path / "jingle.mp3"
    path.write_text("These are the words of a song, not its sound.\n" * 40)
    with pytest.raises(ValidationError, match=r"^jingle\.mp3 could not be read as sound: "):
        decoded(path)


@pytest.mark.parametrize("name", ["jingle.aiff", "notes.txt", "jingle", "bed.mp3.exe"])
def test_other_kinds_of_file_are_refused(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"RIFF")
    with pytest.raises(ValidationError, match=r"cannot be imported: .*\.wav, \.mp3, \.ogg "):
        decoded(path)


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(ValidationError, match=r"^gone\.flac could not be read as sound: the "
                                              r"file is not there\.$"):  # fmt: skip
        decoded(tmp_path / "gone.flac")


def test_music_longer_than_thirty_minutes_is_refused(tmp_path):
    path = tmp_path / "long bed.flac"
    ffmpeg("-f", "lavfi", "-i", "anullsrc=r=8000:cl=mono", "-t", "1830", str(path))
    with pytest.raises(ValidationError, match=r"^long bed\.flac is longer than 30 minutes"):
        decoded(path)
    just_under = tmp_path / "bed.flac"
    ffmpeg("-f", "lavfi", "-i", "anullsrc=r=8000:cl=mono", "-t", "1790", str(just_under))
    pcm, _ = decoded(just_under)
    assert len(pcm) == 1790 * RATE * 2
