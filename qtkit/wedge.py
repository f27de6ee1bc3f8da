"""``WedgeFilter``: an application-wide key filter that turns keyboard-wedge scanner bursts into ``scanned``."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Final, cast

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from devices.qr.wedge import WedgeClassifier, WedgeConfig, WedgeOutput
from qtkit.threads import require_gui_thread

__all__ = ["WedgeConfig", "WedgeFilter"]

logger = logging.getLogger(__name__)

# research/devices.md §4.2. Every plain printable key (and Return/Enter) typed into the focus
# object is held back and fed, with a monotonic timestamp, to devices.qr.wedge.WedgeClassifier. A
# burst the classifier calls a scan is emitted as `scanned(code)` and its keys are swallowed, so
# scanner input never lands in a text field by mistake; keys it calls human are re-sent, in order,
# to the widget that had focus. A QTimer releases a person's last key after max_gap_ms.

_RETURN_KEYS: Final = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_COMMAND_MODIFIERS: Final = (
    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier
)
_KeyInfo = tuple[int, Qt.KeyboardModifier]


def _monotonic_ms() -> float:
    return time.monotonic() * 1000.0


class WedgeFilter(QObject):
    """Install with ``install(app)``. Lives on the GUI thread (the classifier is not thread-safe).

    ``QKeyEvent.timestamp()`` is 0 for synthesised events (§4.2), so time comes from ``clock``
    (milliseconds, monotonic), which tests may replace.
    """

    scanned = Signal(str)

    def __init__(
        self,
        config: WedgeConfig | None = None,
        *,
        clock: Callable[[], float] = _monotonic_ms,
        parent: QObject | None = None,
    ) -> None:
        require_gui_thread("WedgeFilter")
        super().__init__(parent)
        self._classifier = WedgeClassifier(config)
        self._clock = clock
        self._enabled = True
        self._resending = False
        self._target: QObject | None = None  # the focus object when the held keys were typed
        self._keys: dict[str, _KeyInfo] = {}  # how each held character was typed, to re-send it
        self._app: QApplication | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer_timeout)

    @property
    def config(self) -> WedgeConfig:
        return self._classifier.config

    @property
    def pending(self) -> str:
        """Keys held back right now (a burst still being judged)."""
        return self._classifier.pending

    def install(self, app: QApplication) -> None:
        """Filter every key event of ``app``."""
        app.installEventFilter(self)
        app.focusChanged.connect(self._on_focus_changed)
        self._app = app

    def uninstall(self) -> None:
        """Stop filtering; held keys are released to their widget first."""
        self.flush()
        if self._app is not None:
            self._app.removeEventFilter(self)
            self._app.focusChanged.disconnect(self._on_focus_changed)
            self._app = None

    def set_enabled(self, enabled: bool) -> None:
        """Disable (e.g. for a password dialog): held keys are released, later keys pass untouched."""
        if not enabled:
            self.flush()
        self._enabled = enabled

    def flush(self) -> None:
        """Judge the held keys now, as if the burst had timed out."""
        if self._classifier.next_deadline_ms() is None:
            return
        far = max(self.config.max_gap_ms, self.config.prefix_timeout_ms) + 1.0
        self._apply(self._classifier.poll(self._clock() + far))

    # -- the filter ----------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._resending or not self._enabled or event.type() != QEvent.Type.KeyPress:
            return False
        # One key event is seen several times (window, focus widget, parents): judge it once,
        # when it reaches the focus object (§4.2: the "doubled characters" bug).
        if watched is not QApplication.focusObject() or not isinstance(event, QKeyEvent):
            return False
        char = self._char_of(event)
        if char is None:
            if self._classifier.next_deadline_ms() is not None:
                # A non-character key (Backspace, Tab, an arrow) ends the burst. It must arrive
                # after the keys held before it, so it is re-sent behind them.
                self.flush()
                self._send(watched, event.key(), event.modifiers(), event.text())
                return True
            return False
        if self._classifier.next_deadline_ms() is None:
            self._target = watched
        self._keys[char] = (event.key(), event.modifiers())
        output = self._classifier.feed(self._clock(), char)
        self._apply(output)  # keys released by this feed were typed before it: the old target
        if self._classifier.pending == char:
            self._target = watched  # this key began a new run of held keys
        return True

    def _char_of(self, event: QKeyEvent) -> str | None:
        """The character to feed, or None for keys that are never part of a scan."""
        if event.isAutoRepeat() or event.modifiers() & _COMMAND_MODIFIERS:
            return None  # a held-down key repeats every ~30 ms: fast, but not a scanner
        if event.key() in _RETURN_KEYS:
            return "\r"
        text = event.text()
        if len(text) != 1:
            return None
        if text.isprintable() or (self.config.prefix and text == self.config.prefix):
            return text
        return None

    # -- results -------------------------------------------------------------------------------

    def _apply(self, output: WedgeOutput) -> None:
        for kind, text in output.events:
            if kind == "scan":
                logger.debug("wedge scan of %d characters", len(text))
                self.scanned.emit(text)
            else:
                self._release(text)
        deadline = self._classifier.next_deadline_ms()
        if deadline is None:
            self._timer.stop()
        else:
            self._timer.start(max(0, int(deadline - self._clock()) + 1))

    def _release(self, text: str) -> None:
        """Hand human keys on to the widget they were typed into (the focus object if it is gone)."""
        target = self._target
        if target is None or not shiboken6.isValid(target):
            target = cast(QObject | None, QApplication.focusObject())  # None when no window is active
        if target is None:
            logger.debug("dropping %d typed keys: nothing has focus", len(text))
            return
        for char in text:
            key, modifiers = self._keys.get(char, (_key_for(char), Qt.KeyboardModifier.NoModifier))
            self._send(target, key, modifiers, char)

    def _send(self, target: QObject, key: int, modifiers: Qt.KeyboardModifier, text: str) -> None:
        self._resending = True
        try:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(target, QKeyEvent(kind, key, modifiers, text))
        finally:
            self._resending = False

    @Slot(QWidget, QWidget)
    def _on_focus_changed(self, _old: QWidget | None, _new: QWidget | None) -> None:
        # Keys held for one field must not wait until the person types into the next one.
        self.flush()

    @Slot()
    def _on_timer_timeout(self) -> None:
        self._apply(self._classifier.poll(self._clock()))


def _key_for(char: str) -> int:
    """A plausible Qt key code for a character (only used when its typing was not seen)."""
    if char == "\r":
        return int(Qt.Key.Key_Return.value)
    if char.isascii() and char.isalnum():
        return ord(char.upper())
    return int(Qt.Key.Key_unknown.value)
