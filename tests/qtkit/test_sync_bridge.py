"""SyncBridge with a hand-written fake sync runner that returns real SyncReports: rounds and probes on
the sync worker, progress, reports, online state, reconnecting by itself."""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication
from pytest_httpserver import HTTPServer
from pytestqt.qtbot import QtBot
from werkzeug import Request, Response

from qtkit.bridge import SyncBridge
from qtkit.sync_bridge import ProgressHook, report_online
from qtkit.tasks import TaskRunner
from sync import contract
from sync.client import PlatformClient
from sync.errors import SyncTransientError
from sync.report import SyncReport
from sync.schedule import RoundScheduler
from sync.transport import PROBE_TIMEOUT
from tests.sync_samples import LongestJitter, sync_progress, sync_report

QUIET_S = 3600.0  # a backoff or probe interval no test waits for


def link_down() -> SyncTransientError:
    return SyncTransientError("连不上省级平台", "connection refused", code="unreachable", unreachable=True)


class FakeSyncService:
    """Plays back scripted outcomes; each round reports progress 0/3 … 3/3 first. Probes answer
    as ``answers`` says (no: False), or through ``client`` when one is given."""

    def __init__(self, progress: ProgressHook, harness: Harness) -> None:
        self.progress = progress
        self.harness = harness
        self.threads: list[str] = []
        self.probe_threads: list[str] = []
        self.rounds_ended = 0

    def run_once(self) -> SyncReport:
        self.threads.append(threading.current_thread().name)
        self.harness.gate.wait(5)
        for done in range(4):
            self.progress(sync_progress(done, 3, done * 1_000_000_000, 3_000_000_000))
        outcomes = self.harness.outcomes
        outcome = outcomes.popleft() if outcomes else sync_report(ok=True)
        self.rounds_ended += 1
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    def reachable(self, timeout: tuple[float, float]) -> bool:
        self.probe_threads.append(threading.current_thread().name)
        if self.harness.client is not None:
            return self.harness.client.reachable(timeout)
        answers = self.harness.answers
        return answers.popleft() if answers else False


class Harness:
    def __init__(self) -> None:
        self.outcomes: deque[SyncReport | Exception] = deque()
        self.answers: deque[bool] = deque()
        self.client: PlatformClient | None = None
        self.gate = threading.Event()
        self.gate.set()
        self.services: list[FakeSyncService] = []
        self.factory_threads: list[str] = []

    def factory(self, progress: ProgressHook) -> FakeSyncService:
        self.factory_threads.append(threading.current_thread().name)
        service = FakeSyncService(progress, self)
        self.services.append(service)
        return service


@pytest.fixture
def harness() -> Iterator[Harness]:
    h = Harness()
    yield h
    if h.client is not None:
        h.client.close()


def quiet_scheduler(probe_interval: float = QUIET_S) -> RoundScheduler:
    """No periodic rounds, and retries far away: a test's scripted outcomes are used only when it asks."""
    return RoundScheduler(
        interval=None, probe_interval=probe_interval, rng=LongestJitter(), base=QUIET_S, cap=QUIET_S
    )


@pytest.fixture
def bridge(runner: TaskRunner, harness: Harness) -> Iterator[SyncBridge]:
    sync = SyncBridge(runner, harness.factory, scheduler=quiet_scheduler())
    yield sync
    sync.stop()


def on_gui_thread() -> bool:
    app = QApplication.instance()
    return app is not None and QThread.currentThread() is app.thread()


def test_a_round_reports_started_progress_and_finished(
    qtbot: QtBot, bridge: SyncBridge, harness: Harness
) -> None:
    progress: list[tuple[int, int, int, int]] = []
    threads: list[bool] = []
    bridge.sync_progress.connect(lambda *numbers: (progress.append(numbers), threads.append(on_gui_thread())))
    finished: list[object] = []
    bridge.sync_finished.connect(finished.append)
    harness.outcomes.append(sync_report(ok=True, pending=2))
    with qtbot.waitSignals([bridge.sync_started, bridge.sync_finished], order="strict", timeout=5000):
        assert bridge.sync_now()
    assert finished == [sync_report(ok=True, pending=2)]
    assert progress and progress[-1] == (3, 3, 3_000_000_000, 3_000_000_000), (
        "the last progress is never lost"
    )
    assert all(threads)
    assert harness.factory_threads == ["tongban-sync-0"] and harness.services[0].threads == ["tongban-sync-0"]
    with qtbot.waitSignal(bridge.sync_finished, timeout=5000):
        bridge.sync_now()
    assert len(harness.services) == 1, "the runner is built once, on the sync worker"


def test_online_changes_only_when_reachability_changes(
    qtbot: QtBot, bridge: SyncBridge, harness: Harness
) -> None:
    changes: list[bool] = []
    bridge.online_changed.connect(changes.append)
    failures: list[object] = []
    bridge.sync_failed.connect(failures.append)
    down = link_down()
    harness.outcomes.extend(
        [
            sync_report(ok=True),
            sync_report(ok=False, error="连不上省级平台", error_code="unreachable"),
            down,
            sync_report(ok=False, error="数据不符合规范", error_code="validation"),
            sync_report(ok=False, error="平台响应超时", error_code="timeout"),
            OSError("disk full"),  # a local failure says nothing of the platform
        ]
    )
    for _ in range(6):
        with qtbot.waitSignal(bridge.sync_started, timeout=5000):
            bridge.sync_now()
        qtbot.waitUntil(lambda: not bridge.running, timeout=5000)
    assert changes == [True, False, True, False]
    assert len(failures) == 2 and failures[0] is down
    assert bridge.online is False


def test_sync_now_during_a_round_asks_for_one_more(
    qtbot: QtBot, bridge: SyncBridge, harness: Harness
) -> None:
    harness.gate.clear()
    finished: list[object] = []
    bridge.sync_finished.connect(finished.append)
    assert bridge.sync_now()
    assert not bridge.sync_now()
    assert not bridge.sync_now()
    harness.gate.set()
    qtbot.waitUntil(lambda: len(finished) == 2 and not bridge.running, timeout=5000)


def test_the_timer_runs_rounds_at_the_interval(qtbot: QtBot, runner: TaskRunner, harness: Harness) -> None:
    bridge = SyncBridge(runner, harness.factory, interval_ms=20)
    try:
        finished: list[object] = []
        bridge.sync_finished.connect(finished.append)
        bridge.start(run_now=False)
        assert not finished and bridge.plan.at is not None
        qtbot.waitUntil(lambda: len(finished) >= 3, timeout=5000)
    finally:
        assert bridge.stop()


def test_retry_after_holds_back_the_next_round(qtbot: QtBot, runner: TaskRunner, harness: Harness) -> None:
    now = [1000.0]
    scheduler = RoundScheduler(interval=0.02, probe_interval=0.02)
    bridge = SyncBridge(runner, harness.factory, scheduler=scheduler, monotonic=lambda: now[0])
    try:
        finished: list[object] = []
        bridge.sync_finished.connect(finished.append)
        harness.outcomes.append(sync_report(ok=False, error_code="rate_limited", retry_after_s=60))
        with qtbot.waitSignal(bridge.sync_finished, timeout=5000):
            bridge.start()
        assert bridge.plan.at is not None and bridge.plan.at >= 1060.0, "the platform asked for 60 s"
        assert not bridge.running and bridge.online is True
    finally:
        assert bridge.stop()


def test_after_an_unreachable_round_it_probes_on_the_sync_worker_and_syncs_when_answered(
    qtbot: QtBot, runner: TaskRunner, harness: Harness
) -> None:
    bridge = SyncBridge(runner, harness.factory, scheduler=quiet_scheduler(probe_interval=0.02))
    try:
        changes: list[bool] = []
        bridge.online_changed.connect(changes.append)
        finished: list[SyncReport] = []
        bridge.sync_finished.connect(finished.append)
        harness.outcomes.append(sync_report(ok=False, error_code="unreachable"))
        harness.answers.extend([False, False, True])
        bridge.start()
        qtbot.waitUntil(lambda: len(finished) == 2, timeout=5000)
        assert [r.ok for r in finished] == [False, True], "the second round came by itself"
        assert changes == [False, True]
        service = harness.services[0]
        assert service.probe_threads == ["tongban-sync-0"] * 3
        assert service.threads == ["tongban-sync-0"] * 2
    finally:
        assert bridge.stop()


def test_a_slow_platform_answers_a_probe_and_counts_as_online(
    qtbot: QtBot, runner: TaskRunner, harness: Harness, httpserver: HTTPServer
) -> None:
    """Issue #10, bug 7: a busy platform answers its health check after two seconds — later than
    the transport's short probe timeout, within the scheduler's generous one."""
    slow_s = PROBE_TIMEOUT[1] + 0.5

    def slow_health(_request: Request) -> Response:
        time.sleep(slow_s)  # the platform is busy; nothing here is timed
        body = f'{{"status": "ok", "version": "{contract.API_VERSION}", "time": "2026-12-01T09:00:00+08:00"}}'
        return Response(body, status=200, content_type="application/json")

    httpserver.expect_request(contract.P_HEALTH).respond_with_handler(slow_health)
    harness.client = PlatformClient(httpserver.url_for("/"), device_id="k-101")
    bridge = SyncBridge(runner, harness.factory, scheduler=quiet_scheduler(probe_interval=0.02))
    try:
        harness.outcomes.append(sync_report(ok=False, error_code="timeout"))
        bridge.start()
        qtbot.waitUntil(lambda: bridge.online is False, timeout=5000)
        qtbot.waitUntil(lambda: bridge.online is True, timeout=20_000)
        assert len(harness.services[0].probe_threads) == 1, "the first probe was answered"
    finally:
        assert bridge.stop()


def test_any_answered_request_brings_the_bridge_online_and_starts_a_round(
    qtbot: QtBot, bridge: SyncBridge, harness: Harness
) -> None:
    harness.outcomes.append(sync_report(ok=False, error_code="unreachable"))
    with qtbot.waitSignal(bridge.sync_finished, timeout=5000):
        bridge.sync_now()
    assert bridge.online is False
    bridge.request_ended(link_down())
    assert bridge.online is False, "a failed request is left to the rounds and probes"
    with qtbot.waitSignals([bridge.online_changed, bridge.sync_started], timeout=5000):
        bridge.request_ended()
    assert bridge.online is True
    qtbot.waitUntil(lambda: not bridge.running, timeout=5000)


def test_stop_waits_for_the_running_round_and_silences_the_bridge(
    qtbot: QtBot, bridge: SyncBridge, harness: Harness
) -> None:
    harness.gate.clear()
    finished: list[object] = []
    bridge.sync_finished.connect(finished.append)
    with qtbot.waitSignal(bridge.sync_started, timeout=5000):
        bridge.sync_now()
    qtbot.waitUntil(lambda: bool(harness.services) and bool(harness.services[0].threads), timeout=5000)
    harness.gate.set()
    assert bridge.stop(timeout=5)
    assert harness.services[0].rounds_ended == 1, "stop() returned only after the round"
    assert not bridge.sync_now()
    bridge.request_ended()
    assert finished == []


def test_report_online() -> None:
    assert report_online(sync_report(ok=True)) is True
    assert report_online(sync_report(ok=False, error_code="timeout")) is False
    assert report_online(sync_report(ok=False, error_code="conflict")) is True


def test_a_status_model_bound_after_a_round_shows_what_the_bridge_knows(
    qtbot: QtBot, bridge: SyncBridge, harness: Harness
) -> None:
    from qtkit.widgets.sync_status import SyncStatusModel

    harness.outcomes.append(sync_report(ok=True))
    with qtbot.waitSignal(bridge.sync_finished, timeout=5000):
        bridge.sync_now()
    model = SyncStatusModel()
    assert model.status.online is None
    model.bind(bridge)
    assert model.status.online is True  # not "连接状态未知" until the next round
