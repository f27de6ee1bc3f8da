"""The GUI process's runtime policy: a 0.2 ms GIL switch interval, and the objects made at start-up
set aside from the cyclic collector's scans. Each GUI applies it in its app's ``start`` and
undoes it in ``stop``; nothing happens on import or construction (architecture review §2).
"""

from __future__ import annotations

import gc
import logging
import sys
import time
from typing import Final

from qtkit.threads import require_gui_thread

logger = logging.getLogger(__name__)

# The GUI thread waits for the GIL whenever a worker holds it, up to a switch interval each time
# (CPython's default is 5 ms). Every Qt call that releases the GIL pays that wait again when a
# CPU-bound worker (the sync round decoding and applying thousands of events) takes it back at once:
# the convoy effect (bpo-7946). Measured with bench/gui_bench.py --only stall on this 2-core machine,
# five quiet runs each: at 1 ms the longest heartbeat gap was 18-99 ms (two runs over 50), at 0.2 ms
# 16-30 ms, with the same sync round time (11.1-11.8 s). Workers lose a little throughput.
GIL_SWITCH_S: Final = 0.0002


class GuiRuntime:
    """The switch interval and the start-up freeze of one GUI process. Lives on the GUI thread.

    ``apply`` at start; ``freeze_start_up`` once the first window and its services are built;
    ``restore`` at stop (each safe twice). Both settings are process-wide, like the collector's
    state (qtkit.collector): one GUI per process, tests start and stop them one after another.
    """

    def __init__(self, *, switch_interval_s: float = GIL_SWITCH_S) -> None:
        self._switch_interval_s = switch_interval_s
        self._previous_interval: float | None = None
        self._frozen = False

    def apply(self) -> None:
        """Shorten the GIL switch interval (the interval before the first ``apply`` is restored)."""
        if self._previous_interval is None:
            self._previous_interval = sys.getswitchinterval()
        sys.setswitchinterval(self._switch_interval_s)

    def freeze_start_up(self) -> None:
        """Collect once, then move every surviving object out of the collector's generations.

        Modules, the catalog, fonts and the first window live as long as the process; with them
        in the scans, a full collection took 100-220 ms on the GUI thread (the kiosk's ~290,000
        objects, bench/kiosk_soak.py), and qtkit.collector runs every due collection there. After
        ``gc.freeze()`` one scans only what was made since (CPython docs, gc.freeze: "move all
        objects tracked by the garbage collector into a permanent generation").
        """
        require_gui_thread("GuiRuntime.freeze_start_up")
        if self._frozen:
            return
        self._frozen = True
        started = time.perf_counter()
        gc.collect()  # garbage is not frozen
        gc.freeze()
        logger.debug(
            "froze %d start-up objects in %.0f ms",
            gc.get_freeze_count(),
            (time.perf_counter() - started) * 1000,
        )

    def restore(self) -> None:
        """Give the switch interval back and the frozen objects to the collector."""
        if self._previous_interval is not None:
            sys.setswitchinterval(self._previous_interval)
            self._previous_interval = None
        if self._frozen:
            self._frozen = False
            gc.unfreeze()
