"""The maintenance screen behind the corner gesture: PIN on the keypad, lock-out, the service panel
(devices, test page, sync), the ways out, and the audit trail — on the real kiosk."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from core.store.records import AuditEntry
from kiosk.driver import KioskDriver
from kiosk.lockdown import CORNER_PX, Lockdown
from kiosk.maintenance import LOCK_S, MAX_TRIES, MaintenanceScreen, PinGate, PinVerdict
from services.sandbox import EmbeddedPlatform
from tests.kiosk.conftest import KioskFactory

PIN = "2468"
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise", extend=True)


class FakeMonotonic:
    def __init__(self) -> None:
        self.now = 5000.0

    def __call__(self) -> float:
        return self.now


def lockdown_of(driver: KioskDriver) -> Lockdown:
    assert driver.app.lockdown is not None
    return driver.app.lockdown


def open_pin_screen(qtbot: QtBot, driver: KioskDriver) -> MaintenanceScreen:
    window = driver.window
    lockdown = lockdown_of(driver)
    point = QPoint(window.width() - CORNER_PX // 2, CORNER_PX // 2)
    with qtbot.waitSignal(lockdown.maintenance_opened, timeout=5_000):
        for _ in range(5):
            target = window.childAt(point) or window
            QTest.mouseClick(target, Qt.MouseButton.LeftButton, pos=target.mapFrom(window, point))
    assert lockdown.maintenance is not None
    return lockdown.maintenance


def enter_pin(driver: KioskDriver, screen: MaintenanceScreen, pin: str) -> None:
    for digit in pin:
        driver.click(screen.keys[digit])
    driver.click(screen.ok_button)


def audit_actions(driver: KioskDriver) -> list[str]:
    assert driver.app.ctx is not None
    entries: list[AuditEntry] = driver.app.ctx.operations.on_store(
        lambda store: store.audit_entries()
    ).result(10)
    return [entry.action for entry in entries if entry.actor == "kiosk-maintenance"]


@pytest.fixture
def locked(make_kiosk: KioskFactory) -> KioskDriver:
    return make_kiosk(lockdown=True, maintenance_pin=PIN)


def test_a_wrong_pin_is_refused_and_the_right_one_opens_the_panel(
    qtbot: QtBot, locked: KioskDriver, tmp_path: Path
) -> None:
    screen = open_pin_screen(qtbot, locked)
    screen.grab().save(str(tmp_path / "pin.png"))
    enter_pin(locked, screen, "1357")
    assert not screen.unlocked
    assert "PIN 不正确" in screen.banner.message.text  # type: ignore[union-attr]
    assert str(MAX_TRIES - 1) in screen.banner.message.text  # type: ignore[union-attr]
    locked.click(screen.keys["9"])
    locked.click(screen.delete_key)  # a slip corrected on the keypad
    enter_pin(locked, screen, PIN)
    assert screen.unlocked
    assert "维护面板" in screen.title.text()
    labels = screen.panel.device_labels
    qtbot.waitUntil(lambda: all("正常" in label.text() for label in labels.values()), timeout=15_000)
    qtbot.waitUntil(lambda: "待上传" in screen.panel.sync_label.text(), timeout=10_000)
    assert "只能离线服务" in screen.panel.sync_label.text()  # not enrolled
    config = locked.app.config
    assert f"{config.region_code}-{config.device_no:03d}" in screen.panel.identity.text()
    screen.grab().save(str(tmp_path / "panel.png"))
    qtbot.waitUntil(
        lambda: audit_actions(locked) == ["kiosk.maintenance.pin_refused", "kiosk.maintenance.open"]
    )


def settle_layouts() -> None:
    """Deliver the pending layout requests (a banner shown asks its parents to lay out again)."""
    for _ in range(3):  # nested layouts: the screen, its pages, the PIN page
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest.value)


@pytest.mark.parametrize("elderly", [False, True], ids=["kiosk", "elderly"])
def test_the_pin_error_moves_no_key_under_the_finger(
    qtbot: QtBot, make_kiosk: KioskFactory, elderly: bool
) -> None:
    driver = make_kiosk(lockdown=True, maintenance_pin=PIN, monotonic=FakeMonotonic(), elderly=elderly)
    screen = open_pin_screen(qtbot, driver)
    window = driver.window
    buttons = [
        *screen.keys.values(),
        screen.clear_key,
        screen.delete_key,
        screen.ok_button,
        screen.cancel_button,
    ]

    def places() -> list[QRect]:
        return [QRect(button.mapTo(window, QPoint(0, 0)), button.size()) for button in buttons]

    settle_layouts()
    before = places()
    enter_pin(driver, screen, "1357")  # refused: the error banner appears
    settle_layouts()
    assert screen.banner.isVisible() and "PIN 不正确" in screen.banner.message.text  # type: ignore[union-attr]
    assert places() == before  # the next tap on 确定 lands on 确定, not on the banner
    banner = QRect(screen.banner.mapTo(window, QPoint(0, 0)), screen.banner.size())
    assert not any(banner.intersects(place) for place in before)
    for _ in range(MAX_TRIES - 1):
        enter_pin(driver, screen, "0000")
    settle_layouts()
    assert "已锁定" in screen.banner.message.text  # type: ignore[union-attr]  # the longest PIN message
    assert places() == before


def test_five_wrong_pins_lock_maintenance_for_five_minutes(qtbot: QtBot, make_kiosk: KioskFactory) -> None:
    clock = FakeMonotonic()
    driver = make_kiosk(lockdown=True, maintenance_pin=PIN, monotonic=clock)
    screen = open_pin_screen(qtbot, driver)
    for _ in range(MAX_TRIES):
        enter_pin(driver, screen, "0000")
    assert "已锁定" in screen.banner.message.text  # type: ignore[union-attr]
    enter_pin(driver, screen, PIN)  # even the right PIN, while locked
    assert not screen.unlocked
    assert "5 分钟" in screen.banner.message.text  # type: ignore[union-attr]
    driver.click(screen.cancel_button)  # leaving and coming back resets nothing
    qtbot.waitUntil(lambda: driver.screen_name == "attract")
    screen = open_pin_screen(qtbot, driver)
    enter_pin(driver, screen, PIN)
    assert not screen.unlocked
    clock.now += LOCK_S + 1
    enter_pin(driver, screen, PIN)
    assert screen.unlocked
    actions = audit_actions(driver)
    assert actions.count("kiosk.maintenance.pin_refused") == MAX_TRIES - 1
    assert actions.count("kiosk.maintenance.pin_locked") == 3
    assert actions[-1] == "kiosk.maintenance.open"


def test_the_pin_gate_compares_and_counts() -> None:
    clock = FakeMonotonic()
    gate = PinGate(PIN, monotonic=clock)
    assert gate.check("2469") is PinVerdict.REFUSED
    assert gate.check(PIN) is PinVerdict.ACCEPTED
    assert gate.tries_left == MAX_TRIES  # a right PIN forgives the slips before it
    assert not PinGate("").enabled and PinGate("").check("") is PinVerdict.LOCKED


def test_the_panel_prints_a_test_page(qtbot: QtBot, locked: KioskDriver) -> None:
    screen = open_pin_screen(qtbot, locked)
    enter_pin(locked, screen, PIN)
    assert locked.app.devices is not None
    printer = locked.app.devices.manager.simulators.printer  # type: ignore[attr-defined]
    locked.click(screen.panel.print_button)
    qtbot.waitUntil(lambda: b"TONGBAN-PRINT-TEST" in printer.received, timeout=15_000)
    qtbot.waitUntil(lambda: "测试页已打印" in (screen.banner.message.text if screen.banner.message else ""))
    assert "kiosk.maintenance.print_test" in audit_actions(locked)


def test_cards_are_ignored_under_the_maintenance_screen(qtbot: QtBot, locked: KioskDriver) -> None:
    open_pin_screen(qtbot, locked)
    assert locked.app.devices is not None
    with qtbot.waitSignal(locked.app.devices.card_read, timeout=15_000):
        locked.place_card(0)
    assert not locked.window.in_session
    assert locked.screen_name == "maintenance"


def test_back_to_service_and_leaving_by_itself(qtbot: QtBot, locked: KioskDriver) -> None:
    lockdown = lockdown_of(locked)
    screen = open_pin_screen(qtbot, locked)
    enter_pin(locked, screen, PIN)
    with qtbot.waitSignal(lockdown.maintenance_closed):
        locked.click(screen.panel.back_button)
    assert locked.screen_name == "attract" and lockdown.maintenance is None
    lockdown.maintenance_idle_ms = 300
    screen = open_pin_screen(qtbot, locked)
    enter_pin(locked, screen, PIN)
    with qtbot.waitSignal(lockdown.maintenance_closed, timeout=5_000):
        pass  # nobody taps: back to service after maintenance_idle_ms
    assert locked.screen_name == "attract"
    qtbot.waitUntil(lambda: audit_actions(locked)[-1] == "kiosk.maintenance.timeout")
    assert "kiosk.maintenance.close" in audit_actions(locked)


def test_taps_keep_the_maintenance_screen_open(qtbot: QtBot, locked: KioskDriver) -> None:
    lockdown = lockdown_of(locked)
    lockdown.maintenance_idle_ms = 60_000
    screen = open_pin_screen(qtbot, locked)
    screen._idle.setInterval(1_000)
    screen._idle.start()
    remaining = screen._idle.remainingTime()
    qtbot.waitUntil(lambda: screen._idle.remainingTime() < remaining - 100)
    locked.click(screen.keys["1"])
    assert screen._idle.remainingTime() > remaining - 100  # the tap restarted it


def test_exit_program_lets_the_window_close(qtbot: QtBot, locked: KioskDriver) -> None:
    lockdown = lockdown_of(locked)
    exits: list[str] = []
    lockdown.on_exit = lambda: exits.append("quit")
    screen = open_pin_screen(qtbot, locked)
    enter_pin(locked, screen, PIN)
    assert locked.window.close() is False  # still locked down
    locked.click(screen.panel.exit_button)
    qtbot.waitUntil(lambda: exits == ["quit"], timeout=5_000)
    assert "kiosk.maintenance.exit" in audit_actions(locked)  # written before the program ends
    assert locked.window.close() is True  # what QApplication.quit needs to end the event loop


def test_sync_status_and_sync_now(qtbot: QtBot, make_kiosk: KioskFactory, platform: EmbeddedPlatform) -> None:
    driver = make_kiosk(platform=platform, lockdown=True, maintenance_pin=PIN)
    assert driver.app.sync is not None
    qtbot.waitUntil(lambda: driver.app.sync is not None and driver.app.sync.online is True, timeout=20_000)
    screen = open_pin_screen(qtbot, driver)
    enter_pin(driver, screen, PIN)
    panel = screen.panel
    qtbot.waitUntil(lambda: "平台连接：在线" in panel.sync_label.text(), timeout=10_000)
    assert "上次同步成功：20" in panel.sync_label.text()
    assert panel.sync_button.isEnabled()
    with qtbot.waitSignal(driver.app.sync.sync_finished, timeout=20_000):
        driver.click(panel.sync_button)
    assert "已开始同步" in screen.banner.message.text  # type: ignore[union-attr]
    assert "kiosk.maintenance.sync_now" in audit_actions(driver)
