#!/usr/bin/env python3
"""Build records.jsonl from src/*.txt (dev3 corpus).

Source format: a line "@@ <source>" starts a record (source is one of
note|transcript|whatsapp|ocr|email_paste); the following lines up to the next
"@@" line are its text (leading/trailing blank lines dropped). Personal data is
marked inline as «kind:surface»; the marker is replaced by the surface and a
span [start, end, kind] is recorded. Lines starting with "#%" are comments.
Ids f0001... are assigned in file-name order.

Also prints a review list: tokens from people.json names/aliases and from
EXTRA_NAMES that occur outside markers (many are deliberate look-alikes).
"""
import glob, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
MARK = re.compile(r"«([a-z_]+):(.*?)»", re.S)
KINDS = {"person", "phone", "email", "postcode", "nhs_number", "ni_number",
         "date_of_birth", "address", "url", "handle", "vehicle_reg"}
SOURCES = {"note", "transcript", "whatsapp", "ocr", "email_paste"}


def convert(raw):
    out, spans, pos, last = [], [], 0, 0
    for m in MARK.finditer(raw):
        out.append(raw[last:m.start()]); pos += m.start() - last
        kind, surf = m.group(1), m.group(2)
        if kind not in KINDS:
            raise ValueError(f"bad kind {kind!r} in {raw[:60]!r}")
        if surf != surf.strip() or not surf:
            raise ValueError(f"padded/empty surface {surf!r}")
        spans.append([pos, pos + len(surf), kind])
        out.append(surf); pos += len(surf); last = m.end()
    out.append(raw[last:])
    text = "".join(out)
    if "«" in text or "»" in text:
        raise ValueError(f"stray marker in {text[:80]!r}")
    return text, spans


def main():
    recs = []
    for path in sorted(glob.glob(os.path.join(HERE, "src", "*.txt"))):
        cur = None
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("#%"):
                    continue
                if line.startswith("@@"):
                    if cur: recs.append(cur)
                    src = line[2:].strip()
                    if src not in SOURCES:
                        sys.exit(f"{path}: bad source {src!r}")
                    cur = [src, [], os.path.basename(path)]
                elif cur is not None:
                    cur[1].append(line)
                elif line.strip():
                    sys.exit(f"{path}: text before first @@")
        if cur: recs.append(cur)
    n = 0
    with open(os.path.join(HERE, "records.jsonl"), "w", encoding="utf-8") as out:
        for src, lines, fname in recs:
            raw = "".join(lines).strip("\n").rstrip()
            text, spans = convert(raw)
            n += 1
            out.write(json.dumps({"id": f"f{n:04d}", "source": src, "text": text,
                                  "spans": spans}, ensure_ascii=False) + "\n")
    print(f"wrote {n} records")
    if "--review" in sys.argv:
        review()


def review():
    people = json.load(open(os.path.join(HERE, "people.json"), encoding="utf-8"))
    toks = set()
    for p in people:
        for nm in [p["name"]] + p["aliases"]:
            for t in re.split(r"[\s,]+", nm):
                if len(t) > 2 and t not in {"Mrs", "Pani", "Abu"}:
                    toks.add(t.lower())
    rx = re.compile(r"\b(" + "|".join(sorted(map(re.escape, toks), key=len, reverse=True)) + r")\b", re.I)
    for line in open(os.path.join(HERE, "records.jsonl"), encoding="utf-8"):
        r = json.loads(line)
        covered = [(s, e) for s, e, _ in r["spans"]]
        for m in rx.finditer(r["text"]):
            if not any(s <= m.start() < e for s, e in covered):
                ctx = r["text"][max(0, m.start()-30):m.end()+30].replace("\n", " ")
                print(f"{r['id']}: {m.group(0)!r}  ...{ctx}...")


if __name__ == "__main__":
    main()
