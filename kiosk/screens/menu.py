"""The service menu: who is identified (masked) and one big button per service of this kiosk."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from core.flows.kiosk import SERVICES_BY_MODE, Service
from kiosk.screens.base import KioskScreen, Navigator
from kiosk.screens.labels import service_hint, service_label
from qtkit.i18n import fill

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from kiosk.context import KioskContext
from qtkit.widgets.big_button import BigButton


class MenuScreen(KioskScreen):
    """One decision: which service. Lives on the GUI thread, for one session."""

    name = "menu"
    show_back = False

    def __init__(self, ctx: KioskContext, nav: Navigator, parent: QWidget | None = None) -> None:
        super().__init__(ctx, nav, parent)
        self.set_title(QCoreApplication.translate("MenuScreen", "请选择要办理的业务"))
        self.who = self.big_label(role="who")
        self.body.addWidget(self.who)
        self.buttons: dict[Service, BigButton] = {}
        for service in SERVICES_BY_MODE[ctx.mode]:  # a session's services (built before its session)
            text = f"{service_label(service)}\n{service_hint(service)}"
            button = self.big_button(text, partial(self.nav.start_service, service.value), primary=True)
            button.setAccessibleName(service_label(service))
            button.setAccessibleDescription(service_hint(service))
            button.setMinimumHeight(int(self.scale.touch_px * 1.8))
            self.buttons[service] = button
            self.body.addWidget(button)
        # 办事指南 is no service of a case: anyone may look, no identity asked, nothing rated.
        guide = QCoreApplication.translate("MenuScreen", "办事指南")
        hint = QCoreApplication.translate("MenuScreen", "查看办事条件、材料、时限和地点，可打印")
        self.guide_button = self.big_button(f"{guide}\n{hint}", partial(self.nav.show_screen, "guide"))
        self.guide_button.setObjectName("menu-guide")
        self.guide_button.setAccessibleName(guide)
        self.guide_button.setAccessibleDescription(hint)
        self.guide_button.setMinimumHeight(int(self.scale.touch_px * 1.8))
        self.body.addWidget(self.guide_button)
        # 我什么时候退休: a look-up under the 2025 law, from the ID card or a typed birth month.
        retire = QCoreApplication.translate("MenuScreen", "我什么时候退休")
        hint = QCoreApplication.translate("MenuScreen", "按出生年月查法定退休年龄和退休时间")
        self.retirement_button = self.big_button(
            f"{retire}\n{hint}", partial(self.nav.show_screen, "retirement_age")
        )
        self.retirement_button.setObjectName("menu-retirement")
        self.retirement_button.setAccessibleName(retire)
        self.retirement_button.setAccessibleDescription(hint)
        self.retirement_button.setMinimumHeight(int(self.scale.touch_px * 1.8))
        self.body.addWidget(self.retirement_button)
        self.body.addStretch(1)

    def enter(self) -> None:
        session = self.nav.session
        if session.citizen is not None:
            citizen = session.citizen
            text = fill(
                QCoreApplication.translate("MenuScreen", "您好，%1（证件号 %2）"),
                citizen.masked_name,
                citizen.masked_id,
            )
        elif session.case_ref is not None:
            text = QCoreApplication.translate("MenuScreen", "已读取受理回执。办理其他业务请放身份证。")
        else:
            text = QCoreApplication.translate(
                "MenuScreen", "办理前请放身份证，或扫描受理回执上的二维码、电子社保卡。"
            )
        self.who.setText(text)
        self.who.setAccessibleName(text)

    def prompt(self) -> str:
        return QCoreApplication.translate("MenuScreen", "请选择要办理的业务。")
