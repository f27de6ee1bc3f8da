"""First run on a new device: enrollment (or offline start), device URIs, the first admin, tongban.toml."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from core.config import CONFIG_NAME, DeviceConfig, config_toml, load_config, write_config
from services.sandbox import EmbeddedPlatform
from tests.window_client.conftest import SIZE
from window_client.app import WindowApp, WindowOptions


def test_config_file_round_trips(tmp_path: Path) -> None:
    config = DeviceConfig(
        role="outreach",
        region_code="320116",
        device_no=12,
        hall_name='六合区"便民"服务站',
        platform_url="https://p.example/",
        devices={"printer": "tcp:10.0.0.5:9100", "id_reader": "serial:/dev/ttyUSB0?baudrate=115200"},
        holidays=frozenset({date(2026, 10, 1)}),
    )
    path = write_config(tmp_path / CONFIG_NAME, config)
    assert load_config(path) == config
    assert "[devices]" in config_toml(config)


def test_first_run_enrolls_creates_the_admin_and_writes_the_config(
    qtbot: QtBot, restore_app: QApplication, tmp_path: Path, platform: EmbeddedPlatform
) -> None:
    data = tmp_path / "new-device"
    options = WindowOptions(
        data, data / CONFIG_NAME, size=SIZE, second_screen=False, sync_interval_ms=0, lock_minutes=0
    )
    app = WindowApp(restore_app, options)
    try:
        app.start()
        qtbot.waitUntil(lambda: app.setup_dialog is not None and app.setup_dialog.isVisible(), timeout=20_000)
        dialog = app.setup_dialog
        assert dialog is not None
        dialog.region.setText("320115")
        dialog.device_no.setValue(7)
        dialog.url.setText(platform.url)
        dialog.code.setText(platform.issue_code())
        QTest.mouseClick(dialog.finish, Qt.MouseButton.LeftButton)
        assert "请先登记" in dialog.error.text()  # online chosen, not enrolled yet
        QTest.mouseClick(dialog.enroll_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "已登记" in dialog.enroll_state.text(), timeout=20_000)
        dialog.uris["printer"].setText("sim")
        QTest.mouseClick(dialog.tests["printer"], Qt.MouseButton.LeftButton)
        assert "模拟" in dialog.results["printer"].text()
        dialog.uris["camera"].setText("fax:1")
        QTest.mouseClick(dialog.tests["camera"], Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.results["camera"].text().startswith("✗"), timeout=20_000)
        dialog.uris["camera"].clear()
        dialog.admin_name.setText("王管理")
        dialog.password.setText("Setup@2026")
        dialog.password_again.setText("Setup@2026")
        QTest.mouseClick(dialog.finish, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: app.main_window is not None and app.main_window.isVisible(), timeout=20_000)
        assert app.session.session is not None and app.session.session.role.value == "admin"
        config = load_config(data / CONFIG_NAME)
        assert config.platform_url == platform.url and config.device_no == 7
        assert config.devices == {"printer": "sim"}
        assert app.sync is not None and app.devices is not None
    finally:
        app.stop()
