"""The red message a dialog shows when a save is refused goes once it no longer applies: as
soon as the field it talks about is fixed (it stays while other fields are edited), or at the
next edit when no rule can say it again (a refusal from the file, a failed unlock)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from coprod_desktop.domain.consent import Scope
from coprod_desktop.domain.risks import Risk, RiskCategory
from tests.conftest import PASSPHRASE
from tests.ui.conftest import save


def shown(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog



def test_a_session_refusal_stays_while_true_and_goes_once_its_field_is_fixed(qtbot, project):
    from coprod_desktop.ui.session_dialog import SessionDialog

    dialog = shown(qtbot, SessionDialog(project.sessions.draft(dt.date(2026, 9, 12)), [],
                                        project.sessions.save))  # fmt: skip
    save(dialog)
    assert dialog.error.isVisible() and dialog.error.text() == "A session needs a title."
    qtbot.keyClicks(dialog.venue, "St Anne's Church Hall")  # another field: still true
    assert dialog.error.isVisible()
    qtbot.keyClicks(dialog.title, "Radio lab")
    assert not dialog.error.isVisible()
    save(dialog)
    assert dialog.result() == dialog.DialogCode.Accepted


def test_a_risk_refusal_goes_once_the_risk_is_described(qtbot, project):
    from coprod_desktop.ui.risk_log_dialogs import RiskDialog

    dialog = shown(qtbot, RiskDialog(Risk("", RiskCategory.OTHER, ""),
                                     project.risk_log.save_risk))  # fmt: skip
    save(dialog)
    assert dialog.error.isVisible() and dialog.error.text() == "Describe the risk."
    dialog.impact.setCurrentIndex(3)
    assert dialog.error.isVisible()
    qtbot.keyClicks(dialog.description, "Someone is recognised from their voice")
    assert not dialog.error.isVisible()


def test_a_form_editor_refusal_goes_once_fixed(qtbot, project):
    from coprod_desktop.ui.form_editor_dialog import FormEditorDialog

    dialog = shown(qtbot, FormEditorDialog(project.consent.current_form(),
                                           project.consent.save_form))  # fmt: skip
    dialog.title.clear()
    save(dialog)
    assert dialog.error.isVisible() and dialog.error.text() == "A consent form needs a title."
    dialog.partners.setPlainText("Health board")  # not the title: the message stays
    assert dialog.error.isVisible()
    qtbot.keyClicks(dialog.title, "Taking part")
    assert not dialog.error.isVisible()
    dialog.items.item(0, 0).setText("")  # a new refusal: every item needs its wording
    save(dialog)
    assert dialog.error.text() == "Every item needs its wording."
    dialog.items.item(0, 0).setText("I agree to take part.")
    assert not dialog.error.isVisible()


def test_a_withdrawal_refused_by_the_file_goes_at_the_next_edit(qtbot, project):
    from coprod_desktop.ui.withdrawal_dialog import WithdrawalDialog

    person = project.participants.save(project.participants.draft())
    dialog = shown(qtbot, WithdrawalDialog(person, project.consent))
    project.participants.delete(person.id)  # gone before the withdrawal is recorded
    dialog.scope_buttons[Scope.FUTURE_PACKS].click()
    dialog.ok.click()
    assert dialog.error.isVisible() and "no longer in the project" in dialog.error.text()
    qtbot.keyClicks(dialog.note, "x")
    assert not dialog.error.isVisible()


def test_a_busy_dialog_refusal_goes_at_the_next_edit(qtbot, tmp_path, demo_path):
    from coprod_desktop.services.project import open_project
    from coprod_desktop.ui.project_dialogs import NewProjectDialog, UnlockDialog
    from coprod_desktop.ui.tasks import TaskRunner

    runner = TaskRunner()
    new = shown(qtbot, NewProjectDialog(lambda *_a: None, runner, tmp_path))
    new.ok_button.click()
    assert new.error.isVisible() and new.error.text() == "Give the project a name."
    qtbot.keyClicks(new.name, "Safer Streets")
    assert not new.error.isVisible()

    unlock = shown(qtbot, UnlockDialog(demo_path, lambda p, s: open_project(p, s, "t"), runner))
    qtbot.keyClicks(unlock.passphrase.edit, "not the passphrase")
    qtbot.keyClick(unlock.passphrase.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: unlock.error.isVisible() and not runner.busy, timeout=20000)
    qtbot.keyClicks(unlock.passphrase.edit, PASSPHRASE)
    assert not unlock.error.isVisible()
    runner.wait()
