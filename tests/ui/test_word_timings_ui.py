"""Word timings in the window: aligning and drafting in the Radio lab run in the background and
can be stopped, the transcript marks what could not be placed, a draft is one undo step, the
Anonymise page bleeps exactly when the words are timed (undoably, also every removed word at
once), and the speech-model preference is remembered. Real projects, real widgets offscreen;
the speech engine is the scripted one of tests/ui/conftest.py."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QTextCharFormat
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel

from coprod_desktop.ui.settings import AppSettings
from tests.services.test_radio import person, recorded, tone

TYPED = "[0:00.0] Hello Dorothy from the Elmfield shop"


def add_clip(project, transcript: str = "", seconds: float = 3.0):
    speaker = person(project)
    clip = project.radio.add_recorded(recorded(project, [speaker], tone(seconds)))
    if transcript:
        project.radio.save_clip(replace(clip, transcript=transcript))
    return project.radio.clip(clip.id)


def radio_with(window, project, qtbot, clip):
    window.set_project(project)
    window.nav.setCurrentRow(window.PAGES.index("radio"))
    page = window.radio_page
    page.refresh_clips(clip.id)
    editor = page.editor
    qtbot.waitUntil(lambda: editor.clip is not None and editor.clip.id == clip.id)
    return editor


def status(window) -> str:
    return window.statusBar().currentMessage()


# aligning ---------------------------------------------------------------------------------------
def test_align_runs_in_the_background_and_marks_the_words_it_could_not_place(
        window, project, qtbot, settings, speech_engine):  # fmt: skip
    settings.set_speech_model("/opt/models/ggml-base.en.bin")
    speech_engine.unplaced = {"elmfield"}
    clip = add_clip(project, TYPED)
    editor = radio_with(window, project, qtbot, clip)
    assert editor.timing.align_button.isEnabled() and "already has a transcript" in (
        editor.timing.draft_button.toolTip())
    editor.timing.align_button.click()
    qtbot.waitUntil(lambda: "words timed" in status(window), timeout=15000)
    assert status(window) == "5 words timed; 1 could not be placed"
    assert speech_engine.models == ["/opt/models/ggml-base.en.bin"]  # read from Preferences
    stored = project.radio.clip(clip.id)
    assert [w.placed for w in stored.words] == [True, True, True, True, False, True]
    marks = editor.transcript.extraSelections()
    assert [m.cursor.selectedText() for m in marks] == ["Elmfield"]
    assert marks[0].format.underlineStyle() == QTextCharFormat.UnderlineStyle.DotLine
    assert editor.transcript.toPlainText() == TYPED  # marks only: the text is untouched
    assert "could not be placed" in editor.transcript.toolTip()
    # Ctrl+click on a timed word seeks to it; a word without a time has nowhere to go
    at = TYPED.index("Dorothy") + 2
    assert editor.transcript.word_time(at) == stored.words[1].start_ms
    assert editor.transcript.word_time(TYPED.index("Elmfield")) is None
    assert not editor.timing.progress.isVisible() and not editor.timing.stop_button.isVisible()


def test_the_marks_follow_an_edit_of_the_transcript(window, project, qtbot, speech_engine):
    speech_engine.unplaced = {"elmfield"}
    clip = add_clip(project, TYPED)
    editor = radio_with(window, project, qtbot, clip)
    editor.timing.align_button.click()
    qtbot.waitUntil(lambda: "words timed" in status(window), timeout=15000)
    editor.transcript.setPlainText(TYPED.replace("Elmfield", "corner"))
    editor.save_transcript()
    assert editor.transcript.extraSelections()[0].cursor.selectedText() == "corner"  # not timed
    assert editor.transcript.word_time(TYPED.index("Dorothy")) is not None  # kept its time


@pytest.mark.parametrize("how", ["button", "escape"])
def test_stop_cancels_and_leaves_nothing_half_stored(window, project, qtbot, speech_engine, how):
    speech_engine.hold = True
    clip = add_clip(project, TYPED)
    editor = radio_with(window, project, qtbot, clip)
    editor.timing.align_button.click()
    qtbot.waitUntil(editor.timing.stop_button.isVisible)
    assert not editor.timing.align_button.isEnabled()  # one run at a time
    if how == "button":
        editor.timing.stop_button.click()
    else:
        QTest.keyClick(editor.transcript, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: status(window).startswith("Stopped"), timeout=15000)
    assert project.radio.clip(clip.id).words == ()
    assert project.timings.made_by(clip.id) is None
    assert editor.transcript.extraSelections() == []
    assert editor.timing.align_button.isEnabled() and not editor.timing.stop_button.isVisible()


# drafting ---------------------------------------------------------------------------------------
def test_draft_fills_an_empty_transcript_and_undo_takes_it_away(
        window, project, qtbot, speech_engine):  # fmt: skip
    speech_engine.heard = [("we", 0.9), ("met", 0.9), ("at", 0.8), ("Elmfeld", 0.2)]
    clip = add_clip(project)
    editor = radio_with(window, project, qtbot, clip)
    assert editor.timing.draft_button.isEnabled() and not editor.timing.align_button.isEnabled()
    editor.timing.draft_button.click()
    qtbot.waitUntil(lambda: "Draft written" in status(window), timeout=15000)
    stored = project.radio.clip(clip.id)
    assert stored.transcript.split()[1:] == ["we", "met", "at", "Elmfeld"]
    assert editor.transcript.toPlainText() == stored.transcript
    faint = editor.transcript.extraSelections()
    assert [m.cursor.selectedText() for m in faint] == ["Elmfeld"]  # unsure: shown faint
    assert faint[0].format.foreground().color().name() == "#808080"
    assert "already has a transcript" in editor.timing.draft_button.toolTip()
    assert window.undo_stack.undoText().startswith("Draft transcript")

    editor.transcript.setFocus()  # Ctrl+Z where the facilitator is: the box has no typing
    QTest.keyClick(editor.transcript, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert project.radio.clip(clip.id).transcript == ""
    qtbot.waitUntil(lambda: editor.transcript.toPlainText() == "")
    assert editor.timing.draft_button.isEnabled()
    assert project.radio.clip(clip.id).words == ()
    window.undo_stack.redo()  # the draft comes back with its timings and confidences
    assert project.radio.clip(clip.id).transcript == stored.transcript
    assert project.radio.clip(clip.id).words == stored.words
    assert project.timings.made_by(clip.id)[1]  # still known as drafted


def test_draft_is_refused_for_a_clip_with_a_transcript(
        window, project, qtbot, speech_engine, errors):  # fmt: skip
    speech_engine.heard = [("hello", 0.9)]
    clip = add_clip(project, TYPED)
    editor = radio_with(window, project, qtbot, clip)
    assert "already has a transcript" in editor.timing.draft_button.toolTip()
    QTest.keyClick(editor.transcript, Qt.Key.Key_D,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert errors and "already has a transcript" in errors[-1][1]  # the key says why, too
    errors.clear()
    editor.timing.draft_transcript()  # even asked directly, nothing is overwritten
    assert errors and "already has a transcript" in errors[-1][1]
    assert speech_engine.models == []
    assert project.radio.clip(clip.id).transcript == TYPED
    editor.transcript.setPlainText("")  # typing it away makes a draft possible again
    assert "Write a draft" in editor.timing.draft_button.toolTip()


# anonymise ---------------------------------------------------------------------------------------
def anonymise_with(window, project, qtbot, *terms):
    for term in terms:
        project.anonymise.add_term(term, "deny", "person")
    window.set_project(project)
    window.nav.setCurrentRow(window.PAGES.index("anonymise"))
    page = window.pages.currentWidget()
    page.scan()
    qtbot.waitUntil(lambda: page.scanned, timeout=15000)
    return page


def select(page, text: str) -> None:
    row = next(n for n, f in enumerate(page.findings) if f.detection.text == text)
    page.table.selectRow(row)


def aligned(project, clip, engine):
    project.timings.align(clip.id, engine)
    return project.radio.clip(clip.id)


SAID = "[0:00.0] I met Dorothy at the market and then we walked to Elmfield for our tea"


def test_a_timed_detection_is_bleeped_exactly_and_undone(window, project, qtbot, speech_engine):
    clip = aligned(project, add_clip(project, SAID, seconds=6.0), speech_engine)
    page = anonymise_with(window, project, qtbot, "Dorothy")
    select(page, "Dorothy")
    assert page.bleep_button.isEnabled()
    page.bleep_button.click()
    bleeps = project.radio.clip(clip.id).edits.bleeps
    assert len(bleeps) == 1
    word = next(w for w in clip.words if SAID[w.start:w.end] == "Dorothy")
    assert bleeps[0][0] < word.start_ms < word.end_ms < bleeps[0][1]
    assert status(window).startswith("Bleeped exactly ")
    assert window.undo_stack.undoText() == "Bleep Dorothy"
    window.undo_stack.undo()
    assert project.radio.clip(clip.id).edits.bleeps == ()
    window.undo_stack.redo()
    assert project.radio.clip(clip.id).edits.bleeps == bleeps


def test_an_untimed_detection_is_bleeped_from_its_timestamp_and_says_so(
        window, project, qtbot):  # fmt: skip
    clip = add_clip(project, SAID, seconds=6.0)
    page = anonymise_with(window, project, qtbot, "Dorothy")
    select(page, "Dorothy")
    page.bleep_button.click()
    assert project.radio.clip(clip.id).edits.bleeps
    assert status(window).startswith("Bleep marked from 0:00.0 to ")
    assert "align the transcript for an exact bleep" in status(window)


def test_bleep_every_removed_word_then_they_leave_the_review(
        window, project, qtbot, speech_engine):  # fmt: skip
    speech_engine.unplaced = {"elmfield"}
    clip = aligned(project, add_clip(project, SAID, seconds=6.0), speech_engine)
    page = anonymise_with(window, project, qtbot, "Dorothy", "market", "Elmfield")
    select(page, "Dorothy")
    page.bleep_all_button.click()
    assert len(project.radio.clip(clip.id).edits.bleeps) == 2  # Dorothy, market; not Elmfield
    assert status(window).startswith("2 bleeps added in ")
    assert "Not placed in the audio, so not bleeped: “Elmfield”" in status(window)
    qtbot.waitUntil(lambda: page.scanned, timeout=15000)  # the review checked again
    assert {f.detection.text for f in page.findings} == {"Elmfield"}
    window.undo_stack.undo()
    assert project.radio.clip(clip.id).edits.bleeps == ()


def test_bleep_every_removed_word_needs_timings(window, project, qtbot, errors):
    clip = add_clip(project, SAID, seconds=6.0)
    page = anonymise_with(window, project, qtbot, "Dorothy")
    select(page, "Dorothy")
    page.bleep_all_button.click()
    assert "align its transcript first" in errors[-1][1]
    assert project.radio.clip(clip.id).edits.bleeps == ()
    assert window.undo_stack.count() == 0


# preferences ------------------------------------------------------------------------------------
def test_the_speech_model_preference_is_remembered_and_cleared(qtbot, tmp_path):
    from coprod_desktop.ui.preferences_dialog import PreferencesDialog

    path = str(tmp_path / "settings.ini")
    settings = AppSettings(QSettings(path, QSettings.Format.IniFormat))
    assert settings.speech_model() == ""
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    words = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "Leave empty to use the built-in English engine. Nothing is ever downloaded." in words
    model = tmp_path / "faster-whisper-small.bin"
    model.write_bytes(b"model")
    dialog.speech_model.setText(str(model))
    dialog.accept()
    settings.sync()
    again = AppSettings(QSettings(path, QSettings.Format.IniFormat))
    assert again.speech_model() == str(model)
    dialog = PreferencesDialog(again)
    qtbot.addWidget(dialog)
    assert dialog.speech_model.text() == str(model)
    dialog.clear_button.click()
    dialog.accept()
    assert again.speech_model() == ""


def test_a_speech_model_that_is_not_there_is_refused_in_place(qtbot, tmp_path):
    from coprod_desktop.ui.preferences_dialog import PreferencesDialog

    settings = AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    dialog.speech_model.setText(str(tmp_path / "nowhere.bin"))
    dialog.accept()
    assert dialog.isVisible() is False and dialog.result() == 0  # not accepted
    assert "There is no file or folder" in dialog.model_error.text()
    assert settings.speech_model() == ""
