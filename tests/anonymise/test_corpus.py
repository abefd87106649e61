"""Recall and precision of the detector over a generated, labelled corpus of sticky notes and
transcripts (tests/anonymise/corpus.py). A gold span is found when a detection of the same kind
covers at least half of it; a detection is a false positive when it overlaps no gold span."""

from __future__ import annotations

from coprod_desktop.anonymise import Detector
from tests.anonymise.corpus import KNOWN, corpus, score, table


def test_recall_and_precision_over_the_labelled_corpus():
    items = corpus(600, seed=11)
    detect = Detector(KNOWN)
    tally = score(items, [detect(text) for text, _gold in items])
    gold, hit = (sum(t[k] for t in tally.values()) for k in ("gold", "hit"))
    det, fp = (sum(t[k] for t in tally.values()) for k in ("det", "fp"))
    recall, precision = hit / gold, 1 - fp / det
    report = f"recall {recall:.3f}, precision {precision:.3f}\n{table(tally)}"
    assert recall >= 0.95 and precision >= 0.85, report
