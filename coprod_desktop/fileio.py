"""Writing files outside the project atomically: a temporary file beside the target, then a
rename, so a failure (full disk, crash) never leaves a half-written file behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .storage.errors import translate_os_error


def check_writable(folder: Path) -> None:
    """Create and remove a file in the folder: the only sure test that it can be written
    (permission bits say nothing for root, a read-only mount or a network share)."""
    folder = Path(folder)
    try:
        fd, name = tempfile.mkstemp(prefix=".coprod-check-", suffix=".part", dir=folder)
        os.close(fd)
        os.unlink(name)
    except OSError as exc:
        raise translate_os_error(exc, folder) from exc


def stage(path: Path, data: bytes) -> Path:
    """Write the data to a temporary file beside ``path`` (flushed to the disk) and return
    it, for the caller to rename onto ``path`` or remove. On failure nothing is left."""
    path = Path(path)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as exc:
        raise translate_os_error(exc, path) from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise translate_os_error(exc, path) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def atomic_write(path: Path, data: bytes) -> None:
    path = Path(path)
    tmp = stage(path, data)
    try:
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise translate_os_error(exc, path) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
