#!/usr/bin/env python3
"""Writer's helper: list unlabelled tokens that are labelled as (part of) a person
elsewhere in the corpus, or are registered names/aliases. Hits are either missed
labels or deliberate look-alikes; review by eye."""
import json, os, re, collections
HERE = os.path.dirname(os.path.abspath(__file__))
recs = [json.loads(l) for l in open(os.path.join(HERE, "records.jsonl"), encoding="utf-8")]
names = set()
for p in json.load(open(os.path.join(HERE, "people.json"), encoding="utf-8")):
    for a in [p["name"]] + p["aliases"]:
        names.update(w.lower() for w in re.findall(r"\w+", a) if len(w) > 2)
for r in recs:
    for s, e, k in r["spans"]:
        if k == "person":
            names.update(w.lower() for w in re.findall(r"\w+", r["text"][s:e]) if len(w) > 2)
names -= {"mrs", "miss", "sgt", "the", "big", "cllr", "pan", "father", "pastor"}
import sys
only = sys.argv[1] if len(sys.argv) > 1 else None
for r in recs:
    if only and only not in r["id"]:
        continue
    covered = [(s, e) for s, e, k in r["spans"]]
    for m in re.finditer(r"\w+", r["text"]):
        w = m.group().lower()
        if w in names and not any(s <= m.start() < e for s, e in covered):
            ctx = r["text"][max(0, m.start()-30):m.end()+30].replace("\n", " ")
            print(f"{r['id']}: {m.group()!r:14} …{ctx}…")
