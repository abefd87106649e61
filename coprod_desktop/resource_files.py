"""The one place that finds shipped resources, from source, an installed wheel or a bundle."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def resource_path(relative: str) -> Path:
    """Path of a file under resources/, e.g. resource_path("icons/coprod.svg")."""
    path = Path(str(resources.files("coprod_desktop.resources").joinpath(relative)))
    if not path.exists():
        raise FileNotFoundError(f"coprod_desktop resource missing: {relative}")
    return path
