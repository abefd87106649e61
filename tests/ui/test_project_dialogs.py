"""The New project and Open (passphrase) dialogs run key derivation off the GUI thread."""

from __future__ import annotations

from pathlib import Path

from coprod_desktop.services.project import create_project, open_project
from coprod_desktop.ui.project_dialogs import NewProjectDialog, UnlockDialog
from coprod_desktop.ui.tasks import TaskRunner
from tests.conftest import PASSPHRASE


def test_unlock_dialog_retries_after_wrong_passphrase(qtbot, demo_path: Path):
    runner = TaskRunner()
    dialog = UnlockDialog(demo_path, open_project, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.ok_button.click()
    assert "Type the project's passphrase" in dialog.error.text()
    dialog.passphrase.edit.setText("nope nope nope")
    dialog.ok_button.click()
    qtbot.waitUntil(
        lambda: dialog.error.isVisible() and "wrong" in dialog.error.text(), timeout=10000
    )
    assert dialog.isVisible() and dialog.passphrase.isEnabled()
    dialog.passphrase.edit.setText(PASSPHRASE)
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        dialog.ok_button.click()
    assert dialog.result_value.info()["participants"] == 17
    dialog.result_value.close()


def test_new_project_dialog_checks_then_creates(qtbot, tmp_path: Path):
    runner = TaskRunner()
    dialog = NewProjectDialog(create_project, runner, tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.ok_button.click()
    assert "name" in dialog.error.text()
    qtbot.keyClicks(dialog.name, "Govan radio 2026")
    assert Path(dialog.location.text()) == tmp_path / "Govan radio 2026.coprod"
    dialog.passphrase.edit.setText("short")
    dialog.ok_button.click()
    assert "at least 8" in dialog.error.text()
    dialog.passphrase.edit.setText("long enough phrase")
    dialog.confirm.edit.setText("long enough phrasE")
    dialog.ok_button.click()
    assert "not the same" in dialog.error.text()
    dialog.confirm.edit.setText("long enough phrase")
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        dialog.ok_button.click()
    project = dialog.result_value
    assert project.name == "Govan radio 2026"
    assert project.path == tmp_path / "Govan radio 2026.coprod"
    project.close()


def test_new_project_never_overwrites(qtbot, tmp_path: Path):
    existing = tmp_path / "Mine.coprod"
    existing.write_text("keep me")
    dialog = NewProjectDialog(create_project, TaskRunner(), tmp_path)
    qtbot.addWidget(dialog)
    dialog.name.setText("Mine")
    dialog.location.setText(str(existing))
    dialog.passphrase.edit.setText("long enough phrase")
    dialog.confirm.edit.setText("long enough phrase")
    dialog.ok_button.click()
    assert "already exists" in dialog.error.text()
    assert existing.read_text() == "keep me"


def test_new_project_in_missing_folder_explains(qtbot, tmp_path: Path):
    dialog = NewProjectDialog(create_project, TaskRunner(), tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText("X")
    dialog.location.setText(str(tmp_path / "nowhere" / "X.coprod"))
    dialog.passphrase.edit.setText("long enough phrase")
    dialog.confirm.edit.setText("long enough phrase")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=10000)
    assert "does not exist" in dialog.error.text()
