#!/usr/bin/env python3
"""Build records.jsonl from src/*.txt (stdlib only).

Source format: a record starts with a header line `@@ <source>` (note,
transcript, whatsapp, ocr, email_paste) and runs until the next header.
Leading/trailing blank lines of a record are dropped. Personal data is
marked inline as «kind:surface»; the marker is replaced by the surface and a
span [start, end, kind] is recorded. Lines starting with `#!` are comments.
"""
import glob, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
MARK = re.compile(r"«([a-z_]+):(.*?)»", re.S)
KINDS = {"person", "phone", "email", "postcode", "nhs_number", "ni_number",
         "date_of_birth", "address", "url", "handle", "vehicle_reg"}
SOURCES = {"note", "transcript", "whatsapp", "ocr", "email_paste"}


def parse(path):
    recs, cur = [], None
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#!"):
                continue
            if line.startswith("@@ "):
                if cur:
                    recs.append(cur)
                cur = [line[3:].strip(), []]
            elif cur is not None:
                cur[1].append(line)
    if cur:
        recs.append(cur)
    return recs


def build(raw, where):
    out, spans, pos = [], [], 0
    for m in MARK.finditer(raw):
        out.append(raw[pos:m.start()])
        start = sum(len(x) for x in out)
        kind, surf = m.group(1), m.group(2)
        if kind not in KINDS:
            sys.exit(f"{where}: unknown kind {kind!r}")
        if not surf or surf != surf.strip():
            sys.exit(f"{where}: bad surface {surf!r}")
        out.append(surf)
        spans.append([start, start + len(surf), kind])
        pos = m.end()
    out.append(raw[pos:])
    text = "".join(out)
    if "«" in text or "»" in text:
        sys.exit(f"{where}: stray marker in {text[:80]!r}")
    return text, spans


def main():
    records = []
    for path in sorted(glob.glob(os.path.join(HERE, "src", "*.txt"))):
        for i, (source, lines) in enumerate(parse(path)):
            if source not in SOURCES:
                sys.exit(f"{path} #{i}: bad source {source!r}")
            raw = "".join(lines).strip("\n")
            # strip leading/trailing blank lines but keep text exact otherwise
            raw = raw.rstrip()
            text, spans = build(raw, f"{os.path.basename(path)} #{i}")
            records.append((source, text, spans))
    with open(os.path.join(HERE, "records.jsonl"), "w", encoding="utf-8") as fh:
        for n, (source, text, spans) in enumerate(records, 1):
            fh.write(json.dumps({"id": f"e{n:04d}", "source": source,
                                 "text": text, "spans": spans},
                                ensure_ascii=False) + "\n")
    print(f"wrote {len(records)} records")


if __name__ == "__main__":
    main()
