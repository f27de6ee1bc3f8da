"""Case desk fixtures: the real catalog, a WindowContext on a tmp data dir, and a shown CaseDeskPanel."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from tests.window_client.cases.kit import Desk
from window_client.cases import CaseDeskPanel


@pytest.fixture
def open_panel(qtbot: QtBot) -> Callable[[Desk], CaseDeskPanel]:
    """Show a CaseDeskPanel at 1366×768 and wait for its first list."""

    def open_(desk: Desk) -> CaseDeskPanel:
        panel = CaseDeskPanel(desk.ctx)
        qtbot.addWidget(panel)
        panel.resize(1366, 768)
        with qtbot.waitSignal(panel.results_shown, timeout=10_000):
            panel.show()
        return panel

    return open_
