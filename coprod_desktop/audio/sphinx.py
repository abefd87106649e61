"""The built-in speech engine: pocketsphinx with the English model its wheel ships.

Aligning works in chunks: the typed words are cut at their anchors (typed timestamps) and each
run of words is aligned in its own window of the recording, with long silences squeezed out of
the audio first (and put back into the times). A run that will not align whole (or whose sound
is unlike the typed words) is aligned a few words at a time; a word that still finds no place
(typed text that is not in the recording), or that was put wholly on silence, comes back
without times. Finally, in a quiet recording, each word's edges are widened over the sound
running on from them (the aligner gives quiet onsets and tails to the silence beside them).

pocketsphinx notes: `process_raw(full_utt=True)` fails on short forced alignments and the
lattice best path drops the last word of some alignments, so the decoder runs with bestpath
off, wide beams and a likelier silence between words (otherwise short words such as "the" are
swallowed by it). Scores per frame are relative to the best sound unit in that frame. Nothing
here opens a socket."""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pocketsphinx

from . import pronounce
from .mixdown import Cancelled
from .speech import RATE, Heard, Progress
from .speech import Cancelled as CancelledCheck

FRAME = RATE // 100  # pocketsphinx frames are 10 ms
BLOCK = RATE * 10  # samples handed to the decoder at a time (cancelling is checked between)
LONG_SILENCE_MS = 600  # silences longer than this are squeezed ...
KEEP_SILENCE_MS = 300  # ... to this much
RIGHT_SLACK_MS = 600  # a run of words may end this far past the next anchor
EDGE = 0.5  # widening a word's edges: frames louder than this far from floor to peak level
EDGE_MS = 300  # ... by at most this much
EDGE_RANGE_DB = 40  # ... and only where speech peaks this far above the floor
WHOLE_RUN_MS = 20_000  # a run of words no longer than this is tried whole again after a step
PREFIX_WORDS = 8  # words aligned at a time when a run will not align whole
WHOLE_MIN_SCORE = -40  # a whole run is kept when it scores at least this per frame
PREFIX_MIN_SCORE = -35  # ... kept only when they score at least this per frame on average
DRAFT_CHUNK_MS = 25_000  # draft: longest piece decoded at once (cut at the quietest moment)


def _model() -> Path:
    return Path(pocketsphinx.get_model_path()) / "en-us"


def _samples(pcm: bytes) -> np.ndarray:
    return np.frombuffer(pcm[: len(pcm) // 2 * 2], dtype="<i2")


def _check(cancelled: CancelledCheck | None) -> None:
    if cancelled is not None and cancelled():
        raise Cancelled()


def _decode(decoder, samples: np.ndarray, cancelled: CancelledCheck | None) -> None:
    decoder.start_utt()
    try:
        for at in range(0, len(samples), BLOCK):
            _check(cancelled)
            decoder.process_raw(samples[at : at + BLOCK].tobytes(), False, False)
    finally:
        decoder.end_utt()


# silences -----------------------------------------------------------------------------------
def frame_levels(samples: np.ndarray) -> np.ndarray:
    """dB per 10 ms frame."""
    n = len(samples) // FRAME
    if n == 0:
        return np.zeros(0)
    frames = samples[: n * FRAME].astype(np.float32).reshape(n, FRAME)
    return 10 * np.log10(np.mean(frames * frames, axis=1) + 1.0)


def quiet_frames(levels: np.ndarray) -> np.ndarray:
    """True for frames that are silence (or the steady noise floor); all False when the
    recording has no clear floor (loud noise everywhere)."""
    if len(levels) < 10:
        return np.zeros(len(levels), dtype=bool)
    floor, loud = np.percentile(levels, 10), np.percentile(levels, 95)
    if loud - floor < 12:
        return np.zeros(len(levels), dtype=bool)
    return levels < floor + 0.3 * (loud - floor)


def silences(samples: np.ndarray, min_ms: int) -> list[tuple[int, int]]:
    """Runs of quiet at least min_ms long, as (first, last+1) frames."""
    quiet = quiet_frames(frame_levels(samples))
    out, start = [], None
    for n, q in enumerate(np.append(quiet, False)):
        if q and start is None:
            start = n
        elif not q and start is not None:
            if (n - start) * 10 >= min_ms:
                out.append((start, n))
            start = None
    return out


def _score(got) -> float:
    """The mean score per frame of placed words."""
    return sum(g[2] for g in got) / max(sum(g[3] for g in got), 1)


def sounding(levels: np.ndarray) -> np.ndarray | None:
    """True for frames clearly above the noise floor; None when the floor is not far below
    the speech (noise: the edges would run on into it)."""
    if len(levels) < 10:
        return None
    floor, loud = np.percentile(levels, 10), np.percentile(levels, 95)
    if loud - floor < EDGE_RANGE_DB:
        return None
    return levels > floor + EDGE * (loud - floor)


def widened(words: list[Heard], loud: np.ndarray | None) -> list[Heard]:
    """Each placed word's edges moved out over the sound that runs on from them (the
    aligner tends to give a word's quiet tail or onset to the silence beside it), never past
    a neighbour's edge nor more than EDGE_MS."""
    if loud is None:
        return words
    placed = [n for n, w in enumerate(words) if w.start_ms is not None]
    out = list(words)
    for k, n in enumerate(placed):
        w = words[n]
        before = words[placed[k - 1]].end_ms if k else 0
        after = words[placed[k + 1]].start_ms if k + 1 < len(placed) else len(loud) * 10
        start, end = w.start_ms // 10, w.end_ms // 10
        low, high = max(before // 10, start - EDGE_MS // 10), min(after // 10, end + EDGE_MS // 10)
        while start > low and loud[start - 1]:
            start -= 1
        while end < min(high, len(loud)) and loud[end]:
            end += 1
        out[n] = Heard(w.word, min(start * 10, w.start_ms), max(end * 10, w.end_ms), w.confidence)
    return out


def in_order(words: list[Heard]) -> list[Heard]:
    """Neighbouring placed words that overlap (the aligner's frames, mapped back from squeezed
    audio, can) meet halfway instead: a word never starts before the one before it ends."""
    out = list(words)
    placed = [n for n, w in enumerate(out) if w.start_ms is not None]
    for a, b in itertools.pairwise(placed):
        left, right = out[a], out[b]
        if right.start_ms < left.end_ms:
            middle = max(left.start_ms, min(right.end_ms, (left.end_ms + right.start_ms) // 2))
            out[a] = Heard(left.word, left.start_ms, middle, left.confidence)
            out[b] = Heard(right.word, middle, max(middle, right.end_ms), right.confidence)
    return out


@dataclass
class Squeezed:
    """Audio with long silences shortened, and the way back to the original's times."""

    samples: np.ndarray
    marks: list[int]  # squeezed sample where a kept piece starts
    origins: list[int]  # original sample where it starts

    def original_ms(self, frame: int) -> int:
        at = frame * FRAME
        k = max(bisect.bisect_right(self.marks, at) - 1, 0)
        return (self.origins[k] + at - self.marks[k]) * 1000 // RATE


def squeeze(samples: np.ndarray, offset: int) -> Squeezed:
    """`samples` (starting at sample `offset` of the recording) with every silence longer than
    LONG_SILENCE_MS cut to KEEP_SILENCE_MS (half kept at either edge)."""
    keep = KEEP_SILENCE_MS // 20 * 2  # frames, even
    pieces, marks, origins, done, at = [], [], [], 0, 0
    for a, b in silences(samples, LONG_SILENCE_MS):
        cut_from, cut_to = (a + keep // 2) * FRAME, (b - keep // 2) * FRAME
        pieces.append(samples[done:cut_from])
        marks.append(at)
        origins.append(offset + done)
        at += cut_from - done
        done = cut_to
    pieces.append(samples[done:])
    marks.append(at)
    origins.append(offset + done)
    return Squeezed(np.concatenate(pieces) if pieces else samples, marks, origins)


# the engine ---------------------------------------------------------------------------------
class SphinxEngine:
    name = "pocketsphinx"

    def _decoder(self, **config):
        model = _model()
        return pocketsphinx.Decoder(loglevel="FATAL", hmm=str(model / "en-us"),
                                    dict=str(model / "cmudict-en-us.dict"), **config)  # fmt: skip

    # alignment ------------------------------------------------------------------------------
    def align(self, pcm: bytes, words: Sequence[str], anchors: Sequence[tuple[int, int]],
              progress: Progress | None = None, cancelled: CancelledCheck | None = None
              ) -> list[Heard]:  # fmt: skip
        _check(cancelled)
        samples = _samples(pcm)
        out = [Heard(w, None, None) for w in words]
        if not words or not len(samples):
            return out
        wide = {"lm": None, "bestpath": False, "beam": 1e-100, "wbeam": 1e-80, "pbeam": 1e-100,
                "silprob": 0.1}
        decoder = self._decoder(**wide)
        keys = self._add_words(decoder, words)
        quiet = quiet_frames(frame_levels(samples))
        duration = len(samples) * 1000 // RATE
        sections = _sections(len(words), anchors, duration)
        floor = 0  # where the words placed so far end: a later run starts no earlier
        for done, (first, last, start_ms, end_ms) in enumerate(sections):
            _check(cancelled)
            if progress:
                progress(done, len(sections))
            todo = [n for n in range(first, last) if keys[n]]
            self._align_run(decoder, quiet, samples, todo, keys, max(start_ms, floor), end_ms,
                            out, cancelled)  # fmt: skip
            floor = max([floor] + [h.end_ms for h in out[first:last] if h.end_ms is not None])
        if progress:
            progress(len(sections), len(sections))
        return in_order(widened(out, sounding(frame_levels(samples))))

    def _add_words(self, decoder, words: Sequence[str]) -> list[str | None]:
        prons = pronounce.pronunciations(words)
        keys: list[str | None] = []
        for word in words:
            if word not in prons:
                keys.append(None)
                continue
            key = "w_" + re.sub(r"[^\w']", "", "_".join(pronounce.spoken(word)))
            if decoder.lookup_word(key) is None:
                for n, phones in enumerate(prons[word]):
                    decoder.add_word(key if n == 0 else f"{key}({n + 1})", " ".join(phones),
                                     False)  # fmt: skip
            keys.append(key)
        if any(keys):
            decoder.add_word("w_zz_end_", "SIL", True)  # updates the search with all of them
        return keys

    def _align_run(self, decoder, quiet, samples, todo: list[int], keys, start_ms: int,
                   end_ms: int, out: list[Heard], cancelled) -> None:  # fmt: skip
        """Place the words `todo` within [start_ms, end_ms), writing into `out`. The whole run
        at once first (then in a window 3 s wider); if that ends short, a few
        words at a time in a window sized for them, keeping the first half of them (the later
        ones spread over what follows) if they sound like the typed words; a word that cannot be
        placed so is left without times."""
        first = True
        while todo and end_ms - start_ms >= 50:
            if first or end_ms - start_ms <= WHOLE_RUN_MS:
                ends = [end_ms]
                if first and end_ms < len(samples) * 1000 // RATE:
                    ends.append(end_ms + 3000)
                for end in ends:
                    got = self._try(decoder, samples, todo, keys, start_ms, end, cancelled)
                    if len(got) == len(todo) and _score(got) >= WHOLE_MIN_SCORE:
                        self._verify(quiet, got, out, todo)
                        return
            first = False
            placed = []
            for size in (PREFIX_WORDS, 4):
                if size >= len(todo):
                    continue
                window = min(end_ms, start_ms + size * 700 + 2000)
                got = self._try(decoder, samples, todo[:size], keys, start_ms, window, cancelled)
                placed = got[: size // 2]  # the later ones spread over what follows
                if placed and _score(placed) >= PREFIX_MIN_SCORE:
                    break
                placed = []
            if not placed:
                todo = todo[1:]  # this word finds no place: it stays without times
                continue
            self._verify(quiet, placed, out, todo)
            start_ms, todo = placed[-1][1], todo[len(placed) :]

    def _try(self, decoder, samples, todo, keys, start_ms, end_ms, cancelled
             ) -> list[tuple[int, int, int, int]]:  # fmt: skip
        """(start_ms, end_ms, acoustic score, frames) of the leading words of `todo` that the
        alignment placed. The score is relative to the best-scoring sound units in each frame
        (0 = as good as any; more negative = less like the word)."""
        a = max(start_ms, 0) * RATE // 1000
        b = min(end_ms * RATE // 1000, len(samples))
        if b - a < FRAME * 5:
            return []
        squeezed = squeeze(samples[a:b], a)
        decoder.set_align_text(" ".join(keys[n] for n in todo))
        _decode(decoder, squeezed.samples, cancelled)
        segments = decoder.seg()
        logmath = decoder.get_logmath()
        if segments is None:
            return []
        got = []
        for seg in segments:
            word = re.sub(r"\(\d+\)$", "", seg.word)
            if not word.startswith("w_") or word == "w_zz_end_":
                continue
            if len(got) >= len(todo) or word != keys[todo[len(got)]]:
                break
            got.append((squeezed.original_ms(seg.start_frame),
                        squeezed.original_ms(seg.end_frame + 1),
                        logmath.log(max(seg.ascore, 1e-300)),
                        seg.end_frame + 1 - seg.start_frame))  # fmt: skip
        return got

    def _verify(self, quiet, got, out, todo) -> None:
        """Write the placed words into `out`, except any put wholly on silence (typed words
        the recording does not have, squeezed into a pause)."""
        for n, (start, end, _score, _frames) in zip(todo, got, strict=False):
            span = quiet[start // 10 : max(end // 10, start // 10 + 1)]
            if len(span) and span.all():
                continue
            out[n] = Heard(out[n].word, start, end)

    # draft ----------------------------------------------------------------------------------
    def draft(self, pcm: bytes, progress: Progress | None = None,
              cancelled: CancelledCheck | None = None) -> list[Heard]:  # fmt: skip
        _check(cancelled)
        samples = _samples(pcm)
        if not len(samples):
            return []
        decoder = self._decoder()
        pieces = _draft_pieces(samples)
        out: list[Heard] = []
        for done, (a, b) in enumerate(pieces):
            _check(cancelled)
            if progress:
                progress(done, len(pieces))
            _decode(decoder, samples[a:b], cancelled)
            base = a * 1000 // RATE
            for seg in decoder.seg() or []:
                word = re.sub(r"\(\d+\)$", "", seg.word)
                if word.startswith(("<", "[")) or word.startswith("w_"):
                    continue
                confidence = min(max(float(seg.prob), 0.0), 1.0)  # a posterior already
                start, end = base + seg.start_frame * 10, base + (seg.end_frame + 1) * 10
                out.append(Heard(word, start, end, round(confidence, 3)))
        if progress:
            progress(len(pieces), len(pieces))
        return out


def _sections(count: int, anchors: Sequence[tuple[int, int]], duration: int
              ) -> list[tuple[int, int, int, int]]:  # fmt: skip
    """Runs of words (first, last+1) and the window (start_ms, end_ms) each is looked for in,
    cut at the anchors."""
    points = [(0, 0)]
    for index, ms in sorted(anchors):
        if 0 < index < count and index > points[-1][0] and ms >= points[-1][1]:
            points.append((index, min(ms, duration)))
    out = []
    for k, (index, ms) in enumerate(points):
        last, end = (points[k + 1][0], points[k + 1][1] + RIGHT_SLACK_MS) \
            if k + 1 < len(points) else (count, duration)  # fmt: skip
        out.append((index, last, ms, min(end, duration)))
    return out


def _draft_pieces(samples: np.ndarray) -> list[tuple[int, int]]:
    """Sample ranges of at most DRAFT_CHUNK_MS, cut at the quietest 100 ms after the first
    two thirds of each."""
    longest = DRAFT_CHUNK_MS * RATE // 1000
    out, at = [], 0
    while len(samples) - at > longest:
        window = samples[at + longest * 2 // 3 : at + longest]
        levels = frame_levels(window)
        if len(levels) >= 10:
            smooth = np.convolve(levels, np.ones(10) / 10, mode="valid")
            cut = at + longest * 2 // 3 + (int(np.argmin(smooth)) + 5) * FRAME
        else:
            cut = at + longest
        out.append((at, cut))
        at = cut
    out.append((at, len(samples)))
    return out
