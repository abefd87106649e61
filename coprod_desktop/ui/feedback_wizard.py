"""The “You said, we did” wizard: the pack wizard's steps for the community's own document —
which sessions, full feedback or a poster for the venue wall; what consent lets it quote; every
possible piece of personal data decided; then Finish makes the PDF and logs it as community
feedback."""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLineEdit,
    QTreeWidgetItem,
    QVBoxLayout,
    QWizardPage,
)

from coprod_desktop.domain.words import counted, pieces

from .pack_wizard import (
    CheckPage,
    ExportPage,
    PackWizard,
    ReviewPage,
    checked_sessions,
    session_list,
)


class FeedbackChoosePage(QWizardPage):
    def __init__(self, project, parent=None):
        super().__init__(parent)
        self.setTitle(self.tr("You said, we did: what is it made from?"))
        self.setSubTitle(self.tr("For the community, in large print. It quotes only people who "
                                 "agreed to be quoted anonymously, and nothing marked "
                                 "sensitive or for safeguarding."))  # fmt: skip
        self.sessions = session_list(self, project)
        self.poster = QCheckBox(self.tr("A one-page poster for the venue wall (instead of the "
                                        "full feedback)"))  # fmt: skip
        self.cream = QCheckBox(self.tr("Pale cream pages (easier for some people to read)"))
        self.received = QCheckBox(self.tr("Say what people received for taking part (totals "
                                          "only, from the Reciprocity page)"))  # fmt: skip
        self.contact = QLineEdit()
        self.contact.setAccessibleName(self.tr("Who to talk to"))
        self.contact.setPlaceholderText(self.tr("e.g. Aileen at the community centre, "
                                                "Tuesdays 10–12"))  # fmt: skip
        form = QFormLayout()
        form.addRow(self.tr("Sessions:"), self.sessions)
        form.addRow(self.tr("Who to talk to:"), self.contact)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.poster)
        layout.addWidget(self.cream)
        layout.addWidget(self.received)

    def options(self):
        from coprod_desktop.services.feedback import FeedbackOptions

        return FeedbackOptions(checked_sessions(self.sessions), self.poster.isChecked(),
                               self.cream.isChecked(), self.contact.text(),
                               received=self.received.isChecked())  # fmt: skip

    def isComplete(self) -> bool:
        return bool(checked_sessions(self.sessions))


class FeedbackCheckPage(CheckPage):
    def __init__(self, project, runner, parent=None):
        super().__init__(project, runner, parent)
        self.setSubTitle(self.tr("Checked against each person's consent to be quoted, as it "
                                 "stands today."))  # fmt: skip

    @staticmethod
    def make_plan(project, options, progress):
        return project.feedback.plan(options, progress)

    def _planned(self, plan) -> None:
        self.plan = plan
        self.progress.hide()
        quoted = QTreeWidgetItem([self.tr("Quoted"), ""])
        notes = sum(1 for _t, kind, _i in plan.quoted if kind == "note")
        for label, n in ((self.tr("Notes"), notes),
                         (self.tr("Quotes from clips"), len(plan.quoted) - notes)):  # fmt: skip
            quoted.addChild(QTreeWidgetItem([label, str(n)]))
        left = QTreeWidgetItem([self.tr("Never quoted"), ""])
        names = {"note": self.tr("notes"), "clip": self.tr("clips")}
        for kind, reasons in plan.selection.excluded.items():
            for reason, n in reasons.most_common():
                left.addChild(QTreeWidgetItem([f"{reason} ({names.get(kind, kind)})", str(n)]))
        if not left.childCount():
            left.addChild(QTreeWidgetItem([self.tr("Nothing: everyone agreed"), "0"]))
        self.tree.addTopLevelItems([quoted, left])
        self.tree.expandAll()
        self.status.setText(
            self.tr("Next: {0} to decide.").format(pieces(plan.undecided)) if plan.undecided
            else self.tr("Every possible piece of personal data is decided."))  # fmt: skip
        self.completeChanged.emit()


class FeedbackExportPage(ExportPage):
    def __init__(self, project, runner, parent=None):
        super().__init__(project, runner, parent)
        self.setTitle(self.tr("Make the feedback"))
        self.setSubTitle(self.tr("It is public: not marked confidential and not password-"
                                 "protected. It goes in the disclosure log as community "
                                 "feedback. Finish makes it."))  # fmt: skip
        self.path.setAccessibleName(self.tr("Save the feedback as"))
        for field in (self.password, self.again):
            field.hide()
            self.form.layout().labelForField(field).hide()

    def suggested_name(self) -> str:
        what = "poster" if self.wizard().options().poster else "feedback"
        return f"You said, we did {what} {dt.date.today():%Y-%m-%d}.pdf"

    @staticmethod
    def make(project, options, target: Path, password: str, progress, cancelled):
        return project.feedback.build(options, target, progress, cancelled)

    def describe(self, result) -> str:
        return self.tr(
            "<b>Feedback {0} is ready</b>: {1}, {2}, {3} and {4}.<br>{5}<br>SHA-256 {6}<br>"
            "It is in the disclosure log on the Packs page."
        ).format(result.feedback_id, counted(result.pages, self.tr("page"), self.tr("pages")),
                 counted(result.themes, self.tr("theme"), self.tr("themes")),
                 counted(result.quotes, self.tr("quote"), self.tr("quotes")),
                 counted(result.actions, self.tr("action"), self.tr("actions")),
                 html.escape(str(result.path)), result.sha256)  # fmt: skip


class FeedbackWizard(PackWizard):
    def __init__(self, project, runner, parent=None):
        super().__init__(project, runner, parent)
        self.setWindowTitle(self.tr("You said, we did"))

    def options(self):
        return self.choose.options()

    def pages(self, project, runner) -> tuple:
        review = ReviewPage(project, runner)
        review.setSubTitle(self.tr("Decide each one: A removes it, R keeps it. The feedback "
                                   "cannot be made while any is undecided."))  # fmt: skip
        return (FeedbackChoosePage(project), FeedbackCheckPage(project, runner), review,
                FeedbackExportPage(project, runner))
