"""Where file choosers start: the last folder used, else the user's documents folder as the
platform reports it (when it exists), else the home folder. Never a folder that is not there."""

from __future__ import annotations

from pathlib import Path

import platformdirs

from .settings import AppSettings


def documents_folder() -> Path:
    documents = Path(platformdirs.user_documents_dir())
    return documents if documents.is_dir() else Path.home()


def start_folder(settings: AppSettings) -> Path:
    last = settings.last_folder()
    return last if last is not None and last.is_dir() else documents_folder()
