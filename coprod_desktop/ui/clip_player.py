"""Plays a clip's preview from memory (never from an unencrypted temporary file), stopping at
the trim-out point.

Measured with Qt 6.11's FFmpeg backend: setting the source device to None after playing
hangs the window, and a bare QAudioSink with a short buffer never starts on PulseAudio. So a
player keeps its last source until another clip's replaces it; unloading only stops it.

Every call that starts, stops or re-sources the player goes to it as a queued call over a
native connection (`_Calls`), so that it runs from the event loop, where Python's lock is not
held. Called directly from Python it ran with the lock held while it waited for the media
threads, and a media thread that needed the lock meanwhile (to call into the Python-made
buffer or output) waited for ever: seen as a hang of the whole window, once in twenty runs."""

from __future__ import annotations

from PySide6.QtCore import SIGNAL, SLOT, QBuffer, QByteArray, QIODevice, QObject, Qt, QUrl, Signal
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer


class _Calls(QObject):
    """Signals wired natively (by signature) and queued to the player's own slots."""

    source = Signal(QIODevice, QUrl)
    position = Signal("qlonglong")
    play = Signal()
    pause = Signal()
    stop = Signal()

    def wire(self, player: QMediaPlayer) -> None:
        queued = Qt.ConnectionType.QueuedConnection
        for signal, slot in (("source(QIODevice*,QUrl)", "setSourceDevice(QIODevice*,QUrl)"),
                             ("position(qlonglong)", "setPosition(qlonglong)"),
                             ("play()", "play()"), ("pause()", "pause()"), ("stop()", "stop()")):
            QObject.connect(self, SIGNAL(signal), player, SLOT(slot), queued)


class ClipPlayer(QObject):
    position_changed = Signal(int)
    playing_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.player = QMediaPlayer(self)
        self.output = QAudioOutput(self)
        self.player.setAudioOutput(self.output)
        self._calls = _Calls(self)
        self._calls.wire(self.player)
        self._buffer: QBuffer | None = None
        self._unloaded = True
        self.start_ms = 0
        self.end_ms: int | None = None
        self.player.positionChanged.connect(self._moved)
        self.player.playbackStateChanged.connect(
            lambda state: self.playing_changed.emit(
                state == QMediaPlayer.PlaybackState.PlayingState
            )
        )

    @property
    def playing(self) -> bool:
        return self.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState

    @property
    def loaded(self) -> bool:
        return not self._unloaded and self.player.mediaStatus() in (
            QMediaPlayer.MediaStatus.LoadedMedia,
            QMediaPlayer.MediaStatus.BufferedMedia,
            QMediaPlayer.MediaStatus.EndOfMedia,
            QMediaPlayer.MediaStatus.BufferingMedia,
        )

    def position(self) -> int:
        return self.player.position()

    def load(self, wav: bytes) -> None:
        self._calls.stop.emit()
        old, self._buffer = self._buffer, QBuffer(self)
        self._buffer.setData(QByteArray(wav))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self._calls.source.emit(self._buffer, QUrl("clip.wav"))
        self._unloaded = False
        if old is not None:  # deleted after the player has let go of it (queued before)
            old.deleteLater()

    def unload(self) -> None:
        """Stop and forget the clip (its bytes go when the next clip's replace them)."""
        self._calls.stop.emit()
        self._unloaded = True

    def set_range(self, start_ms: int, end_ms: int | None) -> None:
        self.start_ms, self.end_ms = start_ms, end_ms

    def toggle(self) -> None:
        if self._unloaded:
            return
        if self.playing:
            self._calls.pause.emit()
            return
        at = self.player.position()
        if at < self.start_ms or (self.end_ms is not None and at >= self.end_ms - 50):
            self._calls.position.emit(self.start_ms)
        self._calls.play.emit()

    def seek(self, ms: int) -> None:
        if not self._unloaded:
            self._calls.position.emit(max(0, ms))
            self.position_changed.emit(max(0, ms))

    def _moved(self, ms: int) -> None:
        self.position_changed.emit(ms)
        if self.end_ms is not None and ms >= self.end_ms and self.playing:
            self._calls.pause.emit()
