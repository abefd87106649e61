#!/usr/bin/env python3
"""Build records.jsonl of the heldout4 corpus from src/*.txt (stdlib only).

Source files: src/<source>_<nn>.txt where <source> is one of note, transcript,
whatsapp, ocr, email_paste. Records inside a file are separated by a line that
is exactly '~~~'. Personal data is marked inline as «kind:surface»; kind may be
written in full or abbreviated (see KIND). Offsets are computed here, never by
hand. Ids are h4-0001.. in file order then record order.
"""
import glob, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
KIND = {
    "p": "person", "person": "person",
    "ph": "phone", "phone": "phone",
    "em": "email", "email": "email",
    "pc": "postcode", "postcode": "postcode",
    "nhs": "nhs_number", "nhs_number": "nhs_number",
    "ni": "ni_number", "ni_number": "ni_number",
    "dob": "date_of_birth", "date_of_birth": "date_of_birth",
    "ad": "address", "address": "address",
    "url": "url",
    "h": "handle", "handle": "handle",
    "vr": "vehicle_reg", "vehicle_reg": "vehicle_reg",
}
SOURCES = ("email_paste", "transcript", "whatsapp", "note", "ocr")
MARK = re.compile(r"«([a-z_]+):([^«»]+?)»")


def parse(raw, where):
    out, spans, pos = [], [], 0
    n = 0
    for m in MARK.finditer(raw):
        out.append(raw[pos:m.start()])
        n += len(raw[pos:m.start()])
        kind, surf = m.group(1), m.group(2)
        if kind not in KIND:
            sys.exit(f"{where}: unknown kind {kind!r}")
        if surf != surf.strip():
            sys.exit(f"{where}: padded surface {surf!r}")
        spans.append([n, n + len(surf), KIND[kind]])
        out.append(surf)
        n += len(surf)
        pos = m.end()
    out.append(raw[pos:])
    text = "".join(out)
    if "«" in text or "»" in text:
        sys.exit(f"{where}: stray marker in {text[:80]!r}")
    for s, e, k in spans:
        assert text[s:e].strip() == text[s:e]
    return text, spans


def main():
    recs = []
    files = sorted(glob.glob(os.path.join(HERE, "src", "*.txt")))
    for path in files:
        base = os.path.basename(path)
        src = next((s for s in SOURCES if base.startswith(s + "_")), None)
        if src is None:
            sys.exit(f"{base}: cannot tell source from file name")
        with open(path, encoding="utf-8") as fh:
            chunks = re.split(r"(?m)^~~~[ \t]*$", fh.read())
        for i, chunk in enumerate(chunks):
            chunk = chunk.strip("\n")
            if not chunk.strip():
                continue
            text, spans = parse(chunk, f"{base} record {i+1}")
            recs.append((src, text, spans))
    with open(os.path.join(HERE, "records.jsonl"), "w", encoding="utf-8") as fh:
        for i, (src, text, spans) in enumerate(recs, 1):
            fh.write(json.dumps({"id": f"h4-{i:04d}", "source": src, "text": text,
                                 "spans": spans}, ensure_ascii=False) + "\n")
    print(f"wrote {len(recs)} records from {len(files)} files")


if __name__ == "__main__":
    main()
