"""Word timings of a sound file outside any project (the `transcribe` command): a draft of
what is said, or the times of every word of a given text."""

from __future__ import annotations

import wave
from pathlib import Path

from coprod_desktop.domain.errors import ValidationError
from coprod_desktop.domain.word_times import anchors, spoken_words

from . import processing, speech


def read_wav(path: Path) -> bytes:
    """The file as the engines take it: 16-bit mono PCM at speech.RATE."""
    if not path.is_file():
        raise ValidationError(f"There is no file {path}.")
    try:
        with wave.open(str(path), "rb") as wav:
            pcm = wav.readframes(wav.getnframes())
            shape = (wav.getframerate(), wav.getsampwidth(), wav.getnchannels())
    except (wave.Error, EOFError, OSError) as exc:
        reason = f" ({exc})" if str(exc) else ""
        raise ValidationError(f"{path} could not be read as a PCM WAV file{reason}.") from None
    if not pcm:
        raise ValidationError(f"{path} holds no sound.")
    return speech.pcm_of(processing.from_pcm(pcm, *shape))


def transcribe(path: Path, text: str | None = None, model: str | None = None,
               progress: speech.Progress | None = None) -> dict:  # fmt: skip
    """{"engine", "words": [{"word", "start", "end", "confidence"}]} with times in seconds.
    With `text`, every spoken word of it appears, in order; one that could not be placed has
    null times and "unplaced": true. Without, a draft of what the engine hears."""
    pcm = read_wav(path)
    engine = speech.engine(model)
    if text is None:
        heard = engine.draft(pcm, progress)
        words = [h.word for h in heard]
    else:
        tokens = spoken_words(text)
        if not tokens:
            raise ValidationError("The text has no words to align.")
        words = [t.text for t in tokens]
        heard = engine.align(pcm, words, anchors(text, tokens), progress)
    out = []
    for word, h in zip(words, heard, strict=True):
        placed = h.start_ms is not None and h.end_ms is not None
        entry = {"word": word, "start": h.start_ms / 1000 if placed else None,
                 "end": h.end_ms / 1000 if placed else None, "confidence": h.confidence}
        if not placed:
            entry["unplaced"] = True
        out.append(entry)
    return {"engine": engine.name, "words": out}
