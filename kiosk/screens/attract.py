"""The attract screen (待机页): what the kiosk offers, how to start, and 长辈版 one tap away.

It is the only screen that outlives a session, so it never shows anything of a citizen: after a
session it says only that the session ended and the information was cleared. A kiosk without a
device identity (core/config.py) may number no case: then this screen says it is out of service and
starts nothing (cards and codes neither: kiosk/identity.py asks ``in_service``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from core.flows.kiosk import SERVICES_BY_MODE, KioskMode
from kiosk.screens.labels import service_label
from qtkit.i18n import fill
from qtkit.theme import current_scale
from qtkit.widgets.big_button import BigButton

if TYPE_CHECKING:
    from kiosk.context import KioskContext

FAREWELL_MS = 8_000


class AttractScreen(QWidget):
    """Lives on the GUI thread for the kiosk's lifetime. ``start_requested(elderly)`` on a tap."""

    start_requested = Signal(bool)

    def __init__(self, ctx: KioskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.name = "attract"
        self.setObjectName("screen-attract")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        layout = QVBoxLayout(self)
        self._layout = layout
        layout.addStretch(1)
        self.title = QLabel(self)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setWordWrap(True)
        self.subtitle = QLabel(self)
        self.subtitle.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.subtitle.setWordWrap(True)
        self.services = QLabel(self)
        self.services.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.services.setWordWrap(True)
        self.start_button = BigButton("", self, primary=True)
        self.start_button.clicked.connect(self._on_start_clicked)
        self.elderly_button = BigButton("", self)
        self.elderly_button.clicked.connect(self._on_elderly_clicked)
        self.elderly_button.setVisible(self.in_service and not ctx.options.elderly)
        self.start_button.setVisible(self.in_service)
        self.notice = QLabel(self)
        self.notice.setObjectName("attract-notice")
        self.notice.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.notice.setWordWrap(True)
        self.notice.setProperty("role", "notice")
        self.notice.setVisible(False)
        self.network = QLabel(self)
        self.network.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.network.setWordWrap(True)
        for widget in (self.title, self.subtitle, self.services):
            layout.addWidget(widget)
        layout.addSpacing(current_scale().spacing_px * 3)
        layout.addWidget(self.start_button)
        layout.addWidget(self.elderly_button)
        layout.addWidget(self.notice)
        layout.addStretch(1)
        layout.addWidget(self.network)
        self._notice_timer = QTimer(self)
        self._notice_timer.setSingleShot(True)
        self._notice_timer.timeout.connect(self._on_notice_timer_timeout)
        self.rebuild_scale()
        self._retranslate()
        if ctx.sync is not None:
            ctx.sync.online_changed.connect(self._on_online_changed)

    @property
    def in_service(self) -> bool:
        """Citizens may start here: the kiosk has its identity (region code and device number)."""
        return self.ctx.config.has_identity

    def rebuild_scale(self) -> None:
        """Sizes from the theme now applied (after 长辈版 ends, or at start-up)."""
        scale = current_scale()
        margin = scale.spacing_px * 4
        self._layout.setContentsMargins(margin, margin, margin, margin)
        self._layout.setSpacing(scale.spacing_px * 2)
        for label, size, bold in (
            (self.title, scale.title_pt * 1.4, True),
            (self.subtitle, scale.heading_pt, False),
            (self.services, scale.heading_pt, False),
            (self.notice, scale.heading_pt, True),
            (self.network, scale.body_pt, False),
        ):
            font = label.font()
            font.setPointSizeF(size)
            font.setBold(bold)
            label.setFont(font)
        for button in (self.start_button, self.elderly_button):
            button.apply_scale(scale)
        self.start_button.setMinimumHeight(scale.touch_px * 2)
        font = self.start_button.font()
        font.setPointSizeF(scale.title_pt)
        self.start_button.setFont(font)
        self.elderly_button.setMinimumHeight(int(scale.touch_px * 1.5))

    def show_farewell(self, reason: str) -> None:
        """After a session: one neutral sentence (no name, no number), then the plain screen."""
        if reason == "timeout":
            text = QCoreApplication.translate(
                "AttractScreen", "长时间无操作，本次办理已自动结束，个人信息已全部清除。别忘了取走身份证。"
            )
        elif reason == "shutdown":
            return
        else:
            text = QCoreApplication.translate(
                "AttractScreen", "本次办理已结束，个人信息已全部清除。请带好身份证和打印的材料。"
            )
        self.show_notice(text)

    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setAccessibleName(text)
        self.notice.setVisible(True)
        self._notice_timer.start(FAREWELL_MS)

    def _on_notice_timer_timeout(self) -> None:
        self.notice.clear()
        self.notice.setVisible(False)

    def _on_online_changed(self, online: object) -> None:
        self._retranslate()

    def _on_start_clicked(self) -> None:
        self._start(False)

    def _on_elderly_clicked(self) -> None:
        self._start(True)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """A tap anywhere starts (nothing needs a gesture beyond a tap)."""
        super().mousePressEvent(event)
        self._start(False)

    def _start(self, elderly: bool) -> None:
        if self.in_service:
            self.start_requested.emit(elderly)

    def _retranslate(self) -> None:
        if not self.in_service:
            self._retranslate_out_of_service()
            return
        hospital = self.ctx.mode is KioskMode.HOSPITAL
        if hospital:
            title = QCoreApplication.translate("AttractScreen", "出生即参保 · 自助服务")
            subtitle = QCoreApplication.translate(
                "AttractScreen", "宝宝出生后，家长放身份证即可为宝宝办理医保参保登记"
            )
        else:
            title = QCoreApplication.translate("AttractScreen", "政务服务 24 小时自助终端")
            subtitle = QCoreApplication.translate(
                "AttractScreen", "点击屏幕开始，或直接放身份证、扫描受理回执上的二维码"
            )
        self.title.setText(title)
        self.subtitle.setText(subtitle)
        names = [service_label(service) for service in SERVICES_BY_MODE[self.ctx.mode]]
        self.services.setText(" · ".join(names))
        self.start_button.setText(QCoreApplication.translate("AttractScreen", "开始办理"))
        self.elderly_button.setText(QCoreApplication.translate("AttractScreen", "长辈版（大字、语音）"))
        self.elderly_button.setAccessibleName(
            QCoreApplication.translate("AttractScreen", "长辈版：字更大、按钮更大、有语音提示")
        )
        online = self.ctx.sync.online if self.ctx.sync is not None else False
        if online is False:
            network = QCoreApplication.translate(
                "AttractScreen", "网络暂不可用：仍可查询本机办件、自助申报，材料联网后自动上传。"
            )
        else:
            network = fill(
                QCoreApplication.translate("AttractScreen", "设备编号 %1"), self.ctx.config.device_no
            )
        self.network.setText(network)
        self.setAccessibleName(title)

    def _retranslate_out_of_service(self) -> None:
        """One plain sentence for citizens; staff read why on the maintenance panel (and the log)."""
        title = QCoreApplication.translate("AttractScreen", "本机尚未完成设置，暂停服务。请到人工窗口办理。")
        self.title.setText(title)
        for label in (self.subtitle, self.services, self.network):
            label.clear()
            label.setVisible(False)
        self.setAccessibleName(title)
