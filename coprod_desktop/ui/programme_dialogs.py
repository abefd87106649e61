"""The Programmes page's dialogs: choosing a clip to add, recording a studio link in place
(under the radio lab's consent gate), and making the programme (loudness, format, where it
goes; mixed in the background with progress and Stop)."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coprod_desktop.domain.clips import clock
from coprod_desktop.domain.errors import ProjectError, ValidationError
from coprod_desktop.services.programmes import TARGETS

from .dialog import Dialog
from .earshot import EarshotList
from .messages import user_message
from .recorder import Recorder
from .tasks import Operation
from .widgets import error_label, key_button


class ClipChooser(Dialog):
    """Pick one of the radio lab's clips (Enter adds the selected one)."""

    def __init__(self, clips, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add a clip"))
        self.chosen = None
        self._clips = list(clips)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Clips"))
        for clip in self._clips:
            self.list.addItem(f"{clip.title}  ({clock(clip.length_ms)})")
        if self._clips:
            self.list.setCurrentRow(0)
        self.list.itemActivated.connect(lambda _item: self._add())
        self.error = error_label("clipError")
        if not self._clips:
            self.error.setText(self.tr("The radio lab has no clips with audio yet."))
            self.error.show()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.add_button = self.buttons.addButton(self.tr("Add"),
                                                 QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self._add)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Which clip goes in after the selected item?")))
        layout.addWidget(self.list, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(420, 360)

    def primary_button(self):
        return self.add_button

    def _add(self) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self._clips):
            self.error.setText(self.tr("Choose a clip first."))
            self.error.show()
            return
        self.chosen = self._clips[row]
        self.accept()


class LinkDialog(Dialog):
    """Record a studio link with the radio lab's recorder: tick everyone in earshot (the same
    consent gate as the lab's Record), record, stop; Save adds it to the running order."""

    def __init__(self, project, parent: QWidget | None = None):
        super().__init__(parent)
        self.project = project
        self.setWindowTitle(self.tr("Record a link"))
        self.made = None
        self.recording_id: str | None = None
        self.recorder = Recorder(self)
        self.recorder.progress.connect(lambda s: self.elapsed.setText(clock(int(s * 1000))))
        self.recorder.stopped.connect(self._stopped)
        self.title = QLineEdit(self.tr("Link"))
        self.title.setAccessibleName(self.tr("Link title"))
        self.script = QPlainTextEdit()
        self.script.setAccessibleName(self.tr("What the link says"))
        self.script.setTabChangesFocus(True)
        self.people = EarshotList()
        self.people.fill(project)
        self.record_button = key_button(QPushButton(self.tr("● Record")), "Ctrl+R")
        self.record_button.clicked.connect(self.toggle_recording)
        self.elapsed = QLabel("0:00")
        self.elapsed.setAccessibleName(self.tr("Recording time"))
        self.message = error_label("linkMessage")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Script"), self.script)
        row = QHBoxLayout()
        row.addWidget(self.record_button, 1)
        row.addWidget(self.elapsed)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Who is speaking or in earshot? Tick everyone:")))
        layout.addWidget(self.people, 1)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(460, 480)

    def primary_button(self):
        return self.buttons.button(QDialogButtonBox.StandardButton.Save)

    def ticked(self) -> list[str]:
        return self.people.ticked()

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def toggle_recording(self) -> None:
        if self.recorder.recording:
            self.recorder.stop()
            return
        people = self.ticked()
        try:
            self.project.radio.check_may_record(people)
        except ValidationError as exc:  # a rule to follow, said beside the Record button
            self._say(str(exc))
            return
        self._say("")
        problem = self.recorder.start(self.project, people)
        if problem:
            self._say(problem)
            return
        self.record_button.setText(self.tr("■ Stop recording"))
        self.people.setEnabled(False)

    def _stopped(self, recording_id: str, _samples: int, problem: str) -> None:
        self.record_button.setText(self.tr("● Record again"))
        self.people.setEnabled(True)
        self._say(problem)
        if recording_id:
            self.recording_id = recording_id

    def _save(self) -> None:
        if self.recorder.recording:
            self.recorder.stop_and_wait()
        if self.recording_id is None:
            self._say(self.tr("Record the link first (Ctrl+R)."))
            return
        try:
            self.made = self.project.programmes.link_item(
                self.recording_id, self.title.text(), self.script.toPlainText())
        except (ValidationError, ProjectError) as exc:
            self._say(str(exc))
            return
        self.accept()

    def reject(self) -> None:
        if self.recorder.recording:
            self.recorder.stop_and_wait()
        super().reject()


class MakeDialog(Dialog):
    """Make the programme: format (by the file's name), loudness, where it goes; then mixing in
    the background with progress and Stop. It stays open to say what was made."""

    made_programme = Signal(object)

    def __init__(self, project, runner, programme, parent: QWidget | None = None):
        super().__init__(parent)
        self.project, self.programme = project, programme
        self.result_made = None
        self._stopping = False
        self.setWindowTitle(self.tr("Make programme"))
        self._making = Operation(self, runner, project)
        self._making.progressed.connect(self._progress)
        self.format = QComboBox()
        self.format.addItem(self.tr("MP3 (podcast, with chapters)"), "mp3")
        self.format.addItem(self.tr("WAV (for a studio)"), "wav")
        self.format.setAccessibleName(self.tr("Format"))
        self.format.currentIndexChanged.connect(lambda _i: self._suffix())
        self.loudness = QComboBox()
        self.loudness.addItem(self.tr("Podcast: −16 LUFS"), TARGETS["podcast"])
        self.loudness.addItem(self.tr("Broadcast: −23 LUFS (EBU R128)"), TARGETS["broadcast"])
        self.loudness.setAccessibleName(self.tr("Loudness"))
        self.path = QLineEdit(str(project.path.parent / f"{_safe(programme.title)}.mp3"))
        self.path.setAccessibleName(self.tr("Save the programme as"))
        self.browse = QPushButton(self.tr("Choose…"))
        self.browse.clicked.connect(self.choose_file)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(self.browse)
        self.form = QWidget()
        form = QFormLayout(self.form)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Format"), self.format)
        form.addRow(self.tr("Loudness"), self.loudness)
        form.addRow(self.tr("Save as"), where)
        self.progress = QProgressBar()
        self.progress.hide()
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.clicked.connect(self.stop)
        self.stop_button.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error = error_label("makeError")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.make_button = self.buttons.addButton(self.tr("Make"),
                                                  QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.make)
        self.buttons.rejected.connect(self.reject)
        working = QHBoxLayout()
        working.addWidget(self.progress, 1)
        working.addWidget(self.stop_button)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("<b>{0}</b>").format(html.escape(programme.title))))
        layout.addWidget(self.form)
        layout.addLayout(working)
        layout.addWidget(self.error)
        layout.addWidget(self.status, 1)
        layout.addWidget(self.buttons)
        self.resize(560, 320)

    def primary_button(self):
        return self.make_button

    def _suffix(self) -> None:
        path = Path(self.path.text().strip() or "programme")
        self.path.setText(str(path.with_suffix("." + self.format.currentData())))

    def choose_file(self) -> None:
        fmt = self.format.currentData()
        path, _chosen = QFileDialog.getSaveFileName(
            self, self.tr("Save the programme"), self.path.text(),
            self.tr("MP3 (*.mp3)") if fmt == "mp3" else self.tr("WAV (*.wav)"))  # fmt: skip
        if path:
            self.path.setText(path)
            self._suffix()

    def target(self) -> Path:
        path = Path(self.path.text().strip()).expanduser()
        suffix = "." + self.format.currentData()
        return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)

    def make(self) -> None:
        if self._making.running:
            return
        if self.result_made is not None:
            self.accept()  # made: Make has become Close
            return
        if not self.path.text().strip():
            self._error(self.tr("Say where the programme goes."))
            return
        target = self.target()
        if target.exists() and QMessageBox.question(
                self, self.tr("Replace the file?"),
                self.tr("{0} already exists. Replace it?").format(target.name),
        ) != QMessageBox.StandardButton.Yes:  # fmt: skip
            return
        self.error.hide()
        self.status.clear()
        self._stopping = False
        self._set_busy(True)
        programme_id, loudness = self.programme.id, self.loudness.currentData()

        def work(job):
            return job.project.programmes.make(programme_id, target, loudness, job.progress,
                                               job.cancelled)  # fmt: skip

        self._making.start(work, self._made, self._failed)

    def stop(self) -> None:
        if self._making.running:
            self._stopping = True
            self._making.cancel()
            self.status.setText(self.tr("Stopping…"))

    def _set_busy(self, busy: bool) -> None:
        self.form.setEnabled(not busy)
        self.make_button.setEnabled(not busy)
        self.progress.setVisible(busy)
        self.stop_button.setVisible(busy)
        self.progress.setRange(0, 0)

    def _progress(self, done: int, total: int, text: str) -> None:
        self.progress.setRange(0, total)  # 0: a step that cannot be measured, shown as busy
        self.progress.setValue(done)
        if text:
            self.status.setText(text + "…")

    def _error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def _made(self, made) -> None:
        self._set_busy(False)
        self.result_made = made
        self.form.setEnabled(False)
        lines = [
            self.tr("<b>The programme is made</b> ({0}).").format(clock(made.length_ms)),
            self.tr("Sound: {0}").format(html.escape(str(made.path))),
            self.tr("Show notes and transcript: {0}").format(html.escape(str(made.text_path))),
            self.tr("Loudness {0:.1f} LUFS, true peak {1:.1f} dBTP; {2} voices.").format(
                made.lufs, made.true_peak_dbtp, made.voices),
            self.tr("It is in the disclosure log as {0}.").format(made.release_id),
        ]  # fmt: skip
        self.status.setText("<br>".join(line.replace("\n", "<br>") for line in lines))
        self.make_button.setText(self.tr("Done"))
        self.make_button.setEnabled(True)
        self.made_programme.emit(made)

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if self._stopping and not isinstance(exc, (ValidationError, ProjectError)):
            self.status.setText(self.tr("Stopped: nothing was made and nothing was logged."))
            return
        self.status.clear()
        self._error(user_message(exc))

    def reject(self) -> None:
        if self._making.running:
            self.stop()  # its result is dropped with the dialog
        super().reject()


def _safe(title: str) -> str:
    """A file name from a title: letters, digits, spaces and dashes."""
    name = "".join(ch for ch in title if ch.isalnum() or ch in " -_").strip()
    return name or "programme"
