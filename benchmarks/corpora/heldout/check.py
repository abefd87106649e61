#!/usr/bin/env python3
"""Validate the held-out anonymiser corpus (stdlib only). Exit 1 on any error."""
import json, os, sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
KINDS = {"person", "phone", "email", "postcode", "nhs_number", "ni_number",
         "date_of_birth", "address", "url", "handle", "vehicle_reg"}
SOURCES = {"note", "transcript", "whatsapp", "ocr", "email_paste"}


def main():
    errs = []
    people = json.load(open(os.path.join(HERE, "people.json"), encoding="utf-8"))
    pseud = [p["pseudonym"] for p in people]
    if len(set(pseud)) != len(pseud):
        errs.append("duplicate pseudonyms in people.json")
    for p in people:
        if not p.get("name") or not isinstance(p.get("aliases"), list):
            errs.append("bad people entry %r" % p)
    ids, by_src, by_kind = set(), Counter(), Counter()
    with_pd = without_pd = chars = long_recs = 0
    path = os.path.join(HERE, "records.jsonl")
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        try:
            r = json.loads(line)
        except ValueError as e:
            errs.append("line %d: bad json %s" % (n, e)); continue
        rid = r.get("id")
        if rid in ids:
            errs.append("duplicate id %s" % rid)
        ids.add(rid)
        if set(r) != {"id", "source", "text", "spans"}:
            errs.append("%s: unexpected keys %s" % (rid, sorted(r)))
        if r.get("source") not in SOURCES:
            errs.append("%s: bad source %r" % (rid, r.get("source")))
        text = r.get("text", "")
        if not isinstance(text, str) or not text.strip():
            errs.append("%s: empty text" % rid); continue
        prev_end = -1
        spans = sorted(r.get("spans", []), key=lambda s: (s[0], s[1]))
        for s in spans:
            if len(s) != 3:
                errs.append("%s: bad span %r" % (rid, s)); continue
            a, b, k = s
            if not (isinstance(a, int) and isinstance(b, int)) or not 0 <= a < b <= len(text):
                errs.append("%s: span out of range/empty %r" % (rid, s)); continue
            if k not in KINDS:
                errs.append("%s: bad kind %r" % (rid, k))
            seg = text[a:b]
            if seg != seg.strip():
                errs.append("%s: span has edge whitespace %r" % (rid, seg))
            if a < prev_end:
                errs.append("%s: overlapping spans near %r" % (rid, seg))
            prev_end = max(prev_end, b)
            by_kind[k] += 1
        by_src[r["source"]] += 1
        chars += len(text)
        if len(text.split()) >= 200:
            long_recs += 1
        if spans:
            with_pd += 1
        else:
            without_pd += 1
    total = with_pd + without_pd
    print("records:", total)
    print("per source:", dict(sorted(by_src.items())))
    print("per kind:", dict(sorted(by_kind.items())), "total spans:", sum(by_kind.values()))
    print("with personal data: %d (%.1f%%)  without: %d" % (with_pd, 100.0 * with_pd / max(total, 1), without_pd))
    print("records >= 200 words:", long_recs)
    print("total characters:", chars)
    print("people:", len(people))
    if errs:
        print("\nERRORS (%d):" % len(errs))
        for e in errs[:50]:
            print(" ", e)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
