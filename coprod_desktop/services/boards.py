"""Use cases for sticky-note boards. Every change is committed before it returns; changes that
can be undone return exactly what they replaced or removed, so undo restores identical rows."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from coprod_desktop.domain import board as b
from coprod_desktop.domain import board_layout as lay
from coprod_desktop.domain.board import Board, Note, Theme, Vote, VoteRound
from coprod_desktop.domain.consent import may_take_part
from coprod_desktop.domain.errors import ValidationError
from coprod_desktop.domain.ids import new_id
from coprod_desktop.storage import board_repo, sessions_repo
from coprod_desktop.storage.connection import ProjectFile
from coprod_desktop.storage.errors import ConflictError

from .base import Service
from .consent import ConsentService


@dataclass(frozen=True)
class Removed:
    """Rows taken out of the project by a delete or merge, to put back exactly on undo."""

    rows: dict[str, list[dict]]


@dataclass(frozen=True)
class Layout:
    """Theme areas and notes exactly as they were (or are), for put_layout() to write back."""

    themes: tuple[Theme, ...] = ()
    notes: tuple[Note, ...] = ()


@dataclass(frozen=True)
class Relaid:
    """A layout change: what it replaced and what it wrote. put_layout(before) undoes it
    exactly; put_layout(after) does it again."""

    before: Layout
    after: Layout


Snapshot = tuple[dict[str, Theme], dict[str, Note]]


def _snapshot(space: lay.BoardSpace) -> Snapshot:
    return dict(space.themes), dict(space.notes)


class BoardService(Service):
    def __init__(self, file: ProjectFile, actor: Callable[[], str], consent: ConsentService):
        super().__init__(file, actor)
        self._consent = consent

    # boards --------------------------------------------------------------------------------
    def boards(self, session_id: str | None = None) -> list[Board]:
        with self.read():
            return board_repo.boards(self._db, session_id)

    def board(self, board_id: str) -> Board | None:
        with self.read():
            return board_repo.board(self._db, board_id)

    def create_board(self, session_id: str, title: str) -> Board:
        board = Board(new_id(), session_id, title).validated()
        with self.write():
            if sessions_repo.get(self._db, session_id) is None:
                raise ValidationError("That session is no longer in the project.")
            board_repo.save_board(self._db, board)
        return board

    def save_board(self, board: Board) -> Board:
        """Rename, or lock/unlock the layout."""
        board = board.validated()
        with self.write():
            board_repo.save_board(self._db, board)
        return board

    # themes --------------------------------------------------------------------------------
    def themes(self, board_id: str) -> list[Theme]:
        with self.read():
            return board_repo.themes(self._db, board_id)

    def save_theme(self, theme: Theme) -> Theme:
        theme = theme.validated()
        with self.write():
            board_repo.save_theme(self._db, theme)
        return theme

    def add_theme(self, board_id: str, name: str, colour: str | None = None,
                  near: tuple[float, float] | None = None) -> Theme:  # fmt: skip
        """A new theme area in free space (nearest `near`, e.g. what the facilitator is looking
        at): it covers no note and no other theme, so its title is never hidden."""
        with self.write():
            self._check_board(board_id, moving=False)
            space = self._space(board_id)
            colours = list(b.THEME_COLOURS)
            width, height = Theme.width, Theme.height  # room for three rows of four
            x, y = lay.free_area(space, width, height, near or (b.GAP, b.GAP))
            theme = Theme(new_id(), board_id, name, colour or colours[len(space.themes)
                          % len(colours)], x, y, width, height).validated()  # fmt: skip
            board_repo.save_theme(self._db, theme)
        return theme

    def delete_theme(self, theme_id: str) -> Removed:
        """Its notes stay on the board, without a theme; clips lose the theme."""
        with self.write():
            removed = Removed(
                {
                    "themes": board_repo.rows(self._db, "themes", "id", [theme_id]),
                    "notes": board_repo.rows(self._db, "notes", "theme_id", [theme_id]),
                    "clip_themes": board_repo.rows(self._db, "clip_themes", "theme_id", [theme_id]),
                }
            )
            board_repo.delete_theme(self._db, theme_id)
        return removed

    def merge_themes(self, source_id: str, target_id: str) -> Removed:
        """Move every note of `source` into `target` (in the free places of its grid, growing
        it if full) and drop `source`. Everything changed is in the result, for restore()."""
        with self.write():
            removed = self.delete_theme(source_id)
            target = next((t for t in board_repo.themes(self._db, removed.rows["themes"][0]
                                                        ["board_id"]) if t.id == target_id),
                          None) if removed.rows["themes"] else None  # fmt: skip
            if target is None:
                raise ConflictError("That theme is no longer on the board.")
            space = self._space(target.board_id)
            incoming = [space.notes[row["id"]] for row in removed.rows["notes"]]
            moves = lay.place_in_theme(space, target.id, incoming)
            self._keep_rows(removed, moves)
            self._write(moves)
            added = [
                {"clip_id": row["clip_id"], "theme_id": target.id}
                for row in removed.rows["clip_themes"]
                if not board_repo.has_clip_theme(self._db, row["clip_id"], target.id)
            ]
            board_repo.add_clip_themes(self._db, added)
            removed.rows["clip_themes_added"] = added  # clips of both themes keep the target
        return removed

    def _keep_rows(self, removed: Removed, moves: lay.Moves) -> None:
        """Add the rows a layout change is about to overwrite to `removed` (once each)."""
        for table, things in (("themes", moves.themes), ("notes", moves.notes)):
            have = {row["id"] for row in removed.rows.setdefault(table, [])}
            ids = [t.id for t in things if t.id not in have]
            removed.rows[table].extend(board_repo.rows(self._db, table, "id", ids))

    def split_theme(self, theme_id: str, note_ids: Iterable[str], name: str) -> Theme:
        """A new theme holding the chosen notes, in free space beside `theme_id`."""
        with self.write():
            source = next((t for t in board_repo.all_themes(self._db) if t.id == theme_id), None)
            if source is None:
                raise ConflictError("That theme is no longer on the board.")
            ids = list(note_ids)
            space = self._space(source.board_id)
            columns = lay.grid_columns(source)
            width, height = lay.area_for(len(ids), columns)
            for note_id in ids:
                space.remove_note(note_id)  # their places are free once they leave
            x, y = lay.free_area(space, width, height,
                                 (source.x + source.width + 2 * b.GAP, source.y))  # fmt: skip
            new = Theme(new_id(), source.board_id, name, source.colour, x, y, width,
                        height).validated()  # fmt: skip
            board_repo.save_theme(self._db, new)
            space.put_theme(new)
            moving = [board_repo.note(self._db, note_id) for note_id in ids]
            moves = lay.place_in_theme(space, new.id, [n for n in moving if n is not None])
            self._write(moves)
        return new

    def move_theme(self, theme_id: str, x: float, y: float) -> Relaid:
        """Move a theme area and, with it, the notes in it (by dragging its title)."""
        return self._relay(theme_id, lambda space: lay.move_theme(space, theme_id, x, y))

    def resize_theme(self, theme_id: str, width: float, height: float) -> Relaid:
        """Resize a theme area; its notes stay put, so it never shrinks past them (nor below
        the smallest area)."""
        return self._relay(theme_id, lambda space: lay.resize_theme(space, theme_id, width, height))

    def tidy_up(self, board_id: str) -> Relaid:
        """Lay out every theme and the notes outside themes with nothing overlapping."""
        with self.write():
            self._check_board(board_id, moving=True)
            space = self._space(board_id)
            moves = lay.tidy(space.themes.values(), space.notes.values())
            return self._write(moves, _snapshot(space))

    def _relay(self, theme_id: str, change) -> Relaid:
        with self.write():
            theme = next((t for t in board_repo.all_themes(self._db) if t.id == theme_id), None)
            if theme is None:
                raise ConflictError("That theme is no longer on the board.")
            self._check_board(theme.board_id, moving=True)
            space = self._space(theme.board_id)
            before = _snapshot(space)
            return self._write(change(space), before)

    def _space(self, board_id: str) -> lay.BoardSpace:
        return lay.BoardSpace(board_repo.themes(self._db, board_id),
                              board_repo.notes(self._db, board_id))  # fmt: skip

    def _write(self, moves: lay.Moves, before: Snapshot | None = None) -> Relaid:
        """Store what a layout rule changed (only what differs from `before`)."""
        if before is not None:
            was_themes, was_notes = before
            themes = tuple(t for t in moves.themes if was_themes.get(t.id) != t)
            notes = tuple(n for n in moves.notes if was_notes.get(n.id) != n)
            moves = lay.Moves(themes, notes)
            was = Layout(tuple(was_themes[t.id] for t in themes),
                         tuple(was_notes[n.id] for n in notes))  # fmt: skip
        else:
            was = Layout()
        for theme in moves.themes:
            board_repo.save_theme(self._db, theme.validated())
        board_repo.update_notes(self._db, list(moves.notes))
        return Relaid(was, Layout(moves.themes, moves.notes))

    def put_layout(self, layout: Layout) -> None:
        """Undo or redo of a layout change: write these theme areas and notes back."""
        with self.write():
            for theme in layout.themes:
                board_repo.save_theme(self._db, theme)
            board_repo.update_notes(self._db, list(layout.notes))

    # notes ---------------------------------------------------------------------------------
    def notes(self, board_id: str) -> list[Note]:
        with self.read():
            return board_repo.notes(self._db, board_id)

    def note(self, note_id: str) -> Note | None:
        with self.read():
            return board_repo.note(self._db, note_id)

    def _check_author(self, author_id: str | None) -> None:
        if author_id is None:
            return
        refusals = self._consent.refusals([author_id], may_take_part)
        if refusals:
            raise ValidationError("This note cannot be attributed to " + refusals[0])

    def _check_board(self, board_id: str, moving: bool) -> Board:
        board = board_repo.board(self._db, board_id)
        if board is None:
            raise ConflictError("That board is no longer in the project.")
        if moving and board.layout_locked:
            raise ValidationError("The board's layout is locked. Unlock it to move notes.")
        return board

    def add_note(self, note: Note) -> Note:
        note = replace(note, id=note.id or new_id()).validated()
        with self.write():
            self._check_board(note.board_id, moving=False)
            self._check_author(note.author_id)
            board_repo.insert_note(self._db, note)
        return note

    def update_note(self, note: Note) -> Note:
        """Store a changed note; returns the note as it was before."""
        note = note.validated()
        with self.write():
            before = board_repo.note(self._db, note.id)
            if before is None:
                raise ConflictError("That note has been deleted.")
            self._check_board(note.board_id, moving=(before.x, before.y) != (note.x, note.y))
            if note.author_id != before.author_id:
                self._check_author(note.author_id)
            board_repo.update_note(self._db, note)
            if note.safeguarding != before.safeguarding:
                self.audit("note.safeguarding_flag", "note",
                                  note.id, {"flagged": note.safeguarding})  # fmt: skip
        return before

    def move_notes(self, moves: Iterable[tuple[str, float, float]]) -> list[Note]:
        """Move notes (a drag of a selection); dropping a note in a theme area sets its theme.
        Returns the notes as they were."""
        before: list[Note] = []
        with self.write():
            themes_by_board: dict[str, list[Theme]] = {}
            for note_id, x, y in moves:
                note = board_repo.note(self._db, note_id)
                if note is None:
                    raise ConflictError("A note being moved has been deleted.")
                self._check_board(note.board_id, moving=True)
                themes = themes_by_board.setdefault(
                    note.board_id, board_repo.themes(self._db, note.board_id)
                )
                moved = replace(note, x=x, y=y)
                theme = b.theme_at(themes, *moved.centre)
                board_repo.update_note(
                    self._db, replace(moved, theme_id=theme.id if theme else None)
                )
                before.append(note)
        return before

    def move_to_theme(self, note_ids: Iterable[str], theme_id: str) -> Relaid:
        """Move notes into a theme, each to the next free place in its grid (a full theme
        grows, and what is below it moves down to make room)."""
        with self.write():
            theme = next((t for t in board_repo.all_themes(self._db) if t.id == theme_id), None)
            if theme is None:
                raise ConflictError("That theme is no longer on the board.")
            self._check_board(theme.board_id, moving=True)
            space = self._space(theme.board_id)
            before = _snapshot(space)
            notes = []
            for note_id in note_ids:
                note = space.notes.get(note_id)
                if note is None:
                    raise ConflictError("A note being moved is no longer on this board.")
                notes.append(note)
            return self._write(lay.place_in_theme(space, theme_id, notes), before)

    def add_note_to_theme(self, note: Note, theme_id: str) -> tuple[Note, Relaid]:
        """Add a note in the next free place of a theme's grid, growing a full theme (making
        room below it). Returns the note and what else moved."""
        note = replace(note, id=note.id or new_id(), theme_id=theme_id).validated()
        with self.write():
            board = self._check_board(note.board_id, moving=False)
            self._check_author(note.author_id)
            space = self._space(note.board_id)
            if theme_id not in space.themes:
                raise ConflictError("That theme is no longer on the board.")
            before = _snapshot(space)
            moves = lay.place_in_theme(space, theme_id, [note])
            placed = next(n for n in moves.notes if n.id == note.id)
            others = lay.Moves(moves.themes, tuple(n for n in moves.notes if n.id != note.id))
            if board.layout_locked and (others.notes or len(others.themes) > 1):
                raise ValidationError("This theme is full and the board's layout is locked. "
                                      "Unlock it to make room.")  # fmt: skip
            board_repo.insert_note(self._db, placed)
            return placed, self._write(others, before)

    def put_back(self, notes: Iterable[Note]) -> None:
        """Undo of update/move: write these versions back as they were."""
        with self.write():
            for note in notes:
                board_repo.update_note(self._db, note)

    def delete_notes(self, note_ids: Iterable[str]) -> Removed:
        ids = list(note_ids)
        with self.write():
            removed = Removed(
                {
                    "notes": board_repo.rows(self._db, "notes", "id", ids),
                    "votes": board_repo.rows(self._db, "votes", "note_id", ids),
                }
            )
            board_repo.delete_notes(self._db, ids)
        return removed

    def restore(self, removed: Removed) -> None:
        """Put back exactly the rows a delete or merge removed (themes, then notes, votes)."""
        with self.write():
            for table in ("themes", "notes", "votes"):
                board_repo.put_rows(self._db, table, removed.rows.get(table, []))
            board_repo.remove_clip_themes(self._db, removed.rows.get("clip_themes_added", []))
            board_repo.add_clip_themes(self._db, removed.rows.get("clip_themes", []))

    # voting --------------------------------------------------------------------------------
    def rounds(self, board_id: str) -> list[VoteRound]:
        with self.read():
            return board_repo.rounds(self._db, board_id)

    def open_round(
        self, board_id: str, votes_per_person: int, anonymous: bool = False
    ) -> VoteRound:
        """Open a new round of dot voting; any round still open on the board is closed."""
        new = VoteRound(new_id(), board_id, votes_per_person, anonymous).validated()
        with self.write():
            self._check_board(board_id, moving=False)
            for old in board_repo.rounds(self._db, board_id):
                if old.is_open:
                    board_repo.save_round(self._db, replace(old, is_open=False))
            board_repo.save_round(self._db, new)
        return new

    def _round(self, round_id: str) -> VoteRound:
        board_id = board_repo.round_board(self._db, round_id)
        found = next((r for r in board_repo.rounds(self._db, board_id) if r.id == round_id),
                     None) if board_id else None  # fmt: skip
        if found is None:
            raise ConflictError("That voting round is no longer on the board.")
        return found

    def cast_vote(self, round_id: str, note_id: str, participant_id: str | None = None,
                  count: int = 1) -> Vote:  # fmt: skip
        """A dot for a note: by a participant (who may take part), or an anonymous tally."""
        with self.write():
            round_ = self._round(round_id)
            if round_.anonymous:
                participant_id = None
            elif participant_id is None:
                raise ValidationError("Choose who is voting (or open an anonymous round).")
            self._check_author(participant_id)
            used = sum(v.count for v in board_repo.votes(self._db, round_id)
                       if v.participant_id == participant_id)  # fmt: skip
            b.check_vote(round_, used, count)
            vote = Vote(new_id(), round_id, note_id, participant_id, count)
            board_repo.insert_vote(self._db, vote)
        return vote

    def remove_vote(self, vote_id: str) -> None:
        with self.write():
            board_repo.delete_vote(self._db, vote_id)

    def set_round(self, round_: VoteRound) -> VoteRound:
        """Close, reopen or reveal a round; returns it as it was."""
        with self.write():
            before = self._round(round_.id)
            board_repo.save_round(self._db, round_)
        return before

    def tallies(self, round_id: str) -> dict[str, int] | None:
        """Dots per note, or None while the round is not revealed (votes stay hidden)."""
        with self.read():
            round_ = self._round(round_id)
            return b.tallies(board_repo.votes(self._db, round_id)) if round_.revealed else None

    def votes_left(self, round_id: str, participant_id: str) -> int:
        with self.read():
            round_ = self._round(round_id)
            used = sum(v.count for v in board_repo.votes(self._db, round_id)
                       if v.participant_id == participant_id)  # fmt: skip
        return max(0, round_.votes_per_person - used)

    def counts(self) -> dict[str, int]:
        with self.read():
            return board_repo.counts(self._db)
