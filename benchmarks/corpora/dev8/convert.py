#!/usr/bin/env python3
"""Build records.jsonl from src/*.txt (stdlib only).

Source format: records are introduced by a line `@@ <source>` (note, transcript,
whatsapp, ocr, email_paste). Following lines up to the next `@@` line are the text
(leading/trailing blank lines stripped). Personal data is marked inline as
`«kind:surface»`; the marker is replaced by `surface` and a span [start, end, kind]
is recorded (offsets computed here, never by hand). Markers may span lines.
Ids are d8-0001.. in file order (files sorted by name).
"""
import glob, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
KINDS = {"person", "phone", "email", "postcode", "nhs_number", "ni_number",
         "date_of_birth", "address", "url", "handle", "vehicle_reg"}
SOURCES = {"note", "transcript", "whatsapp", "ocr", "email_paste"}
MARK = re.compile(r"«([a-z_]+):(.*?)»", re.S)
HEAD = re.compile(r"^@@ ([a-z_]+)\s*$")


def build(raw, where):
    out, spans, pos = [], [], 0
    n = 0
    for m in MARK.finditer(raw):
        out.append(raw[pos:m.start()])
        n += len(raw[pos:m.start()])
        kind, surf = m.group(1), m.group(2)
        if kind not in KINDS:
            sys.exit(f"{where}: bad kind {kind!r}")
        if not surf or surf != surf.strip() or "«" in surf:
            sys.exit(f"{where}: bad surface {surf!r}")
        spans.append([n, n + len(surf), kind])
        out.append(surf)
        n += len(surf)
        pos = m.end()
    out.append(raw[pos:])
    text = "".join(out)
    if "«" in text or "»" in text:
        sys.exit(f"{where}: stray marker in {text[:80]!r}")
    for s, e, k in spans:
        assert text[s:e] == text[s:e].strip()
    return text, spans


def main():
    records = []
    for path in sorted(glob.glob(os.path.join(HERE, "src", "*.txt"))):
        cur, lines = None, []
        def flush():
            if cur is None:
                return
            raw = "\n".join(lines).strip("\n")
            if raw.strip():
                records.append((cur, raw, f"{os.path.basename(path)}#{len(records)+1}"))
        with open(path, encoding="utf-8") as fh:
            for line in fh.read().split("\n"):
                m = HEAD.match(line)
                if m:
                    flush()
                    cur, lines = m.group(1), []
                    if cur not in SOURCES:
                        sys.exit(f"{path}: bad source {cur}")
                else:
                    lines.append(line)
            flush()
    with open(os.path.join(HERE, "records.jsonl"), "w", encoding="utf-8") as out:
        for i, (src, raw, where) in enumerate(records, 1):
            text, spans = build(raw, where)
            rec = {"id": f"d8-{i:04d}", "source": src, "text": text, "spans": spans}
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"wrote {len(records)} records")


if __name__ == "__main__":
    main()
