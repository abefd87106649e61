"""Edit one clip: play it, trim it on the waveform, mark bleeps, set gain and normalising,
flag it (or a part of it) sensitive or safeguarding, write its transcript, name its speakers
and themes, export it. Every change is saved at once
and can be undone (the transcript keeps its own typing undo).

Word timings: "Align words" finds where each typed word is in the recording, "Draft transcript"
writes one for a clip without any; both run in the background with a Stop button, on the
engine chosen in Preferences (built inside the job). The transcript then marks, without
touching its text, the words that could not be placed (dotted red underline) and drafted words
the engine was unsure of (faint); Ctrl+click on a timed word plays from it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import (
    QKeySequence,
    QShortcut,
    QSyntaxHighlighter,
    QTextCharFormat,
)
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDoubleSpinBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSlider,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from coprod_desktop.audio.processing import can_export
from coprod_desktop.domain.clips import (
    SAFEGUARDING,
    Clip,
    FlaggedRange,
    timestamp,
    timestamp_at,
    timestamps,
)
from coprod_desktop.domain.clips import Edits as ClipEdits

from .clip_player import ClipPlayer
from .flag_part_dialog import FlagPartDialog
from .messages import guard, report_failure
from .tasks import Operation
from .undo_commands import Undo
from .waveform_view import WaveformView
from .widgets import UndoFallsThrough
from .word_timing_bar import WordTimingBar, mark_words

SAVE_DELAY_MS = 800


class TranscriptEdit(QPlainTextEdit):
    """Plain text; clicking a timestamp such as [1:23.4] asks to seek there, and Ctrl+click on
    a word with a time (after aligning or drafting) asks to seek to that word."""

    seek_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.timed: tuple = ()  # the TimedWords of the text as shown, when it is the stored one

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            index = self.cursorForPosition(event.position().toPoint()).position()
            ms = timestamp_at(self.toPlainText(), index)
            if ms is None and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                ms = self.word_time(index)
            if ms is not None:
                self.seek_requested.emit(ms)

    def word_time(self, index: int) -> int | None:
        """Where the timed word at (or just before) character `index` starts, in ms."""
        word = next((w for w in self.timed if w.start <= index <= w.end), None)
        return word.start_ms if word is not None and word.placed else None


class _TimestampHighlighter(QSyntaxHighlighter):
    def highlightBlock(self, text: str) -> None:
        style = QTextCharFormat()
        style.setForeground(QApplication.palette().link())
        style.setFontUnderline(True)
        for start, end, _ms in timestamps(text):
            self.setFormat(start, end - start, style)


def _checklist(name: str) -> QListWidget:
    widget = QListWidget()
    widget.setAccessibleName(name)
    return widget


class ClipEditor(QWidget):
    changed = Signal(str)  # clip id: the page refreshes its table row

    def __init__(self, project, undo_stack, runner, parent: QWidget | None = None,
                 model_path: Callable[[], str] = lambda: ""):  # fmt: skip
        super().__init__(parent)
        self.undo_stack = undo_stack
        self.project = project
        self.clip: Clip | None = None
        self._filling = False
        self._loading_id = ""
        self._loading = Operation(self, runner, project)  # sound for the clip on show
        self._previewing = Operation(self, runner, project)
        self._exporting = Operation(self, runner, project)
        self._exporting.progressed.connect(self._export_progressed)  # the whole-file check
        self.player = ClipPlayer(self)

        self.title = QLineEdit()
        self.title.setAccessibleName(self.tr("Clip title"))
        self.title.setMaxLength(200)
        self.title.editingFinished.connect(self._title_edited)
        self.waveform = WaveformView()
        self.play_button = QPushButton(self.tr("Play"))
        self.play_button.setToolTip(self.tr("Play or pause (Space on the waveform, Ctrl+Space "
                                            "anywhere)"))  # fmt: skip
        self.play_button.clicked.connect(self.player.toggle)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setAccessibleName(self.tr("Position"))
        self.slider.setSingleStep(1000)
        self.slider.setPageStep(5000)
        self.slider.sliderMoved.connect(self.player.seek)
        self.slider.actionTriggered.connect(
            lambda _a: QTimer.singleShot(0, lambda: self.player.seek(self.slider.value()))
        )
        self.time_label = QLabel("0:00 / 0:00")
        self.set_in_button = QPushButton(self.tr("Start here"))
        self.set_in_button.setToolTip(self.tr("Trim the start to the playhead (I)"))
        self.set_in_button.clicked.connect(lambda: self._trim_at_playhead("in"))
        self.set_out_button = QPushButton(self.tr("End here"))
        self.set_out_button.setToolTip(self.tr("Trim the end to the playhead (O)"))
        self.set_out_button.clicked.connect(lambda: self._trim_at_playhead("out"))
        self.gain = QDoubleSpinBox()
        self.gain.setRange(-24, 24)
        self.gain.setSingleStep(1)
        self.gain.setDecimals(1)
        self.gain.setSuffix(" dB")
        self.gain.setAccessibleName(self.tr("Gain"))
        self._gain_timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
        self._gain_timer.timeout.connect(self._gain_edited)
        self.gain.valueChanged.connect(lambda _v: self._filling or self._gain_timer.start())
        self.normalise = QCheckBox(self.tr("Normalise loudness"))
        self.normalise.toggled.connect(self._normalise_toggled)
        self.bleep_button = QPushButton(self.tr("Bleep selection"))
        self.bleep_button.setToolTip(self.tr("Drag across the waveform to select, then bleep "
                                             "it (B)"))  # fmt: skip
        self.bleep_button.clicked.connect(self.bleep_selection)
        self.bleeps = _checklist(self.tr("Bleeps"))
        self.bleeps.setMaximumHeight(80)
        self.remove_bleep_button = QPushButton(self.tr("Remove bleep"))
        self.remove_bleep_button.clicked.connect(self.remove_bleep)
        self.sensitive = QCheckBox(self.tr("Sensitive"))
        self.sensitive.setToolTip(self.tr("The whole clip goes only into packs that include "
                                          "sensitive material; never into programmes or "
                                          "feedback"))  # fmt: skip
        self.sensitive.toggled.connect(lambda on: self._flag_toggled("sensitive", on))
        self.safeguarding = QCheckBox(self.tr("Safeguarding"))
        self.safeguarding.setToolTip(self.tr("Nothing of this clip ever leaves the project"))
        self.safeguarding.toggled.connect(lambda on: self._flag_toggled("safeguarding", on))
        self.flag_part_button = QPushButton(self.tr("Flag this part…"))
        self.flag_part_button.setToolTip(self.tr(
            "Drag across the waveform to select, then flag what is said there sensitive or "
            "safeguarding"))  # fmt: skip
        self.flag_part_button.clicked.connect(self.flag_selection)
        self.parts = _checklist(self.tr("Flagged parts"))
        self.parts.setMaximumHeight(80)
        self.remove_part_button = QPushButton(self.tr("Remove flagged part"))
        self.remove_part_button.clicked.connect(self.remove_part)
        self.export_button = QPushButton(self.tr("Export audio…"))
        self.export_button.clicked.connect(self.export)
        self.export_note = QLabel()
        self.export_note.setWordWrap(True)
        if not can_export("mp3"):
            self.export_note.setText(
                self.tr(
                    "WAV export works on this computer. MP3 and OGG "
                    "need the ffmpeg program, which is not installed."
                )
            )

        self.transcript = TranscriptEdit()
        self.transcript.setTabChangesFocus(True)
        self.transcript.setAccessibleName(self.tr("Transcript"))
        self.transcript.setPlaceholderText(self.tr(
            "Type what is said. Ctrl+T inserts the playhead's time, e.g. [0:12.5]; click a "
            "time to jump there."))  # fmt: skip
        self._highlighter = _TimestampHighlighter(self.transcript.document())
        self._transcript_timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
        self._transcript_timer.timeout.connect(self.save_transcript)
        self.transcript.textChanged.connect(lambda: self._filling or self._transcript_timer.start())
        self.transcript.seek_requested.connect(self.player.seek)
        self.transcript.installEventFilter(UndoFallsThrough(self.transcript))  # a draft's undo
        self.stamp_button = QPushButton(self.tr("Insert time"))
        self.stamp_button.setToolTip(self.tr("Insert the playhead's time (Ctrl+T)"))
        self.stamp_button.clicked.connect(self.insert_timestamp)
        self.timing = WordTimingBar(self, runner, model_path)  # Align words, Draft transcript
        self.transcript.textChanged.connect(self.timing.update_buttons)
        self.speakers = _checklist(self.tr("Speakers"))
        self.speakers.itemChanged.connect(self._speakers_edited)
        self.themes = _checklist(self.tr("Themes"))
        self.themes.itemChanged.connect(self._themes_edited)

        self._layout()
        self._shortcuts()
        self.waveform.trim_changed.connect(self._trim_dragged)
        self.waveform.seek_requested.connect(self.player.seek)
        self.waveform.play_pause_requested.connect(self.player.toggle)
        self.waveform.selection_changed.connect(lambda *_: self._update_buttons())
        self.player.position_changed.connect(self._position)
        self.player.playing_changed.connect(
            lambda on: self.play_button.setText(self.tr("Pause") if on else self.tr("Play"))
        )
        self.show_clip(None)

    def _layout(self) -> None:
        transport = QHBoxLayout()
        for widget in (self.play_button, self.slider, self.time_label):
            transport.addWidget(widget)
        transport.setStretch(1, 1)
        edits = QHBoxLayout()
        for widget in (self.set_in_button, self.set_out_button, QLabel(self.tr("Gain")),
                       self.gain, self.normalise):  # fmt: skip
            edits.addWidget(widget)
        edits.addStretch(1)
        edits.addWidget(self.sensitive)
        edits.addWidget(self.safeguarding)
        bleeps = QHBoxLayout()
        listed = QVBoxLayout()
        listed.addWidget(QLabel(self.tr("Bleeps")))
        listed.addWidget(self.bleeps, 1)
        bleeps.addLayout(listed, 1)
        column = QVBoxLayout()
        for widget in (self.bleep_button, self.remove_bleep_button, self.export_button):
            column.addWidget(widget)
        column.addStretch(1)
        bleeps.addLayout(column)
        flagged = QVBoxLayout()
        flagged.addWidget(QLabel(self.tr("Flagged parts")))
        flagged.addWidget(self.parts, 1)
        bleeps.addLayout(flagged, 1)
        column = QVBoxLayout()
        for widget in (self.flag_part_button, self.remove_part_button):
            column.addWidget(widget)
        column.addStretch(1)
        bleeps.addLayout(column)
        transcript_tab = QWidget()
        box = QVBoxLayout(transcript_tab)
        box.addWidget(self.transcript)
        row = QHBoxLayout()
        row.addWidget(self.stamp_button)
        row.addWidget(self.timing, 1)
        box.addLayout(row)
        self.tabs = QTabWidget()
        self.tabs.addTab(transcript_tab, self.tr("Transcript"))
        self.tabs.addTab(self.speakers, self.tr("Speakers"))
        self.tabs.addTab(self.themes, self.tr("Themes"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.waveform, 2)
        layout.addLayout(transport)
        layout.addLayout(edits)
        layout.addLayout(bleeps)
        layout.addWidget(self.export_note)
        layout.addWidget(self.tabs, 3)

    def _shortcuts(self) -> None:
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in (("Ctrl+Space", self.player.toggle), ("Ctrl+T", self.insert_timestamp),
                           ("Ctrl+E", self.export)):  # fmt: skip
            shortcut = QShortcut(QKeySequence(keys), self, context=context)
            shortcut.activated.connect(slot)
        for key, slot in (("I", lambda: self._trim_at_playhead("in")),
                          ("O", lambda: self._trim_at_playhead("out")),
                          ("B", self.bleep_selection)):  # fmt: skip
            shortcut = QShortcut(QKeySequence(key), self.waveform,
                                 context=Qt.ShortcutContext.WidgetShortcut)  # fmt: skip
            shortcut.activated.connect(slot)

    # showing a clip ------------------------------------------------------------------------
    def flush(self) -> None:
        """Save what is still waiting (typing, a title not yet left, gain) now."""
        self.save_transcript()  # first: saving the title or gain refills the widgets
        self._title_edited()
        if self._gain_timer.isActive():
            self._gain_timer.stop()
            self._gain_edited()

    def show_clip(self, clip: Clip | None) -> None:
        if self.clip is not None and (clip is None or clip.id != self.clip.id):
            self.flush()
            self._status("", 1)  # what was said of the last clip is not said of this one
        same_recording = clip is not None and self.clip is not None and (
            clip.recording_id == self.clip.recording_id)  # fmt: skip
        self.clip = clip
        self._filling = True
        try:
            self._fill(clip)
        finally:
            self._filling = False
        if clip is None or not clip.has_audio:
            self.player.unload()
            self.waveform.set_recording(b"", 0)
        elif not same_recording:
            self._load_audio(clip)
        mark_words(self.transcript, self.clip)
        self._update_buttons()

    def _fill(self, clip: Clip | None) -> None:
        self.setEnabled(clip is not None)
        self.title.setText(clip.title if clip else "")
        if self.transcript.toPlainText() != (clip.transcript if clip else ""):
            self.transcript.setPlainText(clip.transcript if clip else "")
        edits = clip.edits if clip else ClipEdits()
        self.gain.setValue(edits.gain_db)
        self.normalise.setChecked(edits.normalise)
        self.bleeps.clear()
        for start, end in edits.bleeps:
            item = QListWidgetItem(f"{timestamp(start)} – {timestamp(end)}")
            item.setData(Qt.ItemDataRole.UserRole, (start, end))
            self.bleeps.addItem(item)
        self.sensitive.setChecked(bool(clip and clip.sensitive))
        self.safeguarding.setChecked(bool(clip and clip.safeguarding))
        self.parts.clear()
        for part in clip.ranges if clip else ():
            flag = self.tr("safeguarding") if part.flag == SAFEGUARDING else self.tr("sensitive")
            label = f"{timestamp(part.start_ms)} – {timestamp(part.end_ms)}: {flag}"
            item = QListWidgetItem(f"{label} — {part.reason}" if part.reason else label)
            item.setData(Qt.ItemDataRole.UserRole, part.id)
            self.parts.addItem(item)
        duration = clip.duration_ms if clip and clip.has_audio else 0
        self.waveform.duration_ms = duration
        self.waveform.set_edits(edits.trim_in_ms, edits.trim_out_ms, edits.bleeps)
        self.slider.setRange(0, duration)
        self.player.set_range(edits.trim_in_ms, edits.trim_out_ms or duration or None)
        self._fill_people(clip)
        self._fill_themes(clip)
        self._position(self.player.position() if clip else 0)

    def _fill_people(self, clip: Clip | None) -> None:
        self.speakers.clear()
        if clip is None:
            return
        people = self.project.participants.list()
        refused = self.project.radio.audio_refusals(p.id for p in people)
        for p in people:
            ticked = p.id in clip.speakers
            if p.id in refused and not ticked:
                continue  # only people who agreed to be recorded can be named
            item = QListWidgetItem(p.pseudonym)
            item.setData(Qt.ItemDataRole.UserRole, p.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
            self.speakers.addItem(item)

    def _fill_themes(self, clip: Clip | None) -> None:
        self.themes.clear()
        if clip is None:
            return
        boards = sorted(self.project.boards.boards(), key=lambda b: b.session_id != clip.session_id)
        for board in boards:
            for theme in self.project.boards.themes(board.id):
                item = QListWidgetItem(f"{theme.name} ({board.title})")
                item.setData(Qt.ItemDataRole.UserRole, theme.id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                state = Qt.CheckState.Checked if theme.id in clip.themes else (
                    Qt.CheckState.Unchecked)  # fmt: skip
                item.setCheckState(state)
                self.themes.addItem(item)

    def _load_audio(self, clip: Clip) -> None:
        """Waveform and preview are read and rendered in the background."""
        self.player.unload()
        self.waveform.set_recording(b"", 0)
        self._loading_id = clip.id

        def work(job):
            radio = job.project.radio
            peaks = radio.waveform(clip.recording_id)
            return None if job.cancelled() else (peaks, radio.preview(clip))

        def done(result) -> None:
            if result is None or self.clip is None or self.clip.id != clip.id:
                return
            peaks, wav = result
            self.waveform.set_recording(peaks, clip.duration_ms)
            current = self.clip.edits
            self.waveform.set_edits(current.trim_in_ms, current.trim_out_ms, current.bleeps)
            self.player.load(wav)
            self._loading_id = ""
            self._update_buttons()

        def failed(exc: BaseException) -> None:
            if self.clip is not None and self.clip.id == clip.id:
                self._loading_id = ""
                self._failed(exc)

        self._loading.start(work, done, failed)  # a clip chosen before stops being read

    def reload_preview(self) -> None:
        """After bleeps change, the preview must bleep too."""
        if self.clip is not None and self.clip.has_audio:
            at = self.player.position()
            clip = self.clip

            def done(wav: bytes) -> None:
                if self.clip is not None and self.clip.id == clip.id:
                    self.player.load(wav)
                    self.player.seek(at)

            self._previewing.start(lambda job: job.project.radio.preview(clip), done, self._failed)

    def _failed(self, exc: BaseException) -> None:
        if self.project.is_open:
            report_failure(self, self.tr("Radio lab"), exc)

    def _update_buttons(self) -> None:
        has_audio = self.clip is not None and self.clip.has_audio
        start, end = self.waveform.selection
        self.play_button.setText(self.tr("Loading…") if self._loading_id else (
            self.tr("Pause") if self.player.playing else self.tr("Play")))  # fmt: skip
        for widget in (
            self.play_button,
            self.slider,
            self.set_in_button,
            self.set_out_button,
            self.gain,
            self.normalise,
            self.export_button,
            self.stamp_button,
        ):
            widget.setEnabled(has_audio)
        self.play_button.setEnabled(has_audio and not self._loading_id)
        self.bleep_button.setEnabled(has_audio and end > start)
        self.remove_bleep_button.setEnabled(self.bleeps.count() > 0)
        self.flag_part_button.setEnabled(has_audio and end > start)
        self.remove_part_button.setEnabled(self.parts.count() > 0)
        self.timing.update_buttons()

    def _position(self, ms: int) -> None:
        duration = self.clip.duration_ms if self.clip and self.clip.has_audio else 0
        self.waveform.set_position(ms)
        if not self.slider.isSliderDown():
            self.slider.blockSignals(True)
            self.slider.setValue(ms)
            self.slider.blockSignals(False)
        self.time_label.setText(f"{timestamp(ms)[1:-1]} / {timestamp(duration)[1:-1]}")

    # changes (each saved at once, undoable) -----------------------------------------------
    def _change(self, text: str, **fields) -> bool:
        if "transcript" not in fields:
            self.save_transcript()  # typing not yet saved must not be overwritten by the refill
        before = self.clip
        if before is None:
            return False
        after = replace(before, **fields)
        if after == before:
            return True
        radio, clip_id = self.project.radio, before.id
        with guard(self, self.tr("Radio lab")) as outcome:
            radio.save_clip(after)
        if outcome.failed:
            self.show_clip(before)
            return False
        old = {name: getattr(before, name) for name in fields}

        def apply(values: dict) -> None:
            current = radio.clip(clip_id)
            if current is None:
                from coprod_desktop.domain.errors import ConflictError

                raise ConflictError("That clip is no longer in the project.")
            radio.save_clip(replace(current, **values))

        self.undo_stack.push(Undo.telling(text, lambda: apply(fields), lambda: apply(old),
                                       self.project.changes, "clip"))  # fmt: skip
        self.show_clip(radio.clip(clip_id))
        self.changed.emit(clip_id)
        return True

    def _edits(self, **changes) -> ClipEdits:
        return replace(self.clip.edits, **changes)

    def _title_edited(self) -> None:
        if self.clip is not None and self.title.text() != self.clip.title:
            self._change(self.tr("Rename clip"), title=self.title.text())

    def _trim_dragged(self, trim_in: int, trim_out: int) -> None:
        if self.clip is None:
            return
        out = None if trim_out >= self.clip.duration_ms else trim_out
        self._change(self.tr("Trim clip"), edits=self._edits(trim_in_ms=trim_in, trim_out_ms=out))

    def _trim_at_playhead(self, which: str) -> None:
        if self.clip is None or not self.clip.has_audio:
            return
        at = self.player.position()
        edits = self.clip.edits
        out = edits.trim_out_ms or self.clip.duration_ms
        trim = (at, out) if which == "in" else (edits.trim_in_ms, at)
        self._trim_dragged(*trim)

    def _gain_edited(self) -> None:
        if self.clip is not None and self.gain.value() != self.clip.edits.gain_db:
            self._change(self.tr("Change gain"), edits=self._edits(gain_db=self.gain.value()))

    def _normalise_toggled(self, on: bool) -> None:
        if not self._filling and self.clip is not None:
            self._change(self.tr("Normalise") if on else self.tr("Stop normalising"),
                         edits=self._edits(normalise=on))  # fmt: skip

    def bleep_selection(self) -> None:
        start, end = self.waveform.selection
        if self.clip is None or end <= start:
            return
        bleeps = (*self.clip.edits.bleeps, (start, end))
        if self._change(self.tr("Bleep {0}").format(timestamp(start)),
                        edits=self._edits(bleeps=bleeps)):  # fmt: skip
            self.waveform.clear_selection()
            self.reload_preview()

    def remove_bleep(self) -> None:
        item = self.bleeps.currentItem() or self.bleeps.item(0)
        if self.clip is None or item is None:
            return
        gone = tuple(item.data(Qt.ItemDataRole.UserRole))
        bleeps = tuple(b for b in self.clip.edits.bleeps if tuple(b) != gone)
        if self._change(self.tr("Remove bleep"), edits=self._edits(bleeps=bleeps)):
            self.reload_preview()

    # flags -------------------------------------------------------------------------------
    def _flag_toggled(self, which: str, on: bool) -> None:
        if self._filling or self.clip is None:
            return
        text = {("sensitive", True): self.tr("Mark clip sensitive"),
                ("sensitive", False): self.tr("Unmark clip sensitive"),
                ("safeguarding", True): self.tr("Flag clip for safeguarding"),
                ("safeguarding", False): self.tr("Unflag clip for safeguarding")}[(which, on)]
        self._change(text, **{which: on})

    def flag_selection(self) -> None:
        """Ask how to flag the waveform's selection (the dialog saves through flag_part)."""
        start, end = self.waveform.selection
        if self.clip is None or end <= start:
            return
        dialog = FlagPartDialog(self.clip.id, start, end, self.flag_part, self)
        dialog.exec()

    def flag_part(self, part: FlaggedRange) -> FlaggedRange:
        """Store a flagged part (raises to the dialog if refused) and put an undo step on."""
        self.save_transcript()
        radio = self.project.radio
        stored = radio.flag_part(part.clip_id, part.start_ms, part.end_ms, part.flag,
                                 part.reason)  # fmt: skip
        self.undo_stack.push(Undo.telling(
            self.tr("Flag part {0}").format(timestamp(stored.start_ms)),
            lambda: radio.flag_part(stored.clip_id, stored.start_ms, stored.end_ms, stored.flag,
                                    stored.reason, stored.id),
            lambda: radio.unflag_part(stored.id), self.project.changes, "clip"))  # fmt: skip
        self.waveform.clear_selection()
        self.show_clip(radio.clip(stored.clip_id))
        self.changed.emit(stored.clip_id)
        return stored

    def remove_part(self) -> None:
        item = self.parts.currentItem() or self.parts.item(0)
        if self.clip is None or item is None:
            return
        radio, clip_id = self.project.radio, self.clip.id
        with guard(self, self.tr("Radio lab")) as outcome:
            gone = radio.unflag_part(item.data(Qt.ItemDataRole.UserRole))
        if outcome.failed:
            return
        def put_back() -> None:
            radio.flag_part(gone.clip_id, gone.start_ms, gone.end_ms, gone.flag, gone.reason,
                            gone.id)  # fmt: skip

        self.undo_stack.push(Undo.telling(self.tr("Remove flagged part"),
                                          lambda: radio.unflag_part(gone.id), put_back,
                                          self.project.changes, "clip"))  # fmt: skip
        self.show_clip(radio.clip(clip_id))
        self.changed.emit(clip_id)

    def _checked(self, widget: QListWidget) -> tuple[str, ...]:
        return tuple(widget.item(i).data(Qt.ItemDataRole.UserRole) for i in range(widget.count())
                     if widget.item(i).checkState() == Qt.CheckState.Checked)  # fmt: skip

    def _speakers_edited(self, _item) -> None:
        if not self._filling:
            self._change(self.tr("Change speakers"), speakers=self._checked(self.speakers))

    def _themes_edited(self, _item) -> None:
        if not self._filling:
            self._change(self.tr("Change themes"), themes=self._checked(self.themes))

    # transcript --------------------------------------------------------------------------
    def insert_timestamp(self) -> None:
        if self.clip is not None and self.clip.has_audio:
            self.transcript.insertPlainText(timestamp(self.player.position()) + " ")
            self.transcript.setFocus()

    def save_transcript(self) -> None:
        """Typing is saved shortly after it stops, and when another clip is shown."""
        self._transcript_timer.stop()
        clip = self.clip
        if clip is None or not self.project.is_open:
            return
        text = self.transcript.toPlainText()
        if text == clip.transcript:
            return
        with guard(self, self.tr("Radio lab")) as outcome:
            self.project.radio.save_clip(replace(clip, transcript=text))
            stored = self.project.radio.clip(clip.id)  # with its timings carried over
        if outcome.failed:
            return
        words = stored.words if stored is not None and stored.transcript == text else ()
        self.clip = replace(clip, transcript=text, words=words)
        mark_words(self.transcript, self.clip)
        self.changed.emit(clip.id)

    def _status(self, text: str, ms: int = 10000) -> None:
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(text, ms)

    def _reload(self, clip_id: str) -> None:
        """After a job changed the clip: show it as stored, if it is still the one on show."""
        if self.clip is not None and self.clip.id == clip_id and self.project.is_open:
            self.show_clip(self.project.radio.clip(clip_id))
        self.changed.emit(clip_id)

    # export ------------------------------------------------------------------------------
    def export(self) -> None:
        clip = self.clip
        if clip is None or not clip.has_audio:
            return
        filters = [self.tr("WAV audio (*.wav)")]
        if can_export("mp3"):
            filters += [self.tr("MP3 audio (*.mp3)"), self.tr("Ogg Vorbis audio (*.ogg)")]
        safe = "".join(c if c.isalnum() or c in " -_" else "_" for c in clip.title).strip()
        path, chosen = QFileDialog.getSaveFileName(
            self, self.tr("Export audio"), str(self.project.path.parent / f"{safe}.wav"),
            ";;".join(filters))  # fmt: skip
        if path:
            self.export_to(path, "mp3" if "mp3" in chosen else "ogg" if "ogg" in chosen
                           else "wav")  # fmt: skip

    def _export_progressed(self, _done: int, _total: int, text: str) -> None:
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(self.tr("Exporting: {0}…").format(text))

    def export_to(self, path: str, fmt: str = "wav") -> None:
        from pathlib import Path

        target = Path(path)
        if target.suffix.lower() != f".{fmt}":
            target = target.with_suffix(f".{fmt}")
        clip = self.clip
        window = self.window()
        bar = window.statusBar() if hasattr(window, "statusBar") else None
        if bar is not None:
            bar.showMessage(self.tr("Exporting {0}…").format(target.name))
        self.export_button.setEnabled(False)

        def done(written) -> None:
            self._update_buttons()
            if bar is not None:
                bar.showMessage(self.tr("Exported {0}. The file is not encrypted: keep it "
                                        "somewhere safe.").format(written), 12000)  # fmt: skip

        def failed(exc: BaseException) -> None:
            self._update_buttons()
            if bar is not None:
                bar.clearMessage()
            self._failed(exc)

        self._exporting.start(lambda job: job.project.radio.export(
            clip, target, fmt, lambda n, total, text: job.progress(n, total, text)),
            done, failed)  # fmt: skip
