"""The PySide6 we depend on keeps its reference counts: emits and calls must not wear ``True`` or ``None``
away (6.12.0 did both; pyproject.toml pins a release that does neither, with no run-time patch)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal, SignalInstance
from PySide6.QtWidgets import QApplication

from qtkit import pyside_check


class Emitter(QObject):
    text = Signal(str)
    nothing = Signal()


def test_two_thousand_emits_leave_the_count_of_true_alone() -> None:
    emitter = Emitter()
    seen: list[str] = []
    emitter.text.connect(seen.append)
    headroom = [True] * 5_000  # a leaking PySide6 fails this assert rather than aborting the run
    before = sys.getrefcount(True)
    for _ in range(1_000):
        emitter.text.emit("x")
        emitter.nothing.emit()
    assert abs(sys.getrefcount(True) - before) < 10  # 6.12.0: 2,000 fewer
    assert len(seen) == 1_000 and len(headroom) == 5_000


def test_calls_that_return_nothing_leave_the_count_of_none_alone(qapp: QApplication) -> None:
    headroom = [None] * 5_000
    obj = QObject()
    before = sys.getrefcount(None)
    for _ in range(1_000):
        obj.setObjectName("x")
        qapp.processEvents()
    assert abs(sys.getrefcount(None) - before) < 10  # 6.12.0: about 2,000 fewer
    assert len(headroom) == 5_000


def test_nothing_is_patched_and_the_check_finds_nothing() -> None:
    assert not hasattr(SignalInstance.emit, "__wrapped__")
    assert pyside_check.check() == []


def test_the_probes_agree_with_what_the_counts_show() -> None:
    obj = QObject()
    headroom = [None] * 1_000
    before = sys.getrefcount(None)
    for _ in range(100):
        obj.setObjectName("x")
    none_lost = before - sys.getrefcount(None) >= 50
    assert pyside_check.calls_drop_none() is none_lost
    assert len(headroom) == 1_000
