"""The board page's dot-voting panel: open a round, vote for the selected note, reveal,
close, and what state the round is in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QGridLayout,
    QInputDialog,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from coprod_desktop.domain.board import Board, VoteRound
from coprod_desktop.services.boards import Removed

from .board_scene import BoardScene
from .messages import guard
from .undo_commands import Push

if TYPE_CHECKING:
    from coprod_desktop.services.project import Project


class VotingPanel(QWidget):
    """Dot voting on the board on show. Built by the board page with what it works on: the
    project, the scene (whose selected notes get the dots), the canvas where the vote key
    works, getters for the board on show and for the voter (a participant id, or None for an
    anonymous dot), the page's undo push and its reload. It sits inside the page, so guard()
    reports its failures through the page."""

    def __init__(
        self,
        project: Project,
        scene: BoardScene,
        canvas: QWidget,
        board: Callable[[], Board | None],
        voter: Callable[[], str | None],
        push: Push,
        reload: Callable[[], None],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.project = project
        self.scene = scene
        self._board = board
        self._voter = voter
        self._push = push
        self._reload = reload

        self.status = QLabel()
        self.status.setWordWrap(True)
        buttons = QGridLayout()
        self.vote_actions: dict[str, QAction] = {}
        for key, text, slot, keys in (
            ("open", self.tr("Open voting round…"), self._ask_open_round, None),
            ("vote", self.tr("Vote for selected note"), self.vote_selected, "V"),
            ("reveal", self.tr("Reveal votes"), self.reveal_votes, None),
            ("close", self.tr("Close round"), self.close_round, None),
        ):
            action = QAction(text, self)
            if keys:
                action.setShortcut(QKeySequence(keys))
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                canvas.addAction(action)
            action.triggered.connect(slot)
            self.vote_actions[key] = action
            button = QToolButton()
            button.setDefaultAction(action)
            buttons.addWidget(
                button, (len(self.vote_actions) - 1) // 2, (len(self.vote_actions) - 1) % 2
            )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("<b>Dot voting</b>")))
        layout.addWidget(self.status)
        layout.addLayout(buttons)

    def current_round(self) -> VoteRound | None:
        board = self._board()
        if board is None:
            return None
        rounds = self.project.boards.rounds(board.id)
        return rounds[-1] if rounds else None

    def show_round(self, round_: VoteRound | None) -> None:
        if round_ is None:
            self.status.setText(self.tr("No voting round yet."))
        else:
            kind = (
                self.tr("anonymous tallies")
                if round_.anonymous
                else self.tr("{0} votes each").format(round_.votes_per_person)
            )
            state = self.tr("open") if round_.is_open else self.tr("closed")
            shown = self.tr("results shown") if round_.revealed else self.tr("results hidden")
            self.status.setText(f"{kind}, {state}, {shown}")
        self.vote_actions["open"].setEnabled(self._board() is not None)
        self.vote_actions["vote"].setEnabled(bool(round_ and round_.is_open))
        self.vote_actions["reveal"].setEnabled(bool(round_ and not round_.revealed))
        self.vote_actions["close"].setEnabled(bool(round_ and round_.is_open))

    def open_round(self, votes_per_person: int, anonymous: bool = False) -> None:
        board = self._board()
        if board is None:
            return
        boards, board_id = self.project.boards, board.id
        with guard(self, self.tr("Board")) as outcome:
            opened = boards.open_round(board_id, votes_per_person, anonymous)
        if not outcome.failed:
            self.show_round(opened)

    def _ask_open_round(self) -> None:
        count, ok = QInputDialog.getInt(
            self, self.tr("Open voting round"), self.tr("Votes per person:"), 3, 1, 20
        )
        if not ok:
            return
        kinds = [self.tr("Record who voted"), self.tr("Anonymous tallies")]
        kind, ok = QInputDialog.getItem(
            self, self.tr("Open voting round"), self.tr("Votes:"), kinds, 0, False
        )
        if ok:
            self.open_round(count, anonymous=kind == kinds[1])

    def vote_selected(self) -> None:
        """A dot from the person chosen in the Author box (or an anonymous dot)."""
        round_ = self.current_round()
        if round_ is None or not self.scene.selected_notes():
            return
        boards = self.project.boards
        voter = self._voter()
        for note in self.scene.selected_notes():
            with guard(self, self.tr("Board")) as outcome:
                cast = boards.cast_vote(round_.id, note.id, voter)
            if outcome.failed:
                return
            row = dict(cast.__dict__)
            self._push(
                self.tr("Vote"),
                lambda r=row: boards.restore(Removed({"votes": [r]})),
                lambda r=row: boards.remove_vote(r["id"]),
            )
        if round_.revealed:
            self._reload()

    def _set_round(self, changed: VoteRound, text: str) -> None:
        boards = self.project.boards
        before: list[VoteRound] = []
        with guard(self, self.tr("Board")) as outcome:
            before.append(boards.set_round(changed))
        if not outcome.failed:
            self._reload()
            self._push(text, lambda: boards.set_round(changed), lambda: boards.set_round(before[0]))

    def reveal_votes(self) -> None:
        round_ = self.current_round()
        if round_ is not None:
            self._set_round(replace(round_, revealed=True), self.tr("Reveal votes"))

    def close_round(self) -> None:
        round_ = self.current_round()
        if round_ is not None:
            self._set_round(replace(round_, is_open=False), self.tr("Close voting round"))
