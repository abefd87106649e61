"""The board page on a real project: keyboard capture, dragging into themes, locking, and undo
and redo round trips that leave the database exactly as it was."""

from __future__ import annotations

from dataclasses import replace

import pytest
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
    theme = page.themes.add_theme("Money")
    page.themes.theme_list.setCurrentRow(0)
    assert page.themes.current_theme() == theme
    page.add_note("Payday loans")
    (note,) = project.boards.notes(page.board.id)
    assert note.theme_id == theme.id and theme.contains(*note.centre)
    assert page.themes.theme_list.item(0).text() == "Money (1)"


def test_drag_into_a_theme_then_undo_redo(window, qtbot, project):
    page = board_page(window, qtbot, project)
    theme = page.themes.add_theme("Safety")
    page.themes.theme_list.setCurrentRow(-1)
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
    page.themes.add_theme("Ideas")
    page.themes.theme_list.setCurrentRow(0)
    page.add_note("One")
    page.add_note("Two")
    page.themes.theme_list.setCurrentRow(-1)
    page.add_note("Three")
    first = project.boards.notes(page.board.id)[0]
    page.save_note(replace(first, text="One, edited", safeguarding=True))
    page.scene.note_items[first.id].setSelected(True)
    page.delete_selected()
    page.themes.recolour_theme() if page.themes.current_theme() else None
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
    page.voting.open_round(2)
    page.author_box.setCurrentIndex(page.author_box.findText(voter.pseudonym))
    item.setSelected(True)
    page.voting.vote_selected()
    page.voting.vote_selected()
    assert project.boards.votes_left(page.voting.current_round().id, voter.id) == 0
    page.voting.vote_selected()  # a third dot is refused, plainly
    assert "0 of their 2" in page.message.text()
    assert page.scene.note_items[item.note.id].dots is None  # hidden
    assert "results hidden" in page.voting.status.text()
    page.voting.reveal_votes()
    assert page.scene.note_items[item.note.id].dots == 2
    window.undo_action.trigger()  # hide again
    assert page.scene.note_items[item.note.id].dots is None


def test_keyboard_moves_and_move_to_theme(window, qtbot, project):
    page = board_page(window, qtbot, project)
    theme = page.themes.add_theme("Transport")
    page.themes.theme_list.setCurrentRow(-1)
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
    assert "1 note added" in seen["status"]
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
    money = page.themes.add_theme("Money")
    debt = page.themes.add_theme("Debt")
    page.themes.theme_list.setCurrentRow(0)  # Debt (sorted by name)
    assert page.themes.current_theme().id == debt.id
    page.add_note("Loan shark")
    page.add_note("Catalogue debt")
    before = dump(project)
    page.themes.merge_theme_into(money)
    assert {n.theme_id for n in project.boards.notes(page.board.id)} == {money.id}
    window.undo_action.trigger()
    assert dump(project) == before
    page.themes.theme_list.setCurrentRow(0)
    for item in page.scene.note_items.values():
        item.setSelected(item.note.text == "Loan shark")
    new = page.themes.split_theme("Lenders")
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
    page.themes.add_theme("Kept")
    page.themes.theme_list.setCurrentRow(0)
    page.add_note("Still here after reopening")
    path = project.path
    window.close_project()
    window.open_path(path, "correct horse battery")
    qtbot.waitUntil(lambda: window.project is not None, timeout=10000)
    texts = [i.note.text for i in window.board_page.scene.note_items.values()]
    assert texts == ["Still here after reopening"]
    assert window.board_page.themes.theme_list.item(0).text() == "Kept (1)"


def test_note_list_gives_keyboard_selection_and_accessible_names(window, qtbot, project):
    page = board_page(window, qtbot, project)
    page.themes.add_theme("Safety")
    page.themes.theme_list.setCurrentRow(0)
    page.add_note("Broken lights")
    page.add_note("Dark lane")
    assert page.themes.note_list.count() == 2
    row = page.themes.note_list.item(1)
    assert "Dark lane" in row.data(Qt.ItemDataRole.AccessibleTextRole)
    page.themes.note_list.setCurrentItem(row)
    assert [n.text for n in page.scene.selected_notes()] == ["Dark lane"]
    page.themes.theme_list.setCurrentRow(-1)
    assert page.themes.note_list.count() == 0  # no notes outside a theme


# layout: issue 14 -------------------------------------------------------------------------
def faults_on(project, page) -> set:
    from tests.services.test_boards import board_faults

    return board_faults(project, page.board.id)


def scene_matches_file(project, page) -> None:
    """What the canvas shows is what the project file holds."""
    notes = {n.id: n for n in project.boards.notes(page.board.id)}
    assert {i: it.note for i, it in page.scene.note_items.items()} == notes
    assert all(it.pos() == QPointF(n.x, n.y) for n, it in
               ((notes[i], it) for i, it in page.scene.note_items.items()))  # fmt: skip
    themes = {t.id: t for t in project.boards.themes(page.board.id)}
    assert {i: it.theme for i, it in page.scene.theme_items.items()} == themes
    assert page.scene.space.notes == notes and page.scene.space.themes == themes
    chosen = page.themes.current_theme()
    listed = [page.themes.note_list.item(r).data(Qt.ItemDataRole.UserRole)
              for r in range(page.themes.note_list.count())]  # fmt: skip
    assert sorted(listed) == sorted(i for i, n in notes.items()
                                    if n.theme_id == (chosen.id if chosen else None))
    counts = [page.themes.theme_list.item(r).text() for r in range(page.themes.theme_list.count())]
    assert counts == [f"{t.name} ({sum(n.theme_id == t.id for n in notes.values())})"
                      for t in sorted(themes.values(), key=lambda t: t.name.casefold())]


def test_ctrl_m_of_several_notes_gives_each_its_own_place_and_undoes_in_one_step(
        window, qtbot, project):  # fmt: skip
    from tests.ui.conftest import when_modal

    page = board_page(window, qtbot, project)
    theme = page.themes.add_theme("Transport")
    page.themes.theme_list.setCurrentRow(-1)
    for i in range(14):  # more than the area holds: it grows
        page.add_note(f"Bus problem {i}")
    before = dump(project)
    for item in page.scene.note_items.values():
        item.setSelected(True)
    page.view.setFocus()
    when_modal(lambda dialog: dialog.accept())  # the one theme is chosen
    qtbot.keyClick(page.view, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    notes = project.boards.notes(page.board.id)
    assert {n.theme_id for n in notes} == {theme.id}
    assert len({(n.x, n.y) for n in notes}) == 14
    assert faults_on(project, page) == set()
    scene_matches_file(project, page)
    after = dump(project)
    window.undo_action.trigger()
    assert dump(project) == before
    window.redo_action.trigger()
    assert dump(project) == after


def test_a_new_theme_lands_in_free_space_with_its_title_in_view(window, qtbot, project):
    page = board_page(window, qtbot, project)
    for i in range(8):
        page.add_note(f"Idea {i}")
    theme = page.themes.add_theme("Money")
    area = page.scene.theme_items[theme.id]
    for item in page.scene.note_items.values():
        assert not item.sceneBoundingRect().intersects(area.sceneBoundingRect())

    def title_in_view() -> bool:
        seen = page.view.mapToScene(page.view.viewport().rect()).boundingRect()
        return seen.contains(area.label.sceneBoundingRect().topLeft() + QPointF(12, 20))

    qtbot.waitUntil(title_in_view)


def test_a_theme_title_is_never_covered_by_a_note(window, qtbot, project):
    from PySide6.QtGui import QTransform

    from coprod_desktop.ui.board_scene import NoteItem

    page = board_page(window, qtbot, project)
    theme = page.themes.add_theme("Feeling safe")
    page.themes.theme_list.setCurrentRow(-1)
    page.add_note("Dropped on the title")
    note = next(iter(page.scene.note_items.values())).note
    page.move_notes([(note.id, theme.x + 10, theme.y + 5)])  # a drag onto the title
    title_point = QPointF(theme.x + 40, theme.y + 18)
    top = page.scene.itemAt(title_point, QTransform())
    assert not isinstance(top, NoteItem)  # the title bar is on top, showing the name
    assert top.area.theme.id == theme.id and top.title().startswith("Feeling safe")


def test_drag_a_theme_by_its_title_moves_its_notes_and_undoes(window, qtbot, project):
    page = board_page(window, qtbot, project)
    theme = page.themes.add_theme("Frame")
    page.themes.theme_list.setCurrentRow(0)
    page.add_note("Inside")
    page.themes.theme_list.setCurrentRow(-1)
    page.add_note("Outside")
    before = dump(project)
    inside, outside = (next(n for n in project.boards.notes(page.board.id) if n.text == t)
                       for t in ("Inside", "Outside"))  # fmt: skip
    grab = QPointF(theme.x + 200, theme.y + 15)
    page.view.centerOn(grab)
    drag(page.view, grab, grab + QPointF(120, 400))
    moved = project.boards.themes(page.board.id)[0]
    assert (moved.x - theme.x, moved.y - theme.y) == (120, 400)
    assert project.boards.note(inside.id).y == inside.y + 400
    assert project.boards.note(outside.id) == outside
    scene_matches_file(project, page)
    after = dump(project)
    window.undo_action.trigger()
    assert dump(project) == before
    scene_matches_file(project, page)
    window.redo_action.trigger()
    assert dump(project) == after


def test_resizing_a_theme_by_its_grip_stops_at_its_notes_and_undoes(window, qtbot, project):
    page = board_page(window, qtbot, project)
    theme = page.themes.add_theme("Frame")
    page.themes.theme_list.setCurrentRow(0)
    for i in range(3):
        page.add_note(f"Note {i}")
    before = dump(project)
    notes = project.boards.notes(page.board.id)
    corner = QPointF(theme.x + theme.width - 6, theme.y + theme.height - 6)
    page.view.centerOn(corner)
    drag(page.view, corner, corner - QPointF(700, 500))  # far smaller than its notes
    (small,) = project.boards.themes(page.board.id)
    assert small.width < theme.width and small.height < theme.height
    assert all(small.x + small.width >= n.x + n.width and small.y + small.height >= n.y + n.height
               for n in notes)  # fmt: skip
    assert project.boards.notes(page.board.id) == notes  # the notes did not move
    scene_matches_file(project, page)
    window.undo_action.trigger()
    assert dump(project) == before
    corner = QPointF(theme.x + theme.width - 6, theme.y + theme.height - 6)
    page.view.centerOn(corner)
    drag(page.view, corner, corner + QPointF(300, 200))
    (big,) = project.boards.themes(page.board.id)
    assert (big.width, big.height) == (theme.width + 300, theme.height + 200)


def test_tidy_up_by_shortcut_leaves_no_overlap_and_undoes_in_one_step(window, qtbot, project):
    page = board_page(window, qtbot, project)
    money = page.themes.add_theme("Money")
    page.themes.theme_list.setCurrentRow(-1)
    for i in range(12):
        page.add_note(f"Idea {i}")
    notes = project.boards.notes(page.board.id)
    # a messy board: notes stacked by hand, some into the theme, one over its title
    page.move_notes([(n.id, money.x + 20 + 9 * i, money.y + 10 + 7 * i)
                     for i, n in enumerate(notes[:6])])  # fmt: skip
    page.move_notes([(n.id, 40 + 5 * i, 900 + 4 * i) for i, n in enumerate(notes[6:])])
    assert faults_on(project, page)
    before, steps = dump(project), window.undo_stack.count()
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_T,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert faults_on(project, page) == set()
    scene_matches_file(project, page)
    assert window.undo_stack.count() == steps + 1
    window.undo_action.trigger()
    assert dump(project) == before


def test_tidy_up_has_a_button_and_a_shortcut_no_other_command_uses(window, qtbot, project):
    from PySide6.QtGui import QAction, QKeySequence, QShortcut
    from PySide6.QtWidgets import QToolButton

    page = board_page(window, qtbot, project)
    tidy = page.extra_actions["tidy"]
    assert any(b.defaultAction() is tidy for b in page.findChildren(QToolButton))
    keys = tidy.shortcut()
    assert not keys.isEmpty()
    for row in range(window.nav.count()):  # build every page
        window.nav.setCurrentRow(row)
    others = [a for a in window.findChildren(QAction) if a is not tidy]
    used = [k for a in others for k in a.shortcuts()]
    used += [s.key() for s in window.findChildren(QShortcut)]
    assert keys not in used
    std = QKeySequence.keyBindings
    for standard in QKeySequence.StandardKey:
        assert keys not in std(standard)


def test_a_note_typed_before_there_is_a_board_is_kept_and_gets_a_board(window, qtbot, project):
    session = project.sessions.save(replace(project.sessions.draft(), title="Drop-in"))
    window.set_project(project)
    window.nav.setCurrentRow(3)
    page = window.board_page
    assert page.board is None
    assert page.capture.isEnabled()
    page.capture.setFocus()
    qtbot.keyClicks(page.capture, "Buses stop at seven")
    qtbot.keyClick(page.capture, Qt.Key.Key_Return)
    (board,) = project.boards.boards()
    assert board.session_id == session.id and page.board.id == board.id
    assert [n.text for n in project.boards.notes(board.id)] == ["Buses stop at seven"]
    assert "Drop-in" in page.notice.text()


def test_with_several_sessions_it_asks_and_cancelling_keeps_the_text(window, qtbot, project):
    from tests.ui.conftest import when_modal

    for title in ("Monday", "Tuesday"):
        project.sessions.save(replace(project.sessions.draft(), title=title))
    window.set_project(project)
    window.nav.setCurrentRow(3)
    page = window.board_page
    page.capture.setText("Keep me")
    when_modal(lambda dialog: dialog.reject())
    qtbot.keyClick(page.capture, Qt.Key.Key_Return)
    assert project.boards.boards() == [] and page.capture.text() == "Keep me"
    assert "kept" in page.message.text()
    when_modal(lambda dialog: dialog.accept())
    qtbot.keyClick(page.capture, Qt.Key.Key_Return)
    (board,) = project.boards.boards()
    assert [n.text for n in project.boards.notes(board.id)] == ["Keep me"]
    assert page.capture.text() == ""


def test_with_no_session_it_says_so_and_keeps_the_text(window, qtbot, project):
    window.set_project(project)
    window.nav.setCurrentRow(3)
    page = window.board_page
    page.capture.setText("Nowhere to go yet")
    qtbot.keyClick(page.capture, Qt.Key.Key_Return)
    assert page.capture.text() == "Nowhere to go yet"
    assert "session" in page.message.text() and page.message.isVisibleTo(page)


def test_private_writing_without_a_board_starts_one(window, qtbot, project):
    from tests.ui.conftest import when_modal

    project.sessions.save(replace(project.sessions.draft(), title="Quiet room"))
    window.set_project(project)
    window.nav.setCurrentRow(3)
    page = window.board_page

    def write(dialog):
        dialog.text.setPlainText("Written alone")
        dialog.add_note()
        dialog.accept()

    when_modal(write)
    page.private_writing()
    (board,) = project.boards.boards()
    assert [n.text for n in project.boards.notes(board.id)] == ["Written alone"]


def test_vote_count_is_a_readable_number_on_the_note(window, qtbot, project):
    from PySide6.QtGui import QColor, QFontInfo, QImage, QPainter

    page = board_page(window, qtbot, project)
    voters = []
    for _ in range(3):
        voter = add_person(project)
        project.consent.record(consent_for(project, voter, method=Method.VERBAL, witness="A"))
        voters.append(voter)
    page.reload()
    page.add_note("Youth club back")
    note = next(iter(page.scene.note_items.values())).note
    voting = project.boards.open_round(page.board.id, 3)
    for voter in voters:
        project.boards.cast_vote(voting.id, note.id, voter.id, 2 if voter is voters[0] else 1)
    page.voting.reveal_votes()

    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(
            c.blueF())

    for high_contrast in (False, True):
        if page.scene.high_contrast != high_contrast:
            page.extra_actions["contrast"].trigger()
        item = page.scene.note_items[note.id]
        assert "4 votes" in item.accessible_name() and "4 votes" in item.toolTip()
        row = page.themes.note_list.item(0) if page.themes.note_list.count() else None
        assert row is None or "4 votes" in row.data(Qt.ItemDataRole.AccessibleTextRole)
        text, box, fill, ink = item.vote_badge()
        assert "4" in text and item.rect().contains(box)
        hi, lo = sorted((luminance(fill), luminance(ink)), reverse=True)
        assert (hi + 0.05) / (lo + 0.05) >= 7  # WCAG AAA for text
        assert QFontInfo(item.badge_font()).pixelSize() >= 13  # at 100% zoom
        image = QImage(int(item.rect().width()), int(item.rect().height()),
                       QImage.Format.Format_ARGB32)  # fmt: skip
        image.fill(0)
        painter = QPainter(image)
        item.paint(painter, None)
        painter.end()
        edge = image.pixelColor(int(box.left() + box.height() / 2), int(box.top() + 2))
        assert edge == fill  # drawn where it says
    one = replace(note, id="x")
    from coprod_desktop.ui.board_scene import NoteItem

    assert "1 vote" in NoteItem(one, dots=1).accessible_name()
    assert NoteItem(one, dots=0).vote_badge() is None and NoteItem(one).vote_badge() is None


def test_capture_outside_themes_never_lands_on_a_theme_or_a_note(window, qtbot, project):
    page = board_page(window, qtbot, project)
    page.themes.add_theme("Left")
    page.themes.theme_list.setCurrentRow(0)
    page.add_note("In the theme")  # the last note is inside the area
    page.themes.theme_list.setCurrentRow(-1)
    for i in range(20):
        page.add_note(f"Outside {i}")
    assert faults_on(project, page) == set()
    theme = project.boards.themes(page.board.id)[0]
    for n in project.boards.notes(page.board.id):
        inside = theme.contains(*n.centre)
        assert inside == (n.theme_id == theme.id)


def test_quick_capture_into_a_full_theme_grows_it_and_undoes(window, qtbot, project):
    page = board_page(window, qtbot, project)
    top = page.themes.add_theme("Top")
    below = project.boards.save_theme(Theme("below", page.board.id, "Below", x=top.x,
                                            y=top.y + top.height + 32))  # fmt: skip
    page.reload()
    themes = page.themes.theme_list
    themes.setCurrentRow(themes.count() - 1)  # "Top" (sorted by name)
    assert page.themes.current_theme().id == top.id
    for i in range(12):
        page.add_note(f"Fits {i}")
    before = dump(project)
    page.add_note("One too many")
    assert faults_on(project, page) == set()
    grown = {t.id: t for t in project.boards.themes(page.board.id)}
    assert grown[top.id].height > top.height and grown["below"].y > below.y
    scene_matches_file(project, page)
    after = dump(project)
    window.undo_action.trigger()
    assert dump(project) == before
    window.redo_action.trigger()
    assert dump(project) == after


@pytest.mark.parametrize("seed", [1, 2, 5, 7])
def test_any_sequence_of_board_commands_adds_no_overlap(window, qtbot, project, seed):
    """Random sequences of the page's commands (capture in and out of themes, new theme, move
    to theme, merge, split, tidy up, undo and redo): the file never has overlapping notes,
    covered titles or notes outside their theme, and the canvas shows what the file holds."""
    import random

    page = board_page(window, qtbot, project)
    rng = random.Random(seed)
    for step in range(60):
        themes = list(page.scene.theme_items.values())
        action = rng.choice(["capture", "capture", "capture_in", "theme", "to_theme", "merge",
                             "split", "tidy", "undo", "redo"])  # fmt: skip
        if not themes and action in ("capture_in", "to_theme", "merge", "split"):
            action = "theme"
        if action == "capture":
            page.themes.theme_list.setCurrentRow(-1)
            page.add_note(f"Note {step}")
        elif action == "capture_in":
            page.themes.theme_list.setCurrentRow(rng.randrange(page.themes.theme_list.count()))
            page.add_note(f"Themed {step}")
        elif action == "theme":
            page.themes.add_theme(f"Theme {step}")
        elif action == "to_theme":
            for item in page.scene.note_items.values():
                item.setSelected(rng.random() < 0.3)
            page.move_into_theme(rng.choice(themes).theme)
        elif action == "merge" and len(themes) > 1:
            page.themes.theme_list.setCurrentRow(rng.randrange(page.themes.theme_list.count()))
            target = rng.choice([t for t in themes if t.theme.id != page.themes.current_theme().id])
            page.themes.merge_theme_into(target.theme)
        elif action == "split":
            page.themes.theme_list.setCurrentRow(rng.randrange(page.themes.theme_list.count()))
            chosen = page.themes.current_theme()
            for item in page.scene.note_items.values():
                item.setSelected(item.note.theme_id == chosen.id and rng.random() < 0.5)
            page.themes.split_theme(f"Split {step}")
        elif action == "tidy":
            page.tidy_up()
        elif action == "undo":
            window.undo_action.trigger()
        elif action == "redo":
            window.redo_action.trigger()
        assert faults_on(project, page) == set(), action
        scene_matches_file(project, page)


def test_a_locked_layout_keeps_theme_areas_where_they_are(window, qtbot, project):
    page = board_page(window, qtbot, project)
    theme = page.themes.add_theme("Fixed")
    page.lock_button.click()
    area = page.scene.theme_items[theme.id]
    assert not area.grip.isVisible()
    before = dump(project)
    grab = QPointF(theme.x + 200, theme.y + 15)
    page.view.centerOn(grab)
    drag(page.view, grab, grab + QPointF(300, 300))
    assert dump(project) == before and area.pos() == QPointF(theme.x, theme.y)
    page.tidy_up()
    assert "locked" in page.message.text() and dump(project) == before


def test_a_board_can_be_started_by_keyboard_and_voting_waits_for_one(window, qtbot, project):
    session = project.sessions.save(replace(project.sessions.draft(), title="Workshop"))
    window.set_project(project)
    window.nav.setCurrentRow(window.PAGES.index("board"))
    page = window.board_page
    assert page.board is None and not page.voting.vote_actions["open"].isEnabled()
    assert page.new_board_action.shortcut().toString() == "Ctrl+Shift+B"
    page.create_board(session.id, "Ideas")
    assert page.voting.vote_actions["open"].isEnabled()
    edit = page.search
    assert edit.width() >= edit.fontMetrics().horizontalAdvance(edit.placeholderText())
