#!/usr/bin/env python3
"""Build records.jsonl from src/*.txt (stdlib only).

Source format: a line '## <source>' starts a record (source is one of note,
transcript, whatsapp, ocr, email_paste); following lines up to the next
header are the record text (leading/trailing blank lines stripped).
Lines starting with '#!' are writer's comments and are dropped.
Personal data is marked inline as «kind:surface»; the marker is replaced by
surface and a span [start, end, kind] is recorded. Kind abbreviations:
p person, ph phone, em email, pc postcode, nhs nhs_number, ni ni_number,
dob date_of_birth, ad address, url url, h handle, vr vehicle_reg.
Ids are h5-0001... in file-name order, then record order.
"""
import glob, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ABBR = {"p": "person", "ph": "phone", "em": "email", "pc": "postcode",
        "nhs": "nhs_number", "ni": "ni_number", "dob": "date_of_birth",
        "ad": "address", "url": "url", "h": "handle", "vr": "vehicle_reg"}
KINDS = set(ABBR.values())
SOURCES = {"note", "transcript", "whatsapp", "ocr", "email_paste"}
MARK = re.compile(r"«([a-z_]+):([^«»]+)»")


def parse(raw, where):
    out, spans, pos = [], [], 0
    for m in MARK.finditer(raw):
        out.append(raw[pos:m.start()])
        kind = ABBR.get(m.group(1), m.group(1))
        if kind not in KINDS:
            sys.exit(f"{where}: unknown kind {m.group(1)!r}")
        start = sum(len(x) for x in out)
        surface = m.group(2)
        if surface != surface.strip():
            sys.exit(f"{where}: padded surface {surface!r}")
        out.append(surface)
        spans.append([start, start + len(surface), kind])
        pos = m.end()
    out.append(raw[pos:])
    text = "".join(out)
    if "«" in text or "»" in text:
        sys.exit(f"{where}: stray marker in {text[:80]!r}")
    return text, spans


def main():
    records = []
    for path in sorted(glob.glob(os.path.join(HERE, "src", "*.txt"))):
        cur = None
        with open(path, encoding="utf-8") as fh:
            lines = fh.read().split("\n")
        blocks = []
        for i, line in enumerate(lines, 1):
            if line.startswith("#!"):
                continue
            if line.startswith("## "):
                src = line[3:].strip()
                if src not in SOURCES:
                    sys.exit(f"{path}:{i}: bad source {src!r}")
                cur = [src, [], i]
                blocks.append(cur)
            elif cur is not None:
                cur[1].append(line)
            elif line.strip():
                sys.exit(f"{path}:{i}: text before first header")
        for src, body, i in blocks:
            raw = "\n".join(body).strip("\n")
            text, spans = parse(raw, f"{os.path.basename(path)}:{i}")
            if not text.strip():
                sys.exit(f"{path}:{i}: empty record")
            records.append((src, text, spans))
    with open(os.path.join(HERE, "records.jsonl"), "w", encoding="utf-8") as fh:
        for n, (src, text, spans) in enumerate(records, 1):
            fh.write(json.dumps({"id": f"h5-{n:04d}", "source": src, "text": text,
                                 "spans": spans}, ensure_ascii=False) + "\n")
    print(f"wrote {len(records)} records")


if __name__ == "__main__":
    main()
