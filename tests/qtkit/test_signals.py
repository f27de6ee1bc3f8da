"""SIGTERM quits the Qt event loop (so the app's stop runs), and the old handlers come back."""

from __future__ import annotations

import os
import signal

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from qtkit.signals import QuitOnSignals


def test_sigterm_ends_the_event_loop(qtbot: QtBot, qapp: QApplication) -> None:
    before = signal.getsignal(signal.SIGTERM)
    stopper = QuitOnSignals(qapp)
    try:
        QTimer.singleShot(50, lambda: os.kill(os.getpid(), signal.SIGTERM))
        failsafe = QTimer()
        failsafe.setSingleShot(True)
        failsafe.timeout.connect(lambda: qapp.exit(7))  # the signal did not end it
        failsafe.start(10_000)
        assert qapp.exec() == 0
        failsafe.stop()
    finally:
        stopper.close()
    assert signal.getsignal(signal.SIGTERM) == before
