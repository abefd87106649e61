"""Making a programme with real audio on a real encrypted project: its loudness measured with a
loudness library, its chapters read back from the MP3, a bleeped word heard as the tone in the
output, and the gate refusing a withdrawn voice with nothing written."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import wave
from dataclasses import replace

import numpy as np
import pyloudnorm
import pytest
from mutagen.id3 import ID3

from coprod_desktop.audio.podcast import decoded
from coprod_desktop.domain.consent import Scope
from coprod_desktop.domain.errors import ValidationError
from coprod_desktop.storage import audit_repo, packs_repo
from tests.services.test_programmes import show  # noqa: F401 - the fixture
from tests.services.test_radio import recorded, tone

UTC = dt.timezone.utc


def samples_of_wav(path) -> tuple[np.ndarray, int]:
    with wave.open(str(path), "rb") as w:
        rate, data = w.getframerate(), w.readframes(w.getnframes())
    return np.frombuffer(data, "<i2").astype(np.float64) / 32768, rate


def lufs(samples: np.ndarray, rate: int) -> float:
    return pyloudnorm.Meter(rate).integrated_loudness(samples)


def hz(samples: np.ndarray, rate: int, start_ms: int, end_ms: int) -> float:
    """Zero crossings per second, halved: the frequency of a pure tone."""
    part = samples[start_ms * rate // 1000 : end_ms * rate // 1000]
    crossings = sum(1 for a, b in itertools.pairwise(part) if (a < 0) != (b < 0))
    return crossings / 2 / ((end_ms - start_ms) / 1000)


def test_an_mp3_at_podcast_loudness_with_chapters_tags_and_its_text(project, show, tmp_path):  # noqa: F811
    programme = show[0]
    made = project.programmes.make(programme.id, tmp_path / "show.mp3", -16.0)
    pcm, rate = decoded(made.path)
    measured = lufs(np.frombuffer(pcm, "<i2").astype(np.float64) / 32768, rate)
    assert abs(measured - -16.0) <= 0.5 and made.true_peak_dbtp <= -1.0
    assert abs(len(pcm) // 2 * 1000 // rate - 6_500) < 150  # 2 s + 0.5 s gap + 3 s + 1 s
    tags = ID3(io.BytesIO(made.path.read_bytes()))
    assert str(tags["TIT2"]) == "Voices of the East End"
    chapters = sorted(tags.getall("CHAP"), key=lambda c: c.start_time)
    assert [(str(c.sub_frames["TIT2"]), c.start_time) for c in chapters] == [
        ("Intro", 0), ("Steamie", 2_500), ("Pause", 5_500)]
    assert len(tags.getall("CTOC")[0].child_element_ids) == 3
    text = made.text_path.read_text(encoding="utf-8")
    assert text.startswith("Voices of the East End\n") and "0:02  Steamie" in text
    release = packs_repo.packs(project.file.db)[0]
    assert release["audience"] == "Programme: Voices of the East End"
    assert release["sha256"] == made.sha256 and release["file_name"] == "show.mp3"
    assert "programme.exported" in [e.action for e in audit_repo.entries(project.file.db)]


def test_a_wav_at_broadcast_loudness(project, show, tmp_path):  # noqa: F811
    made = project.programmes.make(show[0].id, tmp_path / "show.wav", -23.0)
    samples, rate = samples_of_wav(made.path)
    assert abs(lufs(samples, rate) - -23.0) <= 0.5


def test_a_word_removed_in_review_is_the_tone_in_the_programme(project, show, tmp_path):  # noqa: F811
    programme, _people, clip = show
    project.radio.save_clip(replace(clip, transcript="[0:00.5] Ask Bernadette Quinn at no. 4",
                                    edits=replace(clip.edits, bleeps=((500, 1_500),))))
    made = project.programmes.make(programme.id, tmp_path / "show.wav")
    samples, rate = samples_of_wav(made.path)
    start = 2_500  # the clip comes in after the 2 s intro and a 0.5 s gap
    assert abs(hz(samples, rate, start + 100, start + 450) - 330) < 15  # the voice (a tone here)
    assert abs(hz(samples, rate, start + 600, start + 1_400) - 1_000) < 20  # the bleep, only
    transcript = made.text_path.read_text(encoding="utf-8")
    assert "Bernadette" not in transcript and "Quinn" not in transcript


def test_a_withdrawn_speaker_blocks_the_programme_and_nothing_is_written(project, show, tmp_path):  # noqa: F811
    programme, (_p1, _p2, p3), _clip = show
    project.consent.withdraw(p3.id, Scope.FUTURE_PACKS, dt.datetime.now(UTC))
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(ValidationError) as refused:
        project.programmes.make(programme.id, out / "show.mp3")
    assert "P-03" in str(refused.value) and "Re-make" in str(refused.value)
    assert list(out.iterdir()) == [] and packs_repo.packs(project.file.db) == []
    project.programmes.remake(programme.id)
    made = project.programmes.make(programme.id, out / "show.mp3")
    assert made.voices == 2  # P-01 presenting, P-02 in earshot; P-03's clip is out


def test_music_imported_from_a_file_plays_in_the_programme(project, show, tmp_path):  # noqa: F811
    programme = show[0]
    source = tmp_path / "bed.wav"
    with wave.open(str(source), "wb") as w:
        w.setnchannels(2)
        w.setsampwidth(2)
        w.setframerate(44_100)
        w.writeframes(np.zeros(44_100 * 2, "<i2").tobytes())
    bed = project.programmes.import_music(source)
    assert bed.title == "bed" and abs(bed.length_ms - 1_000) <= 1
    project.programmes.save(replace(programme, items=(
        *programme.items, replace(bed, join_ms=500, crossfade=True))))  # fmt: skip
    made = project.programmes.make(programme.id, tmp_path / "show.wav")
    assert made.length_ms == 6_500 + 1_000 - 500
    assert project.programmes.voices(project.programmes.get(programme.id)).get(bed.id) is None


def test_the_room_hears_the_programme_with_captions(project, show):  # noqa: F811
    programme, _people, clip = show
    project.radio.save_clip(replace(clip, transcript="[0:00.5] Thanks for coming."))
    playback = project.programmes.playback(programme.id)
    assert [t for t, _s, _e in playback.running_order] == ["Intro", "Steamie", "Pause"]
    assert playback.now(3_100) == (1, "Thanks for coming.")
    with wave.open(io.BytesIO(playback.wav)) as w:
        assert abs(w.getnframes() * 1000 // w.getframerate() - 6_500) < 50
    other = recorded(project, [], tone(1.0))
    assert other  # a recording nobody is in does not change the programme
