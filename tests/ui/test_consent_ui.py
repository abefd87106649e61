"""The consent dialog and page, driven with qtbot against a real project (keyboard too)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QDialogButtonBox

from coprod_desktop.domain import consent as c
from coprod_desktop.domain.consent import Method, Scope
from coprod_desktop.domain.participants import AgeBand
from coprod_desktop.ui.consent_dialog import ConsentDialog
from coprod_desktop.ui.form_editor_dialog import FormEditorDialog
from coprod_desktop.ui.read_aloud import ReadAloud
from coprod_desktop.ui.signature_pad import SignaturePad
from coprod_desktop.ui.withdrawal_dialog import WithdrawalDialog
from tests.ui.conftest import when_modal


def person(project, **kw):
    from dataclasses import replace

    draft = project.participants.draft()
    return project.participants.save(replace(draft, **kw))


def make_dialog(qtbot, project, participant, reader=None):
    dialog = ConsentDialog(participant, project.consent.current_form(), project.consent.record,
                           "Aileen Baird", reader or ReadAloud(engines=[]))  # fmt: skip
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)  # keyboard shortcuts and mnemonics need it
    return dialog


def sign(qtbot, pad: SignaturePad) -> None:
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(30, 40))
    for x in range(30, 300, 15):
        qtbot.mouseMove(pad, QPoint(x, 40 + (x % 40)))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(300, 60))


def test_signature_capture_makes_a_non_empty_image(qtbot):
    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.resize(400, 160)
    pad.show()
    assert pad.is_empty() and pad.to_png() == b""
    sign(qtbot, pad)
    assert not pad.is_empty()
    image = QImage.fromData(pad.to_png(), "PNG")
    assert not image.isNull() and image.width() > 200
    dark = sum(1 for x in range(image.width()) for y in range(image.height())
               if image.pixelColor(x, y).lightness() < 128)  # fmt: skip
    assert dark > 100
    pad.clear()
    assert pad.is_empty()


def test_no_item_is_preticked_and_next_needs_an_answer(qtbot, project):
    dialog = make_dialog(qtbot, project, person(project))
    assert all(q.answer() is None for q in dialog.questions)
    dialog.next.click()  # information -> first question
    assert dialog.progress.text() == "Question 1 of 6"
    assert not dialog.next.isEnabled()
    dialog.questions[0].answer_buttons.no.click()
    assert dialog.next.isEnabled()


def test_step_through_with_signature_saves_a_record(qtbot, project):
    participant = person(project)
    dialog = make_dialog(qtbot, project, participant)
    dialog.next.click()
    for question in dialog.questions:
        (question.answer_buttons.no if question.item.key == c.BROADCAST
         else question.answer_buttons.yes).click()  # fmt: skip
        for org, pair in question.partner_answers.items():
            (pair.no if org == "Police Scotland" else pair.yes).click()
        assert dialog.next.isEnabled(), question.item.key
        dialog.next.click()
    assert dialog.stack.currentWidget() is dialog.method_page
    assert not dialog.save_button.isEnabled()
    dialog.method_page.signature_radio.click()
    dialog.save_button.click()
    assert "sign" in dialog.error.text()  # signature method with an empty box
    sign(qtbot, dialog.method_page.signature)
    dialog.save_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted
    history = project.consent.history(participant.id)
    record = history.latest()
    assert record.has_signature and record.method is Method.SIGNATURE
    assert record.recorded_by == "tester"
    assert not c.may_broadcast_voice(history) and c.may_record_audio(history)
    assert not c.may_share_with(history, "Police Scotland")
    assert c.may_share_with(history, "Trading Standards")
    mime, png = project.consent.attachment(record.id, "signature")
    assert mime == "image/png" and QImage.fromData(png, "PNG").width() > 0


def press(qtbot, dialog, key, modifier=Qt.KeyboardModifier.AltModifier) -> None:
    qtbot.keyClick(dialog.focusWidget() or dialog, key, modifier)


def test_keyboard_only_all_on_one_page_verbal(qtbot, project):
    participant = person(project, age_band=AgeBand.UNDER_16)
    dialog = make_dialog(qtbot, project, participant)
    press(qtbot, dialog, Qt.Key.Key_A)  # all questions on one page
    qtbot.waitUntil(dialog.one_page.isChecked)  # button shortcuts click after a short flash
    press(qtbot, dialog, Qt.Key.Key_N)  # Next
    qtbot.waitUntil(lambda: dialog.stack.currentWidget() is dialog.all_page)
    for question in dialog.questions:
        question.answer_buttons.yes.setFocus()
        qtbot.keyClick(question.answer_buttons.yes, Qt.Key.Key_Y)
        for pair in question.partner_answers.values():
            pair.yes.setFocus()
            qtbot.keyClick(pair.yes, Qt.Key.Key_Space)
    assert all(q.is_complete() for q in dialog.questions)
    press(qtbot, dialog, Qt.Key.Key_N)
    qtbot.waitUntil(lambda: dialog.stack.currentWidget() is dialog.method_page)
    press(qtbot, dialog, Qt.Key.Key_V)  # Verbal
    qtbot.waitUntil(lambda: dialog.method_page.method() is Method.VERBAL)
    assert dialog.method_page.witness.text() == "Aileen Baird"
    assert dialog.method_page.guardian_box.isVisible()
    press(qtbot, dialog, Qt.Key.Key_S)  # Save
    qtbot.waitUntil(lambda: "guardian" in dialog.error.text())
    dialog.method_page.guardian_name.setFocus()
    qtbot.keyClicks(dialog.method_page.guardian_name, "Asha Sharma")
    qtbot.keyClick(dialog.method_page.guardian_name, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.focusWidget(), "Mother")
    press(qtbot, dialog, Qt.Key.Key_S)
    qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted)
    record = project.consent.history(participant.id).latest()
    assert record.guardian_relationship == "Mother" and record.witness == "Aileen Baird"


def test_switching_to_one_page_keeps_answers(qtbot, project):
    dialog = make_dialog(qtbot, project, person(project))
    dialog.next.click()
    dialog.questions[0].answer_buttons.yes.click()
    dialog.one_page.setChecked(True)
    assert dialog.questions[0].answer() is True
    dialog.one_page.setChecked(False)
    assert dialog.questions[0].answer() is True
    assert dialog.stack.currentWidget() in dialog.question_pages


def test_read_aloud_button_follows_voice_availability(qtbot, project):
    participant = person(project)
    silent = make_dialog(qtbot, project, participant, ReadAloud(engines=[]))
    assert not any(b.isVisible() for b in silent.findChildren(type(silent.next))
                   if b.text() == "Read aloud")  # fmt: skip
    voiced = ReadAloud(engines=["mock"])  # Qt's test engine has a voice
    assert voiced.available
    talking = make_dialog(qtbot, project, participant, voiced)
    talking.next.click()
    buttons = [b for b in talking.findChildren(type(talking.next))
               if b.text() == "Read aloud" and b.isVisible()]  # fmt: skip
    assert buttons
    buttons[0].click()


def test_consent_page_shows_statuses_and_withdrawal(qtbot, open_demo, monkeypatch):
    window = open_demo
    window.nav.setCurrentRow(2)
    page = window.consent_page
    rows = {r.participant.pseudonym: r for r in page.model.items()}
    assert len(rows) == 17
    page.select_id(rows["P-09"].id)
    columns = [page.model.headerData(i, Qt.Orientation.Horizontal)
               for i in range(page.model.columnCount())]  # fmt: skip
    assert columns[:5] == ["Pseudonym", "Role", "Form", "Given", "How"]
    assert "Take part" in columns

    def withdraw(dialog: WithdrawalDialog):
        dialog.scope_buttons[Scope.EVERYTHING].click()
        assert not dialog.ok.isEnabled()  # erasure needs the confirmation box
        dialog.confirm.click()
        dialog.ok.click()

    before_undo = window.undo_stack.count()
    when_modal(withdraw)
    page.withdraw_action.trigger()
    take_part = columns.index("Take part")
    row = next(i for i, r in enumerate(page.model.items()) if r.participant.pseudonym == "P-09")
    assert page.model.index(row, take_part).data() == "⊘ Withdrawn"
    p10 = next(i for i, r in enumerate(page.model.items()) if r.participant.pseudonym == "P-10")
    assert page.model.index(p10, take_part).data() == "⊘ Withdrawn"  # the demo's withdrawal
    assert window.project.participants.get(rows["P-09"].id).real_name == ""
    assert window.undo_stack.count() == 0 <= before_undo  # erasure clears undo history


def test_form_editor_creates_a_new_version(qtbot, project):
    saved = {}
    dialog = FormEditorDialog(project.consent.current_form(), project.consent.save_form)
    qtbot.addWidget(dialog)
    dialog._add_new()
    dialog.items.item(dialog.items.rowCount() - 1, 0).setText("Photos of my artwork may be used.")
    dialog.partners.setPlainText("Health board\nHousing association")
    dialog._save_clicked()
    saved["form"] = dialog.saved
    form = project.consent.current_form()
    assert form.version == 2 and form == saved["form"]
    assert form.items[-1].key == "custom_photos_of_my_artwork_may_be_us"
    assert form.partners == ("Health board", "Housing association")


def test_participant_copy_from_the_page(qtbot, open_demo, monkeypatch, tmp_path: Path):
    window = open_demo
    page = window.consent_page
    rows = {r.participant.pseudonym: r for r in page.model.items()}
    page.select_id(rows["P-01"].id)
    target = tmp_path / "copy.pdf"
    monkeypatch.setattr("coprod_desktop.ui.consent_page.QFileDialog.getSaveFileName",
                        lambda *a, **k: (str(target), ""))  # fmt: skip
    page.copy_action.trigger()
    assert target.read_bytes().startswith(b"%PDF")


def test_record_from_page_opens_dialog(qtbot, open_demo):
    page = open_demo.consent_page
    rows = {r.participant.pseudonym: r for r in page.model.items()}
    page.select_id(rows["P-11"].id)
    seen = {}

    def look(dialog):
        seen["title"] = dialog.windowTitle()
        dialog.reject()

    when_modal(look)
    page.record_action.trigger()
    assert seen["title"] == "Record consent — P-11"
    assert QDialogButtonBox  # imported for the button-box API used by other tests


def test_verbal_consent_recorded_from_the_microphone(qtbot, project, need_microphone):
    import io
    import wave

    participant = person(project)
    dialog = make_dialog(qtbot, project, participant)
    dialog.one_page.setChecked(True)
    for question in dialog.questions:
        question.answer_buttons.yes.click()
        for pair in question.partner_answers.values():
            pair.yes.click()
    dialog._show(dialog.method_page)
    page = dialog.method_page
    page.verbal_radio.click()
    assert page.record_button.isVisible()
    page.record_button.click()
    assert page.recorder.recording
    qtbot.waitUntil(lambda: page.meter.value() > 10, timeout=15000)  # the sine is heard
    qtbot.waitUntil(lambda: "Recording… 1 s" in page.audio_label.text()
                    or "Recording… 2 s" in page.audio_label.text(), timeout=15000)  # fmt: skip
    page.record_button.click()
    assert "verbal_audio" in page.attachments
    dialog.save_button.click()
    record = project.consent.history(participant.id).latest()
    assert record.has_verbal_audio
    _mime, data = project.consent.attachment(record.id, "verbal_audio")
    with wave.open(io.BytesIO(data)) as wav:
        assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (1, 2, 48000)
        assert wav.getnframes() >= 48000 * 0.5


def test_microphone_unplugged_mid_recording_keeps_what_was_heard(qtbot, need_microphone):
    from coprod_desktop.ui.short_recorder import ShortRecorder

    recorder = ShortRecorder()
    messages: list[str] = []
    takes: list[bytes] = []
    recorder.failed.connect(messages.append)
    recorder.finished.connect(takes.append)
    seconds: list[float] = []
    recorder.elapsed.connect(seconds.append)
    recorder.start()
    assert recorder.recording
    try:
        qtbot.waitUntil(lambda: bool(seconds) and seconds[-1] >= 0.3, timeout=15000)
        need_microphone.unplug()
        qtbot.waitUntil(lambda: bool(messages) or not recorder.recording, timeout=15000)
        if recorder.recording:  # some backends only notice on the next read
            recorder.stop()
    finally:
        need_microphone.plug_back()
    assert messages and "stopped working" in messages[0]
    assert takes and len(takes[0]) > 44 + 2 * 4800  # at least 0.1 s of what was heard is kept
    assert not recorder.recording


# the consent page at a small screen ---------------------------------------------------------
def consent_page_at(window, size):
    from PySide6.QtWidgets import QApplication

    window.resize(*size)
    window.nav.setCurrentRow(window.PAGES.index("consent"))
    for _ in range(3):
        QApplication.processEvents()
    return window.consent_page


def test_each_status_has_its_colour_and_the_key_names_them(qtbot, open_demo):
    from coprod_desktop.ui.consent_page import STATUS_COLOURS, STATUS_TEXT

    person(open_demo.project, pseudonym="P-99")  # nobody has asked P-99 yet
    page = consent_page_at(open_demo, (1366, 768))
    page.refresh()
    table = page.table
    image = table.viewport().grab().toImage()
    seen = {}
    for row in range(table.model().rowCount()):
        for column in range(page.model.first_item, table.model().columnCount()):
            index = table.model().index(row, column)
            status = next(s for s, t in STATUS_TEXT.items() if t == index.data())
            rect = table.visualRect(index)
            if rect.isEmpty() or not table.viewport().rect().contains(rect):
                continue
            ground = image.pixelColor(rect.right() - 3, rect.center().y()).name()
            seen.setdefault(status, set()).add(ground)
    assert set(seen) == set(STATUS_TEXT), f"statuses on show: {set(seen)}"
    for status, grounds in seen.items():  # painted in its colour, whatever the row
        assert grounds == {STATUS_COLOURS[status][0]}, f"{status}: {grounds}"
    key = page.key.findChildren(type(page.form_label))
    texts = [label.text() for label in key]
    for status, text in STATUS_TEXT.items():  # the symbol and the word, in the colour
        label = key[texts.index(text)]
        assert STATUS_COLOURS[status][0] in label.styleSheet()
        assert label.isVisible()


def test_pseudonyms_stay_in_view_when_the_matrix_scrolls_sideways(qtbot, open_demo):
    page = consent_page_at(open_demo, (1280, 720))
    table = page.table
    bar = table.horizontalScrollBar()
    assert bar.maximum() > 0, "the matrix fits: nothing to check"
    bar.setValue(bar.maximum())
    first = table.model().index(0, 0)
    assert table.visualRect(first).left() < 0  # scrolled (partly) out of the table itself...
    frozen = table.frozen  # ...but shown over it, at its left edge, at the same height
    assert frozen.isVisible() and frozen.x() <= table.frameWidth()
    assert frozen.columnWidth(0) == table.columnWidth(0)
    y = table.visualRect(first).center().y()
    assert frozen.indexAt(QPoint(5, y)).data() == first.data()
    table.verticalScrollBar().setValue(table.verticalScrollBar().maximum())
    bottom = table.model().index(table.model().rowCount() - 1, 0)
    y = table.visualRect(bottom).center().y()
    assert frozen.indexAt(QPoint(5, y)).data() == bottom.data()  # it scrolls up and down too
    qtbot.mouseClick(frozen.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(5, y))
    assert page.current().participant.pseudonym == bottom.data()


def test_the_filter_shows_its_whole_placeholder(qtbot, open_demo):
    page = consent_page_at(open_demo, (1280, 720))
    edit = page.filter
    assert edit.width() >= edit.fontMetrics().horizontalAdvance(edit.placeholderText()) + 12
