#!/usr/bin/env python3
"""Build records.jsonl from src/*.txt (stdlib only).

Source format: records are separated by header lines `@@ <source>`
(source one of note|transcript|whatsapp|ocr|email_paste). Personal data is
marked inline as «kind:surface»; the marker is replaced by the surface and a
span [start, end, kind] is recorded. Ids h2-0001.. follow file order.

Boilerplate without personal data (e-mail disclaimers) is written once in
src/macros.json and referenced as {{KEY}}; it is expanded before markers are
read.

`python3 convert.py --lint` additionally lists registered names/aliases (from
people.json) that occur outside spans, for the writer to review.
"""
import glob, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
KINDS = {"person", "phone", "email", "postcode", "nhs_number", "ni_number",
         "date_of_birth", "address", "url", "handle", "vehicle_reg"}
SOURCES = {"note", "transcript", "whatsapp", "ocr", "email_paste"}
MARK = re.compile(r"«([a-z_]+):([^«»]+)»")


def convert(raw):
    out, spans, pos = [], [], 0
    length = 0
    for m in MARK.finditer(raw):
        chunk = raw[pos:m.start()]
        out.append(chunk); length += len(chunk)
        kind, surf = m.group(1), m.group(2)
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r} in {m.group(0)!r}")
        spans.append([length, length + len(surf), kind])
        out.append(surf); length += len(surf)
        pos = m.end()
    out.append(raw[pos:])
    text = "".join(out)
    if "«" in text or "»" in text:
        raise ValueError(f"stray marker in: {text[:120]!r}")
    return text, spans


def main():
    lint = "--lint" in sys.argv
    records = []
    mpath = os.path.join(HERE, "src", "macros.json")
    macros = json.load(open(mpath, encoding="utf-8")) if os.path.exists(mpath) else {}
    for path in sorted(glob.glob(os.path.join(HERE, "src", "*.txt"))):
        with open(path, encoding="utf-8") as fh:
            content = fh.read()
        parts = re.split(r"^@@ ", content, flags=re.M)
        for part in parts[1:]:
            head, _, body = part.partition("\n")
            src = head.strip()
            if src not in SOURCES:
                raise ValueError(f"{path}: bad source {src!r}")
            body = body.strip("\n").rstrip()
            body = re.sub(r"\{\{([A-Z_0-9]+)\}\}", lambda m: macros[m.group(1)], body)
            text, spans = convert(body)
            records.append({"source": src, "text": text, "spans": spans,
                            "_file": os.path.basename(path)})
    with open(os.path.join(HERE, "records.jsonl"), "w", encoding="utf-8") as fh:
        for i, r in enumerate(records, 1):
            rec = {"id": f"h2-{i:04d}", "source": r["source"], "text": r["text"],
                   "spans": r["spans"]}
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"wrote {len(records)} records")
    if lint:
        with open(os.path.join(HERE, "people.json"), encoding="utf-8") as fh:
            people = json.load(fh)
        words = set()
        for p in people:
            for n in [p["name"]] + p["aliases"]:
                for w in re.split(r"[\s]+", n):
                    if len(w) > 2 and w.lower() not in {"mrs", "mr", "ms", "wee", "ate", "kaka", "khala", "pani", "bhai", "lam"}:
                        words.add(w.lower())
        pat = re.compile(r"\b(" + "|".join(map(re.escape, sorted(words))) + r")\b", re.I)
        for i, r in enumerate(records, 1):
            for m in pat.finditer(r["text"]):
                if not any(s <= m.start() < e for s, e, _ in r["spans"]):
                    ctx = r["text"][max(0, m.start()-30):m.end()+30].replace("\n", " ")
                    print(f"h2-{i:04d} {r['_file']}: {m.group(0)!r}  …{ctx}…")


if __name__ == "__main__":
    main()
