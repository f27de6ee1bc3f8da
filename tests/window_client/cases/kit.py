"""Test kit: a real WindowContext on a tmp data dir, real cases and staff in it, and a fake sync runner."""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication

from core.cases.intake import IntakeRequest, MaterialInput
from core.cases.model import Case, ItemState
from core.cases.service import CaseService
from core.catalog import build_checklist
from core.catalog.answers import answers_from_json
from core.catalog.model import Catalog, MaterialSource
from core.config import DeviceConfig
from core.staff import Role, StaffSession, hash_password
from core.store.store import Store
from core.store.sync_state import StaffRecord
from qtkit.bridge import DeviceBridge
from qtkit.operations import OperationHub
from qtkit.sync_bridge import ProgressHook, SyncBridge
from qtkit.tasks import TaskRunner, store_opener
from qtkit.wedge import WedgeFilter
from sync.report import SyncReport
from tests.intake_samples import complete_answers, sample_value
from tests.sync_samples import sync_progress, sync_report
from window_client.context import SessionModel, WindowContext

MOTHER = {"name": "林晓雨", "id_number": "320115199003070043", "phone": "13912345678", "nation": "汉"}
OTHER = {"name": "周建国", "id_number": "11010519491231002X", "phone": "13800138000", "nation": "汉"}
# A foreign passport holder (core.validation.travel_documents), typed at the window.
PASSPORT_HOLDER = {
    "id_kind": "foreign_passport",
    "id_number": "E1234567A",
    "latin_name": "ANNA SCHMIDT",
    "nationality": "DEU",
    "sex": "女",
    "birth_date": "1990-03-07",
}
NEWBORN_ANSWERS: dict[str, Any] = {"married": True, "follow": "father"}
JPEG_PAGE = b"\xff\xd8\xff\xe0" + b"scanned page " * 50 + b"\xff\xd9"
SUPERVISOR = ("zb01", "值班长张", "duty-pass-123")
WINDOW_STAFF = ("window01", "窗口王", "window-pass-1")


def make_request(
    catalog: Catalog,
    bundle_id: str = "newborn",
    *,
    defer: bool = False,
    deadline: date | None = None,
    applicant: Mapping[str, Any] | None = None,
) -> IntakeRequest:
    """A request every intake rule accepts; ``defer`` leaves one non-core material 容缺 (by ``deadline``)."""
    answers = complete_answers(catalog, bundle_id, NEWBORN_ANSWERS if bundle_id == "newborn" else {})
    checklist = build_checklist(catalog, bundle_id, answers_from_json(catalog.bundle(bundle_id), answers))
    materials: dict[str, MaterialInput] = {}
    deferred = False
    for item in checklist.items:
        m = item.material
        if m.source is MaterialSource.GENERATED:
            continue
        if defer and not deferred and m.deferrable and not m.core:
            materials[m.id] = MaterialInput(ItemState.DEFICIENT, deadline=deadline)
            deferred = True
        elif m.licence:
            materials[m.id] = MaterialInput(ItemState.E_LICENCE)
        else:
            materials[m.id] = MaterialInput(ItemState.PAPER)
    assert deferred or not defer, f"{bundle_id}: nothing deferrable"
    form = {f.id: sample_value(f) for f in checklist.fields if f.prefill is None}
    return IntakeRequest(bundle_id, dict(applicant or MOTHER), answers, materials, form)


@dataclass
class Desk:
    """A WindowContext and the means to put cases and staff into its data directory."""

    ctx: WindowContext
    catalog: Catalog
    clock: Any
    data_dir: Path
    stops: list[Callable[[], None]] = field(default_factory=list)

    @contextmanager
    def store(self) -> Iterator[Store]:
        """A Store of the test's own thread on the same data directory (WAL: several may be open)."""
        store = Store.open(self.data_dir, clock=self.clock)
        try:
            yield store
        finally:
            store.close()

    def accept(self, request: IntakeRequest, operator: str = "window01") -> Case:
        with self.store() as store:
            return CaseService(self.catalog, store, self.clock, self.ctx.config, operator).accept(request)

    def cases(self, fn: Callable[[CaseService, Store], Any]) -> Any:
        with self.store() as store:
            return fn(CaseService(self.catalog, store, self.clock, self.ctx.config, "platform"), store)

    def login(self, role: Role = Role.WINDOW) -> StaffSession:
        staff_id, name = (SUPERVISOR[:2]) if role is Role.SUPERVISOR else WINDOW_STAFF[:2]
        session = StaffSession(staff_id, name, role, self.clock.now())
        self.ctx.session.set(session)
        return session

    def add_staff(self) -> None:
        with self.store() as store:
            store.sync.upsert_staff(
                [
                    StaffRecord(
                        SUPERVISOR[0], SUPERVISOR[1], "supervisor", hash_password(SUPERVISOR[2]), True, 1
                    ),
                    StaffRecord(
                        WINDOW_STAFF[0], WINDOW_STAFF[1], "window", hash_password(WINDOW_STAFF[2]), True, 2
                    ),
                ]
            )


class FakeSyncService:
    """One scripted round per run_once: progress 0/2 … 2/2, then the next outcome (default ok).
    The platform never answers a probe (a desk test asks for rounds itself)."""

    def __init__(self, progress: ProgressHook, outcomes: deque[SyncReport]) -> None:
        self.progress = progress
        self.outcomes = outcomes
        self.rounds = 0
        self.lock = threading.Lock()

    def run_once(self) -> SyncReport:
        for done in range(3):
            self.progress(sync_progress(done, 2))
        with self.lock:
            self.rounds += 1
        return self.outcomes.popleft() if self.outcomes else sync_report(ok=True)

    def reachable(self, timeout: tuple[float, float]) -> bool:
        return False


def build_desk(
    qapp: QApplication,
    data_dir: Path,
    clock: Any,
    catalog: Catalog,
    *,
    devices: Mapping[str, str] | None = None,
    config_devices: Mapping[str, str] | None = None,
    sync: deque[SyncReport] | None = None,
    wedge: WedgeFilter | None = None,
) -> Desk:
    """Everything a screen is given. ``sync``: scripted rounds for a SyncBridge (None: not enrolled)."""
    runner = TaskRunner()
    store_key = runner.add_resource("store", open=store_opener(data_dir, clock=clock))
    bridge = DeviceBridge(dict(devices or {}), runner)
    operations = OperationHub(runner, store_key)
    sync_bridge = None
    if sync is not None:
        sync_bridge = SyncBridge(runner, lambda hook: FakeSyncService(hook, sync), interval_ms=0)
        operations.follow_sync(sync_bridge)
    config = DeviceConfig.demo(devices=dict(config_devices or {}))
    ctx = WindowContext(
        config=config,
        catalog=catalog,
        clock=clock,
        data_dir=data_dir,
        runner=runner,
        store_key=store_key,
        devices=bridge,
        sync=sync_bridge,
        session=SessionModel(),
        operations=operations,
        wedge=wedge,
    )
    desk = Desk(ctx, catalog, clock, data_dir)
    Store.open(data_dir, clock=clock).close()  # the key and schema exist before any worker opens one

    def stop() -> None:
        if sync_bridge is not None:
            sync_bridge.stop()
        bridge.stop()
        assert runner.shutdown(timeout=10), "TaskRunner threads did not end"
        operations.deleteLater()
        runner.deleteLater()

    desk.stops.append(stop)
    return desk


def scan(qtbot: Any, desk: Desk, text: str, attempts: int = 10) -> None:
    """Scan ``text`` on the simulated serial scanner until the bridge reports it. The scanner's
    reader thread opens its port after ``devices_started``; bytes sent before that are lost."""
    scanner = desk.ctx.devices.manager.simulators.scanner  # type: ignore[attr-defined]
    for _ in range(attempts):
        with qtbot.waitSignal(desk.ctx.devices.code_scanned, timeout=2000, raising=False) as blocker:
            scanner.scan(text)
        if blocker.signal_triggered:
            return
    raise AssertionError(f"the scanner never reported a scan in {attempts} attempts")
