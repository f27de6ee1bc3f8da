"""What a device's health says: a stable ``code`` with ``params``, Chinese words and English words.

DeviceHealth (devices.manager) carries one of these states; the CLI prints ``message`` and
``detail``, a GUI's ``describe()`` translates ``code`` and ``params`` into the interface language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final


@dataclass(frozen=True, slots=True)
class DeviceState:
    """One way a device can be: ``message`` Chinese for staff, ``detail`` English for logs."""

    code: str
    message: str
    detail: str
    params: Mapping[str, str | int] = field(default_factory=dict, hash=False)


NOT_CONFIGURED: Final = DeviceState("device.not_configured", "未配置", "not configured")
READY: Final = DeviceState("device.ready", "就绪", "ready")
CONNECTED: Final = DeviceState("device.connected", "已连接", "connected")
STARTED: Final = DeviceState("device.started", "已启动", "started")
UNEXPECTED: Final = DeviceState("device.unexpected", "出错（已记入日志）", "failed unexpectedly (logged)")
PAPER_NEAR_END: Final = DeviceState("printer.paper_near_end", "纸将尽，请准备换纸", "paper near end")
STATUS_UNREADABLE: Final = DeviceState(
    "printer.status_unreadable",
    "已连接（该连接方式读不到打印机状态）",
    "connected (this connection cannot read the printer's status)",
)
CAMERA_AS_SCANNER: Final = DeviceState("scanner.camera_ready", "摄像头可用", "camera available")


def camera_ready(width: int, height: int) -> DeviceState:
    """A camera that gave a frame of ``width`` × ``height`` pixels."""
    return DeviceState(
        "camera.ready",
        f"就绪（{width}×{height}）",
        f"ready ({width}×{height})",
        {"width": width, "height": height},
    )


# devices.id_reader.ReaderState values, as the reader reports them through ``on_state``.
_READER: Final = {
    "connected": ("已连接", "connected"),
    "disconnected": ("已断开，正在重连", "disconnected, reconnecting"),
    "not_responding": ("没有应答", "not responding"),
    "fault": ("故障", "fault"),
    "no_card": ("就绪，请放置证件", "ready, place a card"),
    "reading": ("正在读卡", "reading"),
    "awaiting_removal": ("已读取，请取走证件", "read, remove the card"),
    "stopped": ("已停止", "stopped"),
}


def reader_state(state: str) -> DeviceState:
    """The ID reader's ``on_state`` value as a state (an unknown value is shown as it is)."""
    message, detail = _READER.get(state, (state, state))
    return DeviceState(f"id_reader.{state}", message, detail)
