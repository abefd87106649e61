"""The clip editor's word timings: Align words and Draft transcript, run in the background with
a progress bar and Stop, and the marks they leave over the transcript (words that could not be
placed, drafted words the engine was unsure of) without changing its text."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QPushButton, QTextEdit, QWidget

from coprod_desktop.audio import speech
from coprod_desktop.audio.mixdown import Cancelled
from coprod_desktop.domain.clips import Clip
from coprod_desktop.domain.words import counted

from .messages import tell
from .tasks import Operation, TaskRunner
from .undo_commands import Undo
from .widgets import key_button

if TYPE_CHECKING:
    from .clip_editor import ClipEditor, TranscriptEdit


def mark_words(transcript: TranscriptEdit, clip: Clip | None) -> None:
    """Mark, over the text and without changing it, the words that could not be placed (a
    dotted red underline) and drafted words the engine was unsure of (faint)."""
    words = clip.words if clip is not None and (
        transcript.toPlainText() == clip.transcript) else ()  # fmt: skip
    transcript.timed = tuple(words)
    marks = []
    unplaced = faint = 0
    for word in words:
        style = QTextCharFormat()
        if not word.placed:
            style.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
            style.setUnderlineColor(QColor("red"))
            unplaced += 1
        elif word.doubtful:
            style.setForeground(QColor("gray"))
            faint += 1
        else:
            continue
        selection = QTextEdit.ExtraSelection()
        selection.format = style
        cursor = QTextCursor(transcript.document())
        cursor.setPosition(word.start)
        cursor.setPosition(word.end, QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        marks.append(selection)
    transcript.setExtraSelections(marks)
    if not words:
        transcript.setToolTip("")
        return
    tip = [transcript.tr("Every spoken word has a time: Ctrl+click a word to play from it.")]
    if unplaced:
        tip.append(transcript.tr("Words underlined with red dots could not be placed in the "
                                 "recording: they cannot be bleeped exactly."))  # fmt: skip
    if faint:
        tip.append(transcript.tr("Faint words are ones the draft was unsure of: check them."))
    transcript.setToolTip(" ".join(tip))


class WordTimingBar(QWidget):
    """Align words (Ctrl+Shift+G), Draft transcript (Ctrl+Shift+D), and while either runs a
    progress bar and Stop (Esc), for the clip the editor shows."""

    def __init__(self, editor: ClipEditor, runner: TaskRunner,
                 model_path: Callable[[], str]):  # fmt: skip
        super().__init__(editor)
        self.editor = editor
        self._model_path = model_path  # read on the GUI thread: Preferences › Speech model file
        self._timing = Operation(self, runner, editor.project)
        self._timing.progressed.connect(self._progressed)
        self.align_button = key_button(QPushButton(self.tr("Align words")), "Ctrl+Shift+G")
        self.align_button.clicked.connect(self.align_words)
        self.draft_button = key_button(QPushButton(self.tr("Draft transcript")), "Ctrl+Shift+D")
        self.draft_button.clicked.connect(self.draft_transcript)
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Finding the words"))
        self.progress.hide()
        self.stop_button = key_button(QPushButton(self.tr("Stop")), "Esc")
        self.stop_button.setToolTip(self.tr("Stop aligning or drafting: nothing is changed "
                                            "(Esc)"))  # fmt: skip
        self.stop_button.clicked.connect(self.stop)
        self.stop_button.hide()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.align_button)
        row.addWidget(self.draft_button)
        row.addWidget(self.progress, 1)
        row.addWidget(self.stop_button)
        row.addStretch(1)

    @property
    def running(self) -> bool:
        return self._timing.running

    def update_buttons(self) -> None:
        clip = self.editor.clip
        has_audio = clip is not None and clip.has_audio
        typed = bool(self.editor.transcript.toPlainText().strip())
        busy = self._timing.running
        self.align_button.setEnabled(has_audio and typed and not busy)
        self.align_button.setToolTip(self.tr(
            "Find where each typed word is in the recording, for exact bleeps "
            "(Ctrl+Shift+G)") if has_audio and typed else self.tr(
            "Aligning needs a clip with audio and a transcript (Ctrl+Shift+G)"))  # fmt: skip
        # enabled with a transcript too: pressed, it says why it writes no draft (a disabled
        # button's key would do nothing and say nothing)
        self.draft_button.setEnabled(has_audio and not busy)
        self.draft_button.setToolTip(self.tr(
            "This clip already has a transcript: a draft is only written for a clip without "
            "one. Use Align words instead (Ctrl+Shift+D)") if typed else self.tr(
            "Write a draft transcript from the audio, every word with its time; check it "
            "before it is used (Ctrl+Shift+D)"))  # fmt: skip

    def _started(self) -> None:
        self.progress.setRange(0, 0)
        self.progress.show()
        self.stop_button.setText(self.tr("Stop"))
        self.stop_button.setEnabled(True)
        self.stop_button.show()
        self.update_buttons()

    def _ended(self) -> None:
        self.progress.hide()
        self.stop_button.hide()
        self.update_buttons()

    def _progressed(self, done: int, total: int, _text: str) -> None:
        self.progress.setRange(0, max(0, total))  # 0: a step that cannot be measured
        if total:
            self.progress.setValue(min(done, total))

    def stop(self) -> None:
        if self._timing.running:
            self._timing.cancel()
            self.stop_button.setText(self.tr("Stopping…"))
            self.stop_button.setEnabled(False)

    def _failed(self, exc: BaseException) -> None:
        self._ended()
        if isinstance(exc, Cancelled):
            self.editor._status(self.tr("Stopped: nothing was changed."))
        else:
            self.editor._failed(exc)

    def align_words(self) -> None:
        """Find the time of every spoken word of the transcript, in the background."""
        if self.editor.clip is None or not self.align_button.isEnabled():
            return
        self.editor.save_transcript()
        clip, model = self.editor.clip, self._model_path()

        def work(job):
            engine = speech.engine(model or None)
            return job.project.timings.align(clip.id, engine, job.progress, job.cancelled)

        def done(aligned) -> None:
            self._ended()
            self.editor._status(self.tr("{0} timed; {1} could not be placed").format(
                counted(aligned.placed, self.tr("word"), self.tr("words")),
                aligned.unplaced), 15000)  # fmt: skip
            self.editor._reload(clip.id)

        self._timing.start(work, done, self._failed)
        self._started()

    def draft_transcript(self) -> None:
        """Write a draft transcript of a clip that has none, in the background; one undo step."""
        editor = self.editor
        if editor.clip is None or not editor.clip.has_audio or self._timing.running:
            return
        editor.save_transcript()
        clip, model = editor.clip, self._model_path()
        if clip.transcript.strip():
            tell(editor, self.tr("Radio lab"), self.tr(
                "“{0}” already has a transcript, so no draft was written: a draft is only for "
                "a clip without one. Use Align words to time what is typed.").format(
                    clip.title))  # fmt: skip
            return

        def work(job):
            engine = speech.engine(model or None)
            return job.project.timings.draft(clip.id, engine, job.progress, job.cancelled)

        def done(before) -> None:
            self._ended()
            project = editor.project
            after = project.radio.clip(clip.id)
            if after is None:
                return
            timings = project.timings
            made = timings.made_by(clip.id) or ("", True)

            def redo() -> None:
                timings.put_transcript(clip.id, after.transcript, after.words, *made)

            editor.undo_stack.push(Undo.telling(
                self.tr("Draft transcript of {0}").format(after.title), redo,
                lambda: timings.put_transcript(clip.id, before.transcript),
                project.changes, "clip"))  # fmt: skip
            editor._status(self.tr("Draft written: {0} words. Faint words are ones the engine "
                                   "was unsure of; check the draft before it is used.").format(
                                       len(after.words)), 15000)  # fmt: skip
            editor._reload(clip.id)

        self._timing.start(work, done, self._failed)
        self._started()
