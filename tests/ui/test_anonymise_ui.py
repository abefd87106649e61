"""The anonymise review screen with real widgets on the demo project: scanning in the
background, A/R by keyboard, the preview, and the never-remove list."""

from __future__ import annotations

from PySide6.QtCore import Qt


def scanned(window, qtbot):
    page = window.anonymise_page
    window.nav.setCurrentRow(window.PAGES.index("anonymise"))
    page.scan_button.click()
    qtbot.waitUntil(lambda: page.table.rowCount() > 0 and page.scan_button.isEnabled(),
                    timeout=20000)  # fmt: skip
    return page


def test_review_by_keyboard_saves_decisions_and_moves_on(open_demo, qtbot):
    page = scanned(open_demo, qtbot)
    total = page.table.rowCount()
    assert "still to decide" in page.summary.text() and f"{total} still" in page.summary.text()
    page.table.setFocus()
    row, first = page.current()
    qtbot.keyClick(page.table, Qt.Key.Key_A)
    assert page.findings[row].decision == "accept" and page.current()[0] == row + 1
    qtbot.keyClick(page.table, Qt.Key.Key_R)
    assert page.findings[row + 1].decision == "reject"
    assert (
        page.table.item(row, 5).text() == "remove" and page.table.item(row + 1, 5).text() == "keep"
    )
    assert f"{total - 2} still" in page.summary.text()
    again = open_demo.project.anonymise.review(open_demo.project.anonymise.material())
    assert sum(f.decision is not None for f in again) == 2
    assert first.detection.text  # the finding the first decision was about


def test_preview_shows_the_text_as_it_would_leave(open_demo, qtbot):
    page = scanned(open_demo, qtbot)
    row = next(i for i, f in enumerate(page.findings) if f.detection.text == "Maggie")
    page.table.selectRow(row)
    assert "Maggie" in page.original.toPlainText()
    assert "Maggie" not in page.preview.toPlainText() and "P-01" in page.preview.toPlainText()
    qtbot.keyClick(page.table, Qt.Key.Key_R)  # keep it after all
    page.table.selectRow(row)
    assert "Maggie" in page.preview.toPlainText()


def test_never_remove_list_rescans(open_demo, qtbot):
    page = scanned(open_demo, qtbot)
    row = next(i for i, f in enumerate(page.findings) if f.detection.text == "Gary")
    page.table.selectRow(row)
    before = page.table.rowCount()
    page.allow_button.click()
    qtbot.waitUntil(lambda: page.table.rowCount() == before - 1 and page.scan_button.isEnabled(),
                    timeout=20000)  # fmt: skip
    assert page.allow_list.count() == 1 and "Gary" in page.allow_list.item(0).text()
    assert all(f.detection.text != "Gary" for f in page.findings)


def test_o_says_a_shared_name_is_someone_else(open_demo, qtbot):
    """A participant's nickname on its own asks "is this P-01?"; O answers someone else, and
    the preview shows [Person A] in its place, not the pseudonym."""
    page = scanned(open_demo, qtbot)
    row = next(i for i, f in enumerate(page.findings) if f.detection.text == "Maggie"
               and f.detection.reason.startswith("is this"))  # fmt: skip
    page.table.selectRow(row)
    assert page.other_button.isEnabled() and "P-01" in page.accept_button.text()
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_O)
    assert page.findings[row].decision == "other"
    assert page.table.item(row, 5).text() == "someone else"
    page.table.selectRow(row)
    preview = page.preview.toPlainText()
    assert "[Person A]" in preview and "Maggie" not in preview
    phone = next(i for i, f in enumerate(page.findings) if f.detection.kind == "phone")
    page.table.selectRow(phone)
    assert not page.other_button.isEnabled()


def test_least_certain_first_and_the_guesses_decided_in_one_pass(window, qtbot, project_path):
    from dataclasses import replace

    from coprod_desktop.domain.board import Note
    from coprod_desktop.services.project import create_project
    from tests.conftest import PASSPHRASE

    project = create_project(project_path, PASSPHRASE, "Guesses")
    session = project.sessions.save(replace(project.sessions.draft(), title="Lab"))
    board = project.boards.create_board(session.id, "Wall")
    for text in ("talked to jeanette and senga about it", "Zorbek said the van comes on Fridays",
                 "Call 07700 900123 for cheap baccy", "Bridie told us about the close"):
        project.boards.add_note(Note("", board.id, text))
    window.set_project(project)
    page = scanned(window, qtbot)
    assert page.table.horizontalHeaderItem(6).text() == "Sure"
    assert page.table.item(0, 6).text().endswith("%")
    page.order.setCurrentIndex(1)
    shown = [f.detection.confidence for f in page.findings]
    assert shown == sorted(shown) and shown[0] < shown[-1] and page.table.rowCount() == len(shown)
    guesses = page.guesses_left()
    assert len(guesses) >= 2 and page.remove_guesses.isVisible()
    assert f"{len(guesses)} words that might be names" in page.guesses.text()
    page.keep_guesses.click()
    assert page.guesses_left() == [] and not page.keep_guesses.isVisible()
    again = project.anonymise.review(project.anonymise.material())
    kept = {(f.item, f.detection.start) for f in again if f.decision == "reject"}
    assert {(f.item, f.detection.start) for f in guesses} <= kept
    assert [f.decision for f in again if f.detection.kind == "phone"] == [None]
    page.order.setCurrentIndex(0)  # back in the order of the material, not of certainty
    assert page.findings[0].item.text.startswith("talked to jeanette")
    assert [f.item.text[:4] for f in page.findings] == sorted(
        (f.item.text[:4] for f in page.findings),
        key=["talk", "Zorb", "Call", "Brid"].index)
