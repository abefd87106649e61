#!/usr/bin/env python3
"""Writer's helper (not a test): list tokens that are labelled as a person
somewhere in the corpus but appear unlabelled elsewhere. Each hit must be a
deliberate look-alike (place, brand, ordinary word ...) or be fixed."""
import json, os, re, collections
HERE = os.path.dirname(os.path.abspath(__file__))
recs = [json.loads(l) for l in open(os.path.join(HERE, "records.jsonl"), encoding="utf-8")]
names = set()
for r in recs:
    for s, e, k in r["spans"]:
        if k == "person":
            for t in re.findall(r"[A-Za-zÀ-ž]+", r["text"][s:e]):
                if len(t) > 2 and t[0].isupper() and t not in {"Mrs", "Miss", "Rev", "Sgt", "Father", "Big", "Wee", "Old"}:
                    names.add(t)
for r in recs:
    covered = [False] * len(r["text"])
    for s, e, k in r["spans"]:
        for i in range(s, e):
            covered[i] = True
    for m in re.finditer(r"[A-Za-zÀ-ž]+", r["text"]):
        if m.group() in names and not covered[m.start()]:
            ctx = r["text"][max(0, m.start()-30):m.end()+30].replace("\n", " ")
            print(f"{r['id']}\t{m.group()}\t{ctx}")
