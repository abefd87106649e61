"""sqlite-utils over sqlcipher3: its internal error handling must catch sqlcipher3's errors."""

from __future__ import annotations

import subprocess
import sys

import pytest
from sqlcipher3 import dbapi2

from coprod_desktop.storage.errors import DiskFullError, translated


def test_sqlite_utils_is_bound_to_sqlcipher_in_a_fresh_interpreter():
    code = (
        "import coprod_desktop.storage.sqlite, sqlite_utils.db, sqlcipher3.dbapi2 as d;"
        "assert sqlite_utils.db.OperationalError is d.OperationalError;"
        "assert sqlite_utils.db.sqlite3.OperationalError is d.OperationalError;"
        "print('ok')"
    )
    assert (
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout.strip()
        == "ok"
    )


def test_alter_true_adds_missing_columns(project):
    db = project.file.db
    db["scratch"].insert({"id": "a", "x": 1}, pk="id")
    # sqlite-utils catches OperationalError("table scratch has no column named y") here:
    db["scratch"].insert({"id": "b", "y": 2}, alter=True)
    db["scratch"].update("a", {"z": 3}, alter=True)
    assert set(db["scratch"].columns_dict) == {"id", "x", "y", "z"}


def test_drop_ignore_and_supports_probes(project):
    db = project.file.db
    db["nothing_here"].drop(ignore=True)
    db.create_view("v", "select 1 as one")
    view = db.view("v")
    db.execute("DROP VIEW v")
    view.drop(ignore=True)  # sqlite-utils catches OperationalError("no such view") here
    assert db.supports_strict in (True, False)
    assert db.supports_on_conflict is True


def test_constraint_errors_are_sqlcipher_integrity_errors(project):
    db = project.file.db
    db["participants"].insert(
        {
            "id": "1",
            "pseudonym": "P-01",
            "role": "community_member",
            "created_at": "t",
            "updated_at": "t",
        }
    )
    with pytest.raises(dbapi2.IntegrityError):
        db["participants"].insert(
            {
                "id": "2",
                "pseudonym": "p-01",
                "role": "community_member",
                "created_at": "t",
                "updated_at": "t",
            }
        )


def test_full_database_error_is_translated(project):
    db = project.file.db
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(DiskFullError), translated(project.path), db.atomic():
        db["blob"].insert({"id": "x", "data": b"\0" * 200_000}, pk="id")
