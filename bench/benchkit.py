"""What the GUI benchmarks share: waiting on the Qt event loop without sleeping."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEventLoop, QTimer


def wait_for(
    predicate: Callable[[], bool], timeout_s: float, what: str, describe: Callable[[], str] | None = None
) -> None:
    """Run the event loop until ``predicate`` holds (a 2 ms QTimer checks it; nothing sleeps);
    on a timeout, exit naming ``what`` and what ``describe`` says the GUI shows."""
    if predicate():
        return
    loop = QEventLoop()
    deadline = time.monotonic() + timeout_s
    timer = QTimer()
    timer.setInterval(2)
    timer.timeout.connect(lambda: loop.quit() if predicate() or time.monotonic() > deadline else None)
    timer.start()
    loop.exec()
    timer.stop()
    if not predicate():
        shown = f" (showing: {describe()})" if describe is not None else ""
        raise SystemExit(f"timed out waiting for {what}{shown}")
