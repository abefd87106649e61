"""Train the name/not-name model (coprod_desktop/anonymise/name_model.py) and write its
weights to resources/names/name_model.json.

A logistic regression, trained in plain Python (AdaGrad with L2, fixed seed: the same corpora
give the same file), over the context features of name_model.features(). Training examples are
the tokens the detector could ever take for a name: written with a capital, in the first-name
or surname lists, or no English word. A token is 1 when a gold "person" span covers it.

Registered participants' names (people.json names and aliases) are found by another matcher;
their tokens are kept but weighted --registered-weight (0.25): their contexts are people's
contexts, but a few registered names repeated hundreds of times would otherwise be most of
the positive examples. They are left out of every evaluation figure.

Before writing the model it prints a leave-one-corpus-out evaluation (train on all corpora but
one, test on that one): ROC AUC and precision/recall at 0.3/0.5/0.7/0.9 over the candidates,
over the unknown-name class (capitalised, in no name list, no English word) and over the
lower-case words of the name lists - beside a named baseline, "capitalised and in the
first-name or surname lists". --combine also runs the detector on each left-out corpus and
shows what adding the model's confident tokens and dropping its weak rule detections would do.

    .venv/bin/python resources/names/make_name_model.py [CORPUS ...] [--combine]

CORPUS names folders of benchmarks/corpora (default: every dev* folder). The held-out corpora are
refused: they are only ever scored.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from coprod_desktop.anonymise import lexicon as lx  # noqa: E402
from coprod_desktop.anonymise import name_model as nm  # noqa: E402

CORPORA = ROOT / "benchmarks" / "corpora"
OUT = ROOT / "resources" / "names" / "name_model.json"
SEED = 17
THRESHOLDS = (0.3, 0.5, 0.7, 0.9)


class Example:
    __slots__ = ("baseline", "feats", "label", "lower_listed", "record", "registered", "token",
                 "unknown")  # fmt: skip

    def __init__(self, feats, label, registered, unknown, lower_listed, baseline, record, token):
        self.feats, self.label, self.registered = feats, label, registered
        self.unknown, self.lower_listed, self.baseline = unknown, lower_listed, baseline
        self.record, self.token = record, token


def development_corpora() -> list[str]:
    """Every development corpus: the folders of benchmarks/corpora named dev…, in order."""
    return sorted((p.name for p in CORPORA.glob("dev*") if (p / "records.jsonl").exists()),
                  key=lambda name: (len(name), name))  # fmt: skip


def refuse_heldout(names: list[str]) -> None:
    for name in names:
        if Path(name).name.lower().startswith("heldout") or "heldout" in name.lower():
            sys.exit(f"refused: {name} is a held-out corpus; it is only ever scored")


def registered_keys(people: list[dict]) -> set[str]:
    keys = set()
    for p in people:
        for form in [p["name"], *p.get("aliases", ())]:
            keys |= {lx.key(w) for w in form.split() if len(lx.key(w)) >= 2}
    return keys


def load(name: str) -> tuple[list[dict], list[dict]]:
    refuse_heldout([name])
    folder = CORPORA / name
    people = json.loads((folder / "people.json").read_text(encoding="utf-8"))
    lines = (folder / "records.jsonl").read_text(encoding="utf-8").splitlines()
    return people, [json.loads(line) for line in lines if line.strip()]


def candidate(text: str, token: nm.Token) -> bool:
    start, _end, low = token
    k = nm.key_of(low)
    return (text[start].isupper() or k in lx.first_names() or k in lx.surnames()
            or k not in lx.english_words())  # fmt: skip


def examples(name: str) -> list[Example]:
    people, records = load(name)
    registered = registered_keys(people)
    first, sur, english = lx.first_names(), lx.surnames(), lx.english_words()
    out = []
    for r, record in enumerate(records):
        text = record["text"]
        tokens = nm.tokens_of(text)
        ctx = nm.Context(text, tokens)
        persons = sorted((a, b) for a, b, kind in record["spans"] if kind == "person")
        for i, token in enumerate(tokens):
            if not candidate(text, token):
                continue
            start, end, low = token
            k = nm.key_of(low)
            label = any(a < end and start < b for a, b in persons)
            capital = text[start].isupper()
            listed = k in first or k in sur
            out.append(Example(
                nm.features(text, tokens, i, ctx), int(label), k in registered,
                capital and not listed and k not in english, not capital and listed,
                capital and listed, r, token,
            ))  # fmt: skip
    return out


def train(data: list[Example], registered_weight: float, epochs: int = 8, rate: float = 0.1,
          l2: float = 1e-4, min_count: int = 4, smallest: float = 0.02) -> dict:  # fmt: skip
    """Weights of the features seen min_count times or more; those under `smallest` (in
    absolute value) are left out of the file, to keep it small."""
    counts: dict[str, int] = {}
    for ex in data:
        for f in ex.feats:
            counts[f] = counts.get(f, 0) + 1
    index = {f: n for n, f in enumerate(sorted(f for f, c in counts.items() if c >= min_count))}
    rows = [([index[f] for f in ex.feats if f in index], ex.label,
             registered_weight if ex.registered else 1.0) for ex in data]  # fmt: skip
    rows = [row for row in rows if row[2] > 0]
    w = [0.0] * len(index)
    g2 = [1e-8] * len(index)
    bias, bias_g2 = 0.0, 1e-8
    rng = random.Random(SEED)
    order = list(range(len(rows)))
    for _epoch in range(epochs):
        rng.shuffle(order)
        for n in order:
            feats, y, weight = rows[n]
            z = bias + sum(w[j] for j in feats)
            p = 1.0 / (1.0 + math.exp(-z)) if z > -30 else 0.0
            g = (p - y) * weight
            bias_g2 += g * g
            bias -= rate * g / math.sqrt(bias_g2)
            for j in feats:
                gj = g + l2 * w[j]
                g2[j] += gj * gj
                w[j] -= rate * gj / math.sqrt(g2[j])
    names = sorted(index, key=index.get)
    weights = {f: round(w[index[f]], 2) for f in names if abs(w[index[f]]) >= smallest}
    return {"features_version": nm.FEATURES_VERSION, "bias": round(bias, 4),
            "weights": dict(sorted(weights.items()))}  # fmt: skip


def predict(model: dict, data: list[Example]) -> list[float]:
    return [nm.probability(ex.feats, model["weights"], model["bias"]) for ex in data]


def auc(scores: list[float], labels: list[int]) -> float:
    """ROC AUC by ranks, ties counted half."""
    pos = sum(labels)
    neg = len(labels) - pos
    if not pos or not neg:
        return float("nan")
    ranked = sorted(zip(scores, labels, strict=True))
    rank_sum, n = 0.0, 0
    while n < len(ranked):
        m = n
        while m < len(ranked) and ranked[m][0] == ranked[n][0]:
            m += 1
        mean_rank = (n + 1 + m) / 2
        rank_sum += mean_rank * sum(label for _s, label in ranked[n:m])
        n = m
    return (rank_sum - pos * (pos + 1) / 2) / (pos * neg)


def at(scores: list[float], labels: list[int], t: float) -> tuple[float, float]:
    tp = sum(1 for s, y in zip(scores, labels, strict=True) if s >= t and y)
    chosen = sum(1 for s in scores if s >= t)
    pos = sum(labels)
    return (tp / chosen if chosen else float("nan"), tp / pos if pos else float("nan"))


def report(title: str, scores: list[float], base: list[float], labels: list[int]) -> None:
    pos = sum(labels)
    print(f"  {title}: {len(labels)} tokens, {pos} in a person's name")
    print(f"    {'':26} {'AUC':>6}  " + "  ".join(f"P@{t:<4} R@{t:<4}" for t in THRESHOLDS))
    for name, s in (("model", scores), ("baseline (cap & listed)", base)):
        cells = "  ".join("{:.3f}  {:.3f}".format(*at(s, labels, t)) for t in THRESHOLDS)
        print(f"    {name:26} {auc(s, labels):6.3f}  {cells}")


def evaluate(title: str, data: list[Example], scores: list[float]) -> None:
    print(title)
    keep = [n for n, ex in enumerate(data) if not ex.registered]
    for name, pick in (
        ("candidates (unregistered)", lambda ex: True),
        ("unknown-name class (capitalised, no name list, no English word)", lambda ex: ex.unknown),
        ("lower-case words of the name lists", lambda ex: ex.lower_listed),
    ):
        chosen = [n for n in keep if pick(data[n])]
        report(name, [scores[n] for n in chosen], [float(data[n].baseline) for n in chosen],
               [data[n].label for n in chosen])  # fmt: skip


def combine(name: str, data: list[Example], scores: list[float]) -> None:
    """The detector on a left-out corpus, then with the model: a token the rules missed is
    added at score >= add (less titles of works and public figures, which the rules leave
    after finding them); a rule's detection of an unregistered person with confidence
    <= 0.6 is dropped when none of its tokens scores >= drop."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from anonymise_corpora import load as load_people
    from anonymise_corpora import score as bench_score

    from coprod_desktop.anonymise import Detector

    finder = sys.modules["coprod_desktop.anonymise.detect"]  # the module, not detect()
    finder._second_opinion = lambda _text, _folded, _tokens, found: found  # the rules alone
    from coprod_desktop.anonymise import people as rules
    from coprod_desktop.anonymise.model import Detection

    def quoted(text: str) -> bool:
        return rules.QUOTES.search(text) is not None

    people, records = load_people(name)
    detector = Detector(people)
    found = [detector(r["text"]) for r in records]
    by_record: dict[int, list[tuple[int, int, float]]] = {}
    for ex, s in zip(data, scores, strict=True):
        by_record.setdefault(ex.record, []).append((ex.token[0], ex.token[1], s))

    def person_figures(found_lists):
        result = bench_score(records, found_lists)["kinds"]["person"]
        return result["hit"], result["gold"], result["fp"], result["det"]

    def variant(add: float | None, drop: float | None):
        out = []
        for r, (record, dets) in enumerate(zip(records, found, strict=True)):
            text = record["text"]
            dets = list(dets)
            if drop is not None:
                kept = []
                for d in dets:
                    weak = d.kind == "person" and d.person is None and d.confidence <= 0.6
                    best = (
                        max(
                            (s for st, _e, s in by_record.get(r, ()) if d.start <= st < d.end),
                            default=None,
                        )
                        if weak
                        else None
                    )
                    if weak and best is not None and best < drop:
                        continue
                    kept.append(d)
                dets = kept
            if add is not None:
                added = []
                for st, end, s in by_record.get(r, ()):
                    if s < add or any(d.start < end and st < d.end for d in dets):
                        continue
                    if quoted(text) and rules.in_a_work(text, st):
                        continue  # a song's or a book's title, or its artist, as the rules do
                    added.append(Detection(st, end, "person", text[st:end], "model", 0.5))
                # public figures and named things, as the detector leaves them
                dets += finder._not_things(text, lx.fold(text), added) if added else []
            out.append(dets)
        return out

    print(f"  {name}: person spans found (of gold), false positives, detections")
    hit, gold, fp, det = person_figures(found)
    print(f"    rules alone                 recall {hit / gold:.3f}  FP {fp:4d}  det {det}")
    for add in (0.7, 0.8, 0.9, 0.95):
        hit, gold, fp, det = person_figures(variant(add, None))
        print(f"    + model adds at >= {add:<5}   recall {hit / gold:.3f}  FP {fp:4d}  det {det}")
    for drop in (0.05, 0.1, 0.2, 0.3):
        hit, gold, fp, det = person_figures(variant(None, drop))
        print(f"    - weak rules below {drop:<5}   recall {hit / gold:.3f}  FP {fp:4d}  det {det}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpora", nargs="*", default=development_corpora())
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--registered-weight", type=float, default=0.25)
    parser.add_argument("--no-eval", action="store_true", help="write the model only")
    parser.add_argument(
        "--combine",
        action="store_true",
        help="also the detector with the model, on each left-out corpus",
    )
    args = parser.parse_args()
    refuse_heldout(args.corpora)  # before anything is read
    data = {name: examples(name) for name in args.corpora}
    for name, rows in data.items():
        print(
            f"{name}: {len(rows)} candidate tokens, {sum(ex.label for ex in rows)} in a "
            f"person's name, {sum(ex.registered for ex in rows)} of registered names"
        )
    if not args.no_eval and len(data) > 1:
        pooled, pooled_scores = [], []
        for name in data:
            rest = [ex for other, rows in data.items() if other != name for ex in rows]
            model = train(rest, args.registered_weight)
            scores = predict(model, data[name])
            evaluate(f"\nleft out {name} (trained on the others):", data[name], scores)
            if args.combine:
                combine(name, data[name], scores)
            pooled += data[name]
            pooled_scores += scores
        evaluate("\nall left-out corpora pooled:", pooled, pooled_scores)
    began = time.perf_counter()
    model = train([ex for rows in data.values() for ex in rows], args.registered_weight)
    model["trained_on"] = list(data)
    model["registered_weight"] = args.registered_weight
    text = json.dumps(model, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    args.out.write_text(text + "\n", encoding="utf-8")
    print(
        f"\nwrote {args.out} ({len(model['weights'])} weights, {args.out.stat().st_size:,} "
        f"bytes) in {time.perf_counter() - began:.1f}s"
    )
    if args.out == OUT:
        speed(list(data))


def speed(names: list[str]) -> None:
    """Tokens scored a second on the corpora's short notes (all tokens; median of 5 runs)."""
    nm.weights.cache_clear()
    texts = [r["text"] for name in names for r in load(name)[1] if r["source"] == "note"]
    prepared = [(text, nm.tokens_of(text)) for text in texts]
    count = sum(len(tokens) for _text, tokens in prepared)
    runs = []
    for _ in range(5):
        began = time.perf_counter()
        for text, tokens in prepared:
            nm.score_many(text, tokens, range(len(tokens)))
        runs.append(count / (time.perf_counter() - began))
    runs.sort()
    print(
        f"speed: {runs[2]:,.0f} tokens/s over {len(texts)} notes ({count} tokens), "
        f"{runs[2] * len(texts) / count:,.0f} notes/s"
    )


if __name__ == "__main__":
    main()
