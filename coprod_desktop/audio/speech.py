"""Speech engines: what turns sound into word timings, fully offline.

An engine aligns typed words to a recording (`align`) and drafts a transcript of a recording
that has none (`draft`). Both take 16-bit mono PCM at `RATE`, report progress as
`progress(done, total)` and stop by raising `mixdown.Cancelled` when `cancelled()` says so.
Times are ms from the start of the PCM given. A word the engine cannot place comes back with no
times, never a guess. No engine opens a socket or downloads anything.

`engine(model_path)` picks the engine: the built-in one (pocketsphinx, its English model
shipped inside the package) unless an organisation installed a speech-model file and named it
in Preferences."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

RATE = 16_000

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


def pcm_of(segment) -> bytes:
    """A pydub segment as the engines take it: 16-bit mono PCM at RATE."""
    return segment.set_channels(1).set_sample_width(2).set_frame_rate(RATE).raw_data


@dataclass(frozen=True)
class Heard:
    """A word and where it is: `start_ms`/`end_ms` None when it could not be placed.
    `confidence` is 0–1 for a drafted word, None for an aligned one."""

    word: str
    start_ms: int | None
    end_ms: int | None
    confidence: float | None = None


class Engine(Protocol):
    name: str

    def align(self, pcm: bytes, words: Sequence[str], anchors: Sequence[tuple[int, int]],
              progress: Progress | None = None, cancelled: Cancelled | None = None
              ) -> list[Heard]:  # fmt: skip
        """One Heard per word, in order. `anchors` are (word index, ms): the word at that
        index starts at or after ms (typed timestamps), for working in chunks."""
        ...

    def draft(self, pcm: bytes, progress: Progress | None = None,
              cancelled: Cancelled | None = None) -> list[Heard]:  # fmt: skip
        """The words heard, in order, with times and confidences."""
        ...


def engine(model_path: str | None = None) -> Engine:
    """The built-in engine, or the one for the speech-model file (or folder) at `model_path`
    (a ValidationError in plain words when it cannot be used)."""
    if model_path:
        from .model_file import ModelFileEngine

        return ModelFileEngine(model_path)
    from .sphinx import SphinxEngine

    return SphinxEngine()
