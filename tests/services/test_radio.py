"""The radio lab's use cases on real encrypted projects: the consent gate, clips and their edits,
recovery, export, and erasure on withdrawal (checked on decrypted pages)."""

from __future__ import annotations

import io
import math
import struct
import wave
from dataclasses import replace
from pathlib import Path

import pytest

from coprod_desktop.audio import levels
from coprod_desktop.domain.board import Theme
from coprod_desktop.domain.clips import Edits
from coprod_desktop.domain.consent import Method, Scope
from coprod_desktop.domain.errors import ValidationError
from coprod_desktop.domain.ids import new_id
from coprod_desktop.services.project import open_project
from coprod_desktop.storage import recordings_repo
from coprod_desktop.storage.recording_sink import ChunkSink
from tests.conftest import PASSPHRASE
from tests.services.test_consent_service import add_person, consent_for
from tests.sqlcipher_pages import decrypted_pages

RATE = 48_000


def tone(seconds: float, hz: int = 440, amplitude: int = 8000) -> bytes:
    return b"".join(
        struct.pack("<h", int(amplitude * math.sin(2 * math.pi * hz * i / RATE)))
        for i in range(int(seconds * RATE))
    )


def person(project, audio: bool = True):
    someone = add_person(project)
    decisions = {"audio_recording": audio}
    project.consent.record(
        consent_for(project, someone, method=Method.VERBAL, witness="Ann", decisions=decisions)
    )
    return someone


def recorded(project, people, pcm: bytes, session_id=None) -> str:
    conn = project.file.connect_again()
    sink = ChunkSink(conn, RATE)
    rid = sink.start(session_id, [p.id for p in people])
    sink.write(pcm)
    sink.finish()
    conn.close()
    return rid


def test_recording_refuses_nobody_and_people_without_audio_consent(project):
    yes, no = person(project), person(project, audio=False)
    unknown = add_person(project)  # no consent recorded at all
    with pytest.raises(ValidationError, match="Tick everyone"):
        project.radio.check_may_record([])
    project.radio.check_may_record([yes.id])
    with pytest.raises(ValidationError) as refused:
        project.radio.check_may_record([yes.id, no.id, unknown.id])
    message = str(refused.value)
    assert no.pseudonym in message and unknown.pseudonym in message
    assert yes.pseudonym not in message.split("\n", 1)[1]
    assert "Audio recording" in message or "audio" in message.lower()


def test_clip_from_a_recording_keeps_speakers_and_edits_round_trip(project):
    speaker = person(project)
    rid = recorded(project, [speaker], tone(2.0))
    clip = project.radio.add_recorded(rid)
    assert clip.title == "Clip 1" and clip.speakers == (speaker.id,)
    assert clip.duration_ms == 2000 and clip.has_audio
    edited = replace(clip, title="  Vox  pop ", transcript="[0:01.0] Hello",
                     edits=Edits(100, 1900, 3.0, True, ((500, 700), (650, 900))))  # fmt: skip
    before = project.radio.save_clip(edited)
    assert before == clip
    again = project.radio.clip(clip.id)
    assert again.title == "Vox pop" and again.edits.bleeps == ((500, 900),)
    assert again.length_ms == 1800 and again.transcript == "[0:01.0] Hello"
    project.radio.save_clip(before)  # undo puts back exactly what was there
    assert project.radio.clip(clip.id) == clip


def test_bad_edits_and_titles_are_refused_and_nothing_changes(project):
    rid = recorded(project, [person(project)], tone(1.0))
    clip = project.radio.add_recorded(rid)
    for bad in (replace(clip, title="  "), replace(clip, title="x" * 201),
                replace(clip, edits=Edits(trim_in_ms=900, trim_out_ms=800)),
                replace(clip, edits=Edits(trim_out_ms=5000)),
                replace(clip, edits=Edits(gain_db=40))):  # fmt: skip
        with pytest.raises(ValidationError):
            project.radio.save_clip(bad)
    assert project.radio.clip(clip.id) == clip


def test_speakers_added_later_need_audio_consent(project):
    rid = recorded(project, [person(project)], tone(1.0))
    clip = project.radio.add_recorded(rid)
    refuser = person(project, audio=False)
    with pytest.raises(ValidationError, match=refuser.pseudonym):
        project.radio.save_clip(replace(clip, speakers=(*clip.speakers, refuser.id)))


def test_themes_are_shared_with_the_board(project):
    session = project.sessions.save(replace(project.sessions.draft(), title="Radio lab"))
    board = project.boards.create_board(session.id, "Wall")
    theme = project.boards.save_theme(Theme(new_id(), board.id, "Getting help"))
    other = project.boards.save_theme(Theme(new_id(), board.id, "Money"))
    clip = project.radio.add_recorded(recorded(project, [person(project)], tone(1.0), session.id))
    project.radio.save_clip(replace(clip, themes=(theme.id,)))
    assert project.radio.clip(clip.id).themes == (theme.id,)
    merged = project.boards.merge_themes(theme.id, other.id)
    assert project.radio.clip(clip.id).themes == (other.id,)
    project.boards.restore(merged)  # undoing the merge puts the clip back exactly
    assert project.radio.clip(clip.id).themes == (theme.id,)
    removed = project.boards.delete_theme(theme.id)
    assert project.radio.clip(clip.id).themes == ()
    project.boards.restore(removed)
    assert project.radio.clip(clip.id).themes == (theme.id,)


def test_rendering_applies_bleeps_trim_and_the_waveform_is_cached(project):
    rid = recorded(project, [person(project)], tone(2.0))
    clip = project.radio.add_recorded(rid)
    clip = replace(clip, edits=Edits(trim_in_ms=500, bleeps=((1000, 1500),)))
    rendered = project.radio.render(clip)
    assert len(rendered) == 1500
    bleeped = rendered[500:1000].raw_data
    assert abs(levels.dominant_frequency(bleeped, RATE) - 1000) < 30
    assert abs(levels.dominant_frequency(rendered[:400].raw_data, RATE) - 440) < 15
    wave_bytes = project.radio.waveform(rid)
    assert len(wave_bytes) == 200 and min(wave_bytes) > 50
    assert recordings_repo.cached_waveform(project.file.db, rid) == wave_bytes


def test_export_writes_the_rendered_wav_and_refuses_other_formats_without_ffmpeg(
    project, tmp_path, monkeypatch
):
    clip = project.radio.add_recorded(recorded(project, [person(project)], tone(1.0)))
    clip = replace(clip, edits=Edits(trim_out_ms=600, normalise=True))
    target = project.radio.export(clip, tmp_path / "clip.wav")
    with wave.open(io.BytesIO(target.read_bytes())) as wav:
        assert wav.getnframes() == int(0.6 * RATE) and wav.getframerate() == RATE
    monkeypatch.setattr("shutil.which", lambda name: None)  # as on a laptop without ffmpeg
    with pytest.raises(ValidationError, match="needs the ffmpeg program"):
        project.radio.export(clip, tmp_path / "clip.mp3", "mp3")
    assert not (tmp_path / "clip.mp3").exists()


def test_export_to_a_missing_folder_says_so_and_leaves_nothing(project, tmp_path):
    clip = project.radio.add_recorded(recorded(project, [person(project)], tone(0.5)))
    with pytest.raises(Exception, match=r"(?i)folder|directory|no such"):
        project.radio.export(clip, tmp_path / "gone" / "clip.wav")
    assert not (tmp_path / "gone").exists()


def test_unfinished_recording_is_recovered_as_a_clip(project):
    speaker = person(project)
    conn = project.file.connect_again()
    sink = ChunkSink(conn, RATE)
    rid = sink.start(None, [speaker.id])
    sink.write(tone(2.5))  # the app dies here
    conn.close()
    path = project.path
    project.close()
    reopened = open_project(path, PASSPHRASE)
    try:
        (pending,) = reopened.radio.unfinished()
        clip = reopened.radio.recover(pending["id"])
        assert clip.title.startswith("Recovered recording") and clip.duration_ms == 2000
        assert clip.speakers == (speaker.id,) and reopened.radio.unfinished() == []
        with pytest.raises(Exception, match="already been recovered"):
            reopened.radio.recover(rid)
    finally:
        reopened.close()


MARK = b"RADIO-SPEECH-" * 600


def _marked_clip(project, speaker, transcript="Words only she said"):
    rid = recorded(project, [], MARK + bytes(RATE * 2 - len(MARK)))  # ticked by nobody...
    clip = project.radio.add_recorded(rid)
    return project.radio.save_clip(replace(clip, speakers=(speaker.id,), transcript=transcript))


@pytest.mark.parametrize("scope", [Scope.AUDIO_ONLY, Scope.EVERYTHING])
def test_withdrawal_erases_the_audio_of_clips_they_speak_in(project, scope):
    speaker = add_person(project)
    project.consent.record(consent_for(project, speaker, method=Method.VERBAL, witness="Ann"))
    before = _marked_clip(project, speaker)  # ...but named as the clip's speaker later
    result = project.consent.withdraw(speaker.id, scope)
    assert result.erased["recordings"] == 1
    left = project.radio.clip(before.id)
    if scope is Scope.AUDIO_ONLY:
        assert left is not None and not left.has_audio and left.transcript
    else:
        assert left is None and result.erased["clips"] == 1
    path = project.path
    project.close()
    pages = decrypted_pages(Path(path), PASSPHRASE)
    assert b"RADIO-SPEECH-" not in pages
    assert (b"Words only she said" in pages) == (scope is Scope.AUDIO_ONLY)


def test_deleting_a_clip_deletes_its_audio_from_the_file(project):
    clip = _marked_clip(project, person(project))
    project.radio.delete_clip(clip.id)
    assert project.radio.clips() == [] and project.radio.unfinished() == []
    path = project.path
    project.close()
    assert b"RADIO-SPEECH-" not in decrypted_pages(Path(path), PASSPHRASE)


def test_info_counts_clips(project):
    project.radio.add_recorded(recorded(project, [person(project)], tone(0.5)))
    assert project.info()["clips"] == 1


def test_demo_clips_are_realistic(demo_path):
    from coprod_desktop.audio.processing import from_pcm

    project = open_project(demo_path, PASSPHRASE)
    try:
        clips = project.radio.clips()
        assert len(clips) == 3 and all(c.has_audio and c.transcript for c in clips)
        assert sum(len(c.edits.bleeps) for c in clips) == 2  # the shop; the names
        assert all(c.themes and c.speakers and c.session_id for c in clips)
        for clip in clips:
            assert project.radio.recording_refusals(clip.speakers) == []
            assert clip.transcript.startswith("[0:0")
        bleeped = next(c for c in clips if c.edits.bleeps)
        rendered = project.radio.render(bleeped)
        start, end = bleeped.edits.bleeps[0]
        offset = bleeped.edits.trim_in_ms
        tone_part = rendered[start - offset + 100 : end - offset - 100].raw_data
        assert abs(levels.dominant_frequency(tone_part, RATE) - 1000) < 30
        speech = from_pcm(project.radio.source(bleeped).raw_data[: RATE * 2 * 3], RATE)
        assert speech.rms > 300  # the synthetic voice is there, not silence
        info = project.info()
        assert info["clips"] == 3 and 20 < info["clip_seconds"] < 31
    finally:
        project.close()
