"""The consent dialog and page, driven with qtbot against a real project (keyboard too)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox

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


def answer_all(dialog, credit: str = "") -> None:
    """Yes to every question and organisation; the credit only with a name (nobody is
    credited by default)."""
    for question in dialog.questions:
        wanted = bool(credit) or not question.asks_credit()
        (question.answer_buttons.yes if wanted else question.answer_buttons.no).click()
        if question.asks_credit():
            question.credit_name.setText(credit)
        for pair in question.partner_answers.values():
            pair.yes.click()


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
    assert dialog.progress.text() == f"Question 1 of {len(dialog.questions)}"
    assert not dialog.next.isEnabled()
    dialog.questions[0].answer_buttons.no.click()
    assert dialog.next.isEnabled()


def test_step_through_with_signature_saves_a_record(qtbot, project):
    participant = person(project)
    dialog = make_dialog(qtbot, project, participant)
    dialog.next.click()
    for question in dialog.questions:
        (question.answer_buttons.no if question.item.key in (c.BROADCAST, c.CREDIT)
         else question.answer_buttons.yes).click()  # fmt: skip
        for org, pair in question.partner_answers.items():
            (pair.no if org == "Police Scotland" else pair.yes).click()
        assert dialog.next.isEnabled(), question.item.key
        dialog.next.click()
    assert dialog.stack.currentWidget() is dialog.review_page
    assert not dialog.save_button.isVisible()  # nothing is saved before the review
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
        if question.asks_credit():  # Y put the focus in the name field
            assert QApplication.focusWidget() is question.credit_name
            qtbot.keyClicks(question.credit_name, "Wee Tam")
    assert all(q.is_complete() for q in dialog.questions)
    press(qtbot, dialog, Qt.Key.Key_N)
    qtbot.waitUntil(lambda: dialog.stack.currentWidget() is dialog.review_page)
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
    assert record.credit_name == "Wee Tam"


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
    page.copy_action.trigger()  # off the GUI thread: the whole file is checked first
    qtbot.waitUntil(lambda: target.exists() and page.copy_action.isEnabled(), timeout=20000)
    assert target.read_bytes().startswith(b"%PDF")
    assert "Saved" in window.statusBar().currentMessage()


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
    answer_all(dialog)
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


# keys, review, refusals and layout (issue 14) -------------------------------------------------
def key(qtbot, dialog, key_, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key press where the focus is, as a facilitator's keyboard would send it."""
    qtbot.keyClick(QApplication.focusWidget() or dialog, key_, modifier)


def on_page(qtbot, dialog, page) -> None:
    qtbot.waitUntil(lambda: dialog.stack.currentWidget() is page, timeout=2000)


def answer_by_keys(qtbot, dialog, no=(c.BROADCAST, c.CREDIT),
                   partner_no=("Police Scotland",), credit: str = "") -> None:  # fmt: skip
    """From the information page: Enter, then Y or N and Enter for each question; for sharing,
    Y then Y or N for each organisation in turn; for the credit, Y then the name typed where
    the focus went. Ends on the review page."""
    key(qtbot, dialog, Qt.Key.Key_Return)
    for number, question in enumerate(dialog.questions, 1):
        on_page(qtbot, dialog, dialog.question_pages[number - 1])
        assert dialog.progress.text() == f"Question {number} of {len(dialog.questions)}"
        key(qtbot, dialog, Qt.Key.Key_N if question.item.key in no else Qt.Key.Key_Y)
        for org in question.partner_answers:
            key(qtbot, dialog, Qt.Key.Key_N if org in partner_no else Qt.Key.Key_Y)
        if question.asks_credit() and question.answer():
            assert QApplication.focusWidget() is question.credit_name
            qtbot.keyClicks(QApplication.focusWidget(), credit)
        key(qtbot, dialog, Qt.Key.Key_Return)
    on_page(qtbot, dialog, dialog.review_page)


def test_y_or_n_then_enter_goes_to_the_next_question_and_partners_take_y_and_n(qtbot, project):
    dialog = make_dialog(qtbot, project, person(project))
    answer_by_keys(qtbot, dialog)
    assert {q.item.key: q.answer() for q in dialog.questions} == {
        c.TAKE_PART: True, c.AUDIO: True, c.QUOTE: True, c.BROADCAST: False, c.SHARE: True,
        c.RESEARCH: True, c.CREDIT: False}  # fmt: skip
    share = next(q for q in dialog.questions if q.item.key == c.SHARE)
    assert share.partner_decisions() == {"Health board": True, "Trading Standards": True,
                                         "Police Scotland": False, "Citizens Advice": True}
    key(qtbot, dialog, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)  # Back, from the review
    on_page(qtbot, dialog, dialog.question_pages[-1])
    key(qtbot, dialog, Qt.Key.Key_Y)  # change the last answer (the credit: Y, then its name)
    qtbot.keyClicks(QApplication.focusWidget(), "Bramble")
    key(qtbot, dialog, Qt.Key.Key_Return)  # Enter to the review again
    on_page(qtbot, dialog, dialog.review_page)
    key(qtbot, dialog, Qt.Key.Key_Return)
    on_page(qtbot, dialog, dialog.method_page)
    assert dialog.questions[-1].answer() is True
    assert dialog.questions[-1].credit() == "Bramble"


def test_enter_does_nothing_until_the_question_is_answered(qtbot, project):
    dialog = make_dialog(qtbot, project, person(project))
    key(qtbot, dialog, Qt.Key.Key_Return)
    on_page(qtbot, dialog, dialog.question_pages[0])
    key(qtbot, dialog, Qt.Key.Key_Return)
    assert dialog.stack.currentWidget() is dialog.question_pages[0]
    share = dialog.questions.index(next(q for q in dialog.questions if q.item.key == c.SHARE))
    for _ in range(share):
        key(qtbot, dialog, Qt.Key.Key_Y)
        key(qtbot, dialog, Qt.Key.Key_Return)
    on_page(qtbot, dialog, dialog.question_pages[share])
    key(qtbot, dialog, Qt.Key.Key_Y)  # sharing agreed, organisations not yet answered
    key(qtbot, dialog, Qt.Key.Key_Return)
    assert dialog.stack.currentWidget() is dialog.question_pages[share]
    assert QApplication.focusWidget() is dialog.questions[share].partner_answers["Health board"].yes


def test_the_keys_of_each_page_are_written_under_the_buttons(qtbot, project):
    dialog = make_dialog(qtbot, project, person(project))
    hint = dialog.keys_hint
    assert hint.isVisible() and "Enter next" in hint.text() and "Alt+A" in hint.text()
    dialog.next.click()
    assert all(k in hint.text() for k in ("Y yes", "N no", "Enter next", "Alt+B back"))
    dialog.one_page.setChecked(True)
    assert all(k in hint.text() for k in ("Y yes", "N no", "Enter next", "Alt+B back"))
    answer_all(dialog, credit="Bramble")
    dialog.next.click()
    assert dialog.stack.currentWidget() is dialog.review_page
    assert "1–7" in hint.text() and "Change" in hint.text() and "Alt+B back" in hint.text()
    dialog.review_page.change_buttons()[0].click()
    assert "Enter back to the review" in hint.text()
    dialog.next.click()
    dialog.next.click()
    assert all(k in hint.text() for k in ("Alt+I", "Alt+V", "Alt+P", "Alt+S save", "Alt+B"))


def review_rows(dialog) -> list[tuple[str, str]]:
    rows = []
    for row, partners in dialog.review_page.rows:
        for shown in (row, *partners.values()):
            if not shown.wording.isHidden():
                rows.append((shown.wording.text(), shown.answer.text()))
    return rows


def test_review_lists_every_answer_and_each_change_comes_back_to_it(qtbot, project):
    dialog = make_dialog(qtbot, project, person(project))
    answer_by_keys(qtbot, dialog)
    form = project.consent.current_form()
    expected = []
    for item in form.items:
        expected.append((item.wording,
                         "✗ No" if item.key in (c.BROADCAST, c.CREDIT) else "✓ Yes"))
        if item.key == c.SHARE:
            expected += [(f"Share with {org}", "✗ No" if org == "Police Scotland" else "✓ Yes")
                         for org in form.partners]  # fmt: skip
    assert review_rows(dialog) == expected
    assert not dialog.save_button.isVisible()  # the review comes before any saving

    key(qtbot, dialog, Qt.Key.Key_4)  # the broadcast question, by its number
    on_page(qtbot, dialog, dialog.question_pages[3])
    assert dialog.next.text() == "Back to the review ›"
    key(qtbot, dialog, Qt.Key.Key_Y)
    key(qtbot, dialog, Qt.Key.Key_Return)
    on_page(qtbot, dialog, dialog.review_page)  # not question 5: straight back
    assert review_rows(dialog)[3] == (form.items[3].wording, "✓ Yes")

    police = dialog.review_page.rows[4][1]["Police Scotland"]
    police.button.click()  # a partner's own Change: the focus is on that organisation
    share = dialog.questions[4]
    assert QApplication.focusWidget() is share.partner_answers["Police Scotland"].yes
    key(qtbot, dialog, Qt.Key.Key_Y)
    key(qtbot, dialog, Qt.Key.Key_Return)
    on_page(qtbot, dialog, dialog.review_page)
    assert ("Share with Police Scotland", "✓ Yes") in review_rows(dialog)

    dialog.review_page.rows[4][0].button.click()  # no to sharing: the partners drop out
    key(qtbot, dialog, Qt.Key.Key_N)
    key(qtbot, dialog, Qt.Key.Key_Return)
    on_page(qtbot, dialog, dialog.review_page)
    assert not any(text.startswith("Share with") for text, _ in review_rows(dialog))

    key(qtbot, dialog, Qt.Key.Key_Return)
    on_page(qtbot, dialog, dialog.method_page)
    dialog.method_page.paper_radio.click()
    dialog.method_page.reference.setText("PF-0042")
    dialog.save_button.click()
    record = project.consent.history(dialog.participant.id).latest()
    assert record.decisions[c.BROADCAST] is True and record.decisions[c.SHARE] is False


def test_all_on_one_page_also_goes_through_the_review(qtbot, project):
    dialog = make_dialog(qtbot, project, person(project))
    dialog.one_page.setChecked(True)
    dialog.next.click()
    assert dialog.stack.currentWidget() is dialog.all_page
    for question in dialog.questions:  # Y down the page: the focus moves on by itself
        key(qtbot, dialog, Qt.Key.Key_Y)
        for _org in question.partner_answers:
            key(qtbot, dialog, Qt.Key.Key_Y)
        if question.asks_credit():  # ...but waits in the name field, where Y is a letter
            assert QApplication.focusWidget() is question.credit_name
            qtbot.keyClicks(QApplication.focusWidget(), "Yan")
    assert all(q.answer() is True and q.is_complete() for q in dialog.questions)
    assert dialog.record().credit_name == "Yan"
    key(qtbot, dialog, Qt.Key.Key_Return)
    on_page(qtbot, dialog, dialog.review_page)
    key(qtbot, dialog, Qt.Key.Key_2)
    on_page(qtbot, dialog, dialog.all_page)
    assert dialog.questions[1].isAncestorOf(QApplication.focusWidget())
    key(qtbot, dialog, Qt.Key.Key_N)
    key(qtbot, dialog, Qt.Key.Key_Return)
    on_page(qtbot, dialog, dialog.review_page)
    assert review_rows(dialog)[1][1] == "✗ No"
    key(qtbot, dialog, Qt.Key.Key_Return)
    on_page(qtbot, dialog, dialog.method_page)


def test_a_refusal_goes_as_soon_as_its_cause_is_fixed(qtbot, project):
    participant = person(project, age_band=AgeBand.UNDER_16)
    dialog = make_dialog(qtbot, project, participant)
    dialog.one_page.setChecked(True)
    answer_all(dialog)
    dialog._show(dialog.method_page)
    page = dialog.method_page
    page.signature_radio.click()
    page.guardian_name.setText("Asha Sharma")
    page.guardian_relationship.setText("Mother")
    dialog.save_button.click()
    assert dialog.error.isVisible() and "sign" in dialog.error.text()
    page.capacity.setPlainText("Seemed tired")  # not what the message is about: it stays
    assert dialog.error.isVisible()
    sign(qtbot, page.signature)
    assert not dialog.error.isVisible()  # signed: "please sign" goes

    page.paper_radio.click()
    dialog.save_button.click()
    assert dialog.error.isVisible() and "reference" in dialog.error.text()
    page.reference.setFocus()
    qtbot.keyClicks(page.reference, "PF-7")
    assert not dialog.error.isVisible()

    page.verbal_radio.click()
    page.witness.clear()
    dialog.save_button.click()
    assert dialog.error.isVisible() and "witnessed" in dialog.error.text()
    page.signature_radio.click()  # another method (signed above): that message no longer holds
    assert not dialog.error.isVisible()

    page.verbal_radio.click()
    page.witness.setText("Aileen Baird")
    page.guardian_relationship.clear()
    dialog.save_button.click()
    assert dialog.error.isVisible() and "guardian" in dialog.error.text()
    qtbot.keyClicks(page.guardian_relationship, "Mo")
    assert not dialog.error.isVisible()
    dialog.save_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted


def test_questions_sit_at_the_top_of_their_page_and_fit_small_screens(qtbot, project):
    long_item = c.ConsentItem("custom_long", "I agree that " + "my words, " * 60 + "may be used.")
    form = project.consent.current_form()
    from dataclasses import replace

    project.consent.save_form(replace(form, items=(*form.items, long_item)))
    dialog = make_dialog(qtbot, project, person(project))
    dialog.resize(1280 - 20, 720 - 60)  # what _fit_to_screen leaves on a 1280×720 screen
    for index, page in enumerate(dialog.question_pages):
        dialog._show(page)
        qtbot.waitUntil(lambda p=page: p.isVisible())
        question = dialog.questions[index]
        top = question.wording.mapTo(dialog.stack, QPoint(0, 0)).y()
        assert top < 40, f"question {index + 1} starts {top} px down its page"
        assert question.wording.font().pointSize() == 17
        yes = question.answer_buttons.yes
        page.ensureWidgetVisible(yes)
        corner = yes.mapTo(page.viewport(), QPoint(0, yes.height()))
        assert 0 <= corner.y() <= page.viewport().height()  # reachable, even the long one
    for shown in (dialog.review_page, dialog.method_page):
        assert shown.minimumSizeHint().height() <= 720 - 60 - 120
    assert dialog.minimumSizeHint().height() <= 720 - 60


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


def test_a_method_key_then_enter_at_once_saves(qtbot, project):
    """Alt+V and Enter typed one straight after the other: the key presses Verbal at once (a
    button's own shortcut clicked it 100 ms later, and the Enter found Save still disabled)."""
    participant = person(project)
    dialog = make_dialog(qtbot, project, participant)
    answer_by_keys(qtbot, dialog)
    key(qtbot, dialog, Qt.Key.Key_Return)
    on_page(qtbot, dialog, dialog.method_page)
    key(qtbot, dialog, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)
    key(qtbot, dialog, Qt.Key.Key_Return)  # no wait between the two
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert project.consent.history(participant.id).latest().method is Method.VERBAL


def test_no_button_has_a_delayed_shortcut_of_its_own(open_demo, qtbot):
    """Keys on buttons go through key_button(); a button's own shortcut clicks 100 ms late.
    Only the Alt+letter a '&' in its text gives it is left to Qt."""
    from PySide6.QtGui import QKeySequence
    from PySide6.QtWidgets import QAbstractButton

    window = open_demo
    roots = []
    for row in range(window.nav.count()):
        window.nav.setCurrentRow(row)
        roots.append(window.pages.currentWidget())
    window.nav.setCurrentRow(window.PAGES.index("consent"))
    window.consent_page.table.selectRow(0)
    form = window.project.consent.current_form()
    roots.append(ConsentDialog(window.project.participants.list()[0], form,
                               window.project.consent.record, "Aileen Baird"))  # fmt: skip
    own = [(b.text(), b.shortcut().toString()) for root in roots
           for b in root.findChildren(QAbstractButton)
           if not b.shortcut().isEmpty() and b.shortcut() != QKeySequence.mnemonic(b.text())]
    assert own == []


def test_escape_asks_before_answers_are_lost_and_locking_does_not(qtbot, project, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    asked: list[str] = []
    replies = iter([QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **_k: asked.append(a[1]) or next(replies))  # fmt: skip
    empty = make_dialog(qtbot, project, person(project))
    key(qtbot, empty, Qt.Key.Key_Escape)
    assert empty.result() == QDialog.DialogCode.Rejected and asked == []  # nothing to lose
    dialog = make_dialog(qtbot, project, person(project))
    key(qtbot, dialog, Qt.Key.Key_Return)
    key(qtbot, dialog, Qt.Key.Key_Y)
    key(qtbot, dialog, Qt.Key.Key_Escape)
    assert asked == ["Stop recording consent?"] and dialog.isVisible()  # No: carry on
    key(qtbot, dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected
    locked = make_dialog(qtbot, project, person(project))
    key(qtbot, locked, Qt.Key.Key_Return)
    key(qtbot, locked, Qt.Key.Key_Y)
    locked.reject()  # what locking the project does: no question, nothing kept
    assert not locked.isVisible() and len(asked) == 2


def test_the_focused_answer_button_shows_a_clear_border(qtbot, project):
    dialog = make_dialog(qtbot, project, person(project))
    key(qtbot, dialog, Qt.Key.Key_Return)
    yes = dialog.questions[0].answer_buttons.yes
    no = dialog.questions[0].answer_buttons.no
    yes.setFocus()
    qtbot.waitUntil(yes.hasFocus)
    focused, plain = yes.grab().toImage(), no.grab().toImage()
    edge = (2, focused.height() // 2)
    blue = focused.pixelColor(*edge)
    assert blue.blue() > 150 and blue.red() < 60, blue.name()
    assert plain.pixelColor(*edge).name() != blue.name()


def test_withdrawing_everything_first_shows_where_their_names_are_written(qtbot, demo_path):
    """The dialog lists every place naming the person — other people's notes included — as
    it will read afterwards, never showing the name itself."""
    from coprod_desktop.services.project import open_project
    from tests.conftest import PASSPHRASE

    project = open_project(demo_path, PASSPHRASE)
    try:
        person = next(p for p in project.participants.list() if p.pseudonym == "P-01")
        dialog = WithdrawalDialog(person, project.consent)
        qtbot.addWidget(dialog)
        dialog.show()
        assert not dialog.mentions.isVisible()
        dialog.scope_buttons[Scope.EVERYTHING].click()
        assert dialog.mentions.isVisible() and dialog.mentions.count() >= 1
        shown = [dialog.mentions.item(i).text() for i in range(dialog.mentions.count())]
        assert any(line.startswith("A note:") and "P-01" in line for line in shown)
        assert not any("Maggie" in line or "Margaret" in line for line in shown)
        dialog.scope_buttons[Scope.AUDIO_ONLY].click()
        assert not dialog.mentions.isVisible()
    finally:
        project.close()


def test_participant_copy_of_a_damaged_file_is_refused(qtbot, window, errors, demo_path,
                                                      monkeypatch, tmp_path: Path):  # fmt: skip
    from coprod_desktop.services.project import open_project
    from tests.conftest import PASSPHRASE
    from tests.helpers import add_marked_audio, audio_page, flip

    project = open_project(demo_path, PASSPHRASE)
    add_marked_audio(project)
    project.close()
    flip(demo_path, audio_page(demo_path, PASSPHRASE))
    window.open_path(demo_path, PASSPHRASE)
    qtbot.waitUntil(lambda: window.project is not None, timeout=10000)
    window.nav.setCurrentRow(window.PAGES.index("consent"))
    page = window.consent_page
    rows = {r.participant.pseudonym: r for r in page.model.items()}
    page.select_id(rows["P-01"].id)
    target = tmp_path / "copy.pdf"
    monkeypatch.setattr("coprod_desktop.ui.consent_page.QFileDialog.getSaveFileName",
                        lambda *a, **k: (str(target), ""))  # fmt: skip
    page.copy_action.trigger()
    qtbot.waitUntil(lambda: bool(errors), timeout=20000)
    title, message = errors[0]
    assert title == "Could not save the copy"
    assert f'coprod-desktop verify "{demo_path}"' in message
    assert not target.exists() and page.copy_action.isEnabled()


# the name to credit them as (issue 18) -------------------------------------------------------
def credit_question(dialog):
    return next(q for q in dialog.questions if q.item.key == c.CREDIT)


def test_yes_to_the_credit_asks_for_the_name_and_next_waits_for_it(qtbot, project):
    dialog = make_dialog(qtbot, project, person(project))
    credit = credit_question(dialog)
    dialog._show(dialog.question_pages[dialog.questions.index(credit)])
    field = credit.credit_name
    assert not field.isVisible()  # nobody is credited by default: no box before a yes
    credit.answer_buttons.yes.click()
    assert field.isVisible() and field.maxLength() == c.MAX_CREDIT
    assert field.accessibleName() == "Credit them as" and "real name" in field.placeholderText()
    assert not credit.is_complete() and not dialog.next.isEnabled()
    qtbot.keyClicks(field, "   ")
    assert not dialog.next.isEnabled()  # spaces are no name
    qtbot.keyClicks(field, "Bramble")
    assert credit.is_complete() and dialog.next.isEnabled()
    credit.answer_buttons.no.click()
    assert not field.isVisible() and dialog.next.isEnabled() and credit.credit() == ""


def test_the_dialog_will_not_save_a_credit_without_a_name(qtbot, project):
    participant = person(project)
    dialog = make_dialog(qtbot, project, participant)
    dialog.one_page.setChecked(True)
    answer_all(dialog)
    credit = credit_question(dialog)
    credit.answer_buttons.yes.click()
    dialog._show(dialog.method_page)
    dialog.method_page.paper_radio.click()
    dialog.method_page.reference.setText("PF-0042")
    assert not dialog.save_button.isEnabled()
    dialog.save_button.click()
    assert project.consent.history(participant.id).latest() is None
    credit.credit_name.setText("  Bramble   the  Brave ")
    assert dialog.save_button.isEnabled()
    dialog.save_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    record = project.consent.history(participant.id).latest()
    assert record.decisions[c.CREDIT] is True and record.credit_name == "Bramble the Brave"
    assert c.credit_name(project.consent.history(participant.id)) == "Bramble the Brave"


def test_a_name_typed_then_no_stores_no_name(qtbot, project):
    participant = person(project)
    dialog = make_dialog(qtbot, project, participant)
    dialog.one_page.setChecked(True)
    answer_all(dialog, credit="Bramble")
    credit_question(dialog).answer_buttons.no.click()  # they changed their mind
    dialog._show(dialog.method_page)
    dialog.method_page.paper_radio.click()
    dialog.method_page.reference.setText("PF-0043")
    dialog.save_button.click()
    record = project.consent.history(participant.id).latest()
    assert record.decisions[c.CREDIT] is False and record.credit_name == ""


def test_y_then_the_name_typed_keeps_every_letter_and_the_review_shows_it(qtbot, project):
    """Y and N answer a question while the focus is on it; in the name field they are letters."""
    participant = person(project)
    dialog = make_dialog(qtbot, project, participant)
    answer_by_keys(qtbot, dialog, no=(c.BROADCAST,), credit="Ayy Nanny")
    credit = credit_question(dialog)
    assert credit.answer() is True and credit.credit_name.text() == "Ayy Nanny"
    rows = dict(review_rows(dialog))
    assert rows[credit.item.wording] == "✓ Yes, as “Ayy Nanny”"
    assert rows[dialog.form.item(c.BROADCAST).wording] == "✗ No"
    key(qtbot, dialog, Qt.Key.Key_Return)
    on_page(qtbot, dialog, dialog.method_page)
    key(qtbot, dialog, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)
    key(qtbot, dialog, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    record = project.consent.history(participant.id).latest()
    assert record.credit_name == "Ayy Nanny" and record.decisions[c.CREDIT] is True


def test_the_review_shows_a_name_as_typed_and_change_goes_back_to_it(qtbot, project):
    dialog = make_dialog(qtbot, project, person(project))
    dialog.one_page.setChecked(True)
    answer_all(dialog, credit="<b>Big</b> Sal")
    dialog._show(dialog.review_page)
    credit = credit_question(dialog)
    row = dialog.review_page.rows[dialog.questions.index(credit)][0]
    assert row.answer.text() == "✓ Yes, as “<b>Big</b> Sal”"
    assert row.answer.textFormat() == Qt.TextFormat.PlainText  # shown as typed, never markup
    row.button.click()
    on_page(qtbot, dialog, dialog.all_page)
    key(qtbot, dialog, Qt.Key.Key_Y)  # a yes again: the focus goes to the name, all selected
    assert QApplication.focusWidget() is credit.credit_name
    qtbot.keyClicks(credit.credit_name, "Sal")
    key(qtbot, dialog, Qt.Key.Key_Return)
    on_page(qtbot, dialog, dialog.review_page)
    assert row.answer.text() == "✓ Yes, as “Sal”"


def test_the_history_shows_the_name_a_credit_was_agreed_under(qtbot, project):
    from coprod_desktop.ui.consent_history_dialog import ConsentHistoryDialog
    from tests.services.test_consent_service import consent_for

    participant = person(project)
    project.consent.record(consent_for(project, participant, method=Method.VERBAL, witness="Ann",
                                       decisions={c.CREDIT: True},
                                       credit_name="Bramble <i>& Co</i>"))  # fmt: skip
    dialog = ConsentHistoryDialog(participant, project.consent)
    qtbot.addWidget(dialog)
    shown = dialog.details.toPlainText()
    wording = project.consent.current_form().item(c.CREDIT).wording
    assert f"{wording}\nYes, as “Bramble <i>& Co</i>”" in shown
