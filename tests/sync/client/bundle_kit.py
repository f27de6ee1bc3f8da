"""Sync by hand in tests: the reference platform's service objects in process (no HTTP), a device
enrolled with it through the platform's own enrolment code, and what the platform holds."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from core.clock import Clock
from core.config import DeviceConfig
from core.store.records import AuditEntry
from core.store.store import Store
from core.store.sync_state import Enrollment
from sync.server.auth import enroll, issue_code
from sync.server.config import PlatformConfig
from sync.server.service import PlatformService
from tests.conftest import FakeClock


@contextmanager
def platform_service(
    db: Path, clock: Clock, *, seeds: tuple[str, ...] = (), **options: Any
) -> Iterator[PlatformService]:
    """A started platform (storage worker, attachment area) with its departments not running:
    tests run their due jobs by hand (``run_departments``)."""
    config = PlatformConfig(db_path=db, departments_enabled=False, **options)
    service = PlatformService.build(config, clock=clock, seeds=seeds)
    service.start()
    try:
        yield service
    finally:
        service.stop()


def enroll_device(service: PlatformService, store: Store, config: DeviceConfig) -> Enrollment:
    """Enrol ``store``'s device as ``tongban sync enroll`` would, but by the platform's own functions."""
    now = service.clock.now()
    code = service.worker.call(lambda db: issue_code(db, now))
    request = {
        "code": code,
        "device_id": store.device_id,
        "region_code": config.region_code,
        "device_no": config.device_no,
        "role": "window",
    }
    reply = service.worker.call(lambda db: enroll(db, request, now))
    enrollment = Enrollment(
        "http://127.0.0.1:9",  # never contacted: these tests have no network
        reply["platform_id"],
        base64.b64decode(reply["secret"]),
        now.isoformat(),
    )
    store.sync.save_enrollment(enrollment)
    return enrollment


def run_departments(service: PlatformService) -> None:
    """Dispatch every stored case (binds official numbers, which become updates for the device)."""
    for _ in range(50):
        service.worker.call(service.departments.run_due)
        left = service.worker.call(
            lambda db: db.execute("SELECT count(*) FROM dept_jobs WHERE step = 'dispatch'").fetchone()[0]
        )
        if not left:
            return
    raise AssertionError("dispatch jobs did not drain")


def platform_events(service: PlatformService, device_id: str) -> list[tuple[int, str, str]]:
    """(seq, case number, receipt) of every event the platform stored for the device."""
    rows = service.worker.call(
        lambda db: db.execute(
            "SELECT seq, case_number, receipt FROM events WHERE device_id = ? ORDER BY seq", (device_id,)
        ).fetchall()
    )
    return [(int(s), str(n), str(r)) for s, n, r in rows]


def platform_count(service: PlatformService, table: str) -> int:
    assert table in {"cases", "events", "attachments", "kiosk_ratings", "updates"}
    return int(service.worker.call(lambda db: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]))


def rate(store: Store, clock: FakeClock, level: int = 5) -> str:
    """A kiosk rating with no case (好差评), pending until the platform holds it."""
    body: dict[str, Any] = {
        "level": level,
        "reason": "",
        "channel": "kiosk",
        "services": ["certificate"],
        "follow_up": level <= 2,
    }
    audit = AuditEntry(
        "kiosk", "kiosk.evaluation", clock.now().isoformat(timespec="seconds"), None, dict(body)
    )
    return store.kiosk_ratings.add(body, audit).id
