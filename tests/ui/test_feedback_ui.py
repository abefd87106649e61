"""The “You said, we did” wizard with real widgets on the demo project: what consent lets it
quote, the review that blocks it while anything is undecided, the build off the GUI thread,
and the disclosure log listing it as community feedback."""

from __future__ import annotations

import pypdf
from PySide6.QtWidgets import QWizard

from coprod_desktop.export.selection import COMMUNITY
from tests.ui.test_packs_ui import decide_all_by_keyboard, next_page


def test_the_wizard_makes_the_feedback_and_the_log_lists_it(open_demo, qtbot, tmp_path):
    window = open_demo
    window.nav.setCurrentRow(window.PAGES.index("packs"))
    page = window.packs_page
    page.feedback_action.trigger()
    wizard = page.wizard
    qtbot.waitUntil(wizard.isVisible)
    wizard.choose.contact.setText("Aileen, Tuesdays <b>10–12</b>")
    wizard.choose.cream.setChecked(True)
    next_page(wizard, qtbot)
    qtbot.waitUntil(lambda: wizard.check.plan is not None, timeout=20000)
    left = wizard.check.tree.topLevelItem(1)
    reasons = [left.child(i).text(0) for i in range(left.childCount())]
    assert any("safeguarding" in r for r in reasons)
    assert any("did not agree to be quoted" in r for r in reasons)
    assert not any("sharing" in r for r in reasons)  # no partner: only quoting is asked
    next_page(wizard, qtbot)
    review = wizard.review.review
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    qtbot.waitUntil(lambda: review.scanned, timeout=20000)
    assert review.table.rowCount() > 0 and not next_button.isEnabled()
    # the preview shows the text as the feedback prints it: nobody by pseudonym
    row = next(n for n, f in enumerate(review.findings) if f.detection.text == "Maggie")
    review.table.selectRow(row)
    assert "ask [Participant 1]" in review.preview.toPlainText()
    assert "P-01" not in review.preview.toPlainText()
    decide_all_by_keyboard(review, qtbot)
    next_page(wizard, qtbot)
    export = wizard.export
    assert "You said, we did feedback" in export.path.text()
    assert not export.password.isVisible()  # public: no password
    target = tmp_path / "feedback.pdf"
    export.path.setText(str(target))
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: export.result is not None, timeout=30000)
    assert "is ready" in export.status.text()
    text = " ".join("".join(p.extract_text() for p in pypdf.PdfReader(target).pages).split())
    assert "You said, we did" in text and "<b>10–12</b>" in text
    assert "Said no" in text or "Declined" in text
    assert page.rows[0]["audience"] == COMMUNITY


def test_the_details_follow_the_newest_entry_after_each_refresh(open_demo, tmp_path):
    from coprod_desktop.services.feedback import FeedbackOptions

    window = open_demo
    window.nav.setCurrentRow(window.PAGES.index("packs"))
    page, feedback = window.packs_page, window.project.feedback
    for n, poster in enumerate((False, True)):
        made = feedback.build(FeedbackOptions(poster=poster), tmp_path / f"f{n}.pdf",
                              accept_undecided=True)  # fmt: skip
        page.refresh()  # the new one is the top row, selected as the old one was
        assert made.feedback_id in page.details.toPlainText()
