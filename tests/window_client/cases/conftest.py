"""Case desk fixtures: the real catalog, a WindowContext on a tmp data dir, and a shown CaseDeskPanel."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from core.catalog import load_catalog
from core.catalog.model import Catalog
from tests.window_client.cases.kit import Desk, build_desk
from window_client.cases import CaseDeskPanel


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture
def make_desk(
    qapp: QApplication, tmp_path: Path, clock: Any, catalog: Catalog
) -> Iterator[Callable[..., Desk]]:
    """``make_desk(devices=…, sync=…)``: one context per test; everything it started is stopped after."""
    desks: list[Desk] = []

    def make(**options: Any) -> Desk:
        desk = build_desk(qapp, tmp_path / "data", clock, catalog, **options)
        desks.append(desk)
        return desk

    yield make
    for desk in desks:
        for stop in desk.stops:
            stop()


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
