"""Personal-data detector benchmark: accuracy on a held-out labelled corpus, speed, and a
same-run comparison with Microsoft Presidio in a pattern-only, offline configuration.

(a) Accuracy: per-kind recall and precision of ``detect()`` over ``corpus(5000, seed=2024)``
    (tests/anonymise/corpus.py; the test uses seed 11). A gold span is found when a detection
    of the same kind covers at least half of it; a detection overlapping no gold span is a
    false positive. The most frequent misses and false positives are listed.
(b) Speed: short sticky notes (the corpus's notes, not its transcripts) per second on one
    core, known people = ``KNOWN``; median of 5 runs over 20,000 notes, after a warm-up.
(c) Presidio (optional, not a dependency): ``AnalyzerEngine`` with a no-op NLP engine (no spaCy
    model is loaded or downloaded; ``NoOpNlpEngine`` where presidio has it, else an equivalent
    stub) and only rule-based recognizers, on the same notes in the same process:
    * "default": presidio's predefined English recognizers minus the NER ones, plus its UK
      NINO, postcode and vehicle registration recognizers (disabled by default);
    * "uk": only the recognizers for kinds we look for (email, phone for GB, URL, NHS, NINO,
      postcode, vehicle registration, date).
    tldextract (used by presidio's email recognizer) is kept to its bundled suffix list, so
    nothing is fetched. Reported: notes per second (median of 5 runs over --presidio-notes
    notes), the ratio ours / presidio, and presidio's accuracy on (a)'s corpus mapped to our
    kinds (presidio finds no people without an NER model).

This is a benchmark, not a test: it never asserts.

Run:   .venv/bin/python benchmarks/anonymise.py
With presidio, from a separate venv:
    python3 -m venv /tmp/presidio-venv
    /tmp/presidio-venv/bin/pip install presidio-analyzer
    /tmp/presidio-venv/bin/pip install --no-deps -e .     # coprod itself (anonymise is stdlib)
    /tmp/presidio-venv/bin/python benchmarks/anonymise.py
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")  # presidio: no download

from coprod_desktop.anonymise import Detection, Detector  # noqa: E402
from tests.anonymise.corpus import KNOWN, corpus, score, table  # noqa: E402

PRESIDIO_KINDS = {
    "EMAIL_ADDRESS": "email", "PHONE_NUMBER": "phone", "URL": "url", "UK_NHS": "nhs_number",
    "UK_NINO": "ni_number", "UK_POSTCODE": "postcode", "UK_VEHICLE_REGISTRATION": "vehicle_reg",
    "DATE_TIME": "date_of_birth", "PERSON": "person",
}  # fmt: skip
INSTALL = """presidio-analyzer is not installed here; part (c) skipped. To run it:
    python3 -m venv /tmp/presidio-venv
    /tmp/presidio-venv/bin/pip install presidio-analyzer
    /tmp/presidio-venv/bin/pip install --no-deps -e {root}
    /tmp/presidio-venv/bin/python {root}/benchmarks/anonymise.py"""


def one_core() -> str:
    if hasattr(os, "sched_setaffinity"):
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    return "not pinned (no sched_setaffinity)"


def notes_only(n: int, seed: int) -> list[str]:
    """n short sticky notes (the corpus without its transcripts)."""
    out: list[str] = []
    while len(out) < n:
        out += [t for t, _g in corpus(2 * n, seed=seed + len(out)) if not t.startswith("[")]
    return out[:n]


def rate(fn: Callable[[str], object], notes: Sequence[str], runs: int = 5) -> float:
    """Median notes per second over `runs` passes."""
    for text in notes[:200]:
        fn(text)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        for text in notes:
            fn(text)
        times.append(time.perf_counter() - start)
    return len(notes) / statistics.median(times)


def examples(items, found, top: int) -> str:
    misses: Counter = Counter()
    fps: Counter = Counter()
    for (text, gold), dets in zip(items, found, strict=True):
        for a, b, kind in gold:
            if not any(d.kind == kind and 2 * (min(b, d.end) - max(a, d.start)) >= b - a
                       for d in dets):  # fmt: skip
                got = [f"{d.kind}:{d.text!r}" for d in dets if d.start < b and a < d.end]
                misses[
                    f"{kind:13} {text[a:b]!r}" + (f"  (got {', '.join(got)})" if got else "")
                ] += 1
        for d in dets:
            if not any(a < d.end and d.start < b for a, b, _k in gold):
                fps[f"{d.kind:13} {d.text!r}  ({d.reason})"] += 1
    lines = [f"Most frequent misses ({sum(misses.values())} in all):"]
    lines += [f"  {n:4}  {m}" for m, n in misses.most_common(top)]
    lines += [f"Most frequent false positives ({sum(fps.values())} in all):"]
    lines += [f"  {n:4}  {m}" for m, n in fps.most_common(top)]
    return "\n".join(lines)


def presidio_engines() -> dict[str, Callable[[str], list]] | None:
    try:
        import presidio_analyzer.predefined_recognizers as pr
        import tldextract
        from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
        from presidio_analyzer.nlp_engine import NlpArtifacts, NlpEngine
    except ImportError:
        return None
    tldextract.extract = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
    try:
        from presidio_analyzer.nlp_engine import NoOpNlpEngine

        nlp = NoOpNlpEngine(models=[{"lang_code": "en", "model_name": "no_op"}])
    except ImportError:  # older presidio: the same thing by hand
        from spacy.tokens import Doc
        from spacy.vocab import Vocab

        class NoOp(NlpEngine):
            vocab = Vocab()

            def load(self): ...
            def is_loaded(self):
                return True

            def process_text(self, text, language):
                return NlpArtifacts([], Doc(self.vocab, words=[]), [], [], self, language)

            def process_batch(self, texts, language, **kw):
                return ((t, self.process_text(t, language)) for t in texts)

            def is_stopword(self, word, language):
                return False

            def is_punct(self, word, language):
                return False

            def get_supported_entities(self):
                return []

            def get_supported_languages(self):
                return ["en"]

        nlp = NoOp()
    nlp.load()
    uk = ["UkNinoRecognizer", "UkPostcodeRecognizer", "UkVehicleRegistrationRecognizer"]
    default = RecognizerRegistry(supported_languages=["en"])
    default.load_predefined_recognizers(languages=["en"], nlp_engine=nlp)
    ner = ("Spacy", "Stanza", "Transformers", "GLiNER", "Ner")
    default.recognizers = [
        r for r in default.recognizers if not any(w in type(r).__name__ for w in ner)
    ]
    have = {type(r).__name__ for r in default.recognizers}
    for name in uk:
        if name not in have and hasattr(pr, name):
            default.add_recognizer(getattr(pr, name)())
    narrow = RecognizerRegistry(supported_languages=["en"])
    narrow.recognizers = []
    for name in ["EmailRecognizer", "UrlRecognizer", "NhsRecognizer", "DateRecognizer", *uk]:
        if hasattr(pr, name):
            narrow.add_recognizer(getattr(pr, name)())
    narrow.add_recognizer(pr.PhoneRecognizer(supported_regions=("GB",)))
    engines = {}
    for label, registry in (("default", default), ("uk", narrow)):
        engine = AnalyzerEngine(registry=registry, nlp_engine=nlp, supported_languages=["en"])
        engines[label] = lambda text, e=engine: e.analyze(text, language="en")
        names = sorted(type(r).__name__ for r in registry.recognizers)
        print(f"  presidio {label}: {len(names)} recognizers: {', '.join(names)}")
    return engines


def as_detections(text: str, results) -> list[Detection]:
    return [Detection(r.start, r.end, PRESIDIO_KINDS.get(r.entity_type, r.entity_type),
                      text[r.start : r.end], r.entity_type, r.score) for r in results]  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=2024, help="corpus seed (the test uses 11)")
    ap.add_argument("--items", type=int, default=5000)
    ap.add_argument("--notes", type=int, default=20000)
    ap.add_argument("--presidio-notes", type=int, default=2000)
    ap.add_argument("--top", type=int, default=15, help="misses / false positives to list")
    args = ap.parse_args()
    print(f"Python {sys.version.split()[0]}, {one_core()}")

    items = corpus(args.items, seed=args.seed)
    detect = Detector(KNOWN)  # compiled once, as the app holds it for a review or a pack
    found = [detect(text) for text, _g in items]
    share = sum(bool(g) for _t, g in items) / len(items)
    print(f"\n(a) Accuracy: corpus({args.items}, seed={args.seed}), {share:.0%} of items with "
          f"personal data, {sum(len(g) for _t, g in items)} gold spans\n")  # fmt: skip
    print(table(score(items, found)))
    print("\n" + examples(items, found, args.top))

    notes = notes_only(args.notes, args.seed + 1)
    words = statistics.mean(len(n.split()) for n in notes)
    ours = rate(detect, notes)
    print(f"\n(b) Speed: {len(notes)} notes (mean {words:.1f} words), {len(KNOWN)} known "
          f"people: {ours:,.0f} notes/s (median of 5)")  # fmt: skip

    print("\n(c) Presidio, pattern-only, offline")
    engines = presidio_engines()
    if engines is None:
        print(INSTALL.format(root=ROOT))
        return
    from importlib.metadata import version

    print(f"  presidio-analyzer {version('presidio-analyzer')}")
    sub = notes[: args.presidio_notes]
    ours_sub = rate(detect, sub)
    print(f"  ours on the same {len(sub)} notes: {ours_sub:,.0f} notes/s")
    for label, analyse in engines.items():
        theirs = rate(analyse, sub)
        print(f"  presidio {label}: {theirs:,.0f} notes/s; ratio ours/presidio = "
              f"{ours_sub / theirs:.1f}x")  # fmt: skip
    for label, analyse in engines.items():
        pfound = [as_detections(text, analyse(text)) for text, _g in items]
        print(f"\n  presidio {label}, accuracy on (a)'s corpus (kinds mapped; DATE_TIME counted "
              f"as date_of_birth):\n")  # fmt: skip
        print("  " + table(score(items, pfound)).replace("\n", "\n  "))


if __name__ == "__main__":
    main()
