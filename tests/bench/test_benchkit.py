"""The benches' stall tracer (bench/benchkit.py) names what held the GUI thread up: its own work,
or another thread it waited for; and it times cyclic collections by thread."""

from __future__ import annotations

import gc
import importlib.util
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot


def _load_benchkit() -> ModuleType:
    """bench/benchkit.py, loaded by path: bench/ is not a package, and putting it on sys.path would
    make the namespace package ``tests`` recompute its path without this checkout's tests/ (every
    ``tests.…`` import after this module then fails)."""
    path = Path(__file__).resolve().parents[2] / "bench" / "benchkit.py"
    spec = importlib.util.spec_from_file_location("benchkit", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("benchkit", module)
    spec.loader.exec_module(module)
    return module


benchkit = _load_benchkit()
Heartbeat, StallTracer = benchkit.Heartbeat, benchkit.StallTracer

CPU_S = 0.12  # CPU time each culprit spends: well past the tracer's 30 ms


def spend_cpu(seconds: float) -> None:
    """Python work on the calling thread until it has used ``seconds`` of its own CPU time."""
    until = time.thread_time() + seconds
    while time.thread_time() < until:
        sum(range(200))


def spend_on_the_gui_thread() -> None:
    spend_cpu(CPU_S)


@pytest.fixture
def traced(qapp: QApplication) -> Iterator[tuple[Heartbeat, StallTracer]]:
    beat = Heartbeat()
    tracer = StallTracer(beat)
    beat.start()
    tracer.start()
    yield beat, tracer
    beat.stop()
    tracer.stop()


def run_on_the_gui_thread(qtbot: QtBot, work: object) -> None:
    done: list[bool] = []
    QTimer.singleShot(50, lambda: (work(), done.append(True)))  # type: ignore[operator]
    qtbot.waitUntil(lambda: bool(done), timeout=20_000)
    qtbot.wait(100)  # beats again: the stall is over, the watchdog has seen it end


def test_the_gui_threads_own_work_is_named_with_the_cpu_it_took(
    qtbot: QtBot, traced: tuple[Heartbeat, StallTracer]
) -> None:
    _beat, tracer = traced
    run_on_the_gui_thread(qtbot, spend_on_the_gui_thread)
    sites = [site for counter in tracer.gui_sites.values() for site in counter]
    assert any("spend_cpu" in site for site in sites), sites
    assert tracer.most_work_ms >= CPU_S * 1000 * 0.8  # CPU time from /proc, not a wall clock
    assert "the most the GUI thread ran in one stall" in "\n".join(tracer.report())


def test_a_thread_the_gui_thread_waits_for_is_named(
    qtbot: QtBot, traced: tuple[Heartbeat, StallTracer]
) -> None:
    _beat, tracer = traced
    lock = threading.Lock()
    holding, asking = threading.Event(), threading.Event()

    def hold_the_lock() -> None:
        with lock:
            holding.set()
            while not asking.is_set():
                spend_cpu(0.001)
            spend_cpu(CPU_S)  # all of it while the GUI thread waits

    worker = threading.Thread(target=hold_the_lock, name="lock-holder")
    worker.start()
    assert holding.wait(10)

    def wait_for_the_lock() -> None:
        asking.set()
        with lock:
            pass

    run_on_the_gui_thread(qtbot, wait_for_the_lock)
    worker.join(10)
    assert tracer.count["waited"] >= 1, tracer.report()
    assert any("[lock-holder]" in site and "spend_cpu" in site for site in tracer.other_sites), (
        tracer.report()
    )


def test_collections_are_timed_by_thread_and_generation(
    qtbot: QtBot, traced: tuple[Heartbeat, StallTracer]
) -> None:
    _beat, tracer = traced
    gc.collect()
    assert tracer.collections[("GUI", 2)].count >= 1
    assert any("cyclic collections on GUI, generation 2" in line for line in tracer.report())


class Worker:
    def work(self) -> None:
        spend_cpu(CPU_S)


def test_the_gui_threads_own_cpu_is_measured_per_gap_and_per_method(qtbot: QtBot) -> None:
    beat, work = Heartbeat(), benchkit.GuiWork()
    work.time(Worker, "work")
    benchkit.waiting_for[0] = "the work"
    beat.start()
    try:
        run_on_the_gui_thread(qtbot, Worker().work)
    finally:
        beat.stop()
        work.restore()
    assert beat.cpu_longest_ms >= CPU_S * 1000 * 0.9  # the thread's CPU time, not a wall clock
    assert beat.cpu_steps["the work"] == beat.cpu_longest_ms
    assert "the work" in "\n".join(beat.cpu_report())
    calls, _total, longest = work.pieces["Worker.work"]
    assert calls == 1 and longest >= CPU_S * 1000 * 0.9
    assert "Worker.work" in "\n".join(work.report())
    assert "timed" not in Worker.work.__qualname__  # restored


def test_wait_for_turns_the_event_loop_even_when_the_answer_is_already_there(qapp: QApplication) -> None:
    ran: list[bool] = []
    QTimer.singleShot(0, lambda: ran.append(True))  # what the last action left for the event loop
    benchkit.wait_for(lambda: True, 5, "nothing")
    assert ran


def test_wait_for_lets_the_gui_settle_before_the_next_tap(qapp: QApplication) -> None:
    """A bench taps no sooner than a person could: the event loop keeps turning (the GUI lays out
    and draws what changed) while the answer holds, before wait_for returns."""
    checks: list[bool] = []
    arrived: list[bool] = []
    QTimer.singleShot(1, lambda: arrived.append(True))

    def answered() -> bool:
        checks.append(bool(arrived))
        return bool(arrived)

    benchkit.wait_for(answered, 5, "the answer")
    assert checks.count(True) >= 3, checks  # checked every 2 ms for SETTLE_MS (10 ms) once it held
