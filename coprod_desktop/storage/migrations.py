"""Numbered schema migrations. A file's schema version lives in PRAGMA user_version.

Each migration is a list of SQL statements (or functions of the connection, where a value
must be computed) run in one transaction together with the version bump. Before migrating an
existing file a backup copy is written beside it; a file from a newer version is refused
before anything is written.
"""

from __future__ import annotations

import datetime as dt
import functools
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path

from sqlcipher3 import dbapi2

from .errors import NewerVersionError, ProjectError, translate_os_error

APPLICATION_ID = 0x43505244  # "CPRD": marks a file as a coprod project

# A step of a migration: SQL, or (where a value must be computed, like a hash) a function of
# the connection, run in the same transaction.
Statement = str | Callable[[dbapi2.Connection], None]

V1 = [
    """CREATE TABLE project (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by_version TEXT NOT NULL
    )""",
    """CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        date TEXT NOT NULL,
        venue TEXT NOT NULL DEFAULT '',
        format TEXT NOT NULL CHECK (format IN
            ('radio_lab', 'participatory_workshop', 'partner_workshop')),
        facilitators TEXT NOT NULL DEFAULT '[]',
        partner_organisations TEXT NOT NULL DEFAULT '[]',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    """CREATE TABLE participants (
        id TEXT PRIMARY KEY,
        pseudonym TEXT NOT NULL UNIQUE COLLATE NOCASE,
        real_name TEXT NOT NULL DEFAULT '',
        aliases TEXT NOT NULL DEFAULT '[]',
        age_band TEXT NOT NULL DEFAULT 'unknown',
        role TEXT NOT NULL CHECK (role IN
            ('community_member', 'partner_representative', 'facilitator')),
        organisation TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    """CREATE TABLE session_participants (
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        participant_id TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
        PRIMARY KEY (session_id, participant_id)
    )""",
    "CREATE INDEX session_participants_by_participant ON session_participants(participant_id)",
    """CREATE TABLE audit_log (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL UNIQUE,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        subject_type TEXT NOT NULL DEFAULT '',
        subject_id TEXT NOT NULL DEFAULT '',
        details TEXT NOT NULL DEFAULT '{}',
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
    )""",
    """CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
    """CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
]

V2 = [
    """CREATE TABLE consent_forms (
        id TEXT PRIMARY KEY,
        form_key TEXT NOT NULL,
        version INTEGER NOT NULL,
        title TEXT NOT NULL,
        information TEXT NOT NULL,
        items TEXT NOT NULL,
        partners TEXT NOT NULL DEFAULT '[]',
        content_hash TEXT NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (form_key, version)
    )""",
    """CREATE TABLE consent_records (
        id TEXT PRIMARY KEY,
        participant_id TEXT NOT NULL REFERENCES participants(id),
        form_id TEXT NOT NULL REFERENCES consent_forms(id),
        form_version INTEGER NOT NULL,
        form_hash TEXT NOT NULL,
        given_at TEXT NOT NULL,
        method TEXT NOT NULL CHECK (method IN ('signature', 'verbal', 'paper')),
        decisions TEXT NOT NULL,
        partner_decisions TEXT NOT NULL DEFAULT '{}',
        recorded_by TEXT NOT NULL DEFAULT '',
        witness TEXT NOT NULL DEFAULT '',
        paper_reference TEXT NOT NULL DEFAULT '',
        guardian_name TEXT NOT NULL DEFAULT '',
        guardian_relationship TEXT NOT NULL DEFAULT '',
        capacity_concern TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
    )""",
    "CREATE INDEX consent_records_by_participant ON consent_records(participant_id, given_at)",
    """CREATE TABLE consent_attachments (
        id TEXT PRIMARY KEY,
        record_id TEXT NOT NULL REFERENCES consent_records(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('signature', 'verbal_audio', 'paper_scan')),
        mime TEXT NOT NULL,
        data BLOB NOT NULL,
        UNIQUE (record_id, kind)
    )""",
    """CREATE TABLE withdrawals (
        id TEXT PRIMARY KEY,
        participant_id TEXT NOT NULL REFERENCES participants(id),
        scope TEXT NOT NULL CHECK (scope IN ('everything', 'audio_only', 'future_packs')),
        effective_at TEXT NOT NULL,
        recorded_by TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
    )""",
    "CREATE INDEX withdrawals_by_participant ON withdrawals(participant_id)",
    # The disclosure log: which packs carried whose material (filled in by pack export).
    """CREATE TABLE packs (
        id TEXT PRIMARY KEY,
        audience TEXT NOT NULL,
        issued_at TEXT NOT NULL,
        file_name TEXT NOT NULL DEFAULT ''
    )""",
    """CREATE TABLE disclosures (
        id TEXT PRIMARY KEY,
        pack_id TEXT NOT NULL REFERENCES packs(id),
        participant_id TEXT NOT NULL REFERENCES participants(id),
        item_kind TEXT NOT NULL,
        item_id TEXT NOT NULL
    )""",
    "CREATE INDEX disclosures_by_participant ON disclosures(participant_id)",
]

V3 = [
    """CREATE TABLE boards (
        id TEXT PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        title TEXT NOT NULL,
        layout_locked INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL
    )""",
    "CREATE INDEX boards_by_session ON boards(session_id)",
    """CREATE TABLE themes (
        id TEXT PRIMARY KEY,
        board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        colour TEXT NOT NULL,
        x REAL NOT NULL, y REAL NOT NULL, width REAL NOT NULL, height REAL NOT NULL
    )""",
    "CREATE INDEX themes_by_board ON themes(board_id)",
    """CREATE TABLE notes (
        id TEXT PRIMARY KEY,
        board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
        text TEXT NOT NULL,
        colour TEXT NOT NULL,
        x REAL NOT NULL, y REAL NOT NULL, width REAL NOT NULL, height REAL NOT NULL,
        author_id TEXT REFERENCES participants(id),
        theme_id TEXT REFERENCES themes(id) ON DELETE SET NULL,
        sensitive INTEGER NOT NULL DEFAULT 0,
        safeguarding INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL
    )""",
    "CREATE INDEX notes_by_board ON notes(board_id)",
    "CREATE INDEX notes_by_author ON notes(author_id)",
    """CREATE TABLE vote_rounds (
        id TEXT PRIMARY KEY,
        board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
        votes_per_person INTEGER NOT NULL,
        anonymous INTEGER NOT NULL DEFAULT 0,
        is_open INTEGER NOT NULL DEFAULT 1,
        revealed INTEGER NOT NULL DEFAULT 0,
        opened_at TEXT NOT NULL
    )""",
    """CREATE TABLE votes (
        id TEXT PRIMARY KEY,
        round_id TEXT NOT NULL REFERENCES vote_rounds(id) ON DELETE CASCADE,
        note_id TEXT NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
        participant_id TEXT REFERENCES participants(id),
        count INTEGER NOT NULL DEFAULT 1
    )""",
    "CREATE INDEX votes_by_round ON votes(round_id)",
    "CREATE INDEX votes_by_note ON votes(note_id)",
]

V4 = [
    """CREATE TABLE recordings (
        id TEXT PRIMARY KEY,
        session_id TEXT REFERENCES sessions(id) ON DELETE SET NULL,
        sample_rate INTEGER NOT NULL,
        channels INTEGER NOT NULL,
        sample_width INTEGER NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        samples INTEGER NOT NULL DEFAULT 0,
        status TEXT NOT NULL CHECK (status IN ('recording', 'finished', 'recovered')),
        waveform BLOB  -- cached overview: one peak byte per 10 ms, computed once
    )""",
    """CREATE TABLE recording_chunks (
        recording_id TEXT NOT NULL REFERENCES recordings(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        pcm BLOB NOT NULL,
        PRIMARY KEY (recording_id, seq)
    )""",
    """CREATE TABLE recording_people (
        recording_id TEXT NOT NULL REFERENCES recordings(id) ON DELETE CASCADE,
        participant_id TEXT NOT NULL REFERENCES participants(id),
        PRIMARY KEY (recording_id, participant_id)
    )""",
    """CREATE TABLE clips (
        id TEXT PRIMARY KEY,
        recording_id TEXT REFERENCES recordings(id) ON DELETE SET NULL,
        session_id TEXT REFERENCES sessions(id) ON DELETE SET NULL,
        title TEXT NOT NULL,
        trim_in_ms INTEGER NOT NULL DEFAULT 0,
        trim_out_ms INTEGER,
        gain_db REAL NOT NULL DEFAULT 0,
        normalise INTEGER NOT NULL DEFAULT 0,
        redactions TEXT NOT NULL DEFAULT '[]',
        transcript TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    """CREATE TABLE clip_speakers (
        clip_id TEXT NOT NULL REFERENCES clips(id) ON DELETE CASCADE,
        participant_id TEXT NOT NULL REFERENCES participants(id),
        PRIMARY KEY (clip_id, participant_id)
    )""",
    """CREATE TABLE clip_themes (
        clip_id TEXT NOT NULL REFERENCES clips(id) ON DELETE CASCADE,
        theme_id TEXT NOT NULL REFERENCES themes(id) ON DELETE CASCADE,
        PRIMARY KEY (clip_id, theme_id)
    )""",
    "CREATE INDEX clips_by_recording ON clips(recording_id)",
    "CREATE INDEX clip_speakers_by_person ON clip_speakers(participant_id)",
]

V5 = [
    # The facilitator's review of each detection. Only a hash of the detected text is kept:
    # the decision table must not become a list of names.
    """CREATE TABLE anonymise_decisions (
        id TEXT PRIMARY KEY,
        source_type TEXT NOT NULL,
        source_id TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        kind TEXT NOT NULL,
        text_hash TEXT NOT NULL,
        decision TEXT NOT NULL CHECK (decision IN ('accept', 'reject')),
        decided_at TEXT NOT NULL,
        decided_by TEXT NOT NULL,
        UNIQUE (source_type, source_id, start, end, kind)
    )""",
    "CREATE INDEX anonymise_decisions_by_source ON anonymise_decisions(source_type, source_id)",
    """CREATE TABLE anonymise_terms (
        id TEXT PRIMARY KEY,
        term TEXT NOT NULL,
        list TEXT NOT NULL CHECK (list IN ('deny', 'allow')),
        kind TEXT NOT NULL DEFAULT 'person',
        added_at TEXT NOT NULL,
        UNIQUE (term, list)
    )""",
]

V6 = [
    # Unattributed notes leave the project only from sessions run under a group agreement.
    "ALTER TABLE sessions ADD COLUMN group_agreement INTEGER NOT NULL DEFAULT 0",
    # What each issued pack was: the file's hash, what was chosen, and every item it carried
    # (disclosures keep the per-person rows; unattributed notes have no person).
    "ALTER TABLE packs ADD COLUMN sha256 TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE packs ADD COLUMN issued_by TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE packs ADD COLUMN details TEXT NOT NULL DEFAULT '{}'",
    """CREATE TABLE pack_items (
        pack_id TEXT NOT NULL REFERENCES packs(id),
        item_kind TEXT NOT NULL,
        item_id TEXT NOT NULL,
        PRIMARY KEY (pack_id, item_kind, item_id)
    )""",
    "CREATE INDEX disclosures_by_pack ON disclosures(pack_id)",
]

V7 = [
    # The risk register, with every review of each risk kept.
    """CREATE TABLE risks (
        id TEXT PRIMARY KEY,
        category TEXT NOT NULL,
        description TEXT NOT NULL,
        affects TEXT NOT NULL DEFAULT '[]',
        likelihood INTEGER NOT NULL CHECK (likelihood BETWEEN 1 AND 5),
        impact INTEGER NOT NULL CHECK (impact BETWEEN 1 AND 5),
        mitigations TEXT NOT NULL DEFAULT '',
        owner TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL CHECK (status IN ('open', 'mitigated', 'closed')),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    """CREATE TABLE risk_reviews (
        id TEXT PRIMARY KEY,
        risk_id TEXT NOT NULL REFERENCES risks(id) ON DELETE CASCADE,
        reviewed_at TEXT NOT NULL,
        reviewer TEXT NOT NULL DEFAULT '',
        likelihood INTEGER NOT NULL,
        impact INTEGER NOT NULL,
        status TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX risk_reviews_by_risk ON risk_reviews(risk_id, reviewed_at)",
    """CREATE TABLE barriers (
        id TEXT PRIMARY KEY,
        side TEXT NOT NULL CHECK (side IN ('organisation', 'citizen')),
        category TEXT NOT NULL,
        description TEXT NOT NULL,
        met_on TEXT NOT NULL,
        session_id TEXT REFERENCES sessions(id) ON DELETE SET NULL,
        place TEXT NOT NULL DEFAULT '',
        response TEXT NOT NULL DEFAULT '',
        resolution TEXT NOT NULL,
        created_at TEXT NOT NULL
    )""",
    """CREATE TABLE outcomes (
        id TEXT PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        type TEXT NOT NULL CHECK (type IN ('individual', 'collective', 'service_change')),
        text TEXT NOT NULL,
        observed_on TEXT NOT NULL,
        evidence TEXT NOT NULL DEFAULT '[]',
        created_at TEXT NOT NULL
    )""",
    "CREATE INDEX outcomes_by_session ON outcomes(session_id)",
    """CREATE TABLE measures (
        id TEXT PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        question TEXT NOT NULL,
        counts TEXT NOT NULL,
        low_label TEXT NOT NULL DEFAULT '',
        high_label TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
    )""",
    """CREATE TABLE self_checks (
        id TEXT PRIMARY KEY,
        checked_on TEXT NOT NULL,
        ratings TEXT NOT NULL,
        notes TEXT NOT NULL DEFAULT '{}',
        checked_by TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
    )""",
]

def _rechain(conn: dbapi2.Connection) -> None:
    from .audit_repo import rechain  # late: audit_repo imports the connection module

    rechain(conn)


# Chain format 2: the audit log's hash covers salted digests of who acted and the details,
# so withdrawal can erase a person's words from it without breaking the chain.
V8: list[Statement] = [
    "ALTER TABLE audit_log ADD COLUMN salt TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE audit_log ADD COLUMN actor_digest TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE audit_log ADD COLUMN details_digest TEXT NOT NULL DEFAULT ''",
    _rechain,
]

# A third answer about a registered person's name: "someone else" (the same first name, another
# person), who leaves as "[Person A]" rather than the participant's pseudonym. SQLite cannot
# change a CHECK constraint, so the table is built again with the rows as they are.
V9: list[Statement] = [
    """CREATE TABLE anonymise_decisions_v9 (
        id TEXT PRIMARY KEY,
        source_type TEXT NOT NULL,
        source_id TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        kind TEXT NOT NULL,
        text_hash TEXT NOT NULL,
        decision TEXT NOT NULL CHECK (decision IN ('accept', 'reject', 'other')),
        decided_at TEXT NOT NULL,
        decided_by TEXT NOT NULL,
        UNIQUE (source_type, source_id, start, end, kind)
    )""",
    "INSERT INTO anonymise_decisions_v9 SELECT id, source_type, source_id, start, end, kind, "
    "text_hash, decision, decided_at, decided_by FROM anonymise_decisions",
    "DROP TABLE anonymise_decisions",
    "ALTER TABLE anonymise_decisions_v9 RENAME TO anonymise_decisions",
    "CREATE INDEX anonymise_decisions_by_source ON anonymise_decisions(source_type, source_id)",
]

# Radio programmes made from the lab's clips, studio links and imported music, with who did what
# (roles by participant); and a consent record's credit: the name a person typed to be credited
# under in show notes ("" when they did not ask to be credited).
V10: list[Statement] = [
    """CREATE TABLE programmes (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        show_notes TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    """CREATE TABLE programme_items (
        id TEXT PRIMARY KEY,
        programme_id TEXT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('clip', 'link', 'music', 'silence')),
        title TEXT NOT NULL,
        clip_id TEXT REFERENCES clips(id) ON DELETE SET NULL,
        recording_id TEXT REFERENCES recordings(id) ON DELETE SET NULL,
        length_ms INTEGER NOT NULL,
        join_ms INTEGER NOT NULL DEFAULT 0,
        crossfade INTEGER NOT NULL DEFAULT 0,
        script TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX programme_items_by_programme ON programme_items(programme_id, position)",
    """CREATE TABLE programme_roles (
        item_id TEXT NOT NULL REFERENCES programme_items(id) ON DELETE CASCADE,
        participant_id TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (role IN
            ('presenter', 'interviewer', 'sound', 'editor', 'researcher')),
        PRIMARY KEY (item_id, participant_id, role)
    )""",
    "CREATE INDEX programme_roles_by_participant ON programme_roles(participant_id)",
    "ALTER TABLE consent_records ADD COLUMN credit_name TEXT NOT NULL DEFAULT ''",
]


# Actions that partner organisations own, their responses over time and the evidence (themes,
# notes, quotes, outcomes) each answers. Evidence ids point into several tables, so they are
# not foreign keys: evidence that has since been deleted or erased is left out when read.
V11: list[Statement] = [
    """CREATE TABLE actions (
        id TEXT PRIMARY KEY,
        text TEXT NOT NULL,
        organisation TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN
            ('proposed', 'agreed', 'in_progress', 'done', 'declined')),
        due TEXT,
        session_id TEXT REFERENCES sessions(id) ON DELETE SET NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    """CREATE TABLE action_responses (
        id TEXT PRIMARY KEY,
        action_id TEXT NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        responded_on TEXT NOT NULL,
        text TEXT NOT NULL
    )""",
    "CREATE INDEX action_responses_by_action ON action_responses(action_id, position)",
    """CREATE TABLE action_evidence (
        action_id TEXT NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('theme', 'note', 'clip', 'outcome')),
        source_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        PRIMARY KEY (action_id, kind, source_id)
    )""",
    "CREATE INDEX action_evidence_by_source ON action_evidence(kind, source_id)",
]


# Safeguarding beyond notes and the safeguarding log, signposting, the reciprocity ledger and
# retention (issue 20); each part's statements are in its own block below.
V12: list[Statement] = [
    # sessions: a named safeguarding lead; a whole session flagged sensitive or safeguarding
    "ALTER TABLE sessions ADD COLUMN safeguarding_lead TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE sessions ADD COLUMN sensitive INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE sessions ADD COLUMN safeguarding INTEGER NOT NULL DEFAULT 0",
    # clips: a whole clip flagged sensitive or safeguarding, and flagged parts of a clip (ms of
    # the recording, like bleeps): the transcript said there, and the audio, never leave the
    # project (safeguarding) or leave only where sensitive material is chosen (sensitive)
    "ALTER TABLE clips ADD COLUMN sensitive INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE clips ADD COLUMN safeguarding INTEGER NOT NULL DEFAULT 0",
    """CREATE TABLE clip_flagged_ranges (
        id TEXT PRIMARY KEY,
        clip_id TEXT NOT NULL REFERENCES clips(id) ON DELETE CASCADE,
        start_ms INTEGER NOT NULL,
        end_ms INTEGER NOT NULL,
        flag TEXT NOT NULL CHECK (flag IN ('sensitive', 'safeguarding')),
        reason TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        CHECK (0 <= start_ms AND start_ms < end_ms)
    )""",
    "CREATE INDEX clip_flagged_ranges_by_clip ON clip_flagged_ranges(clip_id, start_ms)",
    # retention (issue 20): months after the last session before raw audio, real names and the
    # material of people who did not agree to research are due for erasure; NULL: kept.
    # Erasures are logged in the audit log ('retention.erased', counts only).
    "ALTER TABLE project ADD COLUMN retention_audio_months INTEGER DEFAULT 6",
    "ALTER TABLE project ADD COLUMN retention_names_months INTEGER DEFAULT 12",
    "ALTER TABLE project ADD COLUMN retention_material_months INTEGER DEFAULT 12",
    # reciprocity ledger: what each participant received for taking part (amounts in pence),
    # its receipt (a signature image, a paper reference or none yet), and the project's
    # threshold for warning that payments may need declaring to benefits agencies
    """CREATE TABLE reciprocity_entries (
        id TEXT PRIMARY KEY,
        participant_id TEXT NOT NULL REFERENCES participants(id) ON DELETE RESTRICT,
        session_id TEXT REFERENCES sessions(id) ON DELETE SET NULL,
        kind TEXT NOT NULL CHECK (kind IN ('voucher', 'cash', 'travel', 'childcare', 'food',
            'training', 'certificate', 'other')),
        amount_pence INTEGER NOT NULL CHECK (amount_pence >= 0),
        given_on TEXT NOT NULL,
        method TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        receipt TEXT NOT NULL CHECK (receipt IN ('none', 'signature', 'paper', 'erased')),
        paper_reference TEXT NOT NULL DEFAULT '',
        signature BLOB,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    "CREATE INDEX reciprocity_by_participant ON reciprocity_entries(participant_id, given_on)",
    "CREATE INDEX reciprocity_by_session ON reciprocity_entries(session_id)",
    "ALTER TABLE project ADD COLUMN reciprocity_threshold_pence INTEGER",
    "ALTER TABLE project ADD COLUMN reciprocity_period_days INTEGER NOT NULL DEFAULT 365",
    # --- the safeguarding log and signposting -------------------------------------------
    # Concerns (facilitators only; never in a pack), their follow-ups, and the project's list
    # of services to signpost people to (started from the shipped national list once, marked
    # in project.signposting_ready, so that a list the facilitator emptied stays empty).
    """CREATE TABLE safeguarding_concerns (
        id TEXT PRIMARY KEY,
        what TEXT NOT NULL,
        raised_at TEXT NOT NULL,
        raised_by TEXT NOT NULL,
        lead TEXT NOT NULL DEFAULT '',
        action TEXT NOT NULL CHECK (action IN ('talked', 'referred', 'none')),
        service TEXT NOT NULL DEFAULT '',
        reason TEXT NOT NULL DEFAULT '',
        session_id TEXT REFERENCES sessions(id) ON DELETE SET NULL,
        participant_id TEXT REFERENCES participants(id) ON DELETE SET NULL,
        closed_on TEXT,
        closing_note TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    """CREATE TABLE safeguarding_follow_ups (
        id TEXT PRIMARY KEY,
        concern_id TEXT NOT NULL REFERENCES safeguarding_concerns(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        due TEXT NOT NULL,
        done TEXT,
        note TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX safeguarding_follow_ups_by_concern "
    "ON safeguarding_follow_ups(concern_id, position)",
    """CREATE TABLE signposts (
        id TEXT PRIMARY KEY,
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        category TEXT NOT NULL CHECK (category IN
            ('helpline', 'advice', 'health', 'housing', 'money', 'other')),
        helps_with TEXT NOT NULL DEFAULT '',
        phone TEXT NOT NULL DEFAULT '',
        website TEXT NOT NULL DEFAULT '',
        hours TEXT NOT NULL DEFAULT '',
        local INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    "ALTER TABLE project ADD COLUMN signposting_ready INTEGER NOT NULL DEFAULT 0",
    # --- end of the safeguarding log and signposting ------------------------------------
]


V13: list[Statement] = [
    # word timings of a clip's transcript: one row per clip (its id is the clip's), numbers
    # only (character offsets into the transcript, ms of the recording, confidence), never the
    # words themselves; `transcript_key` says which text of the transcript they belong to
    """CREATE TABLE clip_words (
        id TEXT PRIMARY KEY REFERENCES clips(id) ON DELETE CASCADE,
        transcript_key TEXT NOT NULL,
        engine TEXT NOT NULL,
        drafted INTEGER NOT NULL DEFAULT 0,
        words TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
]


# Records that can be deleted, by table: combining another project file must not add back what
# was deleted here, so each deletion (cascades included) leaves the record's id behind, and
# putting the record back (undo) takes it away again. Ids only: nothing of what was said.
REMOVABLE = (
    "sessions", "participants", "consent_forms", "consent_records", "consent_attachments",
    "withdrawals", "packs", "disclosures", "boards", "themes", "notes", "vote_rounds",
    "votes", "recordings", "clips", "clip_words", "clip_flagged_ranges", "anonymise_terms",
    "anonymise_decisions", "risks", "risk_reviews", "barriers", "outcomes", "measures",
    "self_checks", "programmes", "programme_items", "actions", "action_responses",
    "reciprocity_entries", "safeguarding_concerns", "safeguarding_follow_ups", "signposts",
)


def removal_triggers(table: str) -> list[str]:
    return [
        f"""CREATE TRIGGER {table}_removed AFTER DELETE ON {table} BEGIN
            INSERT OR IGNORE INTO removed_records (kind, id) VALUES ('{table}', OLD.id); END""",
        f"""CREATE TRIGGER {table}_put_back AFTER INSERT ON {table} BEGIN
            DELETE FROM removed_records WHERE kind = '{table}' AND id = NEW.id; END""",
    ]


V14: list[Statement] = [
    """CREATE TABLE removed_records (
        kind TEXT NOT NULL,
        id TEXT NOT NULL,
        PRIMARY KEY (kind, id)
    )""",
    *(sql for table in REMOVABLE for sql in removal_triggers(table)),
]


# Links between records, by the columns that key them: a link taken away here (a speaker
# untticked, an attendance removed) leaves its key too, as "a|b", so combining does not add it
# back either.
LINK_KEYS = {
    "session_participants": ("session_id", "participant_id"),
    "recording_people": ("recording_id", "participant_id"),
    "clip_speakers": ("clip_id", "participant_id"),
    "clip_themes": ("clip_id", "theme_id"),
    "pack_items": ("pack_id", "item_kind", "item_id"),
    "programme_roles": ("item_id", "participant_id", "role"),
    "action_evidence": ("action_id", "kind", "source_id"),
}


def link_removal_triggers(table: str) -> list[str]:
    key = lambda row: " || '|' || ".join(f"{row}.{c}" for c in LINK_KEYS[table])  # noqa: E731
    return [
        f"""CREATE TRIGGER IF NOT EXISTS {table}_removed AFTER DELETE ON {table} BEGIN
            INSERT OR IGNORE INTO removed_records (kind, id) VALUES ('{table}', {key("OLD")});
            END""",
        f"""CREATE TRIGGER IF NOT EXISTS {table}_put_back AFTER INSERT ON {table} BEGIN
            DELETE FROM removed_records WHERE kind = '{table}' AND id = {key("NEW")}; END""",
    ]


V15: list[Statement] = [
    # what the facilitator decided when combining, so that combining the same file again asks
    # nothing twice: a person of the other file who is this person here, and a record kept as
    # it is here against the other file's version (a short digest of that version: asked
    # again only once that file changes it again)
    # (IF NOT EXISTS: files made while these tables were briefly part of version 14 have them)
    """CREATE TABLE IF NOT EXISTS matched_people (
        other_id TEXT PRIMARY KEY,
        participant_id TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE
    )""",
    "CREATE INDEX IF NOT EXISTS matched_people_by_participant ON matched_people(participant_id)",
    """CREATE TABLE IF NOT EXISTS kept_here (
        kind TEXT NOT NULL,
        id TEXT NOT NULL,
        theirs TEXT NOT NULL,
        PRIMARY KEY (kind, id)
    )""",
    *(sql for table in LINK_KEYS for sql in link_removal_triggers(table)),
]


MIGRATIONS: list[list[Statement]] = [V1, V2, V3, V4, V5, V6, V7, V8, V9, V10, V11, V12, V13,
                                     V14, V15]  # fmt: skip
CURRENT_VERSION = len(MIGRATIONS)


@functools.cache
def expected_schema(version: int) -> frozenset[tuple[str, str]]:
    """(type, name) of every table, index and trigger a file of `version` has: the
    migrations up to it, run on an empty database in memory."""
    conn = dbapi2.connect(":memory:", isolation_level=None)
    try:
        migrate(conn, Path(":memory:"), MIGRATIONS[:version])
        rows = conn.execute("SELECT type, name FROM sqlite_master "
                            "WHERE name NOT LIKE 'sqlite_%'").fetchall()  # fmt: skip
    finally:
        conn.close()
    return frozenset((kind, name) for kind, name in rows)


def missing_from_schema(conn: dbapi2.Connection) -> list[str]:
    """What a file lacks of the tables, indexes and triggers its version should have."""
    version = schema_version(conn)
    if not 0 < version <= len(MIGRATIONS):
        return []
    have = {(k, n) for k, n in conn.execute("SELECT type, name FROM sqlite_master")}
    return [f"the {kind} {name} is missing (version {version} has it)"
            for kind, name in sorted(expected_schema(version) - have)]  # fmt: skip


def schema_version(conn: dbapi2.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def refuse_newer(version: int, path: Path, migrations: Sequence[Sequence[Statement]]) -> None:
    if version > len(migrations):
        raise NewerVersionError(
            f"{path.name} was saved by a newer version of coprod_desktop (project format "
            f"{version}; this version reads up to {len(migrations)}). Update coprod_desktop "
            "to open it. The file has not been changed."
        )


def backup_before_migration(conn: dbapi2.Connection, path: Path, version: int) -> Path:
    """Copy the (still encrypted) file beside itself before a migration changes it."""
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    backup = path.with_name(f"{path.name}.v{version}-{stamp}.bak")
    try:
        shutil.copy2(path, backup)
    except OSError as exc:
        backup.unlink(missing_ok=True)
        raise ProjectError(
            f"Before updating {path.name} to this version's format, coprod_desktop makes a "
            f"backup copy, and that failed: {translate_os_error(exc, backup)} "
            "The project has not been changed."
        ) from exc
    return backup


def migrate(
    conn: dbapi2.Connection,
    path: Path,
    migrations: Sequence[Sequence[Statement]] = MIGRATIONS,
) -> Path | None:
    """Bring the file up to the newest schema. Returns the backup path, if one was made."""
    version = schema_version(conn)
    refuse_newer(version, path, migrations)
    if version == len(migrations):
        return None
    backup = backup_before_migration(conn, path, version) if version > 0 else None
    for number in range(version + 1, len(migrations) + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in migrations[number - 1]:
                if callable(statement):
                    statement(conn)
                else:
                    conn.execute(statement)
            if number == 1:
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {number}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return backup
