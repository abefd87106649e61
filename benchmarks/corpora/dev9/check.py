#!/usr/bin/env python3
"""Validate records.jsonl and people.json of the dev9 corpus (stdlib only).

Checks: valid JSON per line, required fields, unique ids, known sources and
kinds, spans inside the text, non-empty, not whitespace-padded, no overlaps.
Prints counts per source, per kind, records with/without personal data and
total characters. Exit status 1 on any error.
"""
import collections, json, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
KINDS = {"person", "phone", "email", "postcode", "nhs_number", "ni_number",
         "date_of_birth", "address", "url", "handle", "vehicle_reg"}
SOURCES = {"note", "transcript", "whatsapp", "ocr", "email_paste"}


def main():
    errors = []
    people_path = os.path.join(HERE, "people.json")
    with open(people_path, encoding="utf-8") as fh:
        people = json.load(fh)
    if not (10 <= len(people) <= 14):
        errors.append(f"people.json: {len(people)} people (want 10-14)")
    pseud = set()
    for p in people:
        if set(p) != {"name", "aliases", "pseudonym"}:
            errors.append(f"people.json: bad keys {sorted(p)}")
        if p.get("pseudonym") in pseud:
            errors.append(f"people.json: duplicate pseudonym {p.get('pseudonym')}")
        pseud.add(p.get("pseudonym"))
        if not isinstance(p.get("aliases"), list):
            errors.append(f"people.json: aliases not a list for {p.get('name')}")

    ids = set()
    by_source = collections.Counter()
    by_kind = collections.Counter()
    with_pd = collections.Counter()
    without_pd = collections.Counter()
    chars = 0
    long_records = 0
    n = 0
    with open(os.path.join(HERE, "records.jsonl"), encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                errors.append(f"line {lineno}: blank line"); continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as e:
                errors.append(f"line {lineno}: bad JSON {e}"); continue
            n += 1
            rid = rec.get("id")
            if set(rec) != {"id", "source", "text", "spans"}:
                errors.append(f"{rid}: bad keys {sorted(rec)}")
            if not isinstance(rid, str) or not rid:
                errors.append(f"line {lineno}: bad id")
            if rid in ids:
                errors.append(f"{rid}: duplicate id")
            ids.add(rid)
            src = rec.get("source")
            if src not in SOURCES:
                errors.append(f"{rid}: bad source {src!r}")
            text = rec.get("text")
            if not isinstance(text, str) or not text.strip():
                errors.append(f"{rid}: empty text"); continue
            chars += len(text)
            if len(text.split()) >= 200:
                long_records += 1
            by_source[src] += 1
            spans = rec.get("spans")
            if not isinstance(spans, list):
                errors.append(f"{rid}: spans not a list"); continue
            prev_end = -1
            for sp in sorted(spans, key=lambda s: (s[0], s[1]) if isinstance(s, list) and len(s) == 3 else (0, 0)):
                if not (isinstance(sp, list) and len(sp) == 3 and isinstance(sp[0], int)
                        and isinstance(sp[1], int) and isinstance(sp[2], str)):
                    errors.append(f"{rid}: malformed span {sp!r}"); continue
                s, e, k = sp
                if k not in KINDS:
                    errors.append(f"{rid}: bad kind {k!r}")
                if not (0 <= s < e <= len(text)):
                    errors.append(f"{rid}: span {sp} outside text / empty"); continue
                frag = text[s:e]
                if frag != frag.strip():
                    errors.append(f"{rid}: span {sp} padded with whitespace: {frag!r}")
                if s < prev_end:
                    errors.append(f"{rid}: overlapping span {sp}")
                prev_end = max(prev_end, e)
                by_kind[k] += 1
            (with_pd if spans else without_pd)[src] += 1

    print(f"people: {len(people)}")
    print(f"records: {n}   total characters: {chars}   records >=200 words: {long_records}")
    print("\nper source        total  with-PD  without-PD")
    for s in sorted(by_source):
        print(f"  {s:14s} {by_source[s]:6d} {with_pd[s]:8d} {without_pd[s]:11d}")
    tw, tn = sum(with_pd.values()), sum(without_pd.values())
    print(f"  {'ALL':14s} {n:6d} {tw:8d} {tn:11d}   ({100*tw/max(n,1):.1f}% with PD)")
    print("\nspans per kind")
    for k in sorted(KINDS):
        print(f"  {k:14s} {by_kind[k]:6d}")
    print(f"  {'ALL':14s} {sum(by_kind.values()):6d}")
    if errors:
        print(f"\n{len(errors)} ERROR(S):")
        for e in errors[:200]:
            print("  " + e)
        sys.exit(1)
    print("\nOK")


if __name__ == "__main__":
    main()
