#!/usr/bin/env python3
"""Build records.jsonl for the dev4 corpus from src/*.txt (stdlib only).

Source format
-------------
* A line `#!source=NAME` sets the source of the following records
  (note, transcript, whatsapp, ocr, email_paste).
* A line `#!mode=lines` makes every non-empty line one record;
  `#!mode=blocks` makes records blocks separated by a line `---`.
* Lines starting with `%%` are writer's comments and are dropped.
* Personal data is marked inline: `«kind:surface»`; a bare `«surface»` is a
  person. Short kinds: p=person, ph=phone, em=email, pc=postcode,
  nhs=nhs_number, ni=ni_number, dob=date_of_birth, ad=address, url=url,
  h=handle, vr=vehicle_reg (long names are accepted too).
Offsets are computed here, never by hand. Ids are g0001, g0002, ... in file
order (files sorted by name).
"""
import glob, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
SHORT = {"p": "person", "ph": "phone", "em": "email", "pc": "postcode",
         "nhs": "nhs_number", "ni": "ni_number", "dob": "date_of_birth",
         "ad": "address", "url": "url", "h": "handle", "vr": "vehicle_reg"}
KINDS = set(SHORT.values())
MARK = re.compile(r"«([^«»]*)»")


def parse(marked, where):
    out, spans, pos = [], [], 0
    length = 0
    for m in MARK.finditer(marked):
        before = marked[pos:m.start()]
        out.append(before); length += len(before)
        body = m.group(1)
        kind, surface = "person", body
        if ":" in body:
            k, rest = body.split(":", 1)
            if k in SHORT or k in KINDS:
                kind, surface = SHORT.get(k, k), rest
        if not surface or surface != surface.strip():
            sys.exit(f"{where}: bad marked surface {body!r}")
        spans.append([length, length + len(surface), kind])
        out.append(surface); length += len(surface)
        pos = m.end()
    out.append(marked[pos:])
    text = "".join(out)
    if "«" in text or "»" in text:
        sys.exit(f"{where}: unbalanced marker in {marked[:80]!r}")
    for s, e, k in spans:
        assert text[s:e].strip() == text[s:e]
    return text, spans


def records():
    for path in sorted(glob.glob(os.path.join(HERE, "src", "*.txt"))):
        name = os.path.basename(path)
        source, mode, block, start = None, "lines", [], 0
        with open(path, encoding="utf-8") as fh:
            lines = fh.read().split("\n")

        def flush(bl, ln):
            txt = "\n".join(bl).strip("\n")
            if txt.strip():
                if source is None:
                    sys.exit(f"{name}:{ln}: no #!source set")
                yield source, txt, f"{name}:{ln}"

        for i, line in enumerate(lines, 1):
            if line.startswith("%%"):
                continue
            if line.startswith("#!source="):
                yield from flush(block, start); block = []
                source = line.split("=", 1)[1].strip(); continue
            if line.startswith("#!mode="):
                yield from flush(block, start); block = []
                mode = line.split("=", 1)[1].strip(); continue
            if mode == "lines":
                if line.strip():
                    yield from flush([line], i)
            else:
                if line.strip() == "---":
                    yield from flush(block, start); block = []; start = i + 1
                else:
                    if not block:
                        start = i
                    block.append(line)
        yield from flush(block, start)


def main():
    out = []
    for n, (source, marked, where) in enumerate(records(), 1):
        text, spans = parse(marked, where)
        out.append({"id": f"g{n:04d}", "source": source, "text": text, "spans": spans})
    with open(os.path.join(HERE, "records.jsonl"), "w", encoding="utf-8") as fh:
        for r in out:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"wrote {len(out)} records")


if __name__ == "__main__":
    main()
