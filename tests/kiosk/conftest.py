"""Kiosk test set-up: a whole KioskApp over simulated devices and (when asked) an embedded reference platform."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from core.config import CONFIG_NAME, DeviceConfig, write_config
from core.flows.kiosk import KioskMode
from kiosk.app import KioskApp
from kiosk.context import KioskOptions
from kiosk.driver import KioskDriver
from services.sandbox import EmbeddedPlatform, demo_config, enroll_device

SIZE = (1080, 1920)


KioskFactory = Callable[..., KioskDriver]


@pytest.fixture
def make_kiosk(qtbot: QtBot, restore_app: QApplication, tmp_path: Path) -> Iterator[KioskFactory]:
    """``make_kiosk(platform=…, mode="hospital", elderly=True, …)``: a started kiosk on
    ``tmp_path/data``, its window up; stopped afterwards. Without ``platform`` it is not enrolled
    (offline only); with ``platform_down`` it enrolled, then the platform stopped before start."""
    apps: list[KioskApp] = []

    def make(
        *,
        platform: EmbeddedPlatform | None = None,
        platform_down: bool = False,
        mode: str = "general",
        elderly: bool = False,
        config: DeviceConfig | None = None,
        monotonic: Callable[[], float] | None = None,
        **options: object,
    ) -> KioskDriver:
        data = tmp_path / "data"
        config = config or demo_config(data, role="kiosk")
        if platform is not None:
            enroll_device(data, platform, config)
            if platform_down:
                platform.stop()
        else:
            write_config(data / CONFIG_NAME, config)
        settings: dict[str, object] = {
            "mode": KioskMode(mode),
            "elderly": elderly,
            "fullscreen": False,
            "lockdown": False,
            "speech": False,
            "sync_interval_ms": 0,
            "size": SIZE,
        } | options
        kiosk_options = KioskOptions(data, data / CONFIG_NAME, **settings)  # type: ignore[arg-type]
        app = KioskApp(restore_app, kiosk_options, **({"monotonic": monotonic} if monotonic else {}))
        apps.append(app)
        app.start()
        driver = KioskDriver(app)
        qtbot.waitUntil(lambda: driver.ready, timeout=20_000)
        return driver

    yield make
    for app in apps:
        app.stop()
        assert app.runner is not None and app.runner.is_shut_down and app.runner.pending == 0
