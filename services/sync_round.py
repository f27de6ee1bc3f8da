"""The SyncBridge's runner (both GUIs): a SyncService with its platform adapter, built and closed on the sync worker."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from core.clock import Clock
from core.config import DeviceConfig
from core.store.store import Store
from sync.enrollment import client_for
from sync.report import ProgressCallback, SyncReport
from sync.service import CurrentCatalog, SyncService
from sync.transport import Timeout


class SyncRound:
    """One device's sync rounds and probes. Lives on the runner's sync worker, which closes it."""

    def __init__(self, service: SyncService) -> None:
        self._service = service

    def run_once(self) -> SyncReport:
        return self._service.run_once()

    def reachable(self, timeout: Timeout) -> bool:
        """The platform's health check, with the same client (and so the same TLS pin) as the rounds."""
        return self._service.client.reachable(timeout)

    def close(self) -> None:
        self._service.client.close()


def sync_round_factory(
    store_of: Callable[[], Store], clock: Clock, data_dir: Path, config: DeviceConfig
) -> Callable[[ProgressCallback], SyncRound]:
    """What SyncBridge calls on the sync worker: ``store_of()`` gives that worker's Store."""

    def build(progress: ProgressCallback) -> SyncRound:
        store = store_of()
        service = SyncService(
            store, client_for(store), clock, CurrentCatalog(data_dir), progress, config=config
        )
        return SyncRound(service)

    return build
