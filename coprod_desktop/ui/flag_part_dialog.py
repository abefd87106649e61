"""Flag a part of a clip (the waveform's selection) sensitive or safeguarding, with a short
reason: what is said there never leaves the project (safeguarding), or leaves only in a pack
that includes sensitive material."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from coprod_desktop.domain.clips import (
    MAX_REASON,
    SAFEGUARDING,
    SENSITIVE,
    FlaggedRange,
    timestamp,
)

from .record_dialog import RecordDialog


class FlagPartDialog(RecordDialog):
    def __init__(self, clip_id: str, start_ms: int, end_ms: int,
                 on_save: Callable[[FlaggedRange], object],
                 parent: QWidget | None = None):  # fmt: skip
        super().__init__(self.tr("Flag this part"), on_save, parent)
        self._part = (clip_id, start_ms, end_ms)
        self.flag = QComboBox()
        self.flag.addItem(self.tr("Safeguarding: never leaves the project"), SAFEGUARDING)
        self.flag.addItem(self.tr("Sensitive: only in packs that include sensitive material"),
                          SENSITIVE)  # fmt: skip
        self.reason = QLineEdit()
        self.reason.setMaxLength(MAX_REASON)
        self.reason.setPlaceholderText(self.tr("e.g. names a child; a disclosure"))
        self.form.addRow(self.tr("Part:"), QLabel(f"{timestamp(start_ms)} – {timestamp(end_ms)}"))
        self.form.addRow(self.tr("&Flag:"), self.flag)
        self.form.addRow(self.tr("&Reason:"), self.reason)
        self.resize(460, 160)
        self.reason.setFocus()

    def record(self) -> FlaggedRange:
        clip_id, start, end = self._part
        return FlaggedRange("", clip_id, start, end, self.flag.currentData(), self.reason.text())
