"""Preferences and remembered state, kept in QSettings (never any project data)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 8
DEFAULT_AUTO_LOCK_MINUTES = 10


class AppSettings:
    def __init__(self, qsettings: QSettings | None = None):
        self._s = qsettings or QSettings()

    # recent files --------------------------------------------------------------
    def recent_files(self) -> list[Path]:
        return [Path(p) for p in self._list("recentFiles")]

    def add_recent(self, path: Path) -> None:
        path = path.resolve()
        files = [p for p in self.recent_files() if p != path]
        self._s.setValue("recentFiles", [str(p) for p in [path, *files][:MAX_RECENT]])

    def remove_recent(self, path: Path) -> None:
        self._s.setValue("recentFiles", [str(p) for p in self.recent_files() if p != path])

    def clear_recent(self) -> None:
        self._s.setValue("recentFiles", [])

    def last_folder(self) -> Path | None:
        """The folder a project was last opened from or created in."""
        value = self._s.value("lastFolder", "")
        return Path(value) if value else None

    def set_last_folder(self, folder: Path) -> None:
        self._s.setValue("lastFolder", str(folder))

    def first_steps_hidden(self, project_id: str) -> bool:
        """Whether the getting-started list was hidden for this project (by its id)."""
        return project_id in self._list("firstStepsHidden")

    def set_first_steps_hidden(self, project_id: str, hidden: bool) -> None:
        ids = [i for i in self._list("firstStepsHidden") if i != project_id]
        self._s.setValue("firstStepsHidden", [*ids, project_id] if hidden else ids)

    def combined_from(self, project_id: str) -> Path | None:
        """The other project file last combined into this project (to offer it again)."""
        value = self._s.value(f"combinedFrom/{project_id}", "")
        return Path(str(value)) if value else None

    def set_combined_from(self, project_id: str, path: Path) -> None:
        self._s.setValue(f"combinedFrom/{project_id}", str(path))

    def _list(self, key: str) -> list[str]:
        raw = self._s.value(key, [])
        return [raw] if isinstance(raw, str) else list(raw or [])

    # window state --------------------------------------------------------------
    def geometry(self) -> QByteArray | None:
        value = self._s.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    def window_state(self) -> QByteArray | None:
        value = self._s.value("window/state")
        return value if isinstance(value, QByteArray) else None

    def save_window(self, geometry: QByteArray, state: QByteArray) -> None:
        self._s.setValue("window/geometry", geometry)
        self._s.setValue("window/state", state)

    # preferences ---------------------------------------------------------------
    def auto_lock_minutes(self) -> int:
        try:
            return max(0, int(self._s.value("autoLockMinutes", DEFAULT_AUTO_LOCK_MINUTES)))
        except (TypeError, ValueError):
            return DEFAULT_AUTO_LOCK_MINUTES

    def set_auto_lock_minutes(self, minutes: int) -> None:
        self._s.setValue("autoLockMinutes", int(minutes))

    def facilitator_name(self) -> str:
        return str(self._s.value("facilitatorName", "") or "")

    def set_facilitator_name(self, name: str) -> None:
        self._s.setValue("facilitatorName", name.strip())

    def speech_model(self) -> str:
        """The speech-model file an organisation installed (whisper.cpp or faster-whisper),
        or "" for the built-in English engine."""
        return str(self._s.value("speechModel", "") or "")

    def set_speech_model(self, path: str) -> None:
        self._s.setValue("speechModel", path.strip())

    def sync(self) -> None:
        self._s.sync()
