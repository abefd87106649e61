"""The encrypted project file: create, open, close, and every way opening can fail."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlcipher3 import dbapi2

from coprod_desktop.storage.connection import (
    PLAIN_SQLITE_HEADER,
    create_project_file,
    open_project_file,
)
from coprod_desktop.storage.errors import (
    DamagedProjectError,
    NewerVersionError,
    NotAProjectError,
    ProjectClosedError,
    ProjectError,
    WrongPassphraseError,
)
from coprod_desktop.storage.migrations import CURRENT_VERSION
from tests.conftest import PASSPHRASE
from tests.helpers import digest, siblings


def test_created_file_is_encrypted_and_reopens(project_path: Path):
    with create_project_file(project_path, PASSPHRASE, "Radio lab") as pf:
        pf.db["sessions"].count  # noqa: B018 - readable while open
    head = project_path.read_bytes()[:16]
    assert head != PLAIN_SQLITE_HEADER
    assert b"Radio lab" not in project_path.read_bytes()
    with pytest.raises(sqlite3.DatabaseError):  # the standard library cannot read it
        sqlite3.connect(project_path).execute("select * from sqlite_master").fetchall()
    with open_project_file(project_path, PASSPHRASE) as pf:
        assert pf.db.execute("select name from project").fetchone()[0] == "Radio lab"


def test_open_connection_settings(project_path: Path):
    with create_project_file(project_path, PASSPHRASE, "x") as pf:
        pragma = lambda name: pf.db.execute(f"PRAGMA {name}").fetchone()[0]  # noqa: E731
        assert pragma("foreign_keys") == 1
        assert pragma("journal_mode") == "wal"
        assert pragma("secure_delete") == 1
        assert pragma("busy_timeout") >= 1000
        assert pragma("user_version") == CURRENT_VERSION
        assert pragma("cipher_version").startswith("4.")


def test_uuid_text_primary_keys_everywhere(project_path: Path):
    with create_project_file(project_path, PASSPHRASE, "x") as pf:
        for table in pf.db.table_names():
            pks = pf.db[table].pks
            composite = {
                "session_participants": ["session_id", "participant_id"],
                "recording_chunks": ["recording_id", "seq"],
                "recording_people": ["recording_id", "participant_id"],
                "clip_speakers": ["clip_id", "participant_id"],
                "clip_themes": ["clip_id", "theme_id"],
                "pack_items": ["pack_id", "item_kind", "item_id"],
                "programme_roles": ["item_id", "participant_id", "role"],
                "action_evidence": ["action_id", "kind", "source_id"],
                "removed_records": ["kind", "id"],
                "matched_people": ["other_id"],
                "kept_here": ["kind", "id"],
            }
            if table in composite:  # link and chunk tables: keyed by what they join
                assert pks == composite[table]
                continue
            assert pks == ["id"], table
            assert pf.db[table].columns_dict["id"] is str, table


def test_close_drops_access(project_path: Path):
    pf = create_project_file(project_path, PASSPHRASE, "x")
    pf.close()
    pf.close()  # twice is fine
    with pytest.raises(ProjectClosedError):
        _ = pf.db
    assert not any(name.endswith(("-wal", "-shm")) for name in siblings(project_path))


def test_wrong_passphrase_is_clear_and_leaves_file_untouched(project_path: Path):
    create_project_file(project_path, PASSPHRASE, "x").close()
    before, names = digest(project_path), siblings(project_path)
    with pytest.raises(WrongPassphraseError, match="passphrase is wrong"):
        open_project_file(project_path, "not the passphrase")
    assert digest(project_path) == before
    assert siblings(project_path) == names
    open_project_file(project_path, PASSPHRASE).close()


@pytest.mark.parametrize("secret", ["it's got 'quotes'", "ünïcödé ☂ passphrase", "x" * 500])
def test_unusual_passphrases_work(project_path: Path, secret: str):
    create_project_file(project_path, secret, "x").close()
    open_project_file(project_path, secret).close()
    with pytest.raises(WrongPassphraseError):
        open_project_file(project_path, secret[:-1])


def test_plain_sqlite_file_is_not_a_project(tmp_path: Path):
    path = tmp_path / "plain.coprod"
    sqlite3.connect(path).execute("create table t(a)").connection.commit()
    before = digest(path)
    with pytest.raises(NotAProjectError, match="unencrypted SQLite"):
        open_project_file(path, PASSPHRASE)
    assert digest(path) == before


def test_other_encrypted_database_is_not_a_project(tmp_path: Path):
    path = tmp_path / "other.db"
    conn = dbapi2.connect(str(path))
    conn.execute(f"PRAGMA key = '{PASSPHRASE}'")
    conn.execute("create table t(a)")
    conn.commit()
    conn.close()
    with pytest.raises(NotAProjectError, match="not a coprod project"):
        open_project_file(path, PASSPHRASE)


@pytest.mark.parametrize(
    "content, error",
    [
        (b"", NotAProjectError),
        (b"hello\n", NotAProjectError),
        (b"%PDF-1.7 not a project at all\n" * 200, NotAProjectError),
        (b"\x89PNG\r\n\x1a\n" + bytes(5000), NotAProjectError),
        (b"\x17" * 5000, DamagedProjectError),  # cut short: not a whole number of pages
        (os.urandom(8192), WrongPassphraseError),
    ],
)
def test_files_that_are_not_projects(tmp_path: Path, content: bytes, error):
    path = tmp_path / "thing.coprod"
    path.write_bytes(content)
    with pytest.raises(error):
        open_project_file(path, PASSPHRASE)
    assert path.read_bytes() == content


def test_missing_file_and_folder(tmp_path: Path):
    with pytest.raises(ProjectError, match="no file"):
        open_project_file(tmp_path / "nope.coprod", PASSPHRASE)
    with pytest.raises(NotAProjectError, match="folder"):
        open_project_file(tmp_path, PASSPHRASE)


def test_truncated_file_is_damaged_and_untouched(demo_path: Path):
    data = demo_path.read_bytes()
    demo_path.write_bytes(data[: len(data) // 2 + 100])
    before = digest(demo_path)
    with pytest.raises(DamagedProjectError, match="damaged"):
        open_project_file(demo_path, PASSPHRASE)
    assert digest(demo_path) == before


def test_corrupted_page_is_reported_by_open_or_verify(demo_path: Path):
    from coprod_desktop.services.verify import verify

    data = bytearray(demo_path.read_bytes())
    data[4096 * 3 + 200 : 4096 * 3 + 260] = os.urandom(60)  # inside the fourth page
    demo_path.write_bytes(bytes(data))
    before = digest(demo_path)
    try:
        with open_project_file(demo_path, PASSPHRASE) as pf:
            report = verify(pf)
    except DamagedProjectError:
        pass  # refusing to open is also a clear answer
    else:
        assert not report.ok
        assert not report.checks[0].ok  # the page's authentication code no longer matches
    after_open = demo_path.read_bytes()
    assert digest(demo_path) == before or after_open[4096 * 3 + 200 : 4096 * 3 + 260] == bytes(
        data[4096 * 3 + 200 : 4096 * 3 + 260]
    )


def test_file_from_newer_version_is_refused_untouched(project_path: Path):
    create_project_file(project_path, PASSPHRASE, "x").close()
    conn = dbapi2.connect(str(project_path))
    conn.execute(f"PRAGMA key = '{PASSPHRASE}'")
    conn.execute(f"PRAGMA user_version = {CURRENT_VERSION + 5}")
    conn.commit()
    conn.close()
    before, names = digest(project_path), siblings(project_path)
    with pytest.raises(NewerVersionError, match="newer version of coprod_desktop"):
        open_project_file(project_path, PASSPHRASE)
    assert digest(project_path) == before
    assert siblings(project_path) == names


def test_create_never_overwrites_a_folder_or_missing_parent(tmp_path: Path):
    with pytest.raises(ProjectError, match="folder"):
        create_project_file(tmp_path, PASSPHRASE, "x")
    with pytest.raises(ProjectError, match="does not exist"):
        create_project_file(tmp_path / "no" / "such.coprod", PASSPHRASE, "x")


def test_create_replaces_atomically(project_path: Path, tmp_path: Path):
    create_project_file(project_path, PASSPHRASE, "first").close()
    create_project_file(project_path, "another passphrase", "second").close()
    with open_project_file(project_path, "another passphrase") as pf:
        assert pf.db.execute("select name from project").fetchone()[0] == "second"
    assert sorted(siblings(project_path)) == ["workshop.coprod"]


def test_copy_of_project_opens_elsewhere(project_path: Path, tmp_path: Path):
    create_project_file(project_path, PASSPHRASE, "x").close()
    copy = tmp_path / "sub" / "copy.coprod"
    copy.parent.mkdir()
    shutil.copy2(project_path, copy)
    with open_project_file(copy, PASSPHRASE) as pf:
        assert pf.db.execute("select name from project").fetchone()[0] == "x"
        assert pf.path == copy


def test_every_record_leaves_its_id_when_deleted_and_combining_knows_every_table(
        project_path: Path):  # fmt: skip
    """A table added later must say how combining treats it, and a record table must leave a
    trace when deleted (or combining adds it back from another laptop's file)."""
    from coprod_desktop.storage import combine_repo

    handled_apart = {"project", "audit_log", "recording_chunks", "removed_records",
                     "matched_people", "kept_here"}  # fmt: skip
    with create_project_file(project_path, PASSPHRASE, "x") as pf:
        tables = set(pf.db.table_names())
        assert tables == {*combine_repo.RECORDS, *combine_repo.LINKS, *handled_apart}
        triggers = {r[0] for r in pf.db.execute("SELECT name FROM sqlite_master "
                                                "WHERE type = 'trigger'")}  # fmt: skip
        for table in (*combine_repo.RECORDS, *combine_repo.LINKS):
            assert {f"{table}_removed", f"{table}_put_back"} <= triggers, table
