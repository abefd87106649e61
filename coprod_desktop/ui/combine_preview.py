"""What combining another project file would do, as the combine dialog shows it before anything
is written: what is added and what is not, withdrawals arriving, the people to match (each
incoming person's pseudonym in the combined file, updated as matches change) and the records
edited on both laptops, each with the side to keep.

People are matched only by the facilitator: "New person" until they choose someone here (one
by one, or every suggestion at once with "Use suggested matches"). The choice for the selected
row is made in the box under each table, so the keyboard never has to reach into a cell.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coprod_desktop.domain import combining as rules
from coprod_desktop.domain.combining import OURS, THEIRS, Conflict, Plan
from coprod_desktop.domain.participants import Role
from coprod_desktop.domain.words import QT_TR_NOOP

from .translation import tr
from .widgets import ERROR_COLOUR, fit_columns, key_button

PEOPLE_COLUMNS = (QT_TR_NOOP("In the other file"), QT_TR_NOOP("Real name"), QT_TR_NOOP("Role"),
                  QT_TR_NOOP("Suggested"), QT_TR_NOOP("Same person as"),
                  QT_TR_NOOP("Will be"))  # fmt: skip
CONFLICT_COLUMNS = (QT_TR_NOOP("Record"), QT_TR_NOOP("What differs"),
                    QT_TR_NOOP("Keep"))  # fmt: skip
NEW = ""  # the "Same person as" choice that keeps someone a new person


def counted(counts: dict[str, int]) -> str:
    """"3 sessions, 1 note" with each kind's noun translated."""
    return ", ".join(f"{n:,} {tr(rules.noun(kind, n))}" for kind, n in counts.items() if n)


def _table(columns: tuple[str, ...], name: str, free: int | None) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setHorizontalHeaderLabels([tr(c) for c in columns])
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.setTabKeyNavigation(False)  # rows are chosen with the arrows; Tab moves on
    table.setAlternatingRowColors(True)
    fit_columns(table, free)
    return table


def _role(value: str) -> str:
    try:
        return Role(value).label
    except ValueError:
        return value


def _differ(one: str, other: str) -> bool:
    """Two real names, both given, that are not the same name."""
    key = lambda name: " ".join(name.split()).casefold()  # noqa: E731
    return bool(key(one) and key(other)) and key(one) != key(other)


def _set_row(table: QTableWidget, row: int, values: list[str]) -> None:
    for column, value in enumerate(values):
        item = QTableWidgetItem(value)
        item.setToolTip(value)
        table.setItem(row, column, item)


class CombinePreview(QWidget):
    changed = Signal()  # a match or a side to keep was chosen

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.plan: Plan | None = None
        self.matches: dict[str, str] = {}  # incoming id -> id here
        self.keep: dict[tuple[str, str], str] = {}
        self.summary = QLabel()
        self.summary.setObjectName("combineSummary")
        self.summary.setWordWrap(True)
        self.withdrawals = QLabel()
        self.withdrawals.setObjectName("combineWithdrawals")
        self.withdrawals.setWordWrap(True)
        self.withdrawals.setStyleSheet(f"color: {ERROR_COLOUR}; font-weight: bold;")

        self.people_title = QLabel(self.tr("<b>People new to this file</b> — someone already "
                                           "here is the same person only if you say so."))
        self.people = _table(PEOPLE_COLUMNS, self.tr("People in the other file"), None)
        self.people.itemSelectionChanged.connect(self._person_chosen)
        self.same = QComboBox()
        self.same.setAccessibleName(self.tr("Same person as"))
        self.same.activated.connect(self._match_chosen)
        self.use_suggested = QPushButton(self.tr("&Use suggested matches"))
        key_button(self.use_suggested, "Ctrl+U")
        self.use_suggested.clicked.connect(self.accept_suggestions)
        same_row = QHBoxLayout()
        same_label = QLabel(self.tr("&Same person as:"))
        same_label.setBuddy(self.same)
        same_row.addWidget(same_label)
        same_row.addWidget(self.same, 1)
        same_row.addWidget(self.use_suggested)

        self.conflicts_title = QLabel(self.tr("<b>Edited on both laptops</b> — choose which "
                                              "to keep; the newer is chosen for you."))
        self.conflicts = _table(CONFLICT_COLUMNS, self.tr("Records edited on both laptops"), 1)
        self.conflicts.itemSelectionChanged.connect(self._conflict_chosen)
        self.side = QComboBox()
        self.side.setAccessibleName(self.tr("Keep"))
        self.side.activated.connect(self._side_chosen)
        side_row = QFormLayout()
        side_row.addRow(self.tr("&Keep:"), self.side)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.withdrawals)
        layout.addWidget(self.people_title)
        layout.addWidget(self.people, 1)
        layout.addLayout(same_row)
        layout.addWidget(self.conflicts_title)
        layout.addWidget(self.conflicts, 1)
        layout.addLayout(side_row)
        self._people_parts = (self.people_title, self.people, same_label, self.same,
                              self.use_suggested)  # fmt: skip
        self._conflict_parts = (self.conflicts_title, self.conflicts, side_row.labelForField(
            self.side), self.side)  # fmt: skip

    # showing the plan -------------------------------------------------------------------
    def show_plan(self, plan: Plan, file_name: str) -> None:
        self.plan, self.matches, self._file_name = plan, {}, file_name
        self.keep = {c.key: c.default for c in plan.conflicts}
        self.same.clear()
        self.same.addItem(self.tr("New person"), NEW)
        for person in sorted(plan.ours, key=lambda p: p.pseudonym):
            name = f"{person.pseudonym} ({person.real_name})" if person.real_name else \
                person.pseudonym
            self.same.addItem(name, person.id)
        self.people.setRowCount(len(plan.people))
        self.conflicts.setRowCount(len(plan.conflicts))
        for part in self._people_parts:
            part.setVisible(bool(plan.people))
        for part in self._conflict_parts:
            part.setVisible(bool(plan.conflicts))
        self.use_suggested.setVisible(bool(plan.suggested))
        self._fill_people()
        self._fill_conflicts()
        for table in (self.people, self.conflicts):
            if table.rowCount():
                table.selectRow(0)

    def _summary_text(self, plan: Plan, file_name: str) -> str:
        lines = []
        added = {k: n for k, n in plan.added.items() if k != "audit_log"}
        if added.get("participants"):  # a person matched is one here, not one more
            added["participants"] -= len(self.matches)
        if added:
            lines.append(self.tr("Will be added from {0}: {1}.").format(file_name,
                                                                      counted(added)))
        else:
            lines.append(self.tr("Nothing new to add from {0}: everything in it is already "
                                 "here.").format(file_name))  # fmt: skip
        if plan.audio_seconds:
            lines.append(self.tr("Audio to copy: {0}.").format(self._duration(plan.audio_seconds)))
        if plan.added.get("audit_log"):
            lines.append(self.tr("The other file's audit log ({0:,} entries) is added to this "
                                 "project's.").format(plan.added["audit_log"]))  # fmt: skip
        if plan.same_as_here:
            lines.append(self.tr("Already here, the same in both files: {0:,} records.")
                         .format(plan.same_as_here))  # fmt: skip
        if plan.decided_before:
            lines.append(self.tr("Edited on both laptops and decided at an earlier combine "
                                 "(this file's kept): {0:,}.").format(plan.decided_before))
        if plan.removed_here:
            lines.append(self.tr("Not added, because it was deleted here: {0}.")
                         .format(counted(plan.removed_here)))  # fmt: skip
        if plan.dangling:
            lines.append(self.tr("Not added, because what it belongs to was deleted here: {0}.")
                         .format(counted(plan.dangling)))  # fmt: skip
        for form in plan.forms_kept_apart:
            lines.append(self.tr("Consent form kept apart (same name and version, other "
                                 "wording): {0}.").format(form))  # fmt: skip
        if plan.withdrawn_here_only:
            lines.append(self.tr("{0} withdrew here, and {1} still holds their material: "
                                 "combine this project into it too, or delete it.").format(
                ", ".join(plan.withdrawn_here_only), file_name))  # fmt: skip
        return "\n".join(lines)

    def _duration(self, seconds: float) -> str:
        total = round(seconds)
        hours, rest = divmod(total, 3600)
        minutes, secs = divmod(rest, 60)
        if hours:
            return self.tr("{0} h {1:02d} min").format(hours, minutes)
        if minutes:
            return self.tr("{0} min {1:02d} s").format(minutes, secs)
        return self.tr("{0} s").format(secs)

    def will_be(self) -> dict[str, str]:
        """Each incoming person's pseudonym in the combined file, with the matches chosen."""
        plan = self.plan
        return rules.pseudonyms(plan.people, plan.ours, self.matches) if plan else {}

    def _fill_people(self) -> None:
        plan = self.plan
        here = {p.id: p for p in plan.ours}
        named = self.will_be()
        self.summary.setText(self._summary_text(plan, self._file_name))
        for row, person in enumerate(plan.people):
            suggested = plan.suggested.get(person.id)
            hint = self.tr("same real name as {0}").format(here[suggested].pseudonym) \
                if suggested else ""
            match = self.matches.get(person.id)
            if match:
                same, becomes = here[match].pseudonym, named[person.id]
                if list(self.matches.values()).count(match) > 1:
                    becomes = self.tr("{0} (chosen for two people: only one can be)").format(
                        becomes)  # fmt: skip
                elif _differ(person.real_name, here[match].real_name):
                    becomes = self.tr("{0} (their real names differ: check)").format(becomes)
            elif named[person.id] != person.pseudonym:
                same = self.tr("New person")
                becomes = self.tr("{0} (renumbered: {1} is taken here)").format(
                    named[person.id], person.pseudonym)
            else:
                same, becomes = self.tr("New person"), named[person.id]
            _set_row(self.people, row, [person.pseudonym, person.real_name, _role(person.role),
                                        hint, same, becomes])  # fmt: skip
        self._show_withdrawals(named)

    def _show_withdrawals(self, named: dict[str, str]) -> None:
        plan = self.plan
        # the plan names people as combined without matches; the names follow the choices
        unmatched = rules.pseudonyms(plan.people, plan.ours, {})
        now = {unmatched[p.id]: named[p.id] for p in plan.people}
        lines = []
        for who, scope in plan.withdrawals:
            who = now.get(who, who)
            lines.append({
                "everything": self.tr(
                    "{0} withdrew (everything) on the other laptop: their material will be "
                    "erased from the combined project, including what is on this laptop."),
                "audio_only": self.tr(
                    "{0} withdrew their audio on the other laptop: their recordings will be "
                    "erased from the combined project, including those on this laptop."),
            }.get(scope, self.tr(
                "{0} withdrew from future packs on the other laptop: nothing is erased, and "
                "nothing of theirs goes into new packs.")).format(who))  # fmt: skip
        self.withdrawals.setText("\n".join(lines))
        self.withdrawals.setVisible(bool(lines))

    def _side_text(self, conflict: Conflict, side: str) -> str:
        text = self.tr("This file's") if side == OURS else self.tr("The other file's")
        if len(conflict.differences) == 1:  # the value itself, so the choice reads alone
            [difference] = conflict.differences
            value = difference.ours if side == OURS else difference.theirs
            text = self.tr("{0}: “{1}”").format(text, value or self.tr("(empty)"))
        return self.tr("{0} (newer)").format(text) if conflict.newer == side else text

    def _fill_conflicts(self) -> None:
        for row, conflict in enumerate(self.plan.conflicts):
            empty = self.tr("(empty)")
            differs = "; ".join(self.tr("{0}: “{1}” here, “{2}” there").format(
                d.field.replace("_", " "), d.ours or empty, d.theirs or empty)
                for d in conflict.differences)  # fmt: skip
            _set_row(self.conflicts, row, [conflict.label, differs,
                                           self._side_text(conflict, self.keep[conflict.key])])

    # choosing ---------------------------------------------------------------------------
    def _person_chosen(self) -> None:
        row = self.people.currentRow()
        if self.plan is None or not 0 <= row < len(self.plan.people):
            return
        self.same.setCurrentIndex(max(0, self.same.findData(
            self.matches.get(self.plan.people[row].id, NEW))))

    def _match_chosen(self, _index: int = 0) -> None:
        row = self.people.currentRow()
        if self.plan is None or not 0 <= row < len(self.plan.people):
            return
        person, chosen = self.plan.people[row], self.same.currentData()
        if chosen == NEW:
            self.matches.pop(person.id, None)
        else:
            self.matches[person.id] = chosen
        self._fill_people()
        self.changed.emit()

    def accept_suggestions(self) -> None:
        if self.plan is None:
            return
        self.matches.update(self.plan.suggested)
        self._fill_people()
        self._person_chosen()
        self.changed.emit()

    def _conflict_chosen(self) -> None:
        row = self.conflicts.currentRow()
        if self.plan is None or not 0 <= row < len(self.plan.conflicts):
            return
        conflict = self.plan.conflicts[row]
        self.side.clear()
        for side in (OURS, THEIRS):
            self.side.addItem(self._side_text(conflict, side), side)
        self.side.setCurrentIndex(self.side.findData(self.keep[conflict.key]))

    def _side_chosen(self, _index: int = 0) -> None:
        row = self.conflicts.currentRow()
        if self.plan is None or not 0 <= row < len(self.plan.conflicts):
            return
        self.keep[self.plan.conflicts[row].key] = self.side.currentData()
        self._fill_conflicts()
        self.changed.emit()
