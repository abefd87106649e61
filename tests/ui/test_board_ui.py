"""The board page on a real project: keyboard capture, dragging into themes, locking, and undo
and redo round trips that leave the database exactly as it was."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from coprod_desktop.domain.board import Theme
from coprod_desktop.domain.consent import Method
from coprod_desktop.ui.note_editor import InPlaceEditor
from tests.services.test_boards import dump
from tests.services.test_consent_service import add_person, consent_for


def board_page(window, qtbot, project):
    session = project.sessions.save(replace(project.sessions.draft(), title="Workshop"))
    window.set_project(project)
    page = window.board_page
    page.create_board(session.id, "Ideas")
    window.nav.setCurrentRow(3)
    return page


def drag(view, start: QPointF, end: QPointF) -> None:
    """A real press-move-release on the canvas (QTest's mouseMove carries no buttons)."""
    viewport = view.viewport()
    a, b = view.mapFromScene(start), view.mapFromScene(end)
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    no_mods = Qt.KeyboardModifier.NoModifier
    for kind, pos, buttons in ((QEvent.Type.MouseButtonPress, a, left),
                               (QEvent.Type.MouseMove, (a + b) / 2, left),
                               (QEvent.Type.MouseMove, b, left),
                               (QEvent.Type.MouseButtonRelease, b, none)):  # fmt: skip
        button = left if kind != QEvent.Type.MouseMove else none
        event = QMouseEvent(kind, QPointF(pos), viewport.mapToGlobal(QPointF(pos)), button,
                            buttons, no_mods)  # fmt: skip
        QApplication.sendEvent(viewport, event)


def test_capture_by_keyboard_with_colour_and_author(window, qtbot, project):
    page = board_page(window, qtbot, project)
    author = add_person(project)
    project.consent.record(consent_for(project, author, method=Method.VERBAL, witness="Ann"))
    page.reload()
    page.capture.setFocus()
    qtbot.keyClicks(page.capture, "More street lights")
    qtbot.keyClick(page.capture, Qt.Key.Key_Return)
    qtbot.keyClick(page.capture, Qt.Key.Key_Tab)  # next colour, focus stays
    assert page.capture.hasFocus() and page.colour == "pink"
    page.author_box.setCurrentIndex(page.author_box.findText(author.pseudonym))
    qtbot.keyClicks(page.capture, "Youth club back")
    qtbot.keyClick(page.capture, Qt.Key.Key_Return)
    notes = project.boards.notes(page.board.id)
    assert [(n.text, n.colour, n.author_id) for n in notes] == [
        ("More street lights", "yellow", None),
        ("Youth club back", "pink", author.id),
    ]
    assert notes[1].x > notes[0].x  # placed beside the last one
    assert page.capture.text() == "" and len(page.scene.note_items) == 2


def test_author_without_consent_is_refused_and_says_why(window, qtbot, project):
    page = board_page(window, qtbot, project)
    stranger = add_person(project)
    page.reload()
    page.author_box.setCurrentIndex(page.author_box.findText(stranger.pseudonym))
    page.capture.setText("Something they said")
    qtbot.keyClick(page.capture, Qt.Key.Key_Return)
    assert project.boards.notes(page.board.id) == []
    assert stranger.pseudonym in page.message.text() and "No consent" in page.message.text()
    assert page.capture.text() == "Something they said"  # nothing typed is lost


def test_capture_goes_into_the_selected_theme(window, qtbot, project):
    page = board_page(window, qtbot, project)
    theme = page.add_theme("Money")
    page.themes.setCurrentRow(0)
    assert page.current_theme() == theme
    page.add_note("Payday loans")
    (note,) = project.boards.notes(page.board.id)
    assert note.theme_id == theme.id and theme.contains(*note.centre)
    assert page.themes.item(0).text() == "Money (1)"


def test_drag_into_a_theme_then_undo_redo(window, qtbot, project):
    page = board_page(window, qtbot, project)
    theme = page.add_theme("Safety")
    page.themes.setCurrentRow(-1)
    page.add_note("Dark path")
    before = dump(project)
    item = next(iter(page.scene.note_items.values()))
    start = item.sceneBoundingRect().center()
    target = QPointF(theme.x + 200, theme.y + 200)
    page.view.centerOn(start)
    drag(page.view, start, target)
    moved = project.boards.notes(page.board.id)[0]
    assert moved.theme_id == theme.id
    after = dump(project)
    window.undo_action.trigger()
    assert dump(project) == before
    window.redo_action.trigger()
    assert dump(project) == after


def test_lock_prevents_moves(window, qtbot, project):
    page = board_page(window, qtbot, project)
    page.add_note("Stay put")
    page.lock_button.click()
    assert project.boards.board(page.board.id).layout_locked
    item = next(iter(page.scene.note_items.values()))
    start = item.sceneBoundingRect().center()
    page.view.centerOn(start)
    drag(page.view, start, start + QPointF(300, 200))
    note = project.boards.notes(page.board.id)[0]
    assert (note.x, note.y) == (item.note.x, item.note.y)
    assert page.scene.note_items[note.id].pos() == QPointF(note.x, note.y)


def test_every_change_undoes_to_an_identical_database(window, qtbot, project):
    page = board_page(window, qtbot, project)
    start = dump(project)
    page.add_theme("Ideas")
    page.themes.setCurrentRow(0)
    page.add_note("One")
    page.add_note("Two")
    page.themes.setCurrentRow(-1)
    page.add_note("Three")
    first = project.boards.notes(page.board.id)[0]
    page.save_note(replace(first, text="One, edited", safeguarding=True))
    page.scene.note_items[first.id].setSelected(True)
    page.delete_selected()
    page.recolour_theme() if page.current_theme() else None
    page.lock_button.click()
    end = dump(project)
    steps = window.undo_stack.count()
    for _ in range(steps):
        window.undo_action.trigger()
    assert dump(project) == start
    for _ in range(steps):
        window.redo_action.trigger()
    assert dump(project) == end


def test_notes_are_shown_after_reopening_and_search_dims_others(window, qtbot, project):
    page = board_page(window, qtbot, project)
    page.add_note("Cheap vapes for kids")
    page.add_note("Bus fares too high")
    page.search.setText("vapes")
    opacities = sorted(i.opacity() for i in page.scene.note_items.values())
    assert opacities == [0.15, 1.0]
    page.search.setText("unattributed")
    assert all(i.opacity() == 1.0 for i in page.scene.note_items.values())


def test_double_click_edits_in_place(window, qtbot, project):
    page = board_page(window, qtbot, project)
    page.add_note("Typo here")
    item = next(iter(page.scene.note_items.values()))
    page.view.centerOn(item)
    point = page.view.mapFromScene(item.sceneBoundingRect().center())
    qtbot.mouseDClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(point))
    editor = page.findChild(InPlaceEditor)
    assert editor is not None and editor.edit.toPlainText() == "Typo here"
    editor.edit.setPlainText("Typo fixed")
    qtbot.keyClick(editor.edit, Qt.Key.Key_Return)
    assert project.boards.notes(page.board.id)[0].text == "Typo fixed"
    window.undo_action.trigger()
    assert project.boards.notes(page.board.id)[0].text == "Typo here"


def test_f2_edit_and_escape_cancels(window, qtbot, project):
    page = board_page(window, qtbot, project)
    page.add_note("Keep me")
    next(iter(page.scene.note_items.values())).setSelected(True)
    window.edit_record_action.trigger()  # F2 from anywhere in the window
    editor = page.findChild(InPlaceEditor)
    editor.edit.setPlainText("Changed my mind")
    qtbot.keyClick(editor.edit, Qt.Key.Key_Escape)
    assert project.boards.notes(page.board.id)[0].text == "Keep me"
    assert Theme  # imported for type use in helpers


def test_voting_is_hidden_until_revealed(window, qtbot, project):
    page = board_page(window, qtbot, project)
    voter = add_person(project)
    project.consent.record(consent_for(project, voter, method=Method.VERBAL, witness="Ann"))
    page.reload()
    page.add_note("Youth club")
    item = next(iter(page.scene.note_items.values()))
    page.open_round(2)
    page.author_box.setCurrentIndex(page.author_box.findText(voter.pseudonym))
    item.setSelected(True)
    page.vote_selected()
    page.vote_selected()
    assert project.boards.votes_left(page.current_round().id, voter.id) == 0
    page.vote_selected()  # a third dot is refused, plainly
    assert "0 of their 2" in page.message.text()
    assert page.scene.note_items[item.note.id].dots is None  # hidden
    assert "results hidden" in page.vote_status.text()
    page.reveal_votes()
    assert page.scene.note_items[item.note.id].dots == 2
    window.undo_action.trigger()  # hide again
    assert page.scene.note_items[item.note.id].dots is None


def test_keyboard_moves_and_move_to_theme(window, qtbot, project):
    page = board_page(window, qtbot, project)
    theme = page.add_theme("Transport")
    page.themes.setCurrentRow(-1)
    page.add_note("Buses stop at 7pm")
    item = next(iter(page.scene.note_items.values()))
    item.setSelected(True)
    page.view.setFocus()
    x0 = item.note.x
    qtbot.keyClick(page.view, Qt.Key.Key_Right)
    assert project.boards.note(item.note.id).x == x0 + 10
    page.move_into_theme(theme)
    assert project.boards.note(item.note.id).theme_id == theme.id


def test_flags_and_safeguarding_marking(window, qtbot, project):
    page = board_page(window, qtbot, project)
    page.add_note("A child on our stair is being sent to buy cigarettes")
    item = next(iter(page.scene.note_items.values()))
    item.setSelected(True)
    page.extra_actions["safeguarding"].trigger()
    note = project.boards.note(item.note.id)
    assert note.safeguarding and not note.may_leave_project
    assert page.scene.note_items[note.id].accessible_name().startswith("Safeguarding")


def test_private_writing_adds_notes_without_showing_the_board(window, qtbot, project):
    from tests.ui.conftest import when_modal

    page = board_page(window, qtbot, project)
    page.add_note("Someone else's note")
    seen = {}

    def write(dialog):
        seen["labels"] = " ".join(w.text() for w in dialog.findChildren(type(dialog.status)))
        dialog.text.setPlainText("My private idea")
        qtbot.keyClick(dialog.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        seen["status"] = dialog.status.text()
        dialog.accept()

    when_modal(write)
    page.private_writing()
    assert "Someone else's note" not in seen["labels"]
    assert "1 note(s) added" in seen["status"]
    texts = sorted(n.text for n in project.boards.notes(page.board.id))
    assert texts == ["My private idea", "Someone else's note"]
    mine = next(n for n in project.boards.notes(page.board.id) if n.text == "My private idea")
    assert mine.author_id is None


def test_high_contrast_and_text_size(window, qtbot, project):
    page = board_page(window, qtbot, project)
    page.add_note("Readable")
    page.extra_actions["contrast"].trigger()
    page.extra_actions["bigger"].trigger()
    item = next(iter(page.scene.note_items.values()))
    assert item.high_contrast and item.text_scale > 1.0


def test_merge_and_split_themes_with_undo(window, qtbot, project):
    page = board_page(window, qtbot, project)
    money = page.add_theme("Money")
    debt = page.add_theme("Debt")
    page.themes.setCurrentRow(0)  # Debt (sorted by name)
    assert page.current_theme().id == debt.id
    page.add_note("Loan shark")
    page.add_note("Catalogue debt")
    before = dump(project)
    page.merge_theme_into(money)
    assert {n.theme_id for n in project.boards.notes(page.board.id)} == {money.id}
    window.undo_action.trigger()
    assert dump(project) == before
    page.themes.setCurrentRow(0)
    for item in page.scene.note_items.values():
        item.setSelected(item.note.text == "Loan shark")
    new = page.split_theme("Lenders")
    assert (
        project.boards.note(
            next(i for i, it in page.scene.note_items.items() if it.note.text == "Loan shark")
        ).theme_id
        == new.id
    )
    window.undo_action.trigger()
    assert dump(project) == before
    window.redo_action.trigger()
    assert [t.name for t in project.boards.themes(page.board.id)] == ["Debt", "Lenders", "Money"]


def test_board_survives_closing_and_reopening_the_project(window, qtbot, project):
    page = board_page(window, qtbot, project)
    page.add_theme("Kept")
    page.themes.setCurrentRow(0)
    page.add_note("Still here after reopening")
    path = project.path
    window.close_project()
    window.open_path(path, "correct horse battery")
    qtbot.waitUntil(lambda: window.project is not None, timeout=10000)
    texts = [i.note.text for i in window.board_page.scene.note_items.values()]
    assert texts == ["Still here after reopening"]
    assert window.board_page.themes.item(0).text() == "Kept (1)"


def test_note_list_gives_keyboard_selection_and_accessible_names(window, qtbot, project):
    page = board_page(window, qtbot, project)
    page.add_theme("Safety")
    page.themes.setCurrentRow(0)
    page.add_note("Broken lights")
    page.add_note("Dark lane")
    assert page.note_list.count() == 2
    row = page.note_list.item(1)
    assert "Dark lane" in row.data(Qt.ItemDataRole.AccessibleTextRole)
    page.note_list.setCurrentItem(row)
    assert [n.text for n in page.scene.selected_notes()] == ["Dark lane"]
    page.themes.setCurrentRow(-1)
    assert page.note_list.count() == 0  # no notes outside a theme
