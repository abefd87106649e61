"""A speech engine from a model file an organisation installed itself (named in Preferences):
a whisper.cpp ggml model (`.bin`, run through the `whisper-cli` or `main` program on PATH) or a
faster-whisper model folder (when the `faster_whisper` package is installed). Nothing is ever
downloaded: a model that is missing or unreadable is a plain error.

Aligning = drafting, then matching the typed words to the drafted ones (difflib): a typed word
matched to a drafted word takes its times; any other typed word stays without times."""

from __future__ import annotations

import difflib
import importlib.util
import json
import re
import shutil
import subprocess
import tempfile
import wave
from collections.abc import Sequence
from pathlib import Path

from ..domain.errors import ValidationError
from .mixdown import Cancelled
from .speech import RATE, Heard, Progress
from .speech import Cancelled as CancelledCheck

PROGRAMS = ("whisper-cli", "main")


def _plain(word: str) -> str:
    return re.sub(r"[^\w']", "", word.casefold().replace("’", "'"))


class ModelFileEngine:
    name = "model file"

    def __init__(self, model_path: str) -> None:
        path = Path(model_path)
        if not path.exists():
            raise ValidationError(f"The speech model {path} is not there.")
        self.path = path
        if path.is_dir():
            if importlib.util.find_spec("faster_whisper") is None:
                raise ValidationError(f"The speech model folder {path} needs faster-whisper, "
                                      "which is not installed.")  # fmt: skip
            self.kind = "faster-whisper"
        else:
            try:
                with open(path, "rb") as f:
                    head = f.read(4)
            except OSError as exc:
                raise ValidationError(f"The speech model {path} cannot be read.") from exc
            if len(head) < 4:
                raise ValidationError(f"The speech model {path} is empty or not a model.")
            self.program = next((p for p in map(shutil.which, PROGRAMS) if p), None)
            if self.program is None:
                raise ValidationError(f"The speech model {path} needs the whisper-cli program, "
                                      "which is not installed.")  # fmt: skip
            self.kind = "whisper.cpp"
        self.name = f"{self.kind}: {path.name}"

    def draft(self, pcm: bytes, progress: Progress | None = None,
              cancelled: CancelledCheck | None = None) -> list[Heard]:  # fmt: skip
        if cancelled and cancelled():
            raise Cancelled()
        if progress:
            progress(0, 1)
        words = self._faster(pcm) if self.kind == "faster-whisper" else self._whisper_cpp(pcm)
        if cancelled and cancelled():
            raise Cancelled()
        if progress:
            progress(1, 1)
        return words

    def align(self, pcm: bytes, words: Sequence[str], anchors: Sequence[tuple[int, int]],
              progress: Progress | None = None, cancelled: CancelledCheck | None = None
              ) -> list[Heard]:  # fmt: skip
        heard = self.draft(pcm, progress, cancelled)
        return match(words, heard)

    def _whisper_cpp(self, pcm: bytes) -> list[Heard]:
        with tempfile.TemporaryDirectory() as folder:
            audio = Path(folder) / "clip.wav"
            with wave.open(str(audio), "wb") as w:
                w.setnchannels(1)
                w.setsampwidth(2)
                w.setframerate(RATE)
                w.writeframes(pcm)
            out = Path(folder) / "clip"
            try:
                subprocess.run([self.program, "-m", str(self.path), "-f", str(audio), "-ml", "1",
                                "-ojf", "-of", str(out), "-np"],
                               capture_output=True, check=True, timeout=24 * 3600)  # fmt: skip
                data = json.loads(Path(f"{out}.json").read_text(encoding="utf-8"))
            except (OSError, subprocess.SubprocessError, ValueError) as exc:
                raise ValidationError(f"The speech model {self.path.name} could not be used: "
                                      f"{exc}") from exc  # fmt: skip
        out_words = []
        for item in data.get("transcription", []):
            text = item.get("text", "").strip()
            offsets = item.get("offsets", {})
            if not _plain(text) or text.startswith("["):
                continue
            tokens = [t for t in item.get("tokens", []) if _plain(t.get("text", ""))]
            p = sum(t.get("p", 0) for t in tokens) / len(tokens) if tokens else None
            out_words.append(Heard(text, offsets.get("from"), offsets.get("to"), p))
        return out_words

    def _faster(self, pcm: bytes) -> list[Heard]:
        import numpy as np
        from faster_whisper import WhisperModel  # optional, installed by the organisation

        try:
            model = WhisperModel(str(self.path), device="cpu", local_files_only=True)
        except Exception as exc:
            raise ValidationError(f"The speech model {self.path.name} cannot be read.") from exc
        audio = np.frombuffer(pcm, dtype="<i2").astype(np.float32) / 32768
        segments, _info = model.transcribe(audio, word_timestamps=True)
        return [Heard(w.word.strip(), round(w.start * 1000), round(w.end * 1000),
                      float(w.probability))
                for s in segments for w in (s.words or []) if _plain(w.word)]  # fmt: skip


def match(words: Sequence[str], heard: Sequence[Heard]) -> list[Heard]:
    """The typed words with the times of the drafted words they match; the rest unplaced."""
    out = [Heard(w, None, None) for w in words]
    matcher = difflib.SequenceMatcher(None, [_plain(w) for w in words],
                                      [_plain(h.word) for h in heard], autojunk=False)  # fmt: skip
    for a, b, size in matcher.get_matching_blocks():
        for k in range(size):
            h = heard[b + k]
            out[a + k] = Heard(words[a + k], h.start_ms, h.end_ms)
    return out
