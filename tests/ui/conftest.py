"""Fixtures for widget tests: a real main window over real encrypted files, offscreen."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from tests import virtual_mic
from tests.conftest import PASSPHRASE


@pytest.fixture(scope="session", autouse=True)
def microphone():
    """Every widget test runs with a real (virtual) microphone where PulseAudio is installed,
    started before Qt Multimedia first looks for devices."""
    if not virtual_mic.available():
        yield None
        return
    mic = virtual_mic.VirtualMic()
    mic.apply_to_this_process()
    yield mic
    mic.stop()


@pytest.fixture(autouse=True)
def collect_garbage_between_tests():
    """A test's leftover widgets are collected when it ends, not in the middle of a later
    test. Collected there, inside the event loop while a later test's worker ran Python (its
    reportlab fonts), they crashed the whole run with a segmentation fault, at the same test
    run after run; collected here, with no worker running, never (459 of 459)."""
    yield
    gc.collect()


@pytest.fixture
def need_microphone(microphone):
    if microphone is None:
        message = "needs PulseAudio (pulseaudio, pulseaudio-utils) for a virtual microphone"
        if os.environ.get("CI"):
            pytest.fail(message)  # CI installs it: a skip there would hide a broken set-up
        pytest.skip(message)
    return microphone


@pytest.fixture
def errors() -> list[tuple[str, str]]:
    """The plain-language failures the window reports (its injected reporter records them
    instead of showing message boxes that would block)."""
    return []


@pytest.fixture
def window(qtbot, settings, errors):
    from coprod_desktop.app import build_main_window

    win = build_main_window(settings)
    win.report_error = lambda title, message: errors.append((title, message))
    qtbot.addWidget(win)
    win.show()
    yield win
    win.runner.wait()
    if win.project is not None:
        win.project.close()


@pytest.fixture
def project(project_path, request):
    """As the core tests' project, but when a test also has a window, the window's background
    tasks (a waveform being cached, a scan) finish before the file closes under them."""
    from coprod_desktop.services.project import create_project

    proj = create_project(project_path, PASSPHRASE, "Test project", actor="tester")
    yield proj
    if "window" in request.fixturenames:
        request.getfixturevalue("window").runner.wait()
    proj.close()


@pytest.fixture
def open_demo(window, qtbot, demo_path):
    window.open_path(demo_path, PASSPHRASE)
    qtbot.waitUntil(lambda: window.project is not None, timeout=10000)
    return window


def when_modal(action: Callable) -> None:
    """Run `action(dialog)` on the next modal dialog once it is showing."""

    def attempt() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, attempt)
        else:
            action(dialog)

    QTimer.singleShot(0, attempt)


def when_shown(cls, action: Callable) -> None:
    """Run `action(dialog)` once a modal dialog of class `cls` is showing (and not before:
    another modal dialog may still be on top while it opens)."""

    def attempt() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, cls) and dialog.isVisible():
            try:
                action(dialog)
            finally:
                if dialog.isVisible():  # a failed check must not leave the test waiting
                    dialog.reject()
        else:
            QTimer.singleShot(10, attempt)

    QTimer.singleShot(0, attempt)


def save(dialog) -> None:
    """Press a record dialog's Save button."""
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


# speech engines ------------------------------------------------------------------------------
class ScriptedEngine:
    """An engine implementing audio.speech.Engine from a script, for widget tests: it places
    the words evenly over the audio it is given, leaves the words in `unplaced` without a time,
    drafts `heard`, and with `hold` waits until it is cancelled."""

    name = "scripted"

    def __init__(self) -> None:
        self.unplaced: set[str] = set()
        self.heard: list[tuple[str, float]] = []  # (word, confidence) spoken one after another
        self.hold = False
        self.models: list[str | None] = []  # the model path each engine was built for

    def _wait(self, cancelled) -> None:
        import time

        from coprod_desktop.audio.mixdown import Cancelled

        while self.hold:
            if cancelled is not None and cancelled():
                raise Cancelled()
            time.sleep(0.01)

    def align(self, pcm, words, anchors, progress=None, cancelled=None):
        from coprod_desktop.audio.speech import RATE, Heard

        self._wait(cancelled)
        step = max(1, len(pcm) * 1000 // (2 * RATE) // max(1, len(words)))
        out = []
        for n, word in enumerate(words):
            if progress:
                progress(n, len(words))
            if word.casefold() in self.unplaced:
                out.append(Heard(word, None, None))
            else:
                out.append(Heard(word, n * step, n * step + step - 20))
        return out

    def draft(self, pcm, progress=None, cancelled=None):
        from coprod_desktop.audio.speech import Heard

        self._wait(cancelled)
        if progress:
            progress(1, 1)
        return [Heard(word, 300 * n, 300 * n + 250, confidence)
                for n, (word, confidence) in enumerate(self.heard)]  # fmt: skip


@pytest.fixture
def speech_engine(monkeypatch) -> ScriptedEngine:
    """`speech.engine(model_path)` gives this scripted engine (and records the path). When the
    built-in engine is in audio/speech.py, only this fixture changes."""
    from coprod_desktop.audio import speech

    scripted = ScriptedEngine()

    def engine(model_path=None):
        scripted.models.append(model_path)
        return scripted

    monkeypatch.setattr(speech, "engine", engine, raising=False)
    return scripted
