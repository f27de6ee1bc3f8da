"""Identify: place the ID card, or scan a receipt QR or an electronic social-security card code.

The window routes what the reader and scanner read (kiosk/window.py); this screen only says what
to do, and what the chosen service needs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt

from core.flows.kiosk import Service
from kiosk.screens.base import KioskScreen, Navigator
from kiosk.screens.labels import service_label
from qtkit.i18n import fill

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from kiosk.context import KioskContext


class IdentifyScreen(KioskScreen):
    """Lives on the GUI thread, for one session."""

    name = "identify"

    def __init__(self, ctx: KioskContext, nav: Navigator, parent: QWidget | None = None) -> None:
        super().__init__(ctx, nav, parent)
        self.set_title(QCoreApplication.translate("IdentifyScreen", "请核验身份"))
        self.why = self.big_label(role="why", size=self.scale.heading_pt)
        self.card_hint = self.big_label(
            QCoreApplication.translate(
                "IdentifyScreen", "① 把居民身份证平放在屏幕下方的读卡区，听到“嘀”声后稍等。"
            ),
            size=self.scale.heading_pt,
        )
        self.code_hint = self.big_label(size=self.scale.heading_pt)
        self.offline_hint = self.big_label(role="muted")
        for widget in (self.why, self.card_hint, self.code_hint, self.offline_hint):
            widget.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            self.body.addWidget(widget)
        self.body.addStretch(1)

    def enter(self) -> None:
        pending = self.nav.session.notes.get("after_identify")
        if isinstance(pending, Service):
            why = fill(
                QCoreApplication.translate("IdentifyScreen", "办理“%1”前，请先核验身份。"),
                service_label(pending),
            )
        else:
            why = QCoreApplication.translate("IdentifyScreen", "请先核验身份。")
        self.why.setText(why)
        if pending is Service.PROGRESS:
            code = QCoreApplication.translate(
                "IdentifyScreen", "② 或把受理回执上的二维码、电子社保卡二维码对准扫码口。"
            )
        else:
            code = QCoreApplication.translate("IdentifyScreen", "② 或把电子社保卡二维码对准扫码口。")
        self.code_hint.setText(code)
        if self.ctx.online:
            self.offline_hint.clear()
        else:
            self.offline_hint.setText(
                QCoreApplication.translate(
                    "IdentifyScreen", "本机暂时连不上政务服务平台：电子社保卡码暂不能使用，请用身份证。"
                )
            )

    def prompt(self) -> str:
        return QCoreApplication.translate("IdentifyScreen", "请把身份证放在读卡区。")
