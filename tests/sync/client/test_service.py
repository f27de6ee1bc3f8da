"""SyncService's persisted state and the daemon: restarts, clock skew, reconnecting at once, clean stop."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from core.cases.model import Case
from core.catalog.model import Catalog
from core.clock import SystemClock
from core.store.store import Store
from core.store.sync_state import Enrollment, SyncStage
from sync.client import PlatformClient
from sync.daemon import SyncDaemon
from sync.enrollment import client_for
from sync.report import SyncReport
from sync.service import SyncService
from tests.sync.client.conftest import TEST_TIMEOUT, assert_in_sync
from tests.sync.client.fake_platform import FakePlatform

AddCase = Callable[..., Case]


def test_the_round_outcome_survives_a_restart(
    store: Store, platform: FakePlatform, sync: SyncService, add_case: AddCase, data_dir: Path, clock: Any
) -> None:
    add_case()
    platform.inject("events", 503, 503)
    sync.run_once()
    sync.run_once()
    with Store.open(data_dir, clock=clock) as reopened:
        state = reopened.sync.status()
        assert state.consecutive_failures == 2 and state.last_success_at is None
        assert state.last_error_code == "unavailable" and state.stage is SyncStage.IDLE
        assert reopened.pending_count() == 1
        enrollment = reopened.sync.enrollment()
        assert enrollment is not None and enrollment.secret == platform.secret
    assert sync.run_once().ok
    state = store.sync.status()
    assert state.consecutive_failures == 0 and state.last_success_at is not None
    assert_in_sync(store, platform)


def test_the_secret_is_sealed_in_the_store(store: Store, enrolled: Enrollment, data_dir: Path) -> None:
    for path in data_dir.rglob("*"):
        if path.is_file():
            assert enrolled.secret not in path.read_bytes(), f"the HMAC secret is readable in {path}"
    assert "secret=<sealed>" in repr(enrolled)


def test_a_refused_clock_is_shown_with_its_offset(
    store: Store, platform: FakePlatform, add_case: AddCase, clock: Any, catalog: Catalog, platform_url: str
) -> None:
    class Slow(SystemClock):
        def now(self) -> datetime:
            return super().now() - timedelta(hours=2)

    add_case()
    with PlatformClient(
        platform_url, device_id=store.device_id, secret=platform.secret, clock=Slow(), timeout=TEST_TIMEOUT
    ) as c:
        report = SyncService(store, c, clock, lambda: catalog, pull_catalog=False).run_once()
    assert not report.ok and report.error_code == "clock_skew"
    assert report.clock_skew_s is not None and -7210 < report.clock_skew_s < -7190
    assert "慢120 分钟" in (report.error or "").replace("慢 ", "慢")
    assert store.sync.status().clock_skew_s == report.clock_skew_s
    assert store.pending_count() == 1


@pytest.fixture
def outage_server() -> Iterator[HTTPServer]:
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    yield server
    if server.is_running():
        server.stop()


def test_the_daemon_delivers_as_soon_as_the_platform_returns(
    store: Store, outage_server: HTTPServer, add_case: AddCase, data_dir: Path, clock: Any, catalog: Catalog
) -> None:
    platform = FakePlatform()
    platform.register(store.device_id)
    outage_server.expect_request(re.compile(".*")).respond_with_handler(platform.handle)
    url = outage_server.url_for("").rstrip("/")
    store.sync.save_enrollment(Enrollment(url, "fake", platform.secret, "2026-11-23T09:00:00+08:00"))
    outage_server.stop()  # the link is down
    for _ in range(3):
        add_case()
    reports: list[SyncReport] = []
    first_failure = threading.Event()

    def on_report(report: SyncReport) -> None:
        reports.append(report)
        if not report.ok:
            first_failure.set()

    daemon = SyncDaemon(
        lambda: Store.open(data_dir, clock=clock),
        lambda s: client_for(s, timeout=TEST_TIMEOUT),
        lambda s, c: SyncService(s, c, clock, lambda: catalog, pull_catalog=False),
        on_report=on_report,
        interval=60.0,
        probe_interval=0.2,
        probe_timeout=(0.2, 0.5),
    )
    daemon.start()
    try:
        assert first_failure.wait(10)
        assert reports[0].error_code == "unreachable" and reports[0].pending == 3
        back = time.monotonic()
        outage_server.start()  # the same address: the link is back
        deadline = back + 10
        while platform.inserts < 3 and time.monotonic() < deadline:
            time.sleep(0.02)
        delivered_after = time.monotonic() - back
    finally:
        daemon.stop()
    assert not daemon.running and daemon.crashed is None
    assert platform.inserts == 3
    assert delivered_after < 2.0, f"took {delivered_after:.2f}s after the platform came back"
    assert_in_sync(store, platform)


def test_the_daemon_stops_promptly_while_backing_off(
    store: Store, data_dir: Path, clock: Any, catalog: Catalog, add_case: AddCase
) -> None:
    add_case()
    store.sync.save_enrollment(
        Enrollment("http://127.0.0.1:9", "fake", b"k" * 32, "2026-11-23T09:00:00+08:00")
    )
    rounds = threading.Event()
    daemon = SyncDaemon(
        lambda: Store.open(data_dir, clock=clock),
        lambda s: client_for(s, timeout=(0.2, 0.2)),
        lambda s, c: SyncService(s, c, clock, lambda: catalog, pull_catalog=False),
        on_report=lambda r: rounds.set(),
        probe_interval=0.5,
        probe_timeout=(0.2, 0.2),
    )
    daemon.start()
    assert rounds.wait(10)
    started = time.monotonic()
    daemon.stop()
    assert not daemon.running and time.monotonic() - started < 2.0
    assert store.sync.status().consecutive_failures >= 1


def test_the_daemon_waits_out_retry_after_before_the_next_round(
    store: Store,
    platform: FakePlatform,
    enrolled: Enrollment,
    add_case: AddCase,
    data_dir: Path,
    clock: Any,
    catalog: Catalog,
) -> None:
    add_case()

    def busy(request: Any, fake: FakePlatform) -> Any:
        from tests.sync.client.fake_platform import error

        answer = error(429, "rate_limited", "平台繁忙")
        answer.headers["Retry-After"] = "1"
        return answer

    platform.inject("events", busy)
    times: list[float] = []
    delivered = threading.Event()

    def on_report(report: SyncReport) -> None:
        times.append(time.monotonic())
        if report.ok and report.pending == 0:
            delivered.set()

    daemon = SyncDaemon(
        lambda: Store.open(data_dir, clock=clock),
        lambda s: client_for(s, timeout=TEST_TIMEOUT),
        lambda s, c: SyncService(s, c, clock, lambda: catalog, pull_catalog=False),
        on_report=on_report,
        probe_interval=0.1,
    )
    daemon.start()
    try:
        assert delivered.wait(10)
    finally:
        daemon.stop()
    assert len(times) == 2 and times[1] - times[0] >= 1.0, "the second round came before Retry-After"
    assert_in_sync(store, platform)
