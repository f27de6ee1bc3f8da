"""The SyncBridge's runner (both GUIs): a SyncService with its PlatformClient, built and closed on the sync worker."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from core.clock import Clock
from core.config import DeviceConfig
from core.store.store import Store
from sync.enrollment import client_for
from sync.report import SyncReport
from sync.service import CurrentCatalog, SyncService


class SyncRound:
    """One device's sync rounds (``run_once``). Lives on the runner's sync worker, which closes it."""

    def __init__(self, service: SyncService) -> None:
        self._service = service

    def run_once(self) -> SyncReport:
        return self._service.run_once()

    def close(self) -> None:
        self._service.client.close()


def sync_round_factory(
    store_of: Callable[[], Store], clock: Clock, data_dir: Path, config: DeviceConfig
) -> Callable[[Callable[[object], None]], SyncRound]:
    """What SyncBridge calls on the sync worker: ``store_of()`` gives that worker's Store."""

    def build(progress: Callable[[object], None]) -> SyncRound:
        store = store_of()
        service = SyncService(
            store, client_for(store), clock, CurrentCatalog(data_dir), progress, config=config
        )
        return SyncRound(service)

    return build
