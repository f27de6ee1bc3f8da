"""The kiosk's online state (issue #10, bug 7): a slow answer is an answer; any answered request is online."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from pytestqt.qtbot import QtBot
from werkzeug import Request, Response

from core.clock import SystemClock
from core.config import DeviceConfig
from core.store.store import Store
from core.store.sync_state import Enrollment
from kiosk.context import ONLINE_TIMEOUT_S, KioskContext, KioskOptions
from qtkit.operations import OperationHub
from qtkit.sync_bridge import ProgressHook, SyncBridge
from qtkit.tasks import TaskRunner, store_opener
from sync import contract
from sync.report import SyncReport
from sync.schedule import RoundScheduler
from tests.sync_samples import LongestJitter, sync_report

SLOW_S = 2.0  # the busy platform's answer time: past a health probe's old 1.5 s, within the kiosk's 8 s


class TimedOutRounds:
    """The kiosk's sync rounds time out (the platform is busy); probes are never answered. Rounds
    after the first wait for ``release`` (so a test sees the state between two rounds)."""

    release = threading.Event()

    def __init__(self, _progress: ProgressHook) -> None:
        self.rounds = 0

    def run_once(self) -> SyncReport:
        self.rounds += 1
        if self.rounds > 1:
            self.release.wait(10)
        return sync_report(ok=False, error="省级平台响应超时", error_code="timeout")

    def reachable(self, timeout: tuple[float, float]) -> bool:
        return False


@pytest.fixture
def slow_platform(httpserver: HTTPServer) -> HTTPServer:
    def slow_health(_request: Request) -> Response:
        time.sleep(SLOW_S)  # busy; nothing here is timed
        body = f'{{"status": "ok", "version": "{contract.API_VERSION}", "time": "2026-12-01T09:00:00+08:00"}}'
        return Response(body, status=200, content_type="application/json")

    httpserver.expect_request(contract.P_HEALTH).respond_with_handler(slow_health)
    return httpserver


@pytest.fixture
def kiosk_context(qapp: Any, tmp_path: Path, slow_platform: HTTPServer) -> Iterator[KioskContext]:
    """The parts of a KioskContext that online_call uses, on a store enrolled with the slow platform."""
    clock = SystemClock()
    data = tmp_path / "data"
    with Store.open(data, clock=clock) as store:
        store.sync.save_enrollment(
            Enrollment(slow_platform.url_for("/"), "slow", b"k" * 32, "2026-12-01T09:00:00+08:00")
        )
    runner = TaskRunner(executors={"store": 1, "net": 1, "sync": 1})
    store_key = runner.add_resource("store", store_opener(data, clock=clock))
    quiet = RoundScheduler(interval=None, probe_interval=3600, rng=LongestJitter(), base=3600, cap=3600)
    sync = SyncBridge(runner, TimedOutRounds, scheduler=quiet)
    ctx = KioskContext(
        config=DeviceConfig(),
        catalog=None,  # type: ignore[arg-type]
        clock=clock,
        data_dir=data,
        options=KioskOptions(data, data / "tongban.toml"),
        runner=runner,
        store_key=store_key,
        devices=None,  # type: ignore[arg-type]
        sync=sync,
        speaker=None,  # type: ignore[arg-type]
        operations=OperationHub(runner, store_key),
    )
    TimedOutRounds.release.clear()
    yield ctx
    TimedOutRounds.release.set()
    sync.stop()
    assert runner.shutdown(timeout=10)
    runner.deleteLater()


def test_a_slow_answer_to_a_kiosk_request_brings_the_kiosk_online(
    qtbot: QtBot, kiosk_context: KioskContext
) -> None:
    sync = kiosk_context.sync
    assert sync is not None
    with qtbot.waitSignal(sync.sync_finished, timeout=5000):
        sync.start()
    assert sync.online is False and not kiosk_context.online, "the round timed out"
    online_when_answered: list[bool] = []
    with qtbot.waitSignal(sync.sync_started, timeout=20_000):  # a round at once: the platform is back
        kiosk_context.online_call(
            lambda client, _store: client.health(timeout=ONLINE_TIMEOUT_S),
            on_done=lambda _answer: online_when_answered.append(kiosk_context.online),
        )
        qtbot.waitUntil(lambda: bool(online_when_answered), timeout=20_000)
    assert online_when_answered == [True], "the screen that gets the answer sees the kiosk online"
