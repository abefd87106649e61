"""The Actions page with real widgets over real encrypted projects: adding, editing, deleting
and responding through the dialogs, each one step of the window's undo stack; the filters;
overdue actions marked in words and colour and listed first; the dialog refusing what is
missing without losing what was typed; and actions started from a note, a theme, a quote and
an outcome with their evidence already linked."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QMessageBox

from coprod_desktop.domain.actions import Action, ActionStatus
from coprod_desktop.ui.action_dialog import ActionDialog, EvidenceChooser, ResponseDialog
from coprod_desktop.ui.actions_page import DUE_COLUMN
from coprod_desktop.ui.models import warning_colour
from tests.conftest import PASSPHRASE
from tests.ui.conftest import save, when_shown

TODAY = dt.date.today()
DAY = dt.timedelta(days=1)


CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def active(window, qtbot) -> None:
    """The window active again, as it is once a dialog closes (offscreen, not at once)."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)




def rows(page) -> list[list[str]]:
    model = page.table.model()
    return [[model.index(r, c).data() for c in range(model.columnCount())]
            for r in range(model.rowCount())]  # fmt: skip


def texts(page) -> list[str]:
    return [row[0] for row in rows(page)]


def select(page, text: str) -> None:
    row = texts(page).index(text)
    page.table.selectRow(row)
    assert page.current().text == text


@pytest.fixture
def empty(window, project_path):
    """The window over a new project with one session, on the Actions page."""
    from coprod_desktop.services.project import create_project

    project = create_project(project_path, PASSPHRASE, "Actions", actor="tester")
    project.sessions.save(replace(project.sessions.draft(), title="Market day"))
    window.set_project(project)
    window.nav.setCurrentRow(window.PAGES.index("actions"))
    return window


def add(project, text: str, organisation: str, status=ActionStatus.AGREED, due=None) -> Action:
    from coprod_desktop.domain.ids import new_id

    action = Action(new_id(), text, organisation, status, due)
    project.actions.save(action)
    return project.actions.get(action.id)


# the page in the window ------------------------------------------------------------------------
def test_the_page_follows_risks_and_opens_with_ctrl_0(open_demo, qtbot):
    window = open_demo
    labels = [window.nav.item(r).text() for r in range(window.nav.count())]
    assert labels[8:10] == ["Risks and outcomes", "Actions"]  # later pages come after
    go = window.go_actions[labels.index("Actions")]
    assert go.shortcut().toString() == "Ctrl+0"
    assert [a.shortcut().toString() for a in window.go_actions[:9]] == [
        f"Ctrl+{n}" for n in range(1, 10)]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    control = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_0, control)
    assert window.pages.currentWidget() is window.actions_page
    page = window.actions_page
    assert page.model.rowCount() == len(window.project.actions.list()) == 5  # the demo's
    # the Edit menu's commands name what they do here
    window._name_page_commands()
    assert window.add_record_action.text() == "&Add action…"
    assert not window.edit_record_action.isEnabled() and not page.respond_action.isEnabled()


# adding, editing, deleting ----------------------------------------------------------------------
def test_add_edit_and_delete_are_each_one_undo_step(empty, qtbot, monkeypatch):
    window = empty
    page = window.actions_page
    actions = window.project.actions
    session = window.project.sessions.list()[0]

    def fill(dialog: ActionDialog):
        qtbot.keyClicks(dialog.text, "Trading Standards to visit the shops near the school")
        dialog.organisation.setCurrentText("Trading Standards")
        dialog.status.setCurrentIndex(dialog.status.findData(ActionStatus.AGREED))
        assert dialog.no_due.isChecked()  # a new action has no due date until one is given
        dialog.no_due.setChecked(False)
        dialog.due.edit.setText("14/1/2027")
        dialog.session.setCurrentIndex(dialog.session.findData(session.id))
        save(dialog)

    when_shown(ActionDialog, fill)
    window.add_record_action.trigger()  # Ctrl+Shift+N, through the Edit menu
    [added] = actions.list()
    assert (added.organisation, added.status, added.due, added.session_id) == (
        "Trading Standards", ActionStatus.AGREED, dt.date(2027, 1, 14), session.id)
    assert texts(page) == ["Trading Standards to visit the shops near the school"]
    assert page.current().id == added.id  # the new action is selected

    def change(dialog: ActionDialog):
        assert dialog.organisation.currentText() == "Trading Standards"
        dialog.status.setCurrentIndex(dialog.status.findData(ActionStatus.IN_PROGRESS))
        dialog.no_due.setChecked(True)
        save(dialog)

    when_shown(ActionDialog, change)
    window.edit_record_action.trigger()  # F2
    assert actions.get(added.id).status is ActionStatus.IN_PROGRESS
    assert actions.get(added.id).due is None
    assert rows(page)[0][2] == "In progress"

    asked: list[str] = []

    def answer(_parent, _title, text, *_args):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    window.delete_record_action.trigger()  # Delete
    assert "Trading Standards to visit" in asked[0] and actions.list() == []
    assert page.model.rowCount() == 0

    stack = window.undo_stack
    assert stack.count() == 3
    window.undo_action.trigger()  # the delete
    assert texts(page) == ["Trading Standards to visit the shops near the school"]
    assert actions.get(added.id).status is ActionStatus.IN_PROGRESS
    window.undo_action.trigger()  # the edit
    assert actions.get(added.id).status is ActionStatus.AGREED
    assert rows(page)[0][2] == "Agreed" and actions.get(added.id).due == dt.date(2027, 1, 14)
    window.undo_action.trigger()  # the add
    assert actions.list() == [] and page.model.rowCount() == 0
    for _ in range(3):
        window.redo_action.trigger()
    assert actions.list() == [] and stack.index() == 3
    window.undo_action.trigger()
    assert texts(page) == ["Trading Standards to visit the shops near the school"]
    audited = [r[0] for r in window.project.file.db.execute(
        "SELECT action FROM audit_log WHERE subject_type = 'action' ORDER BY seq")]
    assert audited[:3] == ["action.added", "action.changed", "action.deleted"]
    assert len(audited) == 3 + 7  # and each of the seven undos and redos besides


def test_the_dialog_refuses_what_is_missing_and_keeps_what_was_typed(empty, qtbot):
    window = empty
    page = window.actions_page
    seen: dict[str, str] = {}

    def fill(dialog: ActionDialog):
        dialog.organisation.setCurrentText("Police Scotland")
        save(dialog)  # nothing said about what will be done
        assert dialog.isVisible() and dialog.error.isVisible()
        seen["first"] = dialog.error.text()
        assert dialog.organisation.currentText() == "Police Scotland"
        qtbot.keyClicks(dialog.text, "Patrol the park after school")
        assert dialog.error.isHidden()  # the refusal goes once it no longer applies
        dialog.organisation.setCurrentText("  ")
        save(dialog)
        seen["second"] = dialog.error.text()
        assert dialog.isVisible()
        assert dialog.text.toPlainText() == "Patrol the park after school"
        dialog.no_due.setChecked(False)
        dialog.due.edit.setText("the 45th of never")
        dialog.organisation.setCurrentText("Police Scotland")
        save(dialog)
        assert dialog.isVisible() and dialog.due.message.isVisible()
        dialog.due.edit.setText("1/2/2027")
        save(dialog)

    when_shown(ActionDialog, fill)
    page.add_action.trigger()
    assert seen == {"first": "Say what will be done.",
                    "second": "Say which organisation owns the action."}
    [action] = window.project.actions.list()
    assert (action.text, action.organisation, action.due) == (
        "Patrol the park after school", "Police Scotland", dt.date(2027, 2, 1))


def test_the_organisation_list_offers_the_partners_the_project_knows(open_demo, qtbot):
    window = open_demo
    add(window.project, "Visit", "Highland Youth Forum")
    window.nav.setCurrentRow(window.PAGES.index("actions"))
    offered: list[str] = []

    def look(dialog: ActionDialog):
        offered.extend(dialog.organisation.itemText(i)
                       for i in range(dialog.organisation.count()))  # fmt: skip
        dialog.reject()

    when_shown(ActionDialog, look)
    window.actions_page.add()
    partners = window.project.packs.audiences()
    assert partners and set(partners) | {"Highland Youth Forum"} == set(offered)


# responding -------------------------------------------------------------------------------------
def test_respond_adds_a_response_and_moves_the_status_in_one_undo_step(empty, qtbot):
    window = empty
    page = window.actions_page
    project = window.project
    action = add(project, "Mend the street lights", "City council", due=TODAY + 30 * DAY)
    page.refresh()
    select(page, "Mend the street lights")
    steps = window.undo_stack.count()

    def respond(dialog: ResponseDialog):
        assert dialog.on.date() == TODAY  # today unless changed
        assert dialog.chosen_status() is ActionStatus.AGREED
        save(dialog)  # nothing said yet: refused in place
        assert dialog.isVisible() and "response needs" in dialog.error.text()
        dialog.on.edit.setText("2/12/2026")
        qtbot.keyClicks(dialog.text, "Six lights mended; two wait for a part.")
        dialog.status.setCurrentIndex(dialog.status.findData(ActionStatus.IN_PROGRESS))
        save(dialog)

    when_shown(ResponseDialog, respond)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: project.actions.get(action.id).responses != ())
    changed = project.actions.get(action.id)
    assert changed.status is ActionStatus.IN_PROGRESS
    assert [(r.on, r.text) for r in changed.responses] == [
        (dt.date(2026, 12, 2), "Six lights mended; two wait for a part.")]
    assert window.undo_stack.count() == steps + 1
    assert rows(page)[0][2] == "In progress"
    assert rows(page)[0][4].startswith("02 Dec 2026 — Six lights mended")
    assert "Six lights mended; two wait for a part." in page.details.text()
    window.undo_action.trigger()  # response and status together
    back = project.actions.get(action.id)
    assert back.responses == () and back.status is ActionStatus.AGREED
    assert rows(page)[0][2] == "Agreed" and rows(page)[0][4] == ""
    window.redo_action.trigger()
    assert project.actions.get(action.id) == changed


def test_responses_are_added_and_removed_in_the_actions_dialog(empty, qtbot):
    window = empty
    page = window.actions_page
    project = window.project
    action = add(project, "Youth club on Fridays", "Council youth service")
    project.actions.respond(action.id, "We will look at it", TODAY - 40 * DAY)
    page.refresh()
    select(page, "Youth club on Fridays")

    def in_response(dialog: ResponseDialog):
        assert dialog.status is None  # the action's own status is in the form under it
        dialog.on.edit.setText("1/11/2026")
        qtbot.keyClicks(dialog.text, "Funding agreed for a year")
        save(dialog)

    def edit(dialog: ActionDialog):
        assert dialog.responses.topLevelItemCount() == 1
        when_shown(ResponseDialog, in_response)
        dialog.add_response_button.click()
        assert dialog.responses.topLevelItem(1).text(1) == "Funding agreed for a year"
        dialog.responses.setCurrentItem(dialog.responses.topLevelItem(0))
        dialog.remove_response_button.click()
        save(dialog)

    when_shown(ActionDialog, edit)
    page.edit_current()
    [response] = project.actions.get(action.id).responses
    assert (response.on, response.text) == (dt.date(2026, 11, 1), "Funding agreed for a year")


# filters and overdue ----------------------------------------------------------------------------
@pytest.fixture
def several(empty):
    project = empty.project
    add(project, "Patrol the park", "Police Scotland", ActionStatus.AGREED, TODAY - 10 * DAY)
    add(project, "Visit the shops", "Trading Standards", ActionStatus.IN_PROGRESS,
        TODAY + 5 * DAY)
    add(project, "Leaflets in three languages", "police scotland", ActionStatus.DONE,
        TODAY - 60 * DAY)
    add(project, "Bus stop shelter", "City council", ActionStatus.DECLINED, TODAY + 2 * DAY)
    add(project, "Bins emptied twice a week", "City council", ActionStatus.PROPOSED)
    add(project, "Safer crossing", "City council", ActionStatus.PROPOSED, TODAY - 1 * DAY)
    empty.actions_page.refresh()
    return empty.actions_page


def test_overdue_actions_are_marked_in_words_and_colour_and_come_first(several):
    page = several
    assert texts(page) == ["Patrol the park", "Safer crossing",  # overdue, the oldest first
                           "Visit the shops", "Bins emptied twice a week",  # open; no date last
                           "Leaflets in three languages", "Bus stop shelter"]  # closed
    model = page.table.model()
    for row, text in enumerate(texts(page)):
        due = model.index(row, DUE_COLUMN)
        overdue = text in ("Patrol the park", "Safer crossing")
        assert due.data().startswith("Overdue") == overdue, text
        font = due.data(Qt.ItemDataRole.FontRole)
        assert (isinstance(font, QFont) and font.bold()) == overdue
        brush = due.data(Qt.ItemDataRole.ForegroundRole)
        assert (brush is not None and brush.color() == warning_colour(page.palette())) == overdue
    # done long ago is not overdue; neither is one declined
    assert rows(page)[4][DUE_COLUMN] == f"{TODAY - 60 * DAY:%d %b %Y}"
    assert "2 overdue" in page.summary.text()


def test_the_warning_colour_stands_out_on_light_and_dark_backgrounds():
    from PySide6.QtGui import QColor, QPalette

    for base in ("#ffffff", "#000000", "#1e1e1e", "#f0f0f0"):
        palette = QPalette()
        palette.setColor(QPalette.ColorRole.Base, QColor(base))
        shade = warning_colour(palette)
        assert abs(shade.lightnessF() - QColor(base).lightnessF()) > 0.3, base


def test_filters_by_organisation_status_overdue_and_text(several, qtbot):
    page = several
    everything = set(texts(page))
    assert len(everything) == 6
    box = page.organisation_filter
    assert [box.itemText(i) for i in range(box.count())] == [
        "All organisations", "City council", "Police Scotland", "Trading Standards"]
    box.setCurrentIndex(box.findText("Police Scotland"))  # whatever its case
    assert set(texts(page)) == {"Patrol the park", "Leaflets in three languages"}
    box.setCurrentIndex(0)

    status = page.status_filter
    status.setCurrentIndex(status.findText("Open (not done or declined)"))
    assert set(texts(page)) == {"Patrol the park", "Visit the shops",
                                "Bins emptied twice a week", "Safer crossing"}
    status.setCurrentIndex(status.findText("Overdue"))
    assert texts(page) == ["Patrol the park", "Safer crossing"]
    box.setCurrentIndex(box.findText("City council"))  # both at once
    assert texts(page) == ["Safer crossing"]
    status.setCurrentIndex(status.findData(ActionStatus.DECLINED))
    assert texts(page) == ["Bus stop shelter"]
    status.setCurrentIndex(status.findData(ActionStatus.DONE))
    assert texts(page) == [] and "No actions match" in page.empty.text()
    status.setCurrentIndex(0)
    box.setCurrentIndex(0)
    assert set(texts(page)) == everything

    qtbot.keyClicks(page.filter, "shop")
    assert texts(page) == ["Visit the shops"]
    page.filter.clear()
    qtbot.keyClicks(page.filter, "overdue")  # the marker is text, so it can be found
    assert texts(page) == ["Patrol the park", "Safer crossing"]
    page.filter.clear()
    page.refresh()  # a refresh keeps the choices made
    status.setCurrentIndex(status.findText("Overdue"))
    page.refresh()
    assert texts(page) == ["Patrol the park", "Safer crossing"]


# starting an action from the material ----------------------------------------------------------
def test_actions_start_from_a_note_a_theme_a_quote_and_an_outcome(open_demo, qtbot):
    window = open_demo
    project = window.project
    window.nav.setCurrentRow(window.PAGES.index("actions"))
    actions_page = window.actions_page  # built first: it must show what is made elsewhere
    seen: list[list[str]] = []

    def fill(text: str):
        def run(dialog: ActionDialog):
            seen.append([dialog.evidence.item(i).text() for i in range(dialog.evidence.count())])
            qtbot.keyClicks(dialog.text, text)
            dialog.organisation.setCurrentText("Trading Standards")
            save(dialog)
        return run

    # a note on the board
    window.nav.setCurrentRow(window.PAGES.index("board"))
    board = window.board_page
    note = next(i.note for i in board.scene.note_items.values() if not i.note.safeguarding)
    board.scene.clearSelection()
    board.scene.note_items[note.id].setSelected(True)
    when_shown(ActionDialog, fill("From a note"))
    board.view.setFocus()
    qtbot.keyClick(board.view, Qt.Key.Key_A, CTRL_SHIFT)
    # a theme: no note selected, the theme chosen in the list
    board.scene.clearSelection()
    board.themes.theme_list.setCurrentRow(0)
    theme = board.themes.current_theme()
    when_shown(ActionDialog, fill("From a theme"))
    board.extra_actions["action"].trigger()
    # a quote in the radio lab
    window.nav.setCurrentRow(window.PAGES.index("radio"))
    radio = window.radio_page
    radio.table.selectRow(0)
    clip = radio.current_clip()
    when_shown(ActionDialog, fill("From a quote"))
    active(window, qtbot)
    radio.table.setFocus()
    qtbot.keyClick(radio.table, Qt.Key.Key_A, CTRL_SHIFT)  # the same key on every page
    # an outcome on the Risks page
    window.nav.setCurrentRow(window.PAGES.index("risk_log"))
    outcomes = window.risk_log_page.outcomes
    window.risk_log_page.tabs.setCurrentIndex(2)  # Outcomes
    outcomes.table.selectRow(0)
    outcome = outcomes.current()
    when_shown(ActionDialog, fill("From an outcome"))
    active(window, qtbot)
    outcomes.table.setFocus()
    qtbot.keyClick(outcomes.table, Qt.Key.Key_A, CTRL_SHIFT)

    made = {a.text: a for a in project.actions.list()}
    assert made["From a note"].evidence == (("note", note.id),)
    assert made["From a note"].session_id == board.board.session_id
    assert made["From a theme"].evidence == (("theme", theme.id),)
    assert made["From a quote"].evidence == (("clip", clip.id),)
    assert made["From a quote"].session_id == clip.session_id
    assert made["From an outcome"].evidence == (("outcome", outcome.id),)
    assert made["From an outcome"].session_id == outcome.session_id
    first_line = " ".join(note.text.split())
    assert seen[0] == [f"Note: {first_line[:89] + '…' if len(first_line) > 90 else first_line}"]
    assert seen[1] == [f"Theme: {theme.name}"]
    assert seen[2] == [f"Quote: {clip.title}"]
    assert seen[3][0].startswith("Outcome: ")
    assert set(texts(actions_page)) == set(made)  # the Actions page already shows them
    assert "Actions page" in window.statusBar().currentMessage()
    window.undo_action.trigger()  # each was one step
    assert "From an outcome" not in {a.text for a in project.actions.list()}
    assert set(texts(actions_page)) == set(made) - {"From an outcome"}


def test_evidence_is_chosen_and_removed_in_the_dialog(open_demo, qtbot):
    window = open_demo
    project = window.project
    boards = project.boards
    notes = [n for b in boards.boards() for n in boards.notes(b.id)]
    flagged = next((n for n in notes if n.safeguarding), None)
    if flagged is None:  # the demo may have none: flag one, as a facilitator would
        flagged = replace(notes[0], safeguarding=True)
        boards.update_note(flagged)
    window.nav.setCurrentRow(window.PAGES.index("actions"))
    page = window.actions_page
    listed: list[str] = []

    def choose(chooser: EvidenceChooser):
        qtbot.keyClicks(chooser.filter, " ".join(flagged.text.split())[:25])
        visible = [chooser.list.item(i) for i in range(chooser.list.count())
                   if not chooser.list.item(i).isHidden()]  # fmt: skip
        listed.extend(i.text() for i in visible)
        qtbot.keyClick(chooser.filter, Qt.Key.Key_Return)  # adds the first one found

    def fill(dialog: ActionDialog):
        when_shown(EvidenceChooser, choose)
        dialog.add_evidence_button.click()
        assert dialog.evidence.count() == 1
        assert "[safeguarding" in dialog.evidence.item(0).text()
        when_shown(EvidenceChooser, lambda c: (c.list.setCurrentRow(0), c.add_button.click()))
        dialog.add_evidence_button.click()
        assert dialog.evidence.count() == 2
        dialog.evidence.setCurrentRow(1)
        dialog.remove_evidence_button.click()
        qtbot.keyClicks(dialog.text, "Refer to the safeguarding lead")
        dialog.organisation.setCurrentText("Social work")
        save(dialog)

    when_shown(ActionDialog, fill)
    before = {a.id for a in project.actions.list()}
    page.add()
    assert any("[safeguarding: stays in the project]" in t for t in listed)
    [action] = [a for a in project.actions.list() if a.id not in before]
    assert action.evidence == (("note", flagged.id),)
    [row] = [r for r in rows(page) if r[0] == "Refer to the safeguarding lead"]
    assert row[5] == "1"
