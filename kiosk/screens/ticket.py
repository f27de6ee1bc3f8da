"""取号 at the kiosk: by ID card (the window can call up the person) or without, a matter, a priority
claim if any, the ticket printed, the number shown large — then back to the attract screen.

Pages: 刷身份证 or 不刷身份证取号 (only when nobody is identified yet) → what to do (the catalog's
"一件事", core/flows/kiosk_ticket.py) → 优先办理 (the rules' claims; skipped when the card already
makes the citizen priority by age) → the number. 预约取号 (a scanned appointment QR, or the button
on the first pages) checks the appointment with the hall server instead (ticket_appointment.py). The ticket comes from the hall server, or from this
kiosk's offline slot when the server does not answer (kiosk/screens/ticket_issue.py). Lives on the
GUI thread, for one session.
"""

from __future__ import annotations

import logging
from functools import partial
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from core.errors import TongbanError
from core.flows.kiosk_ticket import TicketChoice, TicketRequest, ticket_choices, ticket_request
from core.queue.appointment import looks_like_appointment_qr
from core.queue.model import Priority, load_queue_rules
from core.queue.paper import ticket_paper
from devices.errors import DeviceError
from kiosk.screens.base import KioskScreen, Navigator
from kiosk.screens.ticket_appointment import AppointmentPage, appointment_note
from kiosk.screens.ticket_done import NumberPage
from kiosk.screens.ticket_issue import Taken, hall_unreachable, issue_offline, take_online
from qtkit.i18n import fill
from qtkit.messages import describe
from qtkit.operations import while_alive
from qtkit.widgets.banner import BannerLevel
from qtkit.widgets.big_button import BigButton

if TYPE_CHECKING:
    from core.flows.intake import CardData
    from devices.qr import ScanResult
    from kiosk.context import KioskContext

logger = logging.getLogger(__name__)

TAKE_WAIT_MS: Final = 15_000  # longer than the net worker's connect + read timeouts (kiosk/context.py)
PRINT_WAIT_MS: Final = 30_000
PER_PAGE: Final = 8
PER_PAGE_ELDERLY: Final = 6


class TicketScreen(KioskScreen):
    """One ticket for one citizen. GUI thread, one session."""

    name = "ticket"

    def __init__(self, ctx: KioskContext, nav: Navigator, parent: QWidget | None = None) -> None:
        super().__init__(ctx, nav, parent)
        self.set_title(QCoreApplication.translate("TicketScreen", "取号排队"))
        self.rules = load_queue_rules()
        self.choices = ticket_choices(ctx.catalog)
        self.per_page = PER_PAGE_ELDERLY if self.scale.name == "elderly" else PER_PAGE
        self.page_no = 0
        self.anonymous = False
        self.choice: TicketChoice | None = None
        self.taken: Taken | None = None
        self.pages = QStackedWidget(self)
        self.body.addWidget(self.pages, 1)
        self._build_identify_page()
        self._build_service_page()
        self._build_claim_page()
        self.done_page = NumberPage(self, partial(self.nav.show_screen, "menu"), self._on_finish_clicked)
        self.pages.addWidget(self.done_page)
        page = self.done_page
        self.number_label, self.done_service, self.ahead_label = page.number, page.service, page.ahead
        self.done_note, self.more_button, self.finish_button = page.note, page.more_button, page.finish_button
        self.appointment_page = AppointmentPage(self, self._taken, self.enter)
        self.pages.addWidget(self.appointment_page)
        self._leave = QTimer(self)
        self._leave.setSingleShot(True)
        self._leave.timeout.connect(self._on_leave_timeout)

    # -- pages -------------------------------------------------------------------------------

    def _page(self) -> tuple[QWidget, QVBoxLayout]:
        page = QWidget(self.pages)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(self.scale.spacing_px * 2)
        self.pages.addWidget(page)
        return page, layout

    def _build_identify_page(self) -> None:
        self.identify_page, layout = self._page()
        layout.addWidget(
            self.big_label(
                QCoreApplication.translate(
                    "TicketScreen",
                    "请把身份证放在读卡区：窗口叫到您的号时，可以直接调出您的信息，不用再填写。",
                ),
                size=self.scale.title_pt,
            )
        )
        self.anonymous_button = self.big_button(
            QCoreApplication.translate("TicketScreen", "不刷身份证取号"), self._on_anonymous_clicked
        )
        self.anonymous_button.setObjectName("ticket-anonymous")
        self.anonymous_button.setMinimumHeight(int(self.scale.touch_px * 1.5))
        layout.addWidget(self.anonymous_button)
        layout.addWidget(AppointmentPage.entry_button(self, self.open_appointment))
        layout.addStretch(1)

    def _build_service_page(self) -> None:
        self.service_page, layout = self._page()
        self.who = self.big_label(role="who")
        layout.addWidget(self.who)
        layout.addWidget(AppointmentPage.entry_button(self, self.open_appointment))
        layout.addWidget(
            self.big_label(
                QCoreApplication.translate("TicketScreen", "请选择要办理的事项："), size=self.scale.heading_pt
            )
        )
        self.choice_buttons: list[BigButton] = []
        for index in range(self.per_page):
            button = self.big_button("", partial(self._on_choice_clicked, index))
            button.setMinimumHeight(int(self.scale.touch_px * 1.6))
            self.choice_buttons.append(button)
            layout.addWidget(button)
        layout.addStretch(1)
        pager = QHBoxLayout()
        self.previous_button = self.big_button(
            QCoreApplication.translate("TicketScreen", "上一页"), partial(self._turn, -1)
        )
        self.next_button = self.big_button(
            QCoreApplication.translate("TicketScreen", "下一页"), partial(self._turn, 1)
        )
        self.page_label = self.big_label()
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        pager.addWidget(self.previous_button)
        pager.addWidget(self.page_label, 1)
        pager.addWidget(self.next_button)
        layout.addLayout(pager)

    def _build_claim_page(self) -> None:
        self.claim_page, layout = self._page()
        self.claim_choice = self.big_label(size=self.scale.heading_pt)
        layout.addWidget(self.claim_choice)
        layout.addWidget(
            self.big_label(
                QCoreApplication.translate(
                    "TicketScreen", "您是否属于以下可以优先办理的情形？选择后，到窗口时请向工作人员出示证件。"
                )
            )
        )
        self.claim_buttons: dict[str, BigButton] = {}
        for claim in self.rules.claims:
            text = fill(QCoreApplication.translate("TicketScreen", "%1\n请出示：%2"), claim.name, claim.proof)
            button = self.big_button(text, partial(self._take, claim.id))
            button.setAccessibleName(claim.name)
            button.setMinimumHeight(int(self.scale.touch_px * 1.6))
            self.claim_buttons[claim.id] = button
            layout.addWidget(button)
        self.no_claim_button = self.big_button(
            QCoreApplication.translate("TicketScreen", "都不是，直接取号"),
            partial(self._take, None),
            primary=True,
        )
        self.no_claim_button.setObjectName("ticket-no-claim")
        self.no_claim_button.setMinimumHeight(int(self.scale.touch_px * 1.6))
        layout.addWidget(self.no_claim_button)
        layout.addStretch(1)

    # -- entering and moving -----------------------------------------------------------------

    def enter(self) -> None:
        self._leave.stop()
        self._show_bar(True)
        self.taken = None
        self.choice = None
        self._refresh_who()
        if self.nav.session.citizen is None and not self.anonymous:
            self.pages.setCurrentWidget(self.identify_page)
        else:
            self._show_choices()

    def prompt(self) -> str:
        if self.pages.currentWidget() is self.identify_page:
            return QCoreApplication.translate("TicketScreen", "请放身份证取号，或点“不刷身份证取号”。")
        return QCoreApplication.translate("TicketScreen", "请选择要办理的事项。")

    def go_back(self) -> None:
        if self.pages.currentWidget() is self.claim_page:
            self._show_choices()
        elif self.pages.currentWidget() is self.appointment_page:
            self.enter()
        else:
            self.nav.show_screen("menu")

    def on_card(self, card: CardData) -> bool:
        # The identity desk identifies the citizen (or ends this session for another person's card)
        # right after this returns: look again then.
        QTimer.singleShot(0, self, self._after_card)
        return False

    def on_scan(self, scan: ScanResult) -> bool:
        if not looks_like_appointment_qr(scan.text):
            return False
        self.open_appointment()
        self.appointment_page.scanned(scan.text)
        return True

    def open_appointment(self) -> None:
        self._leave.stop()
        self._show_bar(True)
        self.clear_message()
        self.pages.setCurrentWidget(self.appointment_page)
        self.appointment_page.open()

    def _after_card(self) -> None:
        self._refresh_who()
        if self.pages.currentWidget() is self.identify_page and self.nav.session.citizen is not None:
            self._show_choices()

    def _refresh_who(self) -> None:
        citizen = self.nav.session.citizen
        if citizen is not None:
            text = fill(
                QCoreApplication.translate(
                    "TicketScreen", "%1，您好。您的号码会关联您的身份证，窗口可直接调出您的信息。"
                ),
                citizen.masked_name,
            )
        else:
            text = QCoreApplication.translate("TicketScreen", "未刷身份证取号：到窗口时请带好身份证。")
        self.who.setText(text)

    def _on_anonymous_clicked(self) -> None:
        self.anonymous = True
        self._show_choices()

    def _show_choices(self) -> None:
        pages = max(1, -(-len(self.choices) // self.per_page))
        self.page_no = min(max(self.page_no, 0), pages - 1)
        shown = self.choices[self.page_no * self.per_page : (self.page_no + 1) * self.per_page]
        for index, button in enumerate(self.choice_buttons):
            if index < len(shown):
                button.setText(f"{shown[index].name}\n{shown[index].category}")
                button.setAccessibleName(shown[index].name)
                button.setVisible(True)
            else:
                button.setVisible(False)
        self.previous_button.setEnabled(self.page_no > 0)
        self.next_button.setEnabled(self.page_no < pages - 1)
        self.page_label.setText(
            fill(
                QCoreApplication.translate("TicketScreen", "第 %1 / %2 页"), str(self.page_no + 1), str(pages)
            )
        )
        self.pages.setCurrentWidget(self.service_page)

    def _turn(self, step: int) -> None:
        self.page_no += step
        self._show_choices()

    def choice_button(self, service: str) -> BigButton:
        """The button of ``service``, turning to its page (tests and the walk-through)."""
        index = next(i for i, c in enumerate(self.choices) if c.service == service)
        self.page_no = index // self.per_page
        self._show_choices()
        return self.choice_buttons[index % self.per_page]

    def _on_choice_clicked(self, index: int) -> None:
        self.choice = self.choices[self.page_no * self.per_page + index]
        citizen = self.nav.session.citizen
        request = ticket_request(self.choice, citizen)
        if request.priority(self.rules, self.ctx.clock.now().date()) is Priority.ELDERLY:
            self._take(None)  # the card already says: priority by age, nothing to show at the window
            return
        self.claim_choice.setText(
            fill(QCoreApplication.translate("TicketScreen", "办理：%1"), self.choice.name)
        )
        self.pages.setCurrentWidget(self.claim_page)
        self.nav.say(
            QCoreApplication.translate("TicketScreen", "是否属于优先办理的情形？不属于请点“直接取号”。")
        )

    # -- taking and printing ------------------------------------------------------------------

    def _take(self, claim: str | None) -> None:
        if self.choice is None:
            return
        request = ticket_request(self.choice, self.nav.session.citizen, claim)
        sync = self.ctx.sync
        if sync is None or sync.online is False:  # not enrolled, or known to be offline: no wait
            self._issue_offline(request)
            return
        waiting = self.nav.wait(
            QCoreApplication.translate("TicketScreen", "正在取号，请稍候…"),
            timeout_ms=TAKE_WAIT_MS,
            cancellable=False,
            on_give_up=lambda _reason: self._issue_offline(request),
        )
        self.ctx.online_call(
            partial(take_online, request),
            on_done=waiting.guard(while_alive(self, self._taken)),
            on_error=waiting.guard(while_alive(self, partial(self._take_failed, request))),
        )

    def _take_failed(self, request: TicketRequest, error: BaseException) -> None:
        if hall_unreachable(error):
            logger.info("hall server not reached (%s): issuing offline", getattr(error, "detail", error))
            self._issue_offline(request)
            return
        logger.warning("ticket refused: %s", getattr(error, "detail", error))
        self._failed(error)

    def _issue_offline(self, request: TicketRequest) -> None:
        waiting = self.nav.wait(
            QCoreApplication.translate("TicketScreen", "正在取号，请稍候…"), cancellable=False
        )
        self.ctx.operations.run_store(
            self,
            partial(issue_offline, request, self.ctx.config, self.ctx.clock),
            on_done=waiting.guard(self._taken),
            on_error=waiting.guard(self._failed),
        )

    def _failed(self, error: BaseException) -> None:
        reason = describe(error) if isinstance(error, TongbanError) else ""
        self.show_message(
            BannerLevel.ERROR,
            reason or QCoreApplication.translate("TicketScreen", "暂时无法取号，请到人工窗口取号。"),
        )

    def _taken(self, taken: Taken) -> None:
        self.taken = taken
        waiting = self.nav.wait(
            QCoreApplication.translate("TicketScreen", "正在打印排队凭条，请稍候…"),
            timeout_ms=PRINT_WAIT_MS,
            cancellable=False,
            on_give_up=lambda _reason: self._show_number(
                QCoreApplication.translate("TicketScreen", "打印机没有回应")
            ),
        )
        paper = ticket_paper(taken.ticket, taken.ahead, self.ctx.config, offline=taken.offline)
        self.ctx.devices.print_receipt(
            paper,
            on_done=waiting.guard(while_alive(self, lambda _result: self._show_number(None))),
            on_error=waiting.guard(while_alive(self, self._print_failed)),
        )

    def _print_failed(self, error: BaseException) -> None:
        logger.warning("ticket not printed: %s", getattr(error, "detail", error))
        reason = describe(error) if isinstance(error, TongbanError | DeviceError) else ""
        self._show_number(reason or QCoreApplication.translate("TicketScreen", "打印机出现故障"))

    def _show_number(self, print_problem: str | None) -> None:
        taken = self.taken
        if taken is None:
            return
        ticket = taken.ticket
        self.number_label.setText(ticket.number)
        self.number_label.setAccessibleName(ticket.number)
        self.done_service.setText(
            fill(QCoreApplication.translate("TicketScreen", "办理：%1"), ticket.service_name)
        )
        note = appointment_note(ticket, self.rules, self.ctx.clock.now())
        if note is not None:
            ahead = note
        elif taken.ahead is not None:
            ahead = fill(QCoreApplication.translate("TicketScreen", "前面还有 %1 人"), str(taken.ahead))
        else:
            ahead = QCoreApplication.translate("TicketScreen", "叫号系统暂时离线：请留意窗口叫号")
        self.ahead_label.setText(ahead)
        if print_problem is None:
            note = QCoreApplication.translate("TicketScreen", "请在出纸口取走排队凭条，在等候区留意叫号。")
        else:
            note = fill(
                QCoreApplication.translate(
                    "TicketScreen",
                    "排队凭条没有打印出来（%1）。号码仍然有效，请记住您的号码 %2，叫到时到窗口报号码。",
                ),
                print_problem,
                ticket.number,
            )
        self.done_note.setText(note)
        self.pages.setCurrentWidget(self.done_page)
        self._show_bar(False)
        self.nav.say(
            fill(QCoreApplication.translate("TicketScreen", "您的号码是 %1。%2"), ticket.number, ahead)
        )
        # Back to the attract screen after as long as the inactivity countdown would give (the next
        # citizen should not find this one's number on the screen).
        self._leave.start(int(self.nav.session.policy.countdown_s * 1000))

    def _show_bar(self, shown: bool) -> None:
        """返回 and 结束办理 under the pages; on the number page its own two buttons say the same."""
        self.back_button.setVisible(shown and self.show_back)
        self.end_button.setVisible(shown and self.show_end)

    def _on_finish_clicked(self) -> None:
        self.nav.end_session()

    def _on_leave_timeout(self) -> None:
        if self.pages.currentWidget() is self.done_page:
            self.nav.end_session()
