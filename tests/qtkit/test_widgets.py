"""Shared widgets, built from models and tested by changing the model (napari style)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from itertools import pairwise
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QFrame, QLabel, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from devices.manager import DeviceHealth
from qtkit.bridge import DeviceBridge
from qtkit.screenshots import save_screenshot
from qtkit.tasks import TaskRunner
from qtkit.theme import ELDERLY, STANDARD, Theme
from qtkit.widgets import (
    BannerLevel,
    BannerMessage,
    BigButton,
    BusyOverlay,
    DeviceStatusModel,
    DeviceStatusWidget,
    MaskedIdLabel,
    MessageBanner,
    SignaturePad,
    StepRail,
    StepRailModel,
    StepState,
    SyncStatus,
    SyncStatusModel,
    SyncStatusWidget,
)
from tests.qtkit.gallery import FixedClock, build_gallery

CHINA = timezone(timedelta(hours=8))
STEPS = ["选择事项", "回答问题", "核对材料", "签名确认"]


def test_step_rail_follows_its_model(qtbot: QtBot) -> None:
    model = StepRailModel(STEPS)
    rail = StepRail(model)
    qtbot.addWidget(rail)
    rail.show()
    assert [model.state(i) for i in range(4)] == [StepState.CURRENT, *[StepState.UPCOMING] * 3]
    assert rail.button(0).property("step") == "current" and not rail.button(0).isEnabled()

    model.advance()
    model.advance()
    assert [rail.button(i).property("step") for i in range(4)] == ["done", "done", "current", "upcoming"]
    assert rail.button(0).text().startswith("✓") and rail.button(0).isEnabled()
    assert rail.button(2).accessibleName() == "第 3 步，共 4 步：核对材料（当前步骤）"
    assert "已完成" in rail.button(1).accessibleName()

    with qtbot.waitSignal(rail.step_chosen, timeout=1000) as chosen:
        QTest.mouseClick(rail.button(1), Qt.MouseButton.LeftButton)
    assert chosen.args == [1]
    with qtbot.assertNotEmitted(rail.step_chosen):
        QTest.mouseClick(rail.button(3), Qt.MouseButton.LeftButton)

    model.set_steps(["扫码", "确认"])
    assert [rail.button(i).property("step") for i in range(2)] == ["current", "upcoming"]
    with pytest.raises(IndexError):
        rail.button(2)


def test_step_rail_shows_only_the_current_title_when_narrow(qtbot: QtBot) -> None:
    model = StepRailModel(
        ["选择要办理的事项", "回答几个问题", "核对需要的材料", "填写统一表单", "签名并确认"], current=2
    )
    holder = QWidget()
    layout = QVBoxLayout(holder)
    rail = StepRail(model, holder)
    layout.addWidget(rail)
    qtbot.addWidget(holder)
    holder.resize(rail.sizeHint().width() + 50, 100)
    holder.show()
    qtbot.waitExposed(holder)
    assert not rail.compact and "选择要办理的事项" in rail.button(0).text()
    holder.resize(rail.minimumSizeHint().width() + 20, 100)
    qtbot.waitUntil(lambda: rail.compact, timeout=2000)
    assert rail.button(0).text() == "1" and rail.button(0).toolTip() == "选择要办理的事项"
    assert "核对需要的材料" in rail.button(2).text()
    assert "选择要办理的事项" in rail.button(0).accessibleName(), "the screen reader still hears every title"


def test_masked_id_label_reveals_only_on_request(qtbot: QtBot) -> None:
    label = MaskedIdLabel("320115199003070043")
    qtbot.addWidget(label)
    assert label.text() == "320115********0043" and not label.is_revealed
    assert label.textInteractionFlags() == Qt.TextInteractionFlag.NoTextInteraction
    assert label.accessibleName() == "证件号码" and "隐藏" in label.accessibleDescription()
    with qtbot.waitSignal(label.revealed, timeout=1000):
        label.reveal()
    assert label.text() == "320115199003070043"
    label.set_id_number("11010519491231002X")
    assert label.text() == "110105********002X" and not label.is_revealed, "a new number starts masked"
    kiosk = MaskedIdLabel("320115199003070043", keep_head=3, keep_tail=4)
    qtbot.addWidget(kiosk)
    assert kiosk.text() == "320***********0043"


def test_message_banner_levels_text_and_action(qtbot: QtBot) -> None:
    banner = MessageBanner()
    qtbot.addWidget(banner)
    assert banner.isHidden()
    banner.show_message(BannerMessage(BannerLevel.ERROR, "身份证号码校验位不正确", "重新读卡"))
    assert not banner.isHidden()
    assert banner.property("banner") == "error"
    assert banner.accessibleName() == "错误：身份证号码校验位不正确"
    assert banner.action_button.text() == "重新读卡" and not banner.action_button.isHidden()
    with qtbot.waitSignal(banner.action_triggered, timeout=1000):
        QTest.mouseClick(banner.action_button, Qt.MouseButton.LeftButton)
    banner.show_message(BannerMessage(BannerLevel.INFO, "已保存"))
    assert banner.action_button.isHidden() and banner.property("banner") == "info"
    with qtbot.waitSignal(banner.dismissed, timeout=1000):
        QTest.mouseClick(banner.close_button, Qt.MouseButton.LeftButton)
    assert banner.isHidden() and banner.message is None


def test_busy_overlay_times_out_into_a_plain_message(qtbot: QtBot, themed: Callable[[str], Theme]) -> None:
    themed("standard")
    screen = QWidget()
    screen.resize(420, 600)  # narrow: the timeout message wraps over several lines
    qtbot.addWidget(screen)
    overlay = BusyOverlay(screen, reveal_after_ms=0)
    screen.show()
    qtbot.waitExposed(screen)
    overlay.start("正在打印回执…", timeout_ms=50)
    assert overlay.busy and overlay.spinner.spinning and overlay.message == "正在打印回执…"
    assert overlay.geometry() == screen.rect(), "the overlay covers the screen"
    with qtbot.waitSignal(overlay.cancel_requested, timeout=1000):
        QTest.mouseClick(overlay.cancel_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(overlay.timed_out, timeout=5000):
        pass
    assert overlay.has_timed_out and not overlay.spinner.spinning
    assert (
        "超时" in overlay.message and not overlay.close_button.isHidden() and overlay.cancel_button.isHidden()
    )
    label = overlay.findChild(QFrame).findChild(QLabel)
    assert label.height() >= label.heightForWidth(label.width()), "the wrapped message is not cut off"
    with qtbot.waitSignal(overlay.closed, timeout=1000):
        QTest.mouseClick(overlay.close_button, Qt.MouseButton.LeftButton)
    assert overlay.isHidden()
    overlay.start(timeout_ms=None)
    assert overlay.message == "正在处理，请稍候…"
    overlay.finish()
    assert not overlay.busy and not overlay.spinner.spinning


def test_busy_overlay_shows_only_for_work_that_lasts_and_holds_input_meanwhile(
    qtbot: QtBot, themed: Callable[[str], Theme]
) -> None:
    themed("standard")
    screen = QWidget()
    screen.resize(420, 600)
    qtbot.addWidget(screen)
    button = QPushButton("打印", screen)
    clicks: list[bool] = []
    button.clicked.connect(lambda: clicks.append(True))
    outside = QPushButton("别的窗口")
    qtbot.addWidget(outside)
    outside.clicked.connect(lambda: clicks.append(True))
    overlay = BusyOverlay(screen, reveal_after_ms=150)
    screen.show()
    outside.show()
    qtbot.waitExposed(screen)
    overlay.start("正在打印回执…", timeout_ms=None)
    assert overlay.busy and overlay.active and overlay.isHidden(), "not shown yet"
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    QTest.keyClick(button, Qt.Key.Key_Space)
    assert clicks == [], "a second tap waits: nothing is done twice"
    QTest.mouseClick(outside, Qt.MouseButton.LeftButton)
    assert len(clicks) == 1, "input elsewhere (another window) is not held"
    overlay.finish()
    qtbot.wait(250)
    assert overlay.isHidden() and not overlay.active, "work that ended quickly never showed a cover"
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    assert len(clicks) == 2, "input goes through again"
    overlay.start("正在打印回执…", timeout_ms=None)
    qtbot.waitUntil(overlay.isVisible, timeout=2000)
    assert overlay.spinner.spinning and overlay.geometry() == screen.rect()
    at = button.mapTo(screen, button.rect().center())
    QTest.mouseClick(screen.windowHandle(), Qt.MouseButton.LeftButton, pos=at)
    assert len(clicks) == 2, "the shown cover takes the taps"
    overlay.finish()
    assert overlay.isHidden() and not overlay.spinner.spinning
    QTest.mouseClick(screen.windowHandle(), Qt.MouseButton.LeftButton, pos=at)
    assert len(clicks) == 3, "the same tap reaches the button once the cover is gone"


def _draw(pad: SignaturePad, points: list[QPoint]) -> None:
    QTest.mousePress(pad, Qt.MouseButton.LeftButton, pos=points[0])
    for point in points[1:]:
        QTest.mouseMove(pad, point)
    QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=points[-1])


def test_signature_pad_gives_a_png_after_strokes(qtbot: QtBot) -> None:
    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.resize(400, 160)
    pad.show()
    qtbot.waitExposed(pad)
    assert pad.is_empty() and pad.accessibleName() == "签名区"
    with pytest.raises(ValueError, match="empty"):
        pad.to_png()
    with qtbot.waitSignal(pad.signature_changed, timeout=1000):
        _draw(pad, [QPoint(20 + 10 * i, 60 + (i % 3) * 15) for i in range(30)])
    _draw(pad, [QPoint(50, 120), QPoint(300, 40)])
    assert not pad.is_empty() and pad.stroke_count == 2
    png = pad.to_png()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    image = QImage.fromData(png, "PNG")
    assert (image.width(), image.height()) == (400, 160)
    ink = sum(
        1 for x in range(0, 400, 2) for y in range(0, 160, 2) if QColor(image.pixel(x, y)).lightness() < 100
    )
    assert ink > 50
    small = QImage.fromData(pad.to_png(pad.size() / 2), "PNG")
    assert small.width() == 200
    pad.setFocus()
    with qtbot.waitSignal(pad.signature_changed, timeout=1000):
        QTest.keyClick(pad, Qt.Key.Key_Delete)
    assert pad.is_empty()


@pytest.mark.parametrize("scale", [STANDARD, ELDERLY], ids=["standard", "elderly"])
def test_big_button_honours_the_touch_target(
    qtbot: QtBot, themed: Callable[[str], Theme], scale: object
) -> None:
    themed(scale.name)  # type: ignore[attr-defined]
    button = BigButton("确认")
    qtbot.addWidget(button)
    button.show()
    qtbot.waitExposed(button)
    assert button.height() >= scale.touch_px and button.width() >= scale.touch_px  # type: ignore[attr-defined]
    assert button.accessibleName() == "确认"
    button.setText("下一步")
    assert button.accessibleName() == "下一步"


def test_device_status_follows_health_and_opens_test_panels(qtbot: QtBot) -> None:
    model = DeviceStatusModel()
    widget = DeviceStatusWidget(model)
    qtbot.addWidget(widget)
    assert "等待检测" in widget.button("printer").text()
    model.update(DeviceHealth("printer", "tcp:10.0.0.5:9100", False, "缺纸"))
    printer = widget.button("printer")
    assert printer.text().strip() == "小票打印机：缺纸" and printer.property("status") == "fault"
    assert printer.accessibleName() == "小票打印机，故障"
    model.update(DeviceHealth("printer", "tcp:10.0.0.5:9100", True, "就绪"))
    assert printer.property("status") == "ok" and printer.accessibleName() == "小票打印机，正常"
    model.update(DeviceHealth("fax", "", True, "就绪"))  # unknown roles are ignored
    with qtbot.waitSignal(widget.test_panel_requested, timeout=1000) as requested:
        QTest.mouseClick(widget.button("camera"), Qt.MouseButton.LeftButton)
    assert requested.args == ["camera"]


def test_device_status_binds_to_a_real_bridge(qtbot: QtBot, runner: TaskRunner) -> None:
    bridge = DeviceBridge({}, runner)
    try:
        model = DeviceStatusModel()
        model.bind(bridge)
        widget = DeviceStatusWidget(model)
        qtbot.addWidget(widget)
        bridge.start()
        qtbot.waitUntil(lambda: "未配置" in widget.button("id_reader").text(), timeout=5000)
        assert widget.button("id_reader").property("status") == "unknown"
    finally:
        bridge.stop()


def test_sync_status_follows_its_model(qtbot: QtBot) -> None:
    now = datetime(2026, 11, 23, 9, 30, tzinfo=CHINA)
    model = SyncStatusModel(FixedClock(now))
    widget = SyncStatusWidget(model)
    qtbot.addWidget(widget)
    widget.show()
    assert widget.online_text() == "连接状态未知" and widget.last_sync_text() == "尚未同步"
    assert widget.progress_bar.isHidden()
    model.set_status(SyncStatus(online=False, pending=4, syncing=True, events_done=1, events_total=4))
    assert widget.online_text().startswith("离线") and widget.pending_text() == "待上传 4 条"
    assert not widget.progress_bar.isHidden() and widget.progress_bar.value() == 1
    assert widget.progress_text() == "正在同步 1/4" and not widget.sync_button.isEnabled()
    model.update(syncing=False, online=True, pending=0, last_sync=now - timedelta(days=1))
    assert widget.online_text() == "在线" and widget.last_sync_text() == "上次同步：11-22 09:30"
    model.update(last_sync=now)
    assert widget.last_sync_text() == "上次同步：09:30"
    model.update(last_error="连不上省级平台")
    assert widget.last_sync_text() == "上次同步未成功：连不上省级平台"
    with qtbot.waitSignal(widget.sync_requested, timeout=1000):
        QTest.mouseClick(widget.sync_button, Qt.MouseButton.LeftButton)


def test_every_qtkit_control_is_named_and_tab_order_runs_down_the_screen(
    qtbot: QtBot, themed: Callable[[str], Theme]
) -> None:
    themed("standard")
    gallery = build_gallery()
    qtbot.addWidget(gallery)
    gallery.resize(1366, 800)
    gallery.show()
    qtbot.waitExposed(gallery)
    qtkit_widgets = (
        StepRail,
        MaskedIdLabel,
        MessageBanner,
        SignaturePad,
        BigButton,
        DeviceStatusWidget,
        SyncStatusWidget,
    )
    for widget in gallery.findChildren(QWidget):
        owner = widget if isinstance(widget, qtkit_widgets) else widget.parentWidget()
        interactive = isinstance(widget, QAbstractButton | SignaturePad) and widget.isVisible()
        if isinstance(owner, qtkit_widgets) and (interactive or widget is owner):
            assert widget.accessibleName(), (
                f"{type(widget).__name__} {getattr(widget, 'text', lambda: '')()!r} has no accessible name"
            )
    chain: list[QWidget] = []
    current = gallery.nextInFocusChain()
    while current is not gallery and len(chain) < 200:
        if current.isVisible() and current.isEnabled() and current.focusPolicy() & Qt.FocusPolicy.TabFocus:
            chain.append(current)
        current = current.nextInFocusChain()
    assert any(isinstance(w, SignaturePad) for w in chain), "the signature pad is reachable by keyboard"
    assert _rows_in_order(chain, gallery), [(type(w).__name__, w.mapTo(gallery, QPoint(0, 0))) for w in chain]


def _rows_in_order(chain: list[QWidget], root: QWidget) -> bool:
    """Top to bottom, and left to right within a row (a widget's centre decides its row)."""
    centres = [w.mapTo(root, w.rect().center()) for w in chain]
    return all(
        (b.y() > a.y() + 4) or (abs(b.y() - a.y()) <= 4 and b.x() >= a.x()) for a, b in pairwise(centres)
    )


def test_save_screenshot_writes_a_png(qtbot: QtBot, tmp_path: Path) -> None:
    banner = MessageBanner()
    qtbot.addWidget(banner)
    banner.show_message(BannerMessage(BannerLevel.SUCCESS, "已受理"))
    path = save_screenshot(banner, tmp_path / "shots" / "banner.png")
    assert path.read_bytes().startswith(b"\x89PNG")
    with pytest.raises(OSError):
        save_screenshot(banner, tmp_path / "shots")  # a folder, not a file
