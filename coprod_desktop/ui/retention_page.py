"""The Retention page: how long the project keeps raw audio, real names and the material of
people who did not agree to research (months after the last session, or kept), what is past
that time today, and erasing it after a confirmation that lists exactly what goes. Erasing runs
in the background with the withdrawal's raw-byte erasure and clears the undo history: nothing
may bring back erased data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coprod_desktop.domain.retention import (
    AUDIO,
    KINDS,
    LABELS,
    MATERIAL,
    MAX_MONTHS,
    NAMES,
    DueItem,
    RetentionPolicy,
    expires,
)
from coprod_desktop.domain.words import counted

from .dialog import Dialog
from .messages import guard, report_failure
from .project_page import ProjectPage
from .tasks import Operation, TaskRunner
from .translation import tr
from .widgets import error_label, key_button, record_table

if TYPE_CHECKING:
    from coprod_desktop.services.project import Project


def how_many(widget: QWidget, item: DueItem) -> str:
    """The count of a due item in words: recordings, people, or pieces of material."""
    if item.kind == AUDIO:
        return counted(item.count, widget.tr("recording"), widget.tr("recordings"))
    if item.kind == NAMES:
        return counted(item.count, widget.tr("person"), widget.tr("people"))
    return counted(item.count, widget.tr("note, clip or recording"),
                   widget.tr("notes, clips and recordings"))  # fmt: skip


def describe(widget: QWidget, item: DueItem) -> str:
    """One due item in a sentence, for the confirmation."""
    text = widget.tr("{0}: {1}, due since {2:%d %b %Y}").format(
        tr(item.label), how_many(widget, item), item.since)
    if item.whose:
        text += widget.tr(" (of {0})").format(", ".join(item.whose))
    return text


class EraseDueDialog(Dialog):
    """Asks before erasing: lists exactly what goes and says it cannot be undone. Cancel is
    the default button, so Enter never erases."""

    def __init__(self, items: Sequence[DueItem], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Erase what is due"))
        intro = QLabel(self.tr("These will be erased from the project file now:"))
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("What will be erased"))
        for item in items:
            self.list.addItem(describe(self, item))
        self.list.setMinimumHeight(self.fontMetrics().lineSpacing() * (len(items) + 2))
        warning = QLabel(self.tr(
            "This cannot be undone: what is erased is gone from the file for good, and Undo "
            "will not bring it back. Clips keep their titles and transcripts; written mentions "
            "of real names become the person's pseudonym."))  # fmt: skip
        warning.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.erase_button = self.buttons.addButton(self.tr("Erase"),
                                                   QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list)
        layout.addWidget(warning)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)

    def primary_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Cancel)


class RetentionPage(ProjectPage):
    # What changes what is due: the policy, the last session's date, people's names and
    # consent, and the material that may be erased.
    LISTENS = frozenset({"retention", "session", "participant", "clip", "board", "programme"})

    def __init__(self, project: Project, after_erasure: Callable[[], None], runner: TaskRunner,
                 parent: QWidget | None = None):  # fmt: skip
        super().__init__(project, parent)
        self._after_erasure = after_erasure
        self.today: dt.date | None = None  # the day to judge on; None: today
        self._shown: RetentionPolicy | None = None  # the stored policy the form last showed
        self._erasing = Operation(self, runner, project)
        self._erasing.progressed.connect(self._show_progress)

        self.basis = QLabel()
        self.basis.setWordWrap(True)
        self.months: dict[str, QSpinBox] = {}
        self.keep: dict[str, QCheckBox] = {}
        form = QFormLayout()
        for kind in KINDS:
            spin = QSpinBox()
            spin.setRange(1, MAX_MONTHS)
            spin.setSuffix(self.tr(" months"))
            spin.setAccessibleName(self.tr("{0}: months after the last session").format(
                tr(LABELS[kind])))
            keep = QCheckBox(self.tr("Keep"))
            keep.setToolTip(self.tr("Never erase it"))
            keep.toggled.connect(lambda on, s=spin: s.setEnabled(not on))
            row = QHBoxLayout()
            row.addWidget(spin)
            row.addWidget(keep)
            row.addStretch(1)
            form.addRow(tr(LABELS[kind]) + ":", row)
            self.months[kind], self.keep[kind] = spin, keep
        self.save_button = QPushButton(self.tr("Save policy"))
        key_button(self.save_button, "Ctrl+S")
        self.save_button.clicked.connect(self.save_policy)
        self.saved = QLabel()
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.saved, 1)
        policy_box = QGroupBox(self.tr("Policy"))
        policy_layout = QVBoxLayout(policy_box)
        policy_layout.addWidget(self.basis)
        policy_layout.addLayout(form)
        policy_layout.addLayout(buttons)

        self.table = record_table([self.tr("What"), self.tr("Due since"), self.tr("How many"),
                                   self.tr("Whose")], self.tr("What is due"), 3)  # fmt: skip
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.erase_button = QPushButton(self.tr("Erase what is due…"))
        self.erase_button.clicked.connect(self.erase)
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Erasing"))
        self.progress.hide()
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.hide()
        self.message = error_label("retentionError")
        due_box = QGroupBox(self.tr("What is due"))
        due_layout = QVBoxLayout(due_box)
        due_layout.addWidget(self.table, 1)
        due_layout.addWidget(self.empty)
        erase_row = QHBoxLayout()
        erase_row.addWidget(self.erase_button)
        erase_row.addWidget(self.progress, 1)
        erase_row.addStretch(0)  # the button keeps its size while nothing runs
        due_layout.addLayout(erase_row)
        due_layout.addWidget(self.result)

        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(policy_box)
        layout.addWidget(due_box, 1)

    # what the page shows -------------------------------------------------------------------
    def day(self) -> dt.date:
        return self.today or dt.date.today()

    def refresh(self) -> None:
        service = self.project.retention
        with guard(self, self.tr("Retention")) as outcome:
            policy = service.policy()
            facts = service.facts(self.day())
            items = service.due(self.day())
        if outcome.failed:
            return
        if self._shown is None or self.form_policy() == self._shown:  # keep edits not saved
            self._show_policy(policy)
        self._shown = policy
        if facts.last_session is None:
            self.basis.setText(self.tr("Each period counts from the project's last session. "
                                       "There is no session yet, so nothing is due."))
        else:
            self.basis.setText(self.tr("Each period counts from the project's last session, "
                                       "on {0:%d %b %Y}.").format(facts.last_session))
        self.table.setRowCount(len(items))
        for row, item in enumerate(items):
            cells = (tr(item.label), f"{item.since:%d %b %Y}", how_many(self, item),
                     ", ".join(item.whose))  # fmt: skip
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.setVisible(bool(items))
        self.empty.setVisible(not items)
        if not items:
            upcoming = self._next_due(policy, facts)
            self.empty.setText(self.tr("Nothing is due. The next thing will be due on "
                                       "{0:%d %b %Y}.").format(upcoming) if upcoming else
                               self.tr("Nothing is due."))  # fmt: skip
        self.erase_button.setEnabled(bool(items) and not self._erasing.running)

    def _next_due(self, policy: RetentionPolicy, facts) -> dt.date | None:
        """The first day after today that something the project still holds falls due."""
        held = {AUDIO: facts.recordings, NAMES: facts.named, MATERIAL: facts.material}
        days = [since for kind in KINDS if held[kind]
                and (since := expires(policy, kind, facts.last_session)) is not None
                and since > self.day()]  # fmt: skip
        return min(days, default=None)

    def report_error(self, _title: str, message: str) -> None:
        """Where guard() reports this page's failures: at the top of the page, in place."""
        self.message.setText(message)
        self.message.show()

    @property
    def log_path(self):
        return getattr(self.window(), "log_path", None)

    # the policy ----------------------------------------------------------------------------
    def _show_policy(self, policy: RetentionPolicy) -> None:
        for kind in KINDS:
            months = policy.months(kind)
            self.keep[kind].setChecked(months is None)
            self.months[kind].setEnabled(months is not None)
            if months is not None:
                self.months[kind].setValue(months)

    def form_policy(self) -> RetentionPolicy:
        values = {kind: None if self.keep[kind].isChecked() else self.months[kind].value()
                  for kind in KINDS}  # fmt: skip
        return RetentionPolicy(values[AUDIO], values[NAMES], values[MATERIAL])

    def save_policy(self) -> None:
        self.message.hide()
        self.saved.clear()
        policy = self.form_policy()
        with guard(self, self.tr("Retention policy")) as outcome:
            stored = self.project.retention.set_policy(policy)
        if outcome.failed:
            return  # the form keeps what was chosen
        self._shown = None  # show what was stored
        self.refresh()
        self._shown = stored
        self.saved.setText(self.tr("Saved."))

    # erasing -------------------------------------------------------------------------------
    def erase(self) -> None:
        self.message.hide()
        today = self.day()
        with guard(self, self.tr("Erase what is due")) as outcome:
            items = self.project.retention.due(today)
        if outcome.failed:
            return
        if not items:
            self.refresh()
            return
        dialog = EraseDueDialog(items, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.erase_button.setEnabled(False)
        self.result.hide()
        self.progress.setRange(0, 0)  # busy until the first step is counted
        self.progress.show()

        def work(job):
            return job.project.retention.erase_due(
                today, lambda n, total, _text: job.progress(n, total))

        self._erasing.start(work, self._erased, self._failed)

    def _show_progress(self, done: int, total: int, _text: str) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _erased(self, erased: dict[str, int]) -> None:
        self.progress.hide()
        self._after_erasure()  # nothing may bring back erased data
        # The work told its own (background) project; the pages showing what went refresh.
        for kind in ("clip", "participant", "board", "programme"):
            self.project.changes.tell(kind)
        self.refresh()
        what = [f"{self._erased_label(key)}: {n}" for key, n in erased.items() if n]
        self.result.setText(self.tr("Erased {0}.").format("; ".join(what)) if what else
                            self.tr("Nothing needed erasing."))  # fmt: skip
        self.result.show()

    def _failed(self, exc: BaseException) -> None:
        self.progress.hide()
        self.refresh()
        report_failure(self, self.tr("Erase what is due"), exc)

    def _erased_label(self, key: str) -> str:
        return {
            "raw audio": self.tr("recordings' raw audio"),
            "real names": self.tr("people's real names"),
            "mentions": self.tr("written mentions of names"),
            "recordings": self.tr("recordings"),
            "consent recordings": self.tr("consent given out loud"),
            "notes": self.tr("notes"),
            "clips": self.tr("clips"),
            "programme roles": self.tr("programme credits"),
        }.get(key, key)
