"""What "erase" means for each kind of material a person can leave in a project.

Each capability that stores a person's material adds its eraser here. Erasers run inside the
withdrawal's transaction; PRAGMA secure_delete zeroes what they free and the caller
checkpoints the WAL afterwards, so nothing survives in free pages or the -wal file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from coprod_desktop.storage import (
    board_repo,
    clips_repo,
    consent_repo,
    participants_repo,
    programmes_repo,
    reciprocity_repo,
    recordings_repo,
)

if TYPE_CHECKING:
    import sqlite_utils


def _identity(db: sqlite_utils.Database, participant_id: str) -> int:
    """Keep the pseudonym and role (the history stays accountable); drop who they are."""
    return participants_repo.forget_identity(db, participant_id)


def _consent_evidence(db: sqlite_utils.Database, participant_id: str) -> int:
    removed = consent_repo.delete_attachments(db, participant_id, consent_repo.ATTACHMENT_KINDS)
    consent_repo.scrub_records(db, participant_id)
    return removed


def _consent_audio(db: sqlite_utils.Database, participant_id: str) -> int:
    return consent_repo.delete_attachments(db, participant_id, ("verbal_audio",))


def _recordings(db: sqlite_utils.Database, participant_id: str) -> int:
    return recordings_repo.erase_for(db, participant_id)


def _notes(db: sqlite_utils.Database, participant_id: str) -> int:
    """Their notes go (with the votes on them); so do the votes they cast."""
    return board_repo.erase_by(db, participant_id)


def _clips(db: sqlite_utils.Database, participant_id: str) -> int:
    """Clips they speak in (titles and transcripts are their words). Their audio has gone
    already: AUDIO runs first."""
    return clips_repo.delete_spoken_by(db, participant_id)


def _roles(db: sqlite_utils.Database, participant_id: str) -> int:
    """Who they were in programmes' credits (presenter, editor …)."""
    return programmes_repo.erase_roles_of(db, participant_id)


def _receipts(db: sqlite_utils.Database, participant_id: str) -> int:
    """Their signatures on receipts (images of their hand) and the entries' descriptions go;
    what they received stays as anonymous amounts under the pseudonym, for the totals."""
    return reciprocity_repo.erase_for(db, participant_id)


EVERYTHING = {
    "identity": _identity,
    "consent evidence": _consent_evidence,
    "notes": _notes,
    "clips": _clips,
    "programme roles": _roles,
    "receipt signatures": _receipts,
}
AUDIO = {
    "consent recordings": _consent_audio,
    "recordings": _recordings,
}
# Retention: the material of someone who did not agree to keep it for research (their identity
# goes with the real names, on its own schedule).
MATERIAL = {
    **AUDIO,
    "notes": _notes,
    "clips": _clips,
    "programme roles": _roles,
}


def erase(db: sqlite_utils.Database, participant_id: str, erasers: dict) -> dict[str, int]:
    return {name: fn(db, participant_id) for name, fn in erasers.items()}
