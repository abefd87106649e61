"""File › Combine with Another Project… on real encrypted projects: two laptops' copies of the
demo, each changed on its own, combined through the dialog in the real window."""

from __future__ import annotations

import dataclasses
import shutil
import tempfile
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from coprod_desktop.domain.board import Note
from coprod_desktop.domain.combining import OURS, THEIRS
from coprod_desktop.domain.consent import Scope
from coprod_desktop.domain.ids import new_id
from coprod_desktop.services.project import open_project
from coprod_desktop.storage import audit_repo
from coprod_desktop.ui.combine_dialog import CombineDialog
from coprod_desktop.ui.undo_commands import Undo
from tests.conftest import PASSPHRASE
from tests.services.test_combining import _newcomer
from tests.ui.conftest import when_shown


def _leftovers() -> set[str]:
    return {p.name for p in Path(tempfile.gettempdir()).glob("coprod-combine-*")}


def _note(project, text: str, author_id: str | None = None) -> Note:
    board = project.boards.boards()[0]
    return project.boards.add_note(Note(new_id(), board.id, text, author_id=author_id))


@pytest.fixture
def laptops(demo_template: Path, tmp_path: Path) -> tuple[Path, Path, dict]:
    """The demo on two laptops. A registers Ann (P-16) and Jo (P-17) and edits a session's
    venue; B registers Bea (P-16, so renumbered here) and Jo again (P-17), writes a note that
    names Bea, and edits the same venue a little later."""
    a, b = tmp_path / "venue-a.coprod", tmp_path / "venue-b.coprod"
    shutil.copy2(demo_template, a)
    shutil.copy2(demo_template, b)
    ids = {}
    project = open_project(a, PASSPHRASE, "tester")
    try:
        _newcomer(project, "Ann Here")
        ids["jo_here"] = _newcomer(project, "Jo Bloggs").id
        session = project.sessions.list()[0]
        ids["session"] = session.id
        project.sessions.save(dataclasses.replace(session, venue="Church hall (side room)"))
    finally:
        project.close()
    time.sleep(1.1)  # times are kept to the second: B's edit is the newer
    project = open_project(b, PASSPHRASE, "tester")
    try:
        bea = _newcomer(project, "Bea There")
        ids["bea"] = bea.id
        ids["jo_there"] = _newcomer(project, "jo  bloggs").id
        ids["board"] = project.boards.boards()[0].id
        _note(project, "P-16 says the lights are out", bea.id)
        session = project.sessions.list()[0]
        project.sessions.save(dataclasses.replace(session, venue="Church hall, main room"))
    finally:
        project.close()
    return a, b, ids


@pytest.fixture
def opened(window, qtbot, laptops):
    a, _b, _ids = laptops
    window.open_path(a, PASSPHRASE)
    qtbot.waitUntil(lambda: window.project is not None, timeout=10000)
    return window


def _dialog(qtbot, window, tmp_path) -> CombineDialog:
    dialog = CombineDialog(window.project, window.runner, tmp_path, window.undo_stack.clear,
                           window)  # fmt: skip
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _read(qtbot, dialog: CombineDialog, path: Path, passphrase: str) -> None:
    dialog.path.setText(str(path))
    dialog.passphrase.edit.setText(passphrase)
    qtbot.keyClick(dialog.passphrase.edit, Qt.Key.Key_Return)  # Read file is the default
    qtbot.waitUntil(lambda: not dialog.busy, timeout=20000)


def _cell(table, row: int, column: int) -> str:
    return table.item(row, column).text()


def test_a_wrong_passphrase_is_said_in_the_dialog_and_keeps_what_was_typed(
        qtbot, opened, laptops, tmp_path):  # fmt: skip
    _a, b, _ids = laptops
    before = _leftovers()
    dialog = _dialog(qtbot, opened, tmp_path)
    _read(qtbot, dialog, b, "not the passphrase")
    assert dialog.error.isVisible() and "passphrase" in dialog.error.text().lower()
    assert dialog.isVisible() and dialog.path.text() == str(b)
    assert dialog.plan is None and dialog.read_button.isVisible()
    assert _leftovers() <= before  # the copy of a file that did not open is gone at once
    dialog.path.setText("")
    qtbot.keyClick(dialog.path, Qt.Key.Key_Return)
    assert dialog.error.isVisible() and "Choose the other project file" in dialog.error.text()


def test_preview_choices_and_combining_through_the_dialog(qtbot, opened, laptops, tmp_path):
    window = opened
    _a, b, ids = laptops
    before = _leftovers()
    window.nav.setCurrentRow(window.PAGES.index("board"))
    board = window.board_page
    board.board_box.setCurrentIndex(board.board_box.findData(ids["board"]))
    window.sessions_page.refresh()
    assert window.undo_stack.count() == 0
    window.undo_stack.push(Undo("A step before combining", lambda: None, lambda: None))
    dialog = _dialog(qtbot, window, tmp_path)
    _read(qtbot, dialog, b, PASSPHRASE)
    assert not dialog.error.isVisible(), dialog.error.text()
    assert len(_leftovers() - before) == 1  # the private copy, while the dialog is open
    preview = dialog.preview

    # what will be added, as counted nouns
    summary = preview.summary.text()
    assert "2 participants" in summary and "1 note" in summary, summary
    assert "Already here" in summary

    # people: Bea is renumbered; Jo is suggested but stays a new person until accepted
    people = preview.people
    rows = {_cell(people, r, 1): r for r in range(people.rowCount())}
    assert set(rows) == {"Bea There", "jo bloggs"}
    bea, jo = rows["Bea There"], rows["jo bloggs"]
    assert (_cell(people, bea, 0), _cell(people, jo, 0)) == ("P-16", "P-17")
    # both pseudonyms are taken here: each is renumbered, and the table says so before combining
    # (the next free numbers, P-18 and P-19, in the order the other file lists them)
    assert _cell(people, bea, 5) in ("P-18 (renumbered: P-16 is taken here)",
                                     "P-19 (renumbered: P-16 is taken here)")  # fmt: skip
    assert _cell(people, jo, 5) in ("P-18 (renumbered: P-17 is taken here)",
                                    "P-19 (renumbered: P-17 is taken here)")  # fmt: skip
    assert _cell(people, bea, 5)[:4] != _cell(people, jo, 5)[:4]
    assert _cell(people, jo, 3) == "same real name as P-17" and _cell(people, bea, 3) == ""
    assert _cell(people, jo, 4) == "New person"
    assert preview.matches == {}
    qtbot.keyClick(dialog, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    assert preview.matches == {ids["jo_there"]: ids["jo_here"]}
    assert "1 participant," in preview.summary.text()  # Jo is one here, not one more
    assert _cell(people, jo, 4) == "P-17" and _cell(people, jo, 5) == "P-17"
    assert _cell(people, bea, 5) == "P-18 (renumbered: P-16 is taken here)"  # updated live

    # the venue edited on both laptops: B's is newer and chosen; we keep this file's
    [conflict] = dialog.plan.conflicts
    assert conflict.newer == THEIRS and preview.keep[conflict.key] == THEIRS
    assert _cell(preview.conflicts, 0, 2) == "The other file's: “Church hall, main room” (newer)"
    assert "venue: “Church hall (side room)” here, “Church hall, main room” there" in \
        _cell(preview.conflicts, 0, 1)
    preview.conflicts.selectRow(0)
    preview.side.setCurrentIndex(preview.side.findData(OURS))
    preview.side.activated.emit(preview.side.currentIndex())
    assert preview.keep[conflict.key] == OURS
    assert _cell(preview.conflicts, 0, 2) == "This file's: “Church hall (side room)”"

    # Combine waits for the tick, and says so; then Enter combines
    assert dialog.primary_button() is dialog.combine_button
    qtbot.keyClick(preview.people, Qt.Key.Key_Return)
    assert dialog.outcome is None and "I understand" in dialog.error.text()
    dialog.confirm.setChecked(True)
    assert dialog.combine_button.isEnabled() and dialog.combine_button.isDefault()
    qtbot.keyClick(preview.people, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=30000)

    done = dialog.done_text.text()
    assert "P-16 from the other file is now P-18." in done
    assert "P-17 from the other file is P-17 here" in done
    assert "kept this file's version" in done
    assert window.undo_stack.count() == 0  # combining cannot be undone
    assert dialog.primary_button() is dialog.close_button
    assert _leftovers() <= before  # removed once combined

    project = window.project
    people_now = {p.pseudonym: p for p in project.participants.list()}
    assert people_now["P-18"].id == ids["bea"] and people_now["P-18"].real_name == "Bea There"
    assert [p.real_name for p in people_now.values()].count("Jo Bloggs") == 1
    assert not any(p.id == ids["jo_there"] for p in people_now.values())
    venue = next(s.venue for s in project.sessions.list() if s.id == ids["session"])
    assert venue == "Church hall (side room)"
    # the pages show what came, without being told by hand
    texts = [item.note.text for item in board.scene.note_items.values()]
    assert "P-18 says the lights are out" in texts
    qtbot.keyClick(dialog.close_button, Qt.Key.Key_Return)
    assert not dialog.isVisible()


def test_closing_before_combining_changes_nothing_and_removes_the_copy(
        qtbot, opened, laptops, tmp_path):  # fmt: skip
    window = opened
    _a, b, _ids = laptops
    before = _leftovers()
    people = len(window.project.participants.list())
    dialog = _dialog(qtbot, window, tmp_path)
    _read(qtbot, dialog, b, PASSPHRASE)
    assert dialog.plan is not None and _leftovers() - before
    qtbot.keyClick(dialog.preview.people, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert _leftovers() <= before
    assert len(window.project.participants.list()) == people


def test_nothing_new_still_combines_and_is_recorded(qtbot, opened, laptops, tmp_path):
    window = opened
    a, _b, _ids = laptops
    same = tmp_path / "same.coprod"
    shutil.copy2(a, same)
    dialog = _dialog(qtbot, window, tmp_path)
    _read(qtbot, dialog, same, PASSPHRASE)
    assert "Nothing new to add" in dialog.preview.summary.text()
    assert not dialog.preview.people.isVisible() and not dialog.preview.conflicts.isVisible()
    dialog.confirm.setChecked(True)
    dialog.combine_button.click()
    qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=30000)
    assert "Nothing new was added" in dialog.done_text.text()
    entries = list(audit_repo.entries(window.project.file.db))
    assert [e.action for e in entries].count("project.combined") == 1


def test_the_file_menu_opens_it_only_with_a_project(qtbot, window, opened):
    assert window.combine_action.isEnabled()
    seen = []
    when_shown(CombineDialog, lambda dialog: seen.append(dialog.focusWidget() is dialog.path))
    window.combine_action.trigger()
    assert seen == [True]
    window.close_project()
    assert not window.combine_action.isEnabled()


def test_withdrawals_arriving_say_what_they_erase(qtbot, opened, laptops, tmp_path):
    _a, b, _ids = laptops
    project = open_project(b, PASSPHRASE, "tester")
    try:
        people = {p.pseudonym: p.id for p in project.participants.list()}
        project.consent.withdraw(people["P-01"], Scope.EVERYTHING)
        project.consent.withdraw(people["P-03"], Scope.FUTURE_PACKS)
    finally:
        project.close()
    dialog = _dialog(qtbot, opened, tmp_path)
    _read(qtbot, dialog, b, PASSPHRASE)
    said = dialog.preview.withdrawals.text()
    assert dialog.preview.withdrawals.isVisible()
    assert "P-01 withdrew (everything) on the other laptop: their material will be erased" in said
    assert "P-03 withdrew from future packs on the other laptop: nothing is erased" in said


def test_two_people_chosen_as_one_are_marked_before_combining(qtbot, opened, laptops, tmp_path):
    _a, b, ids = laptops
    dialog = _dialog(qtbot, opened, tmp_path)
    _read(qtbot, dialog, b, PASSPHRASE)
    preview = dialog.preview
    for row in range(preview.people.rowCount()):
        preview.people.selectRow(row)
        preview.same.setCurrentIndex(preview.same.findData(ids["jo_here"]))
        preview.same.activated.emit(preview.same.currentIndex())
    marks = [_cell(preview.people, row, 5) for row in range(preview.people.rowCount())]
    assert all("chosen for two people" in mark for mark in marks), marks
    dialog.confirm.setChecked(True)
    dialog.combine_button.click()
    assert dialog.outcome is None and "cannot both be one person" in dialog.error.text()


def test_the_file_combined_last_is_offered_again(qtbot, opened, laptops):
    window = opened
    _a, b, _ids = laptops

    def combine(dialog: CombineDialog) -> None:
        _read(qtbot, dialog, b, PASSPHRASE)
        dialog.confirm.setChecked(True)
        dialog.combine_button.click()
        qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=30000)
        dialog.accept()

    when_shown(CombineDialog, combine)
    window.combine_action.trigger()
    seen = []
    when_shown(CombineDialog, lambda dialog: seen.append(
        (dialog.path.text(), dialog.focusWidget() is dialog.passphrase.edit)))
    window.combine_action.trigger()
    assert seen == [(str(b), True)]
