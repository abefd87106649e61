"""Screenshots of every page and main dialog of the app, for README.md and for newcomers.

    .venv/bin/python docs/screenshots.py            # writes docs/screenshots/*.png
    .venv/bin/python docs/screenshots.py OUT_DIR    # somewhere else

Makes the demo project in a temporary folder, opens it through the real main window
offscreen at 1366×768 and saves one PNG per page (PAGES: one for every entry of the window's
navigation, a test checks that) and per main dialog, under stable names. The demo's dates are
fixed and no dialog shows today's date or a temporary path, so running it again only changes
the images of screens that changed — except the Packs page, which shows the pack made here:
its number, issue time and SHA-256 are new each time.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "docs" / "screenshots"
WIDTH, HEIGHT = 1366, 768
AUDIENCE = "Trading Standards"
# Shown in dialogs instead of the temporary folder, so the images do not change every run.
SHOWN_FOLDER = Path("/home/facilitator/Documents")
SHOWN_DATE = dt.datetime(2026, 10, 24, 10, 0)  # after the demo's last session


def slug(label: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")


@dataclass(frozen=True)
class Page:
    label: str  # the navigation entry, exactly as the main window shows it
    prepare: Callable | None = None  # (window) -> None, run after the page is shown
    after_pack: bool = False  # shown once the pack wizard has issued a pack

    @property
    def file_name(self) -> str:
        return f"{slug(self.label)}.png"


def _select_first_row(window) -> None:
    window.pages.currentWidget().table.selectRow(0)


def _zoom_out(window) -> None:
    for _ in range(3):  # Ctrl+- three times: most of the board in view
        window.board_page.view.zoom_by(1 / 1.2)


def _check_for_personal_data(window) -> None:
    window.anonymise_page.scan()
    settle(window)


def _no_risk_selected(window) -> None:
    window.risk_log_page.risks.table.clearSelection()  # its history would show today's date


def _some_actions(window) -> None:
    """A few actions answering the demo's notes and clips, one overdue on the day shown."""
    from dataclasses import replace

    from coprod_desktop.domain.actions import ActionStatus, PartnerResponse
    from coprod_desktop.domain.ids import new_id

    project = window.project
    boards = project.boards
    notes = [n for b in boards.boards() for n in boards.notes(b.id) if not n.safeguarding]
    clips = project.radio.clips()
    day = SHOWN_DATE.date()
    for text, owner, status, due, evidence, said in (
        ("Visit the shops near the school about single cigarettes", "Trading Standards",
         ActionStatus.IN_PROGRESS, day + dt.timedelta(days=21), [("note", notes[0].id)],
         "Two visits made; test purchases planned for November."),
        ("Better lighting on the path behind the community centre", "City council",
         ActionStatus.AGREED, day - dt.timedelta(days=10), [("clip", clips[0].id)], ""),
        ("Youth club open on Friday evenings", "Council youth service", ActionStatus.PROPOSED,
         None, [("note", notes[1].id)], ""),
    ):  # fmt: skip
        responses = (PartnerResponse(day - dt.timedelta(days=3), said),) if said else ()
        project.actions.save(replace(project.actions.draft(tuple(evidence)), id=new_id(),
                                     text=text, organisation=owner, status=status, due=due,
                                     responses=responses))  # fmt: skip
    page = window.actions_page
    page.today = lambda: day  # overdue as on the day shown, so the image does not change
    page.refresh()
    page.table.clearSelection()


def _safeguarding_as_shown(window) -> None:
    """The log as on the day shown: which follow-up is overdue does not change the image."""
    page = window.safeguarding_page
    page.concerns.today = lambda: SHOWN_DATE.date()
    page.refresh()
    page.concerns.table.clearSelection()


def _audio_due(window) -> None:
    """Judged seven months after the demo's last session: its raw audio is due, nothing else."""
    page = window.retention_page
    page.today = dt.date(2027, 5, 17)  # a fixed day, so the image does not change
    page.refresh()


PAGES = (
    Page("Sessions", _select_first_row),
    Page("Participants", _select_first_row),
    Page("Consent", _select_first_row),
    Page("Board", _zoom_out),
    Page("Radio lab"),
    Page("Programmes"),
    Page("Anonymise", _check_for_personal_data),
    Page("Packs", after_pack=True),
    Page("Risks and outcomes", _no_risk_selected),
    Page("Actions", _some_actions, after_pack=True),  # made after the pack: it stays the same
    Page("Safeguarding", _safeguarding_as_shown),
    Page("Reciprocity", _select_first_row),
    Page("Retention", _audio_due),
)
DIALOGS = (
    "dialog-new-project.png",
    "dialog-unlock.png",
    "dialog-session.png",
    "dialog-consent-question.png",
    "dialog-withdrawal.png",
)
WIZARD = (
    "pack-wizard-1-choose.png",
    "pack-wizard-2-what-goes-in.png",
    "pack-wizard-3-personal-data.png",
    "pack-wizard-4-make.png",
)
WELCOME = "welcome.png"


def file_names() -> list[str]:
    """Every image the script writes."""
    return [WELCOME, *(p.file_name for p in PAGES), *DIALOGS, *WIZARD]


# waiting -----------------------------------------------------------------------------------
def wait_until(condition: Callable[[], bool], what: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise RuntimeError(f"Gave up waiting for {what}")
        QApplication.processEvents()
        time.sleep(0.01)
    QApplication.processEvents()


def settle(window) -> None:
    """Let background work (opening, checks, waveforms) finish and the results show."""
    wait_until(lambda: not window.runner.busy, "background work to finish")
    for _ in range(5):
        QApplication.processEvents()


def save(widget: QWidget, out_dir: Path, name: str) -> Path:
    QApplication.processEvents()
    path = out_dir / name
    if not widget.grab().save(str(path), "PNG"):
        raise RuntimeError(f"Could not write {path}")
    return path


# pages -------------------------------------------------------------------------------------
def show_page(window, label: str) -> None:
    rows = [window.nav.item(r).text() for r in range(window.nav.count())]
    if label not in rows:
        raise RuntimeError(f"No page “{label}” in the navigation: {rows}")
    window.nav.setCurrentRow(rows.index(label))
    settle(window)


def capture_page(window, page: Page, out_dir: Path) -> Path:
    show_page(window, page.label)
    if page.prepare is not None:
        page.prepare(window)
        settle(window)
    return save(window, out_dir, page.file_name)


# dialogs -----------------------------------------------------------------------------------
def _grab_dialog(window, dialog, out_dir: Path, name: str) -> Path:
    dialog.show()
    settle(window)
    try:
        return save(dialog, out_dir, name)
    finally:
        dialog.reject()
        dialog.deleteLater()


def capture_dialogs(window, out_dir: Path) -> list[Path]:
    from coprod_desktop.domain.consent import SHARE, Scope
    from coprod_desktop.ui.consent_dialog import ConsentDialog
    from coprod_desktop.ui.project_dialogs import NewProjectDialog, UnlockDialog
    from coprod_desktop.ui.session_dialog import SessionDialog
    from coprod_desktop.ui.withdrawal_dialog import WithdrawalDialog

    project, runner = window.project, window.runner
    people = project.participants.list()
    person = next(p for p in people if p.pseudonym == "P-03")
    new_project = NewProjectDialog(lambda *_a: None, runner, SHOWN_FOLDER, window)
    unlock = UnlockDialog(project.path, lambda *_a: None, runner, window)
    session = SessionDialog(project.sessions.list()[-1], people, lambda s: s, is_new=False,
                            parent=window)  # fmt: skip
    shots = [_grab_dialog(window, dialog, out_dir, name)
             for dialog, name in zip((new_project, unlock, session), DIALOGS[:3], strict=True)]

    consent = ConsentDialog(person, project.consent.current_form(), lambda r, _a: r,
                            "Aileen Baird", parent=window)  # fmt: skip
    consent.next.click()  # the information page, then one question at a time
    for question in consent.questions:
        question.answer_buttons.yes.click()
        if question.item.key == SHARE:
            for org, pair in question.partner_answers.items():
                (pair.no if org == "Police Scotland" else pair.yes).click()
            break
        consent.next.click()
    shots.append(_grab_dialog(window, consent, out_dir, DIALOGS[3]))

    withdrawal = WithdrawalDialog(person, project.consent, window)
    withdrawal.scope_buttons[Scope.EVERYTHING].setChecked(True)
    withdrawal.effective.set_value(SHOWN_DATE)
    shots.append(_grab_dialog(window, withdrawal, out_dir, DIALOGS[4]))
    return shots


def capture_pack_wizard(window, out_dir: Path, work_dir: Path) -> list[Path]:
    """Every page of the wizard, then the pack made for real (it shows on the Packs page)."""
    show_page(window, "Packs")
    window.packs_page.new_pack()
    wizard = window.packs_page.wizard
    settle(window)
    wizard.choose.audience.setEditText(AUDIENCE)
    shots = [save(wizard, out_dir, WIZARD[0])]
    wizard.next()
    wait_until(lambda: wizard.check.plan is not None, "the consent check")
    shots.append(save(wizard, out_dir, WIZARD[1]))
    wizard.next()
    wait_until(lambda: wizard.review.review.scanned, "the personal data check")
    settle(window)
    shots.append(save(wizard, out_dir, WIZARD[2]))
    review = wizard.review.review
    while review.undecided():
        review.decide("accept")
    wizard.next()
    settle(window)
    export = wizard.export
    export.path.setText(str(SHOWN_FOLDER / f"Pack for {AUDIENCE} 2026-10-24.pdf"))
    shots.append(save(wizard, out_dir, WIZARD[3]))
    export.path.setText(str(work_dir / "pack.pdf"))
    export.build()
    wait_until(lambda: export.result is not None or not export.building, "the pack")
    if export.result is None:
        raise RuntimeError(f"The pack was not made: {export.status.text()}")
    wizard.accept()
    settle(window)
    return shots


# the whole run -----------------------------------------------------------------------------
def capture_all(out_dir: Path, work_dir: Path) -> list[Path]:
    """Make the demo in work_dir and write every screenshot to out_dir; returns the files."""
    from coprod_desktop.app import build_main_window
    from coprod_desktop.demo import DEMO_PASSPHRASE, create_demo
    from coprod_desktop.ui.settings import AppSettings

    QApplication.instance() or QApplication([sys.argv[0]])
    out_dir.mkdir(parents=True, exist_ok=True)
    demo = work_dir / "Safer Streets.coprod"
    create_demo(demo, DEMO_PASSPHRASE).close()
    settings = AppSettings(QSettings(str(work_dir / "settings.ini"), QSettings.Format.IniFormat))
    window = build_main_window(settings)
    try:
        window.resize(WIDTH, HEIGHT)
        window.show()
        shots = [save(window, out_dir, WELCOME)]
        window.open_path(demo, DEMO_PASSPHRASE)
        wait_until(lambda: window.project is not None, "the demo project to open")
        settle(window)
        shots += [capture_page(window, p, out_dir) for p in PAGES if not p.after_pack]
        shots += capture_dialogs(window, out_dir)
        shots += capture_pack_wizard(window, out_dir, work_dir)
        shots += [capture_page(window, p, out_dir) for p in PAGES if p.after_pack]
    finally:
        settle(window)
        window.close()
        window.deleteLater()
        QApplication.processEvents()
    return shots


def _quiet(_mode, _context, message: str) -> None:
    if "propagateSizeHints" not in message:  # the offscreen platform says so for every dialog
        print(message, file=sys.stderr)


def main(argv: list[str]) -> int:
    from PySide6.QtCore import qInstallMessageHandler

    qInstallMessageHandler(_quiet)
    out_dir = Path(argv[0]) if argv else OUT_DIR
    with tempfile.TemporaryDirectory(prefix="coprod-screenshots-") as work:
        shots = capture_all(out_dir, Path(work))
    for path in shots:
        print(f"{path}  ({path.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
