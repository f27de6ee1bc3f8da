"""First run on a new device: enrollment (or offline start), device URIs, the first admin, tongban.toml."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from core.clock import SystemClock
from core.config import CONFIG_NAME, DeviceConfig, config_toml, load_config, write_config
from core.staff import StaffDirectory, hash_password
from core.store.store import Store
from core.store.sync_state import StaffRecord
from services.sandbox import EmbeddedPlatform, demo_config
from tests.window_client.conftest import LOCAL_ADMIN, SIZE
from window_client.app import WindowApp, WindowOptions
from window_client.dialogs.login import LoginWindow
from window_client.dialogs.setup import SetupDialog


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
        dialog.hall.setText("江宁区政务服务中心")
        dialog.region.setText("320115")
        dialog.device_no.setValue(7)  # a number typed before enrolling is the one asked for
        dialog.url.setText(platform.url)
        dialog.code.setText(platform.issue_code())
        QTest.mouseClick(dialog.finish, Qt.MouseButton.LeftButton)
        assert "请先登记" in dialog.error.text()  # online chosen, not enrolled yet
        dialog.hall.clear()
        dialog.offline.setChecked(True)
        QTest.mouseClick(dialog.finish, Qt.MouseButton.LeftButton)
        assert "大厅名称" in dialog.error.text()  # printed on every receipt
        dialog.hall.setText("江宁区政务服务中心")
        dialog.online.setChecked(True)
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


def _new_app(restore_app: QApplication, data: Path) -> WindowApp:
    options = WindowOptions(
        data, data / CONFIG_NAME, size=SIZE, second_screen=False, sync_interval_ms=0, lock_minutes=0
    )
    return WindowApp(restore_app, options)


def _setup_shown(qtbot: QtBot, app: WindowApp) -> SetupDialog:
    qtbot.waitUntil(lambda: app.setup_dialog is not None and app.setup_dialog.isVisible(), timeout=20_000)
    assert app.setup_dialog is not None
    return app.setup_dialog


def test_enrolment_in_setup_takes_the_device_number_the_platform_assigns(
    qtbot: QtBot, restore_app: QApplication, tmp_path: Path, platform: EmbeddedPlatform
) -> None:
    data = tmp_path / "new-device"
    app = _new_app(restore_app, data)
    try:
        app.start()
        dialog = _setup_shown(qtbot, app)
        assert dialog.device_no.value() == 0 and "平台分配" in dialog.device_no.text()
        dialog.hall.setText("六合区政务服务中心")
        dialog.url.setText(platform.url)
        dialog.code.setText(platform.issue_code())
        dialog.region.setText("012345")  # six digits, but no GB/T 2260 code starts with 0
        QTest.mouseClick(dialog.enroll_button, Qt.MouseButton.LeftButton)
        assert "行政区划代码" in dialog.enroll_state.text() and dialog.enroll_button.isEnabled()
        dialog.region.setText("320116")
        QTest.mouseClick(dialog.enroll_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "已登记" in dialog.enroll_state.text(), timeout=20_000)
        assigned = dialog.device_no.value()
        assert 1 <= assigned <= 999 and f"320116-{assigned:03d}" in dialog.enroll_state.text()
        assert not dialog.region.isEnabled() and not dialog.device_no.isEnabled()
        dialog.admin_name.setText("王管理")
        dialog.password.setText("Setup@2026")
        dialog.password_again.setText("Setup@2026")
        QTest.mouseClick(dialog.finish, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: app.main_window is not None and app.main_window.isVisible(), timeout=20_000)
        config = load_config(data / CONFIG_NAME)
        assert (config.region_code, config.device_no) == ("320116", assigned) and config.has_identity
        assert config.hall_name == "六合区政务服务中心" and app.config == config
    finally:
        app.stop()


def test_a_device_without_identity_shows_setup_even_with_accounts_and_takes_no_login(
    qtbot: QtBot, restore_app: QApplication, tmp_path: Path
) -> None:
    """Staff accounts exist (an outreach laptop set up before identities), but no region code and
    device number: no one logs in to take cases until an administrator sets them."""
    data = tmp_path / "data"
    write_config(data / CONFIG_NAME, replace(demo_config(data), region_code="", device_no=0, hall_name=""))
    with Store.open(data, clock=SystemClock()) as store:
        StaffDirectory(store, SystemClock()).create_first_admin(*LOCAL_ADMIN)
        store.sync.upsert_staff(
            [StaffRecord("window01", "窗口王", "window", hash_password("Window01@2026"), True, 1)]
        )
    app = _new_app(restore_app, data)
    try:
        app.start()
        app.login("window01", "Window01@2026")  # typed before the store said what it holds
        dialog = _setup_shown(qtbot, app)
        login = app.login_window
        assert login is not None and not login.isVisible()
        texts = [label.text() for label in login.findChildren(QLabel)]
        assert login.title.text() == "通办 综合受理窗口" and "本机尚未设置设备身份" in texts
        assert not any("000" in text for text in texts), "no device number 000 is shown"
        assert (
            dialog.admin_name.isHidden() and dialog.password_again.isHidden()
        )  # no new admin: a confirmation
        assert "设备身份" in dialog.intro.text()
        dialog.offline.setChecked(True)
        dialog.hall.setText("江宁区政务服务中心")
        dialog.region.setText("320115")
        QTest.mouseClick(dialog.finish, Qt.MouseButton.LeftButton)
        assert "设备编号" in dialog.error.text()  # offline: the number is typed
        dialog.device_no.setValue(5)
        dialog.admin_id.setText("window01")
        dialog.password.setText("Window01@2026")
        QTest.mouseClick(dialog.finish, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "管理员" in dialog.error.text(), timeout=20_000)
        assert not load_config(data / CONFIG_NAME).has_identity, "a window clerk may not set it"
        assert app.main_window is None
        dialog.admin_id.setText(LOCAL_ADMIN[0])
        dialog.password.setText(LOCAL_ADMIN[2])
        QTest.mouseClick(dialog.finish, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: app.main_window is not None and app.main_window.isVisible(), timeout=20_000)
        assert app.session.session is not None and app.session.session.staff_id == LOCAL_ADMIN[0]
        config = load_config(data / CONFIG_NAME)
        assert (config.region_code, config.device_no, config.hall_name) == ("320115", 5, "江宁区政务服务中心")
        assert config.devices == demo_config(data).devices, "what setup did not ask about is kept"
    finally:
        app.stop()


def test_the_login_window_names_the_hall_or_a_plain_default(qtbot: QtBot) -> None:
    named = LoginWindow("江宁区政务服务中心", "")
    unnamed = LoginWindow("", "")
    qtbot.addWidget(named)
    qtbot.addWidget(unnamed)
    assert named.title.text() == "江宁区政务服务中心"
    assert unnamed.title.text() == "通办 综合受理窗口"
