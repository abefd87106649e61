"""A facilitator's evening in the real app, under a real X server, by keyboard: open the project
with the passphrase and Enter, add a session (and double-click it: one edit dialog), add a
participant, record their consent, write notes on a board, make a pack for a partner. Then the
project file and the PDF are read back.

Every key goes through the X server (xdotool), so the window manager gives the focus and Qt
chooses the default button as on a laptop; the offscreen platform hides both, which is how
"Enter presses Cancel" once got through. Each step is a small function whose docstring lists
the keys it presses, so a step can follow its screen when that changes. Waits are for something
to show (a window with the focus, the project file changing, the PDF appearing), never a fixed
time.
"""

from __future__ import annotations

import hashlib
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from tests.realx.desk import TIMEOUT, Desk, DeskError, holds, wait_for

PROJECT = "Journey"
MAIN = f"{PROJECT} — coprod_desktop"
SESSION = "Corner shop evening"
PSEUDONYM, REAL_NAME = "P-07", "Morag Campbell"
FACILITATOR = "Sam Facilitator"  # Preferences: the witness of verbal consent
BOARD = "Street talk"
NOTES = ("Morag says the corner shop sells cheap tobacco", "More youth workers at night")
AUDIENCE = "Trading Standards"
HIGHLIGHT = (48, 140, 198)  # Fusion's selection colour: how the selected row is found on screen


@dataclass
class Journey:
    desk: Desk
    path: Path  # the project file
    form: object  # its consent form (ConsentForm): which items and partners are asked about
    app: subprocess.Popen | None = None

    def file_state(self) -> tuple[int, int] | None:
        """The project's write-ahead log: it changes when the app commits a change."""
        try:
            stat = self.path.with_name(self.path.name + "-wal").stat()
        except FileNotFoundError:
            return None
        return stat.st_size, stat.st_mtime_ns

    def changes_within(self, before: tuple[int, int] | None, seconds: float) -> bool:
        return not holds(lambda: self.file_state() == before, seconds)


# the steps ---------------------------------------------------------------------------------
def open_with_passphrase(j: Journey) -> None:
    """Keys: the passphrase, Enter (Open)."""
    j.desk.wait_active("Open project")
    j.desk.type(PASSPHRASE)
    j.desk.key("Return")
    j.desk.wait_active(MAIN)


def add_session(j: Journey) -> None:
    """Keys: Ctrl+1, Ctrl+Shift+N, the title, Enter (Save)."""
    j.desk.key("ctrl+1", "ctrl+shift+n")
    j.desk.wait_active("New session")  # keys typed before the focus moves are lost
    j.desk.type(SESSION)
    j.desk.key("Return")
    j.desk.wait_gone("New session")
    j.desk.wait_active(MAIN)


def double_click_opens_one_edit_dialog(j: Journey) -> None:
    """Mouse: a double-click on the selected session's row. Keys: Escape."""
    x, y = selected_row(j.desk, j.desk.work / "sessions.png")
    j.desk.double_click(x, y)
    j.desk.wait_active("Edit session")
    assert holds(lambda: len(j.desk.windows("Edit session")) == 1, 1.0), (
        f"a double-click opened {len(j.desk.windows('Edit session'))} Edit session dialogs")
    j.desk.key("Escape")
    j.desk.wait_gone("Edit session")
    assert holds(lambda: not j.desk.windows("Edit session"), 1.0), (
        "a second Edit session dialog opened when the first was closed: one double-click, "
        "two dialogs")  # fmt: skip
    j.desk.wait_active(MAIN)


def add_participant(j: Journey) -> None:
    """Keys: Ctrl+2, Ctrl+Shift+N, the pseudonym (over the suggested one), Tab, the real name,
    Enter (Save)."""
    j.desk.key("ctrl+2", "ctrl+shift+n")
    j.desk.wait_active("New participant")
    j.desk.type(PSEUDONYM)
    j.desk.key("Tab")
    j.desk.type(REAL_NAME)
    j.desk.key("Return")
    j.desk.wait_gone("New participant")
    j.desk.wait_active(MAIN)


def record_consent_by_keyboard(j: Journey) -> None:
    """Keys: Ctrl+3; the pseudonym (the focus is in the filter box), Tab, Tab (to the table),
    Space (selects the row), Ctrl+Shift+N. In the dialog: Enter past the information; for each
    item Y then Enter, and on the sharing item Y, then Y for each partner organisation in turn;
    on the credit item N (nobody is credited unless they ask), then Enter; Enter past the review
    of every answer; on the last page Alt+V (verbal, witnessed by the facilitator named in
    Preferences), then Enter (Save consent) until the dialog closes."""
    from coprod_desktop.domain.consent import CREDIT, SHARE

    title = f"Record consent — {PSEUDONYM}"
    j.desk.key("ctrl+3")
    j.desk.type(PSEUDONYM)
    j.desk.key("Tab", "Tab", "space", "ctrl+shift+n")
    j.desk.wait_active(title)
    j.desk.key("Return")
    for item in j.form.items:
        j.desk.key("n" if item.key == CREDIT else "y")
        if item.key == SHARE:
            for _partner in j.form.partners:
                j.desk.key("y")
        j.desk.key("Return")
    j.desk.key("Return")  # the review: every answer listed, each changeable
    j.desk.key("alt+v")

    def saved() -> bool:
        if j.desk.windows(title):
            j.desk.key("Return")
        return holds(lambda: not j.desk.windows(title), 0.5)

    wait_for(saved, "Save consent (Enter) to close the dialog")
    j.desk.wait_active(MAIN)


def add_notes(j: Journey) -> None:
    """Keys: Ctrl+4, Tab (to “New board…”: it has no shortcut), Space; Enter (the session
    offered); the board's title, Enter; Alt+U and the pseudonym (the author); Ctrl+Shift+N (the
    capture line); each note, Enter."""
    j.desk.key("ctrl+4", "Tab", "space")
    session_choice = j.desk.wait_active("New board")
    j.desk.key("Return")
    j.desk.wait_active("New board", other_than=session_choice)  # now the title
    j.desk.type(BOARD)
    j.desk.key("Return")
    j.desk.wait_gone("New board")
    j.desk.wait_active(MAIN)
    before = j.file_state()
    j.desk.key("alt+u")
    j.desk.type(PSEUDONYM)
    j.desk.key("ctrl+shift+n")
    for note in NOTES:
        j.desk.type(note)
        j.desk.key("Return")
    wait_for(lambda: j.file_state() != before, "the notes to be saved")


def make_pack(j: Journey) -> None:
    """Keys: Ctrl+8, Ctrl+Shift+N; the audience, Enter (Next); Enter (Next, once consent is
    checked) and A (remove the one detection, once the check for personal data is done), again
    until the decision is saved; Enter (Next); Enter (Finish: the pack is made, and the wizard
    stays to show it with Open the PDF and Show in folder); Enter (Close)."""
    j.desk.key("ctrl+8", "ctrl+shift+n")
    j.desk.wait_active("New pack")
    j.desk.type(AUDIENCE)
    j.desk.key("Return")
    before = j.file_state()

    def decided() -> bool:
        j.desk.key("Return", "a")  # harmless on a page that is still working
        return j.changes_within(before, 1.0)

    wait_for(decided, "the detection on the Personal data page to be decided with A")
    j.desk.key("Return")  # Next: where to save it, and a password
    j.desk.key("Return")  # Finish: make the pack
    wait_for(lambda: list(j.path.parent.glob("Pack for *.pdf")), "the pack's PDF")

    def closed() -> bool:
        if j.desk.windows("New pack"):
            j.desk.key("Return")  # Close, once the pack is made and logged
        return holds(lambda: not j.desk.windows("New pack"), 0.5)

    wait_for(closed, "Close (Enter) to close the wizard")
    j.desk.wait_active(MAIN)


def quit_app(j: Journey) -> None:
    """Keys: Ctrl+Q."""
    j.desk.key("ctrl+q")
    try:
        code = j.app.wait(TIMEOUT)
    except subprocess.TimeoutExpired as exc:
        raise DeskError("Ctrl+Q did not quit the app") from exc
    assert code == 0


# finding things on the screen --------------------------------------------------------------
def selected_row(desk: Desk, shot: Path) -> tuple[int, int]:
    """The middle of the widest band of selection colour on the screen: a table's selected
    row (the navigation's current entry is narrower)."""
    from PySide6.QtGui import QImage

    image = QImage(str(desk.screenshot(shot)))
    step = 4
    best: tuple[int, int, int] | None = None  # (width, x, y)
    for y in range(image.height()):
        xs = [x for x in range(0, image.width(), step)
              if _near(image.pixel(x, y), HIGHLIGHT)]  # fmt: skip
        if xs and (best is None or len(xs) > best[0]):
            best = (len(xs), (xs[0] + xs[-1]) // 2, y)
    if best is None or best[0] * step < 400:
        raise DeskError(f"No selected table row on the screen ({shot})")
    _width, x, top = best
    bottom = top
    while bottom + 1 < image.height() and _near(image.pixel(x, bottom + 1), HIGHLIGHT):
        bottom += 1
    return x, (top + bottom) // 2


def _near(argb: int, rgb: tuple[int, int, int], slack: int = 8) -> bool:
    r, g, b = (argb >> 16) & 255, (argb >> 8) & 255, argb & 255
    return abs(r - rgb[0]) <= slack and abs(g - rgb[1]) <= slack and abs(b - rgb[2]) <= slack


# the test ----------------------------------------------------------------------------------
@pytest.fixture
def journey(desk: Desk, tmp_path: Path) -> Iterator[Journey]:
    """A project made with the services (one participant already in it) for the app to open,
    and the facilitator's name in the app's settings."""
    from dataclasses import replace

    from PySide6.QtCore import QSettings

    from coprod_desktop import APP_NAME, ORG_NAME
    from coprod_desktop.services.project import create_project
    from coprod_desktop.ui.settings import AppSettings

    conf = Path(desk.env["XDG_CONFIG_HOME"]) / ORG_NAME / f"{APP_NAME}.conf"
    settings = AppSettings(QSettings(str(conf), QSettings.Format.IniFormat))
    settings.set_facilitator_name(FACILITATOR)
    settings.sync()

    path = tmp_path / "journey" / "journey.coprod"
    path.parent.mkdir()
    project = create_project(path, PASSPHRASE, PROJECT, actor="tester")
    try:
        project.participants.save(replace(project.participants.draft(), pseudonym="P-01"))
        form = project.consent.current_form()
    finally:
        project.close()
    yield Journey(desk, path, form)


@contextmanager
def screenshot_on_failure(j: Journey, shot: Path, log: Path) -> Iterator[None]:
    try:
        yield
    except Exception as exc:
        try:
            saved = f"screenshot of the whole screen: {j.desk.screenshot(shot)}"
        except Exception as grab_failed:
            saved = f"no screenshot ({grab_failed})"
        output = log.read_text(errors="replace")[-2000:] if log.exists() else ""
        raise AssertionError(f"{exc}\n{saved}\napp output ({log}):\n{output}") from exc


def test_facilitator_journey_by_keyboard_in_a_real_window(journey: Journey, tmp_path: Path):
    log = tmp_path / "app.log"
    journey.app = journey.desk.start_app([str(journey.path)], log)  # no passphrase: it asks
    with screenshot_on_failure(journey, tmp_path / "journey-failure.png", log):
        open_with_passphrase(journey)
        add_session(journey)
        double_click_opens_one_edit_dialog(journey)
        add_participant(journey)
        record_consent_by_keyboard(journey)
        add_notes(journey)
        make_pack(journey)
        quit_app(journey)
    check_project(journey)


def check_project(j: Journey) -> None:
    from pypdf import PdfReader

    from coprod_desktop.domain.consent import CREDIT, Method
    from coprod_desktop.services.project import open_project

    project = open_project(j.path, PASSPHRASE, "checker")
    try:
        sessions = project.sessions.list()
        assert [s.title for s in sessions] == [SESSION]  # every letter typed arrived
        people = {p.pseudonym: p for p in project.participants.list()}
        assert set(people) == {"P-01", PSEUDONYM}
        person = people[PSEUDONYM]
        assert person.real_name == REAL_NAME

        record = project.consent.history(person.id).latest()
        assert record is not None, "no consent record was saved"
        assert record.method is Method.VERBAL
        assert record.witness == FACILITATOR
        assert record.decisions == {item.key: item.key != CREDIT for item in j.form.items}
        assert record.credit_name == ""
        assert record.partner_decisions == dict.fromkeys(j.form.partners, True)
        assert project.consent.history(people["P-01"].id).latest() is None

        boards = project.boards.boards()
        assert [(b.title, b.session_id) for b in boards] == [(BOARD, sessions[0].id)]
        notes = project.boards.notes(boards[0].id)
        assert sorted((n.text, n.author_id) for n in notes) == sorted(
            (text, person.id) for text in NOTES)  # fmt: skip

        packs = project.packs.packs()
        assert [(p["audience"], p["issued_by"]) for p in packs] == [(AUDIENCE, FACILITATOR)]
        items, whose = project.packs.contents(packs[0]["id"])
        assert sorted(items) == sorted(("note", n.id) for n in notes)
        assert [pseudonym for _id, pseudonym, _n in whose] == [PSEUDONYM]
    finally:
        project.close()

    [pdf] = j.path.parent.glob("Pack for *.pdf")
    assert packs[0]["file_name"] == pdf.name
    assert packs[0]["sha256"] == hashlib.sha256(pdf.read_bytes()).hexdigest()
    text = " ".join((page.extract_text() or "") for page in PdfReader(pdf).pages)
    text = " ".join(text.split())
    assert f"CONFIDENTIAL — prepared for {AUDIENCE}" in text
    assert f"{PSEUDONYM} says the corner shop sells cheap tobacco" in text
    assert NOTES[1] in text
    for part in REAL_NAME.split():
        assert part not in text
