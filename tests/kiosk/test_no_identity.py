"""A kiosk without a device identity (region code and device number) takes no citizen: it says so
plainly, logs why in English, and still opens maintenance so staff can see why."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from services.sandbox import demo_config
from tests.kiosk.conftest import KioskFactory
from tests.kiosk.test_maintenance import PIN, enter_pin, open_pin_screen

OUT_OF_SERVICE = "本机尚未完成设置，暂停服务。请到人工窗口办理。"
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise", extend=True)


def test_a_kiosk_without_identity_is_out_of_service_and_takes_no_one(
    qtbot: QtBot, make_kiosk: KioskFactory, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    nobody = replace(demo_config(tmp_path / "data", role="kiosk"), region_code="", device_no=0)
    with caplog.at_level(logging.WARNING, logger="kiosk"):
        driver = make_kiosk(config=nobody, lockdown=True, maintenance_pin=PIN)
    assert "no identity" in caplog.text and "out of service" in caplog.text
    window = driver.window
    attract = window.attract
    texts = " ".join(driver.texts())
    assert OUT_OF_SERVICE in texts
    assert "设备编号" not in texts and "开始办理" not in texts
    assert attract.start_button.isHidden() and attract.elderly_button.isHidden()

    QTest.mouseClick(attract, Qt.MouseButton.LeftButton)  # a tap starts nothing
    assert not window.in_session
    assert driver.app.devices is not None
    with qtbot.waitSignal(driver.app.devices.card_read, timeout=15_000):
        driver.place_card(0)
    assert not window.in_session and driver.screen_name == "attract"
    with qtbot.waitSignal(driver.app.devices.code_scanned, timeout=15_000):
        driver.scan("320115-261123-101-0001-3")
    assert not window.in_session and driver.screen_name == "attract"
    assert OUT_OF_SERVICE in " ".join(driver.texts())

    # Staff open maintenance as always and read why.
    screen = open_pin_screen(qtbot, driver)
    enter_pin(driver, screen, PIN)
    assert screen.unlocked
    panel = " ".join(driver.texts(screen))
    assert "未设置设备身份" in panel and "行政区划代码" in panel
    driver.click(screen.panel.back_button)
    qtbot.waitUntil(lambda: driver.screen_name == "attract", timeout=5_000)
    assert OUT_OF_SERVICE in " ".join(driver.texts())
