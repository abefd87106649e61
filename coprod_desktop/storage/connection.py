"""Opening, creating and closing the encrypted project file (SQLCipher 4 via sqlcipher3)."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import tempfile
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from sqlcipher3 import dbapi2

from coprod_desktop import __version__

from .errors import (
    NotAProjectError,
    ProjectClosedError,
    ProjectError,
    WrongPassphraseError,
    damaged,
    read_only,
    translated,
)
from .migrations import APPLICATION_ID, MIGRATIONS, Statement, migrate, refuse_newer, schema_version

if TYPE_CHECKING:
    import sqlite_utils

PLAIN_SQLITE_HEADER = b"SQLite format 3\x00"
KNOWN_KINDS = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"PK\x03\x04": "a ZIP file (or a Word or Excel document)",
    b"RIFF": "a sound or video file",
    b"ID3": "an MP3 file",
    b"OggS": "an Ogg sound file",
    b"\xd0\xcf\x11\xe0": "an old Microsoft Office document",
}
BUSY_TIMEOUT_MS = 5000


def _quote(passphrase: str) -> str:
    if "\x00" in passphrase:
        raise WrongPassphraseError("The passphrase contains a character that cannot be used.")
    return "'" + passphrase.replace("'", "''") + "'"


def _connect(path: Path, passphrase: str) -> dbapi2.Connection:
    conn = dbapi2.connect(str(path), isolation_level=None, check_same_thread=False)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = {_quote(passphrase)}")
    except BaseException:
        conn.close()
        raise
    return conn


def _configure(conn: dbapi2.Connection) -> None:
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA secure_delete = ON")
    conn.execute("PRAGMA journal_mode = WAL")


class ProjectFile:
    """An open, unlocked project file. Closing (or locking) drops the connection and key."""

    def __init__(
        self, path: Path, conn: dbapi2.Connection, backup: Path | None = None,
        passphrase: str = "",
    ):  # fmt: skip
        from .sqlite import Database  # loaded after the key derivation, not at start-up

        self.path = path
        self._passphrase = passphrase  # for a second connection (the recorder's); gone on close
        self._conn: dbapi2.Connection | None = conn
        self._db: sqlite_utils.Database | None = Database(conn)
        self._reader: dbapi2.Connection | None = None
        self._reader_db: sqlite_utils.Database | None = None
        self.migration_backup = backup

    @property
    def db(self) -> sqlite_utils.Database:
        if self._db is None:
            raise ProjectClosedError("The project is closed or locked.")
        return self._db

    @property
    def is_open(self) -> bool:
        return self._db is not None

    def close(self) -> None:
        """Checkpoint the WAL into the file and close. Safe to call twice."""
        conn, self._conn, self._db = self._conn, None, None
        reader, self._reader, self._reader_db = self._reader, None, None
        self._passphrase = ""
        if reader is not None:
            with contextlib.suppress(dbapi2.Error):
                reader.close()
        if conn is None:
            return
        try:
            with contextlib.suppress(dbapi2.Error):
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()

    def connect_again(self) -> dbapi2.Connection:
        """Another connection to this project, for a writer on another thread (the recording
        sink): SQLite serialises the two writers; each commits its own transactions."""
        if self._conn is None:
            raise ProjectClosedError("The project is closed or locked.")
        with translated(self.path):
            conn = _connect(self.path, self._passphrase)
            _configure(conn)
        return conn

    def reader(self) -> dbapi2.Connection:
        """The connection for background jobs (one at a time: TaskRunner runs them in turn),
        made on first use and closed with the project."""
        if self._reader is None:
            self._reader = self.connect_again()
        return self._reader

    def reader_db(self) -> sqlite_utils.Database:
        """The background connection, as sqlite-utils sees it."""
        if self._reader_db is None:
            from .sqlite import Database

            self._reader_db = Database(self.reader())
        return self._reader_db

    def for_worker(self) -> WorkerFile:
        return WorkerFile(self)

    def checkpoint(self) -> None:
        """Fold the write-ahead log into the file, so erased data leaves no copy in -wal."""
        with translated(self.path):
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def __enter__(self) -> ProjectFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class WorkerFile:
    """The same project file as a background job sees it: every query goes through the
    background connection (one job at a time uses it; TaskRunner runs them in turn), never the
    GUI thread's. What a job writes is committed on that connection; SQLite serialises it with
    the GUI thread's writes."""

    def __init__(self, file: ProjectFile):
        self._file = file
        self.path = file.path

    @property
    def db(self) -> sqlite_utils.Database:
        if not self._file.is_open:
            raise ProjectClosedError("The project is closed or locked.")
        return self._file.reader_db()

    @property
    def is_open(self) -> bool:
        return self._file.is_open

    def reader(self) -> dbapi2.Connection:
        return self._file.reader()

    def connect_again(self) -> dbapi2.Connection:
        return self._file.connect_again()

    def checkpoint(self) -> None:
        with translated(self.path):
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def for_worker(self) -> WorkerFile:
        return self


def _precheck(path: Path) -> None:
    """Refuse what is plainly not an encrypted project, without opening it for writing."""
    try:
        if not path.exists():
            raise ProjectError(f"There is no file at {path}.")
        if path.is_dir():
            raise NotAProjectError(f"{path} is a folder, not a project file.")
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(16)
    except PermissionError as exc:
        raise ProjectError(f"coprod_desktop is not allowed to read {path}.") from exc
    if size == 0:
        raise NotAProjectError(f"{path.name} is empty: it is not a coprod project.")
    if head == PLAIN_SQLITE_HEADER:
        raise NotAProjectError(
            f"{path.name} is an ordinary, unencrypted SQLite database, not a coprod project."
        )
    kind = next((k for magic, k in KNOWN_KINDS.items() if head.startswith(magic)), None)
    if kind is not None:
        raise NotAProjectError(f"{path.name} is {kind}, not a coprod project.")
    if size < 4096:
        raise NotAProjectError(f"{path.name} is too small to be a coprod project.")
    if size % 512:
        raise damaged(path, "the file is cut short")


def open_project_file(
    path: Path | str, passphrase: str, migrations: Sequence[Sequence[Statement]] = MIGRATIONS
) -> ProjectFile:
    """Open and unlock a project, migrating it if it is older. The file is untouched on failure."""
    path = Path(path)
    _precheck(path)
    if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
        raise read_only(path)
    conn = _connect(path, passphrase)
    try:
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except dbapi2.DatabaseError as exc:
            if "not a database" in str(exc):
                raise WrongPassphraseError(
                    f"The passphrase is wrong, or {path.name} is not a coprod project. "
                    "Nothing has been changed; try again."
                ) from exc
            raise damaged(path) from exc
        with translated(path):
            if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                raise NotAProjectError(
                    f"{path.name} is an encrypted database, but not a coprod project."
                )
            refuse_newer(schema_version(conn), path, migrations)
            _configure(conn)
            backup = migrate(conn, path, migrations)
    except BaseException:
        conn.close()
        raise
    return ProjectFile(path, conn, backup, passphrase)


def create_project_file(path: Path | str, passphrase: str, name: str) -> ProjectFile:
    """Create a new encrypted project atomically: built beside the target, then renamed."""
    path = Path(path)
    if path.is_dir():
        raise ProjectError(f"{path} is a folder. Choose a file name for the new project.")
    if not path.parent.is_dir():
        raise ProjectError(f"The folder {path.parent} does not exist.")
    with translated(path):
        fd, tmp_name = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".creating", dir=path.parent
        )
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        conn = _connect(tmp, passphrase)
        try:
            with translated(path):
                conn.execute("PRAGMA journal_mode = DELETE")
                conn.execute("PRAGMA foreign_keys = ON")
                migrate(conn, tmp)
                conn.execute(
                    "INSERT INTO project (id, name, created_at, created_by_version) "
                    "VALUES (?, ?, ?, ?)",
                    (str(uuid.uuid4()), name.strip() or path.stem, now_iso(), __version__),
                )
        finally:
            conn.close()
        with translated(path):
            os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return open_project_file(path, passphrase)


@contextlib.contextmanager
def writing(db: sqlite_utils.Database):
    """One write transaction that takes the write lock when it begins (waiting, up to the busy
    timeout, while another connection writes). A deferred one would read first and then fail
    at its first write, without waiting, whenever another connection (a background job, the
    recorder) had written since it read. Inside another transaction: a savepoint."""
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    db.conn.execute("COMMIT")


def now_iso() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


