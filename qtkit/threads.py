"""Which thread is the GUI thread, and the check every GUI-thread object makes when it is built."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QThread


def is_gui_thread() -> bool:
    """True on the thread that runs the QCoreApplication (False when there is no application)."""
    app = QCoreApplication.instance()
    return app is not None and QThread.currentThread() is app.thread()


def require_gui_thread(what: str) -> None:
    """Raise unless called on the GUI thread (Electrum's ``must be called from GUI thread``).

    A RuntimeError rather than ``assert``, so the check survives ``python -O``.
    """
    if not is_gui_thread():
        raise RuntimeError(f"{what} must be created and used on the GUI thread (is a QApplication running?)")
