"""The pack wizard: who it is for (each organisation offered says where its name comes from)
and what goes in; what consent leaves out and why; every possible piece of personal data
decided; then Finish makes the PDF off the GUI thread with progress and Stop, and the wizard
stays open to show it, with Open the PDF and Show in folder."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QStyledItemDelegate,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from coprod_desktop.domain.words import counted, pieces
from coprod_desktop.export.document import ALWAYS, DEFAULT_SECTIONS, SECTIONS

from .anonymise_page import AnonymisePage
from .dialog import settle_default
from .messages import user_message
from .passphrase_field import PassphraseField
from .tasks import Operation
from .translation import tr
from .widgets import error_label, fit_columns

SOURCE_ROLE = Qt.ItemDataRole.UserRole + 1  # where an audience's name comes from, in words
NAMED_ROLE = Qt.ItemDataRole.UserRole + 2  # True: on the consent form


def _options(wizard: PackWizard):
    return wizard.options()


class _WithSource(QStyledItemDelegate):
    """The audience list shows each name with where it comes from; choosing one puts only the
    name in the box."""

    def initStyleOption(self, option, index) -> None:
        super().initStyleOption(option, index)
        source = index.data(SOURCE_ROLE)
        if source:
            option.text = f"{option.text}  —  {source}"


def session_list(page: QWizardPage, project) -> QListWidget:
    """Every session, each ticked, for choosing what an output is made from."""
    sessions = QListWidget()
    sessions.setAccessibleName(page.tr("Sessions"))
    for session in project.sessions.list():
        note = page.tr(" (group agreement)") if session.group_agreement else ""
        item = QListWidgetItem(f"{session.title} — {session.date:%d %b %Y}{note}")
        item.setData(Qt.ItemDataRole.UserRole, session.id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked)
        sessions.addItem(item)
    sessions.itemChanged.connect(page.completeChanged)
    return sessions


def checked_sessions(sessions: QListWidget) -> tuple[str, ...]:
    items = [sessions.item(i) for i in range(sessions.count())]
    return tuple(i.data(Qt.ItemDataRole.UserRole) for i in items
                 if i.checkState() == Qt.CheckState.Checked)  # fmt: skip


class ChoosePage(QWizardPage):
    def __init__(self, project, parent=None):
        super().__init__(parent)
        self.setTitle(self.tr("Who is the pack for, and what goes in?"))
        self.setSubTitle(self.tr("Material goes in only where every person in it agreed to "
                                 "be quoted and to sharing with this organisation."))  # fmt: skip
        self.audience = QComboBox()
        self.audience.setEditable(True)
        self.audience.setAccessibleName(self.tr("Audience"))
        self.audience.setModel(self._audiences(project.packs.audience_choices()))
        self.audience.setItemDelegate(_WithSource(self.audience))
        self.audience.setCurrentIndex(-1)
        self.audience.lineEdit().setPlaceholderText(self.tr("e.g. Trading Standards"))
        self.audience.currentTextChanged.connect(self.completeChanged)
        self.source = QLabel()
        self.source.setObjectName("audienceSource")
        self.source.setWordWrap(True)
        self.audience.currentTextChanged.connect(self._show_source)
        self.sessions = session_list(self, project)
        self.sections: dict[str, QCheckBox] = {}
        box = QGroupBox(self.tr("Sections"))
        column = QVBoxLayout(box)
        for key, label in SECTIONS.items():
            check = QCheckBox(tr(label))
            check.setChecked(key in DEFAULT_SECTIONS)
            check.setEnabled(key not in ALWAYS)
            self.sections[key] = check
            column.addWidget(check)
        self.sensitive = QCheckBox(self.tr("Include notes marked sensitive"))
        self.audio = QCheckBox(
            self.tr(
                "Attach the clips' audio (anonymised, bleeps applied) "
                "where every speaker agreed to the use of their voice"
            )
        )
        form = QFormLayout()
        form.addRow(self.tr("For:"), self.audience)
        form.addRow("", self.source)
        form.addRow(self.tr("Sessions:"), self.sessions)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(box)
        layout.addWidget(self.sensitive)
        layout.addWidget(self.audio)

    def _audiences(self, choices) -> QStandardItemModel:
        """The organisations, those on the consent form first, each with where it is from."""
        model = QStandardItemModel(self)
        for choice in choices:
            sources = []
            if choice.on_consent_form:
                sources.append(self.tr("named on the consent form"))
            if choice.earlier_packs:
                sources.append(
                    self.tr("used in {0}").format(
                        counted(
                            choice.earlier_packs, self.tr("earlier pack"), self.tr("earlier packs")
                        )
                    )
                )
            if choice.at_sessions:
                sources.append(self.tr("partner present at “{0}”").format(choice.at_sessions[0])
                               if len(choice.at_sessions) == 1 else
                               self.tr("partner present at {0} sessions").format(
                                   len(choice.at_sessions)))  # fmt: skip
            item = QStandardItem(choice.name)
            item.setData("; ".join(sources), SOURCE_ROLE)
            item.setData(choice.on_consent_form, NAMED_ROLE)
            item.setToolTip("; ".join(sources))
            model.appendRow(item)
        return model

    def _show_source(self, text: str) -> None:
        """Say where the name typed or chosen comes from, and point to the consent form's own
        name when it is another one."""
        name = " ".join(text.split()).casefold()
        model = self.audience.model()
        rows = [model.item(r) for r in range(model.rowCount())]
        match = next((i for i in rows if i.text().casefold() == name), None)
        named = [i.text() for i in rows if i.data(NAMED_ROLE)]
        if not name:
            self.source.clear()
        elif match is not None and match.data(NAMED_ROLE):
            self.source.setText(self.tr("Named on the consent form: each person said yes or no "
                                        "to sharing with it."))  # fmt: skip
        else:
            where = match.data(SOURCE_ROLE) if match is not None else self.tr("typed here")
            text = self.tr("Not on the consent form ({0}): nobody has agreed to sharing with it "
                           "by this name.").format(where)  # fmt: skip
            like = [n for n in named if n.casefold() in name or name in n.casefold()]
            if like:
                text += " " + self.tr("Did you mean “{0}”, the consent form's name?").format(
                    like[0])  # fmt: skip
            self.source.setText(text)

    def session_ids(self) -> tuple[str, ...]:
        return checked_sessions(self.sessions)

    def options(self, cls):
        sections = frozenset(k for k, box in self.sections.items() if box.isChecked())
        return cls(self.audience.currentText().strip(), self.session_ids(), sections,
                   self.sensitive.isChecked(), self.audio.isChecked())  # fmt: skip

    def isComplete(self) -> bool:
        return bool(self.audience.currentText().strip()) and bool(self.session_ids())


class CheckPage(QWizardPage):
    """What consent lets in, and counts of what it leaves out, by reason."""

    def __init__(self, project, runner, parent=None):
        super().__init__(parent)
        self.project = project
        self.plan = None
        self.setTitle(self.tr("What goes in"))
        self.setSubTitle(self.tr("Checked against each person's consent as it stands today."))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.progress = QProgressBar()
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("What"), self.tr("How many")])
        self.tree.setAccessibleName(self.tr("Included and left out"))
        fit_columns(self.tree, 0)
        self._planning = Operation(self, runner, project)
        self._planning.progressed.connect(
            lambda n, _total, text: (self.progress.setValue(n), self.status.setText(text + "…"))
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        layout.addWidget(self.tree, 1)

    def initializePage(self) -> None:
        self.plan = None
        self.tree.clear()
        self.progress.setRange(0, 10)
        self.progress.setValue(0)
        self.progress.show()
        self.status.setText(self.tr("Checking consent…"))
        options, make_plan = _options(self.wizard()), type(self).make_plan
        self._planning.start(
            lambda job: make_plan(job.project, options,
                                  lambda n, text: job.progress(n, 10, text)),
            self._planned, self._failed)  # fmt: skip

    @staticmethod
    def make_plan(project, options, progress):
        """On a worker: what would go in."""
        return project.packs.plan(options, progress)

    def _planned(self, plan) -> None:
        self.plan = plan
        self.progress.hide()
        sel = plan.selection
        sections = plan.options.sections
        included = QTreeWidgetItem([self.tr("Going in"), ""])
        rows = [(self.tr("Notes"), len(sel.notes) if "themes" in sections else 0),
                (self.tr("Quotes from clips"), len(sel.quotes))]  # fmt: skip
        if plan.options.attach_audio:
            rows.append((self.tr("Audio files attached"), len(sel.audio)))
        rows.append((self.tr("People whose words are in it"), len(sel.people)))
        for label, n in rows:
            included.addChild(QTreeWidgetItem([label, str(n)]))
        left = QTreeWidgetItem([self.tr("Left out"), ""])
        names = {"note": self.tr("notes"), "clip": self.tr("clips"),
                 "audio": self.tr("audio files")}  # fmt: skip
        for kind, reasons in sel.excluded.items():
            for reason, n in reasons.most_common():
                left.addChild(QTreeWidgetItem([f"{reason} ({names.get(kind, kind)})", str(n)]))
        if not left.childCount():
            left.addChild(QTreeWidgetItem([self.tr("Nothing: everyone agreed"), "0"]))
        self.tree.addTopLevelItems([included, left])
        self.tree.expandAll()
        undecided = plan.undecided
        self.status.setText(
            self.tr("Next: {0} to decide.").format(pieces(undecided))
            if undecided
            else self.tr("Every possible piece of personal data is decided.")
        )
        if not plan.audience_named:
            self.status.setText(self.status.text() + " " + self.tr(
                "“{0}” is not named on the consent form, so nobody has agreed to sharing "
                "with it: only unsigned notes from sessions under a group agreement can go "
                "in. Check the spelling, or choose an organisation from the list.").format(
                    sel.audience))  # fmt: skip
        missing = plan.missing_characters()
        if missing:
            warning = self.tr("Characters in none of the pack's fonts ({0}), such as {1}, "
                              "will print as their Unicode code in brackets, listed on the "
                              "cover.")  # fmt: skip
            examples = " ".join(missing[:5])
            self.status.setText(f"{self.status.text()} {warning.format(len(missing), examples)}")
        self.completeChanged.emit()

    def _failed(self, exc: BaseException) -> None:
        self.progress.hide()
        self.status.setText(user_message(exc))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.plan is not None


class ReviewPage(QWizardPage):
    """The anonymise screen, limited to the texts this pack would carry."""

    def __init__(self, project, runner, parent=None):
        super().__init__(parent)
        self.setTitle(self.tr("Personal data"))
        self.setSubTitle(self.tr("Decide each one: A removes it, R keeps it. The pack cannot "
                                 "be made while any is undecided."))  # fmt: skip
        self.review = AnonymisePage(project, runner)
        self.review.refresh()
        self.review.findings_changed.connect(self.completeChanged)
        self.review.scan_button.setText(self.tr("Check again"))
        self.review.heading.hide()  # the wizard page has its own title
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.review)

    def initializePage(self) -> None:
        plan = self.wizard().check.plan
        # a pack names by pseudonym only those who agreed to its audience; feedback nobody
        self.review.set_scope(lambda items=plan.items: items, plan.sharing)
        self.review.findings = []
        self.review.scan()

    def isComplete(self) -> bool:
        return self.review.scanned and self.review.undecided() == 0


class ExportPage(QWizardPage):
    """Where the pack goes and its password. Finish makes it (Stop stops it); once made, the
    page shows what was made, with Open the PDF and Show in folder, and Finish becomes Close."""

    def __init__(self, project, runner, parent=None):
        super().__init__(parent)
        self.project = project
        self.result = None
        self.building = False
        self._suggested = ""
        self._building = Operation(self, runner, project)
        self._building.progressed.connect(self._show_progress)
        self.setTitle(self.tr("Make the pack"))
        self.setSubTitle(
            self.tr(
                "The PDF is marked confidential for its audience on every "
                "page. A password encrypts it (AES-256). Finish makes it."
            )
        )
        self.path = QLineEdit()
        self.path.setAccessibleName(self.tr("Save the pack as"))
        self.path.textChanged.connect(self.completeChanged)
        self.browse = QPushButton(self.tr("Choose…"))
        self.browse.clicked.connect(self.choose_file)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        self.password = PassphraseField(self.tr("PDF password"))
        self.password.edit.setPlaceholderText(self.tr("Optional; at least 8 characters"))
        self.again = PassphraseField(self.tr("PDF password again"))
        self.cancel_button = QPushButton(self.tr("Stop"))
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error = error_label("packError")
        self.open_button = QPushButton(self.tr("Open the PDF"))
        self.open_button.clicked.connect(lambda: self._open(self.result.path))
        self.folder_button = QPushButton(self.tr("Show in folder"))
        self.folder_button.clicked.connect(lambda: self._open(self.result.path.parent))
        self.form = QWidget()
        form = QFormLayout(self.form)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Save as:"), row)
        form.addRow(self.tr("Password:"), self.password)
        form.addRow(self.tr("Again:"), self.again)
        working = QHBoxLayout()
        working.addWidget(self.progress, 1)
        working.addWidget(self.cancel_button)
        made = QHBoxLayout()
        made.addWidget(self.open_button)
        made.addWidget(self.folder_button)
        made.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addLayout(working)
        layout.addWidget(self.error)
        layout.addWidget(self.status)
        layout.addLayout(made)
        layout.addStretch(1)
        self._show_made(False)
        self.setFinalPage(True)

    def suggested_name(self) -> str:
        audience = re.sub(r"[^\w -]+", "", _options(self.wizard()).audience).strip()
        return f"Pack for {audience} {dt.date.today():%Y-%m-%d}.pdf"

    def initializePage(self) -> None:
        name = str(self.project.path.parent / self.suggested_name())
        if self.path.text() in ("", self._suggested):  # not one the facilitator chose
            self.path.setText(name)
        self._suggested = name

    def choose_file(self) -> None:
        path, _chosen = QFileDialog.getSaveFileName(
            self, self.tr("Save the pack"), self.path.text(), self.tr("PDF (*.pdf)")
        )
        if path:
            self.path.setText(path)

    def target(self) -> Path:
        path = Path(self.path.text().strip()).expanduser()
        return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")

    def validatePage(self) -> bool:
        """Finish: make the pack and stay open to show it; once it is made, Finish is Close."""
        if self.result is not None:
            return True
        self.build()
        return False

    def build(self) -> None:
        if self.building or self.result is not None or not self.path.text().strip():
            return
        password, again = self.password.edit.text(), self.again.edit.text()
        if password != again:
            self._error(self.tr("The two passwords are not the same."))
            return
        target = self.target()
        if target.exists() and not self._confirm_replace(target):
            return
        self.error.hide()
        self.building = True
        self._set_busy(True)
        options, make = _options(self.wizard()), type(self).make

        def work(job):
            # percent None: the whole-file check, which cannot say how far it has got
            return make(job.project, options, target, password,
                        lambda n, text: job.progress(n or 0, 0 if n is None else 100, text),
                        job.cancelled)  # fmt: skip

        self._building.start(work, self._built, self._failed)

    @staticmethod
    def make(project, options, target: Path, password: str, progress, cancelled):
        """On a worker: make and issue it."""
        return project.packs.build(options, target, password, progress, cancelled)

    def _error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def _confirm_replace(self, target: Path) -> bool:
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(self, self.tr("Replace the file?"),
                                      self.tr("{0} already exists. Replace it?").format(
                                          target.name))  # fmt: skip
        return answer == QMessageBox.StandardButton.Yes

    def cancel(self) -> None:
        if self.building:
            self._building.cancel()
            self.status.setText(self.tr("Stopping…"))

    def _set_busy(self, busy: bool) -> None:
        self.form.setEnabled(not busy)
        self.cancel_button.setVisible(busy)
        self.progress.setVisible(busy)
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.completeChanged.emit()  # Finish waits while the pack is being made
        self.wizard().hold_buttons()

    def _show_progress(self, percent: int, total: int, text: str) -> None:
        """Total 0: a step that cannot be measured, shown as busy rather than as a guess."""
        self.progress.setRange(0, total)
        self.progress.setValue(percent)
        self.status.setText(text + "…")

    def _built(self, result) -> None:
        self.building, self.result = False, result
        self._set_busy(False)
        self.form.setEnabled(False)  # one pack per wizard: it is made and logged
        self.status.setText(self.describe(result))
        self._show_made(True)
        self.wizard().made(result)

    def describe(self, result) -> str:
        extras = []
        if result.protected:
            extras.append(self.tr("password-protected"))
        if result.attachments:
            extras.append(
                self.tr("{0} attached").format(
                    counted(len(result.attachments), self.tr("audio file"), self.tr("audio files"))
                )
            )
        return (
            self.tr(
                "<b>Pack {0} is ready</b>: {1}, {2} and {3}, from {4}{5}."
                "<br>{6}<br>SHA-256 {7}<br>It is in the disclosure log on the Packs page."
            ).format(
                result.pack_id,
                counted(result.pages, self.tr("page"), self.tr("pages")),
                counted(result.notes, self.tr("note"), self.tr("notes")),
                counted(result.clips, self.tr("quote"), self.tr("quotes")),
                counted(result.people, self.tr("person"), self.tr("people")),
                "; " + ", ".join(extras) if extras else "",
                html.escape(str(result.path)),
                result.sha256,
            )
        )

    def _show_made(self, made: bool) -> None:
        self.open_button.setVisible(made)
        self.folder_button.setVisible(made)

    def _open(self, path: Path) -> None:
        """Open the pack or its folder in the computer's own programs (a local file: no
        network)."""
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self._error(self.tr("This computer has no program to open {0}. The pack is at {1}")
                        .format(path.name, self.result.path))  # fmt: skip

    def _failed(self, exc: BaseException) -> None:
        from coprod_desktop.export.pdf import Cancelled

        self.building = False
        self._set_busy(False)
        if isinstance(exc, Cancelled):
            self.status.setText(self.tr("Stopped: no pack was made and nothing was logged."))
        else:
            self.status.clear()
            self._error(user_message(exc))
        if self.wizard().closing:
            self.wizard().done(QWizard.DialogCode.Rejected)

    def isComplete(self) -> bool:
        return self.result is not None or (not self.building and bool(self.path.text().strip()))


def size_for(width: int, height: int) -> QSize:
    """The wizard's size on a screen with this much room: big enough for the review's table,
    never bigger than the screen (a 1280×720 laptop included)."""
    return QSize(min(1180, width - 40), min(720, height - 40))


class PackWizard(QWizard):
    finished_pack = Signal(object)  # PackResult

    def __init__(self, project, runner, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("New pack"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, False)
        self.closing = False
        self.choose, self.check, self.review, self.export = self.pages(project, runner)
        for page in (self.choose, self.check, self.review, self.export):
            self.addPage(page)
        # after the wizard's own handler, which would enable Back again while building
        self.export.completeChanged.connect(self.hold_buttons)
        self.currentIdChanged.connect(self.hold_buttons)
        screen = (parent or self).screen().availableGeometry()
        self.resize(size_for(screen.width(), screen.height()))

    def options(self):
        from coprod_desktop.services.packs import PackOptions

        return self.choose.options(PackOptions)

    def pages(self, project, runner) -> tuple:
        """What to make it from, what consent lets in, the review, and where it goes."""
        return (ChoosePage(project), CheckPage(project, runner), ReviewPage(project, runner),
                ExportPage(project, runner))

    def hold_buttons(self, *_args) -> None:
        """No going back while the pack is being made; once made, only Close."""
        made, building = self.export.result is not None, self.export.building
        self.setOption(QWizard.WizardOption.NoCancelButton, made)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, made)
        if made:
            self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Close"))
        back = self.button(QWizard.WizardButton.BackButton)
        if building and back is not None:
            back.setEnabled(False)

    def made(self, result) -> None:
        self.hold_buttons()
        self.finished_pack.emit(result)
        if self.closing:  # closed while it was being made, too late to stop it
            self.done(QWizard.DialogCode.Accepted)

    def showEvent(self, event) -> None:
        """Enter means Next (or Finish) on every page: no button inside a page takes it."""
        own = [self.button(b) for b in (QWizard.WizardButton.NextButton,
                                         QWizard.WizardButton.FinishButton,
                                         QWizard.WizardButton.CommitButton)]  # fmt: skip
        settle_default(self, None, keep=own)
        super().showEvent(event)

    def reject(self) -> None:
        """Closing while the pack is being made stops it first (nothing half-written)."""
        if self.export.building:
            self.closing = True
            self.export.cancel()
            return
        super().reject()
