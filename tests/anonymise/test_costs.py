"""Costs that hide at demo sizes: the name lists hold tens of thousands of words, so joining two
of them is a copy of every word. Joined once (a cached function) it costs nothing; joined in a
function run for every text it cost 580 µs a note, more than the whole detector."""

from __future__ import annotations

import ast
from pathlib import Path

import coprod_desktop.anonymise as anonymise

LISTS = {"first_names", "surnames", "common_words", "english_words", "places", "proper_nouns",
         "not_people", "lower_case_names", "names"}  # fmt: skip
CACHES = {"cache", "lru_cache", "cached_property"}


def _a_list(node: ast.AST) -> bool:
    if isinstance(node, ast.BinOp):
        return _a_list(node.left) or _a_list(node.right)
    func = node.func if isinstance(node, ast.Call) else None
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    return name in LISTS


def _cached(fn: ast.FunctionDef) -> bool:
    for d in fn.decorator_list:
        d = d.func if isinstance(d, ast.Call) else d
        if (d.attr if isinstance(d, ast.Attribute) else getattr(d, "id", "")) in CACHES:
            return True
    return False


def joined_per_call() -> list[str]:
    found = []
    for path in sorted(Path(anonymise.__file__).parent.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for fn in ast.walk(tree):
            if not isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef) or _cached(fn):
                continue
            for node in ast.walk(fn):
                if (isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr | ast.Sub)
                        and _a_list(node.left) and _a_list(node.right)):  # fmt: skip
                    found.append(f"{path.name}:{node.lineno} in {fn.name}()")
    return found


def test_no_two_name_lists_are_joined_in_a_function_run_per_text():
    assert joined_per_call() == []


def test_the_check_finds_a_join_in_a_function_run_per_text(tmp_path, monkeypatch):
    bad = tmp_path / "anonymise"
    bad.mkdir()
    (bad / "__init__.py").write_text("")
    (bad / "x.py").write_text("def f(w):\n    return w in lx.first_names() | lx.surnames()\n")
    monkeypatch.setattr(anonymise, "__file__", str(bad / "__init__.py"))
    assert joined_per_call() == ["x.py:2 in f()"]


def test_no_pattern_that_ends_a_window_ends_with_a_dollar():
    """A pattern read over a window that ends where a name begins ("…, text.search(text, start -
    60, start)") must end at that window's end: "$" also matches before a newline there, so
    "[17:34]\\nGary" read "17:34" as glued to Gary. Such patterns end with \\Z instead."""
    import importlib
    import pkgutil
    import re

    ending = []
    for info in pkgutil.iter_modules(anonymise.__path__):
        module = importlib.import_module(f"{anonymise.__name__}.{info.name}")
        for name, value in vars(module).items():
            if (isinstance(value, re.Pattern) and not value.flags & re.MULTILINE
                    and value.pattern.rstrip(")").endswith("$")
                    and not value.pattern.rstrip(")").endswith("\\$")):  # fmt: skip
                ending.append(f"{info.name}.{name}")
    assert ending == []
