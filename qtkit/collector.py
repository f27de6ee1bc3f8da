"""Cyclic garbage collected on the GUI thread only, from its event loop, while worker threads run.

CPython's cyclic collector runs on whichever thread's allocation crosses a threshold. A
Python-owned QObject that sits in a reference cycle (a lambda or a resource opener that captures
``self``: DeviceBridge, SyncBridge, a screen's models) is then destroyed on that thread — a
TaskRunner store worker busy in ``Store.open``'s migrations, say. Qt forbids it: "You must not
delete the QObject directly if it exists in a different thread than the one currently executing"
(QObject::~QObject). If the GUI thread is delivering a queued event to that object at the time,
the process dies by SIGSEGV, in either thread; ``bench/crash_check.py --reproduce`` shows it on
PySide6 6.11.3 and 6.12.0 alike. That was the segmentation fault in ``make test`` (issue #10).

So, while a TaskRunner lives, automatic collection is off and a QTimer on the GUI thread
collects the generations that are due, by CPython's own rules (pyqtgraph's
``util/garbage_collector.py`` does the same, after Erik Janssens, without the rule that keeps
full collections rare). Reference counting still frees
everything that is not in a cycle at once, on any thread, as before.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable
from typing import Final

from PySide6.QtCore import QObject, QTimer, Slot

from qtkit.threads import require_gui_thread

logger = logging.getLogger(__name__)

# CPython's young generation fills after 700 net container allocations; a busy GUI thread does
# that in well under 100 ms, and a tick that finds nothing due costs one gc.get_count().
INTERVAL_MS: Final = 100

# gc.disable() is process-wide, so is the count of collectors that need it off. Only touched on
# the GUI thread (start/stop check it), so no lock.
_holders = 0
_was_enabled = True


class CollectionSchedule:
    """Which generation is due, by CPython 3.11's own rules (Modules/gcmodule.c), asked from a timer.

    The young generation when its count passed its threshold; the middle one when its count did;
    the oldest only after more than ``threshold2`` middle collections, and only when the objects
    that reached it since the last full collection are over a quarter of those that full
    collection kept (CPython's ``long_lived_pending > long_lived_total / 4``). That last rule keeps
    full collections of a big, steady heap rare: one costs ~55 ms with the GUIs' ~260,000
    objects, on the GUI thread now. Python does not expose the pending count, so it is measured
    as the oldest generation's size (~9 ms) only when the rest of the rule says a look is due.
    Plain Python, any one thread.
    """

    def __init__(self, oldest_size: Callable[[], int] = lambda: len(gc.get_objects(generation=2))) -> None:
        self._oldest_size = oldest_size
        self._kept: int | None = None  # the oldest generation's size after the last full collection
        self._middle_since_look = 0

    def due(self, counts: tuple[int, int, int], thresholds: tuple[int, int, int]) -> int | None:
        """The generation to collect now, or None."""
        if thresholds[0] <= 0 or counts[0] <= thresholds[0]:
            return None
        if counts[1] <= thresholds[1]:
            return 0
        self._middle_since_look += 1
        if self._middle_since_look <= thresholds[2]:
            return 1
        self._middle_since_look = 0
        if self._kept is not None and self._oldest_size() - self._kept <= self._kept // 4:
            return 1
        return 2

    def collected(self, generation: int) -> None:
        """Tell the schedule a collection of ``generation`` ran (by it or by anyone)."""
        if generation == 2:
            self._kept = self._oldest_size()
            self._middle_since_look = 0


class GuiThreadCollector(QObject):
    """Keeps automatic collection off while started and collects due garbage from a QTimer.
    Lives on the GUI thread; start and stop only there.

    Several may be started (one per TaskRunner); automatic collection comes back when the last
    one stops, and only if it was on before the first one started.
    """

    def __init__(self, parent: QObject | None = None, *, interval_ms: int = INTERVAL_MS) -> None:
        require_gui_thread("GuiThreadCollector")
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._schedule = CollectionSchedule()
        self._started = False

    def start(self) -> None:
        """Turn automatic collection off (idempotent) and collect from the GUI thread's event loop."""
        global _holders, _was_enabled
        require_gui_thread("GuiThreadCollector.start")
        if self._started:
            return
        self._started = True
        if _holders == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _holders += 1
        self._timer.start()

    def stop(self) -> None:
        """Collect everything now, on the GUI thread, and give automatic collection back if this
        was the last started collector (safe twice, and before ``start``)."""
        global _holders
        require_gui_thread("GuiThreadCollector.stop")
        if not self._started:
            return
        self._started = False
        self._timer.stop()
        gc.collect()
        _holders -= 1
        if _holders == 0 and _was_enabled:
            gc.enable()

    @property
    def started(self) -> bool:
        return self._started

    @Slot()
    def _on_timer_timeout(self) -> None:
        counts, thresholds = gc.get_count(), gc.get_threshold()
        generation = self._schedule.due(counts, (thresholds[0], thresholds[1], thresholds[2]))
        if generation is None:
            return
        found = gc.collect(generation)
        self._schedule.collected(generation)
        if found:
            logger.debug(
                "generation %d: %d unreachable objects collected on the GUI thread", generation, found
            )
