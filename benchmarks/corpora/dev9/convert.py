#!/usr/bin/env python3
"""Build records.jsonl for corpus dev9 from src/*.txt (stdlib only).

Source files: src/<prefix>_*.txt; the prefix gives the source
(note, transcript, whatsapp, ocr, email -> email_paste).
Records are separated by a line consisting of exactly "@@".
Lines beginning with "#!" are writer's comments and are dropped.
Personal data is marked inline as «kind:surface»; kind may be abbreviated:
p person, ph phone, em email, pc postcode, nhs nhs_number, ni ni_number,
dob date_of_birth, ad address, url url, h handle, vr vehicle_reg.
Offsets are computed here; the markers are removed from the text.
Record ids are d9-0001.. in file order (files sorted by name).
"""
import glob, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ABBR = {"p": "person", "ph": "phone", "em": "email", "pc": "postcode",
        "nhs": "nhs_number", "ni": "ni_number", "dob": "date_of_birth",
        "ad": "address", "url": "url", "h": "handle", "vr": "vehicle_reg"}
KINDS = set(ABBR.values())
SRC = {"note": "note", "transcript": "transcript", "whatsapp": "whatsapp",
       "ocr": "ocr", "email": "email_paste"}
MARK = re.compile(r"«([a-z_]+):([^«»]+)»")


def parse(raw, where):
    out, spans, pos = [], [], 0
    length = 0
    for m in MARK.finditer(raw):
        before = raw[pos:m.start()]
        out.append(before); length += len(before)
        kind = ABBR.get(m.group(1), m.group(1))
        if kind not in KINDS:
            sys.exit(f"{where}: unknown kind {m.group(1)!r}")
        surf = m.group(2)
        if surf != surf.strip():
            sys.exit(f"{where}: padded surface {surf!r}")
        spans.append([length, length + len(surf), kind])
        out.append(surf); length += len(surf)
        pos = m.end()
    out.append(raw[pos:])
    text = "".join(out)
    if "«" in text or "»" in text:
        sys.exit(f"{where}: stray marker in {text[:80]!r}")
    return text, spans


def main():
    recs = []
    for path in sorted(glob.glob(os.path.join(HERE, "src", "*.txt"))):
        name = os.path.basename(path)
        source = SRC[name.split("_")[0]]
        with open(path, encoding="utf-8") as fh:
            lines = [l for l in fh.read().split("\n") if not l.startswith("#!")]
        chunks, cur = [], []
        for l in lines:
            if l.strip() == "@@":
                chunks.append(cur); cur = []
            else:
                cur.append(l)
        chunks.append(cur)
        for i, c in enumerate(chunks):
            raw = "\n".join(c).strip("\n")
            if not raw.strip():
                continue
            text, spans = parse(raw, f"{name} chunk {i}")
            recs.append((source, text, spans))
    with open(os.path.join(HERE, "records.jsonl"), "w", encoding="utf-8") as fh:
        for n, (source, text, spans) in enumerate(recs, 1):
            fh.write(json.dumps({"id": f"d9-{n:04d}", "source": source,
                                 "text": text, "spans": spans},
                                ensure_ascii=False) + "\n")
    print(f"wrote {len(recs)} records")


if __name__ == "__main__":
    main()
