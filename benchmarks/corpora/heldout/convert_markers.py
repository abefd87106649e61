#!/usr/bin/env python3
"""One-off converter used to build records.jsonl from hand-written marker files.

Marker syntax inside a text:  «code:literal text»  -> span over "literal text".
Codes: p=person ph=phone em=email pc=postcode nhs=nhs_number ni=ni_number
       dob=date_of_birth ad=address url=url h=handle vr=vehicle_reg
Source file syntax:
  #src <source>          sets the source for following one-line records
  any other non-empty line is one record (lines starting with // are comments)
  <<< <source>  ...  >>> a multi-line record
Usage: convert_markers.py OUT.jsonl SRC1.txt [SRC2.txt ...]
The marker source files were working files and are not kept in the corpus.
"""
import json, random, re, sys

CODES = {"p": "person", "ph": "phone", "em": "email", "pc": "postcode",
         "nhs": "nhs_number", "ni": "ni_number", "dob": "date_of_birth",
         "ad": "address", "url": "url", "h": "handle", "vr": "vehicle_reg"}
MARK = re.compile(r"«([a-z]+):([^«»]+)»")
SOURCES = {"note", "transcript", "whatsapp", "ocr", "email_paste"}


def convert(marked):
    out, spans, pos = [], [], 0
    length = 0
    for m in MARK.finditer(marked):
        chunk = marked[pos:m.start()]
        out.append(chunk); length += len(chunk)
        code, lit = m.group(1), m.group(2)
        if code not in CODES:
            raise ValueError("bad code %r in %r" % (code, marked[:80]))
        spans.append([length, length + len(lit), CODES[code]])
        out.append(lit); length += len(lit)
        pos = m.end()
    out.append(marked[pos:])
    text = "".join(out)
    if "«" in text or "»" in text:
        raise ValueError("unconverted marker in %r" % marked[:120])
    return text, spans


def read(path):
    recs, src, block, bsrc = [], None, None, None
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if block is not None:
            if line.strip() == ">>>":
                recs.append((bsrc, "\n".join(block).strip("\n")))
                block = None
            else:
                block.append(line)
            continue
        if not line.strip() or line.startswith("//"):
            continue
        if line.startswith("#src "):
            src = line[5:].strip(); assert src in SOURCES, src; continue
        if line.startswith("<<<"):
            bsrc = line[3:].strip(); assert bsrc in SOURCES, bsrc
            block = []; continue
        assert src, "no source set"
        recs.append((src, line.strip()))
    assert block is None, "unterminated block in " + path
    return recs


def main():
    outp, paths = sys.argv[1], sys.argv[2:]
    recs = []
    for p in paths:
        recs.extend(read(p))
    random.Random(20260312).shuffle(recs)
    with open(outp, "w", encoding="utf-8") as f:
        for i, (src, marked) in enumerate(recs, 1):
            text, spans = convert(marked)
            f.write(json.dumps({"id": "h%04d" % i, "source": src, "text": text,
                                "spans": spans}, ensure_ascii=False) + "\n")
    print("wrote", len(recs), "records to", outp)


if __name__ == "__main__":
    main()
