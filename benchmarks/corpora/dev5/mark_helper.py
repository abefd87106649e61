#!/usr/bin/env python3
"""Writer's helper (not part of the build): wrap unmarked whole-word occurrences
of given names in «person:...» markers, in one src file. Used interactively,
every change reviewed by hand afterwards (git diff)."""
import re, sys
path, names = sys.argv[1], sys.argv[2:]
raw = open(path, encoding="utf-8").read()
parts = re.split(r"(«[^«»]+»)", raw)
names = sorted(names, key=len, reverse=True)
pat = re.compile(r"(?<![\w«:-])(" + "|".join(map(re.escape, names)) + r")(?![\w-])")
for i in range(0, len(parts), 2):
    parts[i] = pat.sub(lambda m: f"«person:{m.group(1)}»", parts[i])
open(path, "w", encoding="utf-8").write("".join(parts))
