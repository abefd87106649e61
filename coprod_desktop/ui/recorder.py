"""The radio lab's recorder: Qt Multimedia reads the microphone on a thread of its own and the
take commits half a second at a time to the project file (a crash loses less than a second).

Nothing on the audio path runs on the GUI thread, so a busy window cannot make it drop sound:
the worker thread has its own event loop, its own project connection, and a device buffer of
several seconds. The GUI only receives levels and progress through queued signals."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer, Signal, Slot
from PySide6.QtMultimedia import QAudio, QAudioDevice, QAudioFormat, QAudioSource, QMediaDevices

from coprod_desktop.audio import levels

if TYPE_CHECKING:
    from coprod_desktop.services.take import Take

PREFERRED_RATE = 48_000
POLL_MS = 40
DEVICE_BUFFER_SECONDS = 4  # what the device may hold while the worker is late
STALL_SECONDS = 2.0  # no sound data at all for this long: the device has gone
LOW_DISK_SECONDS = 600  # warn when less room is left than 10 more minutes need


def input_format(device: QAudioDevice) -> QAudioFormat | None:
    """Mono 16-bit at 48 kHz where the device can, else at its own rate; None if it cannot
    record 16-bit mono at all."""
    fmt = QAudioFormat()
    fmt.setChannelCount(1)
    fmt.setSampleFormat(QAudioFormat.SampleFormat.Int16)
    for rate in (PREFERRED_RATE, device.preferredFormat().sampleRate()):
        fmt.setSampleRate(rate)
        if rate > 0 and device.isFormatSupported(fmt):
            return fmt
    return None


def bytes_needed(seconds: float, rate: int) -> int:
    """Room the project file needs for `seconds` of mono 16-bit sound (with page overhead)."""
    return int(seconds * rate * 2 * 1.1)


class _Worker(QObject):
    """Lives on the recording thread. Owns the QAudioSource and the take (with its own
    connection to the project file)."""

    started = Signal(str)  # recording id
    level = Signal(float)
    progress = Signal(float, object)  # seconds recorded, free bytes (int) or None
    stopped = Signal(str, int, str)  # recording id, samples, problem ('' when fine)

    def __init__(self, open_take: Callable[[], Take], device: QAudioDevice, fmt: QAudioFormat):
        super().__init__()
        self._open_take, self._device, self._fmt = open_take, device, fmt
        self._take: Take | None = None
        self._source = self._io = self._timer = None
        self._last_data = 0.0
        self._last_disk_check = 0.0

    @Slot()
    def begin(self) -> None:
        # The microphone first: opening the take's connection derives the project's key
        # (a few hundred milliseconds), and what is said meanwhile waits in the device buffer.
        self._source = QAudioSource(self._device, self._fmt, self)
        self._source.setBufferSize(self._fmt.bytesForDuration(DEVICE_BUFFER_SECONDS * 1_000_000))
        self._io = self._source.start()
        try:
            self._take = self._open_take()
        except Exception as exc:  # the project file cannot take it: say so, record nothing
            self._source.stop()
            self._source = self._io = None
            self.stopped.emit("", 0, f"Recording could not start: {exc}")
            return
        self._source.stateChanged.connect(self._state_changed)
        self._last_data = time.monotonic() + 1.0  # the first data can take a moment
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)
        self._timer.start()
        self.started.emit(self._take.recording_id)

    def _drain(self) -> bool:
        """Move what the device has into the sink. False when the device has gone quiet."""
        if self._io is None:
            return True
        data = bytes(self._io.readAll().data())
        now = time.monotonic()
        if not data:
            return now - self._last_data <= STALL_SECONDS
        self._last_data = now
        try:
            self._take.write(data)
        except Exception as exc:  # a full disk or a vanished file: keep what is committed
            self._end(f"Recording stopped: the project file could not take more sound. {exc} "
                      "What was recorded until then is kept.")  # fmt: skip
            return True
        self.level.emit(levels.peak(data))
        free = None
        if now - self._last_disk_check >= 1.0:
            self._last_disk_check = now
            try:
                free = shutil.disk_usage(self._take.folder).free
            except OSError:
                free = None
        self.progress.emit(self._take.seconds, free)
        return True

    def _poll(self) -> None:
        if not self._drain():
            self._end("The microphone stopped sending sound; the recording so far is kept.")

    @Slot()
    def finish(self) -> None:
        if self._source is not None:
            self._drain()
        self._end("")

    def _end(self, problem: str) -> None:
        if self._take is None:
            return
        if self._timer is not None:
            self._timer.stop()
        if self._source is not None:
            self._source.stateChanged.disconnect(self._state_changed)
            self._source.stop()
        samples = 0
        try:
            samples = self._take.finish()
        except Exception as exc:  # the committed chunks are safe; recovery will offer them
            problem = problem or f"The end of the recording could not be saved ({exc})."
        recording_id = self._take.recording_id
        self._take = self._source = self._io = None
        self.stopped.emit(recording_id, samples, problem)

    def _state_changed(self, state) -> None:
        """A stop we did not ask for (the device disappeared, an I/O error) ends the take."""
        if (self._source is not None and state == QAudio.State.StoppedState
                and self._source.error() != QAudio.Error.NoError):  # fmt: skip
            self._drain()
            self._end("The microphone stopped working; the recording so far is kept.")


class Recorder(QObject):
    """Start/stop recording into a project from the GUI thread. Signals arrive on it."""

    started = Signal(str)
    level = Signal(float)
    progress = Signal(float)  # seconds recorded
    low_disk = Signal(bool)
    stopped = Signal(str, int, str)  # recording id, samples, problem ('' when fine)
    _finish_requested = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._thread: QThread | None = None
        self._worker: _Worker | None = None
        self.rate = 0
        self.low_disk_bytes = 0

    @property
    def recording(self) -> bool:
        return self._worker is not None

    @staticmethod
    def devices() -> list[QAudioDevice]:
        return list(QMediaDevices.audioInputs())

    def start(self, project, people, session_id=None, device: QAudioDevice | None = None) -> str:
        """Begin a take; returns '' or a plain reason it cannot start. Consent is checked by
        the caller (RadioService.check_may_record) before this."""
        if self.recording:
            return "A recording is already running."
        device = device if device is not None and not device.isNull() else (
            QMediaDevices.defaultAudioInput())  # fmt: skip
        if device.isNull():
            return "No microphone was found. Plug one in, then try again."
        fmt = input_format(device)
        if fmt is None:
            return f"{device.description()} cannot record 16-bit mono sound."
        self.rate = fmt.sampleRate()
        self.low_disk_bytes = bytes_needed(LOW_DISK_SECONDS, self.rate)
        self._thread = QThread(self)
        self._thread.setObjectName("recorder")
        rate, people = fmt.sampleRate(), list(people)
        self._worker = _Worker(lambda: project.radio.open_take(rate, session_id, people), device,
                               fmt)  # fmt: skip
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.begin)
        self._worker.started.connect(self.started)
        self._worker.level.connect(self.level)
        self._worker.progress.connect(self._progress)
        self._worker.stopped.connect(self._stopped)
        self._finish_requested.connect(self._worker.finish)
        self._thread.start(QThread.Priority.TimeCriticalPriority)
        return ""

    def stop(self) -> None:
        """Finish the take: the rest of the sound is committed, then `stopped` is emitted."""
        if self._worker is not None:
            self._finish_requested.emit()

    def stop_and_wait(self, msecs: int = 10_000) -> None:
        """Finish and block until the take is safely stored (closing, locking)."""
        thread = self._thread
        if self._worker is None or thread is None:
            return
        self.stop()
        deadline = time.monotonic() + msecs / 1000
        while self._worker is not None and time.monotonic() < deadline:
            QCoreApplication.processEvents()
            time.sleep(0.01)

    def _progress(self, seconds: float, free) -> None:
        self.progress.emit(seconds)
        if free is not None:
            self.low_disk.emit(free < self.low_disk_bytes)

    def _stopped(self, recording_id: str, samples: int, problem: str) -> None:
        worker, thread = self._worker, self._thread
        self._worker = self._thread = None
        self._finish_requested.disconnect()
        if thread is not None:
            thread.quit()
            thread.wait(5000)
            thread.deleteLater()
        if worker is not None:
            worker.deleteLater()
        self.stopped.emit(recording_id, samples, problem)
