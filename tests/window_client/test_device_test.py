"""DeviceTestDialog over simulated devices: the 测试 button shows health; each role's live test works."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pytestqt.qtbot import QtBot

from core.receipts import receipt_qr_payload
from tests.window_client.cases.kit import Desk, scan
from window_client.dialogs.device_test import DeviceTestDialog

NUMBER = "32011526112300100010"


def started(qtbot: QtBot, desk: Desk) -> None:
    with qtbot.waitSignal(desk.ctx.devices.devices_started, timeout=20_000):
        desk.ctx.devices.start()


def opened(qtbot: QtBot, desk: Desk, role: str) -> DeviceTestDialog:
    dialog = DeviceTestDialog(desk.ctx, role)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_printer_test_button_shows_health_and_a_test_page_prints(
    qtbot: QtBot, make_desk: Callable[..., Desk]
) -> None:
    desk = make_desk(devices={"printer": "sim"}, config_devices={"printer": "sim"})
    started(qtbot, desk)
    dialog = opened(qtbot, desk, "printer")
    assert dialog.uri_label.text().startswith("模拟器（tcp:127.0.0.1:")
    simulator: Any = desk.ctx.devices.manager.simulators.printer  # type: ignore[attr-defined]
    simulator.set_paper("near_end")
    dialog.test_button.click()
    qtbot.waitUntil(lambda: "纸将尽" in dialog.test_result.text(), timeout=15_000)
    assert dialog.health_label.text() == "纸将尽，请准备换纸"
    simulator.set_paper("out")
    dialog.test_button.click()
    # Paper out takes the printer offline too (DLE EOT); devices.manager names the cause, unhealthy.
    qtbot.waitUntil(lambda: "缺纸" in dialog.test_result.text(), timeout=15_000)
    assert "缺纸" in dialog.health_label.text()
    simulator.set_paper("ok")
    dialog.live_button.click()
    qtbot.waitUntil(lambda: "测试页已打印" in dialog.live_result.text(), timeout=20_000)
    assert "打印测试".encode("gb18030") in simulator.received


def test_unconfigured_device_says_so(qtbot: QtBot, make_desk: Callable[..., Desk]) -> None:
    desk = make_desk()
    started(qtbot, desk)
    dialog = opened(qtbot, desk, "camera")
    assert dialog.uri_label.text().startswith("未配置")
    dialog.test_button.click()
    qtbot.waitUntil(lambda: "高拍仪未配置" in dialog.test_result.text(), timeout=10_000)
    dialog.live_button.click()
    qtbot.waitUntil(lambda: "没有成功" in dialog.live_result.text(), timeout=10_000)


def test_scanner_shows_the_last_scanned_text(qtbot: QtBot, make_desk: Callable[..., Desk]) -> None:
    desk = make_desk(devices={"scanner": "sim"})
    started(qtbot, desk)
    dialog = opened(qtbot, desk, "scanner")
    scan(qtbot, desk, receipt_qr_payload(NUMBER))
    assert "通办受理回执" in dialog.live_result.text() and NUMBER in dialog.live_result.text()
    dialog.test_button.click()
    assert "正常" in dialog.test_result.text()


def test_id_reader_shows_the_card_placed_masked(qtbot: QtBot, make_desk: Callable[..., Desk]) -> None:
    desk = make_desk(devices={"id_reader": "sim"})
    dialog = opened(qtbot, desk, "id_reader")
    with qtbot.waitSignal(desk.ctx.devices.card_read, timeout=20_000) as read:
        desk.ctx.devices.start()
    card = read.args[0]
    text = dialog.live_result.text()
    assert text.startswith("读到证件：") and card.id_number not in text and card.id_number[-4:] in text
    assert card.name not in text or len(card.name) == 1


def test_camera_captures_a_page_and_shows_a_thumbnail(qtbot: QtBot, make_desk: Callable[..., Desk]) -> None:
    desk = make_desk(devices={"camera": "sim"})
    started(qtbot, desk)
    dialog = opened(qtbot, desk, "camera")
    dialog.live_button.click()
    qtbot.waitUntil(lambda: dialog.thumbnail.isVisible(), timeout=30_000)
    assert dialog.thumbnail.pixmap().width() <= 240 and "已拍摄" in dialog.live_result.text()
