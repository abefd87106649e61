"""The one contract for pages that show project data.

A page is built for one open project, the first time it is shown, and thrown away when that
project closes, locks or another one opens (MainWindow._release_project). So nothing typed,
selected, filtered or scrolled on a page can show in another project, and a new page cannot
forget to reset: there is nothing to reset. Before a page goes, the window calls flush() and
waits for background tasks, on every path (close, lock, switch), so typing waiting for its
save is stored, never dropped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from coprod_desktop.services.project import Project


class ProjectPage(QWidget):
    # The kinds of record this page shows: after undo or redo changes one of them, the window
    # calls refresh() (see services/changes.py). Kinds: session, participant, clip, programme,
    # board, risk, barrier, outcome, measure, action.
    LISTENS: frozenset[str] = frozenset()

    def __init__(self, project: Project, parent: QWidget | None = None):
        super().__init__(parent)
        self.project = project

    def refresh(self) -> None:
        """Show what the project holds now (when built, and after undo or redo of a kind in
        LISTENS), keeping the
        selection where it still exists."""
        raise NotImplementedError

    def flush(self) -> None:
        """Store edits still waiting (typing saved after a pause, a note being edited in
        place). Pages without such edits keep this as it is."""
