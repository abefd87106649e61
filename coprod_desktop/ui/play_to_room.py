"""Play to the room: a programme played back full screen to the group that made it, readable
from the back of a hall: the item playing, the caption showing now, the running order.

Loading mixes the whole programme (slow), so it runs as an Operation owned by this window;
`show_playback` then shows any `Playback`, which is all the display needs. The sound plays
from memory through a ClipPlayer (a QBuffer, never a temporary file). Every control refuses
keyboard focus so that the window itself gets Space and the other keys."""

from __future__ import annotations

import io
import wave
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QFont, QFontMetrics, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from coprod_desktop.domain.clips import clock

from .clip_player import ClipPlayer
from .messages import guard, report_failure
from .tasks import Operation, TaskRunner

if TYPE_CHECKING:
    from coprod_desktop.services.programmes import Playback
    from coprod_desktop.services.project import Project

JUMP_MS = 10_000  # Left / Right
STYLE = """
#playToRoom { background: #101214; }
#playToRoom QLabel { color: #f4f4f0; }
#playToRoom #roomCaption { color: #ffffff; }
#playToRoom #roomHint, #playToRoom #roomTime { color: #c8ccd0; }
#playToRoom #roomError { color: #ffd54a; }
#playToRoom QPushButton { background: #2b2f33; color: #ffffff; border: 2px solid #8a9096;
    border-radius: 10px; padding: 6px 18px; }
#playToRoom QPushButton:pressed { background: #454b51; }
#playToRoom #roomPlay { background: #ffd54a; color: #101214; border: none; }
#playToRoom QListWidget { background: #181b1e; color: #e8e8e4; border: none; }
#playToRoom QListWidget::item { padding: 6px 10px; }
#playToRoom QListWidget::item:selected { background: #ffd54a; color: #101214; }
#playToRoom QProgressBar { background: #2b2f33; border: none; border-radius: 4px; }
#playToRoom QProgressBar::chunk { background: #ffd54a; border-radius: 4px; }
"""


def _length_ms(wav: bytes) -> int:
    """How long WAV bytes play for, from their header (0 when they are not WAV)."""
    try:
        with wave.open(io.BytesIO(wav)) as reader:
            return reader.getnframes() * 1000 // max(1, reader.getframerate())
    except (wave.Error, EOFError):
        return 0


class PlayToRoom(QWidget):
    def __init__(self, project: Project | None, runner: TaskRunner, programme_id: str | None,
                 parent: QWidget | None = None):  # fmt: skip
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("playToRoom")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # its sound goes with it
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setStyleSheet(STYLE)
        self.setWindowTitle(self.tr("Play to the room"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.project, self.programme_id = project, programme_id
        self.log_path = self._log_path()
        self.playback: Playback | None = None
        self.total_ms = 0
        self.index = -1
        self.player = ClipPlayer(self)
        self.player.position_changed.connect(self.at)
        self.player.playing_changed.connect(self._playing)
        self._loading = Operation(self, runner, project)
        self._loading.progressed.connect(self._progressed)

        self.stack = QStackedWidget()
        self.stack.addWidget(self._loading_page())
        self.stack.addWidget(self._error_page())
        self.stack.addWidget(self._playing_page())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        for child in self.findChildren(QWidget):
            child.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the window takes every key
        self.resize(1024, 640)
        if project is not None and programme_id is not None:
            self.load()

    # building --------------------------------------------------------------------------
    def _label(self, name: str, text: str = "", wrap: bool = True) -> QLabel:
        label = QLabel(text)
        label.setObjectName(name)
        label.setWordWrap(wrap)
        label.setTextFormat(Qt.TextFormat.PlainText)
        return label

    def _button(self, text: str, name: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAccessibleName(text)
        button.clicked.connect(slot)
        return button

    def _loading_page(self) -> QWidget:
        page = QWidget()
        self.loading_title = self._label("roomLoadingTitle")
        self.loading_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.loading_text = self._label("roomHint", self.tr("Preparing the programme…"))
        self.loading_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.loading_bar = QProgressBar()
        self.loading_bar.setRange(0, 0)  # busy until the first step is known
        self.loading_bar.setTextVisible(False)
        self.loading_bar.setAccessibleName(self.tr("Preparing the programme"))
        self.cancel_button = self._button(self.tr("Cancel (Esc)"), "roomCancel", self.close)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(80, 40, 80, 40)
        layout.addStretch(2)
        layout.addWidget(self.loading_title)
        layout.addWidget(self.loading_text)
        layout.addWidget(self.loading_bar)
        layout.addStretch(3)
        layout.addWidget(self.cancel_button, 0, Qt.AlignmentFlag.AlignRight)
        return page

    def _error_page(self) -> QWidget:
        page = QWidget()
        self.error_title = self._label("roomLoadingTitle")
        self.error = self._label("roomError")
        self.error.setAccessibleName(self.tr("Why the programme cannot play"))
        self.error.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.error_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.error_close = self._button(self.tr("Close"), "roomErrorClose", self.close)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(80, 40, 80, 40)
        layout.addStretch(2)
        layout.addWidget(self.error_title)
        layout.addWidget(self.error)
        layout.addSpacing(30)
        layout.addWidget(self.error_close, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(3)
        return page

    def _playing_page(self) -> QWidget:
        page = QWidget()
        self.programme_title = self._label("roomHint", wrap=False)
        self.close_button = self._button(self.tr("Close (Esc)"), "roomClose", self.close)
        self.item_title = self._label("roomItem")
        self.item_title.setAccessibleName(self.tr("Item playing"))
        self.caption = self._label("roomCaption")
        self.caption.setAccessibleName(self.tr("Caption"))
        self.caption.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.caption.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.play_button = self._button(self.tr("Play"), "roomPlay", self.toggle)
        self.time = self._label("roomTime", wrap=False)
        self.time.setAccessibleName(self.tr("Time played"))
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.bar.setAccessibleName(self.tr("How far the programme has played"))
        self.hint = self._label("roomHint", self.tr(
            "Space play / pause · ← → 10 seconds · ↑ ↓ item · Home start · F full screen"))
        self.running = QListWidget()
        self.running.setAccessibleName(self.tr("Running order"))
        self.running.setWordWrap(True)
        self.running.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.running.itemClicked.connect(lambda item: self.go_to(self.running.row(item)))

        top = QHBoxLayout()
        top.addWidget(self.programme_title, 1)
        top.addWidget(self.close_button)
        controls = QHBoxLayout()
        controls.addWidget(self.play_button)
        controls.addSpacing(24)
        controls.addWidget(self.time)
        controls.addStretch(1)
        main = QVBoxLayout()
        main.addLayout(top)
        main.addWidget(self.item_title)
        main.addWidget(self.caption, 1)
        main.addLayout(controls)
        main.addWidget(self.bar)
        main.addWidget(self.hint)
        layout = QHBoxLayout(page)
        layout.setContentsMargins(32, 24, 24, 24)
        layout.setSpacing(28)
        layout.addLayout(main, 3)
        layout.addWidget(self.running, 1)
        return page

    def _log_path(self):
        owner = self.parentWidget()
        while owner is not None and getattr(owner, "log_path", None) is None:
            owner = owner.parentWidget()
        return owner.log_path if owner is not None else None

    # loading ---------------------------------------------------------------------------
    def load(self) -> None:
        """Mix the programme in the background, then show it."""
        title = ""
        with guard(self, self.tr("Play to the room")) as outcome:
            programme = self.project.programmes.get(self.programme_id)
            title = programme.title if programme is not None else ""
        if outcome.failed:
            return
        self.loading_title.setText(title)
        self.error_title.setText(title)
        self.loading_bar.setRange(0, 0)
        self.stack.setCurrentIndex(0)
        programme_id = self.programme_id

        def work(job):
            return job.project.programmes.playback(
                programme_id, lambda n, t: job.progress(n, t), job.cancelled)

        self._loading.start(work, self.show_playback, self._failed)

    def _progressed(self, done: int, total: int, _text: str) -> None:
        self.loading_bar.setRange(0, total)
        self.loading_bar.setValue(done if total else 0)

    def _failed(self, exc: BaseException) -> None:
        report_failure(self, self.tr("Play to the room"), exc)

    def report_error(self, _title: str, message: str) -> None:
        """Where this window's failures are told: in place, large, with a Close button (it is
        full screen: a box behind it could not be seen)."""
        self.player.unload()
        self.error.setText(message)
        self.stack.setCurrentIndex(1)

    @property
    def loading(self) -> bool:
        return self._loading.running

    # showing ---------------------------------------------------------------------------
    def show_playback(self, playback: Playback) -> None:
        self.playback = playback
        self.total_ms = _length_ms(playback.wav) or (
            playback.running_order[-1][2] if playback.running_order else 0)
        self.programme_title.setText(playback.title)
        self.setWindowTitle(self.tr("Play to the room: {0}").format(playback.title))
        self.running.clear()
        for title, start, _end in playback.running_order:
            self.running.addItem(f"{clock(start)}  {title}")
        self.bar.setRange(0, max(1, self.total_ms))
        self.index = -1
        self.player.load(playback.wav)
        self.player.set_range(0, self.total_ms or None)
        self.stack.setCurrentIndex(2)
        self._fit()
        self.at(0)

    def at(self, ms: int) -> None:
        """Show what is playing at `ms` (the player's position, or where a key moved it)."""
        if self.playback is None:
            return
        index, caption = self.playback.now(ms)
        if index != self.index and self.playback.running_order:
            self.index = index
            self.item_title.setText(self.playback.running_order[index][0])
            self.running.setCurrentRow(index)
            self.running.scrollToItem(self.running.item(index))
        if caption != self.caption.text():
            self.caption.setText(caption)
            self._fit_caption()
        self.time.setText(self.tr("{0} of {1}").format(clock(ms), clock(self.total_ms)))
        self.bar.setValue(min(ms, self.total_ms))

    def _playing(self, playing: bool) -> None:
        text = self.tr("Pause") if playing else self.tr("Play")
        self.play_button.setText(text)
        self.play_button.setAccessibleName(text)

    # what the keys and buttons do ------------------------------------------------------
    def position(self) -> int:
        return self.player.position()

    def toggle(self) -> None:
        if self.playback is not None:
            self.player.toggle()

    def seek(self, ms: int) -> None:
        if self.playback is not None:
            self.player.seek(min(max(0, ms), max(0, self.total_ms - 1)))

    def go_to(self, index: int) -> None:
        """To the start of item `index` of the running order (kept within it)."""
        if self.playback is None or not self.playback.running_order:
            return
        index = min(max(0, index), len(self.playback.running_order) - 1)
        self.index = -1  # show it even if the position does not move
        self.seek(self.playback.running_order[index][1])

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, Key = event.key(), Qt.Key
        current = self.index if self.index >= 0 else 0
        if key == Key.Key_Escape:
            self.close()
        elif key == Key.Key_F:
            self.setWindowState(self.windowState() ^ Qt.WindowState.WindowFullScreen)
        elif self.playback is None or self.stack.currentIndex() != 2:
            super().keyPressEvent(event)
        elif key == Key.Key_Space:
            self.toggle()
        elif key == Key.Key_Left:
            self.seek(self.position() - JUMP_MS)
        elif key == Key.Key_Right:
            self.seek(self.position() + JUMP_MS)
        elif key in (Key.Key_Up, Key.Key_PageUp):
            self.go_to(current - 1)
        elif key in (Key.Key_Down, Key.Key_PageDown):
            self.go_to(current + 1)
        elif key == Key.Key_Home:
            self.seek(0)
        else:
            super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._loading.cancel()
        self.player.unload()
        super().closeEvent(event)

    # sizes: read from the back of a hall --------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()
        QTimer.singleShot(0, self._fit_caption)  # once the layout has given it its room

    def _px(self, share: float, least: int) -> int:
        return max(least, round(self.height() * share))

    def _font(self, widget: QWidget, px: int, bold: bool = False) -> None:
        font = QFont(widget.font())
        font.setPixelSize(px)
        font.setBold(bold)
        widget.setFont(font)

    def _fit(self) -> None:
        self._font(self.item_title, self._px(0.085, 36), bold=True)
        self._font(self.loading_title, self._px(0.085, 36), bold=True)
        self._font(self.error_title, self._px(0.06, 28), bold=True)
        self._font(self.error, self._px(0.06, 40))
        self._font(self.loading_text, self._px(0.035, 20))
        self._font(self.programme_title, self._px(0.032, 18))
        self._font(self.time, self._px(0.055, 26))
        self._font(self.hint, self._px(0.022, 14))
        self._font(self.running, self._px(0.034, 18))
        for button in (self.close_button, self.cancel_button):
            self._font(button, self._px(0.03, 16))
        self._font(self.error_close, self._px(0.05, 24))
        self._font(self.play_button, self._px(0.06, 28), bold=True)
        self.play_button.setMinimumSize(QSize(self._px(0.3, 200), self._px(0.13, 72)))
        self.bar.setFixedHeight(self._px(0.012, 8))
        self.loading_bar.setFixedHeight(self._px(0.025, 14))
        self._fit_caption()

    def _fit_caption(self) -> None:
        """The caption as large as fits its space: from a tenth of the window's height down to
        no less than 40 px (a longer text is then cut at the bottom, never made small)."""
        text, room = self.caption.text(), self.caption.contentsRect()
        px = self._px(0.1, 40)
        while text and px > 40 and room.width() > 0:
            font = QFont(self.caption.font())
            font.setPixelSize(px)
            need = QFontMetrics(font).boundingRect(
                room.adjusted(0, 0, 0, 10_000), Qt.TextFlag.TextWordWrap, text)
            if need.height() <= room.height():
                break
            px = max(40, px - 4)
        self._font(self.caption, px, bold=False)
