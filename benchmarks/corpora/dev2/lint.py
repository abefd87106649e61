#!/usr/bin/env python3
"""Writer's helper: list unlabelled occurrences of surfaces that are labelled
somewhere in the corpus (case-insensitive, whole word), so each can be checked
by hand. Remaining hits should be deliberate look-alikes (words, places)."""
import json, os, re, sys, collections
HERE = os.path.dirname(os.path.abspath(__file__))
recs = [json.loads(l) for l in open(os.path.join(HERE, "records.jsonl"), encoding="utf-8")]
surf = set()
for r in recs:
    for s, e, k in r["spans"]:
        if k == "person":
            for w in re.findall(r"[A-Za-z][A-Za-z'-]+", r["text"][s:e]):
                surf.add(w.lower())
for w in ("mr", "mrs", "ms", "miss", "dr", "sgt", "pc", "cllr", "father", "pastor", "pan", "big", "sister", "the"):
    surf.discard(w)
only = set(sys.argv[1:])
hits = collections.Counter()
for r in recs:
    t = r["text"]
    cov = [False] * len(t)
    for s, e, k in r["spans"]:
        for i in range(s, e):
            cov[i] = True
    for m in re.finditer(r"[A-Za-z][A-Za-z'-]*[A-Za-z]|[A-Za-z]", t):
        w = m.group(0).lower()
        w2 = re.sub(r"'s$", "", w)
        if (w in surf or w2 in surf) and not cov[m.start()]:
            if only and w2 not in only:
                continue
            hits[w2] += 1
            print(f"{r['id']} {r['source']:11s} {w2:12s} …{t[max(0,m.start()-40):m.end()+40]!r}")
print(dict(hits.most_common()), file=sys.stderr)
