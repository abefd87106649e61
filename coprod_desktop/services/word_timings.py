"""Use cases for word timings: aligning a clip's typed transcript to its recording, drafting a
transcript for a clip without one, and what the timings are for (exact bleeps, in
AnonymiseService).

Both are slow on long clips: run them in the background (an Operation), on the project as a
background job sees it. Nothing here opens a connection: the engines work from files on this
computer (audio/speech.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from coprod_desktop.audio import speech
from coprod_desktop.domain.clips import Clip
from coprod_desktop.domain.errors import ValidationError
from coprod_desktop.domain.word_times import (
    TimedWord,
    anchors,
    carry_over,
    draft_text,
    spoken_words,
    unplaced,
)
from coprod_desktop.storage import clips_repo
from coprod_desktop.storage.connection import ProjectFile
from coprod_desktop.storage.errors import ConflictError

from .base import Service
from .radio import RadioService

Progress = Callable[[int, int, str], None]
# A timestamp is typed on hearing the words begin, so a little after they do: a run of words is
# looked for from this long before the timestamp typed ahead of it.
ANCHOR_SLACK_MS = 1000


@dataclass(frozen=True)
class Aligned:
    """What an alignment did: how many words now have times, how many could not be placed."""

    placed: int
    unplaced: int
    engine: str


class WordTimingService(Service):
    def __init__(self, file: ProjectFile, actor: Callable[[], str], radio: RadioService):
        super().__init__(file, actor)
        self._radio = radio

    def made_by(self, clip_id: str) -> tuple[str, bool] | None:
        """(engine, drafted) of the clip's timings, or None when it has none."""
        with self.read():
            return clips_repo.words_engine(self._db, clip_id)

    def aligned_count(self) -> int:
        with self.read():
            return clips_repo.aligned_count(self._db)

    def _pcm(self, clip: Clip) -> bytes:
        """The whole recording as the engines take it (timestamps and bleeps are ms of it)."""
        return speech.pcm_of(self._radio.source(clip))

    def align(self, clip_id: str, engine: speech.Engine, progress: Progress | None = None,
              cancelled: Callable[[], bool] | None = None) -> Aligned:  # fmt: skip
        """Find the time of every spoken word of the clip's transcript. Words that already have
        times for this text keep them: only the rest are aligned, each run between the times
        of the words around it. A word the engine cannot place stays without a time."""
        clip = self._clip(clip_id)
        text = clip.transcript
        tokens = spoken_words(text)
        if not tokens:
            raise ValidationError(f"“{clip.title}” has no transcript to align: type one, or "
                                  "draft one from the audio.")  # fmt: skip
        words, gaps = (carry_over(text, clip.words, text) if clip.words
                       else (unplaced(tokens), [(0, len(tokens))]))  # fmt: skip
        pcm = self._pcm(clip)
        total_ms = len(pcm) * 1000 // (2 * speech.RATE)
        stamps = [(n, max(0, ms - ANCHOR_SLACK_MS)) for n, ms in anchors(text, tokens)]
        todo = sum(b - a for a, b in gaps)
        done = 0
        for a, b in gaps:
            start = _time_before(words, a, stamps)
            end = next((w.start_ms for w in words[b:] if w.placed), total_ms)
            if end <= start:
                continue
            inside = [(n - a, ms - start) for n, ms in stamps if a <= n < b and start <= ms < end]

            def tell(n: int, of: int, first: int = done, size: int = b - a) -> None:
                if progress:
                    progress(first + size * n // max(1, of), todo, "Finding each word")

            heard = engine.align(_slice(pcm, start, end), [t.text for t in tokens[a:b]],
                                 inside, tell, cancelled)  # fmt: skip
            for k, h in enumerate(heard[: b - a]):
                token = tokens[a + k]
                placed = h.start_ms is not None and h.end_ms is not None
                words[a + k] = TimedWord(token.start, token.end,
                                         start + h.start_ms if placed else None,
                                         start + h.end_ms if placed else None, h.confidence)
            done += b - a
        result = self._store(clip, words, engine.name, drafted=False)
        return result

    def draft(self, clip_id: str, engine: speech.Engine, progress: Progress | None = None,
              cancelled: Callable[[], bool] | None = None) -> Clip:  # fmt: skip
        """Write a draft transcript of a clip that has none, from its audio, with every word's
        time and the engine's confidence in it. Returns the clip as it was, for undo."""
        clip = self._clip(clip_id)
        if clip.transcript.strip():
            raise ValidationError(f"“{clip.title}” already has a transcript: align it instead.")

        def tell(n: int, of: int) -> None:
            if progress:
                progress(n, of, "Listening")

        heard = [h for h in engine.draft(self._pcm(clip), tell, cancelled)
                 if h.start_ms is not None and h.end_ms is not None]  # fmt: skip
        if not heard:
            raise ValidationError(f"No words could be heard in “{clip.title}”.")
        text, words = draft_text((h.word, h.start_ms, h.end_ms, h.confidence) for h in heard)
        now = self._clip(clip_id)
        if now.transcript.strip():
            raise ConflictError(f"“{clip.title}” was given a transcript meanwhile: the draft was "
                                "not kept.")  # fmt: skip
        before = self._radio.save_clip(replace(now, transcript=text))
        self._store(self._clip(clip_id), words, engine.name, drafted=True)
        return before

    def put_transcript(self, clip_id: str, text: str, words: Iterable[TimedWord] = (),
                       engine: str = "", drafted: bool = False) -> None:  # fmt: skip
        """Put a transcript back with the timings it had (undo and redo of a draft): `words` are
        timings of `text` as read earlier; without them, those not edited are carried over."""
        clip = self._radio.clip(clip_id)
        if clip is None:
            raise ConflictError("That clip is no longer in the project.")
        self._radio.save_clip(replace(clip, transcript=text))
        words = list(words)
        if words:
            self._store(replace(clip, transcript=text), words, engine, drafted)

    def _clip(self, clip_id: str) -> Clip:
        clip = self._radio.clip(clip_id)
        if clip is None:
            raise ConflictError("That clip is no longer in the project.")
        if not clip.has_audio:
            raise ValidationError(f"“{clip.title}” has no audio: it was erased when a speaker "
                                  "withdrew.")  # fmt: skip
        return clip

    def _store(self, clip: Clip, words: list[TimedWord], engine: str, drafted: bool) -> Aligned:
        """Keep the timings for the transcript as it is now: if it was edited while the engine
        worked, the words not edited keep what was found."""
        with self.write():
            now = clips_repo.get(self._db, clip.id)
            if now is None:
                raise ConflictError("That clip is no longer in the project.")
            if now.transcript != clip.transcript:
                words, _gaps = carry_over(clip.transcript, words, now.transcript)
            placed = sum(1 for w in words if w.placed)
            clips_repo.save_words(self._db, clip.id, now.transcript, words if placed else [],
                                  engine, drafted)  # fmt: skip
            self.audit("clip.drafted" if drafted else "clip.aligned", "clip", clip.id,
                       {"engine": engine, "words": len(words), "unplaced": len(words) - placed})
        return Aligned(placed, len(words) - placed, engine)


def _time_before(words: list[TimedWord], index: int, stamps: list[tuple[int, int]]) -> int:
    """Where a run of words starting at `index` can start: after the last placed word before
    it, and no earlier than a timestamp typed before it."""
    placed = next((w.end_ms for w in reversed(words[:index]) if w.placed), 0)
    typed = max((ms for n, ms in stamps if n <= index), default=0)
    return max(placed, typed)


def _slice(pcm: bytes, start_ms: int, end_ms: int) -> bytes:
    per_ms = 2 * speech.RATE // 1000
    return pcm[start_ms * per_ms : end_ms * per_ms]
