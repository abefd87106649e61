"""Plays a clip's preview from memory (never from an unencrypted temporary file), stopping at
the trim-out point.

Measured with Qt 6.11's FFmpeg backend: setting the source device to None after playing
hangs the window, and a bare QAudioSink with a short buffer never starts on PulseAudio. So a
player keeps its last source until another clip's replaces it; unloading only stops it."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QUrl, Signal
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer


class ClipPlayer(QObject):
    position_changed = Signal(int)
    playing_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.player = QMediaPlayer(self)
        self.output = QAudioOutput(self)
        self.player.setAudioOutput(self.output)
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
        self.player.stop()
        old, self._buffer = self._buffer, QBuffer(self)
        self._buffer.setData(QByteArray(wav))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.player.setSourceDevice(self._buffer, QUrl("clip.wav"))
        self._unloaded = False
        if old is not None:
            old.close()
            old.deleteLater()

    def unload(self) -> None:
        """Stop and forget the clip (its bytes go when the next clip's replace them)."""
        self.player.stop()
        self._unloaded = True

    def set_range(self, start_ms: int, end_ms: int | None) -> None:
        self.start_ms, self.end_ms = start_ms, end_ms

    def toggle(self) -> None:
        if self._unloaded:
            return
        if self.playing:
            self.player.pause()
            return
        at = self.player.position()
        if at < self.start_ms or (self.end_ms is not None and at >= self.end_ms - 50):
            self.player.setPosition(self.start_ms)
        self.player.play()

    def seek(self, ms: int) -> None:
        if not self._unloaded:
            self.player.setPosition(max(0, ms))
            self.position_changed.emit(max(0, ms))

    def _moved(self, ms: int) -> None:
        self.position_changed.emit(ms)
        if self.end_ms is not None and ms >= self.end_ms and self.playing:
            self.player.pause()
