"""``tongban hall-display``: the hall's big screen — the call being made, the last calls, people
waiting per lane, a notice — and each new call announced aloud ("请 A023 号到 5 号窗口办理").

It keeps one long-poll of the hall server's board outstanding (sync/board_poll.py: the server
answers as soon as a window calls), on a thread of its own; a call is announced once, by its place
in the board's order (``seq``). When the hall server does not answer, the screen keeps the last
calls it knew and says so, and asks again every second: windows then call by scanning, and the
citizens hear their number from the window (issue #14: the displays show what they can).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal, SignalInstance
from PySide6.QtWidgets import QApplication, QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from core.clock import Clock
from core.queue.model import load_queue_rules
from qtkit.collector import GuiThreadCollector
from qtkit.i18n import fill
from qtkit.scales import ThemeColors
from qtkit.speech import Speaker
from qtkit.tasks import EXPECTED_ERRORS, store_opener
from sync.adapter import PlatformAdapter
from sync.board_poll import BoardPoller
from sync.enrollment import client_for
from sync.queue_client import Board, BoardCall

logger = logging.getLogger(__name__)

SHOWN_CALLS: Final = 5  # the call being made and four before it: fits a 1080-line screen
NOTICE_MS: Final = 15_000  # each of the hall's notices (display_notices) shows this long in turn


def announcement(call: BoardCall) -> str:
    """What is said for a call: the ticket's letter and digits one by one, so every voice reads
    them alike ("请 A 0 2 3 号到 5 号窗口办理")."""
    spoken = " ".join(call.number)
    return f"请 {spoken} 号到 {call.window} 号窗口办理"


@dataclass
class BoardState:
    """What the display has shown: the calls (newest last) and the last ``seq`` announced."""

    calls: list[BoardCall]
    announced: int = 0

    def take(self, board: Board) -> list[BoardCall]:
        """Keep the new calls; return those not announced yet (oldest first)."""
        known = {c.seq for c in self.calls}
        self.calls = (self.calls + [c for c in board.calls if c.seq not in known])[-SHOWN_CALLS:]
        fresh = [c for c in board.calls if c.seq > self.announced]
        if board.calls:
            self.announced = max(self.announced, max(c.seq for c in board.calls))
        return fresh


class HallDisplay(QWidget):
    """The screen (1920×1080 or any landscape size). Lives on the GUI thread."""

    def __init__(
        self,
        hall_name: str,
        colors: ThemeColors,
        speaker: Speaker | None = None,
        parent: QWidget | None = None,
        *,
        notices: Sequence[str] = (),
    ) -> None:
        """``notices``: the hall's own (tongban.toml ``display_notices``), shown in turn; none: the
        standard one."""
        super().__init__(parent)
        self.setObjectName("hall-display")
        self.state = BoardState([])
        self.speaker = speaker
        self.lanes = {lane.id: lane.name for lane in load_queue_rules().lanes}  # the rules' names
        self.setStyleSheet(
            f"QWidget#hall-display {{ background: {colors.window}; }} QLabel {{ color: {colors.text}; }}"
        )
        outer = QVBoxLayout(self)
        outer.setContentsMargins(48, 32, 48, 32)
        outer.setSpacing(24)
        title = QLabel(hall_name or tr("政务服务中心"), self)
        title.setStyleSheet("font-size: 40pt; font-weight: bold;")
        outer.addWidget(title)
        body = QHBoxLayout()
        body.setSpacing(48)
        outer.addLayout(body, 1)

        left = QVBoxLayout()
        self.current = QLabel(tr("请留意叫号"), self)
        self.current.setObjectName("current-call")
        self.current.setWordWrap(True)
        self.current.setStyleSheet(
            f"font-size: 56pt; font-weight: bold; color: {colors.on_accent}; background: {colors.accent};"
            " padding: 32px; border-radius: 16px;"
        )
        self.current.setAlignment(Qt.AlignmentFlag.AlignCenter)
        left.addWidget(self.current)
        recent_title = QLabel(tr("最近叫号"), self)
        recent_title.setStyleSheet("font-size: 28pt; font-weight: bold;")
        left.addWidget(recent_title)
        self.recent = QGridLayout()
        self.recent.setHorizontalSpacing(64)
        self.recent.setColumnStretch(2, 1)  # number and window side by side, the rest empty
        left.addLayout(self.recent)
        left.addStretch(1)
        body.addLayout(left, 3)

        right = QFrame(self)
        right.setStyleSheet(f"QFrame {{ background: {colors.surface}; border-radius: 16px; }}")
        side = QVBoxLayout(right)
        side.setContentsMargins(32, 24, 32, 24)
        waiting_title = QLabel(tr("等候人数"), right)
        waiting_title.setStyleSheet("font-size: 28pt; font-weight: bold;")
        side.addWidget(waiting_title)
        self.waiting = QLabel("—", right)
        self.waiting.setObjectName("waiting")
        self.waiting.setStyleSheet("font-size: 32pt;")
        side.addWidget(self.waiting)
        side.addStretch(1)
        body.addWidget(right, 2)

        self.notices = list(notices) or [tr("请携带身份证件，按叫号到对应窗口办理。评价不影响办理结果。")]
        self.notice_index = 0
        self.offline = False
        self.notice = QLabel(self.notices[0], self)
        self.notice.setObjectName("notice")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet(
            f"font-size: 24pt; color: {colors.info_text}; background: {colors.info_bg}; padding: 16px;"
        )
        outer.addWidget(self.notice)
        self.notice_timer = QTimer(self)
        self.notice_timer.setInterval(NOTICE_MS)
        self.notice_timer.timeout.connect(self.next_notice)
        if len(self.notices) > 1:
            self.notice_timer.start()

    def next_notice(self) -> None:
        """The hall's next notice (while the hall server answers: offline, that message stays)."""
        self.notice_index = (self.notice_index + 1) % len(self.notices)
        if not self.offline:
            self.notice.setText(self.notices[self.notice_index])

    def show_board(self, board: Board) -> list[str]:
        """Show ``board``; announce the calls not announced yet. Returns what was said."""
        fresh = self.state.take(board)
        if self.state.calls:
            last = self.state.calls[-1]
            self.current.setText(fill(tr("请 %1 号\n到 %2 号窗口办理"), last.number, last.window))
        while self.recent.count():
            item = self.recent.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for row, call in enumerate(reversed(self.state.calls[:-1])):
            number = QLabel(call.number, self)
            number.setStyleSheet("font-size: 30pt; font-weight: bold;")
            window = QLabel(fill(tr("%1 号窗口"), call.window), self)
            window.setStyleSheet("font-size: 28pt;")
            self.recent.addWidget(number, row, 0)
            self.recent.addWidget(window, row, 1)
        self.waiting.setText(
            "\n".join(
                fill(tr("%1：%2 人"), self.lanes.get(lane, lane), count)
                for lane, count in board.waiting.items()
            )
        )
        self.offline = False
        self.notice.setText(self.notices[self.notice_index])
        said = [announcement(call) for call in fresh]
        if self.speaker is not None:
            for text in said[-2:]:  # after an outage, only the last calls: not a minute of numbers
                self.speaker.say(text)
        return said

    def show_offline(self) -> None:
        self.offline = True
        self.notice.setText(tr("大厅叫号服务暂时连接不上：请以窗口叫号为准，已取的号仍然有效。"))


def tr(text: str) -> str:
    return QCoreApplication.translate("HallDisplay", text)


class _BoardBridge(QObject):
    """The poller's answers into Qt: emitted on the poller's thread, delivered (queued) on the GUI
    thread, where this object lives."""

    board_read = Signal(object)  # sync.queue_client.Board
    board_failed = Signal(object)  # the exception
    poller_ended = Signal()

    def post(self, signal: SignalInstance, *args: object) -> None:
        """Emit from the poller's thread; nothing when the display is already gone."""
        with contextlib.suppress(RuntimeError):  # deleted with the display: nobody to tell
            signal.emit(*args)


class HallDisplayApp(QObject):
    """The display's board: one long-poll outstanding on the poller's thread (sync/board_poll.py).
    Lives on the GUI thread; ``stop`` returns at once, even with a poll in flight.

    While the poller's thread runs, cyclic garbage is collected on the GUI thread only
    (qtkit.collector, as TaskRunner does): a collection started by the poller's allocations must
    not destroy a QObject. The collector stops once the thread has ended.
    """

    def __init__(
        self, display: HallDisplay, data_dir: Path, clock: Clock, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.display = display
        self.bridge = _BoardBridge(self)
        self.bridge.board_read.connect(self._on_board_read, Qt.ConnectionType.QueuedConnection)
        self.bridge.board_failed.connect(self._on_board_failed, Qt.ConnectionType.QueuedConnection)
        self.bridge.poller_ended.connect(self._on_poller_ended, Qt.ConnectionType.QueuedConnection)
        self.collector = GuiThreadCollector(self)
        open_store = store_opener(data_dir, clock=clock)

        def connect() -> PlatformAdapter:
            # The client outlives the store: reading the board needs only the enrolment's URL
            # and secret, read here on the poller's thread.
            with open_store() as store:
                return client_for(store, timeout=(1.0, 2.0))

        bridge = self.bridge
        self.poller = BoardPoller(
            connect,
            lambda board: bridge.post(bridge.board_read, board),
            lambda exc: bridge.post(bridge.board_failed, exc),
            on_end=lambda: bridge.post(bridge.poller_ended),
        )

    def start(self) -> None:
        self.collector.start()
        self.poller.start()

    def stop(self) -> None:
        if self.poller.stop():
            self.collector.stop()
        # else: a poll is in flight; the collector stops when the thread ends (_on_poller_ended)

    def _on_poller_ended(self) -> None:
        self.collector.stop()

    def _on_board_read(self, board: Board) -> None:
        if not self.poller.stopped:
            self.display.show_board(board)

    def _on_board_failed(self, exc: BaseException) -> None:
        if self.poller.stopped:
            return
        if isinstance(exc, EXPECTED_ERRORS):
            logger.info("hall display: board not read: %s", exc)
        else:
            logger.error("hall display: board not read", exc_info=exc)
        self.display.show_offline()


def run_hall_display(data_dir: Path, config_path: Path, *, windowed: bool) -> int:
    """The display until the window is closed (or SIGTERM)."""
    from core.clock import SystemClock
    from core.config import load_config
    from qtkit.signals import QuitOnSignals
    from qtkit.theme import apply_theme

    qapp = QApplication.instance() or QApplication(["tongban-hall-display"])
    assert isinstance(qapp, QApplication)
    theme = apply_theme(qapp)
    config = load_config(config_path, data_dir)
    speaker = Speaker()
    display = HallDisplay(config.hall_name, theme.colors, speaker, notices=config.display_notices)
    app = HallDisplayApp(display, data_dir, SystemClock())
    signals = QuitOnSignals(qapp)  # SIGTERM (systemctl stop) quits like closing the window
    if windowed:
        display.resize(1366, 768)
        display.show()
    else:
        display.showFullScreen()
    app.start()
    code = qapp.exec()
    app.stop()
    speaker.close()
    signals.close()
    return int(code)
