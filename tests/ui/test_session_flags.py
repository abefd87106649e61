"""The session dialog's safeguarding lead and flags: saved with the session, and undone as a
whole like any other edit of it (the Sessions page's step is Undo.put_back)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from coprod_desktop.ui.session_dialog import SessionDialog
from coprod_desktop.ui.undo_commands import Undo


def test_the_lead_and_flags_are_saved_and_undone(qtbot, project):
    session = project.sessions.save(replace(project.sessions.draft(dt.date(2026, 9, 12)),
                                            title="Hall talk"))  # fmt: skip
    replaced = project.sessions.replaced("session", session.id)
    dialog = SessionDialog(session, [], project.sessions.save, is_new=False)
    qtbot.addWidget(dialog)
    assert not dialog.safeguarding.isChecked() and dialog.safeguarding_lead.text() == ""
    dialog.safeguarding_lead.setText("  Aileen   Baird ")
    dialog.safeguarding.setChecked(True)
    dialog.sensitive.setChecked(True)
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    [saved] = project.sessions.list()
    assert (saved.safeguarding_lead, saved.safeguarding, saved.sensitive) == (
        "Aileen Baird", True, True)
    assert project.info()["flagged"]["sessions"] == 1
    step = Undo.put_back("Edit session", project.sessions, replaced)
    step.redo()  # the first redo does nothing: the change is made
    step.undo()
    [back] = project.sessions.list()
    assert (back.safeguarding_lead, back.safeguarding, back.sensitive) == ("", False, False)
    step.redo()
    assert project.sessions.list()[0].safeguarding
    again = SessionDialog(project.sessions.list()[0], [], lambda s: s, is_new=False)
    qtbot.addWidget(again)
    assert again.safeguarding.isChecked() and again.safeguarding_lead.text() == "Aileen Baird"
