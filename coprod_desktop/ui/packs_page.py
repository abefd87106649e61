"""Packs: the disclosure log of every pack issued (who it went to, when, the file's SHA-256,
what and whose material it carried), and the wizard that makes a new one."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coprod_desktop.domain.words import QT_TR_NOOP, counted, material

from .messages import guard
from .project_page import ProjectPage
from .translation import tr
from .widgets import record_table

COLUMNS = (QT_TR_NOOP("Pack"), QT_TR_NOOP("For"), QT_TR_NOOP("Issued"), QT_TR_NOOP("Pages"),
           QT_TR_NOOP("People"), QT_TR_NOOP("Items"), QT_TR_NOOP("Protected"),
           QT_TR_NOOP("File"))  # fmt: skip


class PacksPage(ProjectPage):
    LISTENS = frozenset({"session"})
    pack_made = Signal(object)

    def __init__(self, project, runner, parent: QWidget | None = None):
        super().__init__(project, parent)
        self.runner = runner
        self.rows: list[dict] = []
        self.add_action = QAction(self.tr("&New Pack…"), self)  # Ctrl+Shift+N, as on every page
        self.add_action.triggered.connect(self.new_pack)
        self.new_button = QPushButton(self.tr("New pack…"))
        self.new_button.setToolTip(self.tr("Make a confidential, anonymised pack for a partner "
                                           "organisation (Ctrl+Shift+N)"))  # fmt: skip
        self.new_button.clicked.connect(self.new_pack)
        self.feedback_action = QAction(self.tr("&You Said, We Did…"), self)
        self.feedback_action.setShortcut("Ctrl+Shift+Y")
        self.feedback_action.triggered.connect(self.new_feedback)
        self.addAction(self.feedback_action)
        self.feedback_button = QPushButton(self.tr("You said, we did…"))
        self.feedback_button.setToolTip(self.tr("Make the community's own feedback: what people "
                                                "said and what partners did, in large print "
                                                "(Ctrl+Shift+Y)"))  # fmt: skip
        self.feedback_button.clicked.connect(self.new_feedback)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = record_table([tr(c) for c in COLUMNS], self.tr("Packs issued"),
                                  len(COLUMNS) - 1)  # fmt: skip
        self.table.itemSelectionChanged.connect(self._show_details)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setAccessibleName(self.tr("What the pack carried"))
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("<h2>Packs</h2>")))
        top.addStretch(1)
        top.addWidget(self.feedback_button)
        top.addWidget(self.new_button)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)

    def refresh(self) -> None:
        self.rows = self.project.packs.packs()
        self.table.setRowCount(len(self.rows))
        for row, pack in enumerate(self.rows):
            issued = dt.datetime.fromisoformat(pack["issued_at"]).astimezone()
            details = pack["details"]
            values = (pack["id"], pack["audience"], f"{issued:%d %b %Y %H:%M}",
                      str(details.get("pages", "")), str(pack["people"]), str(pack["items"]),
                      self.tr("Yes") if details.get("protected") else self.tr("No"),
                      pack["file_name"])  # fmt: skip
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.summary.setText(
            self.tr(
                "{0} issued. A withdrawal lists the packs that carried the person's "
                "material, so their partners can be told."
            ).format(counted(len(self.rows), self.tr("pack"), self.tr("packs")))
            if self.rows
            else self.tr("No packs issued yet. Press “New pack…” to make one.")
        )
        if self.rows:
            self.table.selectRow(0)
            self._show_details()  # the row may be the same one: show what it holds now
        else:
            self.details.clear()

    def _show_details(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.details.clear()
            return
        pack = self.rows[rows[0].row()]
        with guard(self, self.tr("Packs")) as outcome:
            items, people = self.project.packs.contents(pack["id"])
        if outcome.failed:
            return
        details = pack["details"]
        kinds = {"note": self.tr("notes"), "clip": self.tr("quotes from clips"),
                 "clip_audio": self.tr("audio files")}  # fmt: skip
        counts = Counter(kind for kind, _id in items)
        carried = ", ".join(f"{n} {kinds.get(k, k)}" for k, n in counts.items())
        whose = ", ".join(f"{pseudonym} ({n})" for _id, pseudonym, n in people)
        lines = [
            self.tr("Pack {0} for {1}, issued by {2}").format(
                pack["id"], pack["audience"], pack["issued_by"] or "?"),
            self.tr("File: {0}").format(pack["file_name"]),
            self.tr("SHA-256: {0}").format(pack["sha256"]),
            self.tr("Carried: {0}").format(carried or self.tr("no notes or quotes")),
            self.tr("Sections: {0}").format(", ".join(details.get("sections", []))),
            self.tr("Material from: {0}").format(whose or self.tr("nobody named")),
        ]  # fmt: skip
        for kind, reasons in details.get("excluded", {}).items():
            for reason, n in reasons.items():
                lines.append(self.tr("Left out: {0} — {1}").format(material(kind, n), reason))
        self.details.setPlainText("\n".join(lines))

    def new_pack(self) -> None:
        from .pack_wizard import PackWizard

        self._open_wizard(PackWizard(self.project, self.runner, self))

    def new_feedback(self) -> None:
        from .feedback_wizard import FeedbackWizard

        self._open_wizard(FeedbackWizard(self.project, self.runner, self))

    def _open_wizard(self, wizard) -> None:
        wizard.finished_pack.connect(lambda _result: self.refresh())
        wizard.finished_pack.connect(self.pack_made)
        self.wizard = wizard
        wizard.open()
