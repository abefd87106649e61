"""The Programmes page with real widgets offscreen on a real encrypted project: making a
programme, adding clips and pauses, reordering by keys and by a drop, each change undone and
redone through the window's undo stack, the gate naming who refused, deleting after asking,
and refusals reaching the window's reporter."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QMessageBox

from coprod_desktop.domain import consent as c
from coprod_desktop.domain.programmes import ItemKind
from tests.services.test_programmes import agreed
from tests.services.test_radio import recorded, tone
from tests.ui.conftest import when_modal


@pytest.fixture
def page(window, project, qtbot):
    """The page, with two clips in the lab: “Steamie” by P-01 and “Bairns” by P-02."""
    one, two = agreed(project, "P-01"), agreed(project, "P-02")
    project.radio.add_recorded(recorded(project, [one], tone(2.0)), "Steamie")
    project.radio.add_recorded(recorded(project, [two], tone(3.0, 330)), "Bairns")
    window.set_project(project)
    window.nav.setCurrentRow(window.PAGES.index("programmes"))
    page = window.programmes_page
    assert window.pages.currentWidget() is page
    return page


def clip(page, title):
    return next(c for c in page.project.radio.clips() if c.title == title)


def choose(chooser, title: str) -> None:
    row = next(n for n in range(chooser.list.count())
               if chooser.list.item(n).text().startswith(title))  # fmt: skip
    chooser.list.setCurrentRow(row)
    chooser.add_button.click()


def titles(page) -> list[str]:
    return [i.title for i in page.project.programmes.get(page.current().id).items]


def settled(page, qtbot):
    qtbot.waitUntil(lambda: not page.gate.checking, timeout=20000)


def with_programme(page, qtbot):
    page.add_action.trigger()
    assert page.title.hasFocus()
    for name in ("Steamie", "Bairns"):
        page.add_item(page.project.programmes.clip_item(clip(page, name)), "Add a clip")
    settled(page, qtbot)
    return page.current()


def test_new_programme_then_clips_and_a_pause_each_undo_and_redo(page, window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_N,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert page.list.count() == 1 and page.title.text() == "Programme 1"
    qtbot.keyClicks(page.title, "Voices of the East End")
    qtbot.keyClick(page.title, Qt.Key.Key_Return)
    assert page.project.programmes.list()[0].title == "Voices of the East End"
    assert page.list.item(0).text() == "Voices of the East End"

    when_modal(lambda dialog: choose(dialog, "Bairns"))
    page.add_clip_button.click()
    page.add_pause_button.click()
    assert titles(page) == ["Bairns", "Pause"]
    assert page.model.rowCount() == 2 and page.model.index(1, 1).data() == "Pause"
    assert page.total.text() == "Total 0:05"
    assert page.model.index(1, 3).data() == "0:03"  # starts after the clip

    stack = window.undo_stack
    stack.undo()
    assert titles(page) == ["Bairns"] and page.model.rowCount() == 1
    stack.undo()
    assert titles(page) == []
    stack.redo()
    stack.redo()
    assert titles(page) == ["Bairns", "Pause"] and page.model.rowCount() == 2
    stack.undo()
    stack.undo()
    stack.undo()  # the title
    assert page.title.text() == "Programme 1"
    stack.undo()  # the programme itself
    assert page.list.count() == 0 and page.project.programmes.list() == []
    settled(page, qtbot)


def test_reorder_by_keys_and_by_a_drop_each_one_undo_step(page, window, qtbot):
    with_programme(page, qtbot)
    assert titles(page) == ["Steamie", "Bairns"]
    page.order.setFocus()
    page.order.selectRow(1)
    qtbot.keyClick(page.order, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert titles(page) == ["Bairns", "Steamie"]
    assert page.current_item().title == "Bairns" and page.order.hasFocus()
    qtbot.keyClick(page.order, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert titles(page) == ["Steamie", "Bairns"]
    window.undo_stack.undo()
    assert titles(page) == ["Bairns", "Steamie"]
    window.undo_stack.undo()
    assert titles(page) == ["Steamie", "Bairns"]

    model = page.model
    data = model.mimeData([model.index(0, 0)])
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, 2, 0, QModelIndex())  # to the end
    assert titles(page) == ["Bairns", "Steamie"]
    assert model.moveRows(QModelIndex(), 1, 1, QModelIndex(), 0)
    assert titles(page) == ["Steamie", "Bairns"]
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert titles(page) == ["Steamie", "Bairns"]
    window.undo_stack.redo()
    assert titles(page) == ["Bairns", "Steamie"]
    settled(page, qtbot)


def test_delete_in_the_running_order_removes_the_item_and_undo_brings_it(page, window, qtbot):
    with_programme(page, qtbot)
    page.order.setFocus()
    page.order.selectRow(0)
    qtbot.keyClick(page.order, Qt.Key.Key_Delete)
    assert titles(page) == ["Bairns"]
    window.undo_stack.undo()
    assert titles(page) == ["Steamie", "Bairns"]
    settled(page, qtbot)


def test_deleting_a_programme_asks_first_and_undo_brings_it_back(page, window, qtbot,
                                                                 monkeypatch):  # fmt: skip
    programme = with_programme(page, qtbot)
    answers = iter([QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
    asked = []

    def answer(box):
        asked.append(box.text())
        return next(answers)

    monkeypatch.setattr(QMessageBox, "exec", answer)
    page.list.setFocus()
    page.delete_action.trigger()
    assert page.project.programmes.get(programme.id) is not None  # No keeps it
    page.delete_button.click()
    assert "Programme 1" in asked[0] and page.project.programmes.list() == []
    assert page.list.count() == 0 and not page.detail.isEnabled()
    window.undo_stack.undo()
    assert page.list.count() == 1 and titles(page) == ["Steamie", "Bairns"]
    settled(page, qtbot)


def test_the_gate_names_who_refused_by_pseudonym(page, qtbot):
    with_programme(page, qtbot)
    assert page.gate.view is not None and page.gate.view.gate
    assert "Every voice agreed" in page.gate.verdict.text()
    shy = agreed(page.project, "P-09", **{c.BROADCAST: False})
    page.project.radio.add_recorded(recorded(page.project, [shy], tone(1.0)), "Shy")
    page.add_item(page.project.programmes.clip_item(clip(page, "Shy")), "Add a clip")
    settled(page, qtbot)
    assert not page.gate.view.gate
    assert "cannot go out" in page.gate.verdict.text()
    assert "P-09" in page.gate.details.text() and "Shy" in page.gate.details.text()


def test_joins_titles_and_roles_are_one_step_each_and_refusals_are_told(page, window, qtbot,
                                                                        errors):  # fmt: skip
    with_programme(page, qtbot)
    page.order.selectRow(1)
    panel = page.item_panel
    panel.join_kind.setCurrentIndex(1)  # crossfade
    panel.join_ms.setValue(9_000)  # longer than either clip: the domain refuses it
    panel.join_ms.editingFinished.emit()
    ((_title, message),) = errors
    assert "crossfade" in message and "longer" in message
    assert page.project.programmes.get(page.current().id).items[1].join_ms == 0
    assert panel.join_ms.value() == 0  # the field shows what is stored
    panel.join_ms.setValue(500)
    panel.join_ms.editingFinished.emit()
    stored = page.project.programmes.get(page.current().id).items[1]
    assert stored.join_ms == 500 and not stored.crossfade
    assert page.model.index(1, 5).data() == "gap 0.5 s"
    panel.title.setText("The steamie")
    panel.title.editingFinished.emit()
    person = panel.person.itemData(0)
    panel.add_role()
    stored = page.project.programmes.get(page.current().id).items[1]
    assert stored.title == "The steamie" and stored.roles[0][0] == person
    assert "Presenter" in page.model.index(1, 6).data()
    window.undo_stack.undo()
    window.undo_stack.undo()
    stored = page.project.programmes.get(page.current().id).items[1]
    assert stored.title == "Bairns" and stored.roles == () and stored.join_ms == 500
    settled(page, qtbot)


def test_show_notes_are_stored_after_a_pause_and_on_flush(page, qtbot):
    programme = with_programme(page, qtbot)
    page.notes.setPlainText("Stories from the wash house")
    page.flush()
    assert page.project.programmes.get(programme.id).show_notes == "Stories from the wash house"
    settled(page, qtbot)


def test_an_item_whose_audio_went_is_marked(page, qtbot):
    programme = with_programme(page, qtbot)
    page.project.radio.delete_clip(clip(page, "Steamie").id)
    page.refresh()
    assert page.project.programmes.get(programme.id).items[0].lost
    assert "audio erased" in page.model.index(0, 1).data()
    settled(page, qtbot)
    assert "erased" in page.gate.details.text() and "Re-make" in page.gate.details.text()
    assert page.gate.remake_button.isVisibleTo(page)
    page.gate.remake_button.click()  # one undo step takes the erased item out
    assert titles(page) == ["Bairns"]
    settled(page, qtbot)
    assert page.gate.view.gate and not page.gate.remake_button.isVisibleTo(page)
    page.window().undo_stack.undo()
    assert titles(page) == ["Steamie", "Bairns"]


def test_music_is_imported_in_the_background(page, qtbot, tmp_path):
    import wave

    with_programme(page, qtbot)
    path = tmp_path / "jingle.wav"
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(48_000)
        out.writeframes(tone(1.0))
    page.import_music_from(path)
    qtbot.waitUntil(lambda: len(titles(page)) == 3, timeout=20000)
    assert page.project.programmes.get(page.current().id).items[2].kind is ItemKind.MUSIC
    settled(page, qtbot)


def test_making_a_programme_says_where_it_went(page, qtbot, tmp_path):
    from coprod_desktop.ui.programme_dialogs import MakeDialog

    programme = with_programme(page, qtbot)
    dialog = MakeDialog(page.project, page.runner, programme, page)
    qtbot.addWidget(dialog)
    dialog.format.setCurrentIndex(1)  # WAV
    dialog.path.setText(str(tmp_path / "show.wav"))
    dialog.make_button.click()
    qtbot.waitUntil(lambda: dialog.result_made is not None or not dialog.error.isHidden(),
                    timeout=60000)  # fmt: skip
    assert dialog.result_made is not None, dialog.error.text()
    assert (tmp_path / "show.wav").exists() and (tmp_path / "show.txt").exists()
    assert "show.wav" in dialog.status.text() and "LUFS" in dialog.status.text()


def test_a_refused_make_is_told_in_plain_words(page, qtbot, tmp_path):
    from coprod_desktop.ui.programme_dialogs import MakeDialog

    shy = agreed(page.project, "P-09", **{c.BROADCAST: False})
    page.project.radio.add_recorded(recorded(page.project, [shy], tone(1.0)), "Shy")
    page.add_action.trigger()
    page.add_item(page.project.programmes.clip_item(clip(page, "Shy")), "Add a clip")
    dialog = MakeDialog(page.project, page.runner, page.current(), page)
    qtbot.addWidget(dialog)
    dialog.path.setText(str(tmp_path / "show.mp3"))
    dialog.make_button.click()
    qtbot.waitUntil(lambda: not dialog.error.isHidden(), timeout=60000)
    assert "cannot go out" in dialog.error.text() and "P-09" in dialog.error.text()
    assert not (tmp_path / "show.mp3").exists()
    settled(page, qtbot)


def test_recording_a_link_refuses_without_consent(page, qtbot):
    from coprod_desktop.ui.programme_dialogs import LinkDialog

    page.add_action.trigger()
    dialog = LinkDialog(page.project, page)
    qtbot.addWidget(dialog)
    dialog.record_button.click()
    assert "Tick everyone" in dialog.message.text() and not dialog.recorder.recording
    dialog.primary_button().click()
    assert "Record the link first" in dialog.message.text() and dialog.made is None
    settled(page, qtbot)


def test_recording_a_link_adds_it_with_its_script(page, qtbot, need_microphone):
    from coprod_desktop.ui.programme_dialogs import LinkDialog

    page.add_action.trigger()
    dialog = LinkDialog(page.project, page)
    qtbot.addWidget(dialog)
    dialog.people.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.script.setPlainText("Welcome to the show")
    dialog.record_button.click()
    qtbot.waitUntil(lambda: dialog.elapsed.text() == "0:01", timeout=15000)
    dialog.record_button.click()
    qtbot.waitUntil(lambda: dialog.recording_id is not None, timeout=15000)
    dialog.primary_button().click()
    assert dialog.made is not None and dialog.made.kind is ItemKind.LINK
    page.add_item(replace(dialog.made), "Record a link")
    assert page.project.programmes.get(page.current().id).items[0].script == "Welcome to the show"
    settled(page, qtbot)


def test_a_programme_that_went_out_before_a_withdrawal_is_marked_to_remake(page, qtbot,
                                                                           tmp_path):
    import datetime as dt

    from coprod_desktop.domain.consent import Scope

    programme = with_programme(page, qtbot)
    (tmp_path / "out").mkdir()
    page.project.programmes.make(programme.id, tmp_path / "out" / "show.mp3")
    two = next(p for p in page.project.participants.list() if p.pseudonym == "P-02")
    page.project.consent.withdraw(two.id, Scope.FUTURE_PACKS, dt.datetime.now(dt.timezone.utc))
    page.refresh()
    assert page.list.item(0).text().endswith("must be re-made")
    settled(page, qtbot)
    assert "Must be re-made: P-02 withdrew; it went to show.mp3" in page.gate.remake.text()
