"""Dot voting on the board page: open a round, vote for the selected note, reveal, close."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QInputDialog

from coprod_desktop.domain.board import VoteRound
from coprod_desktop.services.boards import Removed

from .messages import guard


class VotingMixin:
    """Part of BoardPage: expects project, board, scene, author_box, vote_status,
    vote_actions, reload() and _push(); failures go through guard() to the board's message."""

    def current_round(self) -> VoteRound | None:
        if self.board is None:
            return None
        rounds = self.project.boards.rounds(self.board.id)
        return rounds[-1] if rounds else None

    def _show_round(self, round_: VoteRound | None) -> None:
        if round_ is None:
            self.vote_status.setText(self.tr("No voting round yet."))
        else:
            kind = (
                self.tr("anonymous tallies")
                if round_.anonymous
                else self.tr("{0} votes each").format(round_.votes_per_person)
            )
            state = self.tr("open") if round_.is_open else self.tr("closed")
            shown = self.tr("results shown") if round_.revealed else self.tr("results hidden")
            self.vote_status.setText(f"{kind}, {state}, {shown}")
        self.vote_actions["open"].setEnabled(self.board is not None)
        self.vote_actions["vote"].setEnabled(bool(round_ and round_.is_open))
        self.vote_actions["reveal"].setEnabled(bool(round_ and not round_.revealed))
        self.vote_actions["close"].setEnabled(bool(round_ and round_.is_open))

    def open_round(self, votes_per_person: int, anonymous: bool = False) -> None:
        if self.board is None:
            return
        boards, board_id = self.project.boards, self.board.id
        with guard(self, self.tr("Board")) as outcome:
            opened = boards.open_round(board_id, votes_per_person, anonymous)
        if not outcome.failed:
            self._show_round(opened)

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
        voter = self.author_box.currentData()
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
            self.reload()

    def _set_round(self, changed: VoteRound, text: str) -> None:
        boards = self.project.boards
        before: list[VoteRound] = []
        with guard(self, self.tr("Board")) as outcome:
            before.append(boards.set_round(changed))
        if not outcome.failed:
            self.reload()
            self._push(text, lambda: boards.set_round(changed), lambda: boards.set_round(before[0]))

    def reveal_votes(self) -> None:
        round_ = self.current_round()
        if round_ is not None:
            self._set_round(replace(round_, revealed=True), self.tr("Reveal votes"))

    def close_round(self) -> None:
        round_ = self.current_round()
        if round_ is not None:
            self._set_round(replace(round_, is_open=False), self.tr("Close voting round"))
