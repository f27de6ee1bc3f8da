"""The PySide6 work-arounds: emitting signals and calling methods must not wear ``True`` or ``None`` away."""

from __future__ import annotations

import sys

import PySide6
import pytest
from PySide6.QtCore import QObject, Signal, SignalInstance
from PySide6.QtWidgets import QApplication

from qtkit import pyside_fixes


class Emitter(QObject):
    text = Signal(str)
    nothing = Signal()


def test_two_thousand_emits_leave_the_count_of_true_alone() -> None:
    emitter = Emitter()
    seen: list[str] = []
    emitter.text.connect(seen.append)
    headroom = [True] * 5_000  # unpatched, this test fails on its assert, not by aborting the run
    before = sys.getrefcount(True)
    for _ in range(1_000):
        emitter.text.emit("x")
        emitter.nothing.emit()
    # 6.12.0 unpatched: 2,000 fewer (and, a few thousand later, an abort); other code may hold a True or two.
    assert abs(sys.getrefcount(True) - before) < 10
    assert len(seen) == 1_000 and len(headroom) == 5_000
    assert emitter.text.emit("x") is True  # what emit returns is unchanged


def test_the_fix_is_applied_once_and_the_probe_then_sees_no_leak() -> None:
    assert pyside_fixes.install() is False  # already applied on import (or not needed)
    assert not pyside_fixes.emit_drops_a_reference()
    emit = SignalInstance.emit
    assert getattr(emit, "__wrapped__", None) is None or not hasattr(emit.__wrapped__, "__wrapped__")


@pytest.mark.xfail(
    PySide6.__version__ == "6.12.0",
    reason="PySide6 6.12.0 returns None without a reference from every call that returns nothing: "
    "no patch covers it, the cure is PySide6>=6.11,<6.12 (qtkit/pyside_fixes.py)",
    strict=True,
)
def test_calls_that_return_nothing_leave_the_count_of_none_alone(qapp: QApplication) -> None:
    headroom = [None] * 5_000  # a leaking PySide6 fails this assert rather than aborting the run
    obj = QObject()
    before = sys.getrefcount(None)
    for _ in range(1_000):
        obj.setObjectName("x")
        qapp.processEvents()
    assert abs(sys.getrefcount(None) - before) < 10
    assert len(headroom) == 5_000


def test_the_probes_agree_with_what_the_counts_show() -> None:
    obj = QObject()
    headroom = [None] * 1_000
    before = sys.getrefcount(None)
    for _ in range(100):
        obj.setObjectName("x")
    none_lost = before - sys.getrefcount(None) >= 50
    assert pyside_fixes.calls_drop_none() is none_lost
    assert len(headroom) == 1_000
