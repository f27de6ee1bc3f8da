"""Work-arounds for bugs of the PySide6 we run on; each is probed first, so a fixed release needs none.

PySide6 6.12.0: ``SignalInstance.emit`` returns ``True`` without taking a reference to it, so
every emit from Python code drops one reference to ``True``. A kiosk emits tens of signals per
citizen; after a few hundred sessions the count reaches zero and CPython aborts ("Fatal Python
error: bool_dealloc: deallocating True or False", bench/kiosk_soak.py found it). The fix below
gives the reference back after each emit — only when the probe shows the leak.
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
    """Apply the work-arounds this PySide6 needs (idempotent); True when one was applied."""
    if hasattr(SignalInstance.emit, "__wrapped__") or not emit_drops_a_reference():
        return False
    SignalInstance.emit = _compensating(SignalInstance.emit)  # type: ignore[method-assign]
    logger.info(
        "PySide6 %s: SignalInstance.emit loses a reference to its result; compensating", pyside_version
    )
    return True
