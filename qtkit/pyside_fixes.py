"""Refcount bugs of the PySide6 we may run on: probed at import, one compensated, both reported.

PySide6 6.12.0 (shiboken6 6.12.0, CPython 3.11) loses references to two objects that CPython 3.11
still counts (they are not immortal before 3.12), so a long-running GUI dies with "Fatal Python
error: bool_dealloc" or "none_dealloc" (SIGABRT):

- ``SignalInstance.emit`` returns ``True`` without a reference: one lost per emit from Python.
  bench/kiosk_soak.py found it; ``install()`` gives the reference back after each emit.
- Every wrapped call that returns nothing (``update()``, ``setObjectName()``, ``processEvents()``,
  ``QTimer.start()``, ``parent()`` when there is none …) returns ``None`` without a reference: one
  lost per call. No patch can cover every method of every class, so ``install()`` only logs it.
  A GUI test that waits with ``processEvents()`` loses thousands a second; ``bench/crash_check.py
  --reproduce`` aborts on it within seconds.

The cure is the dependency, not a patch. The probe of 1,000 calls of each kind (an emit with and
without a receiver, void calls, ``parent()``, a bool getter) in a fresh venv per release, CPython
3.11.7, finds both losses in 6.12.0 and neither in 6.8.3, 6.9.3, 6.10.3, 6.11.0 or 6.11.3; the
qtkit, case-desk and kiosk-session tests pass on 6.11.3. So the dependency to have is
``PySide6>=6.11,<6.12`` (pyproject.toml); there the probes find nothing and ``install()`` does
nothing. This module is for environments that still have 6.12.0, and goes when none is left.

The segmentation fault of issue #10 was not a refcount bug: see qtkit.collector.
"""

from __future__ import annotations

import ctypes
import logging
import sys
from collections.abc import Callable
from typing import Any, Final

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QObject, Signal, SignalInstance

logger = logging.getLogger(__name__)

_PROBES: Final = 16


class _Probe(QObject):
    fired = Signal()


def emit_drops_a_reference() -> bool:
    """Whether emitting a signal from Python loses a reference to the bool it returns."""
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(_PROBES):
        probe.fired.emit()
    lost = before - sys.getrefcount(True)
    probe.deleteLater()
    return lost >= _PROBES // 2


def calls_drop_none() -> bool:
    """Whether a wrapped call that returns nothing loses a reference to ``None`` (6.12.0)."""
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(_PROBES):
        probe.setObjectName("probe")
    lost = before - sys.getrefcount(None)
    probe.deleteLater()
    return lost >= _PROBES // 2


def _compensating(original: Callable[..., Any]) -> Callable[..., Any]:
    incref = ctypes.pythonapi.Py_IncRef
    incref.argtypes = [ctypes.py_object]
    incref.restype = None

    def emit(self: SignalInstance, *args: Any) -> Any:
        result = original(self, *args)
        if result is True or result is False:
            incref(result)  # the reference emit should have returned with it
        return result

    emit.__wrapped__ = original  # type: ignore[attr-defined]
    return emit


def install() -> bool:
    """Apply the work-arounds this PySide6 needs (idempotent); True when one was applied.
    Logs an error when this PySide6 loses references to ``None``, which nothing here can fix."""
    if hasattr(SignalInstance.emit, "__wrapped__"):
        return False
    if calls_drop_none():
        logger.error(
            "PySide6 %s loses a reference to None on every call that returns nothing: a long run "
            "aborts (none_dealloc). Install PySide6>=6.11,<6.12 (pyproject.toml).",
            pyside_version,
        )
    if not emit_drops_a_reference():
        return False
    SignalInstance.emit = _compensating(SignalInstance.emit)  # type: ignore[method-assign]
    logger.info(
        "PySide6 %s: SignalInstance.emit loses a reference to its result; compensating", pyside_version
    )
    return True
