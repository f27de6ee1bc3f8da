"""SIGTERM and SIGINT end the Qt event loop cleanly (systemd's stop, Ctrl+C in a terminal).

Python runs a signal handler only when the interpreter gets control, which a Qt event loop
waiting in C++ may not give it for a long time. The handler therefore only writes to a wake-up
pipe (``signal.set_wakeup_fd``); a QSocketNotifier on the GUI thread reads it and ends the
event loop, so the app's ``stop`` runs: the session wiped, workers and devices stopped.

It ends the loop with ``exit(0)``, not ``quit()``: since Qt 6 ``quit()`` first closes every window
and gives up when one refuses, and the kiosk's window refuses every close (kiosk/lockdown.py), so a
quit left systemd waiting out its stop timeout. A signal is not a request a window may decline.
Exit status 0: systemd counts the stop as clean.
"""

from __future__ import annotations

import logging
import os
import signal
from collections.abc import Callable
from types import FrameType

from PySide6.QtCore import QCoreApplication, QObject, QSocketNotifier

logger = logging.getLogger(__name__)


class QuitOnSignals(QObject):
    """Lives on the GUI thread; ``close`` puts the previous handlers back."""

    def __init__(
        self, app: QCoreApplication, signals: tuple[signal.Signals, ...] = (signal.SIGTERM, signal.SIGINT)
    ) -> None:
        super().__init__(app)
        self._app = app
        self._read, self._write = os.pipe()
        os.set_blocking(self._read, False)
        os.set_blocking(self._write, False)
        self._previous_fd = signal.set_wakeup_fd(self._write)
        self._previous: dict[signal.Signals, Callable[[int, FrameType | None], object] | int | None] = {}
        for number in signals:
            self._previous[number] = signal.signal(number, self._note)
        self._notifier = QSocketNotifier(self._read, QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._on_notifier_activated)

    @staticmethod
    def _note(number: int, _frame: FrameType | None) -> None:
        """The Python-level handler: nothing to do; the wake-up byte does the work."""

    def _on_notifier_activated(self) -> None:
        try:
            data = os.read(self._read, 64)
        except BlockingIOError:
            return
        names = ", ".join(signal.Signals(b).name for b in data if b in signal.Signals._value2member_map_)
        logger.info("%s received: quitting", names or "a signal")
        self._app.exit(0)

    def close(self) -> None:
        self._notifier.setEnabled(False)
        for number, handler in self._previous.items():
            signal.signal(number, handler)
        signal.set_wakeup_fd(self._previous_fd)
        os.close(self._read)
        os.close(self._write)
