"""Date fields in every dialog: Tab leaves the field, a whole date can be typed the way people
write it, what cannot be read stays as typed with a message and is not saved, and the
calendar is still there. Driven with keys through real dialogs over real project files."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDateTimeEdit, QTimeEdit

import coprod_desktop.ui
from coprod_desktop.domain.consent import Scope
from coprod_desktop.domain.outcomes import Outcome, OutcomeType
from coprod_desktop.domain.risks import Barrier, Resolution, Side
from tests.conftest import PASSPHRASE
from tests.ui.test_dialog_keys import _dialog_classes, _factories

TODAY = dt.date.today()


@pytest.fixture
def demo(demo_path):
    from coprod_desktop.services.project import open_project

    project = open_project(demo_path, PASSPHRASE, "tester")
    yield project
    project.close()


@pytest.fixture
def runner(qtbot):
    from coprod_desktop.ui.tasks import TaskRunner

    runner = TaskRunner()
    yield runner
    runner.wait()


def test_no_qt_date_spin_editor_is_left_in_the_ui(qtbot, demo, settings, runner, tmp_path):
    """Walk every dialog (the same list the Enter-key test walks) and every module of the UI:
    none may hold a QDateEdit, QDateTimeEdit or QTimeEdit, whose sections take Tab."""
    factories = _factories(demo, settings, runner, tmp_path)
    assert {c.__qualname__ for c in _dialog_classes()} <= {c.__qualname__ for c in factories}
    found = {}
    for cls, make in factories.items():
        dialog = make()
        qtbot.addWidget(dialog)
        editors = dialog.findChildren(QDateTimeEdit) + dialog.findChildren(QTimeEdit)
        if editors:
            found[cls.__qualname__] = [type(e).__name__ for e in editors]
    assert not found, f"date spin editors left in: {found}"
    ui = Path(coprod_desktop.ui.__file__).parent
    spin = re.compile(r"\bQ(Date|DateTime|Time)Edit\b")
    in_source = [f.name for f in sorted(ui.glob("*.py")) if spin.search(f.read_text())]
    assert not in_source, f"modules of the UI that still use them: {in_source}"


def shown(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)  # keys and focus need the active window
    return dialog


def session_dialog(qtbot, project):
    from coprod_desktop.ui.session_dialog import SessionDialog

    return shown(qtbot, SessionDialog(project.sessions.draft(dt.date(2026, 9, 12)), [],
                                      project.sessions.save))  # fmt: skip


def type_in(qtbot, widget, text: str) -> None:
    """Put the focus in `widget` as Tab or a click would, select what is there, type."""
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    focus = QApplication.focusWidget()
    qtbot.keyClick(focus, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(focus, text)


def test_tab_leaves_the_date_field_and_what_is_typed_next_is_kept(qtbot, project):
    dialog = session_dialog(qtbot, project)
    qtbot.keyClicks(dialog.title, "Radio lab")
    qtbot.keyClick(dialog.title, Qt.Key.Key_Tab)
    assert dialog.date.isAncestorOf(QApplication.focusWidget()) or (
        QApplication.focusWidget() is dialog.date)  # fmt: skip
    type_in(qtbot, dialog.date, "14/3/2026")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.venue  # one Tab: out of the date field
    qtbot.keyClicks(QApplication.focusWidget(), "St Anne's Church Hall")
    assert dialog.venue.text() == "St Anne's Church Hall"
    qtbot.keyClick(dialog.venue, Qt.Key.Key_Return)
    assert dialog.result() == dialog.DialogCode.Accepted
    saved = project.sessions.list()[0]
    assert (saved.date, saved.venue) == (dt.date(2026, 3, 14), "St Anne's Church Hall")
    assert dialog.date.edit.text() == "14 Mar 2026"  # shown back as the app writes dates
    label = dialog.form.labelForField(dialog.date)
    assert label.buddy() is dialog.date and dialog.date.focusPolicy() != Qt.FocusPolicy.NoFocus


def date_dialog(project, which: str):
    """A dialog with a date field: (dialog, its field, read the value the dialog would save)."""
    from dataclasses import replace

    from coprod_desktop.ui.consent_dialog import ConsentDialog
    from coprod_desktop.ui.read_aloud import ReadAloud
    from coprod_desktop.ui.risk_log_dialogs import BarrierDialog, OutcomeDialog
    from coprod_desktop.ui.session_dialog import SessionDialog
    from coprod_desktop.ui.withdrawal_dialog import WithdrawalDialog

    session = project.sessions.save(replace(project.sessions.draft(dt.date(2026, 9, 12)),
                                            title="Radio lab"))  # fmt: skip
    person = project.participants.save(project.participants.draft())
    if which == "session":
        dialog = SessionDialog(session, [], lambda s: s)
        return dialog, dialog.date, lambda: dialog.record().date
    if which == "barrier":
        barrier = Barrier("", Side.ORGANISATION, "other", "Room booked twice",
                          dt.date(2026, 9, 1), resolution=Resolution.NOT_YET)  # fmt: skip
        dialog = BarrierDialog(barrier, [session], lambda b: b)
        return dialog, dialog.met_on, lambda: dialog.record().met_on
    if which == "outcome":
        outcome = Outcome("", session.id, OutcomeType.INDIVIDUAL, "Spoke up", session.date)
        dialog = OutcomeDialog(outcome, [session], lambda _s: [], lambda o: o)
        return dialog, dialog.observed_on, lambda: dialog.record().observed_on
    if which == "withdrawal":
        dialog = WithdrawalDialog(person, project.consent)
        return dialog, dialog.effective, lambda: dialog.effective.date_time()
    form = project.consent.current_form()
    dialog = ConsentDialog(person, form, lambda r, _a: r, "F", ReadAloud(engines=[]))
    return (dialog, dialog.method_page.given_at,
            lambda: dialog.record().given_at.astimezone().replace(tzinfo=None))


TYPED = [
    ("14/3/2026", dt.date(2026, 3, 14), None),
    ("14 Mar 2026", dt.date(2026, 3, 14), None),
    ("2026-03-14", dt.date(2026, 3, 14), None),
    ("14.3.26", dt.date(2026, 3, 14), None),
    ("today", TODAY, None),
    ("14/3/2026 10:30", dt.date(2026, 3, 14), dt.time(10, 30)),
    ("13 March 2026", dt.date(2026, 3, 13), None),  # after a time: the time typed stays
]


@pytest.mark.parametrize("which", ["session", "barrier", "outcome", "withdrawal", "consent"])
def test_a_whole_date_can_be_typed_in_every_dialog(qtbot, project, which):
    dialog, field, read = date_dialog(project, which)
    shown(qtbot, dialog)
    if which == "consent":
        dialog._show(dialog.method_page)
    with_time = which in ("withdrawal", "consent")
    kept = read().time().replace(second=0, microsecond=0) if with_time else None
    for typed, day, time in TYPED:
        type_in(qtbot, field, typed)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert not field.isAncestorOf(QApplication.focusWidget()), typed
        if time is not None and not with_time:  # a date-only field refuses a time, keeping it
            assert field.edit.text() == typed and "without a time" in field.message.text()
            assert field.message.isVisible()
            continue
        assert not field.message.isVisible(), typed
        if with_time:
            kept = time or kept
            assert read().replace(second=0) == dt.datetime.combine(day, kept), typed
        else:
            assert read() == day, typed


def test_a_date_that_cannot_be_read_stays_as_typed_says_why_and_is_not_saved(qtbot, project):
    dialog = session_dialog(qtbot, project)
    dialog.title.setText("Radio lab")
    type_in(qtbot, dialog.date, "31/2/2026")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert dialog.date.edit.text() == "31/2/2026"
    assert dialog.date.message.isVisible()
    assert dialog.date.message.text() == "February 2026 has 28 days, so there is no day 31."
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.result() != dialog.DialogCode.Accepted and project.sessions.list() == []
    assert QApplication.focusWidget() is dialog.date.edit  # back where the fix goes
    assert not dialog.error.isVisible()  # said once, under the field
    qtbot.keyClicks(dialog.date.edit, "28/2/2026")
    assert not dialog.date.message.isVisible()  # gone as soon as the date is edited
    qtbot.keyClick(dialog.date.edit, Qt.Key.Key_Return)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert project.sessions.list()[0].date == dt.date(2026, 2, 28)


def test_a_withdrawal_with_an_unreadable_date_is_not_recorded(qtbot, project):
    from coprod_desktop.ui.withdrawal_dialog import WithdrawalDialog

    person = project.participants.save(project.participants.draft())
    dialog = shown(qtbot, WithdrawalDialog(person, project.consent))
    dialog.scope_buttons[Scope.FUTURE_PACKS].click()
    type_in(qtbot, dialog.effective, "yesterday at 25:00")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert dialog.result_value is None and dialog.isVisible()
    assert "“25:00” is not a time of day" in dialog.effective.message.text()
    assert project.consent.history(person.id).withdrawals == ()
    type_in(qtbot, dialog.effective, "yesterday at 4pm")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    withdrawal = project.consent.history(person.id).withdrawals[0]
    when = dt.datetime.combine(TODAY - dt.timedelta(days=1), dt.time(16, 0)).astimezone()
    assert withdrawal.effective_at == when


def test_the_calendar_is_still_there(qtbot, project):
    from coprod_desktop.ui.withdrawal_dialog import WithdrawalDialog

    person = project.participants.save(project.participants.draft())
    dialog = shown(qtbot, WithdrawalDialog(person, project.consent))
    field = dialog.effective
    type_in(qtbot, field, "14/3/2026 10:30")
    qtbot.keyClick(field.edit, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    calendar = field._calendar
    qtbot.waitUntil(calendar.isVisible)
    assert calendar.selectedDate().toString("yyyy-MM-dd") == "2026-03-14"
    qtbot.keyClick(calendar, Qt.Key.Key_Escape)  # closes, changes nothing
    assert not calendar.isVisible() and field.edit.text() == "14 Mar 2026 10:30"
    field.calendar_button.click()  # the mouse way
    qtbot.waitUntil(calendar.isVisible)
    calendar.setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right)  # the next day
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not calendar.isVisible())
    assert field.edit.text() == "15 Mar 2026 10:30"  # the time typed is kept
    assert dialog.isVisible() and dialog.result_value is None  # Enter picked, did not save
    assert QApplication.focusWidget() is field.edit
    qtbot.keyClick(field.edit, Qt.Key.Key_Up)
    assert field.date_time() == dt.datetime(2026, 3, 16, 10, 30)


def test_up_and_down_move_a_day_but_never_overwrite_what_was_typed(qtbot, project):
    dialog = session_dialog(qtbot, project)
    type_in(qtbot, dialog.date, "28/2/2026")
    qtbot.keyClick(dialog.date.edit, Qt.Key.Key_Up)
    assert dialog.date.edit.text() == "1 Mar 2026"
    qtbot.keyClick(dialog.date.edit, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.date.edit, Qt.Key.Key_Down)
    assert dialog.date.date() == dt.date(2026, 2, 27)
    type_in(qtbot, dialog.date, "30/2")
    qtbot.keyClick(dialog.date.edit, Qt.Key.Key_Up)
    assert dialog.date.edit.text() == "30/2" and dialog.date.message.isVisible()
