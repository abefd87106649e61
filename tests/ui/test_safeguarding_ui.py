"""The Safeguarding page with real widgets over the real demo project: it opens with
Ctrl+Shift+K (no Ctrl+digit beyond the tenth page); overdue follow-ups come first, marked in
words and in bold; a concern is added through its dialog (its lead from the session, a refusal
shown in place without losing what was typed) as one undo step; the report refuses a short
password and is written encrypted in the background; signposting reorders with undo and prints
wallet cards and a poster in the background."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pypdf
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFileDialog

from coprod_desktop.ui.safeguarding_dialogs import ConcernDialog, ReportDialog
from coprod_desktop.ui.safeguarding_tabs import FOLLOW_COLUMN
from tests.ui.conftest import save, when_shown

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier




def open_page(window, qtbot):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_K, CTRL_SHIFT)
    assert window.pages.currentWidget() is window.safeguarding_page
    return window.safeguarding_page


def test_ctrl_shift_k_opens_it_and_overdue_follow_ups_come_first(open_demo, qtbot):
    window = open_demo
    labels = [window.nav.item(r).text() for r in range(window.nav.count())]
    row = labels.index("Safeguarding")
    assert row == 10  # after the ten pages with a number key
    assert window.go_actions[row].shortcut().toString() == "Ctrl+Shift+K"
    assert window.go_actions[0].shortcut().toString() == "Ctrl+1"  # not Ctrl+1 twice
    page = open_page(window, qtbot)
    tab = page.concerns
    tab.today = lambda: dt.date(2026, 12, 1)  # the demo's second follow-up is past by then
    tab.refresh()
    model = tab.table.model()
    first = model.index(0, FOLLOW_COLUMN)
    assert first.data().startswith("Overdue since 06 Nov 2026")
    assert model.index(0, 5).data() == "Open"
    assert isinstance(first.data(Qt.ItemDataRole.FontRole), QFont)
    assert first.data(Qt.ItemDataRole.FontRole).bold()
    assert model.index(1, FOLLOW_COLUMN).data(Qt.ItemDataRole.FontRole) is None
    assert model.index(1, 5).data().startswith("Closed")
    window._name_page_commands()
    assert window.add_record_action.text() == "&Add concern…"


def test_adding_a_concern_is_one_undo_step_and_a_refusal_keeps_the_typing(open_demo, qtbot):
    window = open_demo
    page = open_page(window, qtbot)
    log = window.project.safeguarding
    sessions = window.project.sessions
    latest = max(sessions.list(), key=lambda s: s.date)
    sessions.save(replace(latest, safeguarding_lead="Aileen Baird"))
    before = len(log.list())
    seen = {}

    def fill(dialog: ConcernDialog):
        seen["lead"] = dialog.lead.text()
        qtbot.keyClicks(dialog.what, "Mentioned a neighbour taking his money")
        dialog.raised_by.setText("Sam (facilitator)")
        dialog.action.setCurrentIndex(2)  # no action: a reason must be given, and can be
        assert dialog.reason.isEnabled() and not dialog.service.isEnabled()
        dialog.action.setCurrentIndex(1)  # referred: a service must be named, and can be
        assert dialog.service.isEnabled() and not dialog.reason.isEnabled()
        save(dialog)
        seen["refusal"] = dialog.error.text()
        assert dialog.isVisible()
        assert dialog.what.toPlainText() == "Mentioned a neighbour taking his money"
        dialog.service.setText("Adult Support and Protection")
        dialog.follow_note.setText("Ask how it went")
        dialog._add_follow_up()
        save(dialog)

    when_shown(ConcernDialog, fill)
    page.concerns.add_action.trigger()
    assert "Name the service" in seen["refusal"]
    added = [c for c in log.list() if c.what.startswith("Mentioned a neighbour")]
    assert len(added) == 1 and len(log.list()) == before + 1
    assert added[0].lead == seen["lead"] == "Aileen Baird"  # the latest session's lead
    assert added[0].session_id == latest.id
    assert len(added[0].follow_ups) == 1
    window.undo_stack.undo()
    assert len(log.list()) == before
    window.undo_stack.redo()
    assert len(log.list()) == before + 1


def test_the_report_refuses_a_short_password_then_writes_it_encrypted(open_demo, qtbot,
                                                                      tmp_path, monkeypatch):
    window = open_demo
    page = open_page(window, qtbot)
    target = tmp_path / "log.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *_a, **_k: (str(target), "")))
    seen = {}

    def fill(dialog: ReportDialog):
        dialog.password.edit.setText("short")
        dialog.again.edit.setText("short")
        save(dialog)
        seen["refusal"] = dialog.error.text()
        dialog.password.edit.setText("a long password")
        dialog.again.edit.setText("a long password")
        save(dialog)

    when_shown(ReportDialog, fill)
    page.concerns.report_action.trigger()
    assert "at least 8" in seen["refusal"]
    qtbot.waitUntil(target.exists, timeout=20000)
    qtbot.waitUntil(page.concerns.report_action.isEnabled, timeout=20000)
    reader = pypdf.PdfReader(target)
    assert reader.is_encrypted and reader.decrypt("a long password")


def test_signposting_moves_with_undo_and_prints_in_the_background(open_demo, qtbot, tmp_path,
                                                                  monkeypatch):  # fmt: skip
    window = open_demo
    page = open_page(window, qtbot)
    page.tabs.setCurrentIndex(1)
    tab = page.signposting
    names = [e.name for e in window.project.signposting.list()]
    tab.select_id(window.project.signposting.list()[1].id)
    assert tab.current() is not None
    assert tab.up_action.isEnabled()
    tab.up_action.trigger()
    assert [e.name for e in window.project.signposting.list()][:2] == [names[1], names[0]]
    window.undo_stack.undo()
    assert [e.name for e in window.project.signposting.list()] == names
    for cards, name in ((True, "cards.pdf"), (False, "poster.pdf")):
        target = tmp_path / name
        monkeypatch.setattr(QFileDialog, "getSaveFileName",
                            staticmethod(lambda *_a, _t=target, **_k: (str(_t), "")))
        (tab.cards_action if cards else tab.poster_action).trigger()
        qtbot.waitUntil(target.exists, timeout=20000)
        qtbot.waitUntil(lambda: not tab._printing.running, timeout=20000)
        text = "".join(p.extract_text() for p in pypdf.PdfReader(target).pages)
        assert "Samaritans" in text and "Kinning Park Youth Hub" in " ".join(text.split())
