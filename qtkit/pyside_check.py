"""The PySide6 we run on must not lose references to ``True`` or ``None``: probed when qtkit is imported.

PySide6 6.12.0 (shiboken6 6.12.0, CPython 3.11) loses references to two objects that CPython 3.11
still counts (they are not immortal before 3.12), so a long-running GUI dies with "Fatal Python
error: bool_dealloc" or "none_dealloc" (SIGABRT):

- ``SignalInstance.emit`` returns ``True`` without a reference: one lost per emit from Python
  (bench/kiosk_soak.py found it after a few hundred kiosk sessions);
- every wrapped call that returns nothing (``update()``, ``setObjectName()``, ``processEvents()``,
  ``QTimer.start()``, ``parent()`` when there is none …) returns ``None`` without a reference.

The first could be compensated by a ctypes ``Py_IncRef`` after each emit (we did, for a while); the
second cannot, as it touches every method of every class. The cure is the dependency: a probe of
1,000 calls of each kind in a fresh venv per release (CPython 3.11.7) finds both losses in 6.12.0
and neither in 6.8.3, 6.9.3, 6.10.3, 6.11.0 or 6.11.3, so pyproject.toml asks for
``PySide6>=6.11,<6.12`` and nothing is patched at run time. Should an environment still bring a
leaking release, ``check()`` says so loudly at start instead of letting the GUI abort hours later.

The segmentation fault of issue #10 was not a refcount bug: see qtkit.collector.
"""

from __future__ import annotations

import logging
import sys
from typing import Final

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QObject, Signal

logger = logging.getLogger(__name__)

_PROBES: Final = 16


class _Probe(QObject):
    fired = Signal()


def emit_drops_a_reference() -> bool:
    """Whether emitting a signal from Python loses a reference to the bool it returns (6.12.0)."""
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


def check() -> list[str]:
    """The refcount losses of the installed PySide6 (none on the pinned releases), each logged as an
    error in English: a GUI on such a release aborts after a long run."""
    problems = []
    if emit_drops_a_reference():
        problems.append("SignalInstance.emit loses a reference to True on every emit")
    if calls_drop_none():
        problems.append("calls that return nothing lose a reference to None")
    for problem in problems:
        logger.error(
            "PySide6 %s: %s; a long run will abort. Install PySide6>=6.11,<6.12 (pyproject.toml).",
            pyside_version,
            problem,
        )
    return problems
