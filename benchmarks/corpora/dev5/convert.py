#!/usr/bin/env python3
"""Build records.jsonl from src/*.txt (stdlib only).

Source format: records are separated by a header line `### <source>` where
<source> is one of note, transcript, whatsapp, ocr, email_paste. Personal data
is marked inline as «kind:surface»; the marker is replaced by `surface` and a
span [start, end, kind] is computed by program. Ids k0001.. are assigned in
file-name order (src/*.txt sorted), then record order.
"""
import glob, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
KINDS = {"person", "phone", "email", "postcode", "nhs_number", "ni_number",
         "date_of_birth", "address", "url", "handle", "vehicle_reg"}
SOURCES = {"note", "transcript", "whatsapp", "ocr", "email_paste"}
HEADER = re.compile(r"^### (\w+)\s*$")
MARK = re.compile(r"«([a-z_]+):([^«»]+)»")


def parse(raw, where):
    text, spans, pos = [], [], 0
    out_len = 0
    for m in MARK.finditer(raw):
        chunk = raw[pos:m.start()]
        text.append(chunk); out_len += len(chunk)
        kind, surf = m.group(1), m.group(2)
        if kind not in KINDS:
            sys.exit(f"{where}: unknown kind {kind!r}")
        if surf != surf.strip():
            sys.exit(f"{where}: padded surface {surf!r}")
        spans.append([out_len, out_len + len(surf), kind])
        text.append(surf); out_len += len(surf)
        pos = m.end()
    text.append(raw[pos:])
    t = "".join(text)
    if "«" in t or "»" in t:
        sys.exit(f"{where}: stray marker in {t[:80]!r}")
    for s, e, k in spans:
        assert t[s:e] and t[s:e] == t[s:e].strip()
    return t, spans


def main():
    recs = []
    for path in sorted(glob.glob(os.path.join(HERE, "src", "*.txt"))):
        cur_src, buf = None, []
        def flush():
            if cur_src is None:
                return
            raw = "\n".join(buf).strip("\n")
            if raw.strip():
                recs.append((cur_src, raw, f"{os.path.basename(path)}#{len(recs)+1}"))
        with open(path, encoding="utf-8") as fh:
            for line in fh.read().split("\n"):
                m = HEADER.match(line)
                if m:
                    flush()
                    cur_src, buf = m.group(1), []
                    if cur_src not in SOURCES:
                        sys.exit(f"{path}: bad source {cur_src}")
                else:
                    buf.append(line)
        flush()
    with open(os.path.join(HERE, "records.jsonl"), "w", encoding="utf-8") as out:
        for i, (src, raw, where) in enumerate(recs, 1):
            text, spans = parse(raw, where)
            out.write(json.dumps({"id": f"k{i:04d}", "source": src, "text": text,
                                  "spans": spans}, ensure_ascii=False) + "\n")
    print(f"wrote {len(recs)} records")


if __name__ == "__main__":
    main()
