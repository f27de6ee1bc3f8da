"""预约取号: the 取号 screen's page for a citizen who booked — scan the appointment QR or type its code.

The hall server alone knows the appointments (sync/server/appointments.py): it checks the code and
answers the Y-lane ticket with the appointment's own service, slot and applicant, the same ticket
again if it was redeemed before. When the hall server does not answer, nothing here can check an
appointment: the page says so and offers the ordinary ticket. The code's check digit and the QR's
check are core/queue/appointment.py's, so a typo or a foreign QR is refused before any request.
Lives on the GUI thread, inside kiosk/screens/ticket.py's TicketScreen.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import Final

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from core.errors import TongbanError, ValidationError
from core.queue.appointment import (
    CODE_LENGTH,
    called_from,
    parse_appointment_code,
    parse_appointment_qr,
)
from core.queue.ledger import instant
from core.queue.model import QueueRules, Ticket
from kiosk.keypad import Keypad, KeypadKind
from kiosk.screens.base import KioskScreen
from kiosk.screens.ticket_issue import Taken, hall_unreachable, redeem_online
from qtkit.i18n import fill
from qtkit.messages import describe
from qtkit.operations import while_alive
from qtkit.widgets.banner import BannerLevel

logger = logging.getLogger(__name__)

CHECK_WAIT_MS: Final = 15_000  # longer than the net worker's connect + read timeouts (kiosk/context.py)


def appointment_note(ticket: Ticket, rules: QueueRules, now: datetime) -> str | None:
    """For an appointment ticket taken before its calls begin: when it will be called."""
    if not ticket.slot:
        return None
    slot = instant(ticket.slot).astimezone(now.tzinfo)
    start = called_from(slot, rules)
    if now >= start:
        return None
    return fill(
        QCoreApplication.translate("AppointmentPage", "您预约的时段是 %1，约 %2 起叫号，请在等候区留意"),
        f"{slot:%H:%M}",
        f"{start:%H:%M}",
    )


class AppointmentPage(QWidget):
    """The keypad, the scan hint, and the way back to an ordinary ticket. GUI thread, one session."""

    def __init__(
        self, screen: KioskScreen, on_taken: Callable[[Taken], None], on_ordinary: Callable[[], None]
    ) -> None:
        super().__init__(screen)
        self.host = screen
        self._on_taken = on_taken
        scale = screen.scale
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(scale.spacing_px * 2)
        self.hint = screen.big_label(
            fill(
                QCoreApplication.translate(
                    "AppointmentPage", "请把预约二维码对准扫码口，或在下方输入 %1 位预约码。"
                ),
                str(CODE_LENGTH),
            ),
            size=scale.heading_pt,
        )
        layout.addWidget(self.hint)
        self.offline_label = screen.big_label(
            QCoreApplication.translate("AppointmentPage", "预约需联网核验，您可先取普通号。"),
            size=scale.title_pt,
        )
        self.offline_label.setObjectName("appointment-offline")
        self.offline_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.offline_label)
        self.keypad = Keypad(KeypadKind.DIGITS, CODE_LENGTH, self, scale=scale)
        self.keypad.setAccessibleName(QCoreApplication.translate("AppointmentPage", "预约码"))
        self.keypad.text_changed.connect(self._on_text_changed)
        layout.addWidget(self.keypad)
        self.confirm_button = screen.big_button(
            QCoreApplication.translate("AppointmentPage", "确认预约码，取号"),
            self._on_confirm_clicked,
            primary=True,
        )
        self.confirm_button.setObjectName("appointment-confirm")
        self.confirm_button.setMinimumHeight(int(scale.touch_px * 1.4))
        layout.addWidget(self.confirm_button)
        self.ordinary_button = screen.big_button(
            QCoreApplication.translate("AppointmentPage", "没有预约或预约已失效：取普通号"),
            partial(self._on_ordinary_clicked, on_ordinary),
        )
        self.ordinary_button.setObjectName("appointment-ordinary")
        self.ordinary_button.setMinimumHeight(int(scale.touch_px * 1.4))
        layout.addWidget(self.ordinary_button)
        layout.addStretch(1)

    def _on_ordinary_clicked(self, on_ordinary: Callable[[], None]) -> None:
        self.host.clear_message()
        on_ordinary()

    @staticmethod
    def entry_button(screen: KioskScreen, slot: Callable[[], None]) -> QWidget:
        """The "预约取号" button the 取号 pages show."""
        button = screen.big_button(
            QCoreApplication.translate("AppointmentPage", "已在网上预约：预约取号"), slot
        )
        button.setObjectName("ticket-appointment")
        button.setMinimumHeight(int(screen.scale.touch_px * 1.3))
        return button

    def open(self) -> None:
        """Shown afresh: an empty code, and at once the offline answer when the hall is known down."""
        self.keypad.clear()
        self._set_offline(self._offline())

    def _offline(self) -> bool:
        sync = self.host.ctx.sync
        return sync is None or sync.online is False  # not enrolled, or known to be offline

    def _set_offline(self, offline: bool) -> None:
        self.offline_label.setVisible(offline)
        self.keypad.setVisible(not offline)
        self.confirm_button.setVisible(not offline)
        self.hint.setVisible(not offline)
        if offline:
            self.host.nav.say(self.offline_label.text())

    def _on_text_changed(self, text: str) -> None:
        self.confirm_button.setEnabled(len(text) == CODE_LENGTH)
        self.host.clear_message()

    def _on_confirm_clicked(self) -> None:
        try:
            code = parse_appointment_code(self.keypad.text())
        except ValidationError as exc:
            self.host.show_message(BannerLevel.ERROR, describe(exc))
            return
        self.redeem(code)

    def scanned(self, text: str) -> None:
        """A scanned TY<n>: QR; a foreign or misread one is refused with a Chinese message."""
        self.open()
        try:
            code = parse_appointment_qr(text)
        except ValidationError as exc:
            self.host.show_message(BannerLevel.ERROR, describe(exc))
            return
        self.keypad.set_text(code)
        self.redeem(code)

    def redeem(self, code: str) -> None:
        if self._offline():
            self._set_offline(True)
            return
        waiting = self.host.nav.wait(
            QCoreApplication.translate("AppointmentPage", "正在核验预约，请稍候…"),
            timeout_ms=CHECK_WAIT_MS,
            cancellable=False,
            on_give_up=lambda _reason: self._set_offline(True),
        )
        self.host.ctx.online_call(
            partial(redeem_online, code),
            on_done=waiting.guard(while_alive(self, self._redeemed)),
            on_error=waiting.guard(while_alive(self, self._failed)),
        )

    def _redeemed(self, taken: Taken) -> None:
        self._on_taken(taken)
        if taken.again:
            self.host.show_message(
                BannerLevel.INFO,
                QCoreApplication.translate(
                    "AppointmentPage", "这个预约已经取过号，这是原来的号码，凭条重新打印。"
                ),
            )

    def _failed(self, error: BaseException) -> None:
        if hall_unreachable(error):
            logger.info("hall server not reached (%s): no appointment check", getattr(error, "detail", error))
            self._set_offline(True)
            return
        logger.info("appointment refused: %s", getattr(error, "detail", error))
        reason = describe(error) if isinstance(error, TongbanError) else ""
        self.host.show_message(
            BannerLevel.ERROR,
            reason or QCoreApplication.translate("AppointmentPage", "暂时无法核验预约，您可先取普通号。"),
        )
