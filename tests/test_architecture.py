"""Layering and lint: the core loads no Qt; only ui/ imports PySide6; ruff is clean."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "coprod_desktop"
CORE = ["domain", "storage", "services", "export", "audio", "anonymise"]
QT_ALLOWED = {"ui"}  # later: the thin Qt recorder module


def test_core_loads_no_qt_in_a_fresh_interpreter():
    """Import every module of the core packages; not one PySide6 module may be loaded."""
    code = (
        "import importlib, pkgutil, sys\n"
        f"for pkg in {CORE!r}:\n"
        "    top = importlib.import_module('coprod_desktop.' + pkg)\n"
        "    for m in pkgutil.walk_packages(top.__path__, top.__name__ + '.'):\n"
        "        importlib.import_module(m.name)\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken'))))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def _runtime_imports(tree: ast.Module) -> set[str]:
    """Modules imported at run time: anything not under `if TYPE_CHECKING:`."""
    hidden = {
        id(child)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        for child in ast.walk(node)
    }
    names: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in hidden:
            continue
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_only_ui_imports_pyside6():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] in QT_ALLOWED or relative.name == "app.py":
            continue
        if any(
            m.split(".")[0] in ("PySide6", "shiboken6")
            for m in _runtime_imports(ast.parse(path.read_text(encoding="utf-8")))
        ):
            offenders.append(str(relative))
    assert offenders == []


def test_domain_imports_neither_storage_nor_sql():
    for path in (PACKAGE / "domain").rglob("*.py"):
        for module in _runtime_imports(ast.parse(path.read_text(encoding="utf-8"))):
            top = module.split(".")
            assert top[0] not in ("sqlite3", "sqlcipher3", "sqlite_utils"), path
            assert module[:23] != "coprod_desktop.storage", path


def test_sqlite_utils_is_only_imported_through_the_adapter():
    """sqlite-utils must be bound to sqlcipher3 first (storage/sqlite.py does that)."""
    adapter = PACKAGE / "storage" / "sqlite.py"
    for path in PACKAGE.rglob("*.py"):
        if path == adapter:
            continue
        modules = _runtime_imports(ast.parse(path.read_text(encoding="utf-8")))
        assert not any(m.split(".")[0] == "sqlite_utils" for m in modules), path


def test_ruff_is_clean():
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    assert ruff, "ruff is part of the test extras"
    done = subprocess.run([ruff, "check", str(ROOT)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def _all_imports(tree: ast.Module, module: str) -> set[str]:
    """Every module a file imports, TYPE_CHECKING or not, relative imports made absolute."""
    package = module.rsplit(".", 1)[0]
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                names.add(f"{base}.{node.module}" if node.module else base)
            elif node.module:
                names.add(node.module)
    return names


def test_ui_never_imports_storage():
    """Pages and dialogs get ids, drafts and errors from services and domain, never storage."""
    offenders = {}
    for path in (PACKAGE / "ui").rglob("*.py"):
        module = "coprod_desktop." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
        imports = _all_imports(ast.parse(path.read_text(encoding="utf-8")), module)
        storage = sorted(m for m in imports if m.startswith("coprod_desktop.storage"))
        if storage:
            offenders[path.name] = storage
    assert offenders == {}


SQL = re.compile(r"^\s*(SELECT|INSERT|UPDATE|DELETE|PRAGMA|CREATE|ALTER|DROP|BEGIN)\b")


def test_sql_lives_only_in_storage():
    """No SQL text, no execute()/query() call and no db["table"] outside storage/: use cases
    call its repositories."""
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] == "storage":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL.match(
                node.value
            ):
                offenders.append(f"{relative}:{node.lineno} SQL text")
            elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                  and node.func.attr in ("execute", "executemany", "executescript", "query")):
                offenders.append(f"{relative}:{node.lineno} .{node.func.attr}()")
            elif (isinstance(node, ast.Subscript) and ast.unparse(node.value).endswith("db")
                  and isinstance(node.slice, ast.Constant)):  # fmt: skip
                offenders.append(f"{relative}:{node.lineno} a table: {ast.unparse(node)}")
    assert offenders == []
