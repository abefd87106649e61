#!/usr/bin/env python3
"""Writer's helper (not part of scoring): list unlabelled occurrences of words
that are labelled as a person somewhere in the corpus, and of people.json
names/aliases. Many hits are deliberate look-alikes (Iona the island, Lewis the
island, Summer the season); the rest are labelling misses to fix in src/."""
import json, os, re, collections
HERE = os.path.dirname(os.path.abspath(__file__))
recs = [json.loads(l) for l in open(os.path.join(HERE, "records.jsonl"), encoding="utf-8")]
names = set()
for r in recs:
    for s, e, k in r["spans"]:
        if k == "person":
            for w in re.findall(r"[^\W\d_][\w'-]+", r["text"][s:e]):
                if w[0].isupper() and len(w) > 2:
                    names.add(w)
for p in json.load(open(os.path.join(HERE, "people.json"), encoding="utf-8")):
    for a in [p["name"]] + p["aliases"]:
        names.update(w for w in a.split() if len(w) > 2)
stop = {"Mrs", "Mr", "Big", "Wee", "The", "Sgt", "Cllr", "Father", "Pastor", "Dr", "Sergeant", "Auntie", "Mama", "Umm"}
names -= stop
hits = collections.Counter()
for r in recs:
    covered = [(s, e) for s, e, k in r["spans"]]
    for m in re.finditer(r"[^\W\d_][\w-]*", r["text"]):
        w = m.group(0)
        if w in names and not any(s <= m.start() < e for s, e in covered):
            ctx = r["text"][max(0, m.start()-30):m.end()+30].replace("\n", " | ")
            print(f"{r['id']}\t{w}\t{ctx}")

# Second pass: identifier-shaped strings left unlabelled (review by eye).
PATS = {
    "phone": r"(?:\+44|0)[\dOol ()-]{9,16}\d",
    "email": r"[\w.+-]+@[\w-]+\.[\w.]+",
    "postcode": r"\b[A-Z]{1,2}[0-9Il][0-9A-Z]?\s?[0-9O][A-Z]{2}\b",
    "ni": r"\bQQ\s?[\dOl]{2}",
    "date": r"\b\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)?\d{2}\b",
    "url": r"\b[\w-]+\.(?:example|ee)(?:\.\w+)*/\S+",
}
print("\n# identifier-shaped, unlabelled")
for r in recs:
    covered = [(s, e) for s, e, k in r["spans"]]
    for kind, pat in PATS.items():
        for m in re.finditer(pat, r["text"]):
            if not any(s <= m.start() < e for s, e in covered):
                print(f"{r['id']}\t{kind}\t{m.group(0)!r}")
