"""A small gallery of the qtkit widgets, for screenshots in both scales (walk-throughs and eyeballing)."""

from __future__ import annotations

import math
from datetime import datetime, timedelta, timezone

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from devices.manager import DeviceHealth
from qtkit.theme import current_scale
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
    SyncStatus,
    SyncStatusModel,
    SyncStatusWidget,
)

CHINA = timezone(timedelta(hours=8))


class FixedClock:
    def __init__(self, now: datetime) -> None:
        self._now = now

    def now(self) -> datetime:
        return self._now

    def monotonic_ns(self) -> int:
        return 0


def build_gallery() -> QWidget:
    """Every widget in a plausible state, laid out in the current scale."""
    scale = current_scale()
    root = QWidget()
    root.setObjectName("gallery")
    root.setAutoFillBackground(True)
    outer = QVBoxLayout(root)
    gap = scale.spacing_px * 2
    outer.setContentsMargins(gap, gap, gap, gap)
    outer.setSpacing(gap)

    title = QLabel("出生一件事 · 受理", root)
    title.setProperty("role", "title")
    outer.addWidget(title)
    rail = StepRailModel(["选择事项", "回答问题", "核对材料", "填写表单", "签名确认"])
    rail.advance()
    rail.advance()
    outer.addWidget(StepRail(rail, root))

    banners = QVBoxLayout()
    for level, text, action in (
        (BannerLevel.INFO, "已读取身份证，请核对申请人信息。", None),
        (BannerLevel.WARNING, "缺少户口簿，可以容缺受理，须在 10 个工作日内补齐。", "查看清单"),
        (BannerLevel.ERROR, "身份证号码校验位不正确（最后一位应为 3）。", None),
    ):
        banner = MessageBanner(root)
        banner.show_message(BannerMessage(level, text, action))
        banners.addWidget(banner)
    outer.addLayout(banners)

    card = QFrame(root)
    card.setProperty("role", "card")
    grid = QGridLayout(card)
    grid.setContentsMargins(gap, gap, gap, gap)
    grid.setHorizontalSpacing(gap)
    grid.setVerticalSpacing(scale.spacing_px)
    heading = QLabel("申请人", card)
    heading.setProperty("role", "heading")
    grid.addWidget(heading, 0, 0, 1, 2)
    grid.addWidget(QLabel("姓名", card), 1, 0)
    grid.addWidget(QLineEdit("林晓雨", card), 1, 1)
    grid.addWidget(QLabel("证件号码", card), 2, 0)
    grid.addWidget(MaskedIdLabel("320115199003070043", card), 2, 1)
    hint = QLabel("号码已部分隐藏；核验时由工作人员查看完整号码。", card)
    hint.setProperty("role", "muted")
    hint.setWordWrap(True)
    grid.addWidget(hint, 3, 1)
    pad = SignaturePad(card)
    pad.setMinimumHeight(scale.touch_px * 2)
    grid.addWidget(QLabel("签名", card), 4, 0, Qt.AlignmentFlag.AlignTop)
    grid.addWidget(pad, 4, 1)
    outer.addWidget(card)

    buttons = QHBoxLayout()
    buttons.addWidget(BigButton("上一步", root))
    buttons.addStretch(1)
    disabled = QPushButton("打印回执", root)
    disabled.setEnabled(False)
    buttons.addWidget(disabled)
    buttons.addWidget(BigButton("确认提交", root, primary=True))
    outer.addLayout(buttons)

    devices = DeviceStatusModel()
    devices.update(DeviceHealth("id_reader", "sim", True, "就绪，请放置证件"))
    devices.update(DeviceHealth("printer", "sim", False, "缺纸"))
    devices.update(DeviceHealth("scanner", "sim", True, "已连接"))
    devices.update(DeviceHealth("camera", "", None, "未配置"))
    outer.addWidget(DeviceStatusWidget(devices, root))

    now = datetime(2026, 11, 23, 9, 30, tzinfo=CHINA)
    sync = SyncStatusModel(FixedClock(now))
    sync.set_status(
        SyncStatus(online=True, pending=3, syncing=True, events_done=2, events_total=5, last_sync=now)
    )
    outer.addWidget(SyncStatusWidget(sync, root))
    outer.addStretch(1)
    return root


def sign(pad: SignaturePad) -> None:
    """Two loopy strokes above the pad's baseline, as a person would sign (call once it is shown)."""
    w, h = pad.width(), pad.height()
    base = h * 3 // 4 - h // 10
    for start, end in ((0.08, 0.3), (0.33, 0.55)):
        points = [
            QPoint(
                int(w * (start + (end - start) * t / 40) + 12 * math.sin(t / 2.5)),
                int(base - h * 0.22 * abs(math.sin(t / 6.5))),
            )
            for t in range(41)
        ]
        QTest.mousePress(pad, Qt.MouseButton.LeftButton, pos=points[0])
        for point in points[1:]:
            QTest.mouseMove(pad, point)
        QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=points[-1])


def busy_demo(parent: QWidget) -> BusyOverlay:
    overlay = BusyOverlay(parent, reveal_after_ms=0)
    overlay.start("正在读取身份证，请稍候…", timeout_ms=None)
    return overlay
