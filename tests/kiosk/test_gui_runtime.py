"""The kiosk runs with the same GUI runtime policy as the window client (qtkit.gui_runtime).

Before, only the window client shortened the GIL switch interval and froze its start-up objects:
the kiosk's GUI thread did every due collection over ~290,000 start-up objects (a full one took
100-220 ms, bench/kiosk_soak.py), and waited up to 5 ms for the GIL behind any worker.
"""

from __future__ import annotations

import gc
import sys

import pytest

from qtkit.gui_runtime import GIL_SWITCH_S
from tests.kiosk.conftest import KioskFactory


def test_a_started_kiosk_sets_the_switch_interval_and_freezes_its_start_up_objects(
    make_kiosk: KioskFactory,
) -> None:
    before = sys.getswitchinterval()
    assert before != GIL_SWITCH_S and gc.get_freeze_count() == 0
    driver = make_kiosk()
    assert sys.getswitchinterval() == pytest.approx(GIL_SWITCH_S)
    assert gc.get_freeze_count() > len(gc.get_objects()), "start-up objects are still scanned"
    driver.app.stop()
    assert sys.getswitchinterval() == before
    assert gc.get_freeze_count() == 0
