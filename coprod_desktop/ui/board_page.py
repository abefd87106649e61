"""The Board page: a zoomable canvas of sticky notes in theme areas, a capture line that is
always ready, and undo for every change. The themes list and voting are panels of their own
(board_themes, board_voting) that the page builds and hands what they work on."""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QPainter, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QGraphicsView,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from coprod_desktop.domain import board as b
from coprod_desktop.domain import board_layout as lay
from coprod_desktop.domain.board import (
    NOTE_COLOURS,
    Board,
    Note,
    Theme,
)
from coprod_desktop.domain.ids import new_id
from coprod_desktop.services.boards import Layout, Relaid

from .actions_page import create_action
from .board_scene import BoardScene, NoteItem
from .board_themes import ThemesPanel
from .board_voting import VotingPanel
from .messages import guard, tell
from .note_editor import InPlaceEditor
from .project_page import ProjectPage
from .undo_commands import Undo
from .widgets import error_label, fit_placeholder

if TYPE_CHECKING:
    from coprod_desktop.services.project import Project


class BoardView(QGraphicsView):
    """Ctrl+wheel or Ctrl+= / Ctrl+- zoom; drag on empty canvas selects with a rubber band."""

    def __init__(self, scene: BoardScene, parent=None):
        super().__init__(scene, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setAccessibleName(self.tr("Board canvas"))

    def zoom_by(self, factor: float) -> None:
        current = self.transform().m11()
        if 0.1 <= current * factor <= 5:
            self.scale(factor, factor)

    def wheelEvent(self, event) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom_by(1.15 if event.angleDelta().y() > 0 else 1 / 1.15)
        else:
            super().wheelEvent(event)

    def top_left(self) -> tuple[float, float]:
        """Just inside the top left of what is on screen: new things go near here."""
        seen = self.mapToScene(self.viewport().rect()).boundingRect()
        return seen.left() + b.GAP, seen.top() + b.GAP

    def reveal(self, item) -> None:
        """Scroll to show `item()` once the scene has grown to hold it (after this event)."""

        def show() -> None:
            with contextlib.suppress(KeyError, RuntimeError):  # gone meanwhile (undo, reload)
                self.ensureVisible(item(), 40, 40)

        QTimer.singleShot(0, show)


class BoardPage(ProjectPage):
    LISTENS = frozenset({"board", "session", "participant"})
    def __init__(self, project: Project, undo_stack: QUndoStack, parent=None):
        super().__init__(project, parent)
        self.board: Board | None = None
        self._editor: InPlaceEditor | None = None
        self.undo_stack = undo_stack
        self.colour = "yellow"
        self.last_note: Note | None = None

        self.scene = BoardScene(self)
        self.scene.notes_moved.connect(self.move_notes)
        self.scene.theme_moved.connect(self.move_theme)
        self.scene.theme_resized.connect(self.resize_theme)
        self.view = BoardView(self.scene)
        self.view.viewport().installEventFilter(self)
        self.view.installEventFilter(self)  # arrow keys move the selected notes

        self.board_box = QComboBox()
        self.board_box.setAccessibleName(self.tr("Board"))
        self.board_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.board_box.setMinimumContentsLength(16)
        self.board_box.currentIndexChanged.connect(lambda _i: self._board_chosen())
        self.new_board_action = QAction(self.tr("New board…"), self)
        self.new_board_action.setShortcut(QKeySequence("Ctrl+Shift+B"))
        self.new_board_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.new_board_action.triggered.connect(self._ask_new_board)
        self.addAction(self.new_board_action)
        new_board = QToolButton()
        new_board.setDefaultAction(self.new_board_action)
        self.lock_button = QToolButton()
        self.lock_button.setText(self.tr("Lock layout"))
        self.lock_button.setCheckable(True)
        self.lock_button.setToolTip(self.tr("Stop notes being moved by accident"))
        self.lock_button.clicked.connect(self.set_locked)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Find: text, author, theme, sensitive…"))
        self.search.setClearButtonEnabled(True)
        fit_placeholder(self.search)
        self.search.textChanged.connect(self.apply_filter)
        top = QHBoxLayout()
        for widget in (
            QLabel(self.tr("<h2>Board</h2>")),
            self.board_box,
            new_board,
            self.lock_button,
        ):
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.search)

        # quick capture: always ready
        self.capture = QLineEdit()
        self.capture.setPlaceholderText(self._capture_hint())
        self.capture.setAccessibleName(self.tr("New note"))
        self.capture.returnPressed.connect(self._capture_entered)
        self.capture.installEventFilter(self)
        self.colour_label = QLabel()
        self.colour_label.setMinimumWidth(70)
        self.author_box = QComboBox()
        self.author_box.setAccessibleName(self.tr("Author of the next note"))
        QShortcut(QKeySequence("Alt+U"), self, self.author_box.setFocus)
        capture_row = QHBoxLayout()
        capture_row.addWidget(self.capture, 1)
        capture_row.addWidget(self.colour_label)
        capture_row.addWidget(QLabel(self.tr("Author:")))
        capture_row.addWidget(self.author_box)
        self.message = error_label("boardMessage")
        self.notice = QLabel()  # what the board did on its own, e.g. made a board for a note
        self.notice.setObjectName("boardNotice")
        self.notice.setWordWrap(True)
        self.notice.hide()

        # the themes and voting panels, beside the canvas
        self.themes = ThemesPanel(self.project, self.scene, self.view, lambda: self.board,
                                  self._push, self.reload)  # fmt: skip
        self.themes.theme_list.itemActivated.connect(lambda _item: self.capture.setFocus())
        self.voting = VotingPanel(self.project, self.scene, self.view, lambda: self.board,
                                  self.author_box.currentData, self._push, self.reload)  # fmt: skip
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.addWidget(self.themes, 1)
        side_layout.addWidget(self.voting)

        splitter = QSplitter()
        splitter.addWidget(self.view)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 1)
        splitter.setSizes([800, 220])

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addLayout(capture_row)
        layout.addWidget(self.message)
        layout.addWidget(self.notice)

        # page commands, also reached through the window's Edit menu
        self.add_action = QAction(self.tr("&New note"), self)
        self.add_action.triggered.connect(self.capture.setFocus)
        self.edit_action = QAction(self.tr("&Edit note…"), self)
        self.edit_action.triggered.connect(self.edit_selected)
        self.delete_action = QAction(self.tr("&Delete notes"), self)
        self.delete_action.triggered.connect(self.delete_selected)
        self.extra_actions: dict[str, QAction] = {}
        for key, text, keys, slot, checkable in (
            (
                "sensitive",
                self.tr("Mark sensitive"),
                "Ctrl+Shift+S",
                lambda on: self.set_flag("sensitive", on),
                True,
            ),
            (
                "safeguarding",
                self.tr("Mark safeguarding"),
                "Ctrl+Shift+G",
                lambda on: self.set_flag("safeguarding", on),
                True,
            ),
            ("to_theme", self.tr("Move to theme…"), "Ctrl+M", self._ask_move_to_theme, False),
            ("tidy", self.tr("Tidy up"), "Ctrl+Shift+T", self.tidy_up, False),
            ("private", self.tr("Private writing…"), "Ctrl+Shift+P", self.private_writing, False),
            ("action", self.tr("Create action…"), "Ctrl+Shift+A", self.create_action, False),
            ("contrast", self.tr("High contrast"), None, self.set_high_contrast, True),
            ("bigger", self.tr("Larger text"), "Ctrl+Shift+=", lambda: self.scale_text(0.2), False),
            (
                "smaller",
                self.tr("Smaller text"),
                "Ctrl+Shift+-",
                lambda: self.scale_text(-0.2),
                False,
            ),
        ):
            action = QAction(text, self)
            action.setCheckable(checkable)
            if keys:
                action.setShortcut(QKeySequence(keys))
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
            self.extra_actions[key] = action
        tools = QHBoxLayout()
        for label, keys in (
            (self.tr("Mark"), ("sensitive", "safeguarding")),
            (None, ("to_theme",)),
            (None, ("tidy",)),
            (None, ("private",)),
            (None, ("action",)),
            (self.tr("Display"), ("contrast", "bigger", "smaller")),
        ):
            button = QToolButton()
            if label is None:
                button.setDefaultAction(self.extra_actions[keys[0]])
            else:
                menu = QMenu(button)
                menu.addActions([self.extra_actions[k] for k in keys])
                button.setText(label)
                button.setMenu(menu)
                button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
            tools.addWidget(button)
        tools.addStretch(1)
        layout.insertLayout(1, tools)
        for keys, slot in (
            ("Ctrl+=", lambda: self.view.zoom_by(1.2)),
            ("Ctrl+-", lambda: self.view.zoom_by(1 / 1.2)),
        ):
            QShortcut(QKeySequence(keys), self, slot)
        self.extra_actions["action"].setToolTip(
            self.tr("Create an action from the selected note, or else from the chosen theme"))
        # Right-click on the board or on a theme: the same command, for what is under it
        self.themes.theme_list.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.themes.theme_list.addAction(self.extra_actions["action"])
        self.extra_actions["tidy"].setToolTip(
            self.tr("Lay out every theme and the notes outside themes, nothing overlapping "
                    "(Ctrl+Shift+T; Undo puts everything back)")
        )  # fmt: skip
        self._show_colour()

    # loading -------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.refresh_boards()

    def flush(self) -> None:
        """A note being edited in place is saved, as clicking elsewhere would."""
        if self._editor is not None:
            self._editor.finish(keep=True)

    def refresh_boards(self) -> None:
        keep = self.board.id if self.board else None
        self.board_box.blockSignals(True)
        self.board_box.clear()
        sessions = {s.id: s.title for s in self.project.sessions.list()}
        for board in self.project.boards.boards():
            label = f"{board.title} — {sessions.get(board.session_id, '')}"
            self.board_box.addItem(label, board.id)
        self.board_box.setCurrentIndex(max(0, self.board_box.findData(keep)) if keep else 0)
        self.board_box.blockSignals(False)
        self._board_chosen()

    def _board_chosen(self) -> None:
        self._say("")
        board_id = self.board_box.currentData()
        self.board = self.project.boards.board(board_id) if board_id else None
        self.reload()

    def reload(self) -> None:
        """Redraw the whole board from the project (after opening, undo or redo)."""
        self.author_box.clear()
        self.author_box.addItem(self.tr("Unattributed"), None)
        # Typing is always possible: a note typed before there is a board makes one (see
        # _board_for_new_note), so nothing typed is lost.
        self.capture.setPlaceholderText(self._capture_hint())
        if self.board is None:
            self.scene.load([], [], {}, None)
            self.themes.clear()
            self.voting.show_round(None)
            return
        people = {p.id: p.pseudonym for p in self.project.participants.list()}
        for pid, pseudonym in sorted(people.items(), key=lambda kv: kv[1].casefold()):
            self.author_box.addItem(pseudonym, pid)
        rounds = self.project.boards.rounds(self.board.id)
        dots = self.project.boards.tallies(rounds[-1].id) if rounds else None
        notes = self.project.boards.notes(self.board.id)
        self.scene.load(self.project.boards.themes(self.board.id), notes, people, dots)
        self.scene.set_locked(self.board.layout_locked)
        self.lock_button.setChecked(self.board.layout_locked)
        self.last_note = notes[-1] if notes else None
        self.themes.fill()
        self.apply_filter()
        self.voting.show_round(rounds[-1] if rounds else None)

    # helpers -------------------------------------------------------------------------------
    def report_error(self, _title: str, message: str) -> None:
        """Where guard() reports the board's failures: above the board, not in a box, so
        the next note can be typed at once. The next change that lands hides it."""
        self.message.setText(message)
        self.message.show()

    def _push(self, text: str, redo, undo) -> None:
        self.message.hide()
        self.undo_stack.push(Undo.telling(text, redo, undo, self.project.changes, "board"))

    def _push_relaid(self, text: str, relaid: Relaid) -> None:
        if not (relaid.after.themes or relaid.after.notes):
            return  # nothing changed: nothing to undo
        boards = self.project.boards
        self._push(text, lambda: boards.put_layout(relaid.after),
                   lambda: boards.put_layout(relaid.before))  # fmt: skip

    def _apply_layout(self, layout: Layout) -> None:
        """Show theme areas and notes as a layout change left them (no reload)."""
        for theme in layout.themes:
            self.scene.put_theme(theme)
        moved: list[tuple[str | None, str]] = []
        for note in layout.notes:
            item = self.scene.note_items.get(note.id)
            if item is not None and item.note.theme_id != note.theme_id:
                moved.append((item.note.theme_id, note.id))
            self.scene.put_note(note)
        self.scene.recount()
        self.themes.fill(note_list=False)
        self.themes.relist_notes(moved)

    def _capture_hint(self) -> str:
        if self.board is None:
            return self.tr("No board yet: type a note and press Enter to start one")
        return self.tr("Type a note and press Enter  ·  Tab changes colour  ·  "
                       "Alt+U picks the author")  # fmt: skip

    def _say(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def _show_colour(self) -> None:
        self.colour_label.setText(f"■ {self.colour}")
        self.colour_label.setStyleSheet(
            f"color: {NOTE_COLOURS[self.colour]}; font-weight: bold;"
            "background: #455a64; padding: 2px 6px;"
        )
        self.colour_label.setAccessibleName(
            self.tr("Colour of the next note: {0}").format(self.colour)
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        is_key = event.type() == QEvent.Type.KeyPress
        if watched is self.capture and is_key and event.key() == Qt.Key.Key_Tab:
            self.colour = b.next_colour(self.colour)
            self._show_colour()
            return True
        if watched is self.view and is_key and self._arrow_move(event):
            return True
        if watched is self.view.viewport() and event.type() == QEvent.Type.ContextMenu:
            self._context_menu(event)
            return True
        if watched is self.view.viewport() and event.type() == QEvent.Type.MouseButtonDblClick:
            item = self.view.itemAt(event.position().toPoint())
            if isinstance(item, NoteItem):
                self.edit_note(item.note)
                return True
        return super().eventFilter(watched, event)

    # notes ---------------------------------------------------------------------------------
    def _capture_entered(self) -> None:
        text = self.capture.text()
        if text.strip() and self.add_note(text):
            self.capture.clear()
        self.capture.setFocus()

    def add_note(self, text: str, author_id: str | None = None, use_picker: bool = True) -> bool:
        """Place a note in the next free place (of the selected theme's grid, or beside the
        last note outside themes); commit; show. A full theme grows to take it. With no
        board yet, one is made first (or the facilitator is asked which session)."""
        if self.board is None and not self._board_for_new_note():
            return False
        theme = self.themes.current_theme()
        space = self.scene.space  # the board as stored, kept by the scene: no per-add scan
        if theme is not None:
            spot = lay.next_free_cell(space, theme)
        else:
            spot = lay.spot_outside_themes(space, self.last_note, near=self.view.top_left())
        author = self.author_box.currentData() if use_picker else author_id
        draft = Note(new_id(), self.board.id, text, self.colour, *(spot or (0.0, 0.0)),
                     author_id=author, theme_id=theme.id if theme else None)  # fmt: skip
        if spot is None:
            return self._add_note_growing(draft, theme)
        boards = self.project.boards
        saved: list[Note] = []
        with guard(self, self.tr("Board")) as outcome:
            saved.append(boards.add_note(draft))
        if outcome.failed:
            return False
        note = saved[0]
        item = self.scene.put_note(note)
        self.last_note = note
        if note.theme_id:
            self.scene.count_added(note.theme_id)
            self.themes.fill()
        elif self.themes.current_theme() is None:
            self.themes.list_note(item)
        self.view.reveal(lambda: self.scene.note_items[note.id])
        removed: list = []
        self._push(
            self.tr("Add note"),
            lambda: boards.restore(removed.pop()),
            lambda: removed.append(boards.delete_notes([note.id])),
        )
        return True

    def _add_note_growing(self, draft: Note, theme: Theme) -> bool:
        """The selected theme is full: the service grows it (moving what is below it down)."""
        boards = self.project.boards
        done: list = []
        with guard(self, self.tr("Board")) as outcome:
            done.append(boards.add_note_to_theme(draft, theme.id))
        if outcome.failed:
            return False
        note, relaid = done[0]
        self._apply_layout(relaid.after)
        self.scene.put_note(note)
        self.scene.count_added(theme.id)
        self.themes.fill(note_list=False)
        self.themes.relist_notes([(None, note.id)])
        self.last_note = note
        self.view.reveal(lambda: self.scene.note_items[note.id])
        removed: list = []

        def undo() -> None:
            removed.append(boards.delete_notes([note.id]))
            boards.put_layout(relaid.before)

        def redo() -> None:
            boards.put_layout(relaid.after)
            boards.restore(removed.pop())

        self._push(self.tr("Add note"), redo, undo)
        return True

    def _board_for_new_note(self) -> bool:
        """There is no board yet: make one for the session the facilitator is most likely in
        (asking when there are several), keeping what they typed. False if none was made."""
        sessions = self.project.sessions.list()
        if not sessions:
            tell(
                self,
                self.tr("Board"),
                self.tr(
                    "Add a session first (Sessions, Ctrl+1): every board "
                    "belongs to one. Your note is kept here."
                ),
            )
            return False
        session = b.likely_session(sessions, dt.date.today())
        if len(sessions) > 1:
            names = [f"{s.date:%d %b %Y} — {s.title}" for s in sessions]
            name, ok = QInputDialog.getItem(
                self, self.tr("Start a board"),
                self.tr("There is no board yet. Which session is this note from?"), names,
                sessions.index(session), False)  # fmt: skip
            if not ok:
                tell(self, self.tr("Board"), self.tr("No board was made. Your note is kept here."))
                return False
            session = sessions[names.index(name)]
        if self.create_board(session.id, self.tr("Notes")) is None:
            return False
        self._say(self.tr("Started the board “Notes” for “{0}”.").format(session.title))
        return True

    def move_notes(self, moves: list) -> None:
        boards = self.project.boards
        before: list[Note] = []
        with guard(self, self.tr("Board")) as outcome:
            before.extend(boards.move_notes(moves))
        if outcome.failed:
            self.reload()  # the drag is refused (e.g. locked): put the notes back
            return
        after = [boards.note(note_id) for note_id, _x, _y in moves]
        for note in after:
            self.scene.put_note(note)
        self.scene.recount()
        self.themes.fill()
        self._push(
            self.tr("Move {0} notes").format(len(moves))
            if len(moves) > 1
            else self.tr("Move note"),
            lambda: boards.put_back(after),
            lambda: boards.put_back(before),
        )

    def edit_note(self, note: Note) -> InPlaceEditor:
        """Edit the text in place on the canvas (double-click or F2)."""
        self.view.ensureVisible(self.scene.note_items[note.id])

        def save(text: str) -> None:
            self._editor = None
            if text.strip() != note.text:
                self.save_note(replace(note, text=text))
            self.view.setFocus()

        self._editor = InPlaceEditor(self.scene, note, save, self)
        return self._editor

    def save_note(self, changed: Note) -> bool:
        boards = self.project.boards
        before: list[Note] = []
        with guard(self, self.tr("Board")) as outcome:
            before.append(boards.update_note(changed))
        if outcome.failed:
            return False
        after = boards.note(changed.id)
        self.scene.put_note(after)
        self._push(
            self.tr("Edit note"), lambda: boards.put_back([after]), lambda: boards.put_back(before)
        )
        return True

    def edit_selected(self) -> None:
        selected = self.scene.selected_notes()
        if len(selected) == 1:
            self.edit_note(selected[0])

    def delete_selected(self) -> None:
        ids = [n.id for n in self.scene.selected_notes()]
        if not ids:
            return
        boards = self.project.boards
        removed: list = []
        with guard(self, self.tr("Board")) as outcome:
            removed.append(boards.delete_notes(ids))
        if outcome.failed:
            return
        for note_id in ids:
            self.scene.remove_note(note_id)
        self.scene.recount()
        self.themes.fill()
        self._push(
            self.tr("Delete {0} notes").format(len(ids)),
            lambda: removed.append(boards.delete_notes(ids)),
            lambda: boards.restore(removed.pop()),
        )

    def set_flag(self, flag: str, on: bool) -> None:
        for note in self.scene.selected_notes():
            self.save_note(replace(note, **{flag: on}))

    # actions -----------------------------------------------------------------------------
    def _context_menu(self, event) -> None:
        """Right-click on a note selects it (unless it is one of those selected) and offers
        what can be done with it."""
        item = self.view.itemAt(event.pos())
        if isinstance(item, NoteItem) and not item.isSelected():
            self.scene.clearSelection()
            item.setSelected(True)
        menu = QMenu(self)
        menu.addActions([self.extra_actions["action"], self.extra_actions["to_theme"]])
        menu.exec(event.globalPos())

    def create_action(self) -> None:
        """An action answering the selected note, or else the chosen theme."""
        notes = self.scene.selected_notes()
        theme = self.themes.current_theme()
        if len(notes) == 1:
            evidence = ("note", notes[0].id)
        elif not notes and theme is not None:
            evidence = ("theme", theme.id)
        else:
            tell(self, self.tr("Board"), self.tr(
                "Select one note, or choose a theme in the list, to create an action from it."))
            return
        session = self.board.session_id if self.board is not None else None
        create_action(self, self.project, self.undo_stack, (evidence,), session_id=session)

    # board -------------------------------------------------------------------------------
    def create_board(self, session_id: str, title: str) -> Board | None:
        with guard(self, self.tr("Board")) as outcome:
            created = self.project.boards.create_board(session_id, title)
        if outcome.failed:
            return None
        self.message.hide()
        self.board = created
        self.refresh_boards()
        return created

    def _ask_new_board(self) -> None:
        sessions = self.project.sessions.list()
        if not sessions:
            tell(
                self, self.tr("Board"), self.tr("Add a session first: every board belongs to one.")
            )
            return
        names = [f"{s.date:%d %b %Y} — {s.title}" for s in sessions]
        choice, ok = QInputDialog.getItem(
            self, self.tr("New board"), self.tr("Session:"), names, len(names) - 1, False
        )
        if not ok:
            return
        title, ok = QInputDialog.getText(self, self.tr("New board"), self.tr("Board title:"))
        if ok:
            self.create_board(sessions[names.index(choice)].id, title)

    def set_locked(self, locked: bool) -> None:
        if self.board is None:
            return
        boards, before = self.project.boards, self.board
        after = replace(before, layout_locked=locked)
        with guard(self, self.tr("Board")) as outcome:
            boards.save_board(after)
        if not outcome.failed:
            self.board = after
            self.scene.set_locked(locked)
            self._push(
                self.tr("Lock layout") if locked else self.tr("Unlock layout"),
                lambda: boards.save_board(after),
                lambda: boards.save_board(before),
            )

    # keyboard moves ------------------------------------------------------------------------
    def _arrow_move(self, event) -> bool:
        steps = {
            Qt.Key.Key_Left: (-1, 0),
            Qt.Key.Key_Right: (1, 0),
            Qt.Key.Key_Up: (0, -1),
            Qt.Key.Key_Down: (0, 1),
        }
        selected = self.scene.selected_notes()
        if event.key() not in steps or not selected:
            return False
        size = 50 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 10
        dx, dy = steps[event.key()]
        self.move_notes([(n.id, n.x + dx * size, n.y + dy * size) for n in selected])
        return True

    def move_into_theme(self, theme: Theme) -> None:
        """The keyboard path for dropping notes into a theme: each selected note takes the
        next free place in its grid (a full theme grows)."""
        ids = [n.id for n in self.scene.selected_notes()]
        if not ids:
            return
        done: list[Relaid] = []
        with guard(self, self.tr("Board")) as outcome:
            done.append(self.project.boards.move_to_theme(ids, theme.id))
        if outcome.failed:
            return
        self._apply_layout(done[0].after)
        self._push_relaid(self.tr("Move {0} notes to “{1}”").format(len(ids), theme.name)
                          if len(ids) > 1 else self.tr("Move note to “{0}”").format(theme.name),
                          done[0])  # fmt: skip

    def tidy_up(self) -> None:
        """Lay out the whole board with nothing overlapping; one step to undo."""
        if self.board is None:
            return
        done: list[Relaid] = []
        with guard(self, self.tr("Board")) as outcome:
            done.append(self.project.boards.tidy_up(self.board.id))
        if outcome.failed:
            return
        self._apply_layout(done[0].after)
        self._push_relaid(self.tr("Tidy up"), done[0])
        self._say("" if done[0].after.notes or done[0].after.themes
                  else self.tr("The board is already tidy."))  # fmt: skip

    def move_theme(self, theme_id: str, x: float, y: float) -> None:
        """A theme area dragged by its title: it moves with its notes."""
        self._relay_theme(lambda boards: boards.move_theme(theme_id, x, y),
                          self.tr("Move theme"))  # fmt: skip

    def resize_theme(self, theme_id: str, width: float, height: float) -> None:
        """A theme area resized by its grip; its notes stay where they are, so it stops
        shrinking at them."""
        self._relay_theme(lambda boards: boards.resize_theme(theme_id, width, height),
                          self.tr("Resize theme"))  # fmt: skip

    def _relay_theme(self, change, text: str) -> None:
        done: list[Relaid] = []
        with guard(self, self.tr("Board")) as outcome:
            done.append(change(self.project.boards))
        if outcome.failed:
            self.reload()  # refused: show things where they are
            return
        self._apply_layout(done[0].after)
        for item in self.scene.theme_items.values():  # a clamped resize: show the real size
            item.set_theme(item.theme)
        self._push_relaid(text, done[0])

    def _ask_move_to_theme(self) -> None:
        themes = [item.theme for item in self.scene.theme_items.values()]
        if not themes or not self.scene.selected_notes():
            return
        names = [t.name for t in themes]
        name, ok = QInputDialog.getItem(
            self, self.tr("Move to theme"), self.tr("Theme:"), names, 0, False
        )
        if ok:
            self.move_into_theme(themes[names.index(name)])

    # accessibility -----------------------------------------------------------------------
    def set_high_contrast(self, on: bool) -> None:
        self.scene.high_contrast = on
        self.reload()

    def scale_text(self, step: float) -> None:
        self.scene.text_scale = min(3.0, max(0.6, self.scene.text_scale + step))
        self.reload()

    def private_writing(self) -> None:
        if self.board is None and not self._board_for_new_note():
            return
        from .private_writing import PrivateWritingDialog

        PrivateWritingDialog(lambda text: self.add_note(text, None, use_picker=False), self).exec()

    # search ------------------------------------------------------------------------------
    def apply_filter(self) -> None:
        needle = self.search.text().strip().casefold()
        themes = {tid: item.theme.name.casefold() for tid, item in self.scene.theme_items.items()}
        for item in self.scene.note_items.values():
            note = item.note
            haystack = " ".join(
                [
                    note.text,
                    item.author or "unattributed",
                    themes.get(note.theme_id or "", ""),
                    "sensitive" if note.sensitive else "",
                    "safeguarding" if note.safeguarding else "",
                ]
            ).casefold()
            item.setOpacity(1.0 if not needle or needle in haystack else 0.15)
