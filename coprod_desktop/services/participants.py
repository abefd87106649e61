"""Use cases for participants: pseudonyms, optional real names, roles."""

from __future__ import annotations

from dataclasses import dataclass

from coprod_desktop.domain.errors import ValidationError
from coprod_desktop.domain.ids import new_id
from coprod_desktop.domain.participants import Participant, next_pseudonym
from coprod_desktop.storage import (
    consent_repo,
    participants_repo,
    reciprocity_repo,
    sessions_repo,
)
from coprod_desktop.storage.errors import ConflictError

from .base import Service


@dataclass(frozen=True)
class DeletedParticipant:
    """What delete() removed, so undo can put it back exactly."""

    participant: Participant
    session_ids: frozenset[str]


class ParticipantService(Service):
    def list(self) -> list[Participant]:
        with self.read():
            return participants_repo.list_all(self._db)

    def get(self, participant_id: str) -> Participant | None:
        with self.read():
            return participants_repo.get(self._db, participant_id)

    def draft(self) -> Participant:
        """A new, unsaved participant with the next free automatic pseudonym."""
        with self.read():
            taken = participants_repo.pseudonyms(self._db)
        return Participant(id=new_id(), pseudonym=next_pseudonym(taken))

    def save(self, participant: Participant, action: str = "") -> Participant:
        participant = participant.validated()
        db = self._db
        with self.write():
            owner = participants_repo.pseudonym_owner(db, participant.pseudonym)
            if owner is not None and owner != participant.id:
                raise ValidationError(
                    f"The pseudonym {participant.pseudonym} is already used by another "
                    "participant. Choose a different one."
                )
            existed = participants_repo.get(db, participant.id) is not None
            participants_repo.save(db, participant)
            # Only the pseudonym and role go in the audit log: never a real name.
            self.audit(
                action or ("participant.updated" if existed else "participant.added"),
                "participant",
                participant.id,
                {"pseudonym": participant.pseudonym, "role": participant.role.value},
            )
        return participant

    def delete(self, participant_id: str) -> DeletedParticipant:
        db = self._db
        with self.write():
            participant = participants_repo.get(db, participant_id)
            if participant is None:
                raise ConflictError("That participant has already been deleted.")
            if consent_repo.has_records(db, participant_id):
                raise ConflictError(
                    f"{participant.pseudonym} has consent records, which must be kept. To "
                    "remove their details and contributions, record a withdrawal of "
                    "everything on the Consent page instead."
                )
            if reciprocity_repo.has_entries(db, participant_id):
                raise ConflictError(
                    f"{participant.pseudonym} has received things recorded on the Reciprocity "
                    "page, which are the project's record of what it gave. Delete those "
                    "entries first, or record a withdrawal of everything instead."
                )
            session_ids = self._attended(participant_id)
            participants_repo.delete(db, participant_id)
            self.audit(
                "participant.deleted",
                "participant",
                participant_id,
                {"pseudonym": participant.pseudonym},
            )
        return DeletedParticipant(participant, session_ids)

    def restore(self, deleted: DeletedParticipant) -> Participant:
        """Undo a delete: the participant comes back with their session attendance."""
        db = self._db
        with self.write():
            participant = self.save(deleted.participant, "participant.restored")
            for session_id in deleted.session_ids:
                if sessions_repo.get(db, session_id) is not None:
                    sessions_repo.add_attendee(db, session_id, participant.id)
        return participant

    def _attended(self, participant_id: str) -> frozenset[str]:
        return frozenset(s.id for s in sessions_repo.list_all(self._db)
                         if participant_id in s.participant_ids)  # fmt: skip

    # undo: see Service.put_back --------------------------------------------------------
    def _state(self, kind: str, record_id: str) -> DeletedParticipant | None:
        participant = participants_repo.get(self._db, record_id)
        return None if participant is None else DeletedParticipant(
            participant, self._attended(record_id))  # fmt: skip

    def _put_state(self, kind: str, record_id: str, state: DeletedParticipant | None) -> None:
        if state is not None:
            self.restore(state)
        elif participants_repo.get(self._db, record_id) is not None:
            self.delete(record_id)
