"""sqlite-utils bound to sqlcipher3. Every storage module gets sqlite_utils from here.

sqlite-utils looks for ``pysqlite3`` before the standard library's ``sqlite3`` and catches that
module's exception classes. sqlcipher3 is a fork of pysqlite3 with the same API, so registering
it under that name before sqlite-utils is imported makes sqlite-utils catch sqlcipher3's errors
(``alter=True`` inserts, savepoint handling, ``drop(ignore=True)``) instead of missing them.
"""

from __future__ import annotations

import sys

import sqlcipher3
from sqlcipher3 import dbapi2

if "sqlite_utils" not in sys.modules:
    sys.modules.setdefault("pysqlite3", sqlcipher3)
    sys.modules.setdefault("pysqlite3.dbapi2", dbapi2)

import sqlite_utils
import sqlite_utils.utils

if sqlite_utils.utils.OperationalError is not dbapi2.OperationalError:
    raise ImportError(
        "sqlite_utils was imported before coprod_desktop.storage.sqlite and is bound to another "
        "SQLite module; import coprod_desktop.storage.sqlite first."
    )

Database = sqlite_utils.Database

__all__ = ["Database", "dbapi2", "sqlite_utils"]
