"""Every dialog: Enter presses its primary button (Open, Create, Save, Next…) wherever the focus
is, and no other push button can take Enter over; Escape cancels.

The dialogs are found by walking every module of coprod_desktop.ui, so a new dialog without a
factory here fails the coverage test instead of slipping through."""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
    QWizard,
)

import coprod_desktop.ui
from coprod_desktop.domain.actions import ActionStatus
from coprod_desktop.domain.outcomes import Measure, Outcome, OutcomeType
from coprod_desktop.domain.retention import DueItem
from coprod_desktop.domain.risks import Barrier, Resolution, Risk, RiskCategory, Side
from tests.conftest import PASSPHRASE


def _dialog_classes() -> set[type]:
    found = set()
    for info in pkgutil.iter_modules(coprod_desktop.ui.__path__):
        module = importlib.import_module(f"coprod_desktop.ui.{info.name}")
        for _name, obj in inspect.getmembers(module, inspect.isclass):
            if issubclass(obj, QDialog) and obj.__module__ == module.__name__:
                found.add(obj)
    # bases (Dialog, RecordDialog, BusyDialog) are checked through the dialogs built on them
    return {c for c in found if not any(o is not c and issubclass(o, c) for o in found)}


@pytest.fixture
def demo(demo_path):
    from coprod_desktop.services.project import open_project

    project = open_project(demo_path, PASSPHRASE, "tester")
    yield project
    project.close()


def _factories(demo, settings, runner, tmp_path: Path) -> dict:
    from coprod_desktop.ui import (
        action_dialog,
        actions_page,
        combine_dialog,
        consent_dialog,
        consent_history_dialog,
        feedback_wizard,
        flag_part_dialog,
        form_editor_dialog,
        pack_wizard,
        participant_dialog,
        preferences_dialog,
        private_writing,
        programme_dialogs,
        project_dialogs,
        reciprocity_dialogs,
        retention_page,
        risk_log_dialogs,
        safeguarding_dialogs,
        session_dialog,
        withdrawal_dialog,
    )

    people = demo.participants.list()
    sessions = demo.sessions.list()
    person = people[0]
    today = dt.date.today()

    def withdrawal():
        dialog = withdrawal_dialog.WithdrawalDialog(person, demo.consent)
        next(iter(dialog.scope_buttons.values())).setChecked(True)
        dialog.confirm.setChecked(True)
        return dialog

    def wizard():
        dialog = pack_wizard.PackWizard(demo, runner)
        dialog.choose.audience.setEditText("Trading Standards")  # Next needs an audience
        return dialog

    return {
        project_dialogs.UnlockDialog: lambda: project_dialogs.UnlockDialog(
            tmp_path / "other.coprod", lambda *_a: None, runner),
        project_dialogs.NewProjectDialog: lambda: project_dialogs.NewProjectDialog(
            lambda *_a: None, runner, tmp_path),
        flag_part_dialog.FlagPartDialog: lambda: flag_part_dialog.FlagPartDialog(
            "clip", 1000, 2000, lambda p: p),
        session_dialog.SessionDialog: lambda: session_dialog.SessionDialog(
            sessions[0], people, lambda s: s, is_new=False),
        participant_dialog.ParticipantDialog: lambda: participant_dialog.ParticipantDialog(
            person, lambda p: p, is_new=False),
        risk_log_dialogs.RiskDialog: lambda: risk_log_dialogs.RiskDialog(
            Risk("r1", RiskCategory.OTHER, "A risk"), lambda r: r),
        risk_log_dialogs.BarrierDialog: lambda: risk_log_dialogs.BarrierDialog(
            Barrier("b1", Side.ORGANISATION, "other", "A barrier", today,
                    resolution=Resolution.NOT_YET), sessions, lambda b: b),
        risk_log_dialogs.OutcomeDialog: lambda: risk_log_dialogs.OutcomeDialog(
            Outcome("o1", sessions[0].id, OutcomeType.INDIVIDUAL, "An outcome", today),
            sessions, lambda _s: [], lambda o: o),
        risk_log_dialogs.MeasureDialog: lambda: risk_log_dialogs.MeasureDialog(
            Measure("m1", sessions[0].id, "A question", (0, 0, 0, 0, 0), "no", "yes"),
            sessions, lambda m: m),
        withdrawal_dialog.WithdrawalDialog: withdrawal,
        preferences_dialog.PreferencesDialog: lambda: preferences_dialog.PreferencesDialog(
            settings),
        form_editor_dialog.FormEditorDialog: lambda: form_editor_dialog.FormEditorDialog(
            demo.consent.current_form(), lambda f: f),
        private_writing.PrivateWritingDialog: lambda: private_writing.PrivateWritingDialog(
            lambda _text: True),
        consent_history_dialog.ConsentHistoryDialog: lambda: (
            consent_history_dialog.ConsentHistoryDialog(person, demo.consent)),
        consent_dialog.ConsentDialog: lambda: consent_dialog.ConsentDialog(
            person, demo.consent.current_form(), lambda r, _a: r, "Facilitator"),
        pack_wizard.PackWizard: wizard,
        feedback_wizard.FeedbackWizard: lambda: feedback_wizard.FeedbackWizard(demo, runner),
        programme_dialogs.ClipChooser: lambda: programme_dialogs.ClipChooser(
            demo.radio.clips()),
        programme_dialogs.LinkDialog: lambda: programme_dialogs.LinkDialog(demo),
        programme_dialogs.MakeDialog: lambda: programme_dialogs.MakeDialog(
            demo, runner, demo.programmes.draft()),
        retention_page.EraseDueDialog: lambda: retention_page.EraseDueDialog(
            [DueItem("audio", today, 3), DueItem("material", today, 2, ("P-02",))]),
        action_dialog.ActionDialog: lambda: actions_page.action_dialog(
            None, demo, demo.actions.draft(), lambda a: a, True),
        action_dialog.ResponseDialog: lambda: action_dialog.ResponseDialog(
            lambda r: r, ActionStatus.AGREED, "Patrol the park"),
        action_dialog.EvidenceChooser: lambda: action_dialog.EvidenceChooser(
            actions_page.evidence_choices(demo)),
        reciprocity_dialogs.EntryDialog: lambda: reciprocity_dialogs.EntryDialog(
            demo.reciprocity.draft(person.id), demo.participants.list(), demo.sessions.list(),
            lambda e: e),
        reciprocity_dialogs.ThresholdDialog: lambda: reciprocity_dialogs.ThresholdDialog(
            demo.reciprocity.threshold(), lambda t: t),
        safeguarding_dialogs.ConcernDialog: lambda: safeguarding_dialogs.ConcernDialog(
            demo.safeguarding.list()[0], sessions, people, demo.safeguarding.lead_for,
            lambda c: c, False),
        safeguarding_dialogs.SignpostDialog: lambda: safeguarding_dialogs.SignpostDialog(
            demo.signposting.list()[0], lambda e: e, False),
        safeguarding_dialogs.ReportDialog: lambda: safeguarding_dialogs.ReportDialog(
            lambda p: p),
        combine_dialog.CombineDialog: lambda: combine_dialog.CombineDialog(
            demo, runner, tmp_path),
    }  # fmt: skip


@pytest.fixture
def runner(qtbot):
    from coprod_desktop.ui.tasks import TaskRunner

    runner = TaskRunner()
    yield runner
    runner.wait()


@pytest.fixture
def factories(demo, settings, tmp_path, runner):
    return _factories(demo, settings, runner, tmp_path)


def test_every_dialog_class_has_a_factory_here(factories):
    missing = {c.__qualname__ for c in _dialog_classes()} - {c.__qualname__ for c in factories}
    assert not missing, f"dialogs not checked for Enter/Escape: {sorted(missing)}"


def _primary(dialog: QDialog) -> QPushButton | None:
    if isinstance(dialog, QWizard):
        return next((b for b in (dialog.button(QWizard.WizardButton.NextButton),
                                 dialog.button(QWizard.WizardButton.FinishButton))
                     if b.isVisible()), None)  # fmt: skip
    return dialog.primary_button()


def _show(qtbot, dialog: QDialog) -> None:
    qtbot.addWidget(dialog)
    dialog.setWindowState(Qt.WindowState.WindowNoState)  # private writing is full screen
    dialog.show()
    qtbot.waitExposed(dialog)


@pytest.mark.parametrize("name", sorted(c.__qualname__ for c in _dialog_classes()))
def test_only_the_primary_button_can_take_enter(qtbot, factories, name):
    cls = next(c for c in factories if c.__qualname__ == name)
    dialog = factories[cls]()
    _show(qtbot, dialog)
    primary = _primary(dialog)
    assert primary is not None and primary.isVisible(), "every dialog has a primary button"
    buttons = [b for b in dialog.findChildren(QPushButton) if b.isVisible()]
    defaults = [b.text() for b in buttons if b.isDefault()]
    assert defaults == [primary.text()], f"{name}: Enter would press {defaults}"
    wizard_own = {dialog.button(w) for w in QWizard.WizardButton} if isinstance(
        dialog, QWizard) else set()  # fmt: skip
    takers = [b.text() for b in buttons
              if b.autoDefault() and b is not primary and b not in wizard_own]  # fmt: skip
    assert not takers, f"{name}: these buttons take Enter when they have the focus: {takers}"


@pytest.mark.parametrize("name", sorted(c.__qualname__ for c in _dialog_classes()))
def test_enter_in_a_field_or_on_another_button_presses_the_primary(qtbot, factories, runner,
                                                                  name):
    cls = next(c for c in factories if c.__qualname__ == name)
    dialog = factories[cls]()
    _show(qtbot, dialog)
    primary = _primary(dialog)
    pressed: list[str] = []
    for button in dialog.findChildren(QAbstractButton):
        button.clicked.connect(lambda _c=False, b=button: pressed.append(b.text()))
    others = [b for b in dialog.findChildren(QPushButton)
              if b.isVisible() and b.isEnabled() and b is not primary]  # fmt: skip
    fields = [w for w in dialog.findChildren(QLineEdit) if w.isVisible() and w.isEnabled()]
    focusable = [w for w in dialog.findChildren(QWidget) if w.isVisible()
                 and w.focusPolicy() & Qt.FocusPolicy.TabFocus]  # fmt: skip
    target = (fields or others or focusable)[0]
    target.setFocus()
    QTest.keyClick(target, Qt.Key.Key_Return)
    assert pressed[:1] == [primary.text()], f"{name}: Enter pressed {pressed or 'nothing'}"
    qtbot.waitUntil(lambda: not runner.busy)  # the wizard's next page works in the background


def test_escape_cancels_a_dialog(qtbot, factories):
    from coprod_desktop.ui.session_dialog import SessionDialog

    dialog = factories[SessionDialog]()
    _show(qtbot, dialog)
    dialog.title.setFocus()
    QTest.keyClick(dialog.title, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected and not dialog.isVisible()


def test_enter_after_typing_the_passphrase_opens(qtbot, tmp_path, runner):
    """The reported case: the passphrase typed and Enter pressed closed the dialog as Cancel."""
    from coprod_desktop.ui.project_dialogs import UnlockDialog

    opened: list[str] = []
    dialog = UnlockDialog(tmp_path / "p.coprod", lambda _p, s: opened.append(s) or "project",
                          runner)  # fmt: skip
    _show(qtbot, dialog)
    QTest.keyClicks(dialog.passphrase.edit, "secret words")
    QTest.keyClick(dialog.passphrase.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted)
    assert opened == ["secret words"] and dialog.result_value == "project"


@pytest.mark.parametrize("name", sorted(c.__qualname__ for c in _dialog_classes()))
def test_ctrl_enter_in_a_box_of_several_lines_presses_the_primary(qtbot, factories, runner,
                                                                 name):
    """Enter starts a new line in a multi-line box (a risk, a note); Ctrl+Enter saves from
    there, so the keyboard never has to Tab past every field to reach Save."""
    from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

    cls = next(c for c in factories if c.__qualname__ == name)
    dialog = factories[cls]()
    _show(qtbot, dialog)
    boxes = [w for kind in (QPlainTextEdit, QTextEdit) for w in dialog.findChildren(kind)
             if w.isVisible() and w.isEnabled() and not w.isReadOnly()]  # fmt: skip
    if not boxes:
        return
    primary = _primary(dialog)
    pressed: list[str] = []
    primary.clicked.connect(lambda _c=False: pressed.append(primary.text()))
    boxes[0].setFocus()
    QTest.keyClick(boxes[0], Qt.Key.Key_Return)
    assert pressed == [], f"{name}: Enter in a multi-line box pressed {primary.text()}"
    QTest.keyClick(boxes[0], Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert pressed == [primary.text()], f"{name}: Ctrl+Enter pressed nothing"
    qtbot.waitUntil(lambda: not runner.busy)


def _mnemonic(text: str) -> str | None:
    """The letter after a single "&" ("&&" is a plain ampersand)."""
    match = re.search(r"(?<!&)&([^&\s])", text.replace("&&", ""))
    return match[1].casefold() if match else None


@pytest.mark.parametrize("name", sorted(c.__qualname__ for c in _dialog_classes()))
def test_no_two_controls_of_a_dialog_share_an_alt_key(qtbot, factories, name):
    """Alt+letter goes to one control: a shared letter first reaches whichever Qt finds first
    (a "Remove" button instead of the box the facilitator meant to type in)."""
    cls = next(c for c in factories if c.__qualname__ == name)
    dialog = factories[cls]()
    _show(qtbot, dialog)
    seen: dict[str, list[str]] = {}
    for widget in dialog.findChildren(QWidget):
        if not widget.isVisible() or not isinstance(widget, (QLabel, QAbstractButton)):
            continue
        if isinstance(widget, QLabel) and widget.buddy() is None:
            continue
        key = _mnemonic(widget.text())
        if key:
            seen.setdefault(key, []).append(widget.text())
    shared = {k: v for k, v in seen.items() if len(v) > 1}
    assert not shared, f"{name}: {shared}"


@pytest.mark.parametrize("name", sorted(c.__qualname__ for c in _dialog_classes()))
def test_every_label_with_an_alt_key_leads_somewhere(qtbot, factories, name):
    """A label that shows "&Speech model file:" with no buddy prints the "&" and its Alt key
    does nothing (a form row whose field is a layout gets no buddy by itself)."""
    cls = next(c for c in factories if c.__qualname__ == name)
    dialog = factories[cls]()
    _show(qtbot, dialog)
    lost = [w.text() for w in dialog.findChildren(QLabel) if w.isVisible()
            and _mnemonic(w.text()) and w.buddy() is None
            and w.textFormat() != Qt.TextFormat.RichText]  # fmt: skip
    assert not lost, f"{name}: {lost}"
