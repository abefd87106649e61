#!/usr/bin/env python3
"""Build records.jsonl of the dev6 corpus from src/*.txt (stdlib only).

Source format
-------------
Each record starts with a header line  `@@ <source>`  where <source> is one of
note, transcript, whatsapp, ocr, email_paste (short forms: tr, wa, em).
All following lines up to the next header are the record text (trailing blank
lines dropped). Lines starting with `@# ` are writer's comments and are skipped.
Personal data is marked inline as  «kind:surface»  or  {kind:surface} ; the marker is replaced by the
surface text and a span [start, end, kind] is recorded. Offsets are computed
here, never by hand. Kind short forms: p=person, ph=phone, em=email,
pc=postcode, nhs=nhs_number, ni=ni_number, dob=date_of_birth, ad=address,
url=url, h=handle, vr=vehicle_reg.
Ids are assigned in file order (sorted file names): m0001, m0002, ...

After building, a consistency warning lists any surface labelled `person` in a
record that also occurs unlabelled (as a whole word) in the same record, so the
writer can check that the unlabelled occurrence is a deliberate look-alike.
"""
import glob, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
KIND = {"p": "person", "ph": "phone", "em": "email", "pc": "postcode",
        "nhs": "nhs_number", "ni": "ni_number", "dob": "date_of_birth",
        "ad": "address", "url": "url", "h": "handle", "vr": "vehicle_reg"}
for v in list(KIND.values()):
    KIND[v] = v
SRC = {"note": "note", "tr": "transcript", "transcript": "transcript",
       "wa": "whatsapp", "whatsapp": "whatsapp", "ocr": "ocr",
       "em": "email_paste", "email_paste": "email_paste"}
MARK = re.compile(r"[«{]([a-z_]+):([^«»{}]+)[»}]")


def parse_text(raw, where):
    out, spans, pos = [], [], 0
    for m in MARK.finditer(raw):
        out.append(raw[pos:m.start()])
        kind = KIND.get(m.group(1))
        if kind is None:
            sys.exit(f"{where}: unknown kind {m.group(1)!r}")
        surface = m.group(2)
        if surface != surface.strip():
            sys.exit(f"{where}: padded surface {surface!r}")
        start = sum(len(x) for x in out)
        out.append(surface)
        spans.append([start, start + len(surface), kind])
        pos = m.end()
    out.append(raw[pos:])
    text = "".join(out)
    if any(c in text for c in "«»{}"):
        sys.exit(f"{where}: stray marker in {text[:80]!r}")
    for s, e, k in spans:
        assert text[s:e] == text[s:e].strip()
    return text, spans


def records():
    n = 0
    for path in sorted(glob.glob(os.path.join(HERE, "src", "*.txt"))):
        name = os.path.basename(path)
        cur, src, lineno0 = None, None, 0
        with open(path, encoding="utf-8") as fh:
            lines = fh.read().split("\n")
        blocks = []
        for i, line in enumerate(lines, 1):
            if line.startswith("@@ "):
                if cur is not None:
                    blocks.append((src, cur, lineno0))
                key = line[3:].strip()
                if key not in SRC:
                    sys.exit(f"{name}:{i}: unknown source {key!r}")
                src, cur, lineno0 = SRC[key], [], i
            elif line.startswith("@# "):
                continue
            elif cur is not None:
                cur.append(line)
            elif line.strip():
                sys.exit(f"{name}:{i}: text before first header")
        if cur is not None:
            blocks.append((src, cur, lineno0))
        for src, body, ln in blocks:
            raw = "\n".join(body).strip("\n")
            if not raw.strip():
                sys.exit(f"{name}:{ln}: empty record")
            n += 1
            text, spans = parse_text(raw, f"{name}:{ln}")
            yield {"id": f"m{n:04d}", "source": src, "text": text, "spans": spans}, f"{name}:{ln}"


def main():
    recs = []
    warnings = []
    for rec, where in records():
        recs.append(rec)
        covered = [(s, e) for s, e, _ in rec["spans"]]
        for s, e, k in rec["spans"]:
            if k != "person":
                continue
            surf = rec["text"][s:e]
            for m in re.finditer(r"(?<!\w)" + re.escape(surf) + r"(?!\w)", rec["text"]):
                if not any(a <= m.start() < b for a, b in covered):
                    warnings.append(f"{rec['id']} ({where}): '{surf}' also unlabelled at {m.start()}")
    with open(os.path.join(HERE, "records.jsonl"), "w", encoding="utf-8") as fh:
        for r in recs:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"wrote {len(recs)} records")
    for w in sorted(set(warnings)):
        print("WARN", w)


if __name__ == "__main__":
    main()
