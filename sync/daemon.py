"""``SyncDaemon``: sync rounds on their own thread, scheduled by ``sync.schedule.RoundScheduler``.

The scheduler backs off after failures and, while the platform does not answer, plans a probe
about every second, so a round starts as soon as it answers again. Waits are
``threading.Event.wait`` with a timeout, never ``time.sleep``: ``stop()`` ends the thread within
one probe timeout (STYLE.md: everything started is stopped).
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable

from core.store.store import Store
from sync.adapter import PlatformAdapter
from sync.report import SyncReport
from sync.schedule import (
    INTERVAL_S,
    PROBE_INTERVAL_S,
    PROBE_TIMEOUT,
    RoundScheduler,
    Step,
    outcome_of,
)
from sync.service import SyncService
from sync.transport import Timeout

logger = logging.getLogger(__name__)

ReportCallback = Callable[[SyncReport], None]


def _ignore_report(_: SyncReport) -> None:
    """The report callback of a caller that wants none."""


class SyncDaemon:
    """Owns the sync worker thread ("tongban-sync"). ``start``/``stop``/``wake`` may be called
    from any thread; the Store, the client and the SyncService are made and used on the worker
    thread only (one Store per thread, DESIGN.md: threading). Callbacks run on the worker thread.
    The GUIs drive the same RoundScheduler from their SyncBridge instead."""

    def __init__(
        self,
        store_factory: Callable[[], Store],
        client_factory: Callable[[Store], PlatformAdapter],
        service_factory: Callable[[Store, PlatformAdapter], SyncService],
        *,
        on_report: ReportCallback = _ignore_report,
        interval: float | None = INTERVAL_S,
        probe_interval: float = PROBE_INTERVAL_S,
        probe_timeout: Timeout = PROBE_TIMEOUT,
        rng: random.Random | None = None,
    ) -> None:
        """The factories run on the worker thread, in this order, once per daemon. ``interval``:
        between rounds while all is well (None: only when woken, and to retry a failure)."""
        self._store_factory = store_factory
        self._client_factory = client_factory
        self._service_factory = service_factory
        self._on_report = on_report
        self._interval = interval
        self._probe_interval = probe_interval
        self._probe_timeout = probe_timeout
        self._rng = rng or random.Random()
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self.rounds = 0
        self.crashed: BaseException | None = None  # an unexpected error that ended the worker

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError("SyncDaemon already started")
        self._thread = threading.Thread(target=self._run, name="tongban-sync", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        """Start a round now (e.g. right after a case was accepted) instead of at the next interval."""
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        """Ask the worker to finish its current request and end; wait for it up to ``timeout``."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive():
                logger.error("sync worker did not stop within %.1fs", timeout)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    # -- the worker thread -------------------------------------------------------------------

    def _run(self) -> None:
        try:
            with self._store_factory() as store:
                client = self._client_factory(store)
                try:
                    self._loop(self._service_factory(store, client))
                finally:
                    client.close()
        except BaseException as exc:  # the worker must not die silently: say so, keep it for the owner
            self.crashed = exc
            logger.exception("sync worker stopped by an unexpected error")

    def _loop(self, service: SyncService) -> None:
        scheduler = RoundScheduler(
            interval=self._interval, probe_interval=self._probe_interval, rng=self._rng
        )
        plan = scheduler.wake(time.monotonic())
        while not self._stop.is_set():
            wait = plan.wait_s(time.monotonic())
            if wait is None or wait > 0:
                if self._wake.wait(wait):
                    self._wake.clear()
                    plan = scheduler.wake(time.monotonic())
                continue
            if plan.step is Step.PROBE:
                answered = service.client.reachable(self._probe_timeout)
                if answered:
                    logger.info("platform answers again; syncing now")
                plan = scheduler.probe_ended(answered, time.monotonic())
                continue
            self._wake.clear()
            report = service.run_once()
            self.rounds += 1
            self._on_report(report)
            plan = scheduler.round_ended(
                outcome_of(report), time.monotonic(), retry_after=report.retry_after_s
            )
