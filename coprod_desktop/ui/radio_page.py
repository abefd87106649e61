"""The radio lab: tick who is speaking or in earshot, record (refused without audio consent),
then edit, transcribe and export the clips.

The recording side has the whole height, so a room of twenty people shows without scrolling
(in columns); its messages have a place of their own, so nothing moves when one appears."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from coprod_desktop.audio.levels import is_clipping
from coprod_desktop.domain.clips import Clip, clock, describe_edits
from coprod_desktop.domain.errors import ValidationError
from coprod_desktop.domain.words import QT_TR_NOOP

from .actions_page import create_action
from .clip_editor import ClipEditor
from .earshot import PSEUDONYM_ROLE, EarshotList
from .messages import guard
from .project_page import ProjectPage
from .recorder import Recorder
from .translation import tr
from .widgets import (
    error_label,
    fill_sessions,
    fit_columns,
    fit_placeholder,
    key_button,
    message_area,
)

COLUMNS = (QT_TR_NOOP("Title"), QT_TR_NOOP("Speakers"), QT_TR_NOOP("Session"),
           QT_TR_NOOP("Length"), QT_TR_NOOP("Edits"), QT_TR_NOOP("Themes"),
           QT_TR_NOOP("Transcript"))  # fmt: skip
CLIP_WARNING_MS = 2000


class RadioPage(ProjectPage):
    LISTENS = frozenset({"clip", "session", "participant"})
    recording_changed = Signal(bool)

    def __init__(self, project, undo_stack, runner, parent: QWidget | None = None,
                 model_path=lambda: ""):  # fmt: skip
        """`model_path()` is the speech-model file named in Preferences ("" for the built-in
        engine), read each time words are aligned or a transcript drafted."""
        super().__init__(project, parent)
        self.undo_stack = undo_stack
        self.recorder = Recorder(self)
        self._clips: list[Clip] = []
        self._ticked_when_started: list[str] = []
        self._session_when_started: str | None = None

        self.session_box = QComboBox()
        self.session_box.setAccessibleName(self.tr("Session"))
        self.device_box = QComboBox()
        self.device_box.setAccessibleName(self.tr("Microphone"))
        self.people = EarshotList()
        # top to bottom, then the next column: everyone in view at once
        self.people.setFlow(QListView.Flow.TopToBottom)
        self.people.setWrapping(True)
        self.people.setResizeMode(QListView.ResizeMode.Adjust)
        self.people.setSpacing(1)
        self.people.itemChanged.connect(self._ticks_changed)
        self.people_filter = QLineEdit()
        self.people_filter.setPlaceholderText(self.tr("Find a pseudonym…"))
        self.people_filter.setAccessibleName(self.tr("Show only the people whose pseudonym has"))
        self.people_filter.setToolTip(self.tr("Ticks are kept while the list is narrowed"))
        self.people_filter.setClearButtonEnabled(True)
        fit_placeholder(self.people_filter)
        self.people_filter.textChanged.connect(self._filter_people)
        self.ticked_label = QLabel()
        self.ticked_label.setAccessibleName(self.tr("How many are ticked"))
        self.attendees_button = QPushButton(self.tr("Tick the session's attendees"))
        self.attendees_button.clicked.connect(self.tick_attendees)
        self.clear_button = QPushButton(self.tr("Untick all"))
        self.clear_button.clicked.connect(lambda: self.tick([]))
        self.record_button = QPushButton(self.tr("● Record"))
        key_button(self.record_button, "Ctrl+R")
        self.record_button.setToolTip(self.tr("Start or stop recording (Ctrl+R)"))
        self.record_button.clicked.connect(self.toggle_recording)
        self.meter = QProgressBar()
        self.meter.setRange(0, 100)
        self.meter.setTextVisible(False)
        self.meter.setAccessibleName(self.tr("Input level"))
        self.elapsed = QLabel("0:00")
        self.elapsed.setAccessibleName(self.tr("Recording time"))
        self.clip_warning = QLabel(self.tr("Too loud: the sound is clipping. Move the microphone "
                                           "further away or speak more softly."))  # fmt: skip
        self.clip_warning.setStyleSheet("color: #a00000; font-weight: bold;")
        self.clip_warning.setWordWrap(True)
        self.clip_warning.hide()
        self._clip_timer = QTimer(self, singleShot=True, interval=CLIP_WARNING_MS)
        self._clip_timer.timeout.connect(self.clip_warning.hide)
        self.disk_warning = error_label("diskWarning")
        self.disk_warning.setText(self.tr("Disk space is low: less than 10 more minutes of sound "
                                          "will fit. Stop soon and free some space."))  # fmt: skip
        self.disk_warning.hide()
        self.message = error_label("recordMessage")
        self.messages = message_area(self.message, self.clip_warning, self.disk_warning, lines=6)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        self.table.setAccessibleName(self.tr("Clips"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setTabKeyNavigation(False)  # Tab moves on to the editor
        self.table.setAlternatingRowColors(True)
        fit_columns(self.table, COLUMNS.index("Transcript"))
        self.table.itemSelectionChanged.connect(self._selection_changed)

        self.editor = ClipEditor(project, undo_stack, runner, model_path=model_path)
        self.editor.changed.connect(self._clip_changed)

        self.add_action = QAction(self.tr("&Record"), self)
        self.add_action.triggered.connect(self.toggle_recording)
        self.edit_action = QAction(self.tr("&Edit clip title"), self)
        self.edit_action.triggered.connect(lambda: self.editor.title.setFocus())
        self.delete_action = QAction(self.tr("&Delete clip…"), self)
        self.delete_action.triggered.connect(self.delete_selected)
        self.action_from_clip = QAction(self.tr("Create action from this quote…"), self)
        self.action_from_clip.setToolTip(self.tr("An action a partner will take about what "
                                                 "is said in the selected clip"))  # fmt: skip
        self.action_from_clip.triggered.connect(self.create_action)
        self.action_from_clip.setShortcut(QKeySequence("Ctrl+Shift+A"))
        self.action_from_clip.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(self.action_from_clip)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.table.addAction(self.action_from_clip)

        self.recorder.started.connect(lambda _rid: self._set_recording_ui(True))
        self.recorder.level.connect(self._level)
        self.recorder.progress.connect(lambda s: self.elapsed.setText(clock(int(s * 1000))))
        self.recorder.low_disk.connect(self.disk_warning.setVisible)
        self.recorder.stopped.connect(self._stopped)
        self._layout()

    def _layout(self) -> None:
        record = QGroupBox(self.tr("Record"))
        form = QFormLayout()
        form.addRow(self.tr("Session"), self.session_box)
        form.addRow(self.tr("Microphone"), self.device_box)
        box = QVBoxLayout(record)
        box.addLayout(form)
        box.addWidget(QLabel(self.tr("Who is speaking or in earshot? Tick everyone:")))
        find = QHBoxLayout()
        find.addWidget(self.people_filter, 1)
        find.addWidget(self.ticked_label)
        box.addLayout(find)
        box.addWidget(self.people, 1)
        ticks = QHBoxLayout()
        ticks.addWidget(self.attendees_button)
        ticks.addWidget(self.clear_button)
        box.addLayout(ticks)
        row = QHBoxLayout()
        row.addWidget(self.record_button, 1)
        row.addWidget(self.elapsed)
        row.addWidget(QLabel(self.tr("Level")))
        row.addWidget(self.meter, 1)
        box.addLayout(row)
        box.addWidget(self.messages)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(QLabel(self.tr("<h2>Radio lab</h2>")))
        column.addWidget(record, 1)
        listed = QWidget()  # the clips, and what can be made of the selected one
        rows = QVBoxLayout(listed)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.addWidget(self.table, 1)
        under = QHBoxLayout()
        action_button = QToolButton()
        action_button.setDefaultAction(self.action_from_clip)
        under.addWidget(action_button)
        under.addStretch(1)
        rows.addLayout(under)
        clips = QSplitter(Qt.Orientation.Vertical)  # the clips above the one being edited
        clips.addWidget(listed)
        clips.addWidget(self.editor)
        clips.setStretchFactor(1, 1)
        clips.setChildrenCollapsible(False)
        clips.setSizes([200, 500])
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(clips)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([340, 800])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    # project -------------------------------------------------------------------------------
    def flush(self) -> None:
        self.finish_recording()

    def refresh(self) -> None:
        if self.recorder.recording:
            return  # the ticks and session stay as they were when recording started
        self._fill_sessions()
        self._fill_devices()
        self._fill_people()
        self.refresh_clips()

    def _fill_sessions(self) -> None:
        fill_sessions(self.session_box, self.project, self.tr("(no session)"))

    def _fill_devices(self) -> None:
        current = self.device_box.currentText()
        self.device_box.clear()
        for device in Recorder.devices():
            self.device_box.addItem(device.description(), device)
        if self.device_box.count() == 0:
            self.device_box.addItem(self.tr("No microphone found"), None)
        index = self.device_box.findText(current)
        if index >= 0:
            self.device_box.setCurrentIndex(index)

    def _fill_people(self) -> None:
        self.people.fill(self.project)
        self._filter_people(self.people_filter.text())
        self._ticks_changed()

    def _filter_people(self, text: str) -> None:
        """Show only the people whose pseudonym has `text`; the hidden keep their ticks."""
        wanted = text.strip().casefold()
        for i in range(self.people.count()):
            item = self.people.item(i)
            item.setHidden(wanted not in str(item.data(PSEUDONYM_ROLE)).casefold())

    def _ticks_changed(self, *_args) -> None:
        self.message.hide()
        ticked = self.ticked()
        hidden = sum(1 for i in range(self.people.count())
                     if self.people.item(i).isHidden()
                     and self.people.item(i).checkState() == Qt.CheckState.Checked)  # fmt: skip
        text = self.tr("{0} ticked").format(len(ticked))
        if hidden:
            text += self.tr(" ({0} not shown)").format(hidden)
        self.ticked_label.setText(text)

    def ticked(self) -> list[str]:
        return self.people.ticked()

    def tick_attendees(self) -> None:
        session_id = self.session_box.currentData()
        if session_id is None:
            self.message.setText(self.tr("Choose the session first."))
            self.message.show()
            return
        session = next((s for s in self.project.sessions.list() if s.id == session_id), None)
        if session is not None:
            self.tick(session.participant_ids)

    def tick(self, participant_ids) -> None:
        """Tick exactly these people, shown or not."""
        wanted = set(participant_ids)
        self.people.blockSignals(True)
        for i in range(self.people.count()):
            item = self.people.item(i)
            state = Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in wanted else (
                Qt.CheckState.Unchecked)  # fmt: skip
            item.setCheckState(state)
        self.people.blockSignals(False)
        self._ticks_changed()

    def refresh_clips(self, select_id: str | None = None) -> None:
        select_id = select_id or (self.editor.clip.id if self.editor.clip else None)
        self._clips = self.project.radio.clips()
        names = {p.id: p.pseudonym for p in self.project.participants.list()}
        sessions = {s.id: s.title for s in self.project.sessions.list()}
        themes = {}
        for board in self.project.boards.boards():
            themes.update({t.id: t.name for t in self.project.boards.themes(board.id)})
        self.table.blockSignals(True)
        self.table.setRowCount(len(self._clips))
        row_to_select = -1
        for row, clip in enumerate(self._clips):
            length = clock(clip.length_ms) if clip.has_audio else self.tr("audio erased")
            edits = describe_edits(clip.edits, clip.duration_ms) if clip.has_audio else ""
            flags = [self.tr("safeguarding") if clip.safeguarding else "",
                     self.tr("sensitive") if clip.sensitive else "",
                     "" if not clip.ranges else self.tr("1 flagged part") if len(clip.ranges) == 1
                     else self.tr("{0} flagged parts").format(len(clip.ranges))]
            edits = ", ".join(f for f in (edits, *flags) if f)
            transcript = " ".join(clip.transcript.split())
            values = (clip.title, ", ".join(names.get(p, "?") for p in clip.speakers),
                      sessions.get(clip.session_id, ""), length, edits,
                      ", ".join(themes.get(t, "") for t in clip.themes),
                      transcript[:80] + ("…" if len(transcript) > 80 else ""))  # fmt: skip
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, clip.id)
                self.table.setItem(row, column, item)
            if clip.id == select_id:
                row_to_select = row
        self.table.blockSignals(False)
        if row_to_select >= 0:
            self.table.selectRow(row_to_select)
        elif self._clips:
            self.table.selectRow(0)
        self._selection_changed()
        self.delete_action.setEnabled(bool(self._clips))

    def current_clip(self) -> Clip | None:
        rows = self.table.selectionModel().selectedRows()
        return self._clips[rows[0].row()] if rows else None

    def _selection_changed(self) -> None:
        clip = self.current_clip()
        self.action_from_clip.setEnabled(clip is not None)
        if clip != self.editor.clip:  # another clip, or this one changed
            self.editor.show_clip(clip)

    def _clip_changed(self, clip_id: str) -> None:
        self.refresh_clips(clip_id)

    def create_action(self) -> None:
        """An action answering what is said in the selected clip."""
        clip = self.current_clip()
        if clip is not None:
            create_action(self, self.project, self.undo_stack, (("clip", clip.id),),
                          session_id=clip.session_id)  # fmt: skip

    # recording ---------------------------------------------------------------------------
    def toggle_recording(self) -> None:
        if self.recorder.recording:
            self.recorder.stop()
            return
        people = self.ticked()
        try:
            self.project.radio.check_may_record(people)
        except ValidationError as exc:  # a rule to follow, said beside the Record button
            self.message.setText(str(exc))
            self.message.show()
            return
        self.message.hide()
        self._ticked_when_started = people
        self._session_when_started = self.session_box.currentData()
        problem = self.recorder.start(self.project, people, self._session_when_started,
                                      self.device_box.currentData())  # fmt: skip
        if problem:
            self.message.setText(problem)
            self.message.show()
            return
        self._set_recording_ui(True)

    def _set_recording_ui(self, on: bool) -> None:
        self.record_button.setText(self.tr("■ Stop recording") if on else self.tr("● Record"))
        self.record_button.setStyleSheet(
            "QPushButton { background: #b00020; color: white; font-weight: bold; }" if on else ""
        )
        window = self.window()
        if hasattr(window, "statusBar"):
            if on:
                window.statusBar().showMessage(self.tr("● Recording — Ctrl+R stops"))
            else:
                window.statusBar().clearMessage()
        for widget in (self.people, self.session_box, self.device_box, self.table, self.editor,
                       self.attendees_button, self.clear_button, self.people_filter):  # fmt: skip
            widget.setEnabled(not on)
        self.action_from_clip.setEnabled(not on and self.current_clip() is not None)
        if on:
            self.elapsed.setText("0:00")
        else:
            self.meter.setValue(0)
            self.clip_warning.hide()
            self.disk_warning.hide()
        self.recording_changed.emit(on)

    def _level(self, peak: float) -> None:
        self.meter.setValue(int(peak * 100))
        if is_clipping(peak):
            self.clip_warning.show()
            self._clip_timer.start()

    def _stopped(self, recording_id: str, _samples: int, problem: str) -> None:
        self._set_recording_ui(False)
        if problem:
            self.message.setText(problem)
            self.message.show()
        if not recording_id or not self.project.is_open:
            return
        with guard(self, self.tr("Radio lab")) as outcome:  # the take is kept: recovery offers it
            clip = self.project.radio.add_recorded(
                recording_id,
                speakers=self._ticked_when_started,
                session_id=self._session_when_started,
            )
        if outcome.failed:
            return
        self.undo_stack.clear()  # earlier steps may refer to the clip list as it was
        self.refresh_clips(clip.id)

    def finish_recording(self) -> None:
        """Store the take and any edit still waiting before the project closes or locks."""
        self.editor.flush()
        if self.recorder.recording:
            self.recorder.stop_and_wait()

    # deleting ----------------------------------------------------------------------------
    def delete_selected(self) -> None:
        clip = self.current_clip()
        if clip is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Delete clip"),
            self.tr(
                "Delete “{0}” and its recording? The audio is erased from the "
                "project file and cannot be brought back."
            ).format(clip.title),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)  # a title is shown as typed, never as markup
        box.setDefaultButton(QMessageBox.StandardButton.No)
        answer = box.exec()
        if answer != QMessageBox.StandardButton.Yes:
            return
        with guard(self, self.tr("Delete clip")) as outcome:
            self.project.radio.delete_clip(clip.id)
        if outcome.failed:
            return
        self.undo_stack.clear()  # nothing may bring back erased audio
        self.editor.show_clip(None)
        self.refresh_clips()


def offer_recovery(parent: QWidget, project) -> list[Clip]:
    """Ask, for each take the app did not finish, whether to recover it now."""
    recovered = []
    for take in project.radio.unfinished():
        seconds = take["bytes"] // max(1, take["sample_rate"] * take["sample_width"])
        answer = QMessageBox.question(
            parent, parent.tr("Unfinished recording"),
            parent.tr("A recording started at {0} was not finished: coprod_desktop stopped while "
                      "it was recording. {1} of sound can be recovered.\n\nRecover it now as a "
                      "clip? (If you choose No, you will be asked again next time.)").format(
                take["started_at"][:16].replace("T", " "), clock(seconds * 1000)),
        )  # fmt: skip
        if answer == QMessageBox.StandardButton.Yes:
            with guard(parent, parent.tr("Recover recording")):
                recovered.append(project.radio.recover(take["id"]))
    return recovered
