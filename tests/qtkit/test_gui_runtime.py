"""The GUI process's runtime policy (qtkit.gui_runtime): a 1 ms GIL switch interval and the
start-up objects set aside from the cyclic collector, both undone on stop."""

from __future__ import annotations

import gc
import sys
import threading
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from qtkit.gui_runtime import GIL_SWITCH_S, GuiRuntime


@pytest.fixture
def untouched() -> Iterator[float]:
    """The interpreter as a test starts it (default switch interval, nothing frozen), checked after."""
    before = sys.getswitchinterval()
    assert before != GIL_SWITCH_S and gc.get_freeze_count() == 0
    yield before
    assert sys.getswitchinterval() == before
    assert gc.get_freeze_count() == 0


def test_building_the_policy_changes_nothing(untouched: float) -> None:
    GuiRuntime()
    assert sys.getswitchinterval() == untouched
    assert gc.get_freeze_count() == 0


def test_apply_sets_the_switch_interval_and_restore_gives_it_back(
    untouched: float, qapp: QApplication
) -> None:
    runtime = GuiRuntime()
    runtime.apply()
    runtime.apply()  # twice: the first interval is still the one given back
    assert sys.getswitchinterval() == pytest.approx(GIL_SWITCH_S)
    runtime.restore()
    assert sys.getswitchinterval() == untouched
    runtime.restore()  # safe twice
    assert sys.getswitchinterval() == untouched


def test_start_up_objects_leave_the_collectors_scans_until_restore(
    untouched: float, qapp: QApplication
) -> None:
    runtime = GuiRuntime()
    runtime.apply()
    scanned_before = len(gc.get_objects())
    runtime.freeze_start_up()
    assert gc.get_freeze_count() > 0
    # What a full collection walks now: only what was made after start-up.
    assert len(gc.get_objects()) < scanned_before // 10
    runtime.restore()
    assert gc.get_freeze_count() == 0


def test_freezing_belongs_to_the_gui_thread(untouched: float, qapp: QApplication) -> None:
    errors: list[BaseException] = []
    runtime = GuiRuntime()

    def freeze() -> None:
        try:
            runtime.freeze_start_up()
        except RuntimeError as exc:
            errors.append(exc)

    thread = threading.Thread(target=freeze)
    thread.start()
    thread.join(10)
    assert len(errors) == 1 and "GUI thread" in str(errors[0])
