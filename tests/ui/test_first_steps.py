"""A new project opens on Sessions with a getting-started list: each step a link to where it is
done, ticked as it is done, hidden on request (and for good), shown again from the View menu."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtWidgets import QDialog

from coprod_desktop.services.packs import PackOptions
from coprod_desktop.services.project import create_project
from tests.conftest import PASSPHRASE


@pytest.fixture
def new_project(window, qtbot, tmp_path):
    project = create_project(tmp_path / "new.coprod", PASSPHRASE, "New engagement", "tester")
    window.set_project(project)
    return window


def panel(window):
    return window.sessions_page.first_steps


def test_a_new_project_opens_on_sessions_with_the_list(new_project):
    window = new_project
    assert window.pages.currentWidget() is window.sessions_page
    assert panel(window).isVisible()
    assert "0 of 6 done" in panel(window).heading.text()
    assert window.first_steps_action.isChecked()


def test_steps_are_ticked_as_they_are_done(new_project):
    window = new_project
    project = window.project
    project.sessions.save(replace(project.sessions.draft(), title="First"))
    project.participants.save(replace(project.participants.draft(), pseudonym="P-01"))
    window.nav.setCurrentRow(1)
    window.nav.setCurrentRow(0)  # shown again: it looks again
    rows = panel(window).rows
    assert rows["session"].text().startswith("✓") and rows["people"].text().startswith("✓")
    assert rows["consent"].text().startswith("○")
    assert "2 of 6 done" in panel(window).heading.text()
    assert rows["people"].accessibleName().endswith("done")


@pytest.mark.parametrize(("key", "page", "dialog"), [
    ("session", "sessions", "SessionDialog"),
    ("people", "participants", "ParticipantDialog"),
    ("consent", "consent", None),
    ("material", "board", None),
    ("review", "anonymise", None),
])  # fmt: skip
def test_each_step_links_to_where_it_is_done(new_project, monkeypatch, key, page, dialog):
    window = new_project
    opened: list[str] = []
    monkeypatch.setattr(QDialog, "exec", lambda d: opened.append(type(d).__name__) or 0)
    panel(window).rows[key].linkActivated.emit(key)
    assert window.pages.currentWidget() is window._page(page)
    assert opened == ([dialog] if dialog else [])


def test_hiding_the_list_lasts_and_the_view_menu_brings_it_back(new_project, qtbot, settings):
    window = new_project
    path = window.project.path
    panel(window).hide_requested.emit()
    assert not panel(window).isVisible() and not window.first_steps_action.isChecked()
    window.close_project()
    window.open_path(path, PASSPHRASE)
    qtbot.waitUntil(lambda: window.project is not None, timeout=10000)
    assert not panel(window).isVisible()  # hidden for this project, for good
    window.first_steps_action.trigger()
    assert panel(window).isVisible() and window.first_steps_action.isChecked()


def test_the_list_goes_once_every_step_is_done(open_demo, qtbot, tmp_path):
    window = open_demo
    undone = [step.key for step in window.project.first_steps() if not step.done]
    assert undone == ["review", "pack"]  # the demo leaves these for whoever tries it
    assert panel(window).isVisible()
    project = window.project
    options = PackOptions("Trading Standards")
    project.anonymise.accept_all(project.packs.plan(options).findings)
    project.packs.build(options, tmp_path / "pack.pdf")
    window.nav.setCurrentRow(1)
    window.nav.setCurrentRow(0)
    window.sessions_page.refresh()
    assert not panel(window).isVisible()
