"""What every kiosk screen is given: the services, built once in kiosk/app.py (the composition root).

Lives on the GUI thread. Screens never open a Store, a port or a socket themselves: they call core
through ``ctx.operations.run_store(self, fn, …)`` (the store worker; answered while the screen
lives), the platform through ``ctx.online_call`` (the ``net`` worker, with its own Store and a
short timeout), devices through ``ctx.devices`` and sync through ``ctx.sync``. What an operation
or a sync round changed reaches every screen through ``ctx.operations.operation_did_execute``.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any, Final, TypeVar

from core.cases.service import CaseService
from core.catalog.model import Catalog
from core.clock import Clock
from core.config import CONFIG_NAME, DeviceConfig
from core.flows.kiosk import KioskMode
from core.store.store import Store
from qtkit.bridge import DeviceBridge
from qtkit.operations import OperationHub
from qtkit.speech import Speaker
from qtkit.sync_bridge import SyncBridge
from qtkit.tasks import OnDone, OnError, ResourceKey, TaskRunner
from sync.adapter import PlatformAdapter
from sync.enrollment import client_for

R = TypeVar("R")

KIOSK_OPERATOR: Final = "kiosk"  # the "operator" of cases a citizen files alone (自助)
ONLINE_TIMEOUT_S: Final = (3.0, 8.0)  # connect, read: a citizen waits with a spinner, not longer


@dataclass(frozen=True, slots=True)
class KioskOptions:
    """How ``tongban kiosk`` was started."""

    data_dir: Path
    config_path: Path
    mode: KioskMode = KioskMode.GENERAL
    elderly: bool = False  # forced 长辈版 (--elderly); otherwise chosen on the attract screen
    lang: str = "zh_CN"
    fullscreen: bool = True  # False in tests and the offscreen walk-through
    size: tuple[int, int] = (1080, 1920)  # portrait kiosk screen when not full screen
    sync_interval_ms: int = 30_000
    maintenance_pin: str | None = None  # None: from the config's [kiosk] section or the default
    lockdown: bool = True
    speech: bool = True

    @classmethod
    def sandbox(cls, data_dir: Path, *, mode: str, elderly: bool, lang: str, **changes: Any) -> KioskOptions:
        """A kiosk in a window on a developer's desk (the demo, the walk-through): DATA_DIR's
        tongban.toml, not full screen, the keyboard not locked."""
        return replace(
            cls(data_dir, data_dir / CONFIG_NAME, mode=KioskMode(mode), elderly=elderly, lang=lang),
            fullscreen=False,
            lockdown=False,
            **changes,
        )


@dataclass
class KioskContext:
    """The kiosk's services (GUI thread)."""

    config: DeviceConfig
    catalog: Catalog
    clock: Clock
    data_dir: Path
    options: KioskOptions
    runner: TaskRunner
    store_key: ResourceKey[Store]
    devices: DeviceBridge
    sync: SyncBridge | None  # None until the kiosk is enrolled with a platform
    speaker: Speaker
    operations: OperationHub  # store work from screens, and what changed
    print_a4: Callable[..., Any] | None = None  # tests may replace the system print path

    @property
    def mode(self) -> KioskMode:
        return self.options.mode

    @property
    def online(self) -> bool:
        """The platform answers, as the sync schedule sees it (False when not enrolled or not known yet)."""
        return bool(self.sync is not None and self.sync.online)

    def case_service(self, store: Store) -> CaseService:
        return CaseService(self.catalog, store, self.clock, self.config, KIOSK_OPERATOR)

    def online_call(
        self,
        fn: Callable[[PlatformAdapter, Store], R],
        *,
        on_done: OnDone[R] | None = None,
        on_error: OnError | None = None,
    ) -> Future[R]:
        """``fn(client, store)`` against the enrolled platform on the ``net`` worker (its own Store,
        so a slow platform never holds up the store worker); connect and read time out quickly.
        Its outcome reaches the sync schedule before the callbacks: any answer means online."""
        sync = self.sync

        def call(store: Store) -> R:
            with client_for(store, timeout=ONLINE_TIMEOUT_S, clock=self.clock) as client:
                try:
                    result = fn(client, store)
                except Exception as exc:
                    if sync is not None:
                        self.runner.run_on_gui(partial(sync.request_ended, exc))
                    raise
                if sync is not None:
                    self.runner.run_on_gui(sync.request_ended)
                return result

        return self.runner.run_with(self.store_key, call, on_done=on_done, on_error=on_error, executor="net")
