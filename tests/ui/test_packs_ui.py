"""The pack wizard and the packs page with real widgets on the demo project: counts of what is
left out, the review that blocks export while anything is undecided, the build off the GUI
thread with progress and stop, and the disclosure log shown afterwards."""

from __future__ import annotations

import pypdf
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard


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


def test_wizard_makes_a_pack_and_the_log_lists_it(open_demo, qtbot, tmp_path):
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
    export.make_button.click()
    assert "not the same" in export.status.text() and export.result is None
    export.again.edit.setText("partner-pass-1")
    export.make_button.click()
    qtbot.waitUntil(lambda: export.result is not None, timeout=30000)
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert finish.isEnabled() and "is ready" in export.status.text()
    assert not export.make_button.isEnabled()  # one pack per wizard: no second log entry
    assert not wizard.button(QWizard.WizardButton.CancelButton).isEnabled()
    made = tmp_path / "for trading standards.pdf"
    reader = pypdf.PdfReader(made)
    assert reader.is_encrypted and reader.decrypt("partner-pass-1")
    assert "Trading Standards" in reader.pages[0].extract_text()
    finish.click()
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
    export.make_button.click()
    assert export.building and not export.make_button.isEnabled()
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
