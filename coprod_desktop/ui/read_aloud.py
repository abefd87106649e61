"""Read text aloud with Qt's text-to-speech, where the platform has a voice."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject

log = logging.getLogger(__name__)


class ReadAloud(QObject):
    """`available` is False where no engine or voice exists; buttons using it are hidden."""

    def __init__(self, parent: QObject | None = None, engines: list[str] | None = None):
        """`engines` to try, in order; by default every installed one but Qt's test "mock"."""
        super().__init__(parent)
        self._speech = None
        try:
            from PySide6.QtTextToSpeech import QTextToSpeech

            if engines is None:
                engines = [e for e in QTextToSpeech.availableEngines() if e != "mock"]
            for engine in engines:
                speech = QTextToSpeech(engine, self)
                if speech.state() != QTextToSpeech.State.Error and speech.availableVoices():
                    self._speech = speech
                    break
                speech.deleteLater()
        except Exception:  # the module or its plugins can be missing on a platform
            log.info("Text-to-speech is not available", exc_info=True)

    @property
    def available(self) -> bool:
        return self._speech is not None

    def say(self, text: str) -> None:
        if self._speech is not None:
            self._speech.stop()
            self._speech.say(text)

    def stop(self) -> None:
        if self._speech is not None:
            self._speech.stop()
