"""Cyclic garbage is collected on the GUI thread only while a TaskRunner's workers run (qtkit.collector).

A Python-owned QObject in a reference cycle used to be destroyed by whichever thread's allocation
set off CPython's collector, a store worker's among them; deleting a QObject on a thread that is
not its own while the GUI thread delivers its queued events is a segmentation fault
(bench/crash_check.py --reproduce).
"""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from qtkit.collector import CollectionSchedule, GuiThreadCollector
from qtkit.tasks import TaskRunner


class Cycle(QObject):
    """A Python-owned QObject that only the cyclic collector can free (a lambda holds it, as in DeviceBridge)."""

    posted = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.on_event = lambda value: self.posted.emit(value)


def allocate(times: int) -> list[list[int]]:
    """Containers enough to set off ``times`` automatic young-generation collections."""
    return [[] for _ in range(times * gc.get_threshold()[0])]


@pytest.fixture
def collection_enabled() -> Iterator[None]:
    """Automatic collection on at the start (as in any test) and after the test."""
    assert gc.isenabled(), "a runner of an earlier test did not give the collector back"
    yield
    assert gc.isenabled(), "automatic collection left off"


@pytest.fixture
def new_runner(qapp: QApplication, collection_enabled: None) -> Iterator[Callable[[], TaskRunner]]:
    """``new_runner()``: a TaskRunner, shut down after the test even when an assert failed (twice is harmless)."""
    made: list[TaskRunner] = []

    def make() -> TaskRunner:
        made.append(TaskRunner())
        return made[-1]

    yield make
    for runner in made:
        assert runner.shutdown(timeout=10), "TaskRunner threads did not end"
        runner.deleteLater()


def test_a_qt_object_in_a_reference_cycle_dies_on_the_gui_thread_not_on_a_worker(
    qtbot: QtBot, new_runner: Callable[[], TaskRunner]
) -> None:
    runner = new_runner()
    died_on: list[str] = []
    gc.collect()  # the young generation starts empty: only the worker's allocations can fill it
    doomed = Cycle()
    weakref.finalize(doomed, lambda: died_on.append(threading.current_thread().name))
    del doomed
    young = runner.run(lambda: allocate(50), executor="store").result(timeout=10)
    assert died_on == [], "the store worker destroyed a GUI-thread QObject"
    assert len(young) > gc.get_threshold()[0]  # kept: the young generation stays due
    # the GUI thread's collector, from the event loop
    qtbot.waitUntil(lambda: bool(died_on), timeout=5000)
    assert died_on == [threading.main_thread().name]


def test_automatic_collection_is_off_while_any_runner_lives_and_back_after_the_last(
    new_runner: Callable[[], TaskRunner],
) -> None:
    first, second = new_runner(), new_runner()
    assert not gc.isenabled()
    assert first.shutdown(timeout=10)
    assert not gc.isenabled(), "the second runner's workers may still run"
    assert second.shutdown(timeout=10)
    assert gc.isenabled()


def test_shutdown_collects_what_is_left_on_the_gui_thread(new_runner: Callable[[], TaskRunner]) -> None:
    runner = new_runner()
    died_on: list[str] = []
    gc.collect()
    doomed = Cycle()
    weakref.finalize(doomed, lambda: died_on.append(threading.current_thread().name))
    del doomed
    young = runner.run(lambda: allocate(50), executor="store").result(timeout=10)
    assert died_on == [] and young  # no event loop ran in between
    assert runner.shutdown(timeout=10)
    assert died_on == [threading.main_thread().name]


@pytest.mark.usefixtures("collection_enabled")
def test_a_collector_that_was_never_started_changes_nothing(qapp: QApplication) -> None:
    collector = GuiThreadCollector()
    collector.stop()
    collector.stop()
    assert gc.isenabled()
    collector.deleteLater()


def test_the_collector_belongs_to_the_gui_thread(qapp: QApplication) -> None:
    errors: list[BaseException] = []

    def build() -> None:
        try:
            GuiThreadCollector()
        except RuntimeError as exc:
            errors.append(exc)

    thread = threading.Thread(target=build)
    thread.start()
    thread.join(10)
    assert len(errors) == 1 and "GUI thread" in str(errors[0])


THRESHOLDS = (700, 10, 10)


class OldestGeneration:
    """The oldest generation's size as the schedule measures it; counts how often it was measured."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.measured = 0

    def __call__(self) -> int:
        self.measured += 1
        return self.size


def test_the_schedule_collects_the_young_and_middle_generations_by_their_thresholds() -> None:
    schedule = CollectionSchedule(OldestGeneration(1000))
    assert schedule.due((700, 0, 0), THRESHOLDS) is None
    assert schedule.due((701, 10, 0), THRESHOLDS) == 0
    assert schedule.due((701, 11, 0), THRESHOLDS) == 1
    assert schedule.due((5, 11, 0), THRESHOLDS) is None, "nothing young: nothing due"
    assert schedule.due((701, 0, 0), (0, 10, 10)) is None, "threshold 0 turns collection off, as in CPython"


def test_a_full_collection_waits_for_the_oldest_generation_to_grow_by_a_quarter() -> None:
    oldest = OldestGeneration(1000)
    schedule = CollectionSchedule(oldest)
    middle = (701, 11, 0)
    assert [schedule.due(middle, THRESHOLDS) for _ in range(10)] == [1] * 10
    assert oldest.measured == 0, "measuring costs a walk over every object: only when a look is due"
    assert schedule.due(middle, THRESHOLDS) == 2, "never collected in full: due"
    schedule.collected(2)
    assert oldest.measured == 1, "what the full collection kept"
    oldest.size = 1250  # a quarter more, not over it
    assert [schedule.due(middle, THRESHOLDS) for _ in range(11)] == [1] * 11
    oldest.size = 1251
    assert [schedule.due(middle, THRESHOLDS) for _ in range(11)] == [1] * 10 + [2]
