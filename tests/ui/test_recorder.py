"""The radio-lab recorder end to end: a real PulseAudio virtual microphone playing a 440 Hz
tone, Qt Multimedia on the recorder's own thread, and a real encrypted project file."""

from __future__ import annotations

import time

import pytest

from coprod_desktop.audio import levels
from coprod_desktop.storage import recordings_repo
from coprod_desktop.ui.recorder import Recorder, bytes_needed
from tests.conftest import CAN_MOUNT, SmallDisk


class Take:
    """Drives one recording and keeps what the recorder reported."""

    def __init__(self, qtbot, project, people=()):
        self.qtbot, self.project = qtbot, project
        self.recorder = Recorder()
        self.seconds: list[float] = []
        self.peaks: list[float] = []
        self.low_disk: list[bool] = []
        self.result: tuple[str, int, str] | None = None
        self.began = self.ended = 0.0
        self.recorder.progress.connect(self._progress)
        self.recorder.level.connect(self.peaks.append)
        self.recorder.low_disk.connect(self.low_disk.append)
        self.recorder.stopped.connect(lambda *r: setattr(self, "result", r))
        assert self.recorder.start(project, list(people)) == ""
        qtbot.waitUntil(lambda: self.began > 0 and bool(self.seconds), timeout=15000)

    def _progress(self, seconds: float) -> None:
        if not self.seconds:  # the clock starts when sound first arrives
            self.began = time.monotonic() - seconds
        self.seconds.append(seconds)

    def until(self, seconds: float) -> None:
        self.qtbot.waitUntil(lambda: self.seconds[-1] >= seconds, timeout=int(seconds * 4000))

    def stop(self) -> tuple[str, int, str]:
        self.ended = time.monotonic()
        self.recorder.stop()
        self.qtbot.waitUntil(lambda: self.result is not None, timeout=15000)
        return self.result


def test_three_seconds_of_the_tone_are_stored_exactly(qtbot, project, need_microphone):
    take = Take(qtbot, project)
    take.until(3.0)
    recording_id, samples, problem = take.stop()
    assert problem == ""
    info = recordings_repo.info(project.file.db, recording_id)
    assert info["status"] == "finished" and info["sample_rate"] == 48000
    pcm = recordings_repo.pcm(project.file.db, recording_id)
    assert len(pcm) == samples * 2 == info["samples"] * 2
    assert 3.0 <= samples / 48000 < 3.6
    wall = take.ended - take.began
    assert abs(samples / 48000 - wall) < 0.35  # no sound lost: the count matches the clock
    assert abs(levels.dominant_frequency(pcm[48000:], 48000) - 440) < 5
    assert max(take.peaks) > 0.2 and not any(levels.is_clipping(p) for p in take.peaks)


def test_a_busy_window_does_not_drop_sound(qtbot, project, need_microphone):
    take = Take(qtbot, project)
    take.until(0.5)
    time.sleep(2.5)  # the GUI thread is stuck (a slow dialog, a long repaint)
    take.until(3.5)
    _rid, samples, problem = take.stop()
    assert problem == ""
    assert abs(samples / 48000 - (take.ended - take.began)) < 0.35


def test_people_ticked_are_kept_with_the_recording(qtbot, project, need_microphone):
    from tests.services.test_radio import person

    speaker = person(project)
    take = Take(qtbot, project, [speaker.id])
    recording_id, _samples, _problem = take.stop()
    assert recordings_repo.people(project.file.db, recording_id) == [speaker.id]


def test_microphone_unplugged_mid_recording_keeps_the_take(qtbot, project, need_microphone):
    take = Take(qtbot, project)
    take.until(1.2)
    try:
        need_microphone.unplug()
        qtbot.waitUntil(lambda: take.result is not None, timeout=15000)
    finally:
        need_microphone.plug_back()
    recording_id, samples, problem = take.result
    assert "microphone stopped" in problem
    assert samples >= 48000  # what was heard is kept
    assert recordings_repo.info(project.file.db, recording_id)["status"] == "finished"
    assert not take.recorder.recording


@pytest.mark.skipif(not CAN_MOUNT, reason="needs root and mount to make a real small disk")
def test_low_disk_space_is_reported_while_recording(qtbot, need_microphone):
    from coprod_desktop.services.project import create_project
    from tests.conftest import PASSPHRASE

    disk = SmallDisk(bytes_needed(300, 48000) // 1024)  # room for about 5 more minutes
    try:
        project = create_project(disk.path / "small.coprod", PASSPHRASE, "Small")
        try:
            take = Take(qtbot, project)
            qtbot.waitUntil(lambda: bool(take.low_disk), timeout=15000)
            assert take.low_disk[-1] is True
            take.stop()
        finally:
            project.close()
    finally:
        disk.cleanup()


@pytest.mark.skipif(not CAN_MOUNT, reason="needs root and mount to make a real small disk")
def test_a_full_disk_stops_the_take_with_a_message_and_keeps_it_for_recovery(
    qtbot, need_microphone
):
    from coprod_desktop.services.project import create_project, open_project
    from tests.conftest import PASSPHRASE

    disk = SmallDisk(2048)
    try:
        path = disk.path / "full.coprod"
        project = create_project(path, PASSPHRASE, "Full")
        try:
            take = Take(qtbot, project)
            take.until(1.1)
            disk.fill()
            qtbot.waitUntil(lambda: take.result is not None, timeout=20000)
            _rid, _samples, problem = take.result
            assert "could not take more sound" in problem
            assert "disk" in problem.lower() or "space" in problem.lower()
        finally:
            project.close()
        (disk.path / "filler").unlink()
        reopened = open_project(path, PASSPHRASE)
        try:
            (pending,) = reopened.radio.unfinished()
            assert pending["bytes"] >= 48000 * 2  # the committed second survived
        finally:
            reopened.close()
    finally:
        disk.cleanup()
