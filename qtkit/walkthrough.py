"""A scripted walk-through of a real GUI, offscreen, a PNG of every stage (both GUIs use it).

A ``Walkthrough`` is a list of stages, each an action and a predicate; a QTimer polls the
predicate (no sleeps, no processEvents loops), then the shot is grabbed to ``<stage name>.png``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from PySide6.QtCore import QCoreApplication, QMessageLogContext, QObject, QTimer, QtMsgType, Signal
from PySide6.QtWidgets import QWidget

from qtkit.screenshots import save_screenshot

logger = logging.getLogger(__name__)

POLL_MS: Final = 50
SETTLE_MS: Final = 200  # layouts and repaints settle before a grab


@dataclass
class Stage:
    name: str  # the screenshot's file stem, e.g. "03-bundle-search"
    action: Callable[[], None]
    until: Callable[[], bool]
    timeout_s: float = 30.0
    shot: Callable[[], QWidget | None] | None = None  # what to grab (default: the walk's own shot)
    repeat_ms: int = 0  # > 0: repeat the action this often while waiting (e.g. a sync round)
    screenshot: bool = True


def in_order(*actions: Callable[[], object]) -> Callable[[], None]:
    """One stage action that runs ``actions`` one after another (results are dropped)."""

    def run() -> None:
        for action in actions:
            action()

    return run


@dataclass
class Outcome:
    ok: bool = False
    message: str = ""
    screenshots: list[Path] = field(default_factory=list)
    receipt: Path | None = None
    case_number: str = ""


class Walkthrough(QObject):
    """Runs stages one after another. Lives on the GUI thread; ``finished(ok, message)``."""

    finished = Signal(bool, str)

    def __init__(
        self,
        parent: QObject,
        out_dir: Path,
        stages: list[Stage],
        shot: Callable[[], QWidget | None],
    ) -> None:
        super().__init__(parent)
        self.out_dir = out_dir
        self.stages = stages
        self.shot = shot
        self.outcome = Outcome()
        self._index = -1
        self._waited_ms = 0
        self._since_action_ms = 0
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._on_poll_timeout)

    def start(self) -> None:
        QTimer.singleShot(0, self._advance)

    def end_loop_when_finished(self, loop: QCoreApplication) -> None:
        """Leave ``loop``'s event loop when the walk ends, however it ends. exit(), not quit():
        Qt 6's quit() first asks every window to close, and a window client holding an unsaved
        intake refuses — a walk-through that failed mid-intake then never ended."""
        self.finished.connect(lambda ok, _message: loop.exit(0 if ok else 1))

    def _advance(self) -> None:
        self._index += 1
        if self._index >= len(self.stages):
            self.outcome.ok = True
            self.finished.emit(True, "")
            return
        stage = self.stages[self._index]
        logger.info("walk-through stage %s", stage.name)
        try:
            stage.action()
        except Exception as exc:  # a broken script is reported, not raised into Qt
            self._fail(f"{stage.name}: {type(exc).__name__}: {exc}")
            return
        self._waited_ms = self._since_action_ms = 0
        self._poll.start()

    def _on_poll_timeout(self) -> None:
        stage = self.stages[self._index]
        self._waited_ms += POLL_MS
        self._since_action_ms += POLL_MS
        try:
            done = stage.until()
        except Exception as exc:
            self._poll.stop()
            self._fail(f"{stage.name}: {type(exc).__name__}: {exc}")
            return
        if done:
            self._poll.stop()
            QTimer.singleShot(SETTLE_MS, self._grab)
        elif self._waited_ms >= stage.timeout_s * 1000:
            self._poll.stop()
            self._fail(f"{stage.name}: not done within {stage.timeout_s:g} s")
        elif stage.repeat_ms and self._since_action_ms >= stage.repeat_ms:
            self._since_action_ms = 0
            stage.action()

    def _grab(self) -> None:
        stage = self.stages[self._index]
        widget = stage.shot() if stage.shot is not None else self.shot()
        if widget is not None and stage.screenshot:
            self.outcome.screenshots.append(save_screenshot(widget, self.out_dir / f"{stage.name}.png"))
        self._advance()

    def _fail(self, message: str) -> None:
        """Say where it stopped, with a picture of what was on screen then (``failed-<stage>.png``)."""
        logger.error("walk-through failed at %s", message)
        self.outcome.message = message
        try:
            widget = self.shot()
            if widget is not None:
                stage = self.stages[self._index].name
                save_screenshot(widget, self.out_dir / f"failed-{stage}.png")
        except Exception:  # the failure is the news, not its picture
            logger.exception("no screenshot of the failed stage")
        self.finished.emit(False, message)


def report_outcome(outcome: Outcome, out_dir: Path, printed: Sequence[str] = ()) -> int:
    """What a demo command prints after its walk-through (Chinese, for the person at the terminal);
    the exit code: 0 when the walk-through went through."""
    print(f"截图 {len(outcome.screenshots)} 张：{out_dir}")
    for line in printed:
        print(line)
    print(f"平台上的办件：{out_dir / 'platform-cases.json'}")
    if outcome.case_number:
        print(f"办件编号：{outcome.case_number}")
    if not outcome.ok:
        print(f"演示没有走完：{outcome.message}")
        return 1
    print("演示完成。")
    return 0


def quiet_qt_messages(mode: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    """The offscreen platform says on every show() that it cannot propagate size hints: not news."""
    if "propagateSizeHints" in message:
        return
    level = logging.WARNING if mode in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg) else logging.DEBUG
    logging.getLogger("qt").log(level, "%s", message)
