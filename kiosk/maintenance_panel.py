"""The maintenance service panel (维护面板): devices, a test page, sync, and the two ways out.

Shown by kiosk/maintenance.py after the PIN. Readers and scanners show their live state (probing
one would open its port a second time and steal its bytes, as the window client's device test
says); printer and camera are probed again on their owner thread.
"""

from __future__ import annotations

import importlib.metadata
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final, Protocol

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from core.flows.kiosk import KioskMode
from core.store.store import Store
from core.store.sync_state import SyncStatusRecord
from devices.errors import DeviceError
from devices.manager import ROLES, DeviceHealth
from devices.printer.profiles import profile_for_uri
from devices.printer.testpage import printer_test_receipt
from devices.uri import parse_device_uri
from kiosk.context import KioskContext
from qtkit.i18n import fill
from qtkit.messages import describe
from qtkit.operations import while_alive
from qtkit.theme import ThemeScale
from qtkit.widgets.banner import BannerLevel
from qtkit.widgets.big_button import BigButton
from qtkit.widgets.device_status import role_label
from services.changes import Changes

logger = logging.getLogger(__name__)

PROBED: Final = ("printer", "camera")


class PanelHost(Protocol):
    """What the panel asks of the maintenance screen around it."""

    def audit(
        self,
        action: str,
        detail: Mapping[str, Any] | None = None,
        *,
        then: Callable[[object], None] | None = None,
    ) -> None: ...

    def message(self, level: BannerLevel, text: str) -> None: ...

    def back_to_service(self) -> None: ...

    def exit_program(self) -> None: ...


@dataclass(frozen=True, slots=True)
class StoreFacts:
    """What the panel shows from the store (read on the store worker)."""

    device_id: str
    pending: int
    status: SyncStatusRecord


def read_store_facts(store: Store) -> StoreFacts:
    return StoreFacts(store.device_id, store.pending_count(), store.sync.status())


def make_label(
    parent: QWidget, scale: ThemeScale, text: str = "", *, size: float = 0, bold: bool = False
) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    font = label.font()
    font.setPointSizeF(size or scale.body_pt)
    font.setBold(bold)
    label.setFont(font)
    return label


def make_button(parent: QWidget, text: str, slot: Callable[[], Any], *, primary: bool = False) -> BigButton:
    button = BigButton(text, parent, primary=primary)
    button.clicked.connect(slot)
    return button


def _version() -> str:
    try:
        return importlib.metadata.version("tongban")
    except importlib.metadata.PackageNotFoundError:
        return "?"


class ServicePanel(QWidget):
    """Lives on the GUI thread, inside one MaintenanceScreen; ``enter`` fills it."""

    def __init__(self, ctx: KioskContext, host: PanelHost, scale: ThemeScale, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._host = host
        self._identity = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(scale.spacing_px * 2)
        self.identity = make_label(self, scale)
        layout.addWidget(self.identity)
        layout.addWidget(
            make_label(
                self,
                scale,
                QCoreApplication.translate("ServicePanel", "外设"),
                size=scale.heading_pt,
                bold=True,
            )
        )
        self.device_labels: dict[str, QLabel] = {}
        for role in ROLES:
            self.device_labels[role] = make_label(self, scale)
            layout.addWidget(self.device_labels[role])
        row = QHBoxLayout()
        row.setSpacing(scale.spacing_px * 2)
        self.check_button = make_button(
            self, QCoreApplication.translate("ServicePanel", "重新检测外设"), self._on_check_clicked
        )
        self.print_button = make_button(
            self, QCoreApplication.translate("ServicePanel", "打印测试页"), self._on_print_clicked
        )
        row.addWidget(self.check_button)
        row.addWidget(self.print_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(
            make_label(
                self,
                scale,
                QCoreApplication.translate("ServicePanel", "同步"),
                size=scale.heading_pt,
                bold=True,
            )
        )
        self.sync_label = make_label(self, scale)
        layout.addWidget(self.sync_label)
        self.sync_button = make_button(
            self, QCoreApplication.translate("ServicePanel", "立即同步"), self._on_sync_clicked
        )
        self.sync_button.setEnabled(ctx.sync is not None)
        layout.addWidget(self.sync_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        bottom = QHBoxLayout()
        self.back_button = make_button(
            self, QCoreApplication.translate("ServicePanel", "返回服务"), host.back_to_service, primary=True
        )
        self.exit_button = make_button(
            self, QCoreApplication.translate("ServicePanel", "退出程序"), host.exit_program
        )
        self.exit_button.setAccessibleName(QCoreApplication.translate("ServicePanel", "退出自助终端程序"))
        bottom.addWidget(self.back_button)
        bottom.addStretch(1)
        bottom.addWidget(self.exit_button)
        layout.addLayout(bottom)
        ctx.devices.device_health_changed.connect(self._on_device_health_changed)
        ctx.operations.operation_did_execute.connect(self._on_operation_did_execute)

    def enter(self) -> None:
        """The PIN was right: who this kiosk is, its devices (probed again) and its sync."""
        config = self.ctx.config
        mode = (
            QCoreApplication.translate("ServicePanel", "医院出生即参保")
            if self.ctx.mode is KioskMode.HOSPITAL
            else QCoreApplication.translate("ServicePanel", "政务大厅")
        )
        number = (
            fill(
                QCoreApplication.translate("ServicePanel", "设备编号 %1-%2"),
                config.region_code,
                f"{config.device_no:03d}",
            )
            if config.has_identity
            else QCoreApplication.translate(
                "ServicePanel",
                "未设置设备身份（行政区划代码和设备编号），本机暂停服务：请在配置文件中设置，或登记到省级平台（tongban sync enroll --region，由平台分配设备编号）",
            )
        )
        self._identity = fill(
            QCoreApplication.translate("ServicePanel", "%1 · 模式：%2 · 版本 %3"), number, mode, _version()
        )
        self.identity.setText(self._identity)
        for health in self.ctx.devices.health():
            self._show_health(health)
        self._refresh_store_facts()
        self._check_devices()

    # -- devices -------------------------------------------------------------------------------

    def _show_health(self, health: DeviceHealth) -> None:
        label = self.device_labels.get(health.role)
        if label is None:
            return
        if health.ok is None:
            state = QCoreApplication.translate("ServicePanel", "未配置")
        elif health.ok:
            state = QCoreApplication.translate("ServicePanel", "正常")
        else:
            state = QCoreApplication.translate("ServicePanel", "异常")
        text = fill(
            QCoreApplication.translate("ServicePanel", "%1：%2　%3"),
            role_label(health.role),
            state,
            describe(health),
        )
        if health.ok is False and health.detail:
            text += f"\n{health.detail}"
        label.setText(text)
        label.setAccessibleName(text)

    def _on_device_health_changed(self, health: DeviceHealth) -> None:
        self._show_health(health)

    def _check_devices(self) -> None:
        for role in PROBED:
            if self.ctx.devices.manager.uri(role) is not None:
                self.ctx.devices.check(role)  # the outcome arrives as device_health_changed

    def _on_check_clicked(self) -> None:
        self._host.audit("kiosk.maintenance.device_check")
        for health in self.ctx.devices.health():
            self._show_health(health)
        self._check_devices()
        self._host.message(
            BannerLevel.INFO,
            QCoreApplication.translate(
                "ServicePanel", "正在检测小票打印机和高拍仪。身份证阅读器请放一张证件、扫码枪请扫一个码来试。"
            ),
        )

    def _on_print_clicked(self) -> None:
        uri = self.ctx.devices.manager.uri("printer")
        if uri is None:
            self._host.message(
                BannerLevel.ERROR,
                QCoreApplication.translate(
                    "ServicePanel", "小票打印机未配置。请在设备配置文件的 [devices] 中设置。"
                ),
            )
            return
        try:
            receipt = printer_test_receipt(uri, profile_for_uri(parse_device_uri(uri)))
        except DeviceError as exc:
            self._host.message(BannerLevel.ERROR, describe(exc))
            return
        self._host.audit("kiosk.maintenance.print_test")
        self.print_button.setEnabled(False)
        self._host.message(BannerLevel.INFO, QCoreApplication.translate("ServicePanel", "正在打印测试页…"))
        self.ctx.devices.print_receipt(
            receipt,
            on_done=while_alive(self, self._on_printed),
            on_error=while_alive(self, self._on_print_failed),
        )

    def _on_printed(self, _result: object) -> None:
        self.print_button.setEnabled(True)
        self._host.message(
            BannerLevel.SUCCESS,
            QCoreApplication.translate("ServicePanel", "测试页已打印：中文、二维码和条码都应清楚。"),
        )

    def _on_print_failed(self, error: BaseException) -> None:
        self.print_button.setEnabled(True)
        self._host.message(
            BannerLevel.ERROR,
            fill(
                QCoreApplication.translate(
                    "ServicePanel", "测试页没有打印出来：%1。请检查纸张和连线后再试。"
                ),
                describe(error),
            ),
        )

    # -- sync ----------------------------------------------------------------------------------

    def _refresh_store_facts(self) -> None:
        self.ctx.operations.run_store(self, read_store_facts, self._show_store_facts, self._on_facts_failed)

    def _show_store_facts(self, facts: StoreFacts) -> None:
        self.identity.setText(
            fill(
                QCoreApplication.translate("ServicePanel", "%1\n本机标识 %2"), self._identity, facts.device_id
            )
        )
        sync = self.ctx.sync
        if sync is None:
            online = QCoreApplication.translate("ServicePanel", "本机未登记到政务服务平台，只能离线服务")
        elif sync.online is None:
            online = QCoreApplication.translate("ServicePanel", "尚未连上平台")
        elif sync.online:
            online = QCoreApplication.translate("ServicePanel", "在线")
        else:
            online = QCoreApplication.translate("ServicePanel", "离线（联网后自动上传）")
        status = facts.status
        last = (
            datetime.fromisoformat(status.last_success_at).strftime("%Y-%m-%d %H:%M:%S")
            if status.last_success_at
            else QCoreApplication.translate("ServicePanel", "从未")
        )
        text = fill(
            QCoreApplication.translate("ServicePanel", "平台连接：%1\n待上传：%2 条\n上次同步成功：%3"),
            online,
            facts.pending,
            last,
        )
        if status.last_error_message and (status.last_success_at or "") < (status.last_error_at or ""):
            text += fill(
                QCoreApplication.translate("ServicePanel", "\n上次出错：%1"), status.last_error_message
            )
        self.sync_label.setText(text)
        self.sync_label.setAccessibleName(text)

    def _on_facts_failed(self, error: BaseException) -> None:
        logger.warning("maintenance: reading the store failed: %s", getattr(error, "detail", error))
        self.sync_label.setText(
            fill(
                QCoreApplication.translate("ServicePanel", "本机数据读取失败：%1"),
                describe(error),
            )
        )

    def _on_sync_clicked(self) -> None:
        if self.ctx.sync is None:
            return
        self._host.audit("kiosk.maintenance.sync_now")
        self.ctx.sync.sync_now()
        self._host.message(
            BannerLevel.INFO, QCoreApplication.translate("ServicePanel", "已开始同步，完成后这里会更新。")
        )

    def _on_operation_did_execute(self, changes: Changes, _initiator: object) -> None:
        """A case taken in, a round ended: the outbox count and the last round's outcome again."""
        if self.isVisible() and (changes.outbox or changes.sync_status):
            self._refresh_store_facts()
