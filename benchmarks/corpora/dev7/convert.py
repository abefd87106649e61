#!/usr/bin/env python3
"""Build records.jsonl from src/*.txt (stdlib only).

Source files: src/<source>_<part>.txt where <source> is one of note, transcript,
whatsapp, ocr, email_paste.  Records are separated by a line holding only '%%%'.
Personal data is marked inline as «kind:surface»; kind may be a full kind name
or a short code (p, ph, em, pc, nhs, ni, dob, ad, url, h, vr).  The marker is
replaced by the surface text and the span offsets are computed here.
Record ids are n0001.. in order of file name, then order within the file.
"""
import glob, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
CODES = {"p": "person", "ph": "phone", "em": "email", "pc": "postcode",
         "nhs": "nhs_number", "ni": "ni_number", "dob": "date_of_birth",
         "ad": "address", "url": "url", "h": "handle", "vr": "vehicle_reg"}
KINDS = set(CODES.values())
SOURCES = ["note", "transcript", "whatsapp", "ocr", "email_paste"]
MARK = re.compile(r"«([a-z_]+):([^«»]+)»")


def parse(raw, where):
    out, spans, pos = [], [], 0
    length = 0
    for m in MARK.finditer(raw):
        chunk = raw[pos:m.start()]
        out.append(chunk); length += len(chunk)
        kind = CODES.get(m.group(1), m.group(1))
        if kind not in KINDS:
            sys.exit(f"{where}: unknown kind {m.group(1)!r}")
        surf = m.group(2)
        spans.append([length, length + len(surf), kind])
        out.append(surf); length += len(surf)
        pos = m.end()
    out.append(raw[pos:])
    text = "".join(out)
    if "«" in text or "»" in text:
        sys.exit(f"{where}: stray marker in {text[:80]!r}")
    return text, spans


def main():
    records = []
    files = sorted(glob.glob(os.path.join(HERE, "src", "*.txt")),
                   key=lambda f: (SOURCES.index(os.path.basename(f).rsplit("_", 1)[0]), f))
    for path in files:
        source = os.path.basename(path).rsplit("_", 1)[0]
        with open(path, encoding="utf-8") as fh:
            chunks = re.split(r"(?m)^%%%[ \t]*\n?", fh.read())
        for i, chunk in enumerate(chunks):
            chunk = chunk.strip()
            if not chunk:
                continue
            # leading/trailing spaces inside markers are a writing error
            text, spans = parse(chunk, f"{os.path.basename(path)} record {i}")
            for s, e, k in spans:
                if text[s:e] != text[s:e].strip():
                    sys.exit(f"{path}: padded span {text[s:e]!r}")
            records.append((source, text, spans))
    with open(os.path.join(HERE, "records.jsonl"), "w", encoding="utf-8") as fh:
        for n, (source, text, spans) in enumerate(records, 1):
            fh.write(json.dumps({"id": f"n{n:04d}", "source": source, "text": text,
                                 "spans": spans}, ensure_ascii=False) + "\n")
    print(f"wrote {len(records)} records")


if __name__ == "__main__":
    main()
