"""The owner thread of a code source: started once, stopped from anywhere (even its own callback)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from devices.errors import DeviceError
from devices.qr import ScanResult

_log = logging.getLogger(__name__)

OnScan = Callable[[ScanResult], None]
OnError = Callable[[DeviceError], None]


class OwnerThread:
    """Runs ``_run(on_scan, on_error)`` on one thread named ``thread_name`` until ``_stop`` is set.

    Subclasses (the serial and camera scanners) do all device I/O inside ``_run``; ``start`` and
    ``stop`` are safe from any thread.
    """

    thread_name = "qr-source"

    def __init__(self) -> None:
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self, on_scan: OnScan, on_error: OnError) -> None:
        if self._thread is not None:
            raise RuntimeError(f"{self.thread_name} already started")
        self._stop.clear()
        self._thread = threading.Thread(
            target=self._run, args=(on_scan, on_error), name=self.thread_name, daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        thread, self._thread = self._thread, None
        if thread is not None:
            self._stop.set()
            if thread is threading.current_thread():
                return  # called from a callback: the loop ends after it returns
            thread.join(timeout=5)
            if thread.is_alive():
                _log.error("%s thread did not stop within 5 s", self.thread_name)

    @property
    def running(self) -> bool:
        return self._thread is not None

    def _run(self, on_scan: OnScan, on_error: OnError) -> None:
        raise NotImplementedError
