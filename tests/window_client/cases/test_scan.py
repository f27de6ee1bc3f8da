"""A scanned receipt QR (serial scanner or keyboard wedge) opens its case and never types into the search box."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from core.receipts import receipt_qr_payload
from qtkit.wedge import WedgeConfig, WedgeFilter
from tests.window_client.cases.kit import OTHER, Desk, make_request, scan
from window_client.cases import CaseDeskPanel

OpenPanel = Callable[[Desk], CaseDeskPanel]


@pytest.fixture
def wedge(qapp: QApplication) -> Iterator[WedgeFilter]:
    # Wider than the 50 ms default: a loaded machine stretches QTest's 5 ms key delays (tests/qtkit/test_wedge.py).
    wedge_filter = WedgeFilter(WedgeConfig(max_gap_ms=80))
    wedge_filter.install(qapp)
    yield wedge_filter
    wedge_filter.uninstall()
    wedge_filter.deleteLater()


def test_a_receipt_qr_from_the_serial_scanner_opens_the_case(
    qtbot: QtBot, make_desk: Callable[..., Desk], open_panel: OpenPanel
) -> None:
    desk = make_desk(devices={"scanner": "sim"})
    wanted = desk.accept(make_request(desk.catalog))
    desk.accept(make_request(desk.catalog, applicant=OTHER))
    desk.login()
    with qtbot.waitSignal(desk.ctx.devices.devices_started, timeout=20_000):
        desk.ctx.devices.start()
    panel = open_panel(desk)
    panel.search_edit.setText("周建国")
    scanned: list[str] = []
    panel.receipt_scanned.connect(scanned.append)
    with qtbot.waitSignal(panel.case_opened, timeout=20_000) as opened:
        scan(qtbot, desk, receipt_qr_payload(wanted.number))
    assert scanned[-1] == wanted.number and opened.args == [wanted.number]
    assert [row.number for row in panel.model.rows] == [wanted.number]
    assert panel.detail is not None and panel.detail.case.number == wanted.number
    assert panel.search_edit.text() == ""


def test_a_foreign_code_does_not_change_the_case_shown(
    qtbot: QtBot, make_desk: Callable[..., Desk], open_panel: OpenPanel
) -> None:
    desk = make_desk(devices={"scanner": "sim"})
    desk.accept(make_request(desk.catalog))
    desk.login()
    with qtbot.waitSignal(desk.ctx.devices.devices_started, timeout=20_000):
        desk.ctx.devices.start()
    panel = open_panel(desk)
    scan(qtbot, desk, "TB1:32011526112300100010:00000000")  # looks like ours, fails its check
    assert panel.banner.isVisible() and "不是通办受理回执" in panel.banner.message.text  # type: ignore[union-attr]
    assert panel.search_edit.text() == ""


def test_a_keyboard_wedge_scan_opens_the_case_and_leaves_the_search_box_empty(
    qtbot: QtBot, make_desk: Callable[..., Desk], open_panel: OpenPanel, wedge: WedgeFilter
) -> None:
    desk = make_desk(wedge=wedge)
    wanted = desk.accept(make_request(desk.catalog))
    desk.accept(make_request(desk.catalog, applicant=OTHER))
    desk.login()
    panel = open_panel(desk)
    panel.activateWindow()
    panel.search_edit.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusObject() is panel.search_edit, timeout=5000)
    with qtbot.waitSignal(panel.case_opened, timeout=10_000) as opened:
        QTest.keyClicks(panel.search_edit, receipt_qr_payload(wanted.number), delay=5)
        QTest.keyClick(panel.search_edit, Qt.Key.Key_Return)
    assert opened.args == [wanted.number]
    assert panel.search_edit.text() == ""
    assert [row.number for row in panel.model.rows] == [wanted.number]
    # People still type: slow keys reach the box (QTest types ASCII only; an IME delivers Chinese).
    QTest.keyClicks(panel.search_edit, "3201", delay=120)
    qtbot.waitUntil(lambda: panel.search_edit.text() == "3201", timeout=5000)
