"""Rows of the clips tables: a clip, its speakers and themes, and its edits."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from coprod_desktop.domain.clips import Clip, Edits, FlaggedRange
from coprod_desktop.domain.word_times import TimedWord, from_rows, to_rows, transcript_key

from .connection import now_iso

if TYPE_CHECKING:
    import sqlite_utils

SELECT = (
    "SELECT c.*, CASE WHEN r.id IS NULL THEN 0 ELSE r.samples * 1000 / r.sample_rate END AS "
    "duration_ms FROM clips c LEFT JOIN recordings r ON r.id = c.recording_id"
)


def _links(db: sqlite_utils.Database, table: str, column: str, where: str = "", args=()) -> dict:
    out: dict[str, list[str]] = {}
    for clip_id, value in db.execute(
        f"SELECT clip_id, {column} FROM {table} {where} ORDER BY rowid", list(args)
    ):
        out.setdefault(clip_id, []).append(value)
    return out


def _ranges(db: sqlite_utils.Database, clip_id: str | None = None) -> dict[str, list]:
    where, args = ("WHERE clip_id = ?", [clip_id]) if clip_id else ("", [])
    out: dict[str, list[FlaggedRange]] = {}
    for row in db.query("SELECT id, clip_id, start_ms, end_ms, flag, reason FROM "
                        f"clip_flagged_ranges {where} ORDER BY start_ms, end_ms, rowid", args):
        out.setdefault(row["clip_id"], []).append(FlaggedRange(**row))
    return out


def _words(db: sqlite_utils.Database, clip_id: str | None = None) -> dict[str, tuple]:
    where, args = ("WHERE id = ?", [clip_id]) if clip_id else ("", [])
    return {row[0]: (row[1], row[2]) for row in
            db.execute(f"SELECT id, transcript_key, words FROM clip_words {where}", args)}


def _timed(row: dict, words: dict) -> tuple[TimedWord, ...]:
    """The clip's word timings, only while its transcript is the text they were made for and
    it still has its recording."""
    key, rows = words.get(row["id"], (None, None))
    if rows is None or row["recording_id"] is None or key != transcript_key(row["transcript"]):
        return ()
    return tuple(from_rows(json.loads(rows), row["transcript"]))


def _clip(row: dict, speakers: dict, themes: dict, ranges: dict, words: dict) -> Clip:
    edits = Edits(
        trim_in_ms=row["trim_in_ms"],
        trim_out_ms=row["trim_out_ms"],
        gain_db=row["gain_db"],
        normalise=bool(row["normalise"]),
        bleeps=tuple(tuple(pair) for pair in json.loads(row["redactions"])),
    )
    return Clip(row["id"], row["title"], row["recording_id"], row["duration_ms"],
                row["session_id"], edits, row["transcript"],
                tuple(speakers.get(row["id"], ())), tuple(themes.get(row["id"], ())),
                row["created_at"], bool(row.get("sensitive", 0)),
                bool(row.get("safeguarding", 0)), tuple(ranges.get(row["id"], ())),
                _timed(row, words))  # fmt: skip


def clips(db: sqlite_utils.Database, session_id: str | None = None) -> list[Clip]:
    where, args = ("WHERE c.session_id = ?", [session_id]) if session_id else ("", [])
    rows = list(db.query(f"{SELECT} {where} ORDER BY c.created_at, c.rowid", args))
    speakers = _links(db, "clip_speakers", "participant_id")
    themes = _links(db, "clip_themes", "theme_id")
    ranges = _ranges(db)
    words = _words(db)
    return [_clip(row, speakers, themes, ranges, words) for row in rows]


def get(db: sqlite_utils.Database, clip_id: str) -> Clip | None:
    rows = list(db.query(f"{SELECT} WHERE c.id = ?", [clip_id]))
    if not rows:
        return None
    where = "WHERE clip_id = ?"
    return _clip(rows[0], _links(db, "clip_speakers", "participant_id", where, [clip_id]),
                 _links(db, "clip_themes", "theme_id", where, [clip_id]),
                 _ranges(db, clip_id), _words(db, clip_id))  # fmt: skip


def save(db: sqlite_utils.Database, clip: Clip) -> None:
    now = now_iso()
    edits = clip.edits
    db.execute(
        "INSERT INTO clips (id, recording_id, session_id, title, trim_in_ms, trim_out_ms, gain_db, "
        "normalise, redactions, transcript, created_at, updated_at, sensitive, safeguarding) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
        "session_id = excluded.session_id, title = excluded.title, "
        "trim_in_ms = excluded.trim_in_ms, trim_out_ms = excluded.trim_out_ms, "
        "gain_db = excluded.gain_db, normalise = excluded.normalise, "
        "redactions = excluded.redactions, transcript = excluded.transcript, "
        "updated_at = excluded.updated_at, sensitive = excluded.sensitive, "
        "safeguarding = excluded.safeguarding",
        [clip.id, clip.recording_id, clip.session_id, clip.title, edits.trim_in_ms,
         edits.trim_out_ms, edits.gain_db, int(edits.normalise),
         json.dumps([list(pair) for pair in edits.bleeps]), clip.transcript,
         clip.created_at or now, now, int(clip.sensitive), int(clip.safeguarding)],
    )  # fmt: skip
    for table, column, values in (("clip_speakers", "participant_id", clip.speakers),
                                  ("clip_themes", "theme_id", clip.themes)):  # fmt: skip
        db.execute(f"DELETE FROM {table} WHERE clip_id = ?", [clip.id])
        db.conn.executemany(f"INSERT INTO {table} (clip_id, {column}) VALUES (?, ?)",
                       [(clip.id, value) for value in values])  # fmt: skip


def save_words(db: sqlite_utils.Database, clip_id: str, transcript: str,
               words: list[TimedWord], engine: str, drafted: bool = False) -> None:  # fmt: skip
    """Store the word timings of the transcript `transcript` (numbers only), or drop them."""
    if not words:
        db.execute("DELETE FROM clip_words WHERE id = ?", [clip_id])
        return
    db.execute(
        "INSERT INTO clip_words (id, transcript_key, engine, drafted, words, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
        "transcript_key = excluded.transcript_key, engine = excluded.engine, "
        "drafted = excluded.drafted, words = excluded.words, updated_at = excluded.updated_at",
        [clip_id, transcript_key(transcript), engine, int(drafted),
         json.dumps(to_rows(words)), now_iso()],
    )  # fmt: skip


def words_engine(db: sqlite_utils.Database, clip_id: str) -> tuple[str, bool] | None:
    """Which engine made the clip's timings, and whether it drafted the transcript."""
    row = db.execute("SELECT engine, drafted FROM clip_words WHERE id = ?", [clip_id]).fetchone()
    return (row[0], bool(row[1])) if row else None


def aligned_count(db: sqlite_utils.Database) -> int:
    return db.execute("SELECT COUNT(*) FROM clip_words").fetchone()[0]


def delete(db: sqlite_utils.Database, clip_id: str) -> None:
    """The clip and its recording: deleting a clip deletes its audio."""
    row = db.execute("SELECT recording_id FROM clips WHERE id = ?", [clip_id]).fetchone()
    db.execute("DELETE FROM clips WHERE id = ?", [clip_id])
    if row and row[0]:
        db.execute("DELETE FROM recordings WHERE id = ?", [row[0]])


def delete_spoken_by(db: sqlite_utils.Database, participant_id: str) -> int:
    """Clips the person speaks in: titles and transcripts are their words too."""
    return db.execute(
        "DELETE FROM clips WHERE id IN "
        "(SELECT clip_id FROM clip_speakers WHERE participant_id = ?)",
        [participant_id],
    ).rowcount


def count(db: sqlite_utils.Database) -> int:
    return db.execute("SELECT count(*) FROM clips").fetchone()[0]


# flagged parts of a clip ---------------------------------------------------------------------
def flagged_range(db: sqlite_utils.Database, range_id: str) -> FlaggedRange | None:
    rows = list(db.query("SELECT id, clip_id, start_ms, end_ms, flag, reason FROM "
                         "clip_flagged_ranges WHERE id = ?", [range_id]))  # fmt: skip
    return FlaggedRange(**rows[0]) if rows else None


def add_range(db: sqlite_utils.Database, flagged: FlaggedRange) -> None:
    db.execute(
        "INSERT INTO clip_flagged_ranges (id, clip_id, start_ms, end_ms, flag, reason, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [flagged.id, flagged.clip_id, flagged.start_ms, flagged.end_ms, flagged.flag,
         flagged.reason, now_iso()],
    )  # fmt: skip


def remove_range(db: sqlite_utils.Database, range_id: str) -> None:
    db.execute("DELETE FROM clip_flagged_ranges WHERE id = ?", [range_id])


def flagged_counts(db: sqlite_utils.Database) -> dict[str, int]:
    """How many clips are flagged as a whole, and how many flagged parts there are."""
    return {
        "clips": db.execute("SELECT count(*) FROM clips WHERE sensitive OR safeguarding")
        .fetchone()[0],
        "ranges": db.execute("SELECT count(*) FROM clip_flagged_ranges").fetchone()[0],
    }
