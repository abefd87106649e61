"""The first-run checklist on the Sessions page: each step a link to where it is done, ticked
once the project holds it, hidden when every step is done or the facilitator hides it."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from coprod_desktop.domain.first_steps import STEPS, Step, all_done

from .translation import tr


class FirstStepsPanel(QFrame):
    step_chosen = Signal(str)  # a step's key
    hide_requested = Signal()

    def __init__(self, steps: Callable[[], list[Step]], parent=None):
        super().__init__(parent)
        self._steps = steps
        self.setObjectName("firstSteps")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#firstSteps { background: #f1f8e9; border: 1px solid #aed581; }")
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        hide = QPushButton(self.tr("Hide this list"))
        hide.setToolTip(self.tr("View › Getting Started shows it again"))
        hide.clicked.connect(self.hide_requested)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(hide)
        self.rows: dict[str, QLabel] = {}
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        for key, *_rest in STEPS:
            label = QLabel()
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setTextInteractionFlags(
                Qt.TextInteractionFlag.LinksAccessibleByKeyboard
                | Qt.TextInteractionFlag.LinksAccessibleByMouse
            )
            label.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            label.linkActivated.connect(self.step_chosen)
            self.rows[key] = label
            layout.addWidget(label)
        self.steps: list[Step] = []

    def update_steps(self) -> list[Step]:
        """Tick what the project now holds; returns the steps."""
        self.steps = self._steps()
        done = sum(step.done for step in self.steps)
        self.heading.setText(self.tr("<b>Getting started</b> — {0} of {1} done. Each step "
                                     "takes you to where it is done.").format(
                                         done, len(self.steps)))  # fmt: skip
        for number, step in enumerate(self.steps, 1):
            mark = "✓" if step.done else "○"
            state = self.tr("done") if step.done else self.tr("to do")
            link = f'<a href="{step.key}">{escape(tr(step.label))}</a>'
            self.rows[step.key].setText(f"{mark} {number}. {link}")
            self.rows[step.key].setAccessibleName(f"{tr(step.label)}: {state}")
        return self.steps

    @property
    def finished(self) -> bool:
        return all_done(self.steps)

    def showEvent(self, event) -> None:
        self.update_steps()  # steps are done on other pages: look again each time it shows
        super().showEvent(event)
