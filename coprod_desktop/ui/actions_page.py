"""The Actions page: what partner organisations will do about what people said, who owns each,
by when, how far it has got and what the partner has said since. A record tab with filters by
organisation and status; overdue actions come first and are marked in words as well as in
colour. Respond… (Ctrl+R) adds a partner's response and moves the status in one undo step.

`create_action()` is the one way other pages start an action from their material: a note or
theme on the board, a quote in the radio lab, an outcome on the Risks page."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QWidget,
)

from coprod_desktop.domain.actions import EVIDENCE_KINDS, Action, ActionStatus
from coprod_desktop.domain.ids import new_id
from coprod_desktop.domain.words import QT_TR_NOOP

from .action_dialog import ActionDialog, Evidence, ResponseDialog
from .messages import guard
from .models import WarningModel
from .record_tab import RecordTab
from .translation import tr
from .undo_commands import Undo
from .widgets import details_label

if TYPE_CHECKING:
    from coprod_desktop.services.project import Project

DUE_COLUMN = 3
# The status filter's choices besides one status: everything, what is still to happen, late.
ALL, OPEN, OVERDUE = "all", "open", "overdue"


def evidence_choices(project: Project) -> list[Evidence]:
    """Everything in the project an action can answer: each board's themes and notes
    (safeguarding-flagged notes marked), the radio lab's clips (quotes) and the outcomes."""
    boards = project.boards
    out: list[Evidence] = []
    for board in boards.boards():
        out += [Evidence("theme", t.id, t.name) for t in boards.themes(board.id)]
        out += [Evidence("note", n.id, n.text, n.safeguarding) for n in boards.notes(board.id)]
    out += [Evidence("clip", c.id, c.title) for c in project.radio.clips()]
    out += [Evidence("outcome", o.id, o.text) for o in project.risk_log.outcomes()]
    return out


def organisation_choices(project: Project) -> list[str]:
    """Those that own actions already, then the partners the project knows (on consent forms,
    earlier packs, at sessions): one entry a name, whatever its case."""
    spelt: dict[str, str] = {}
    for name in [*project.actions.organisations(), *project.packs.audiences()]:
        spelt.setdefault(name.casefold(), name)
    return sorted(spelt.values(), key=str.casefold)


def action_dialog(parent: QWidget, project: Project, action: Action,
                  save: Callable[[Action], Action], is_new: bool) -> ActionDialog:  # fmt: skip
    """The dialog for `action`, with the project's organisations, sessions and evidence."""
    return ActionDialog(action, save, organisation_choices(project), project.sessions.list(),
                        lambda: evidence_choices(project), is_new, parent)  # fmt: skip


def _label(action: Action) -> str:
    """How an action is named in the undo history."""
    text = action.text if len(action.text) <= 40 else action.text[:39] + "…"
    return f"action “{text}”"


def create_action(parent: QWidget, project: Project, undo_stack: QUndoStack,
                  evidence: tuple[tuple[str, str], ...], text: str = "",
                  session_id: str | None = None) -> Action | None:  # fmt: skip
    """Start an action from a note, theme, quote or outcome (`evidence`): the action dialog
    opens with it linked; once saved, the change is one undo step, the Actions page (if
    built) shows it, and the status bar says where to find it. The action saved, or None."""
    service = project.actions
    draft = replace(service.draft(evidence, text, session_id), id=new_id())

    def save(action: Action) -> Action:
        replaced = service.replaced("action", action.id)
        service.save(action)
        undo_stack.push(Undo.put_back(f"Add {_label(action)}", service, replaced))
        return service.get(action.id)

    dialogs: list[ActionDialog] = []
    with guard(parent, tr("Actions")) as outcome:
        dialogs.append(action_dialog(parent, project, draft, save, True))
    if outcome.failed:
        return None
    dialog = dialogs[0]
    saved = dialog.saved if dialog.exec() else None
    dialog.deleteLater()
    if saved is None:
        return None
    project.changes.tell("action")  # the Actions page, if built, shows it
    window = parent.window()
    if hasattr(window, "statusBar"):
        window.statusBar().showMessage(
            tr("Action added: it is on the Actions page (Ctrl+0)."), 8000)
    return saved


class ActionsPage(RecordTab):
    LISTENS = frozenset({"action", "board", "clip", "outcome", "session"})
    noun = "action"
    free_column = 0

    def __init__(self, project: Project, undo_stack: QUndoStack, parent=None):
        self.today: Callable[[], dt.date] = dt.date.today  # overdue is judged against this
        self._today = dt.date.today()
        self._evidence: dict[str, int] = {}
        self.respond_action: QAction | None = None
        model = WarningModel([
            (QT_TR_NOOP("Action"), lambda a: " ".join(a.text.split())),
            (QT_TR_NOOP("Organisation"), lambda a: a.organisation),
            (QT_TR_NOOP("Status"), lambda a: tr(ActionStatus(a.status).label)),
            (QT_TR_NOOP("Due"), self._due_text, self._due_order),
            (QT_TR_NOOP("Latest response"), self._latest_text,
             lambda a: a.latest_response.on if a.latest_response else dt.date.min),
            (QT_TR_NOOP("Evidence"), lambda a: self._evidence.get(a.id, 0)),
        ], lambda a: a.overdue(self._today), DUE_COLUMN)  # fmt: skip
        super().__init__(project, self.tr("Actions"), model, undo_stack, parent)
        model.setParent(self)
        self.table.sortByColumn(DUE_COLUMN, Qt.SortOrder.AscendingOrder)  # overdue first

        self.respond_action = QAction(self.tr("&Respond…"), self)
        self.respond_action.setShortcut(QKeySequence("Ctrl+R"))
        self.respond_action.setToolTip(self.tr("Add the partner's response to the selected "
                                               "action, and move its status (Ctrl+R)"))  # fmt: skip
        self.respond_action.triggered.connect(self.respond_current)
        self.addAction(self.respond_action)
        respond = QToolButton()
        respond.setDefaultAction(self.respond_action)
        respond.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.layout().itemAt(0).layout().addWidget(respond)

        self.status_filter = QComboBox()
        self.status_filter.setAccessibleName(self.tr("Show actions by status"))
        for label, data in ((self.tr("All actions"), ALL),
                            (self.tr("Open (not done or declined)"), OPEN),
                            (self.tr("Overdue"), OVERDUE)):  # fmt: skip
            self.status_filter.addItem(label, data)
        for status in ActionStatus:
            self.status_filter.addItem(tr(status.label), status)
        self.organisation_filter = QComboBox()
        self.organisation_filter.setAccessibleName(self.tr("Show actions of one organisation"))
        self.organisation_filter.addItem(self.tr("All organisations"), None)
        self.organisation_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToContents)
        for box in (self.status_filter, self.organisation_filter):
            box.currentIndexChanged.connect(lambda _i: self.refresh())
        show = QLabel(self.tr("Sho&w:"))
        show.setBuddy(self.status_filter)
        owner = QLabel(self.tr("Or&ganisation:"))
        owner.setBuddy(self.organisation_filter)
        self.summary = QLabel()
        self.summary.setAccessibleName(self.tr("How many actions are shown"))
        filters = QHBoxLayout()
        for widget in (show, self.status_filter, owner, self.organisation_filter):
            filters.addWidget(widget)
        filters.addSpacing(12)
        filters.addWidget(self.summary, 1)
        self.layout().insertLayout(1, filters)
        self.details = details_label(self.tr("The selected action in full"))
        self.layout().addWidget(self.details)
        self._update_actions()

    # the table -------------------------------------------------------------------------------
    def _due_text(self, action: Action) -> str:
        if action.due is None:
            return ""
        if action.overdue(self._today):
            return self.tr("Overdue · {0:%d %b %Y}").format(action.due)
        return f"{action.due:%d %b %Y}"

    def _due_order(self, action: Action) -> str:
        """Overdue first, then the other open actions by due date (no date last), then those
        done or declined."""
        rank = (0 if action.overdue(self._today)
                else 2 if ActionStatus(action.status).closed else 1)  # fmt: skip
        return f"{rank} {(action.due or dt.date.max).isoformat()}"

    def _latest_text(self, action: Action) -> str:
        latest = action.latest_response
        if latest is None:
            return ""
        text = " ".join(latest.text.split())
        return f"{latest.on:%d %b %Y} — {text if len(text) <= 60 else text[:59] + '…'}"

    # record tab --------------------------------------------------------------------------------
    def service(self):
        return self.project.actions

    def load(self) -> list[Action]:
        self._today = self.today()
        actions = self.project.actions.list()
        self._evidence = {a.id: len(self.project.actions.evidence(a)) for a in actions}
        self._fill_organisations(actions)
        shown = [a for a in actions if self._wanted(a)]
        overdue = sum(a.overdue(self._today) for a in actions)
        summary = self.tr("Showing {0} of {1}.").format(len(shown), len(actions))
        if overdue:
            summary += " " + self.tr("{0} overdue.").format(overdue)
        self.summary.setText(summary if actions else "")
        return shown

    def _fill_organisations(self, actions: list[Action]) -> None:
        box = self.organisation_filter
        keep = box.currentData()
        names: dict[str, str] = {}
        for action in actions:  # one entry a name, spelt as it came first
            names.setdefault(action.organisation.casefold(), action.organisation)
        box.blockSignals(True)
        while box.count() > 1:
            box.removeItem(1)
        for key in sorted(names):
            box.addItem(names[key], key)
        box.setCurrentIndex(max(0, box.findData(keep)))
        box.blockSignals(False)

    def _wanted(self, action: Action) -> bool:
        owner = self.organisation_filter.currentData()
        if owner is not None and action.organisation.casefold() != owner:
            return False
        status = self.status_filter.currentData()
        if status == OPEN:
            return not ActionStatus(action.status).closed
        if status == OVERDUE:
            return action.overdue(self._today)
        return status == ALL or ActionStatus(action.status) == status  # Qt keeps the text

    def draft(self) -> Action:
        return replace(self.project.actions.draft(), id=new_id())

    def store(self, record: Action) -> Action:
        self.project.actions.save(record)
        return self.project.actions.get(record.id)

    def make_dialog(self, record: Action, save, is_new: bool) -> ActionDialog:
        return action_dialog(self, self.project, record, save, is_new)

    def describe(self, record: Action) -> str:
        return self.tr("the action “{0}” ({1})").format(record.text[:60], record.organisation)

    def label(self, record: Action) -> str:
        return _label(record)

    def empty_text(self) -> str:
        if self.status_filter.currentData() != ALL or self.organisation_filter.currentIndex():
            return self.tr("No actions match what is chosen above.")
        return self.tr("No actions yet. Add one (Ctrl+Shift+N), or create one from a note or "
                       "theme on the board, a quote in the radio lab or an outcome on the Risks "
                       "page.")  # fmt: skip

    def show_current(self, action: Action | None) -> None:
        if action is None:
            self.details.setText("")
            return
        parts = [f"<b>{html.escape(self.tr('Action:'))}</b> {html.escape(action.text)}"]
        evidence = self.project.actions.evidence(action)
        if evidence:
            items = "; ".join(f"{tr(EVIDENCE_KINDS[kind])}: {' '.join(text.split())[:80]}"
                              for kind, _id, text in evidence)  # fmt: skip
            parts.append(f"<b>{html.escape(self.tr('Answers:'))}</b> {html.escape(items)}")
        for response in action.responses:
            parts.append(f"<b>{response.on:%d %b %Y}:</b> {html.escape(response.text)}")
        self.details.setText("<br>".join(parts))

    def _update_actions(self, *_args) -> None:
        super()._update_actions()
        if self.respond_action is not None:
            self.respond_action.setEnabled(self.current() is not None)

    # responding --------------------------------------------------------------------------------
    def respond_current(self) -> None:
        """Add a partner's response (and the status it moves to) to the selected action: one
        undo step."""
        action = self.current()
        if action is None:
            return
        service = self.project.actions

        def save(response):
            replaced = service.replaced("action", action.id)
            changed = service.respond(action.id, response.text, response.on,
                                      dialog.chosen_status())  # fmt: skip
            self.undo_stack.push(Undo.put_back(f"Respond to {_label(action)}", service,
                                               replaced))  # fmt: skip
            return changed

        dialog = ResponseDialog(save, ActionStatus(action.status), action.text, self)
        if dialog.exec():
            self.refresh()
            self.select_id(action.id)
        dialog.deleteLater()
