"""A short recording from the microphone, held in memory and returned as WAV bytes: the
person saying their verbal consent. (Radio-lab clips use the crash-safe recorder instead.)"""

from __future__ import annotations

import array
import io
import time
import wave

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtMultimedia import QAudio, QAudioFormat, QAudioSource, QMediaDevices

RATE = 48_000
MAX_SECONDS = 120
STALL_SECONDS = 2.0  # no sound data at all for this long: the device has gone


def input_available() -> bool:
    return bool(QMediaDevices.audioInputs())


def wav_bytes(pcm: bytes, rate: int = RATE) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(pcm)
    return buffer.getvalue()


class ShortRecorder(QObject):
    """Mono 16-bit PCM from the default input. `level` (0..1) updates while recording;
    `finished` carries the WAV bytes; `failed` a plain message (e.g. the device went away)."""

    level = Signal(float)
    elapsed = Signal(float)
    finished = Signal(bytes)
    failed = Signal(str)

    def __init__(self, max_seconds: int = MAX_SECONDS, parent: QObject | None = None):
        super().__init__(parent)
        self._max_bytes = max_seconds * RATE * 2
        self._pcm = bytearray()
        self._source: QAudioSource | None = None
        self._io = None
        self._poll = QTimer(self)
        self._poll.setInterval(50)  # drain on a timer: little work per wake-up
        self._poll.timeout.connect(self._drain)
        self._devices = QMediaDevices(self)
        self._devices.audioInputsChanged.connect(self._inputs_changed)
        self._device_id = b""
        self._last_data = 0.0

    @property
    def recording(self) -> bool:
        return self._source is not None

    def start(self) -> None:
        device = QMediaDevices.defaultAudioInput()
        fmt = QAudioFormat()
        fmt.setSampleRate(RATE)
        fmt.setChannelCount(1)
        fmt.setSampleFormat(QAudioFormat.SampleFormat.Int16)
        if device.isNull() or not device.isFormatSupported(fmt):
            self.failed.emit(self.tr("No microphone that can record 16-bit sound was found."))
            return
        self._pcm.clear()
        self._device_id = bytes(device.id().data())
        self._last_data = time.monotonic() + 1.0  # the first data can take a moment
        self._source = QAudioSource(device, fmt, self)
        self._source.stateChanged.connect(self._state_changed)
        self._io = self._source.start()
        self._poll.start()

    def stop(self) -> None:
        if self._source is None:
            return
        self._drain()
        self._poll.stop()
        source, self._source, self._io = self._source, None, None
        source.stop()
        source.deleteLater()
        self.finished.emit(wav_bytes(bytes(self._pcm)))

    def _drain(self) -> None:
        if self._io is None:
            return
        data = bytes(self._io.readAll().data())
        if not data and time.monotonic() - self._last_data > STALL_SECONDS:
            self._lost()
            return
        if data:
            self._last_data = time.monotonic()
            self._pcm += data
            samples = array.array("h", data[: len(data) - len(data) % 2])
            peak = max((abs(s) for s in samples), default=0)
            self.level.emit(min(1.0, peak / 32767))
            self.elapsed.emit(len(self._pcm) / (RATE * 2))
        if len(self._pcm) >= self._max_bytes:
            self.stop()

    def _inputs_changed(self) -> None:
        if self._source is not None and not any(
            bytes(d.id().data()) == self._device_id for d in QMediaDevices.audioInputs()
        ):
            self._lost()

    def _lost(self) -> None:
        """The device went away mid-take: keep what was recorded and say so."""
        if self._source is None:
            return
        self._poll.stop()
        source, self._source, self._io = self._source, None, None
        source.stop()
        source.deleteLater()
        self.failed.emit(self.tr("The microphone stopped working; what was recorded up to then "
                                 "is kept."))  # fmt: skip
        self.finished.emit(wav_bytes(bytes(self._pcm)))

    def _state_changed(self, state) -> None:
        """A stop we did not ask for (the device disappeared, an I/O error) ends the take."""
        source = self._source
        if (source is not None and state == QAudio.State.StoppedState
                and source.error() != QAudio.Error.NoError):  # fmt: skip
            self._lost()
