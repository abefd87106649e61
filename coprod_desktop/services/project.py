"""An open project: the unlocked file plus the services that work on it."""

from __future__ import annotations

import getpass
from pathlib import Path

from coprod_desktop.domain.first_steps import Step, first_steps
from coprod_desktop.storage import (
    audit_repo,
    packs_repo,
    participants_repo,
    project_repo,
    risk_log_repo,
    sessions_repo,
)
from coprod_desktop.storage.connection import (
    ProjectFile,
    create_project_file,
    open_project_file,
    writing,
)
from coprod_desktop.storage.errors import ProjectError, translated
from coprod_desktop.storage.migrations import schema_version

from .actions import ActionService
from .anonymising import AnonymiseService
from .boards import BoardService
from .changes import Changes
from .combining import CombineService
from .consent import ConsentService
from .feedback import FeedbackService
from .own_copy import OwnCopyService
from .packs import PackService
from .participants import ParticipantService
from .programmes import ProgrammeService
from .radio import RadioService
from .reciprocity import ReciprocityService
from .retention import RetentionService
from .risk_log import RiskLogService
from .safeguarding import SafeguardingService
from .sessions import SessionService
from .signposting import SignpostingService
from .verify import quick_check
from .word_timings import WordTimingService


def default_actor() -> str:
    """Who is recorded in the audit log when no facilitator name is set."""
    try:
        return getpass.getuser()
    except Exception:  # no login name on some systems
        return "facilitator"


class Project:
    def __init__(self, file: ProjectFile, actor: str):
        self.file = file
        self.actor = actor or default_actor()
        self._worker: Project | None = None
        self.damage: ProjectError | None = None  # what the quick check on opening found
        who = lambda: self.actor  # noqa: E731 - services ask at each change
        self.sessions = SessionService(file, who)
        self.participants = ParticipantService(file, who)
        self.consent = ConsentService(file, who)
        self.boards = BoardService(file, who, self.consent)
        self.radio = RadioService(file, who, self.consent)
        self.anonymise = AnonymiseService(file, who, self.radio)
        self.timings = WordTimingService(file, who, self.radio)
        self.combining = CombineService(file, who)
        self.risk_log = RiskLogService(file, who)
        self.actions = ActionService(file, who)
        self.retention = RetentionService(file, who, self.consent)
        self.reciprocity = ReciprocityService(file, who)
        self.programmes = ProgrammeService(file, who, self.consent, self.radio, self.anonymise,
                                           self.retention)  # fmt: skip
        self.packs = PackService(file, who, self.sessions, self.consent, self.radio,
                                 self.anonymise, self.retention)  # fmt: skip
        self.feedback = FeedbackService(file, who, self.sessions, self.consent, self.radio,
                                        self.anonymise, self.packs, lambda: self.name,
                                        self.retention)  # fmt: skip
        self.own_copy = OwnCopyService(file, who, self.sessions, self.consent, self.radio,
                                       self.anonymise, self.programmes)  # fmt: skip
        self.safeguarding = SafeguardingService(file, who, self.sessions, lambda: self.name)
        self.signposting = SignpostingService(file, who)
        self.changes = Changes()  # undo and redo say here which kind of record they changed
        for service in (self.sessions, self.participants, self.consent, self.boards, self.radio,
                        self.anonymise, self.risk_log, self.packs, self.programmes,
                        self.actions, self.feedback, self.own_copy,
                        self.retention, self.reciprocity, self.safeguarding,
                        self.signposting, self.timings, self.combining):  # fmt: skip
            service.changes = self.changes

    @property
    def path(self) -> Path:
        return self.file.path

    @property
    def name(self) -> str:
        with translated(self.path):
            name = project_repo.name(self.file.db)
        return name or self.path.stem

    @property
    def id(self) -> str:
        """The project's own id, kept when the file is moved or renamed."""
        with translated(self.path):
            return project_repo.project_id(self.file.db)

    def first_steps(self) -> list[Step]:
        with translated(self.path):
            return first_steps(project_repo.progress(self.file.db))

    @property
    def is_open(self) -> bool:
        return self.file.is_open

    def info(self) -> dict:
        db = self.file.db
        with translated(self.path):
            return {
                "name": self.name,
                "path": str(self.path),
                "schema_version": schema_version(db.conn),
                "sessions": sessions_repo.count(db),
                "participants": participants_repo.count(db),
                "participants_by_role": participants_repo.counts_by_role(db),
                "audit_entries": audit_repo.count(db),
                "consent": self.consent.counts(),
                **self.boards.counts(),
                **self.radio.counts(),
                "clips_with_word_timings": self.timings.aligned_count(),
                "packs": packs_repo.count(db),
                **self.programmes.counts(),
                **risk_log_repo.counts(db),
                **self.actions.counts(),
                "flagged": {**self.radio.flagged_counts(),
                            "sessions": sessions_repo.flagged_count(db)},
                **self.retention.counts(),
                **self.reciprocity.counts(),
                **self.safeguarding.counts(),
                **self.signposting.counts(),
            }

    def for_worker(self) -> Project:
        """This project as a background job must use it: the same services over the
        background connection. Jobs get it from the Operation that runs them."""
        if self._worker is None:
            self._worker = Project(self.file.for_worker(), self.actor)
        self._worker.actor = self.actor
        return self._worker

    def close(self) -> None:
        self.file.close()


def open_project(path: Path | str, passphrase: str, actor: str = "") -> Project:
    """Open a project, with a quick check of everything but the audio: a problem found is kept
    in `damage` for the window (or `info`) to tell; the full check runs before every export."""
    file = open_project_file(path, passphrase)
    backup = file.migration_backup
    damage = quick_check(file)
    if damage is not None:  # SQLCipher leaves a connection that met a bad page unusable
        file.close()
        file = open_project_file(path, passphrase)
    project = Project(file, actor)
    project.damage = damage
    if backup is not None:
        with translated(project.path), writing(project.file.db):
            audit_repo.append(
                project.file.db,
                project.actor,
                "project.migrated",
                "project",
                "",
                {"to_version": schema_version(project.file.db.conn), "backup": backup.name},
            )
    project.consent.ensure_default_form()
    project.signposting.ensure_defaults()
    return project


def create_project(path: Path | str, passphrase: str, name: str = "", actor: str = "") -> Project:
    file = create_project_file(path, passphrase, name)
    project = Project(file, actor)
    with translated(file.path), writing(file.db):
        audit_repo.append(
            file.db, project.actor, "project.created", "project", "", {"name": project.name}
        )
    project.consent.ensure_default_form()
    project.signposting.ensure_defaults()
    return project
