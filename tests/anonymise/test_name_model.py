"""The shipped name/not-name model: it loads, scores the same way every time, tells clear
names from clear words, reads a long text in time linear in its length, and needs no Qt."""

from __future__ import annotations

import ast
import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

from coprod_desktop.anonymise import name_model as nm
from coprod_desktop.anonymise import people
from coprod_desktop.resource_files import resource_path

ROOT = Path(__file__).resolve().parents[2]


def scores(text: str) -> dict[str, float]:
    tokens = nm.tokens_of(text)
    return {
        t[2]: s
        for t, s in zip(tokens, nm.score_many(text, tokens, range(len(tokens))), strict=True)
    }


def trainer():
    path = ROOT / "resources" / "names" / "make_name_model.py"
    spec = importlib.util.spec_from_file_location("make_name_model", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_shipped_model_loads_and_is_small():
    weights, bias = nm.weights()
    assert len(weights) > 1000 and isinstance(bias, float)
    assert all(isinstance(w, float) for w in weights.values())
    assert resource_path(nm.MODEL_FILE).stat().st_size < 600_000


def test_the_word_itself_is_no_feature_unless_a_closed_class_word():
    weights, _bias = nm.weights()
    text = "my neighbour Kezza said the bins"
    tokens = nm.tokens_of(text)
    feats = nm.features(text, tokens, 2)
    assert not any("kezza" in f for f in feats)
    assert "p1=w:neighbour" in feats and "n1=w:said" in feats
    assert not any(re.search(r"(?<![\w:])kezza", f) for f in weights)


def test_scores_are_the_same_every_time_and_for_one_token_as_for_many():
    text = "Tell tam the van's here. Chantelle brought the urn\nFLO SAYS NO"
    tokens = nm.tokens_of(text)
    first = nm.score_many(text, tokens, range(len(tokens)))
    assert nm.score_many(text, tokens, range(len(tokens))) == first
    assert [nm.score(text, tokens, i) for i in range(len(tokens))] == first
    assert all(0.0 <= s <= 1.0 for s in first)


@pytest.mark.parametrize(("text", "name", "word"), [
    ("my neighbour Kezza said the bins", "kezza", "bins"),
    ("Tell tam the van's here", "tam", "van's"),
    ("Mrs Docherty came to the stall", "docherty", "stall"),
    ("ask Chantelle about the posters", "chantelle", "posters"),
])  # fmt: skip
def test_a_name_in_a_person_s_context_scores_above_the_words_around_it(text, name, word):
    s = scores(text)
    assert s[name] > s[word]
    assert s[name] >= 0.5


def test_clear_cases():
    assert scores("my neighbour Kezza said the bins")["kezza"] >= 0.9
    assert scores("the Council said they would come")["council"] <= 0.1
    assert scores("Tuesday was busy at the stall")["tuesday"] <= 0.1
    assert scores("Tell tam the van's here")["tam"] > 0.5


def test_training_is_deterministic_and_learns():
    make = trainer()
    rows = []
    for n in range(200):  # a toy corpus: capitalised after "pal" is a name
        is_name = n % 3 == 0
        feats = ["bias", "p1=w:pal" if is_name else "p1=w:the", f"noise={n % 7}"]
        rows.append(make.Example(feats, int(is_name), False, False, False, False, 0, (0, 1, "x")))
    one = make.train(rows, registered_weight=0.25, min_count=1, smallest=0.0)
    two = make.train(rows, registered_weight=0.25, min_count=1, smallest=0.0)
    assert one == two
    assert one["weights"]["p1=w:pal"] > 0 > one["weights"]["p1=w:the"]


@pytest.mark.parametrize("name", ["heldout", "heldout2", "benchmarks/corpora/heldout"])
def test_the_training_script_refuses_held_out_corpora(name):
    with pytest.raises(SystemExit):
        trainer().refuse_heldout([name])


class Counted(str):
    """A text that counts the characters read from it by indexing and slicing."""

    read = 0

    def __getitem__(self, key):
        out = str.__getitem__(self, key)
        Counted.read += len(out)
        return out


class CountingPattern:
    """A compiled pattern that counts the characters it is run over."""

    def __init__(self, pattern: re.Pattern):
        self.pattern, self.scanned = pattern, 0

    def _count(self, string, pos=0, endpos=None):
        end = len(string) if endpos is None else min(endpos, len(string))
        self.scanned += max(0, end - pos)

    def finditer(self, string, *args):
        self._count(string, *args)
        return self.pattern.finditer(string, *args)

    def findall(self, string, *args):
        self._count(string, *args)
        return self.pattern.findall(string, *args)


NOTE = (
    "[12/03/2026, 19:42] Kezza: my neighbour Davie said the bins are full again\n"
    "FLO SAYS THE LANDLORD WONT FIX THE DAMP - FLORIN HAS PHOTOS\n"
    "Tell tam the van's here. Mrs Docherty brought 12 scones for Chantelle's group.\n"
)


def work(text: str, monkeypatch) -> tuple[int, int]:
    patterns = {(module, name): CountingPattern(getattr(module, name))
                for module, name in ((nm, "NEWLINE"), (nm, "SPEAKER"), (people, "UPPER"),
                                     (people, "LOWER"))}  # fmt: skip
    for (module, name), counting in patterns.items():
        monkeypatch.setattr(module, name, counting)
    built = []
    real = nm.Context.__init__

    def counting_init(self, *args):
        built.append(1)
        real(self, *args)

    monkeypatch.setattr(nm.Context, "__init__", counting_init)
    counted = Counted(text)
    tokens = nm.tokens_of(text)
    Counted.read = 0
    nm.score_many(counted, tokens, range(len(tokens)))
    for i in range(0, len(tokens), 97):  # one at a time, the same text: read once as well
        nm.score(counted, tokens, i)
    assert len(built) == 1  # read once, for score_many and the score() calls after it
    return Counted.read + sum(p.scanned for p in patterns.values()), len(tokens)


@pytest.mark.parametrize("joiner", ["", " "], ids=["lines", "one-long-line"])
def test_a_long_text_is_read_in_time_linear_in_its_length(monkeypatch, joiner):
    notes = (NOTE.replace("\n", joiner) if joiner else NOTE) * (200_000 // len(NOTE) + 1)
    long, short = notes[:200_000], notes[:100_000]
    long_work, long_tokens = work(long, monkeypatch)
    monkeypatch.undo()
    short_work, _short_tokens = work(short, monkeypatch)
    assert long_work <= 40 * len(long)  # a bounded window a token, a few passes a text
    assert long_work <= 2.2 * short_work  # twice the text, twice the work: not four times
    assert long_tokens > 30_000


def test_the_model_needs_neither_qt_nor_numpy():
    source = (ROOT / "coprod_desktop" / "anonymise" / "name_model.py").read_text(encoding="utf-8")
    imported = {alias.name.split(".")[0] for node in ast.walk(ast.parse(source))
                if isinstance(node, ast.Import) for alias in node.names}  # fmt: skip
    imported |= {(node.module or "").split(".")[0] for node in ast.walk(ast.parse(source))
                 if isinstance(node, ast.ImportFrom) and not node.level}  # fmt: skip
    assert imported <= {"__future__", "bisect", "functools", "json", "math", "re", "collections",
                        "coprod_desktop"}, imported  # fmt: skip
    code = (
        "import sys; from coprod_desktop.anonymise import name_model as nm; "
        "t = nm.tokens_of('ask Kezza'); nm.score_many('ask Kezza', t, [1]); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'numpy')))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         check=True)  # fmt: skip
    assert out.stdout.strip() == "[]"
