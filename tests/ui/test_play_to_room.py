"""Play to the room: a programme shown full screen to the group, driven from the keyboard.

Most tests show a Playback made here (a generated WAV, three items, captions); the sound plays
through PulseAudio's virtual devices where they are installed (tests/virtual_mic.py)."""

from __future__ import annotations

import io
import math
import struct
import wave

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton

from coprod_desktop.domain.errors import ValidationError
from coprod_desktop.domain.programmes import Caption
from coprod_desktop.services.programmes import Playback

RATE = 8_000
LENGTH_MS = 30_000


def tone_wav(ms: int = LENGTH_MS) -> bytes:
    frames = b"".join(struct.pack("<h", int(6000 * math.sin(2 * math.pi * 440 * i / RATE)))
                      for i in range(RATE * ms // 1000))  # fmt: skip
    out = io.BytesIO()
    with wave.open(out, "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(RATE)
        writer.writeframes(frames)
    return out.getvalue()


PLAYBACK = Playback(
    "Voices of the East End",
    tone_wav(),
    (("Intro", 0, 5_000), ("The steamie", 5_000, 22_000), ("Goodbye", 22_000, LENGTH_MS)),
    (Caption(0, "Welcome to our programme."), Caption(5_000, "We washed the sheets on Mondays."),
     Caption(15_000, "Everyone talked while the boilers ran."), Caption(22_000, "Thanks.")),
)  # fmt: skip


@pytest.fixture
def runner(qtbot):
    from coprod_desktop.ui.tasks import TaskRunner

    runner = TaskRunner()
    yield runner
    runner.wait()


@pytest.fixture
def room(qtbot, runner):
    """The window showing PLAYBACK; it deletes itself on close, so teardown closes it only if
    a test has not."""
    from coprod_desktop.ui.play_to_room import PlayToRoom

    view = PlayToRoom(None, runner, None)
    view.show_playback(PLAYBACK)
    view.resize(1366, 768)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    view.setFocus()
    yield view
    if shiboken6.isValid(view):
        view.close()


def loaded(room) -> bool:
    return room.player.loaded


def test_it_shows_the_title_the_first_item_and_its_caption(room):
    assert room.windowFlags() & Qt.WindowType.Window
    assert room.programme_title.text() == "Voices of the East End"
    assert room.item_title.text() == "Intro"
    assert room.caption.text() == "Welcome to our programme."
    assert room.running.currentRow() == 0 and room.running.count() == 3
    assert room.time.text() == "0:00 of 0:30"
    assert room.caption.font().pixelSize() >= 40 and room.item_title.font().pixelSize() >= 40


def test_the_position_shows_the_item_and_caption_playing_then(room):
    room.at(16_000)
    assert room.item_title.text() == "The steamie"
    assert room.caption.text() == "Everyone talked while the boilers ran."
    assert room.running.currentRow() == 1
    assert room.time.text() == "0:16 of 0:30" and room.bar.value() == 16_000
    room.at(29_000)
    assert (room.item_title.text(), room.running.currentRow()) == ("Goodbye", 2)


def test_keys_move_between_items_and_seek(room, qtbot):
    qtbot.waitUntil(lambda: loaded(room), timeout=15000)

    def press(key) -> None:
        QTest.keyClick(room, key)

    def near(ms: int) -> None:
        qtbot.waitUntil(lambda: abs(room.position() - ms) < 200, timeout=5000)

    press(Qt.Key.Key_Down)
    near(5_000)
    assert (room.item_title.text(), room.running.currentRow()) == ("The steamie", 1)
    assert room.caption.text() == "We washed the sheets on Mondays."
    press(Qt.Key.Key_Right)
    near(15_000)
    assert room.caption.text() == "Everyone talked while the boilers ran."
    press(Qt.Key.Key_PageDown)
    near(22_000)
    assert room.running.currentRow() == 2
    press(Qt.Key.Key_Down)  # already the last item: it stays
    near(22_000)
    press(Qt.Key.Key_Left)
    near(12_000)
    assert room.running.currentRow() == 1
    press(Qt.Key.Key_Up)
    near(0)
    assert room.item_title.text() == "Intro"
    press(Qt.Key.Key_Right)
    near(10_000)
    press(Qt.Key.Key_Home)
    near(0)
    press(Qt.Key.Key_Left)  # not before the start
    near(0)
    assert room.running.currentRow() == 0


def test_space_plays_and_pauses_even_after_a_button_was_clicked(room, qtbot, microphone):
    qtbot.waitUntil(lambda: loaded(room), timeout=15000)
    for button in room.findChildren(QPushButton):
        assert button.focusPolicy() == Qt.FocusPolicy.NoFocus
    assert room.running.focusPolicy() == Qt.FocusPolicy.NoFocus
    qtbot.mouseClick(room.running.viewport(), Qt.MouseButton.LeftButton,
                     pos=room.running.visualItemRect(room.running.item(1)).center())  # fmt: skip
    qtbot.waitUntil(lambda: abs(room.position() - 5_000) < 200, timeout=5000)
    assert room.running.currentRow() == 1
    qtbot.mouseClick(room.play_button, Qt.MouseButton.LeftButton)
    assert room.focusWidget() in (room, None)
    qtbot.waitUntil(lambda: room.player.playing, timeout=5000)
    assert room.play_button.text() == "Pause"
    QTest.keyClick(room, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not room.player.playing, timeout=5000)
    assert room.play_button.text() == "Play"
    QTest.keyClick(room, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: room.player.playing, timeout=5000)
    if microphone is not None:  # a sound server: the sound really plays and moves the view
        qtbot.waitUntil(lambda: room.position() > 5_600, timeout=10000)
        assert room.time.text().startswith("0:05") or room.time.text().startswith("0:06")
    QTest.keyClick(room, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not room.player.playing, timeout=5000)


def test_f_toggles_full_screen_and_escape_closes(room, qtbot):
    QTest.keyClick(room, Qt.Key.Key_F)
    assert room.windowState() & Qt.WindowState.WindowFullScreen
    QTest.keyClick(room, Qt.Key.Key_F)
    assert not room.windowState() & Qt.WindowState.WindowFullScreen
    QTest.keyClick(room, Qt.Key.Key_F)
    QTest.keyClick(room, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not shiboken6.isValid(room), timeout=5000)  # closed and deleted


def test_escape_stops_the_sound(room, qtbot):
    qtbot.waitUntil(lambda: loaded(room), timeout=15000)
    room.toggle()
    qtbot.waitUntil(lambda: room.player.playing, timeout=5000)
    player = room.player.player
    stopped = []
    player.playbackStateChanged.connect(lambda state: stopped.append(state))
    QTest.keyClick(room, Qt.Key.Key_Escape)  # the stop is queued to the player: see ClipPlayer
    qtbot.waitUntil(lambda: bool(stopped) and stopped[-1] == player.PlaybackState.StoppedState,
                    timeout=5000)


def test_a_failure_is_shown_in_place_with_a_close_button(room, qtbot):
    room._failed(ValidationError("Nothing is left to play: every item is left out."))
    assert room.stack.currentWidget().isAncestorOf(room.error)
    assert room.error.text() == "Nothing is left to play: every item is left out."
    assert room.error.font().pixelSize() >= 40 and room.error_close.isVisible()
    qtbot.mouseClick(room.error_close, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not shiboken6.isValid(room), timeout=5000)


# loading: the programme mixed in the background -----------------------------------------
@pytest.fixture
def programme(project):
    """A real programme in a real project (the services' `show`)."""
    from tests.services.test_programmes import show

    made, _people, _clip = show.__wrapped__(project)
    return made


def opened(qtbot, project, runner, programme_id):
    from coprod_desktop.ui.play_to_room import PlayToRoom

    view = PlayToRoom(project, runner, programme_id)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_loading_shows_the_title_then_the_programme(qtbot, project, runner, programme,
                                                     monkeypatch):  # fmt: skip
    """The Operation path: the title at once, the progress as the work reports it, then the
    Playback the work returned (made here while the mixing engine is not on this branch)."""
    from coprod_desktop.services.programmes import ProgrammeService

    steps = []

    def playback(service, programme_id, progress, cancelled):
        assert programme_id == programme.id and not cancelled()
        progress(1, 4)
        steps.append(service.get(programme_id).title)
        return PLAYBACK

    monkeypatch.setattr(ProgrammeService, "playback", playback)
    view = opened(qtbot, project, runner, programme.id)
    assert view.loading_title.text() == "Voices of the East End"
    assert view.stack.currentWidget().isAncestorOf(view.loading_bar)
    qtbot.waitUntil(lambda: view.playback is PLAYBACK, timeout=10000)
    assert steps == ["Voices of the East End"]  # read on the worker's own connection
    assert view.item_title.text() == "Intro" and not view.loading
    view.close()


def test_a_refusal_while_loading_is_shown_in_place(qtbot, project, runner, programme,
                                                   monkeypatch):  # fmt: skip
    from coprod_desktop.services.programmes import ProgrammeService

    def playback(_service, _programme_id, _progress, _cancelled):
        raise ValidationError("Nothing is left to play: every item is left out.")

    monkeypatch.setattr(ProgrammeService, "playback", playback)
    view = opened(qtbot, project, runner, programme.id)
    qtbot.waitUntil(lambda: view.error.text() != "", timeout=10000)
    assert view.error.text() == "Nothing is left to play: every item is left out."
    assert view.error.isVisible() and view.error_title.text() == "Voices of the East End"
    view.close()


def test_escape_while_loading_cancels_and_closes(qtbot, project, runner, programme, monkeypatch):
    import threading

    from coprod_desktop.services.programmes import ProgrammeService

    started, asked_to_stop = threading.Event(), threading.Event()

    def playback(_service, _programme_id, _progress, cancelled):
        started.set()
        for _ in range(500):
            if cancelled():
                asked_to_stop.set()
                break
            threading.Event().wait(0.01)
        return PLAYBACK

    monkeypatch.setattr(ProgrammeService, "playback", playback)
    view = opened(qtbot, project, runner, programme.id)
    qtbot.waitUntil(started.is_set, timeout=10000)
    QTest.keyClick(view, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not shiboken6.isValid(view), timeout=5000)
    runner.wait()
    assert asked_to_stop.is_set()
