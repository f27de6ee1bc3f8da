"""TaskRunner: ops on named pools, callbacks on the GUI thread, typed errors, drained shutdown, per-thread resources."""

from __future__ import annotations

import logging
import sys
import threading
from concurrent.futures import Future
from pathlib import Path
from types import TracebackType

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from core.clock import Clock
from core.errors import StoreError, TongbanError
from core.store.store import Store
from devices.errors import DeviceTimeout
from qtkit.tasks import TaskRunner, store_opener


def on_gui_thread() -> bool:
    app = QApplication.instance()
    return app is not None and QThread.currentThread() is app.thread()


def test_callbacks_run_on_the_gui_thread_and_never_inside_run(qtbot: QtBot, runner: TaskRunner) -> None:
    seen: list[tuple[str, bool]] = []
    worker: list[str] = []

    def op() -> int:
        worker.append(threading.current_thread().name)
        return 42

    future = runner.run(op, on_done=lambda value: seen.append((str(value), on_gui_thread())))
    assert future.result(timeout=5) == 42
    assert seen == [], "the callback waits for the event loop"
    qtbot.waitUntil(lambda: seen == [("42", True)], timeout=5000)
    assert worker[0].startswith("tongban-general-")
    assert runner.pending == 0


def test_store_executor_serializes_and_keeps_order(qtbot: QtBot, runner: TaskRunner) -> None:
    lock = threading.Lock()
    active = [0]
    most = [0]
    order: list[int] = []
    threads: set[str] = set()
    delivered: list[int] = []

    def write(index: int) -> int:
        with lock:
            active[0] += 1
            most[0] = max(most[0], active[0])
        threads.add(threading.current_thread().name)
        sum(range(20_000))  # a little real work, so overlapping would show
        order.append(index)
        with lock:
            active[0] -= 1
        return index

    for index in range(25):
        runner.run(lambda i=index: write(i), on_done=delivered.append, executor="store")
    qtbot.waitUntil(lambda: len(delivered) == 25, timeout=10_000)
    assert most[0] == 1
    assert threads == {"tongban-store-0"}
    assert order == list(range(25)) and delivered == list(range(25))


def test_general_pool_runs_ops_side_by_side(qtbot: QtBot, runner: TaskRunner) -> None:
    first, second = threading.Event(), threading.Event()
    results: list[bool] = []

    def meet(mine: threading.Event, other: threading.Event) -> bool:
        mine.set()
        return other.wait(5)  # only true if both ops run at the same time

    runner.run(lambda: meet(first, second), on_done=results.append)
    runner.run(lambda: meet(second, first), on_done=results.append)
    qtbot.waitUntil(lambda: len(results) == 2, timeout=10_000)
    assert results == [True, True]


@pytest.mark.parametrize("error", [TongbanError("出错了", "failed"), DeviceTimeout("读卡超时", "timeout")])
def test_typed_errors_reach_on_error_without_a_traceback(
    qtbot: QtBot, runner: TaskRunner, caplog: pytest.LogCaptureFixture, error: Exception
) -> None:
    errors: list[tuple[BaseException, bool]] = []

    def op() -> None:
        raise error

    with caplog.at_level(logging.INFO, logger="qtkit.tasks"):
        runner.run(
            op,
            on_done=lambda _: pytest.fail("no result expected"),
            on_error=lambda e: errors.append((e, on_gui_thread())),
        )
        qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert errors == [(error, True)]
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_unexpected_errors_are_logged_with_traceback_and_passed_on(
    qtbot: QtBot, runner: TaskRunner, caplog: pytest.LogCaptureFixture
) -> None:
    errors: list[BaseException] = []

    def op() -> None:
        raise ValueError("a bug")

    with caplog.at_level(logging.ERROR, logger="qtkit.tasks"):
        future = runner.run(op, on_error=errors.append, executor="devices")
        qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert isinstance(errors[0], ValueError)
    assert isinstance(future.exception(), ValueError)
    [record] = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert record.exc_info is not None and record.exc_info[0] is ValueError


def test_shutdown_drains_queued_ops_and_delivers_their_callbacks(qapp: QApplication) -> None:
    runner = TaskRunner()
    gate = threading.Event()
    ran: list[int] = []
    delivered: list[int] = []
    runner.run(gate.wait, executor="store")
    for index in range(10):
        runner.run(lambda i=index: ran.append(i) or i, on_done=delivered.append, executor="store")
    assert runner.pending == 11
    gate.set()
    assert runner.shutdown(timeout=10)
    assert ran == list(range(10)) and delivered == list(range(10))
    assert runner.pending == 0
    assert not [t for t in threading.enumerate() if t.name.startswith("tongban-")]
    with pytest.raises(RuntimeError, match="shut down"):
        runner.run(lambda: None)
    assert runner.shutdown()  # twice is harmless


def test_pending_counts_ops_until_their_callbacks_ran(qtbot: QtBot, runner: TaskRunner) -> None:
    gate = threading.Event()
    runner.run(lambda: gate.wait(5), executor="sync")
    assert runner.pending == 1
    gate.set()
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=5000)


def test_a_cancelled_op_never_runs_and_is_not_pending(qtbot: QtBot, runner: TaskRunner) -> None:
    gate = threading.Event()
    runner.run(lambda: gate.wait(5), executor="store")
    ran: list[str] = []
    queued = runner.run(lambda: ran.append("ran"), on_done=lambda _: ran.append("done"), executor="store")
    assert queued.cancel()
    gate.set()
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=5000)
    assert ran == []


def test_follow_delivers_a_foreign_future_on_the_gui_thread(qtbot: QtBot, runner: TaskRunner) -> None:
    seen: list[tuple[object, bool]] = []
    future: Future[str] = Future()
    runner.follow(future, on_done=lambda value: seen.append((value, on_gui_thread())))
    thread = threading.Thread(target=lambda: future.set_result("printed"))
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: seen == [("printed", True)], timeout=5000)
    failed: Future[str] = Future()
    errors: list[BaseException] = []
    runner.follow(failed, on_error=errors.append)
    failed.set_exception(DeviceTimeout("超时"))
    qtbot.waitUntil(lambda: len(errors) == 1, timeout=5000)


def test_a_raising_callback_is_reported_and_the_others_still_run(
    qtbot: QtBot, runner: TaskRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    hooked: list[type[BaseException] | None] = []

    def hook(kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None) -> None:
        hooked.append(kind)

    monkeypatch.setattr(sys, "excepthook", hook)
    done: list[int] = []

    def bad(_: object) -> None:
        raise RuntimeError("callback bug")

    runner.run(lambda: 1, on_done=bad)
    runner.run(lambda: 2, on_done=done.append)
    qtbot.waitUntil(lambda: done == [2] and hooked == [RuntimeError], timeout=5000)


class Resource:
    """A per-thread resource that remembers where it was opened and closed."""

    def __init__(self) -> None:
        self.opened_on = threading.current_thread().name
        self.closed_on: str | None = None

    def close(self) -> None:
        self.closed_on = threading.current_thread().name


def test_each_worker_opens_its_own_resource_lazily_and_closes_it_on_shutdown(qapp: QApplication) -> None:
    runner = TaskRunner()
    made: list[Resource] = []
    key = runner.add_resource("res", open=lambda: made.append(Resource()) or made[-1])
    assert made == [], "nothing is opened before a worker asks"
    with pytest.raises(RuntimeError, match="worker thread"):
        runner.resource(key)
    first = runner.run_with(key, lambda r: r, executor="store").result(5)
    second = runner.run_with(key, lambda r: r, executor="store").result(5)
    other = runner.run_with("res", lambda r: r, executor="sync").result(5)
    assert first is second and other is not first
    assert first.opened_on == "tongban-store-0" and other.opened_on == "tongban-sync-0"
    assert first.closed_on is None
    assert runner.shutdown(timeout=10)
    assert first.closed_on == "tongban-store-0" and other.closed_on == "tongban-sync-0"


def test_workers_get_their_own_real_store(tmp_path: Path, qapp: QApplication, clock: Clock) -> None:
    runner = TaskRunner()
    closed: list[str] = []

    def close(store: Store) -> None:
        store.close()
        closed.append(threading.current_thread().name)

    key = runner.add_resource("store", open=store_opener(tmp_path, clock=clock), close=close)
    on_store = runner.run_with(key, lambda s: (s, s.pending_count()), executor="store").result(10)
    on_general = runner.run_with(key, lambda s: (s, s.pending_count()), executor="devices").result(10)
    assert on_store[1] == 0 and on_general[1] == 0
    assert on_store[0] is not on_general[0], "one Store (one SQLite connection) per thread"
    assert runner.shutdown(timeout=10)
    assert sorted(closed) == ["tongban-devices-0", "tongban-store-0"]


def test_a_store_that_cannot_open_is_a_typed_error(
    qtbot: QtBot, runner: TaskRunner, tmp_path: Path, clock: Clock
) -> None:
    (tmp_path / "tongban.db").write_bytes(b"this is not a database" * 100)
    key = runner.add_resource("store", open=store_opener(tmp_path, clock=clock))
    errors: list[BaseException] = []
    runner.run_with(key, lambda s: s.pending_count(), on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=10_000)
    assert isinstance(errors[0], StoreError)


def test_the_runner_belongs_to_the_gui_thread(qapp: QApplication) -> None:
    problems: list[BaseException] = []

    def build() -> None:
        try:
            TaskRunner()
        except RuntimeError as exc:
            problems.append(exc)

    thread = threading.Thread(target=build)
    thread.start()
    thread.join()
    assert problems and "GUI thread" in str(problems[0])
    with pytest.raises(LookupError, match="no executor"):
        only_store = TaskRunner(executors={"store": 1})
        try:
            only_store.run(lambda: None, executor="general")
        finally:
            only_store.shutdown()
