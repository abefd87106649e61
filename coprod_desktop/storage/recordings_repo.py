"""Rows of the recordings tables: the audio of each take, in committed chunks."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from .connection import now_iso

if TYPE_CHECKING:
    import sqlite_utils


def unfinished(db: sqlite_utils.Database) -> list[dict]:
    """Recordings still marked as recording: the app stopped before they were finished."""
    return list(db.query(
        "SELECT r.id, r.session_id, r.started_at, r.sample_rate, r.channels, r.sample_width, "
        "coalesce(sum(length(c.pcm)), 0) AS bytes FROM recordings r "
        "LEFT JOIN recording_chunks c ON c.recording_id = r.id "
        "WHERE r.status = 'recording' GROUP BY r.id ORDER BY r.started_at"))  # fmt: skip


def mark_recovered(db: sqlite_utils.Database, recording_id: str) -> int:
    row = db.execute(
        "SELECT r.channels * r.sample_width, coalesce(sum(length(c.pcm)), 0) FROM recordings r "
        "LEFT JOIN recording_chunks c ON c.recording_id = r.id WHERE r.id = ? GROUP BY r.id",
        [recording_id],
    ).fetchone()
    samples = row[1] // row[0] if row else 0
    db.execute("UPDATE recordings SET status = 'recovered', finished_at = ?, samples = ? "
               "WHERE id = ?", [now_iso(), samples, recording_id])  # fmt: skip
    return samples


def info(db: sqlite_utils.Database, recording_id: str) -> dict | None:
    rows = list(db.query("SELECT * FROM recordings WHERE id = ?", [recording_id]))
    return rows[0] if rows else None


def chunks(db: sqlite_utils.Database, recording_id: str) -> Iterator[bytes]:
    """The recording's PCM, chunk by chunk in order (about a second each)."""
    cursor = db.execute(
        "SELECT pcm FROM recording_chunks WHERE recording_id = ? ORDER BY seq", [recording_id]
    )
    for row in cursor:
        yield bytes(row[0])


def pcm(db: sqlite_utils.Database, recording_id: str) -> bytes:
    return b"".join(chunks(db, recording_id))


def erase_for(db: sqlite_utils.Database, participant_id: str) -> int:
    """Delete every recording the person spoke in or was in earshot of (audio bytes and all),
    whether they were ticked when it was made or named as a speaker of its clip later."""
    return db.execute(
        "DELETE FROM recordings WHERE id IN "
        "(SELECT recording_id FROM recording_people WHERE participant_id = ? "
        " UNION SELECT c.recording_id FROM clips c JOIN clip_speakers s ON s.clip_id = c.id "
        " WHERE s.participant_id = ?)",
        [participant_id, participant_id],
    ).rowcount


def cached_waveform(db: sqlite_utils.Database, recording_id: str) -> bytes | None:
    row = db.execute("SELECT waveform FROM recordings WHERE id = ?", [recording_id]).fetchone()
    return bytes(row[0]) if row and row[0] is not None else None


def cache_waveform(db: sqlite_utils.Database, recording_id: str, waveform: bytes) -> None:
    db.execute("UPDATE recordings SET waveform = ? WHERE id = ?", [waveform, recording_id])


def people(db: sqlite_utils.Database, recording_id: str) -> list[str]:
    return [r[0] for r in db.execute(
        "SELECT participant_id FROM recording_people WHERE recording_id = ? ORDER BY rowid",
        [recording_id])]  # fmt: skip


def audio_format(db, recording_id: str) -> tuple[int, int, int] | None:
    """(sample rate, sample width, channels) of a recording, or None if it is gone."""
    row = db.execute("SELECT sample_rate, sample_width, channels FROM recordings WHERE id = ?",
                     [recording_id]).fetchone()  # fmt: skip
    return tuple(row) if row else None
