"""SyncBridge with a hand-written fake sync runner: rounds on the sync worker, progress, reports, online state."""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from core.errors import TongbanError
from qtkit.bridge import SyncBridge
from qtkit.sync_bridge import ProgressHook, progress_numbers, report_online
from qtkit.tasks import TaskRunner


@dataclass(frozen=True)
class Progress:
    """Shaped like sync.report.SyncProgress."""

    stage: str
    events_done: int
    events_total: int
    bytes_done: int
    bytes_total: int


@dataclass(frozen=True)
class Report:
    """Shaped like the fields of sync.report.SyncReport the bridge reads."""

    ok: bool
    pending: int = 0
    error: str | None = None
    error_code: str | None = None
    retry_after_s: float | None = None


class LinkDown(TongbanError):
    def __init__(self) -> None:
        super().__init__("连不上省级平台", "unreachable")
        self.code = "unreachable"


class FakeSyncService:
    """Plays back scripted outcomes; each round reports progress 0/3 … 3/3 first."""

    def __init__(
        self, progress: ProgressHook, outcomes: deque[Report | Exception], gate: threading.Event
    ) -> None:
        self.progress = progress
        self.outcomes = outcomes
        self.gate = gate
        self.threads: list[str] = []
        self.rounds_ended = 0

    def run_once(self) -> Report:
        self.threads.append(threading.current_thread().name)
        self.gate.wait(5)
        for done in range(4):
            self.progress(Progress("push", done, 3, done * 1_000_000_000, 3_000_000_000))
        outcome = self.outcomes.popleft() if self.outcomes else Report(ok=True)
        self.rounds_ended += 1
        if isinstance(outcome, Exception):
            raise outcome
        return outcome


class Harness:
    def __init__(self) -> None:
        self.outcomes: deque[Report | Exception] = deque()
        self.gate = threading.Event()
        self.gate.set()
        self.services: list[FakeSyncService] = []
        self.factory_threads: list[str] = []

    def factory(self, progress: ProgressHook) -> FakeSyncService:
        self.factory_threads.append(threading.current_thread().name)
        service = FakeSyncService(progress, self.outcomes, self.gate)
        self.services.append(service)
        return service


@pytest.fixture
def harness() -> Harness:
    return Harness()


@pytest.fixture
def bridge(runner: TaskRunner, harness: Harness) -> Iterator[SyncBridge]:
    sync = SyncBridge(runner, harness.factory, interval_ms=0)
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
    harness.outcomes.append(Report(ok=True, pending=2))
    with qtbot.waitSignals([bridge.sync_started, bridge.sync_finished], order="strict", timeout=5000):
        assert bridge.sync_now()
    assert finished == [Report(ok=True, pending=2)]
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
    harness.outcomes.extend(
        [
            Report(ok=True),
            Report(ok=False, error="连不上省级平台", error_code="unreachable"),
            LinkDown(),
            Report(ok=False, error="数据不符合规范", error_code="validation"),
        ]
    )
    for _ in range(4):
        with qtbot.waitSignal(bridge.sync_started, timeout=5000):
            bridge.sync_now()
        qtbot.waitUntil(lambda: not bridge.running, timeout=5000)
    assert changes == [True, False, True]
    assert len(failures) == 1 and isinstance(failures[0], LinkDown)
    assert bridge.online is True


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


def test_the_timer_schedules_rounds_and_respects_retry_after(
    qtbot: QtBot, runner: TaskRunner, harness: Harness
) -> None:
    now = [1000.0]
    bridge = SyncBridge(runner, harness.factory, interval_ms=20, monotonic=lambda: now[0])
    try:
        finished: list[object] = []
        bridge.sync_finished.connect(finished.append)
        harness.outcomes.append(Report(ok=False, error="平台繁忙", error_code="busy", retry_after_s=60))
        bridge.start(run_now=False)
        qtbot.waitUntil(lambda: len(finished) == 1 and not bridge.running, timeout=5000)
        assert not bridge.tick(), "the platform asked for 60 s"
        now[0] += 61
        qtbot.waitUntil(lambda: len(finished) >= 2, timeout=5000)
    finally:
        assert bridge.stop()


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
    assert finished == []


def test_progress_and_online_helpers() -> None:
    assert progress_numbers(Progress("push", 1, 2, 3, 4)) == (1, 2, 3, 4)
    assert progress_numbers((5, 6, 7, 8)) == (5, 6, 7, 8)
    assert report_online(Report(ok=True)) is True
    assert report_online(Report(ok=False, error_code="timeout")) is False
    assert report_online(Report(ok=False, error_code="conflict")) is True
    assert report_online(object()) is None


def test_a_status_model_bound_after_a_round_shows_what_the_bridge_knows(
    qtbot: QtBot, bridge: SyncBridge, harness: Harness
) -> None:
    from qtkit.widgets.sync_status import SyncStatusModel

    harness.outcomes.append(Report(ok=True))
    with qtbot.waitSignal(bridge.sync_finished, timeout=5000):
        bridge.sync_now()
    model = SyncStatusModel()
    assert model.status.online is None
    model.bind(bridge)
    assert model.status.online is True  # not "连接状态未知" until the next round
