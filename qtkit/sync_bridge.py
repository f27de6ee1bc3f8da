"""``SyncBridge``: sync rounds on the runner's ``sync`` worker, scheduled by a QTimer, reported as signals."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Final, Protocol

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from qtkit.tasks import TaskRunner
from qtkit.threads import require_gui_thread

logger = logging.getLogger(__name__)

# Coded against a small Protocol (SyncRunner.run_once() -> report) so that sync.service.SyncService
# fits as it is: the factory runs once, on the sync worker, and gets the progress hook to pass as
# the service's `progress` argument. A round never touches the GUI thread (aesthetics.md §3.3).

# sync.transport's local error codes for "no usable link to the platform"; any other outcome
# means the platform answered (even with an error), so the device is online.
OFFLINE_CODES: Final = frozenset({"unreachable", "timeout", "network", "tls", "pin_mismatch", "bad_url"})
DEFAULT_INTERVAL_MS: Final = 30_000


class SyncRunner(Protocol):
    """One sync round per call (``sync.service.SyncService`` is one). Lives on the sync worker."""

    def run_once(self) -> object:
        """Push and pull once; returns a report (a frozen dataclass). May raise for a broken store."""
        ...


ProgressHook = Callable[[object], None]
SyncRunnerFactory = Callable[[ProgressHook], SyncRunner]
"""Builds the runner on the sync worker thread (so it may open that thread's Store), given the
progress hook: call it with anything that has ``events_done``, ``events_total``, ``bytes_done``,
``bytes_total`` (``sync.report.SyncProgress``) or with a 4-tuple of those numbers."""


def report_online(report: object) -> bool | None:
    """Whether a round's report shows the platform reachable: False for OFFLINE_CODES, True when
    the round succeeded or the platform answered with an error, None when it cannot tell."""
    code = getattr(report, "error_code", None)
    if code in OFFLINE_CODES:
        return False
    if getattr(report, "ok", None) is True or code:
        return True
    return None


def error_online(error: BaseException) -> bool | None:
    """A round that raised: offline only when the error says the link failed."""
    return False if getattr(error, "code", None) in OFFLINE_CODES else None


def progress_numbers(progress: object) -> tuple[int, int, int, int]:
    """(events done, events total, bytes done, bytes total) from a SyncProgress-like value."""
    if isinstance(progress, tuple) and len(progress) == 4:
        done, total, bytes_done, bytes_total = progress
    else:
        done = getattr(progress, "events_done", 0)
        total = getattr(progress, "events_total", 0)
        bytes_done = getattr(progress, "bytes_done", 0)
        bytes_total = getattr(progress, "bytes_total", 0)
    return int(done), int(total), int(bytes_done), int(bytes_total)


class SyncBridge(QObject):
    """Schedules sync rounds and reports them. Lives on the GUI thread.

    ``sync_finished(report)`` follows every round that returned a report — a failed round too:
    ``report.ok`` says which; ``sync_failed(error)`` follows a round that raised. At most one
    round runs at a time; ``sync_now`` during a round asks for one more right after it.
    """

    sync_started = Signal()
    # events done, events total, bytes done, bytes total; qlonglong: byte counts pass 2**31
    sync_progress = Signal(int, int, "qlonglong", "qlonglong")  # type: ignore[arg-type]
    sync_finished = Signal(object)
    sync_failed = Signal(object)
    online_changed = Signal(bool)

    _progress_posted = Signal()

    def __init__(
        self,
        runner: TaskRunner,
        factory: SyncRunnerFactory,
        *,
        interval_ms: int = DEFAULT_INTERVAL_MS,
        online_of: Callable[[object], bool | None] = report_online,
        monotonic: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        require_gui_thread("SyncBridge")
        super().__init__(parent)
        self._runner = runner
        self._online_of = online_of
        self._monotonic = monotonic
        self._key = runner.add_resource(
            f"sync-runner-{id(self):x}", open=lambda: factory(self._report_progress)
        )
        self._timer = QTimer(self)
        self._timer.setInterval(max(interval_ms, 0))
        self._timer.timeout.connect(self._on_timer_timeout)
        self._future: Future[object] | None = None
        self._again = False
        self._online: bool | None = None
        self._not_before = 0.0
        self._stopped = False
        self._progress_lock = threading.Lock()
        self._latest: tuple[int, int, int, int] | None = None
        self._progress_posted.connect(self._on_progress_posted, Qt.ConnectionType.QueuedConnection)

    # -- control (GUI thread) ------------------------------------------------------------------

    def start(self, *, run_now: bool = True) -> None:
        """Start periodic rounds (every ``interval_ms``; 0: only ``sync_now``), and one now."""
        if self._stopped:
            raise RuntimeError("SyncBridge is stopped")
        if self._timer.interval() > 0:
            self._timer.start()
        if run_now:
            self.sync_now()

    def sync_now(self) -> bool:
        """Start a round now; False when one is running (another follows it) or the bridge is stopped."""
        if self._stopped:
            return False
        if self._future is not None:
            self._again = True
            return False
        self._launch()
        return True

    def set_interval_ms(self, interval_ms: int) -> None:
        self._timer.setInterval(max(interval_ms, 0))
        if interval_ms <= 0:
            self._timer.stop()

    @property
    def interval_ms(self) -> int:
        return self._timer.interval()

    @property
    def running(self) -> bool:
        """A round is queued or running."""
        return self._future is not None

    @property
    def online(self) -> bool | None:
        """The last known reachability of the platform (None before the first round tells)."""
        return self._online

    def stop(self, timeout: float = 10.0) -> bool:
        """Stop scheduling and wait for a running round (up to ``timeout``); safe to call twice.
        No signal is emitted afterwards. False when the round did not end in time."""
        require_gui_thread("SyncBridge.stop")
        self._stopped = True
        self._timer.stop()
        future, self._future = self._future, None
        if future is None or future.cancel():
            return True
        try:
            future.result(timeout)
        except FutureTimeout:
            logger.error("the sync round did not end within %.1fs", timeout)
            return False
        except Exception:  # the runner logged it; stopping goes on
            pass
        return True

    # -- rounds --------------------------------------------------------------------------------

    def _launch(self) -> None:
        self._again = False
        self.sync_started.emit()
        self._future = self._runner.run_with(
            self._key,
            lambda sync_runner: sync_runner.run_once(),
            on_done=self._on_round_done,
            on_error=self._on_round_failed,
            executor="sync",
        )

    def _on_round_done(self, report: object) -> None:
        self._future = None
        if self._stopped:
            return
        retry_after = getattr(report, "retry_after_s", None)
        if isinstance(retry_after, int | float) and retry_after > 0:
            self._not_before = self._monotonic() + float(retry_after)  # the platform's Retry-After
        self._set_online(self._online_of(report))
        self.sync_finished.emit(report)
        self._follow_up()

    def _on_round_failed(self, error: BaseException) -> None:
        self._future = None
        if self._stopped:
            return
        self._set_online(error_online(error))
        self.sync_failed.emit(error)
        self._follow_up()

    def _follow_up(self) -> None:
        if self._again and not self._stopped and self._future is None:
            self._launch()

    def _set_online(self, online: bool | None) -> None:
        if online is None or online == self._online:
            return
        self._online = online
        self.online_changed.emit(online)

    def tick(self) -> bool:
        """What the timer does: start a round unless one is running, the bridge is stopped, or
        the platform's Retry-After has not passed. True when a round was started."""
        if self._stopped or self._future is not None or self._monotonic() < self._not_before:
            return False
        self._launch()
        return True

    @Slot()
    def _on_timer_timeout(self) -> None:
        self.tick()

    # -- progress (sync worker → GUI thread, coalesced) -------------------------------------------

    def _report_progress(self, progress: object) -> None:
        """The progress hook: runs on the sync worker; only the latest value waits for the GUI."""
        numbers = progress_numbers(progress)
        with self._progress_lock:
            waiting = self._latest is not None
            self._latest = numbers
        if not waiting:
            self._progress_posted.emit()

    @Slot()
    def _on_progress_posted(self) -> None:
        with self._progress_lock:
            numbers, self._latest = self._latest, None
        if numbers is not None and not self._stopped:
            self.sync_progress.emit(*numbers)
