#!/usr/bin/env python3
"""Convert the hand-written marker files in src/*.txt into records.jsonl.

Marker syntax inside a text:  «kind:surface text»  -> span of `kind` over
`surface text` (the markers themselves are removed).

File syntax:
  @@ <source>      start ONE record; its text is every following line up to
                   the next header (trailing blank lines are dropped).
  @@* <source>     line mode: every following non-blank line is its own record
                   until the next header.
  Lines starting with '##' outside a block record are comments.

Run once:  python3 convert.py   (writes records.jsonl, ids in file order)
"""
import glob, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
KINDS = {"person", "phone", "email", "postcode", "nhs_number", "ni_number",
         "date_of_birth", "address", "url", "handle", "vehicle_reg"}
SOURCES = {"note", "transcript", "whatsapp", "ocr", "email_paste"}
MARK = re.compile(r"«([a-z_]+):(.*?)»", re.S)


def parse_text(raw, where):
    out, spans, pos = [], [], 0
    length = 0
    for m in MARK.finditer(raw):
        before = raw[pos:m.start()]
        out.append(before); length += len(before)
        kind, surface = m.group(1), m.group(2)
        if kind not in KINDS:
            sys.exit(f"{where}: bad kind {kind!r}")
        if not surface or surface != surface.strip():
            sys.exit(f"{where}: empty/padded span {surface!r}")
        spans.append([length, length + len(surface), kind])
        out.append(surface); length += len(surface)
        pos = m.end()
    out.append(raw[pos:])
    text = "".join(out)
    if "«" in text or "»" in text:
        sys.exit(f"{where}: stray marker in {text[:80]!r}")
    return text, spans


def main():
    records = []
    for path in sorted(glob.glob(os.path.join(HERE, "src", "*.txt"))):
        mode, source, buf = None, None, []

        def flush():
            if mode == "block" and buf:
                raw = "\n".join(buf).rstrip("\n").strip("\n")
                if raw.strip():
                    records.append((source, raw, path))

        with open(path, encoding="utf-8") as fh:
            for line in fh.read().split("\n"):
                if line.startswith("@@* ") or line.startswith("@@ "):
                    flush(); buf = []
                    mode = "line" if line.startswith("@@*") else "block"
                    source = line.split(None, 1)[1].strip()
                    if source not in SOURCES:
                        sys.exit(f"{path}: bad source {source}")
                    continue
                if mode == "block":
                    buf.append(line)
                elif mode == "line":
                    if line.strip() and not line.startswith("##"):
                        records.append((source, line.strip(), path))
            flush()
    with open(os.path.join(HERE, "records.jsonl"), "w", encoding="utf-8") as out:
        for i, (source, raw, path) in enumerate(records, 1):
            text, spans = parse_text(raw, f"{os.path.basename(path)} #{i}")
            rec = {"id": f"d{i:04d}", "source": source, "text": text, "spans": spans}
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"wrote {len(records)} records")


if __name__ == "__main__":
    main()
