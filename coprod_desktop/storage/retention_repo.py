"""The project's retention policy (columns of the project row) and the counts and erasures that
retention needs: raw audio, real names, a person's material."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from coprod_desktop.domain.retention import RetentionPolicy

if TYPE_CHECKING:
    import sqlite_utils

_COLUMNS = ("retention_audio_months", "retention_names_months", "retention_material_months")

# Recordings that hold a voice: every one but music imported into a programme.
_VOICE = ("SELECT id FROM recordings WHERE id NOT IN (SELECT recording_id FROM programme_items "
          "WHERE kind = 'music' AND recording_id IS NOT NULL)")  # fmt: skip


def policy(db: sqlite_utils.Database) -> RetentionPolicy:
    row = db.execute(f"SELECT {', '.join(_COLUMNS)} FROM project LIMIT 1").fetchone()
    return RetentionPolicy(*row) if row else RetentionPolicy()


def set_policy(db: sqlite_utils.Database, policy: RetentionPolicy) -> None:
    db.execute(f"UPDATE project SET {', '.join(f'{c} = ?' for c in _COLUMNS)}",
               [policy.audio_months, policy.names_months, policy.material_months])  # fmt: skip


def last_session(db: sqlite_utils.Database) -> dt.date | None:
    row = db.execute("SELECT max(date) FROM sessions").fetchone()
    return dt.date.fromisoformat(row[0][:10]) if row and row[0] else None


def voice_recordings(db: sqlite_utils.Database) -> int:
    return db.execute(f"SELECT count(*) FROM ({_VOICE})").fetchone()[0]


def erase_voice_recordings(db: sqlite_utils.Database) -> int:
    """Delete every recording holding a voice (its chunks go with it; clips keep their words
    and lose their audio)."""
    return db.execute(f"DELETE FROM recordings WHERE id IN ({_VOICE})").rowcount


def named(db: sqlite_utils.Database) -> list[str]:
    """Ids of people whose real name, aliases or names on consent records are still held."""
    return [r[0] for r in db.execute(
        "SELECT id FROM participants WHERE real_name != '' OR aliases != '[]' "
        "UNION SELECT participant_id FROM consent_records WHERE guardian_name != '' "
        "OR guardian_relationship != '' OR credit_name != ''")]  # fmt: skip


def forget_names(db: sqlite_utils.Database, participant_id: str) -> int:
    """Blank a person's real name and aliases, and the names on their consent records."""
    n = db.execute("UPDATE participants SET real_name = '', aliases = '[]' WHERE id = ? AND "
                   "(real_name != '' OR aliases != '[]')", [participant_id]).rowcount  # fmt: skip
    db.execute("UPDATE consent_records SET guardian_name = '', guardian_relationship = '', "
               "credit_name = '' WHERE participant_id = ?", [participant_id])  # fmt: skip
    return n


def material(db: sqlite_utils.Database) -> dict[str, int]:
    """Participant id -> how many notes, clips and recordings they have in the project."""
    out: dict[str, int] = {}
    for (pid, n) in db.execute(
        "SELECT author_id, count(*) FROM notes WHERE author_id IS NOT NULL GROUP BY author_id "
        "UNION ALL SELECT participant_id, count(*) FROM clip_speakers GROUP BY participant_id "
        "UNION ALL SELECT participant_id, count(*) FROM recording_people "
        "GROUP BY participant_id"):  # fmt: skip
        out[pid] = out.get(pid, 0) + n
    return out
