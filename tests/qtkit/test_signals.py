"""SIGTERM quits the Qt event loop (so the app's stop runs), and the old handlers come back."""

from __future__ import annotations

import os
import signal

from PySide6.QtCore import QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QWidget
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


class Unclosable(QWidget):
    """Like the kiosk's window under its lockdown: every close is refused."""

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()


def test_sigterm_ends_the_event_loop_even_when_a_window_refuses_to_close(
    qtbot: QtBot, qapp: QApplication
) -> None:
    window = Unclosable()
    qtbot.addWidget(window)
    window.show()
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
    assert window.isVisible()  # nothing was asked of the window: the app's stop does the rest
