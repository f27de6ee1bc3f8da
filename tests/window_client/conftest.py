"""Window-client test set-up: a whole WindowApp over simulated devices, an embedded reference platform."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from core.catalog import load_catalog
from core.catalog.model import Catalog
from core.clock import SystemClock
from core.config import CONFIG_NAME, DeviceConfig, write_config
from core.staff import StaffDirectory
from core.store.store import Store
from services.sandbox import EmbeddedPlatform, demo_config, enroll_device
from tests.window_client.cases.kit import Desk, build_desk
from window_client.app import WindowApp, WindowOptions
from window_client.driver import IntakeDriver

SIZE = (1366, 768)
LOCAL_ADMIN = ("admin", "本机管理员", "Admin@local2026")


AppFactory = Callable[..., WindowApp]


@pytest.fixture
def make_app(qtbot: QtBot, restore_app: QApplication, tmp_path: Path) -> Iterator[AppFactory]:
    """``make_app(config=…, profile=…)``: a started WindowApp on ``tmp_path/data``; stopped afterwards."""
    apps: list[WindowApp] = []

    def make(
        *,
        platform: EmbeddedPlatform | None = None,
        platform_down: bool = False,
        role: str = "window",
        profile: str | None = None,
        reader: str | None = None,
        config_changes: dict[str, Any] | None = None,
        **options: object,
    ) -> WindowApp:
        """``platform_down``: enrolled (and the staff pulled) while it ran, then stopped before start.
        ``reader``: the ID reader's URI instead of the demo's, e.g. ``sim:?card=none&cycle=0`` (no
        card until the test places one, and it stays). ``config_changes``: tongban.toml keys set
        beside the demo's (e.g. ``window_no``)."""
        data = tmp_path / "data"
        config: DeviceConfig = replace(demo_config(data, role=role), **(config_changes or {}))
        if reader is not None:
            config = replace(config, devices={**config.devices, "id_reader": reader})
        if platform is not None:
            enroll_device(data, platform, config)
            if platform_down:
                platform.stop()
        else:  # not enrolled: a local administrator is the only account (an outreach laptop's first run)
            write_config(data / CONFIG_NAME, config)
            with Store.open(data, clock=SystemClock()) as store:
                StaffDirectory(store, SystemClock()).create_first_admin(*LOCAL_ADMIN)
        settings: dict[str, object] = {
            "profile": profile,
            "size": SIZE,
            "second_screen": False,
            "sync_interval_ms": 0,
            "lock_minutes": 0,
        } | options
        app = WindowApp(restore_app, WindowOptions(data, data / CONFIG_NAME, **settings))  # type: ignore[arg-type]
        apps.append(app)
        app.start()
        return app

    yield make
    for app in apps:
        app.stop()
        assert app.runner.is_shut_down and app.runner.pending == 0


def logged_in(
    qtbot: QtBot, app: WindowApp, staff: str = "window01", password: str = "Window01@2026"
) -> IntakeDriver:
    driver = IntakeDriver(app)
    qtbot.waitUntil(lambda: app.login_window is not None and app.login_window.isVisible(), timeout=20_000)
    driver.log_in(staff, password)
    qtbot.waitUntil(lambda: app.main_window is not None and app.main_window.isVisible(), timeout=20_000)
    return driver


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture
def make_desk(
    qapp: QApplication, tmp_path: Path, clock: Any, catalog: Catalog
) -> Iterator[Callable[..., Desk]]:
    """``make_desk(devices=…, sync=…)``: one WindowContext per test; everything it started is stopped after."""
    desks: list[Desk] = []

    def make(**options: Any) -> Desk:
        desk = build_desk(qapp, tmp_path / "data", clock, catalog, **options)
        desks.append(desk)
        return desk

    yield make
    for desk in desks:
        for stop in desk.stops:
            stop()
