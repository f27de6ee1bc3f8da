"""GuideDialog: a matter's 办事指南 on screen at 1366×768, printed on the simulated receipt printer."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from devices.printer.inspect import decode_escpos, printed_lines
from qtkit.guide_view import material_terms
from qtkit.i18n import install_translator
from tests.window_client.cases.kit import Desk
from tests.window_client.conftest import LOCAL_ADMIN, AppFactory, logged_in
from tests.window_client.intake_steps import WAIT
from tests.window_client.test_intake_card import QUIET_READER
from window_client.dialogs.guide import GuideDialog

EXTENSION = "housing_construction_permit_extension"  # 即办件, 法定 20 working days, 1 material
OURS_IN_CHINESE = re.compile(
    r"(实施编码|法定办结时限|承诺办结时限|未注明|未公布|申请材料|信息来源|打印|关闭)"
)


def started(qtbot: QtBot, desk: Desk) -> None:
    with qtbot.waitSignal(desk.ctx.devices.devices_started, timeout=20_000):
        desk.ctx.devices.start()


def opened(qtbot: QtBot, desk: Desk, entry: str) -> GuideDialog:
    dialog = GuideDialog(desk.ctx, entry)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    assert install_translator(qapp, "en")
    yield
    install_translator(qapp, "zh_CN")


def test_the_guide_shows_and_prints_on_the_receipt_printer(
    qtbot: QtBot, make_desk: Callable[..., Desk]
) -> None:
    desk = make_desk(devices={"printer": "sim"}, config_devices={"printer": "sim"})
    started(qtbot, desk)
    dialog = opened(qtbot, desk, EXTENSION)
    text = dialog.view.toPlainText()
    assert "建筑工程施工许可证核发（延期）" in text and "即办件" in text and "20 个工作日" in text
    assert "通办范围" in text and "未注明" in text  # the record has no scope
    assert "目录备注" in text  # staff see the catalog's notes
    assert dialog.width() <= 1366 and dialog.height() <= 768
    simulator: Any = desk.ctx.devices.manager.simulators.printer  # type: ignore[attr-defined]
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "已打印" in dialog.status.text(), timeout=20_000)
    lines = printed_lines(decode_escpos(simulator.received))
    assert "办事指南" in [line.strip() for line in lines]
    assert "承诺办结时限：即办件" in lines and desk.ctx.config.hall_name in "".join(lines)
    (health,) = [h for h in desk.ctx.devices.health() if h.role == "printer"]
    assert health.ok  # the print went through the manager, which keeps the printer's health


def test_paper_out_is_said_and_a_retry_prints(qtbot: QtBot, make_desk: Callable[..., Desk]) -> None:
    desk = make_desk(devices={"printer": "sim"}, config_devices={"printer": "sim"})
    started(qtbot, desk)
    dialog = opened(qtbot, desk, "newborn")
    simulator: Any = desk.ctx.devices.manager.simulators.printer  # type: ignore[attr-defined]
    simulator.set_paper("out")
    dialog.print_button.click()
    qtbot.waitUntil(lambda: "没有打印出来" in dialog.status.text(), timeout=20_000)
    assert "缺纸" in dialog.status.text() and dialog.print_button.isEnabled()
    (health,) = [h for h in desk.ctx.devices.health() if h.role == "printer"]
    assert not health.ok
    simulator.set_paper("ok")
    dialog.print_button.click()
    qtbot.waitUntil(lambda: "已打印" in dialog.status.text(), timeout=20_000)
    assert "新生儿出生“一件事”".encode("gb18030") in simulator.received


def test_an_unknown_entry_is_said_and_nothing_prints(qtbot: QtBot, make_desk: Callable[..., Desk]) -> None:
    desk = make_desk()
    dialog = opened(qtbot, desk, "nosuch")
    assert "没有找到“nosuch”这个事项" in dialog.status.text()
    assert not dialog.print_button.isEnabled() and dialog.view.toPlainText() == ""


def test_no_printer_configured_is_said(qtbot: QtBot, make_desk: Callable[..., Desk]) -> None:
    desk = make_desk()
    started(qtbot, desk)
    dialog = opened(qtbot, desk, EXTENSION)
    dialog.print_button.click()
    qtbot.waitUntil(lambda: "没有打印出来" in dialog.status.text(), timeout=10_000)
    assert "未配置" in dialog.status.text()


def test_the_search_box_opens_any_entry(qtbot: QtBot, make_desk: Callable[..., Desk]) -> None:
    desk = make_desk()
    dialog = opened(qtbot, desk, "")
    assert dialog.guide is None and not dialog.print_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.index is not None and dialog.search.isEnabled(), timeout=20_000)
    QTest.keyClicks(dialog.search, "csdj")
    names = [dialog.matches.item(i).text() for i in range(dialog.matches.count())]
    assert names and names[0].startswith("出生登记")
    QTest.keyClick(dialog.search, Qt.Key.Key_Down)
    QTest.keyClick(dialog.search, Qt.Key.Key_Return)
    assert dialog.guide is not None and dialog.guide.name == names[1].split("  ·  ")[0]
    assert dialog.print_button.isEnabled() and not dialog.matches.isVisible()
    assert dialog.status.text() == ""  # Enter chose the entry and printed nothing
    QTest.keyClicks(dialog.search, "qqqqzz")
    assert "没有找到" in dialog.matches.item(0).text() and dialog.guide is not None  # the guide stays


def test_f3_opens_the_guide_without_an_intake_and_prints(qtbot: QtBot, make_app: AppFactory) -> None:
    app = make_app(reader=QUIET_READER)  # no card comes by itself: no intake under way
    driver = logged_in(qtbot, app, *LOCAL_ADMIN[::2])
    window = driver.window
    QTest.keyClick(window, Qt.Key.Key_F3)
    qtbot.waitUntil(lambda: window.findChild(GuideDialog) is not None, timeout=WAIT)
    dialog = window.findChild(GuideDialog)
    assert isinstance(dialog, GuideDialog) and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.search.isEnabled(), timeout=WAIT)
    QTest.keyClicks(dialog.search, "shebaoka")
    first = dialog.matches.item(0).text().split("  ·  ")[0]
    QTest.keyClick(dialog.search, Qt.Key.Key_Return)
    assert dialog.guide is not None and dialog.guide.name == first
    dialog.print_button.click()
    qtbot.waitUntil(lambda: "已打印" in dialog.status.text(), timeout=WAIT)
    assert not window.intake.model.in_progress  # nothing was started
    dialog.close_button.click()
    qtbot.waitUntil(lambda: window.findChild(GuideDialog) is None, timeout=WAIT)  # deleted on close


def test_english_shows_no_chinese_of_ours(
    qtbot: QtBot, make_desk: Callable[..., Desk], english: None
) -> None:
    desk = make_desk()
    dialog = opened(qtbot, desk, "newborn")
    text = dialog.view.toPlainText()
    assert "Application materials" in text
    assert not OURS_IN_CHINESE.search(text), OURS_IN_CHINESE.findall(text)
    assert dialog.guide is not None
    plain = [m for m in dialog.guide.materials if not (m.form or m.licence or m.shared_from)]
    assert plain and all(term.isascii() for m in plain for term in material_terms(m))
    dialog.show_entry(EXTENSION)
    assert "Administrative licence" in dialog.view.toPlainText()  # 行政许可, one of the ten types
    assert "3 copies" in dialog.view.toPlainText()
    for button in (dialog.print_button, dialog.close_button):
        assert not re.search(r"[\u4e00-\u9fff]", button.text()), button.text()
