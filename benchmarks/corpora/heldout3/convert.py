#!/usr/bin/env python3
"""Build records.jsonl for the heldout3 corpus from src/*.txt (stdlib only).

Source format
-------------
* Lines before the first record marker, and lines starting with '#!' anywhere,
  are writer's comments and are dropped.
* A line '@@ <source>' starts a new record (source: note, transcript,
  whatsapp, ocr, email_paste). The record text is every following line up to
  the next '@@' line, with leading/trailing blank lines removed.
* Personal data is marked inline as «code:surface». Codes:
    p person, ph phone, em email, pc postcode, nhs nhs_number,
    ni ni_number, dob date_of_birth, ad address, url url, h handle,
    vr vehicle_reg
  The marker is replaced by the bare surface; the span offsets are computed
  here, never by hand.
* Record ids are h3-<file stem>-<nnn> in file order.
"""
import glob, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
CODES = {"p": "person", "ph": "phone", "em": "email", "pc": "postcode",
         "nhs": "nhs_number", "ni": "ni_number", "dob": "date_of_birth",
         "ad": "address", "url": "url", "h": "handle", "vr": "vehicle_reg"}
SOURCES = {"note", "transcript", "whatsapp", "ocr", "email_paste"}
MARK = re.compile(r"«([a-z]+):([^«»]+?)»")


def build(raw, where):
    out, spans, pos = [], [], 0
    for m in MARK.finditer(raw):
        code, surface = m.group(1), m.group(2)
        if code not in CODES:
            sys.exit(f"{where}: unknown code {code!r}")
        out.append(raw[pos:m.start()])
        start = sum(len(x) for x in out)
        out.append(surface)
        spans.append([start, start + len(surface), CODES[code]])
        pos = m.end()
    out.append(raw[pos:])
    text = "".join(out)
    if "«" in text or "»" in text:
        sys.exit(f"{where}: stray marker character in text")
    return text, spans


def main():
    records = []
    for path in sorted(glob.glob(os.path.join(HERE, "src", "*.txt"))):
        stem = os.path.splitext(os.path.basename(path))[0]
        cur, n = None, 0
        chunks = []
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                line = line.rstrip("\n")
                if line.startswith("#!"):
                    continue
                if line.startswith("@@"):
                    if cur is not None:
                        chunks.append(cur)
                    src = line[2:].strip()
                    if src not in SOURCES:
                        sys.exit(f"{path}: bad source {src!r}")
                    cur = [src, []]
                elif cur is not None:
                    cur[1].append(line)
        if cur is not None:
            chunks.append(cur)
        for src, lines in chunks:
            n += 1
            rid = f"h3-{stem}-{n:03d}"
            raw = "\n".join(lines).strip("\n")
            text, spans = build(raw, rid)
            if not text.strip():
                sys.exit(f"{rid}: empty")
            records.append({"id": rid, "source": src, "text": text, "spans": spans})
    with open(os.path.join(HERE, "records.jsonl"), "w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"wrote {len(records)} records")


if __name__ == "__main__":
    main()
