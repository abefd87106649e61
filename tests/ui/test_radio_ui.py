"""The Radio lab page with real widgets offscreen, a real encrypted project, and the real
virtual microphone: the consent gate on the record button, playback keys, trim handles,
bleeps, transcript timestamps, recovery on open, export and locking mid-take."""

from __future__ import annotations

import io
import wave
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from coprod_desktop.storage.recording_sink import ChunkSink
from tests.conftest import PASSPHRASE
from tests.services.test_radio import person, recorded, tone
from tests.ui.conftest import when_modal


@pytest.fixture
def radio(window, project):
    window.set_project(project)
    page = window.radio_page
    window.nav.setCurrentRow(window.PAGES.index("radio"))
    return page


def with_clip(radio, qtbot, seconds=4.0):
    speaker = person(radio.project)
    radio.project.radio.add_recorded(recorded(radio.project, [speaker], tone(seconds)))
    radio.refresh()
    editor = radio.editor
    qtbot.waitUntil(lambda: editor.player.loaded and editor.waveform.peaks != b"", timeout=15000)
    return editor


def test_record_refuses_without_ticks_and_names_who_lacks_audio_consent(radio, qtbot):
    yes, no = person(radio.project), person(radio.project, audio=False)
    radio.refresh()
    radio.record_button.click()
    assert not radio.recorder.recording and "Tick everyone" in radio.message.text()
    radio.tick([yes.id, no.id])
    radio.record_button.click()
    assert not radio.recorder.recording
    assert radio.message.isVisible() and no.pseudonym in radio.message.text()
    assert "no audio consent" in radio.people.item(1).text()
    assert radio.project.radio.clips() == []


def test_recording_makes_a_clip_with_the_ticked_speakers(radio, qtbot, need_microphone):
    speaker = person(radio.project)
    radio.refresh()
    radio.tick([speaker.id])
    qtbot.keyClick(radio, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: radio.recorder.recording, timeout=2000)  # shortcuts click shortly after
    assert not radio.people.isEnabled()
    qtbot.waitUntil(lambda: radio.elapsed.text() == "0:01", timeout=15000)
    qtbot.waitUntil(lambda: radio.meter.value() > 10, timeout=5000)
    radio.record_button.click()
    qtbot.waitUntil(lambda: radio.table.rowCount() == 1, timeout=15000)
    (clip,) = radio.project.radio.clips()
    assert clip.speakers == (speaker.id,) and clip.duration_ms >= 1000
    assert radio.table.item(0, 1).text() == speaker.pseudonym
    assert radio.people.isEnabled() and radio.record_button.text().endswith("Record")


def test_space_plays_and_pauses_and_arrows_seek(radio, qtbot, need_microphone):
    editor = with_clip(radio, qtbot)
    editor.waveform.setFocus()
    qtbot.keyClick(editor.waveform, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: editor.player.playing, timeout=5000)
    qtbot.waitUntil(lambda: editor.player.position() > 300, timeout=10000)
    assert editor.play_button.text() == "Pause"
    qtbot.keyClick(editor.waveform, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not editor.player.playing, timeout=5000)
    at = editor.player.position()
    qtbot.keyClick(editor.waveform, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: abs(editor.player.position() - (at + 1000)) < 150, timeout=5000)
    assert abs(editor.slider.value() - editor.player.position()) < 150
    qtbot.keyClick(editor.waveform, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: editor.player.position() < 200, timeout=5000)


def drag(qtbot, widget, from_ms, to_ms):
    y = widget.height() // 2
    start = QPoint(round(widget.x_for(from_ms)), y)
    end = QPoint(round(widget.x_for(to_ms)), y)
    qtbot.mousePress(widget, Qt.MouseButton.LeftButton, pos=start)
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    move = QMouseEvent(
        QMouseEvent.Type.MouseMove,
        end.toPointF(),
        widget.mapToGlobal(end).toPointF(),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, move)
    qtbot.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=end)


def test_trim_handles_drag_and_undo(radio, qtbot, window, need_microphone):
    editor = with_clip(radio, qtbot)
    waveform = editor.waveform
    drag(qtbot, waveform, 0, 1000)
    clip = radio.project.radio.clip(editor.clip.id)
    assert abs(clip.edits.trim_in_ms - 1000) < 60
    drag(qtbot, waveform, 4000, 3000)
    clip = radio.project.radio.clip(editor.clip.id)
    assert abs(clip.edits.trim_out_ms - 3000) < 60 and abs(clip.length_ms - 2000) < 120
    assert "trimmed" in radio.table.item(0, 4).text()
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert radio.project.radio.clip(clip.id).edits.trim_in_ms == 0
    assert editor.waveform.trim_in == 0


def test_bleep_a_selection_from_the_keyboard_and_remove_it(radio, qtbot, need_microphone):
    editor = with_clip(radio, qtbot)
    drag(qtbot, editor.waveform, 1500, 2500)
    assert editor.bleep_button.isEnabled()
    editor.waveform.setFocus()
    qtbot.keyClick(editor.waveform, Qt.Key.Key_B)
    (bleep,) = radio.project.radio.clip(editor.clip.id).edits.bleeps
    assert abs(bleep[0] - 1500) < 60 and abs(bleep[1] - 2500) < 60
    assert editor.bleeps.count() == 1 and editor.waveform.bleeps == (bleep,)
    editor.remove_bleep_button.click()
    assert radio.project.radio.clip(editor.clip.id).edits.bleeps == ()


def test_gain_and_normalise_are_saved(radio, qtbot, need_microphone):
    editor = with_clip(radio, qtbot, 1.0)
    editor.gain.setValue(-6)
    qtbot.waitUntil(
        lambda: radio.project.radio.clip(editor.clip.id).edits.gain_db == -6, timeout=5000
    )
    editor.normalise.click()
    assert radio.project.radio.clip(editor.clip.id).edits.normalise


def test_transcript_timestamps_insert_at_the_playhead_and_seek_when_clicked(
    radio, qtbot, need_microphone
):
    editor = with_clip(radio, qtbot)
    editor.player.seek(2500)
    qtbot.waitUntil(lambda: abs(editor.player.position() - 2500) < 100, timeout=5000)
    editor.transcript.setFocus()
    qtbot.keyClick(editor.transcript, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor.transcript, "Money is tight & <b>bold</b>")
    text = editor.transcript.toPlainText()
    assert text.startswith("[0:02.5] Money is tight & <b>bold</b>")
    qtbot.waitUntil(
        lambda: radio.project.radio.clip(editor.clip.id).transcript == text, timeout=5000
    )
    editor.player.seek(0)
    qtbot.waitUntil(lambda: editor.player.position() < 100, timeout=5000)
    cursor = editor.transcript.textCursor()
    cursor.setPosition(3)
    rect = editor.transcript.cursorRect(cursor)
    qtbot.mouseClick(editor.transcript.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: abs(editor.player.position() - 2500) < 100, timeout=5000)


def test_export_writes_a_wav_of_the_rendered_clip(radio, qtbot, window, tmp_path, need_microphone):
    editor = with_clip(radio, qtbot, 2.0)
    editor.export_to(str(tmp_path / "vox"), "wav")
    qtbot.waitUntil(lambda: (tmp_path / "vox.wav").exists(), timeout=10000)
    window.runner.wait()
    with wave.open(io.BytesIO((tmp_path / "vox.wav").read_bytes())) as wav:
        assert wav.getnframes() == 2 * 48000
    if editor.export_note.text():
        assert "ffmpeg" in editor.export_note.text()


def test_deleting_a_clip_asks_first(radio, qtbot, need_microphone):
    with_clip(radio, qtbot, 0.5)
    when_modal(lambda box: box.button(QMessageBox.StandardButton.No).click())
    radio.delete_action.trigger()
    assert len(radio.project.radio.clips()) == 1
    when_modal(lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    radio.delete_action.trigger()
    assert radio.project.radio.clips() == [] and radio.table.rowCount() == 0


def test_an_unfinished_recording_is_offered_when_the_project_opens(window, qtbot, project):
    speaker = person(project)
    conn = project.file.connect_again()
    sink = ChunkSink(conn, 48000)
    sink.start(None, [speaker.id])
    sink.write(tone(2.2))  # the app was killed here
    conn.close()
    path = Path(project.path)
    project.close()
    when_modal(lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    window.open_path(path, PASSPHRASE)
    qtbot.waitUntil(lambda: window.project is not None, timeout=10000)
    qtbot.waitUntil(lambda: bool(window.project.radio.clips()), timeout=10000)
    (clip,) = window.project.radio.clips()
    assert clip.title.startswith("Recovered recording") and clip.duration_ms == 2000
    assert window.pages.currentWidget() is window.radio_page
    assert window.radio_page.table.rowCount() == 1


def test_locking_mid_take_stores_it_first(radio, qtbot, window, need_microphone):
    speaker = person(radio.project)
    radio.refresh()
    radio.tick([speaker.id])
    radio.record_button.click()
    qtbot.waitUntil(lambda: radio.elapsed.text() == "0:01", timeout=15000)
    path = radio.project.path
    window.lock()
    assert not radio.recorder.recording  # the take is stored at once
    qtbot.waitUntil(lambda: window.is_locked, timeout=10000)  # after tasks reading the file
    window.runner.wait()
    from coprod_desktop.services.project import open_project

    reopened = open_project(path, PASSPHRASE)
    try:
        (clip,) = reopened.radio.clips()
        assert clip.duration_ms >= 1000 and reopened.radio.unfinished() == []
    finally:
        reopened.close()


def test_switching_clips_after_playing_does_not_hang(radio, qtbot, need_microphone):
    editor = with_clip(radio, qtbot)
    radio.project.radio.add_recorded(recorded(radio.project, [person(radio.project)], tone(2.0)))
    radio.refresh()
    radio.table.selectRow(0)
    qtbot.waitUntil(lambda: editor.player.loaded, timeout=15000)
    editor.player.toggle()
    qtbot.waitUntil(lambda: editor.player.position() > 300, timeout=10000)
    editor.player.toggle()  # paused part-way: replacing the source used to hang here
    radio.table.selectRow(1)
    assert editor.clip.id == radio._clips[1].id
    qtbot.waitUntil(lambda: editor.player.loaded, timeout=15000)
    radio.table.selectRow(0)
    qtbot.waitUntil(lambda: editor.player.loaded, timeout=15000)


def test_short_clip_waveform_fills_the_width(radio, qtbot, need_microphone):
    editor = with_clip(radio, qtbot, 1.0)  # 100 values for a view hundreds of pixels wide
    rect = editor.waveform._envelope().boundingRect()
    assert rect.right() > editor.waveform.width() - 3


def test_pending_edits_are_saved_when_switching_clips(radio, qtbot, need_microphone):
    editor = with_clip(radio, qtbot, 1.0)
    radio.project.radio.add_recorded(recorded(radio.project, [person(radio.project)], tone(1.0)))
    radio.refresh()
    radio.table.selectRow(0)
    first = editor.clip.id
    editor.gain.setValue(4)
    editor.transcript.setPlainText("typed just now")
    radio.table.selectRow(1)  # before the save delay ran out
    saved = radio.project.radio.clip(first)
    assert saved.edits.gain_db == 4 and saved.transcript == "typed just now"


def test_tab_leaves_the_clips_table(radio, qtbot, need_microphone):
    with_clip(radio, qtbot, 0.5)
    radio.table.setFocus()
    qtbot.keyClick(radio.table, Qt.Key.Key_Tab)
    assert not radio.table.hasFocus()


# layout at a small screen -------------------------------------------------------------------
SMALL_SCREENS = [(1366, 768), (1280, 720)]


def demo_radio(window, qtbot, size):
    window.resize(*size)
    window.nav.setCurrentRow(window.PAGES.index("radio"))
    page = window.radio_page
    qtbot.waitUntil(lambda: page.people.count() > 0)
    for _ in range(3):
        QApplication.processEvents()
    return page


def shown_whole(page) -> list[str]:
    """The people whose whole line is in view without scrolling."""
    view, room = page.people, page.people.viewport().rect()
    return [
        view.item(i).text()
        for i in range(view.count())
        if not view.item(i).isHidden() and room.contains(view.visualItemRect(view.item(i)))
    ]


@pytest.mark.parametrize("size", SMALL_SCREENS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_everyone_in_the_room_is_in_view_at_once(open_demo, qtbot, size):
    page = demo_radio(open_demo, qtbot, size)
    people = open_demo.project.participants.list()
    assert len(people) >= 17
    assert len(shown_whole(page)) == len(people), f"only {shown_whole(page)} in view"
    assert page.people.verticalScrollBar().maximum() == 0
    assert page.people.horizontalScrollBar().maximum() == 0


def test_typing_narrows_the_list_and_ticks_are_kept(open_demo, qtbot):
    page = demo_radio(open_demo, qtbot, SMALL_SCREENS[1])
    ids = {p.pseudonym: p.id for p in open_demo.project.participants.list()}
    qtbot.keyClicks(page.people_filter, "p-1")
    shown = [page.people.item(i).text().split()[0] for i in range(page.people.count())
             if not page.people.item(i).isHidden()]  # fmt: skip
    assert shown == ["P-10", "P-11", "P-12", "P-13", "P-14", "P-15"]
    twelve = next(page.people.item(i) for i in range(page.people.count())
                  if page.people.item(i).text() == "P-12")  # fmt: skip
    twelve.setCheckState(Qt.CheckState.Checked)
    page.people_filter.setText("P-03")
    page.people.item(next(i for i in range(page.people.count())
                          if not page.people.item(i).isHidden())).setCheckState(
        Qt.CheckState.Checked)  # fmt: skip
    assert set(page.ticked()) == {ids["P-12"], ids["P-03"]}
    assert page.ticked_label.text() == "2 ticked (1 not shown)"
    page.people_filter.clear()
    assert set(page.ticked()) == {ids["P-12"], ids["P-03"]}
    # the buttons act on everyone, shown or not
    session = open_demo.project.sessions.list()[0]
    page.session_box.setCurrentIndex(page.session_box.findData(session.id))
    page.people_filter.setText("Facilitator")
    page.attendees_button.click()
    assert set(page.ticked()) == set(session.participant_ids)
    page.clear_button.click()
    assert page.ticked() == [] and page.ticked_label.text() == "0 ticked"


def test_a_message_moves_neither_the_list_nor_the_record_button(open_demo, qtbot):
    page = demo_radio(open_demo, qtbot, SMALL_SCREENS[1])
    window = open_demo

    def where():
        QApplication.processEvents()
        return [w.geometry().translated(w.parentWidget().mapTo(window, QPoint(0, 0)))
                for w in (page.people, page.record_button, page.table)]  # fmt: skip

    before = where()
    page.record_button.click()  # nobody ticked: refused, with a message
    assert page.message.isVisible() and "Tick everyone" in page.message.text()
    assert where() == before
    no_audio = [i for i in range(page.people.count()) if "no audio" in page.people.item(i).text()]
    page.tick([page.people.item(i).data(Qt.ItemDataRole.UserRole) for i in no_audio])
    page.record_button.click()  # a longer refusal, a line for each person
    assert page.message.isVisible() and "not everyone ticked" in page.message.text()
    assert where() == before
    page._level(1.0)  # the sound clips
    assert page.clip_warning.isVisible()
    assert where() == before


def test_flags_and_flagged_parts_save_and_undo(radio, qtbot, window, need_microphone):
    editor = with_clip(radio, qtbot)
    clip_id = editor.clip.id
    service = radio.project.radio
    editor.safeguarding.click()
    assert service.clip(clip_id).safeguarding and "safeguarding" in radio.table.item(0, 4).text()
    editor.sensitive.click()
    assert service.clip(clip_id).sensitive
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert not service.clip(clip_id).safeguarding and not service.clip(clip_id).sensitive
    assert not editor.safeguarding.isChecked()
    drag(qtbot, editor.waveform, 1500, 2500)
    assert editor.flag_part_button.isEnabled()

    def answer(dialog):
        dialog.reason.setText("names a child")
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()

    when_modal(answer)
    editor.flag_part_button.click()
    (part,) = service.clip(clip_id).ranges
    assert part.flag == "safeguarding" and part.reason == "names a child"
    assert abs(part.start_ms - 1500) < 60 and abs(part.end_ms - 2500) < 60
    assert editor.parts.count() == 1 and "names a child" in editor.parts.item(0).text()
    window.undo_action.trigger()
    assert service.clip(clip_id).ranges == () and editor.parts.count() == 0
    window.redo_action.trigger()
    assert service.clip(clip_id).ranges == (part,)
    editor.remove_part_button.click()
    assert service.clip(clip_id).ranges == ()
    window.undo_action.trigger()
    assert service.clip(clip_id).ranges == (part,)


def test_a_flagged_part_with_a_bad_flag_is_refused_in_the_dialog(qtbot):
    from coprod_desktop.ui.flag_part_dialog import FlagPartDialog

    saved = []
    dialog = FlagPartDialog("clip", 2000, 2000, lambda p: saved.append(p.validated()))
    qtbot.addWidget(dialog)
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert not saved and "Choose a part" in dialog.error.text()
