"""OperationHub: store work answered only while its owner lives, nothing after shutdown, one notification of changes."""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from core.errors import ValidationError
from core.store.store import Store
from qtkit.operations import OperationHub
from qtkit.sync_bridge import ProgressHook, SyncBridge
from qtkit.tasks import TaskRunner, store_opener
from services.changes import Changes
from sync.report import SyncReport
from tests.conftest import FakeClock
from tests.sync_samples import sync_report

WAIT = 10_000


@pytest.fixture
def hub(runner: TaskRunner, tmp_path: Path, clock: FakeClock) -> Iterator[OperationHub]:
    Store.open(tmp_path, clock=clock).close()
    key = runner.add_resource("store", store_opener(tmp_path, clock=clock))
    operations = OperationHub(runner, key)
    yield operations
    operations.deleteLater()


def heard(hub: OperationHub) -> list[tuple[Changes, object]]:
    said: list[tuple[Changes, object]] = []
    hub.operation_did_execute.connect(lambda changes, initiator: said.append((changes, initiator)))
    return said


def test_an_answer_for_a_deleted_owner_is_dropped_and_nothing_raises(
    qtbot: QtBot, runner: TaskRunner, hub: OperationHub
) -> None:
    owner = QObject()
    release = threading.Event()
    answers: list[str] = []

    def work(store: Store) -> str:
        release.wait(WAIT / 1000)
        return store.device_id

    def done(device_id: str) -> None:
        answers.append(device_id)
        owner.objectName()  # what a deleted widget's slot does: it raises RuntimeError

    def failed(exc: BaseException) -> None:
        answers.append(f"failed: {exc}")
        owner.objectName()

    said = heard(hub)
    future = hub.run_store(owner, work, done, failed, changes=Changes(staff=True))
    assert future is not None
    shiboken6.delete(owner)  # the screen is closed while the store worker is busy
    release.set()
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=WAIT)
    assert future.result()
    assert answers == []
    assert said and said[0][0] == Changes(staff=True), "the data changed all the same: the others hear it"


def test_an_error_for_a_deleted_owner_is_dropped_too(
    qtbot: QtBot, runner: TaskRunner, hub: OperationHub
) -> None:
    owner = QObject()
    release = threading.Event()
    errors: list[BaseException] = []

    def work(_store: Store) -> None:
        release.wait(WAIT / 1000)
        raise ValidationError("x", "不对", "wrong")

    said = heard(hub)
    hub.run_store(owner, work, on_error=errors.append, changes=Changes(staff=True))
    shiboken6.delete(owner)
    release.set()
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=WAIT)
    assert errors == []
    assert said == [], "failed work changed nothing"


def test_a_live_owner_hears_the_answer_then_everyone_hears_what_changed(
    qtbot: QtBot, hub: OperationHub
) -> None:
    owner = QObject()
    order: list[str] = []
    hub.operation_did_execute.connect(
        lambda changes, initiator: order.append(
            f"changed {sorted(changes.cases)} by owner={initiator is owner}"
        )
    )
    hub.run_store(
        owner,
        lambda store: store.device_id,
        lambda _device_id: order.append("done"),
        changes=lambda _device_id: Changes.for_cases(["3201150012026000001"]),
    )
    qtbot.waitUntil(lambda: len(order) == 2, timeout=WAIT)
    assert order == ["done", "changed ['3201150012026000001'] by owner=True"]


def test_nothing_runs_once_the_runner_is_shut_down(
    qtbot: QtBot, runner: TaskRunner, hub: OperationHub
) -> None:
    ran: list[object] = []
    assert runner.shutdown(timeout=10)
    owner = QObject()

    def work(_store: Store) -> str:
        ran.append("store")
        return "ran"

    assert hub.run_store(owner, work, ran.append) is None
    started: list[str] = []

    def start() -> Future[str]:
        started.append("start")
        raise AssertionError("never started")

    assert hub.follow(owner, start, ran.append) is None
    assert ran == [] and started == []


def test_follow_answers_a_chain_only_while_its_owner_lives(
    qtbot: QtBot, runner: TaskRunner, hub: OperationHub
) -> None:
    owner = QObject()
    chained: Future[int] = Future()
    answers: list[int] = []
    said = heard(hub)
    hub.follow(owner, lambda: chained, answers.append, changes=Changes(prints=True))
    shiboken6.delete(owner)
    chained.set_result(7)  # e.g. the printer's owner thread finished
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=WAIT)
    assert answers == [] and said == [(Changes(prints=True), owner)]


class ScriptedRounds:
    """A sync runner whose rounds return the scripted reports (on the sync worker)."""

    def __init__(self, _progress: ProgressHook, reports: deque[SyncReport]) -> None:
        self.reports = reports

    def run_once(self) -> SyncReport:
        return self.reports.popleft()

    def reachable(self, timeout: tuple[float, float]) -> bool:
        return False


def test_a_sync_round_says_what_it_changed(qtbot: QtBot, runner: TaskRunner, hub: OperationHub) -> None:
    reports = deque([sync_report(ok=True, applied_updates=2, pulled_updates=2, acked=3)])
    bridge = SyncBridge(runner, lambda hook: ScriptedRounds(hook, reports), interval_ms=0)
    hub.follow_sync(bridge)
    said = heard(hub)
    with qtbot.waitSignal(hub.operation_did_execute, timeout=WAIT):
        bridge.start()
    changes, initiator = said[0]
    assert initiator is bridge
    assert changes.all_cases and changes.outbox and changes.sync_status and not changes.catalog
    assert changes.touches("3201150012026000001")
    bridge.stop()


def test_nothing_is_said_when_nothing_changed(qtbot: QtBot, hub: OperationHub) -> None:
    owner = QObject()
    said = heard(hub)
    answers: list[Any] = []
    hub.run_store(owner, lambda store: store.device_id, answers.append, changes=Changes())
    qtbot.waitUntil(lambda: bool(answers), timeout=WAIT)
    assert said == []
