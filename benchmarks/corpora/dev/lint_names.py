#!/usr/bin/env python3
"""Helper used while writing: list capitalised registered-person names/aliases
(and some non-registered names used in the corpus) that occur OUTSIDE any span,
so the writer can decide whether each one is a missed label or a look-alike."""
import json, re, os
HERE = os.path.dirname(os.path.abspath(__file__))
names = set()
for p in json.load(open(os.path.join(HERE, "people.json"), encoding="utf-8")):
    for n in [p["name"]] + p["aliases"]:
        names.update(w for w in re.split(r"[\s]+", n) if len(w) > 2 and w not in {"Mrs", "Mr", "Ms", "Miss", "Sgt", "Cllr", "Big", "Auntie", "Abu", "Sergeant"})
names |= {"Lorna", "Chioma", "Roxana", "Bernadette", "Gary", "Jordan", "Davie", "Jamie", "Bridie", "Tam", "Kezza"}
pat = re.compile(r"\b(" + "|".join(sorted(map(re.escape, names), key=len, reverse=True)) + r")\b", re.I)
for line in open(os.path.join(HERE, "records.jsonl"), encoding="utf-8"):
    r = json.loads(line)
    covered = [(s, e) for s, e, k in r["spans"]]
    for m in pat.finditer(r["text"]):
        if not any(s <= m.start() < e for s, e in covered):
            ctx = r["text"][max(0, m.start()-30):m.end()+30].replace("\n", " ")
            print(r["id"], r["source"], repr(m.group()), "|", ctx)
