"""``SyncService.run_once``: one sync round — push the outbox, then pull — and its persisted outcome.

A plain function of (store, client, clock) that returns a ``SyncReport`` and is testable without
Qt (research/aesthetics.md §3.5); a GUI's SyncBridge only schedules it and forwards its progress.
The round's outcome (last attempt, last success, last error, consecutive failures, clock skew) is
written to the store, so `tongban sync status` tells the truth after a restart (Kolibri's "most
recent sync failed" lie, research/anchors-mission.md §3.3).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Final

from core.cases.service import CaseService
from core.catalog.loader import CURRENT_POINTER, PULLED_DIR, load_current_catalog
from core.catalog.model import Catalog
from core.clock import Clock
from core.config import DeviceConfig
from core.store.store import Store
from sync import contract
from sync.adapter import Capability, PlatformAdapter
from sync.errors import SyncError, SyncTransientError
from sync.marks import settle_numbering
from sync.pull import Puller
from sync.push import Pusher
from sync.queue_push import push_queue_outbox
from sync.ratings_push import push_kiosk_ratings
from sync.report import ProgressCallback, RoundTally, SyncReport, no_progress

logger = logging.getLogger(__name__)

PLATFORM_OPERATOR: Final = "platform"  # the actor of changes pulled from the platform


class CurrentCatalog:
    """The catalog in use under a data directory (a pulled one, else the bundled one), reloaded
    only when the ``current`` pointer changes. Lives on its caller's thread."""

    def __init__(self, data_dir: Path) -> None:
        self._data_dir = data_dir
        self._seen: str | None = None
        self._catalog: Catalog | None = None

    def __call__(self) -> Catalog:
        pointer = self._data_dir / PULLED_DIR / CURRENT_POINTER
        try:
            marker = pointer.read_text(encoding="utf-8").strip()
        except OSError:
            marker = ""
        if self._catalog is None or marker != self._seen:
            self._catalog = load_current_catalog(self._data_dir)
            self._seen = marker
        return self._catalog


class SyncService:
    """Runs sync rounds with one Store and one PlatformAdapter, both of the calling thread
    (the sync worker's: see sync.daemon.SyncDaemon, or the CLI's main thread)."""

    def __init__(
        self,
        store: Store,
        client: PlatformAdapter,
        clock: Clock,
        catalog: Callable[[], Catalog],
        progress: ProgressCallback = no_progress,
        *,
        config: DeviceConfig | None = None,
        chunk_bytes: int = contract.MAX_CHUNK_BYTES,
        batch_size: int = contract.MAX_EVENTS_PER_BATCH,
        pull_catalog: bool = True,
    ) -> None:
        self._store = store
        self._client = client
        self._clock = clock
        self._catalog = catalog
        self._progress = progress
        self._config = config or DeviceConfig()
        self._chunk_bytes = chunk_bytes
        self._batch_size = batch_size
        self._pull_catalog = pull_catalog

    @property
    def client(self) -> PlatformAdapter:
        return self._client

    def run_once(self) -> SyncReport:
        """Push, then pull; never raises a SyncError (it is in the report and the stored status).

        A StoreError (the local database itself failing) does propagate: that is not a sync
        problem and must not be papered over as one.
        """
        started_at = self._clock.now().isoformat(timespec="seconds")
        started = time.monotonic()
        tally = RoundTally()
        self._store.sync.record_attempt()
        error: SyncError | None = None
        try:
            settle_numbering(self._store, self._client, self._clock)  # only after a restore from backup
            Pusher(
                self._store,
                self._client,
                tally,
                self._progress,
                chunk_bytes=self._chunk_bytes,
                batch_size=self._batch_size,
            ).run()
            if Capability.RATINGS in self._client.capabilities:
                push_kiosk_ratings(self._store, self._client)  # 好差评 given at a kiosk with no case
            if Capability.QUEUE in self._client.capabilities and self._store.queue_outbox.pending_count():
                push_queue_outbox(self._store, self._client, self._clock)  # tickets issued while it was down
            cases = CaseService(self._catalog(), self._store, self._clock, self._config, PLATFORM_OPERATOR)
            Puller(
                self._store,
                self._client,
                tally,
                cases,
                data_dir=self._store.data_dir if self._pull_catalog else None,
                bundled_catalog_version=lambda: self._catalog().version,
            ).run()
        except SyncError as exc:
            error = exc
        if error is None:
            self._store.sync.record_success()
        else:
            failures = self._store.sync.record_failure(
                error.code, error.message, error.detail, error.clock_skew_s
            )
            logger.info("sync round failed (%s, %d in a row): %s", error.code, failures, error.detail)
        report = SyncReport(
            ok=error is None,
            started_at=started_at,
            duration_s=round(time.monotonic() - started, 3),
            pushed=tally.pushed,
            acked=tally.acked,
            duplicates=tally.duplicates,
            attachments_uploaded=tally.attachments_uploaded,
            bytes_uploaded=tally.bytes_uploaded,
            pulled_updates=tally.pulled_updates,
            applied_updates=tally.applied_updates,
            quarantined=tuple(tally.quarantined),
            held=tuple(sorted(tally.held - set(tally.quarantined))),
            pending=self._store.pending_count(),
            catalog_version=tally.catalog_version,
            staff_accounts=tally.staff_accounts,
            problems=tuple(tally.problems),
            error=None if error is None else error.message,
            error_code=None if error is None else error.code,
            error_detail=None if error is None else error.detail,
            clock_skew_s=None if error is None else error.clock_skew_s,
            retry_after_s=error.retry_after if isinstance(error, SyncTransientError) else None,
        )
        logger.info(
            "sync round: ok=%s pushed=%d acked=%d pulled=%d pending=%d in %.2fs",
            report.ok,
            report.pushed,
            report.acked,
            report.pulled_updates,
            report.pending,
            report.duration_s,
        )
        return report
