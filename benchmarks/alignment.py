"""Word-timing benchmark: how close the speech engine's word boundaries are to the truth.

Requirement (issue 21): every word of a clip's typed transcript gets its start and end time,
offline, close enough to bleep a name: median absolute boundary error <= 50 ms, 95th
percentile <= 150 ms, real-time factor (processing time / audio duration) <= 0.3.

Speech with exact word boundaries is synthesised with espeak-ng (speech_corpus.py: each word
said alone, trimmed, joined with known gaps). Conditions per utterance of the corpus: clean,
noise at 15 dB and 5 dB SNR, long pauses (1.5-5 s at two random word gaps, seeded); and two
long runs: the utterances joined into ~3 min ("x10") and ~30 min ("x100") with a typed
timestamp (anchor) about every 30 s. Reported: median and p95 absolute error of starts and
ends (ms) over all words and over name words only (not in cmudict), fraction unplaced, RTF.
Baseline in the same run: one plain `set_align_text` pass of pocketsphinx over the whole clip
(the default decoder, no chunks, no anchors); its errors and RTF, and the ratios. Draft: word
error rate of `draft` on the clean utterances, and on the same texts said as sentences.

A word the engine leaves unplaced counts in "unplaced", not in the errors; a word the baseline
loses (its alignment failed or dropped words) likewise.

Run:  .venv/bin/python benchmarks/alignment.py [--corpus PATH] [--quick] [--json]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import speech_corpus as corpus
from coprod_desktop.audio import pronounce
from coprod_desktop.audio.sphinx import SphinxEngine, _samples

DEV = Path(__file__).parent / "data" / "alignment_dev.json"


def baseline(utt: corpus.Utterance) -> list[tuple[int | None, int | None]]:
    """One plain pass: the default decoder in alignment mode over the whole clip."""
    import pocketsphinx

    decoder = pocketsphinx.Decoder(lm=None, loglevel="FATAL")
    keys = []
    prons = pronounce.pronunciations(utt.words)
    for word in utt.words:
        key = "b_" + re.sub(r"[^\w']", "", "_".join(pronounce.spoken(word)))
        if decoder.lookup_word(key) is None:
            decoder.add_word(key, " ".join(prons[word][0]), False)
        keys.append(key)
    decoder.add_word("b_zz_", "SIL", True)
    out: list[tuple[int | None, int | None]] = [(None, None)] * len(keys)
    try:
        decoder.set_align_text(" ".join(keys))
        decoder.start_utt()
        decoder.process_raw(_samples(utt.pcm).tobytes(), False, False)
        decoder.end_utt()
    except RuntimeError:
        return out
    n = 0
    for seg in decoder.seg() or []:
        word = re.sub(r"\(\d+\)$", "", seg.word)
        if n < len(keys) and word == keys[n]:
            out[n] = (seg.start_frame * 10, (seg.end_frame + 1) * 10)
            n += 1
    return out


class Tally:
    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.name_errors: list[int] = []
        self.unplaced = 0
        self.words = 0
        self.seconds = 0.0
        self.audio_ms = 0

    def add(self, utt, times, seconds, names) -> None:
        self.seconds += seconds
        self.audio_ms += utt.duration_ms
        for word, (start, end), (a, b) in zip(utt.words, times, utt.truth, strict=True):
            self.words += 1
            if start is None or end is None:
                self.unplaced += 1
                continue
            self.starts.append(abs(start - a))
            self.ends.append(abs(end - b))
            if word in names:
                self.name_errors += [abs(start - a), abs(end - b)]

    def row(self) -> dict:
        both = self.starts + self.ends
        return {
            "words": self.words,
            "median_ms": _pct(both, 50), "p95_ms": _pct(both, 95),
            "start_median_ms": _pct(self.starts, 50), "start_p95_ms": _pct(self.starts, 95),
            "end_median_ms": _pct(self.ends, 50), "end_p95_ms": _pct(self.ends, 95),
            "names_median_ms": _pct(self.name_errors, 50),
            "names_p95_ms": _pct(self.name_errors, 95),
            "unplaced": round(self.unplaced / max(self.words, 1), 4),
            "rtf": round(self.seconds / max(self.audio_ms / 1000, 1e-9), 4),
        }  # fmt: skip


def _pct(values, q):
    return round(float(np.percentile(values, q)), 1) if values else None


def wer(ref: list[str], hyp: list[str]) -> tuple[int, int]:
    ref = [pronounce.spoken(w)[0] if pronounce.spoken(w) else w.lower() for w in ref]
    d = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        prev, d[0] = d[0], i
        for j, h in enumerate(hyp, 1):
            prev, d[j] = d[j], min(d[j] + 1, d[j - 1] + 1, prev + (r != h))
    return d[len(hyp)], len(ref)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEV)
    parser.add_argument("--quick", action="store_true", help="8 utterances, no 30-minute run")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not corpus.available():
        sys.exit("espeak-ng is needed (apt-get install espeak-ng)")
    items = json.loads(args.corpus.read_text(encoding="utf-8"))
    if args.quick:
        items = items[:8]
    engine = SphinxEngine()
    clean = [corpus.utterance(i["text"], i.get("voice", "en-us"), int(i.get("wpm", 160)),
                              seed=n) for n, i in enumerate(items)]  # fmt: skip
    names = {w for u in clean for w in u.words if not pronounce.in_dictionary(w)}
    conditions = {
        "clean": [(u, []) for u in clean],
        "noise 15 dB": [(corpus.with_noise(u, 15, seed=n), []) for n, u in enumerate(clean)],
        "noise 5 dB": [(corpus.with_noise(u, 5, seed=n), []) for n, u in enumerate(clean)],
        "pauses 1.5-5 s": [(corpus.random_pauses(u, seed=n), []) for n, u in enumerate(clean)],
    }
    for label, minutes in (("x10 (~3 min)", 3), ("x100 (~30 min)", 30)):
        if args.quick and minutes > 3:
            continue
        pieces, total = [], 0
        while total < minutes * 60_000:
            u = clean[len(pieces) % len(clean)]
            pieces.append(u)
            total += u.duration_ms + 600
        long = corpus.joined(pieces)
        conditions[label] = [(long, corpus.anchors_every(long))]
    rows = {}
    for label, cases in conditions.items():
        ours, base = Tally(), Tally()
        for utt, anchors in cases:
            t = time.perf_counter()
            heard = engine.align(utt.pcm, utt.words, anchors)
            ours.add(utt, [(h.start_ms, h.end_ms) for h in heard], time.perf_counter() - t,
                     names)  # fmt: skip
            t = time.perf_counter()
            times = baseline(utt)
            base.add(utt, times, time.perf_counter() - t, names)
        rows[label] = {"engine": ours.row(), "baseline": base.row()}
        print(f"... {label} done", file=sys.stderr, flush=True)
    errors = words = 0
    t = time.perf_counter()
    audio_ms = 0
    for utt in clean:
        heard = engine.draft(utt.pcm)
        e, n = wer(utt.words, [h.word for h in heard])
        errors, words, audio_ms = errors + e, words + n, audio_ms + utt.duration_ms
    draft = {"wer": round(errors / max(words, 1), 3),
             "rtf": round((time.perf_counter() - t) / (audio_ms / 1000), 3)}  # fmt: skip
    errors = words = 0
    for item in items:
        pcm = corpus.continuous(item["text"], item.get("voice", "en-us"),
                                int(item.get("wpm", 160))).astype("<i2").tobytes()
        e, n = wer(corpus.tokens(item["text"]), [h.word for h in engine.draft(pcm)])
        errors, words = errors + e, words + n
    draft["wer_continuous"] = round(errors / max(words, 1), 3)
    result = {"corpus": str(args.corpus), "utterances": len(items), "conditions": rows,
              "draft": draft}  # fmt: skip
    if args.json:
        print(json.dumps(result, indent=1))
        return
    head = (f"{'condition':16} {'who':8} {'words':>6} {'med':>6} {'p95':>6} {'st med':>6} "
            f"{'st p95':>6} {'end md':>6} {'endp95':>6} {'nm med':>6} {'nm p95':>6} "
            f"{'unplcd':>6} {'RTF':>6}")  # fmt: skip
    print(f"corpus {args.corpus} ({len(items)} utterances); errors in ms")
    print(head)
    for label, pair in rows.items():
        for who, r in pair.items():
            cells = [r["words"], r["median_ms"], r["p95_ms"], r["start_median_ms"],
                     r["start_p95_ms"], r["end_median_ms"], r["end_p95_ms"],
                     r["names_median_ms"], r["names_p95_ms"], r["unplaced"], r["rtf"]]
            print(f"{label:16} {who:8} " + " ".join(f"{_cell(c):>6}" for c in cells))
        e, b = pair["engine"], pair["baseline"]
        ratio = [_ratio(e[k], b[k]) for k in ("median_ms", "p95_ms", "rtf")]
        print(f"{'':16} {'ratio':8} engine/baseline: median {ratio[0]}, p95 {ratio[1]}, "
              f"RTF {ratio[2]}")
    print(f"draft: WER {draft['wer']:.1%} on the clean utterances (words said one by one), "
          f"{draft['wer_continuous']:.1%} on the same texts said as sentences; "
          f"RTF {draft['rtf']}")
    print(f"names pronounced by: {pronounce.method()}")
    every = [r["engine"] for r in rows.values()]
    print("goal median<=50 p95<=150 RTF<=0.3: "
          + ", ".join(f"{k}: {'met' if ok else 'NOT met'}" for k, ok in (
              ("median", all((r["median_ms"] or 0) <= 50 for r in every)),
              ("p95", all((r["p95_ms"] or 0) <= 150 for r in every)),
              ("RTF", all(r["rtf"] <= 0.3 for r in every)))))


def _cell(value) -> str:
    return "-" if value is None else (f"{value:.3f}" if isinstance(value, float) and value < 1
                                      else str(value))  # fmt: skip


def _ratio(a, b) -> str:
    return f"{a / b:.2f}" if a is not None and b else "-"


if __name__ == "__main__":
    main()
