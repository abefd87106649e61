"""Errors the storage layer raises, each with a plain-language message for the user."""

from __future__ import annotations

import errno
from contextlib import contextmanager
from pathlib import Path

from sqlcipher3 import dbapi2

from coprod_desktop.domain.errors import ConflictError, ProjectError

__all__ = ["ConflictError", "ProjectError"]  # defined in domain/errors.py; raised here too


class WrongPassphraseError(ProjectError):
    pass


class NotAProjectError(ProjectError):
    pass


class DamagedProjectError(ProjectError):
    pass


class NewerVersionError(ProjectError):
    pass


class ReadOnlyError(ProjectError):
    pass


class DiskFullError(ProjectError):
    pass


class ProjectBusyError(ProjectError):
    pass


class ProjectClosedError(ProjectError):
    pass


def disk_full(path: Path | str | None = None) -> DiskFullError:
    where = f" ({Path(path).parent})" if path else ""
    return DiskFullError(
        f"The disk is full{where}, so the last change could not be saved. Nothing that was "
        "saved before is lost. Free some space (or save the project somewhere else) and try again."
    )


def read_only(path: Path | str) -> ReadOnlyError:
    return ReadOnlyError(
        f"coprod_desktop cannot write to {path}: the file or its folder is read-only. "
        "Copy the project to a folder you can write to (for example your Documents) and open "
        "the copy."
    )


def damaged(path: Path | str, detail: str = "") -> DamagedProjectError:
    extra = f" ({detail})" if detail else ""
    return DamagedProjectError(
        f"{Path(path).name} is damaged and cannot be opened{extra}. The file has not been "
        "changed. If you have a backup copy (files ending .bak next to it), open that instead."
    )


def failed_check(path: Path | str, found: str) -> DamagedProjectError:
    """The whole-file check before an export found damage: nothing leaves, nothing changes."""
    return DamagedProjectError(
        f"{Path(path).name} is damaged ({found}), so nothing was exported and the project "
        "was not changed. Close the project and check it with: "
        f"coprod-desktop verify \"{path}\" — if that fails too, open a backup copy (files "
        "ending .bak next to it)."
    )


def may_be_damaged(path: Path | str, found: str) -> DamagedProjectError:
    """The quick check on opening found a problem: the project opens, the facilitator is told."""
    return DamagedProjectError(
        f"{Path(path).name} may be damaged: a quick check on opening found a problem "
        f"({found}). Close the project and check it with: coprod-desktop verify \"{path}\". "
        "Packs and other exports are refused while the file is damaged."
    )


def translate_os_error(exc: OSError, path: Path | str) -> ProjectError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return disk_full(path)
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return read_only(path)
    return ProjectError(f"Could not use {path}: {exc.strerror or exc}.")


def translate_db_error(exc: dbapi2.Error, path: Path | str) -> Exception:
    """Map an sqlcipher3 error to a ProjectError where it has a meaning for the user."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc)
    if name.startswith("SQLITE_FULL") or "database or disk is full" in text:
        return disk_full(path)
    if name.startswith("SQLITE_READONLY") or "readonly database" in text:
        return read_only(path)
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "database is locked" in text:
        return ProjectBusyError(
            f"{Path(path).name} is in use by another copy of coprod_desktop. Close it there first."
        )
    if name.startswith("SQLITE_CORRUPT") or "malformed" in text:
        return DamagedProjectError(
            f"Part of {Path(path).name} is damaged, so this could not be read or saved. "
            "Close the project and check it with “coprod-desktop verify”, or open a backup "
            "copy (files ending .bak next to it)."
        )
    if name.startswith("SQLITE_CANTOPEN") or "unable to open" in text:
        return read_only(path)
    if name.startswith("SQLITE_IOERR") or "disk I/O error" in text:
        return ProjectError(
            f"The computer could not read or write {Path(path).name} (a disk error). "
            "Nothing saved before is lost; check the drive and try again."
        )
    return exc


@contextmanager
def translated(path: Path | str):
    """Re-raise low-level database and OS errors as ProjectErrors with plain messages."""
    try:
        yield
    except dbapi2.Error as exc:
        mapped = translate_db_error(exc, path)
        if mapped is exc:
            raise
        raise mapped from exc
    except OSError as exc:
        raise translate_os_error(exc, path) from exc
