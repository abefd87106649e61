#!/usr/bin/env python3
"""Writer's helper: list name-like tokens that are used somewhere in the corpus
as (part of) a labelled person but occur unlabelled elsewhere. Every remaining
hit should be a deliberate look-alike (place, venue, business, word, namesake)."""
import collections, json, os, re
HERE = os.path.dirname(os.path.abspath(__file__))
recs = [json.loads(l) for l in open(os.path.join(HERE, "records.jsonl"), encoding="utf-8")]
STOP = {"mr", "mrs", "ms", "dr", "pc", "cllr", "the", "big", "of", "and", "a", "i", "m", "s", "j", "b", "fr",
        "father", "pastor", "doctor", "insp", "sgt", "no", "hugh"}
names = set()
for r in recs:
    for s, e, k in r["spans"]:
        if k == "person":
            for t in re.findall(r"[^\W\d_]+", r["text"][s:e]):
                if len(t) > 1 and t.lower() not in STOP:
                    names.add(t.lower())
hits = collections.Counter()
for r in recs:
    cov = [(s, e) for s, e, _ in r["spans"]]
    for m in re.finditer(r"[^\W\d_]+", r["text"]):
        if m.group().lower() in names and not any(a <= m.start() < b for a, b in cov):
            ctx = r["text"][max(0, m.start()-30):m.end()+30].replace("\n", " ")
            print(f"{r['id']}\t{m.group()}\t...{ctx}...")
