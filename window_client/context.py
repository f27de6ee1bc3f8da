"""What every screen of the window client is given: the services, built once in app.py (the composition root).

Lives on the GUI thread. Screens never open a Store, a port or a socket themselves: they call
core through ``ctx.operations.run_store(self, fn, …)`` (the store worker, one Store per worker
thread; answered while the screen lives), devices through ``ctx.devices`` (DeviceBridge) and sync
through ``ctx.sync`` (SyncBridge). What an operation or a sync round changed reaches every screen
through ``ctx.operations.operation_did_execute``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from core.cases.service import CaseService
from core.catalog.model import Catalog
from core.clock import Clock
from core.config import DeviceConfig
from core.staff import StaffDirectory, StaffSession
from core.store.store import Store
from qtkit.bridge import DeviceBridge
from qtkit.operations import OperationHub
from qtkit.sync_bridge import SyncBridge
from qtkit.tasks import ResourceKey, TaskRunner
from qtkit.wedge import WedgeFilter


class SessionModel(QObject):
    """Who is logged in; screens follow ``changed`` (None after logout or lock). GUI thread."""

    changed = Signal(object)  # StaffSession | None

    def __init__(self) -> None:
        super().__init__()
        self._session: StaffSession | None = None

    @property
    def session(self) -> StaffSession | None:
        return self._session

    def set(self, session: StaffSession | None) -> None:
        self._session = session
        self.changed.emit(session)

    @property
    def operator(self) -> str:
        return self._session.staff_id if self._session else ""


@dataclass
class WindowContext:
    """The window client's services. ``profile`` is "hall" or "outreach" (帮办代办, offline for days)."""

    config: DeviceConfig
    catalog: Catalog
    clock: Clock
    data_dir: Path
    runner: TaskRunner
    store_key: ResourceKey[Store]
    devices: DeviceBridge
    sync: SyncBridge | None  # None until the device is enrolled with a platform
    session: SessionModel
    operations: OperationHub  # store work from screens, and what changed
    profile: str = "hall"
    lang: str = "zh_CN"
    # Added by the intake/main-window work (all optional, so a screen's test can leave them out):
    staff_key: ResourceKey[StaffDirectory] | None = None  # the StaffDirectory of a store worker
    wedge: WedgeFilter | None = None  # keyboard-wedge scans (``scanned``), when installed
    config_path: Path | None = None  # DATA_DIR/tongban.toml unless --config said otherwise
    lock_after_s: int = 300  # screen lock after this much inactivity (0: never)

    @property
    def outreach(self) -> bool:
        return self.profile == "outreach"

    @property
    def online(self) -> bool:
        """The platform answered the last sync round (False when not enrolled or not known yet)."""
        return bool(self.sync is not None and self.sync.online)

    def case_service(self, store: Store, operator: str) -> CaseService:
        """A CaseService for ``operator`` on the calling worker's ``store`` (read the operator on the
        GUI thread, pass it in: the session may change while the op waits)."""
        return CaseService(self.catalog, store, self.clock, self.config, operator)
