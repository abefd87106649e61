"""Add or edit a risk (and review it), a barrier, an outcome or a measure."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QWidget,
)

from coprod_desktop.domain.outcomes import Measure, Outcome, OutcomeType
from coprod_desktop.domain.risks import (
    BARRIER_CATEGORIES,
    TRANSITIONS,
    Affected,
    Barrier,
    Resolution,
    Risk,
    RiskCategory,
    RiskStatus,
    Side,
    level,
)

from .date_field import DateField
from .record_dialog import RecordDialog
from .translation import tr
from .widgets import choice_box, text_box

LIKELIHOOD = ("rare", "unlikely", "possible", "likely", "almost certain")
IMPACT = ("minor", "moderate", "serious", "major", "severe")


def _scale(value: int, words: Sequence[str]) -> QComboBox:
    return choice_box([(f"{n} — {w}", n) for n, w in enumerate(words, 1)], value)


class RiskDialog(RecordDialog):
    """A risk's details; when editing, its rating and status are a review with a note."""

    def __init__(self, risk: Risk, on_save: Callable, is_new: bool = True, parent=None):
        super().__init__(self.tr("New risk") if is_new else self.tr("Review risk"), on_save, parent)
        self._risk = risk
        self.category = choice_box([(c.label, c) for c in RiskCategory], risk.category)
        self.description = text_box(risk.description, self.tr("What could go wrong, for whom"))
        self.affects: dict[Affected, QCheckBox] = {}
        row = QHBoxLayout()
        for who in Affected:
            box = QCheckBox(tr(who.label))
            box.setChecked(who in risk.affects)
            self.affects[who] = box
            row.addWidget(box)
        affects = QWidget()
        affects.setLayout(row)
        row.setContentsMargins(0, 0, 0, 0)
        self.likelihood = _scale(risk.likelihood, LIKELIHOOD)
        self.impact = _scale(risk.impact, IMPACT)
        self.score = QLabel()
        self.mitigations = text_box(
            risk.mitigations, self.tr("What is done to prevent or lessen it")
        )
        self.owner = QLineEdit(risk.owner)
        self.owner.setPlaceholderText(self.tr("Who keeps an eye on it (a role is enough)"))
        allowed = [risk.status] if is_new else [risk.status, *TRANSITIONS[risk.status]]
        self.status = choice_box(
            [
                (RiskStatus(s).label, RiskStatus(s))
                for s in sorted(set(allowed), key=list(RiskStatus).index)
            ],
            risk.status,
        )
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("Why it changed (kept in the risk's history)"))
        for box in (self.likelihood, self.impact):
            box.currentIndexChanged.connect(self._show_score)
        self.form.addRow(self.tr("&Category:"), self.category)
        self.form.addRow(self.tr("&Risk:"), self.description)
        self.form.addRow(self.tr("Affects:"), affects)
        self.form.addRow(self.tr("&Likelihood:"), self.likelihood)
        self.form.addRow(self.tr("&Impact:"), self.impact)
        self.form.addRow(self.tr("Score:"), self.score)
        self.form.addRow(self.tr("&Mitigations:"), self.mitigations)
        self.form.addRow(self.tr("&Owner:"), self.owner)
        self.form.addRow(self.tr("&Status:"), self.status)
        if not is_new:
            self.form.addRow(self.tr("&Why:"), self.note)
        self._show_score()
        self.resize(620, 560)
        self.description.setFocus()

    def _show_score(self) -> None:
        score = self.likelihood.currentData() * self.impact.currentData()
        self.score.setText(self.tr("{0} ({1})").format(score, level(score)))

    def record(self) -> Risk:
        return Risk(
            self._risk.id,
            self.category.currentData(),
            self.description.toPlainText(),
            tuple(w for w, box in self.affects.items() if box.isChecked()),
            self.likelihood.currentData(),
            self.impact.currentData(),
            self.mitigations.toPlainText(),
            self.owner.text(),
            self.status.currentData(),
        )


def _sessions(sessions, current, none: str | None) -> QComboBox:
    items = [(none, None)] if none is not None else []
    items += [(f"{s.title} — {s.date:%d %b %Y}", s.id) for s in sessions]
    return choice_box(items, current)


class BarrierDialog(RecordDialog):
    def __init__(
        self, barrier: Barrier, sessions, on_save: Callable, is_new: bool = True, parent=None
    ):
        super().__init__(
            self.tr("New barrier") if is_new else self.tr("Edit barrier"), on_save, parent
        )
        self._barrier = barrier
        self.side = choice_box([(s.label, s) for s in Side], barrier.side)
        self.category = QComboBox()
        self.side.currentIndexChanged.connect(self._fill_categories)
        self._fill_categories()
        self.category.setCurrentIndex(max(0, self.category.findData(barrier.category)))
        self.description = text_box(barrier.description, self.tr("What got in the way"))
        self.met_on = DateField(barrier.met_on)
        self.session = _sessions(sessions, barrier.session_id, self.tr("Not at a session"))
        self.where = QLineEdit(barrier.where)
        self.where.setPlaceholderText(self.tr("e.g. planning meeting with the health board"))
        self.response = text_box(barrier.response, self.tr("How it was, or was not, overcome"))
        self.resolution = choice_box([(r.label, r) for r in Resolution], barrier.resolution)
        self.form.addRow(self.tr("&Side:"), self.side)
        self.form.addRow(self.tr("&Category:"), self.category)
        self.form.addRow(self.tr("&Barrier:"), self.description)
        self.form.addRow(self.tr("&When:"), self.met_on)
        self.form.addRow(self.tr("S&ession:"), self.session)
        self.form.addRow(self.tr("Where e&lse:"), self.where)
        self.form.addRow(self.tr("&How it was met:"), self.response)
        self.form.addRow(self.tr("&Result:"), self.resolution)
        self.resize(600, 520)
        self.description.setFocus()

    def _fill_categories(self) -> None:
        self.category.clear()
        for key, label in BARRIER_CATEGORIES[self.side.currentData()].items():
            self.category.addItem(tr(label), key)

    def record(self) -> Barrier:
        return Barrier(
            self._barrier.id,
            self.side.currentData(),
            self.category.currentData(),
            self.description.toPlainText(),
            self.met_on.date(),
            self.session.currentData(),
            self.where.text(),
            self.response.toPlainText(),
            self.resolution.currentData(),
        )


class OutcomeDialog(RecordDialog):
    """An outcome of a session, with the notes and clips of that session that show it."""

    def __init__(
        self,
        outcome: Outcome,
        sessions,
        evidence_for: Callable[[str], list],
        on_save: Callable,
        is_new: bool = True,
        parent=None,
    ):
        super().__init__(
            self.tr("New outcome") if is_new else self.tr("Edit outcome"), on_save, parent
        )
        self._outcome = outcome
        self._evidence_for = evidence_for
        self.session = _sessions(sessions, outcome.session_id, None)
        self.type = choice_box([(t.label, t) for t in OutcomeType], outcome.type)
        self.text = text_box(outcome.text, self.tr("What changed, for whom"), 90)
        self.observed_on = DateField(outcome.observed_on)
        self.evidence = QListWidget()
        self.evidence.setAccessibleName(self.tr("Notes and clips that show it"))
        self.session.currentIndexChanged.connect(self._fill_evidence)
        self._fill_evidence()
        self.form.addRow(self.tr("S&ession:"), self.session)
        self.form.addRow(self.tr("&Type:"), self.type)
        self.form.addRow(self.tr("&Outcome:"), self.text)
        self.form.addRow(self.tr("&Seen on:"), self.observed_on)
        self.form.addRow(self.tr("E&vidence:"), self.evidence)
        self.resize(620, 560)
        self.text.setFocus()

    def _fill_evidence(self) -> None:
        chosen = set(self._outcome.evidence)
        self.evidence.clear()
        session = self.session.currentData()
        for kind, item_id, label in self._evidence_for(session) if session else ():
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, (kind, item_id))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if (kind, item_id) in chosen else Qt.CheckState.Unchecked
            )
            self.evidence.addItem(item)

    def record(self) -> Outcome:
        items = [self.evidence.item(i) for i in range(self.evidence.count())]
        evidence = tuple(
            tuple(i.data(Qt.ItemDataRole.UserRole))
            for i in items
            if i.checkState() == Qt.CheckState.Checked
        )
        return Outcome(
            self._outcome.id,
            self.session.currentData() or "",
            self.type.currentData(),
            self.text.toPlainText(),
            self.observed_on.date(),
            evidence,
        )


class MeasureDialog(RecordDialog):
    """A question answered anonymously on a 1–5 scale: only the counts are typed in."""

    def __init__(
        self, measure: Measure, sessions, on_save: Callable, is_new: bool = True, parent=None
    ):
        super().__init__(
            self.tr("New measure") if is_new else self.tr("Edit measure"), on_save, parent
        )
        self._measure = measure
        self.session = _sessions(sessions, measure.session_id, None)
        self.question = QLineEdit(measure.question)
        self.question.setPlaceholderText(self.tr("e.g. How listened to did you feel today?"))
        self.low = QLineEdit(measure.low_label)
        self.high = QLineEdit(measure.high_label)
        self.counts: list[QSpinBox] = []
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for n, count in enumerate(measure.counts, 1):
            spin = QSpinBox()
            spin.setRange(0, 9999)
            spin.setValue(count)
            spin.setPrefix(f"{n}: ")
            spin.setAccessibleName(self.tr("People who answered {0}").format(n))
            self.counts.append(spin)
            row.addWidget(spin)
        counts = QWidget()
        counts.setLayout(row)
        self.form.addRow(self.tr("S&ession:"), self.session)
        self.form.addRow(self.tr("&Question:"), self.question)
        self.form.addRow(self.tr("1 &means:"), self.low)
        self.form.addRow(self.tr("{0} mean&s:").format(len(measure.counts)), self.high)
        self.form.addRow(self.tr("&Answers:"), counts)
        self.resize(600, 300)
        self.question.setFocus()

    def record(self) -> Measure:
        return Measure(
            self._measure.id,
            self.session.currentData() or "",
            self.question.text(),
            tuple(s.value() for s in self.counts),
            self.low.text(),
            self.high.text(),
        )
