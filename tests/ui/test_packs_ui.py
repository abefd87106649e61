"""The pack wizard and the packs page with real widgets on the demo project: where each
audience comes from, counts of what is left out, the review that blocks export while anything
is undecided, the build off the GUI thread with progress and stop (Finish makes the pack and
the wizard stays to show it, with Open the PDF and Show in folder), and the disclosure log
shown afterwards."""

from __future__ import annotations

import pypdf
from PySide6.QtCore import QModelIndex, Qt, QUrl
from PySide6.QtWidgets import QPushButton, QStyleOptionViewItem, QWizard

from coprod_desktop.ui.widgets import ERROR_COLOUR


def open_wizard(window, qtbot, audience="Trading Standards"):
    window.nav.setCurrentRow(window.PAGES.index("packs"))
    page = window.packs_page
    assert "No packs issued yet" in page.summary.text()
    page.add_action.trigger()
    wizard = page.wizard
    qtbot.waitUntil(wizard.isVisible)
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # no audience yet
    wizard.choose.audience.setEditText(audience)
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    return page, wizard


def next_page(wizard, qtbot):
    button = wizard.button(QWizard.WizardButton.NextButton)
    qtbot.waitUntil(button.isEnabled, timeout=20000)
    button.click()


def decide_all_by_keyboard(review, qtbot):
    qtbot.waitUntil(lambda: review.scanned, timeout=20000)
    review.table.setFocus()
    review.table.selectRow(0)
    for _ in range(review.table.rowCount()):
        qtbot.keyClick(review.table, Qt.Key.Key_A)


def test_wizard_makes_a_pack_and_the_log_lists_it(open_demo, qtbot, tmp_path, monkeypatch):
    page, wizard = open_wizard(open_demo, qtbot)
    next_page(wizard, qtbot)
    qtbot.waitUntil(lambda: wizard.check.plan is not None, timeout=20000)
    tree = wizard.check.tree
    left = tree.topLevelItem(1)
    reasons = [left.child(i).text(0) for i in range(left.childCount())]
    assert any("safeguarding" in r for r in reasons)
    assert any("did not agree to be quoted" in r for r in reasons)
    next_page(wizard, qtbot)
    review = wizard.review.review
    qtbot.waitUntil(lambda: review.scanned, timeout=20000)
    assert review.table.rowCount() > 0
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert not next_button.isEnabled()  # undecided detections block the export
    decide_all_by_keyboard(review, qtbot)
    assert review.undecided() == 0 and next_button.isEnabled()
    next_page(wizard, qtbot)
    export = wizard.export
    assert export.path.text().endswith(".pdf") and "Trading Standards" in export.path.text()
    target = tmp_path / "for trading standards"
    export.path.setText(str(target))
    export.password.edit.setText("partner-pass-1")
    export.again.edit.setText("partner-pass-2")
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert finish.isVisible() and finish.isEnabled()  # Finish makes the pack: one button
    assert "Make the pack" not in [b.text() for b in wizard.findChildren(QPushButton)
                                   if b.isVisible()]  # fmt: skip
    finish.click()
    assert export.error.isVisible() and "not the same" in export.error.text()
    assert ERROR_COLOUR in export.error.styleSheet() and export.result is None
    assert wizard.isVisible() and not export.building
    export.again.edit.setText("partner-pass-1")
    finish.click()
    assert export.building and not finish.isEnabled()
    qtbot.waitUntil(lambda: export.result is not None, timeout=30000)
    assert wizard.isVisible() and "is ready" in export.status.text()  # it stays to show it
    assert not export.error.isVisible()
    assert finish.isEnabled() and finish.text() == "Close"
    assert not wizard.button(QWizard.WizardButton.CancelButton).isVisible()
    assert not wizard.button(QWizard.WizardButton.BackButton).isVisible()
    made = tmp_path / "for trading standards.pdf"
    opened: list[QUrl] = []
    monkeypatch.setattr("coprod_desktop.ui.pack_wizard.QDesktopServices.openUrl",
                        lambda url: opened.append(url) or True)  # fmt: skip
    export.open_button.click()
    export.folder_button.click()
    assert opened == [QUrl.fromLocalFile(str(made)), QUrl.fromLocalFile(str(tmp_path))]
    assert all(url.isLocalFile() for url in opened)  # a file on this computer, no network
    monkeypatch.setattr("coprod_desktop.ui.pack_wizard.QDesktopServices.openUrl",
                        lambda url: False)  # no program for PDFs here  # fmt: skip
    export.open_button.click()
    assert export.error.isVisible() and str(made) in export.error.text()
    reader = pypdf.PdfReader(made)
    assert reader.is_encrypted and reader.decrypt("partner-pass-1")
    assert "Trading Standards" in reader.pages[0].extract_text()
    assert page.table.rowCount() == 1  # logged once, when it was made
    finish.click()
    assert not wizard.isVisible()
    assert page.table.rowCount() == 1
    assert page.table.item(0, 0).text() == export.result.pack_id
    assert page.table.item(0, 6).text() == "Yes"
    assert export.result.sha256 in page.details.toPlainText()
    assert "Material from: P-" in page.details.toPlainText()


def test_closing_while_building_stops_and_leaves_nothing(open_demo, qtbot, tmp_path):
    project = open_demo.project
    from coprod_desktop.services.packs import PackOptions

    project.anonymise.accept_all(project.packs.plan(PackOptions("Health board")).findings)
    page, wizard = open_wizard(open_demo, qtbot, "Health board")
    for _ in range(3):
        next_page(wizard, qtbot)
    export = wizard.export
    export.path.setText(str(tmp_path / "stopped.pdf"))
    gate = __import__("threading").Event()
    real_build = project.packs.build

    def slow_build(*args, **kwargs):
        gate.wait(10)  # the facilitator closes the wizard while this runs
        return real_build(*args, **kwargs)

    project.packs.build = slow_build
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    finish.click()
    assert export.building and not finish.isEnabled()
    assert not wizard.button(QWizard.WizardButton.BackButton).isEnabled()
    assert export.cancel_button.isVisible() and export.progress.isVisible()
    wizard.reject()
    assert wizard.isVisible() and wizard.closing  # it waits for the work to stop
    gate.set()
    qtbot.waitUntil(lambda: not wizard.isVisible(), timeout=30000)
    assert not (tmp_path / "stopped.pdf").exists()
    assert [p.name for p in tmp_path.iterdir() if ".pdf" in p.name] == []
    assert project.packs.packs() == []
    assert page.table.rowCount() == 0


def test_going_back_updates_the_name_and_rechecking_blocks_next(open_demo, qtbot):
    _page, wizard = open_wizard(open_demo, qtbot)
    next_page(wizard, qtbot)
    next_page(wizard, qtbot)
    review = wizard.review.review
    decide_all_by_keyboard(review, qtbot)
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert next_button.isEnabled()
    review.scan_button.click()  # checking again: nothing counts as decided until it is done
    assert not next_button.isEnabled()
    qtbot.waitUntil(next_button.isEnabled, timeout=20000)
    review._add_term("youth club", "deny", "person")  # as "Always remove…" does, after asking
    qtbot.waitUntil(lambda: review.scanned, timeout=20000)
    found = [f for f in review.findings if f.detection.text.lower() == "youth club"]
    assert found and all(f.decision == "accept" for f in found)
    assert next_button.isEnabled()
    next_page(wizard, qtbot)
    assert "Pack for Trading Standards" in wizard.export.path.text()
    wizard.back()
    wizard.back()
    wizard.back()
    wizard.choose.audience.setEditText("Police Scotland")
    for _ in range(3):
        next_page(wizard, qtbot)
    assert "Pack for Police Scotland" in wizard.export.path.text()
    wizard.export.path.setText("/tmp/my own name.pdf")
    wizard.back()
    next_page(wizard, qtbot)
    assert wizard.export.path.text() == "/tmp/my own name.pdf"  # a chosen name is kept
    wizard.reject()


def test_an_audience_nobody_agreed_to_is_pointed_out(open_demo, qtbot):
    _page, wizard = open_wizard(open_demo, qtbot, "Acme Ltd")
    next_page(wizard, qtbot)
    qtbot.waitUntil(lambda: wizard.check.plan is not None, timeout=20000)
    assert "not named on the consent form" in wizard.check.status.text()
    wizard.reject()


def test_each_audience_says_where_its_name_comes_from(open_demo, qtbot, tmp_path):
    from coprod_desktop.services.packs import PackOptions

    project = open_demo.project
    options = PackOptions("Police Scotland")
    project.anonymise.accept_all(project.packs.plan(options).findings)
    project.packs.build(options, tmp_path / "earlier.pdf")
    open_demo.nav.setCurrentRow(open_demo.PAGES.index("packs"))
    open_demo.packs_page.add_action.trigger()
    wizard = open_demo.packs_page.wizard
    qtbot.waitUntil(wizard.isVisible)
    box = wizard.choose.audience
    delegate = box.itemDelegate()

    def shown(row: int) -> str:  # as the list shows it when it drops down
        option = QStyleOptionViewItem()
        delegate.initStyleOption(option, box.model().index(row, 0, QModelIndex()))
        return option.text

    listed = {box.itemText(r): shown(r) for r in range(box.count())}
    names = list(listed)
    form = list(project.consent.current_form().partners)
    assert names[: len(form)] == form  # the consent form's names first
    assert listed["Health board"] == "Health board  —  named on the consent form"
    assert "used in 1 earlier pack" in listed["Police Scotland"]
    assert "named on the consent form" in listed["Police Scotland"]
    team = listed["Health board public health team"]
    assert "partner present at" in team and "consent form" not in team
    box.setCurrentIndex(names.index("Health board public health team"))
    assert box.currentText() == "Health board public health team"  # the name alone
    source = wizard.choose.source.text()
    assert "Not on the consent form" in source and "Did you mean “Health board”" in source
    box.setCurrentIndex(names.index("Health board"))
    assert wizard.choose.source.text().startswith("Named on the consent form")
    wizard.reject()


def test_a_damaged_file_is_refused_before_the_pack_is_made(window, qtbot, demo_path, tmp_path):
    """Four bytes flipped in a page of audio: the window opens the project (the quick check
    does not read audio) but Finish checks the whole file first, as a busy step, and refuses
    with a message that names verify; no PDF, nothing logged."""
    from coprod_desktop.services.packs import PackOptions
    from coprod_desktop.services.project import open_project
    from tests.conftest import PASSPHRASE
    from tests.helpers import add_marked_audio, audio_page, flip

    project = open_project(demo_path, PASSPHRASE)
    add_marked_audio(project)
    project.close()
    flip(demo_path, audio_page(demo_path, PASSPHRASE))
    window.open_path(demo_path, PASSPHRASE)
    qtbot.waitUntil(lambda: window.project is not None, timeout=10000)
    project = window.project
    project.anonymise.accept_all(project.packs.plan(PackOptions("Health board")).findings)
    page, wizard = open_wizard(window, qtbot, "Health board")
    for _ in range(3):
        next_page(wizard, qtbot)
    export = wizard.export
    out = tmp_path / "out"
    out.mkdir()
    export.path.setText(str(out / "pack.pdf"))
    shown: list[tuple[int, int, str, int]] = []  # with the bar's maximum as shown
    export._building.progressed.connect(
        lambda n, total, text: shown.append((n, total, text, export.progress.maximum())))
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: not export.building, timeout=30000)
    assert export.error.isVisible() and export.result is None
    assert "is damaged" in export.error.text()
    assert f'coprod-desktop verify "{demo_path}"' in export.error.text()
    assert shown and all(total == 0 and bar == 0 for _n, total, _t, bar in shown)  # busy
    assert "Checking the project file for damage" in shown[0][2]
    assert list(out.iterdir()) == [] and project.packs.packs() == []
    assert page.table.rowCount() == 0
