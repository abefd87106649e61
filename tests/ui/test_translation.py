"""Every text the UI shows can be extracted for translation (pyside6-lupdate finds only
literal texts inside tr() and marked texts: `self.tr(c) for c in COLUMNS` is invisible to it)."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "coprod_desktop"


def _literal(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def test_texts_given_to_a_class_tr_are_written_where_they_are_translated():
    """self.tr(x) needs x written as a literal; a text kept in a constant is marked with
    QT_TR_NOOP and shown with translation.tr()."""
    hidden = []
    for path in sorted((PACKAGE / "ui").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr == "tr" and not _literal(node.args[0]):
                hidden.append(f"{path.name}:{node.lineno} {ast.unparse(node)}")
            if (isinstance(func, ast.Attribute) and func.attr == "translate"
                    and ast.unparse(func.value) == "QCoreApplication"
                    and path.name != "translation.py"
                    and not all(_literal(a) for a in node.args[:2])):  # fmt: skip
                hidden.append(f"{path.name}:{node.lineno} {ast.unparse(node)}")
    assert hidden == []


def _lupdate() -> str:
    beside = Path(sys.executable).with_name("pyside6-lupdate")
    found = str(beside) if beside.exists() else shutil.which("pyside6-lupdate")
    if found is None:
        pytest.fail("pyside6-lupdate (part of PySide6) is not installed")
    return found


def test_the_extractor_finds_every_label_kept_in_a_constant(tmp_path: Path):
    from coprod_desktop.domain.first_steps import STEPS
    from coprod_desktop.domain.outcomes import FEATURES
    from coprod_desktop.domain.risks import BARRIER_CATEGORIES, Affected
    from coprod_desktop.export.document import SECTIONS
    from coprod_desktop.ui import anonymise_page, models, packs_page, radio_page, shortcuts_window

    shown = {
        *radio_page.COLUMNS, *anonymise_page.COLUMNS, *anonymise_page.DECISION_TEXT.values(),
        *shortcuts_window.ShortcutsWindow.COLUMNS, *shortcuts_window.UNWORDED.values(),
        *SECTIONS.values(), *FEATURES.values(), *packs_page.COLUMNS,
        *(header for header, *_getters in models.PARTICIPANT_COLUMNS),
        *(label for _key, label, _needs in STEPS), *(who.label for who in Affected),
        *(label for labels in BARRIER_CATEGORIES.values() for label in labels.values()),
    }  # fmt: skip
    sources = sorted(str(p) for p in PACKAGE.rglob("*.py"))
    ts = tmp_path / "coprod_desktop.ts"
    subprocess.run([_lupdate(), *sources, "-ts", str(ts)], check=True, capture_output=True)
    unnamed = {
        message.findtext("source")
        for context in ET.parse(ts).getroot().iter("context")
        if not (context.findtext("name") or "")
        for message in context.iter("message")
    }
    assert shown - unnamed == set()
    assert len(shown) > 40
