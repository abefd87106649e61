"""File › Combine with Another Project…: bring another laptop's project file into this one.

Three steps in one dialog. First the other file and its passphrase: "Read file" copies it,
checks it whole and works out what combining would do (in the background, with progress).
Then the preview (combine_preview.py): what is added and what is not, withdrawals arriving,
who is the same person, which side of each record edited on both laptops to keep. "Combine"
then does it in one transaction, in the background; the dialog cannot be closed halfway. After
it, a plain summary; the undo history is cleared (combining may erase, as a withdrawal does)
and every page shows what the project holds now.

The private copy of the other file is removed whenever the dialog closes, whatever happened,
and also when the dialog closes while the file is still being read.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coprod_desktop.domain import combining as rules
from coprod_desktop.domain.combining import OURS, Choices, Outcome, Plan

from .combine_preview import CombinePreview, counted
from .dialog import Dialog
from .messages import user_message
from .passphrase_field import PassphraseField
from .project_dialogs import FILE_FILTER
from .refusal import Refusal
from .tasks import Operation, TaskRunner
from .widgets import error_label

if TYPE_CHECKING:
    from coprod_desktop.services.combining import OtherFile
    from coprod_desktop.services.project import Project

# Every kind of record the pages show (their LISTENS): combining may have changed any of them.
CHANGED_KINDS = ("session", "participant", "clip", "programme", "board", "risk", "barrier",
                 "outcome", "measure", "action", "reciprocity", "safeguarding_concern",
                 "signpost", "retention")  # fmt: skip


class _Held:
    """The other file as opened by the background work, closed (its private copy removed)
    once the dialog has closed, whichever of the two comes last."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._closed = False
        self.other: OtherFile | None = None

    def put(self, other: OtherFile) -> bool:
        with self._lock:
            if not self._closed:
                self.other = other
                return True
        return False

    def close(self) -> None:
        with self._lock:
            self._closed = True
            other, self.other = self.other, None
        if other is not None:
            other.close()


class CombineDialog(Dialog):
    def __init__(self, project: Project, runner: TaskRunner, start: Path,
                 erased: Callable[[], None] = lambda: None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Combine with another project"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self._project, self._start, self._erased = project, start, erased
        self._reading = Operation(self, runner, project)
        self._combining = Operation(self, runner, project)
        for operation in (self._reading, self._combining):
            operation.progressed.connect(self._show_progress)
        self._held = _Held()
        self.plan: Plan | None = None
        self.outcome: Outcome | None = None
        self.log_path: Path | None = None

        self.intro = QLabel(self.tr(
            "Bring what another facilitator recorded on their laptop into this project. Their "
            "file is only read, never changed."))  # fmt: skip
        self.intro.setWordWrap(True)
        self.path = QLineEdit()
        self.path.setAccessibleName(self.tr("The other project file"))
        self.path.setPlaceholderText(self.tr("The other laptop's .coprod file"))
        self.browse = QPushButton(self.tr("&Browse…"))
        self.browse.clicked.connect(self._browse)
        path_row = QWidget()
        row = QHBoxLayout(path_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        self.passphrase = PassphraseField(self.tr("The other file's passphrase"))
        self.ask = QWidget()
        self.form = QFormLayout(self.ask)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.addRow(self.tr("&Other file:"), path_row)
        self.form.labelForField(path_row).setBuddy(self.path)
        self.form.addRow(self.tr("&Passphrase:"), self.passphrase)

        self.source = QLabel()
        self.source.setWordWrap(True)
        self.source.hide()
        self.preview = CombinePreview()
        self.preview.changed.connect(self._choices_changed)
        self.preview.hide()
        self.confirm = QCheckBox(self.tr("&I understand that combining cannot be undone"))
        self.confirm.toggled.connect(self._update_buttons)
        self.confirm.hide()
        self.done_text = QLabel()
        self.done_text.setObjectName("combineDone")
        self.done_text.setWordWrap(True)
        self.done_text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.done_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                               | Qt.TextInteractionFlag.TextSelectableByMouse)
        self.done_text.hide()

        self.error = error_label("combineError")
        self.refusal = Refusal(self.error, self.ask)
        self.step = QLabel()
        self.step.hide()
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Progress"))
        self.progress.hide()
        self.buttons = QDialogButtonBox()
        self.read_button = self.buttons.addButton(self.tr("&Read file"),
                                                  QDialogButtonBox.ButtonRole.ActionRole)
        self.combine_button = self.buttons.addButton(self.tr("Co&mbine"),
                                                     QDialogButtonBox.ButtonRole.ActionRole)
        self.combine_button.hide()
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.read_button.clicked.connect(self.read)
        self.combine_button.clicked.connect(self.combine)
        self.close_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.ask)
        layout.addWidget(self.source)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.done_text, 1)
        layout.addWidget(self.confirm)
        layout.addWidget(self.error)
        layout.addWidget(self.step)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self.path.setFocus()

    def offer(self, path: Path) -> None:
        """Start with the file combined last time: only its passphrase to type."""
        self.path.setText(str(path))
        self.passphrase.setFocus()

    def other_path(self) -> Path:
        return Path(self.path.text().strip()).expanduser()

    def primary_button(self) -> QPushButton:
        if self.outcome is not None:
            return self.close_button
        return self.combine_button if self.plan is not None else self.read_button

    @property
    def busy(self) -> bool:
        return self._reading.running or self._combining.running

    # step 1: the other file ---------------------------------------------------------------
    def _browse(self) -> None:
        typed = self.path.text().strip()
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose the other project file"), typed or str(self._start),
            FILE_FILTER)  # fmt: skip
        if path:
            self.path.setText(path)
            self.passphrase.setFocus()

    def read(self) -> None:
        """Open the other file (a checked private copy) and work out what combining does."""
        if self.busy or self.plan is not None:
            return
        self.refusal.hide()
        typed = self.path.text().strip()
        if not typed:
            self.refusal.show(self.tr("Choose the other project file."))
            self.path.setFocus()
            return
        passphrase = self.passphrase.text()
        if not passphrase:
            self.refusal.show(self.tr("Type the other file's passphrase."))
            self.passphrase.setFocus()
            return
        path, held = Path(typed).expanduser(), self._held

        def work(job):
            service = job.project.combining
            other = service.open_other(path, passphrase, job.progress)
            kept = False
            try:
                job.progress(0, 0, "")
                plan = service.preview(other)
                kept = held.put(other)
            finally:
                if not kept:  # failed, or the dialog closed while the file was read
                    other.close()
            return plan if kept else None

        self._reading.start(work, self._read, self._failed)
        self._set_busy(True, self.tr("Reading and checking {0}…").format(path.name))

    def _read(self, plan: Plan | None) -> None:
        self._set_busy(False)
        if plan is None:
            return
        self.plan = plan
        name = Path(self.path.text().strip()).name
        self.ask.hide()
        self.intro.hide()
        self.source.setText(self.tr("From <b>{0}</b> (project “{1}”).").format(
            name, plan.other_name or self.tr("no name")))  # fmt: skip
        self.source.show()
        self.preview.show_plan(plan, name)
        self.preview.show()
        self.confirm.show()
        self.read_button.hide()
        self.combine_button.show()
        self._update_buttons()
        self.settle_keys()
        first = self.preview.people if plan.people else (
            self.preview.conflicts if plan.conflicts else self.confirm)  # fmt: skip
        first.setFocus()
        self._fit_screen()

    def _fit_screen(self) -> None:
        """Room for the tables, within the screen (1366x768 included), centred on it."""
        area = self.screen().availableGeometry()
        width = min(max(self.width(), 980), area.width() - 40)
        height = min(max(self.height(), 640), area.height() - 60)
        self.resize(width, height)
        frame = self.frameGeometry()
        frame.moveCenter(area.center())
        self.move(frame.topLeft())

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.refusal.show(user_message(exc, self.log_path))
        if self.plan is None:
            self.passphrase.edit.selectAll()
            self.passphrase.setFocus()

    # step 2: choices --------------------------------------------------------------------
    def choices(self) -> Choices:
        return Choices(matches=dict(self.preview.matches), keep=dict(self.preview.keep))

    def _choices_changed(self) -> None:
        self.refusal.hide()

    def _update_buttons(self) -> None:
        # enabled before the tick too: pressing it says what is missing
        self.combine_button.setEnabled(self.plan is not None and not self.busy)

    # step 3: combining ------------------------------------------------------------------
    def combine(self) -> None:
        if self.plan is None or self.busy or self.outcome is not None:
            return
        if not self.confirm.isChecked():
            self.refusal.show(self.tr("Tick “I understand that combining cannot be undone” "
                                      "first."))  # fmt: skip
            return
        choices = self.choices()
        try:
            rules.check_matches(choices.matches, self.plan.people, self.plan.ours)
        except ValueError as exc:
            self.refusal.show(str(exc))
            return
        other = self._held.other
        if other is None:
            return

        def work(job):
            return job.project.combining.combine(other, choices, job.progress)

        self._combining.start(work, self._combined, self._failed)
        self._set_busy(True, self.tr("Combining…"))

    def _combined(self, outcome: Outcome) -> None:
        self._set_busy(False)
        self.outcome = outcome
        self._erased()  # combining may erase (a withdrawal that arrived): nothing brings it back
        for kind in CHANGED_KINDS:  # the work told the background project; the pages refresh
            self._project.changes.tell(kind)
        self._held.close()
        self.preview.hide()
        self.confirm.hide()
        self.combine_button.hide()
        self.done_text.setText(self.summary(outcome))
        self.done_text.show()
        self.close_button.setText(self.tr("Close"))
        self.close_button.setIcon(QIcon())  # nothing is cancelled now: it is done
        self.settle_keys()
        self.close_button.setFocus()

    def summary(self, outcome: Outcome) -> str:
        plan = outcome.plan
        added = {k: n for k, n in plan.added.items() if k != "audit_log"}
        lines = [self.tr("Combined. Added: {0}.").format(counted(added)) if added else
                 self.tr("Combined. Nothing new was added; the combine is recorded in the "
                         "audit log.")]  # fmt: skip
        for old, new in outcome.renumbered.values():
            lines.append(self.tr("{0} from the other file is now {1}.").format(old, new))
        here = {p.id: p.pseudonym for p in plan.ours}
        for person in plan.people:  # everyone matched, renamed or not
            if person.id in self.preview.matches:
                lines.append(self.tr("{0} from the other file is {1} here (the same person).")
                             .format(person.pseudonym, here[self.preview.matches[person.id]]))
        for conflict, side in outcome.kept:
            lines.append(self.tr("{0}: kept this file's version.").format(conflict.label)
                         if side == OURS else
                         self.tr("{0}: kept the other file's version.").format(conflict.label))
        for who in outcome.erased_for:
            lines.append(self.tr("{0}'s withdrawal was applied: their material was erased "
                                 "from the combined project.").format(who))  # fmt: skip
        if plan.removed_here:
            lines.append(self.tr("Not added, because it was deleted here: {0}.")
                         .format(counted(plan.removed_here)))  # fmt: skip
        lines.append(self.tr("Undo history was cleared: combining cannot be undone."))
        return "\n".join(lines)

    # busy, progress, closing -------------------------------------------------------------
    def _set_busy(self, busy: bool, text: str = "") -> None:
        self.step.setText(text)
        self.step.setVisible(busy)
        self.progress.setRange(0, 0)
        self.progress.setVisible(busy)
        for widget in (self.ask, self.preview, self.confirm, self.read_button):
            widget.setEnabled(not busy)
        self.close_button.setEnabled(not self._combining.running)  # reading can be left
        self._update_buttons()

    def _show_progress(self, done: int, total: int, text: str) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        step = {"Adding records": self.tr("Adding records…"),
                "Copying recordings": self.tr("Copying recordings…"),
                "Adding the audit log": self.tr("Adding the audit log…"),
                "Applying withdrawals": self.tr("Applying withdrawals…")}.get(text)
        if step:
            self.step.setText(step)

    def reject(self) -> None:
        if self._combining.running:
            return  # one transaction: it finishes (or rolls back) by itself
        if self._reading.running:
            self._reading.cancel()
        super().reject()

    def done(self, result: int) -> None:
        self._held.close()  # the private copy goes, whatever happened
        super().done(result)
