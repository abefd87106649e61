"""Where the app writes its log file, and how it is set up. No Qt here."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

import platformdirs

from . import APP_NAME, ORG_NAME


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, ORG_NAME))


def setup_logging(directory: Path | None = None) -> Path | None:
    """Log to a rotating file in the platform's log folder; return its path, or None."""
    directory = directory or log_dir()
    path = directory / "coprod_desktop.log"
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=2_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    return path
