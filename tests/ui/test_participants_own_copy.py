"""“Their own copy (PDF)…” on the Participants and Consent pages, against the demo project:
the file dialog and the audio question are answered, the copy is made in the background."""

from __future__ import annotations

from pathlib import Path

import pypdf
from PySide6.QtWidgets import QMessageBox

ACTION = "coprod_desktop.ui.own_copy_action"


def answer(monkeypatch, target: Path, audio: QMessageBox.StandardButton) -> None:
    monkeypatch.setattr(f"{ACTION}.QFileDialog.getSaveFileName",
                        lambda *a, **k: (str(target), ""))  # fmt: skip
    monkeypatch.setattr(f"{ACTION}.QMessageBox.question", lambda *a, **k: audio)


def test_own_copy_from_the_participants_page(qtbot, open_demo, monkeypatch, tmp_path: Path):
    window = open_demo
    page = window.participants_page
    action = page.own_copy.action
    page.table.clearSelection()
    assert not action.isEnabled()  # nobody selected
    page.select_id(next(p.id for p in page.model.items() if p.pseudonym == "P-06"))
    assert action.isEnabled() and action.text() == "Their &own copy (PDF)…"
    target = tmp_path / "P-06 own copy.pdf"
    answer(monkeypatch, target, QMessageBox.StandardButton.Yes)
    action.trigger()  # off the GUI thread: the whole file is checked first
    qtbot.waitUntil(lambda: target.exists() and action.isEnabled(), timeout=20000)
    reader = pypdf.PdfReader(target)
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Your own copy" in text and "P-06" in text and "Siobhan" not in text
    assert list(reader.attachments) == ["01 Interview buying for a neighbour.wav"]
    assert "Saved" in window.statusBar().currentMessage()


def test_own_copy_refusal_is_reported_and_cancel_writes_nothing(
    qtbot, open_demo, errors, monkeypatch, tmp_path: Path
):
    window = open_demo
    window.nav.setCurrentRow(window.PAGES.index("consent"))
    page = window.consent_page
    rows = {r.participant.pseudonym: r for r in page.model.items()}
    page.select_id(rows["P-03"].id)
    target = tmp_path / "copy.pdf"
    answer(monkeypatch, target, QMessageBox.StandardButton.Cancel)
    page.own_copy.action.trigger()
    assert not page.own_copy._making.running and not target.exists()
    answer(monkeypatch, target, QMessageBox.StandardButton.No)
    page.own_copy.action.trigger()
    qtbot.waitUntil(lambda: bool(errors), timeout=20000)
    title, message = errors[0]
    assert title == "Could not save the own copy" and "Still to decide in this copy" in message
    assert not target.exists() and page.own_copy.action.isEnabled()
