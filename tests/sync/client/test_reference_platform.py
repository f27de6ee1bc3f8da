"""End to end against the reference platform (``python -m sync.server``): enroll, push, results
back into ``cases show``; a lost acknowledgement; the platform SIGKILLed mid-push and restarted;
the daemon delivering as soon as the platform returns."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.cases.model import CaseStatus
from core.cases.service import CaseService
from core.catalog.model import Catalog
from core.clock import SystemClock
from core.config import DeviceConfig
from core.staff import LoginError, Role, StaffDirectory
from core.store.store import Store
from sync.daemon import SyncDaemon
from sync.enrollment import client_for, enroll
from sync.errors import SyncPermanentError
from sync.report import SyncReport
from sync.service import SyncService
from tests.sync.client.cli_main import run
from tests.sync.client.conftest import newborn_request, page
from tests.sync.client.reference_platform import ReferencePlatform, assert_platform_matches, wait_until

CLOCK = SystemClock()  # the platform's departments and signature checks run on real time
TIMEOUT = (1.0, 5.0)


@pytest.fixture
def reference(tmp_path: Path) -> Iterator[ReferencePlatform]:
    platform = ReferencePlatform(tmp_path).start()
    yield platform
    platform.stop()


@pytest.fixture
def device(tmp_path: Path, reference: ReferencePlatform) -> Iterator[Store]:
    with Store.open(tmp_path / "device", clock=CLOCK) as store:
        enroll(store, DeviceConfig.demo(), CLOCK, reference.url, reference.issue_code())
        yield store


def _accept(store: Store, catalog: Catalog, count: int, **kw: bool) -> list[str]:
    cases = CaseService(catalog, store, CLOCK, DeviceConfig.demo(), "window07")
    return [cases.accept(newborn_request(catalog, **kw)).number for _ in range(count)]  # type: ignore[arg-type]


def test_cases_reach_the_platform_and_results_come_back_to_cases_show(
    device: Store,
    reference: ReferencePlatform,
    catalog: Catalog,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    cases = CaseService(catalog, device, CLOCK, DeviceConfig.demo(), "window07")
    scanned = cases.accept(newborn_request(catalog, (page(1, 3000), page(2, 2500))))
    deficient = cases.accept(newborn_request(catalog, defer=True))
    with client_for(device, timeout=TIMEOUT) as client:
        service = SyncService(device, client, CLOCK, lambda: catalog, chunk_bytes=1024)
        first = service.run_once()
        assert first.ok and first.acked == 2 and first.attachments_uploaded == 2

        def settled() -> bool:
            assert service.run_once().ok
            return cases.get(scanned.number).status in (CaseStatus.COMPLETED, CaseStatus.REJECTED)

        wait_until(settled, 30, "the departments' results", step=0.2)
    done = cases.get(scanned.number)
    assert done.official_number, "the platform bound its official number"
    assert all(m.status.final and m.updated_at for m in done.matters)
    assert cases.get(deficient.number).status is CaseStatus.DISPATCHED  # waits for its 容缺 material
    assert device.pending_count() == 0
    assert assert_platform_matches(device, reference) == 2
    assert run(["--data-dir", str(tmp_path / "device"), "cases", "show", done.official_number]) == 0
    shown = capsys.readouterr().out
    assert f"平台编号 {done.official_number}" in shown
    assert done.status.label in shown and all(m.status.label in shown for m in done.matters)


def test_a_dropped_reply_and_a_platform_killed_mid_push_lose_nothing_and_store_nothing_twice(
    device: Store, reference: ReferencePlatform, catalog: Catalog, tmp_path: Path
) -> None:
    _accept(device, catalog, 60)
    # The platform stores the first batch, then the reply is cut: the lost acknowledgement.
    reference.inject({"mode": "drop", "path": "/api/v1/events", "count": 1})
    with client_for(device, timeout=TIMEOUT) as client:
        lost = SyncService(
            device, client, CLOCK, lambda: catalog, batch_size=20, pull_catalog=False
        ).run_once()
    assert not lost.ok and lost.acked == 0 and device.pending_count() == 60
    stored = reference.admin("/api/v1/admin/events", device_id=device.device_id)["events"]
    assert len(stored) == 20

    # Now a round on the sync worker thread, and the platform SIGKILLed while batches are in flight.
    reference.inject({"mode": "delay", "seconds": 0.3, "path": "/api/v1/events", "count": 10})
    outcome: list[SyncReport] = []

    def worker() -> None:
        with Store.open(tmp_path / "device", clock=CLOCK) as own, client_for(own, timeout=TIMEOUT) as c:
            outcome.append(
                SyncService(own, c, CLOCK, lambda: catalog, batch_size=10, pull_catalog=False).run_once()
            )

    thread = threading.Thread(target=worker, name="sync-under-test")
    thread.start()
    wait_until(lambda: device.pending_count() <= 40, 20, "the first batches to be acknowledged")
    reference.kill()
    thread.join(30)
    assert not thread.is_alive() and not outcome[0].ok
    assert 0 < device.pending_count() < 60
    reference.start()  # same database, same port
    with client_for(device, timeout=TIMEOUT) as client:
        report = SyncService(
            device, client, CLOCK, lambda: catalog, batch_size=25, pull_catalog=False
        ).run_once()
    assert report.ok and device.pending_count() == 0
    assert report.duplicates >= 0
    assert assert_platform_matches(device, reference) == 60


def test_the_daemon_delivers_when_the_platform_returns(
    device: Store, reference: ReferencePlatform, catalog: Catalog, tmp_path: Path
) -> None:
    reference.stop()
    _accept(device, catalog, 5)
    failed = threading.Event()
    reports: list[SyncReport] = []

    def on_report(report: SyncReport) -> None:
        reports.append(report)
        if not report.ok:
            failed.set()

    daemon = SyncDaemon(
        lambda: Store.open(tmp_path / "device", clock=CLOCK),
        lambda s: client_for(s, timeout=TIMEOUT),
        lambda s, c: SyncService(s, c, CLOCK, lambda: catalog, pull_catalog=False),
        on_report=on_report,
        interval=60.0,
        probe_interval=0.25,
        probe_timeout=(0.25, 0.5),
    )
    daemon.start()
    try:
        assert failed.wait(15) and reports[0].error_code == "unreachable"
        reference.start()
        back = time.monotonic()
        wait_until(lambda: device.pending_count() == 0, 15, "the daemon to deliver")
        delay = time.monotonic() - back
    finally:
        daemon.stop()
    assert daemon.crashed is None and not daemon.running
    assert delay < 3.0, f"{delay:.2f}s from the platform's return to the last acknowledgement"
    assert assert_platform_matches(device, reference) == 5


@pytest.fixture
def seeded(tmp_path: Path) -> Iterator[ReferencePlatform]:
    platform = ReferencePlatform(tmp_path / "seeded", "--seed", "demo")
    platform.db.parent.mkdir()
    platform.start()
    yield platform
    platform.stop()


def test_online_calls_and_staff_accounts_for_offline_login(
    seeded: ReferencePlatform, tmp_path: Path, catalog: Catalog
) -> None:
    with Store.open(tmp_path / "online", clock=CLOCK) as store:
        enroll(store, DeviceConfig.demo(), CLOCK, seeded.url, seeded.issue_code())
        with client_for(store, timeout=TIMEOUT) as client:
            found = client.lookup_licence("320115199003070043", "hukou_book")
            assert found["found"] and found.get("licence_number") == "320115003581"
            person = client.resolve_token("DEMO-ESSC-LINXIAOYU-2026", "identify")
            assert (person["name"], person["id_number"]) == ("林晓雨", "320115199003070043")
            with pytest.raises(SyncPermanentError):
                client.resolve_token("DEMO-ESSC-EXPIRED-2020")
            reserved = client.reserve_certificate(
                "req-0001-abcdef", "no_criminal_record", "320115199003070043"
            )
            assert reserved["status"] == "reserved" and reserved["lines"]
            again = client.reserve_certificate("req-0001-abcdef", "no_criminal_record", "320115199003070043")
            assert again["certificate_id"] == reserved["certificate_id"], (
                "the same request id never issues twice"
            )
            printed = client.confirm_certificate_printed(reserved["certificate_id"], "req-0001-abcdef")
            assert printed["status"] == "issued"
            report = SyncService(store, client, CLOCK, lambda: catalog, pull_catalog=False).run_once()
        assert report.ok and report.staff_accounts >= 4
        account = store.sync.staff("window01")
        assert account is not None and account.role == "window"
        staff = StaffDirectory(store, CLOCK)  # the device's real login path
        assert staff.login("window01", "Window01@2026").role is Role.WINDOW
        with pytest.raises(LoginError):
            staff.login("window01", "wrong")
