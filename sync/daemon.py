"""``SyncDaemon``: sync rounds on their own thread, backing off after failures and probing the
platform every second or so, so a sync starts as soon as it answers again.

Sync that does not restart after reconnecting is a named failure of comparable systems (ODK
Collect #6120, DHIS2 ANDROAPP-6611: research/anchors-mission.md §3.3). Waits are
``threading.Event.wait`` with a timeout, never ``time.sleep``: ``stop()`` ends the thread within
one probe timeout (STYLE.md: everything started is stopped).
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable
from typing import Final

from core.store.store import Store
from sync import backoff
from sync.client import PlatformClient
from sync.report import SyncReport
from sync.service import SyncService
from sync.transport import PROBE_TIMEOUT, Timeout

logger = logging.getLogger(__name__)

INTERVAL_S: Final = 30.0  # between rounds while all is well; wake() starts one sooner
PROBE_INTERVAL_S: Final = 1.0

ReportCallback = Callable[[SyncReport], None]


def _ignore_report(_: SyncReport) -> None:
    """The report callback of a caller that wants none."""


class SyncDaemon:
    """Owns the sync worker thread ("tongban-sync"). ``start``/``stop``/``wake`` may be called
    from any thread; the Store, the client and the SyncService are made and used on the worker
    thread only (one Store per thread, DESIGN.md: threading). Callbacks run on the worker thread:
    a GUI's bridge re-emits them as Qt signals."""

    def __init__(
        self,
        store_factory: Callable[[], Store],
        client_factory: Callable[[Store], PlatformClient],
        service_factory: Callable[[Store, PlatformClient], SyncService],
        *,
        on_report: ReportCallback = _ignore_report,
        interval: float = INTERVAL_S,
        probe_interval: float = PROBE_INTERVAL_S,
        probe_timeout: Timeout = PROBE_TIMEOUT,
        rng: random.Random | None = None,
    ) -> None:
        """The factories run on the worker thread, in this order, once per daemon."""
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
        failures = 0
        while not self._stop.is_set():
            self._wake.clear()
            report = service.run_once()
            self.rounds += 1
            self._on_report(report)
            if report.ok:
                failures = 0
                self._wake.wait(self._interval)
                continue
            failures += 1
            self._back_off(service.client, failures, report)

    def _back_off(self, client: PlatformClient, failures: int, report: SyncReport) -> None:
        """Wait before the next round; when the platform was unreachable, probe it meanwhile and
        start at once when it answers. 5xx, 429 and permanent errors wait out the delay (a
        healthy /health says nothing about why they failed, and Retry-After is a promise)."""
        retry_after = report.retry_after_s
        now = time.monotonic()
        until = backoff.next_attempt_at(now, failures, self._rng, retry_after=retry_after)
        probe = report.error_code in ("unreachable", "timeout") and retry_after is None
        if probe:  # while unreachable the full wait may reach the cap, but probes keep it short
            until = max(until, now + self._probe_interval)
        while not self._stop.is_set():
            left = until - time.monotonic()
            if left <= 0:
                return
            if self._wake.wait(min(left, self._probe_interval)):
                return
            if probe and client.reachable(self._probe_timeout):
                logger.info("platform answers again; syncing now")
                return
