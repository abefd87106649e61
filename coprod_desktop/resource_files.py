"""The one place that finds shipped resources, from source, an installed wheel or a bundle.

In a PyInstaller bundle (``sys.frozen``) the files sit under ``sys._MEIPASS`` at
``coprod_desktop/resources/`` (installers/coprod_desktop.spec puts them there); otherwise they
are the package ``coprod_desktop.resources``.
"""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

BUNDLED = Path("coprod_desktop") / "resources"  # where the bundle keeps them


def resources_root() -> Path:
    if getattr(sys, "frozen", False) and hasattr(sys, "_MEIPASS"):
        return Path(sys._MEIPASS) / BUNDLED
    return Path(str(resources.files("coprod_desktop.resources")))


def resource_path(relative: str) -> Path:
    """Path of a file under resources/, e.g. resource_path("icons/coprod.svg")."""
    path = resources_root() / relative
    if not path.exists():
        raise FileNotFoundError(f"coprod_desktop resource missing: {relative}")
    return path


def shipped() -> list[str]:
    """Every resource file, as a path relative to resources/ (code files left out)."""
    root = resources_root()
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*")
                  if p.is_file() and p.suffix not in (".py", ".pyc"))  # fmt: skip
