"""“Can it go out?”: the broadcast gate of the selected programme, checked in the background
(it reviews the clips' transcripts) each time the programme changes. It shows either that every
voice agreed, with the credits line, or who refused and why (by pseudonym); what a render leaves
out; and releases that must be re-made because someone heard in them has since withdrawn."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from coprod_desktop.domain.programmes import BroadcastGate

from .messages import report_failure
from .tasks import Operation
from .widgets import ERROR_COLOUR

GREEN = "#1b6e20"


@dataclass(frozen=True)
class GateView:
    gate: BroadcastGate
    credits: str
    remake: object | None  # services.programmes.Remake


def check(job, programme_id: str) -> GateView | None:
    """On the worker: the gate, the credits and any re-make owed, for one programme."""
    service = job.project.programmes
    programme = service.get(programme_id)
    if programme is None:
        return None
    gate = service.gate(programme, progress=lambda n, total: job.progress(n, total))
    return GateView(gate, service.credits(programme), service.remakes().get(programme_id))


class GatePanel(QGroupBox):
    remake_asked = Signal()  # take out the items whose audio was erased or voice withdrawn

    def __init__(self, project, runner, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("Can it go out?"))
        self.view: GateView | None = None
        self._checking = Operation(self, runner, project)
        self.verdict = QLabel()
        self.verdict.setObjectName("gateVerdict")
        self.verdict.setWordWrap(True)
        self.verdict.setAccessibleName(self.tr("Whether the programme can go out"))
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setAccessibleName(self.tr("Who refused, what is left out"))
        self.remake = QLabel()
        self.remake.setWordWrap(True)
        self.remake.setStyleSheet(f"color: {ERROR_COLOUR}; font-weight: bold;")
        self.remake.setAccessibleName(self.tr("Releases to re-make"))
        self.remake_button = QPushButton(self.tr("Re-make &without them"))
        self.remake_button.setToolTip(self.tr("Take out of the running order every item whose "
                                              "audio was erased or whose speaker withdrew "
                                              "(Ctrl+Z puts them back)"))  # fmt: skip
        self.remake_button.clicked.connect(self.remake_asked)
        layout = QVBoxLayout(self)
        for widget in (self.verdict, self.details, self.remake_button, self.remake):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.show_for(None)

    @property
    def checking(self) -> bool:
        return self._checking.running

    def show_for(self, programme_id: str | None) -> None:
        """Check the programme afresh (None: nothing to check)."""
        self.view = None
        self.details.clear()
        self.remake.hide()
        self.remake_button.hide()
        if programme_id is None:
            self._checking.cancel()
            self.verdict.setText(self.tr("Choose or make a programme."))
            self.verdict.setStyleSheet("")
            return
        self.verdict.setText(self.tr("Checking consent and the transcripts…"))
        self.verdict.setStyleSheet("")
        self._checking.start(lambda job: check(job, programme_id), self._checked, self._failed)

    def _checked(self, view: GateView | None) -> None:
        self.view = view
        if view is None:
            self.show_for(None)
            return
        gate = view.gate
        if gate:
            self.verdict.setText(self.tr("✔ Every voice agreed to broadcast"))
            self.verdict.setStyleSheet(f"color: {GREEN}; font-weight: bold;")
            lines = [view.credits] if view.credits else []
        else:
            self.verdict.setText(self.tr("✖ It cannot go out yet:"))
            self.verdict.setStyleSheet(f"color: {ERROR_COLOUR}; font-weight: bold;")
            lines = [gate.summary()]
        self.remake_button.setVisible(bool(gate.left_out))
        self.details.setText("\n".join(lines))
        if view.remake is not None:
            self.remake.setText(self.remake_text(view.remake))
            self.remake.show()

    def remake_text(self, remake) -> str:
        went = "; ".join(self.tr("it went to {0} on {1}").format(release["file_name"],
                                                                  _day(release["issued_at"]))
                         for release in remake.releases)  # fmt: skip
        return self.tr("Must be re-made: {0} withdrew; {1}").format(
            ", ".join(remake.people), went)  # fmt: skip

    def _failed(self, exc: BaseException) -> None:
        self.verdict.setText(self.tr("The check could not be made."))
        self.verdict.setStyleSheet("")
        report_failure(self, self.tr("Can it go out?"), exc)


def _day(iso: str) -> str:
    when = dt.datetime.fromisoformat(iso).astimezone()
    return f"{when.day} {when:%b %Y}"
