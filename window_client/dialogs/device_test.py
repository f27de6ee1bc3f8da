"""``DeviceTestDialog``: one device's address and health, a 测试 button, and a live test for its role."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.masking import mask_id_number, mask_name
from devices.camera import CapturedPage
from devices.errors import DeviceError
from devices.id_reader import IdCard
from devices.manager import DeviceHealth
from devices.printer import PrintResult
from devices.printer.profiles import profile_for_uri
from devices.printer.testpage import printer_test_receipt
from devices.qr import ScanResult
from devices.qr.payloads import PayloadKind, classify_payload
from devices.uri import parse_device_uri
from qtkit.i18n import fill
from qtkit.messages import describe
from qtkit.operations import while_alive
from qtkit.theme import current_scale
from qtkit.widgets.device_status import health_kind, role_label
from qtkit.widgets.icons import status_pixmap
from window_client.context import WindowContext

THUMBNAIL_PX = 240
# The ID reader and the scanner are read by their own threads all the time; probing them would
# open their port a second time and steal their bytes, so their 测试 shows the live state and the
# real test is a card placed or a code scanned. Printer and camera are probed on their owner
# thread (devices.manager.DeviceManager.check).
_PROBED = ("printer", "camera")


class DeviceTestDialog(QDialog):
    """Lives on the GUI thread; every device call goes through the DeviceBridge (its owner threads)."""

    def __init__(self, ctx: WindowContext, role: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.role = role
        scale = current_scale()
        name = role_label(role)
        title = fill(QCoreApplication.translate("DeviceTestDialog", "外设测试：%1"), name)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setMinimumWidth(scale.touch_px * 10)
        layout = QVBoxLayout(self)
        layout.setSpacing(scale.spacing_px * 2)

        form = QFormLayout()
        self.uri_label = QLabel(self)
        self.uri_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.uri_label.setWordWrap(True)
        self._health_icon = QLabel(self)
        self.health_label = QLabel(self)
        self.health_label.setWordWrap(True)
        health_row = QHBoxLayout()
        health_row.addWidget(self._health_icon)
        health_row.addWidget(self.health_label, 1)
        form.addRow(QCoreApplication.translate("DeviceTestDialog", "设备地址"), self.uri_label)
        form.addRow(QCoreApplication.translate("DeviceTestDialog", "状态"), health_row)
        layout.addLayout(form)

        test_row = QHBoxLayout()
        self.test_button = QPushButton(QCoreApplication.translate("DeviceTestDialog", "测试"), self)
        self.test_button.setAccessibleName(
            fill(QCoreApplication.translate("DeviceTestDialog", "测试%1"), name)
        )
        self.test_button.clicked.connect(self._on_test_clicked)
        self.test_result = QLabel(self)
        self.test_result.setWordWrap(True)
        self.test_result.setProperty("role", "muted")
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.test_result, 1)
        layout.addLayout(test_row)

        self.live_box = QGroupBox(QCoreApplication.translate("DeviceTestDialog", "实际测试"), self)
        live = QVBoxLayout(self.live_box)
        self.live_hint = QLabel(self.live_box)
        self.live_hint.setWordWrap(True)
        self.live_hint.setProperty("role", "muted")
        self.live_result = QLabel(self.live_box)
        self.live_result.setWordWrap(True)
        self.live_result.setTextFormat(Qt.TextFormat.PlainText)
        self.live_button = QPushButton(self.live_box)
        self.thumbnail = QLabel(self.live_box)
        self.thumbnail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thumbnail.setVisible(False)
        live.addWidget(self.live_hint)
        live.addWidget(self.live_button, 0, Qt.AlignmentFlag.AlignLeft)
        live.addWidget(self.live_result)
        live.addWidget(self.thumbnail)
        layout.addWidget(self.live_box)

        self.close_button = QPushButton(QCoreApplication.translate("DeviceTestDialog", "关闭"), self)
        self.close_button.setAccessibleName(QCoreApplication.translate("DeviceTestDialog", "关闭测试面板"))
        self.close_button.setDefault(True)
        self.close_button.clicked.connect(self.accept)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        layout.addLayout(bottom)
        QWidget.setTabOrder(self.test_button, self.live_button)
        QWidget.setTabOrder(self.live_button, self.close_button)

        self._set_up_live_test()
        devices = ctx.devices
        devices.device_health_changed.connect(self._on_device_health_changed)
        self._show_uri()
        current = next((h for h in devices.health() if h.role == role), DeviceHealth(role, "", None, ""))
        self._show_health(current)

    # -- the role's live test ------------------------------------------------------------------

    def _set_up_live_test(self) -> None:
        self.live_button.setVisible(self.role in ("printer", "camera"))
        self.live_result.setAccessibleName(QCoreApplication.translate("DeviceTestDialog", "测试结果"))
        if self.role == "id_reader":
            self.live_hint.setText(
                QCoreApplication.translate(
                    "DeviceTestDialog", "把身份证放在阅读器上：读到的证件显示在下面（部分信息已隐藏）。"
                )
            )
            self._ctx.devices.card_read.connect(self._on_card_read)
        elif self.role == "scanner":
            self.live_hint.setText(
                QCoreApplication.translate(
                    "DeviceTestDialog", "用扫码枪扫任意条码或二维码：扫到的内容显示在下面。"
                )
            )
            self._ctx.devices.code_scanned.connect(self._on_code_scanned)
            wedge = self._ctx.wedge
            if wedge is not None:  # a keyboard-wedge scanner has no port: its scans come through the filter
                wedge.scanned.connect(self._on_wedge_scanned)
        elif self.role == "printer":
            self.live_hint.setText(
                QCoreApplication.translate(
                    "DeviceTestDialog", "打印一张测试页：中文、生僻字、二维码和条码都应清楚。"
                )
            )
            self.live_button.setText(QCoreApplication.translate("DeviceTestDialog", "打印测试页"))
            self.live_button.clicked.connect(self._on_print_clicked)
        elif self.role == "camera":
            self.live_hint.setText(
                QCoreApplication.translate(
                    "DeviceTestDialog", "放一页材料在高拍仪下，拍一张看看是否清楚、摆正。"
                )
            )
            self.live_button.setText(QCoreApplication.translate("DeviceTestDialog", "拍摄一页"))
            self.live_button.clicked.connect(self._on_capture_clicked)
        self.live_button.setAccessibleName(self.live_button.text())

    def _on_card_read(self, card: IdCard) -> None:
        name, number = card.display_name, card.id_number
        self._show_live(
            fill(
                QCoreApplication.translate("DeviceTestDialog", "读到证件：%1　%2（%3）"),
                mask_name(name),
                mask_id_number(number),
                datetime.now().strftime("%H:%M:%S"),
            )
        )

    def _on_code_scanned(self, scan: ScanResult) -> None:
        self._show_scan(scan.text, scan.format)

    def _on_wedge_scanned(self, text: str) -> None:
        self._show_scan(text, QCoreApplication.translate("DeviceTestDialog", "键盘模式"))

    def _show_scan(self, text: str, code_format: str) -> None:
        payload = classify_payload(text, code_format or "QRCODE")
        if payload.kind is PayloadKind.TONGBAN_RECEIPT:
            what = QCoreApplication.translate("DeviceTestDialog", "通办受理回执")
        elif payload.kind is PayloadKind.BIRTH_CERTIFICATE:
            what = QCoreApplication.translate("DeviceTestDialog", "出生医学证明编号")
        else:
            what = QCoreApplication.translate("DeviceTestDialog", "其他条码")
        self._show_live(
            fill(
                QCoreApplication.translate("DeviceTestDialog", "扫到（%1，%2）：%3"), code_format, what, text
            )
        )

    def _on_print_clicked(self) -> None:
        uri = self._ctx.devices.manager.uri("printer")
        if uri is None:
            self._show_live(QCoreApplication.translate("DeviceTestDialog", "小票打印机未配置或还没有就绪。"))
            return
        try:
            receipt = printer_test_receipt(uri, profile_for_uri(parse_device_uri(uri)))
        except DeviceError as exc:
            self._show_live(describe(exc))
            return
        self.live_button.setEnabled(False)
        self._show_live(QCoreApplication.translate("DeviceTestDialog", "正在打印…"))
        self._ctx.devices.print_receipt(
            receipt,
            on_done=while_alive(self, self._on_printed),
            on_error=while_alive(self, self._on_live_failed),
        )

    def _on_printed(self, result: PrintResult) -> None:
        self.live_button.setEnabled(True)
        sent = result.bytes_sent
        self._show_live(
            fill(QCoreApplication.translate("DeviceTestDialog", "测试页已打印（%1 字节）。"), sent)
        )

    def _on_capture_clicked(self) -> None:
        self.live_button.setEnabled(False)
        self._show_live(QCoreApplication.translate("DeviceTestDialog", "正在拍摄…"))
        self._ctx.devices.capture_page(
            on_done=while_alive(self, self._on_page_captured),
            on_error=while_alive(self, self._on_live_failed),
        )

    def _on_page_captured(self, page: CapturedPage) -> None:
        self.live_button.setEnabled(True)
        pixmap = QPixmap()
        pixmap.loadFromData(page.jpeg)
        if not pixmap.isNull():
            side = THUMBNAIL_PX
            self.thumbnail.setPixmap(
                pixmap.scaled(
                    side, side, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
                )
            )
            self.thumbnail.setVisible(True)
        width, height = getattr(page, "width", 0), getattr(page, "height", 0)
        found = getattr(page, "found_page", False)
        text = fill(QCoreApplication.translate("DeviceTestDialog", "已拍摄 %1×%2。"), width, height)
        if not found:
            text += QCoreApplication.translate(
                "DeviceTestDialog", "没有找到纸张边缘，请把材料放正、放在画面中间。"
            )
        self._show_live(text)
        self.thumbnail.setAccessibleName(text)

    def _on_live_failed(self, error: BaseException) -> None:
        self.live_button.setEnabled(True)
        self._show_live(fill(QCoreApplication.translate("DeviceTestDialog", "没有成功：%1"), describe(error)))

    def _show_live(self, text: str) -> None:
        self.live_result.setText(text)
        self.live_result.setAccessibleDescription(text)

    # -- health and the 测试 button -------------------------------------------------------------

    def _on_test_clicked(self) -> None:
        if self.role not in _PROBED:
            current = next((h for h in self._ctx.devices.health() if h.role == self.role), None)
            if current is not None:
                self._show_health(current)
            self._show_test(self._verdict(current) if current else "")
            return
        self.test_button.setEnabled(False)
        self.test_result.setText(QCoreApplication.translate("DeviceTestDialog", "正在检测…"))
        future = self._ctx.devices.check(self.role)
        self._ctx.runner.follow(
            future,
            on_done=while_alive(self, self._on_checked),
            on_error=while_alive(self, self._on_check_failed),
        )

    def _on_checked(self, health: DeviceHealth) -> None:
        self.test_button.setEnabled(True)
        self._show_health(health)
        self._show_test(self._verdict(health))

    def _on_check_failed(self, error: BaseException) -> None:
        self.test_button.setEnabled(True)
        self._show_test(
            fill(QCoreApplication.translate("DeviceTestDialog", "检测没有完成：%1"), describe(error))
        )

    def _show_test(self, text: str) -> None:
        stamped = fill(
            QCoreApplication.translate("DeviceTestDialog", "%1（%2 检测）"),
            text,
            datetime.now().strftime("%H:%M:%S"),
        )
        self.test_result.setText(stamped)
        self.test_result.setAccessibleName(stamped)

    def _on_device_health_changed(self, health: DeviceHealth) -> None:
        if health.role == self.role:
            self._show_health(health)

    def _health_text(self, health: DeviceHealth) -> str:
        return (
            describe(health) if health.message else QCoreApplication.translate("DeviceTestDialog", "等待检测")
        )

    def _verdict(self, health: DeviceHealth) -> str:
        return fill(
            QCoreApplication.translate("DeviceTestDialog", "%1：%2"),
            self._state_word(health),
            self._health_text(health),
        )

    def _state_word(self, health: DeviceHealth) -> str:
        if health.ok is None:
            return QCoreApplication.translate("DeviceTestDialog", "未配置")
        if health.ok:
            return QCoreApplication.translate("DeviceTestDialog", "正常")
        return QCoreApplication.translate("DeviceTestDialog", "故障")

    def _show_health(self, health: DeviceHealth) -> None:
        self._health_icon.setPixmap(status_pixmap(health_kind(health), current_scale().icon_px))
        text = self._health_text(health)
        self.health_label.setText(text)  # the icon's colour and shape say 正常 / 故障 / 未配置
        self.health_label.setAccessibleName(
            fill(QCoreApplication.translate("DeviceTestDialog", "%1，%2"), self._state_word(health), text)
        )
        self.health_label.setToolTip(health.detail)

    def _show_uri(self) -> None:
        configured = self._ctx.config.devices.get(self.role, "")
        resolved = self._ctx.devices.manager.uri(self.role) or ""
        if not configured and not resolved:
            text = QCoreApplication.translate(
                "DeviceTestDialog", "未配置（在设备配置文件的 [devices] 中设置）"
            )
        elif resolved and configured.startswith("sim"):
            text = fill(QCoreApplication.translate("DeviceTestDialog", "模拟器（%1）"), resolved)
        else:
            text = configured or resolved
        self.uri_label.setText(text)
        self.uri_label.setAccessibleName(
            fill(QCoreApplication.translate("DeviceTestDialog", "设备地址：%1"), text)
        )
