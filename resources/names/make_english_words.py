"""Writes english_words.txt and proper_nouns.txt from SCOWL's British English word list, as
Debian's wbritish-large package installs it (apt-get install wbritish-large). Run from this
folder:

    python3 make_english_words.py /usr/share/dict/british-english-large

english_words.txt  every word the list writes in lower case ("hill", "rose", "sandy"), the
                   possessive "'s" forms left out;
proper_nouns.txt   every word it writes with a capital ("Monday", "Polish", "Slovakia",
                   "Angelina"), folded to lower case, possessives left out.

The detector takes a capitalised word in neither list, and in none of the place lists, for a
name or nickname it does not know ("Chantelle", "Kezza"); a word of the lists typed in lower
case is an ordinary word unless its context makes it a name. The word list's copyright notice
is in SCOWL-COPYRIGHT.txt; it must travel with these files."""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(source: str = "/usr/share/dict/british-english") -> None:
    words = Path(source).read_text(encoding="utf-8").split()
    kept = [w for w in words if not w.endswith("'s")]
    lower = sorted({w for w in kept if w[:1].islower()})
    proper = sorted({w.lower() for w in kept if w[:1].isupper()} - set(lower))
    (HERE / "english_words.txt").write_text("\n".join(lower) + "\n", encoding="utf-8")
    (HERE / "proper_nouns.txt").write_text("\n".join(proper) + "\n", encoding="utf-8")
    print(f"{len(lower)} lower-case words, {len(proper)} proper nouns")


if __name__ == "__main__":
    main(*sys.argv[1:])
