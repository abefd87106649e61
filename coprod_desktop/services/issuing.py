"""Issuing a file the project records (a pack, community feedback, a participant's own copy):
the destination refused in plain words before any work, then the file and its record saved
together or not at all — the file is staged beside the target and renamed into place as the
last step of the transaction that records it (docs/ARCHITECTURE.md, "A file that leaves the
project")."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path

from coprod_desktop.domain.errors import ValidationError
from coprod_desktop.fileio import check_writable, stage
from coprod_desktop.storage.errors import ProjectError

from .base import Service


def check_target(target: Path, noun: str) -> Path:
    """Refuse a destination that cannot take the file: the folder must really take a file (one
    is made there and removed). `noun` says what is being saved ("pack", "copy")."""
    target = Path(target)
    if target.parent.exists() and not target.parent.is_dir():
        raise ValidationError(f"{target.parent} is a file, not a folder: choose a folder "
                              f"to save the {noun} in.")  # fmt: skip
    if not target.parent.is_dir():
        raise ValidationError(f"The folder {target.parent} does not exist.")
    if target.is_dir():
        raise ValidationError(f"{target} is a folder: give the {noun} a file name.")
    try:
        check_writable(target.parent)
    except ProjectError as exc:
        raise not_saved(target, exc, noun) from exc
    return target


def issue(service: Service, target: Path, data: bytes, record: Callable[[], None],
          noun: str) -> None:  # fmt: skip
    """Write `data` to `target` and call `record()` (the disclosure or audit log) in one
    transaction: on any failure nothing is recorded and no file is left."""
    try:
        staged = stage(target, data)
    except ProjectError as exc:
        raise not_saved(target, exc, noun) from exc
    placed = False
    try:
        with service.write():
            record()
            os.replace(staged, target)  # last: a failure here rolls the record back
            placed = True
    except BaseException as exc:
        staged.unlink(missing_ok=True)
        if placed:  # the record could not be committed: the file is not issued
            target.unlink(missing_ok=True)
        if isinstance(exc, ProjectError) and isinstance(exc.__cause__, OSError):
            raise not_saved(target, exc, noun) from exc
        raise


def not_saved(target: Path, exc: ProjectError, noun: str) -> ValidationError:
    cause = exc.__cause__
    if isinstance(cause, OSError) and cause.errno in (errno.ENOSPC, errno.EDQUOT):
        why = "the disk is full"
    elif isinstance(cause, OSError) and cause.errno in (errno.EACCES, errno.EPERM,
                                                          errno.EROFS):  # fmt: skip
        why = "coprod_desktop may not write in that folder"
    else:
        why = str(exc)
    return ValidationError(f"The {noun} could not be saved as {target.name}: {why}. Nothing "
                           "was written; choose another folder.")
