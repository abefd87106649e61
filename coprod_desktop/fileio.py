"""Writing files outside the project atomically: a temporary file beside the target, then a
rename, so a failure (full disk, crash) never leaves a half-written file behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .storage.errors import translate_os_error


def atomic_write(path: Path, data: bytes) -> None:
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
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise translate_os_error(exc, path) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
