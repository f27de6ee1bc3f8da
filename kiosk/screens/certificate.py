"""证明打印: choose the certificate and its purpose, check the text, print it; issued only once printed.

The steps are core.flows.certificate.CertificateTransaction, kept in the session's notes so that a
retry — after a lost answer, a jammed printer or a trip back to the menu — reuses the request id
and prints the same reserved certificate. The platform is told "printed" only after the printer
took the page; a confirmation lost to the network is retried in the background by a
CertificateConfirmer that outlives the screen (the citizen keeps the paper either way).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget
from shiboken6 import isValid

from core.errors import TongbanError
from core.flows.certificate import (
    CERTIFICATE_KINDS,
    CertificateDocument,
    CertificateStage,
    CertificateTransaction,
    Failure,
    PrintTarget,
    ReservedCertificate,
    certificate_document,
    certificate_receipt,
    receipt_fits,
)
from devices.errors import DeviceError
from kiosk.printing import print_on_system_printer
from kiosk.screens.base import KioskScreen, Navigator
from kiosk.screens.certificate_parts import CertificateConfirmer, CertificatePaper, kind_label, purpose_labels
from qtkit.i18n import fill
from qtkit.messages import describe
from qtkit.widgets.banner import BannerLevel
from qtkit.widgets.big_button import BigButton
from sync.errors import SyncTransientError

if TYPE_CHECKING:
    from kiosk.context import KioskContext
    from sync.contract import CertificateResponse

logger = logging.getLogger(__name__)

NOTE_KEY = "certificate"  # KioskSession.notes: the CertificateTransaction of this visit
ONLINE_WAIT_MS = 15_000
_NEXT_PAGE: Final = {"kind": "purpose", "purpose": "preview"}
RECEIPT_WAIT_MS = 30_000


class CertificateScreen(KioskScreen):
    """One decision per page: kind, purpose, check and print, take it. Lives on the GUI thread."""

    name = "certificate"

    def __init__(self, ctx: KioskContext, nav: Navigator, parent: QWidget | None = None) -> None:
        super().__init__(ctx, nav, parent)
        self.tx: CertificateTransaction | None = None
        self.confirm_delay_factor = 1.0
        self._kind = ""
        self.pages = QStackedWidget(self)
        self.body.addWidget(self.pages, 1)
        # Building all five pages here was ~25 ms of GUI time in one go (bench/kiosk_soak.py
        # --work). The kinds (where nearly every visit starts) and the done page are built here,
        # ahead of the session (kiosk/screens/pool.py): the done page built when the print came
        # back waited for the GIL with the A4 page still rendering on a worker (stalls of 35-58 ms
        # in the soak's trace). The purposes and the preview are built in the turn of the event
        # loop after the page before them shows, while the citizen reads; the offline page when
        # first shown.
        self._pages: dict[str, QWidget] = {}
        self._builders: dict[str, Callable[[], QWidget]] = {
            "kind": self._build_kind_page,
            "purpose": self._build_purpose_page,
            "preview": self._build_preview_page,
            "done": self._build_done_page,
            "offline": self._build_offline_page,
        }
        self._shown = ""
        self._page_widget("kind")
        self._page_widget("done")
        if ctx.sync is not None:  # the platform may answer again while a citizen reads the offline page
            ctx.sync.online_changed.connect(self._on_online_changed)

    # -- pages, each built on first use ----------------------------------------------------------

    @property
    def kind_page(self) -> QWidget:
        return self._page_widget("kind")

    @property
    def done_page(self) -> QWidget:
        return self._page_widget("done")

    @property
    def preview_page(self) -> QWidget:
        return self._page_widget("preview")

    @property
    def offline_page(self) -> QWidget:
        return self._page_widget("offline")

    def _page_widget(self, key: str) -> QWidget:
        page = self._pages.get(key)
        if page is None:
            page = self._pages[key] = self._builders[key]()
        return page

    def _page(self, lead: str) -> tuple[QWidget, QVBoxLayout]:
        page = QWidget(self.pages)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(self.scale.spacing_px * 2)
        label = self.big_label(lead, size=self.scale.heading_pt)
        label.setParent(page)
        layout.addWidget(label)
        self.pages.addWidget(page)
        return page, layout

    def _build_kind_page(self) -> QWidget:
        page, layout = self._page(
            QCoreApplication.translate("CertificateScreen", "本机可以打印以下证明，请点选：")
        )
        self.kind_buttons: dict[str, BigButton] = {}
        for kind in CERTIFICATE_KINDS:
            button = self.big_button(kind_label(kind), partial(self._on_kind_chosen, kind), primary=True)
            self.kind_buttons[kind] = button
            layout.addWidget(button)
        layout.addStretch(1)
        return page

    def _build_purpose_page(self) -> QWidget:
        page, layout = self._page(
            QCoreApplication.translate("CertificateScreen", "证明上会写明用途。请选择：")
        )
        self.purpose_buttons: dict[str, BigButton] = {}
        for purpose, text in purpose_labels().items():
            button = self.big_button(text, partial(self._on_purpose_chosen, purpose), primary=True)
            self.purpose_buttons[purpose] = button
            layout.addWidget(button)
        layout.addStretch(1)
        return page

    def _build_preview_page(self) -> QWidget:
        page, layout = self._page(
            QCoreApplication.translate("CertificateScreen", "请核对证明内容，确认无误后点“打印”。")
        )
        self.paper = CertificatePaper(self.scale)
        layout.addWidget(self.paper.in_scroll_area(page), 1)
        self.masked_hint = self.big_label(
            QCoreApplication.translate(
                "CertificateScreen", "屏幕上的证件号码部分隐藏，打印出的证明上是完整号码。"
            ),
            role="muted",
        )
        layout.addWidget(self.masked_hint)
        self.print_a4_button = self.big_button(
            QCoreApplication.translate("CertificateScreen", "打印（A4纸）"),
            self._on_print_a4_clicked,
            primary=True,
        )
        self.print_receipt_button = self.big_button(
            QCoreApplication.translate("CertificateScreen", "用小票打印"), self._on_print_receipt_clicked
        )
        layout.addWidget(self.print_a4_button)
        layout.addWidget(self.print_receipt_button)
        return page

    def _build_done_page(self) -> QWidget:
        page, layout = self._page(
            QCoreApplication.translate("CertificateScreen", "证明已打印，请从出纸口取走。")
        )
        self.done_code = self.big_label(size=self.scale.heading_pt)
        self.done_state = self.big_label(role="muted")
        layout.addWidget(self.done_code)
        layout.addWidget(self.done_state)
        layout.addStretch(1)
        self.done_button = self.big_button(
            QCoreApplication.translate("CertificateScreen", "完成"), self._on_done_clicked, primary=True
        )
        self.done_button.setAccessibleName(QCoreApplication.translate("CertificateScreen", "完成，去评价"))
        layout.addWidget(self.done_button)
        return page

    def _build_offline_page(self) -> QWidget:
        page, layout = self._page(
            QCoreApplication.translate("CertificateScreen", "证明需要联网开具，请联网后再来或到窗口办理。")
        )
        layout.addStretch(1)
        return page

    # -- KioskScreen ---------------------------------------------------------------------------

    def enter(self) -> None:
        session = self.nav.session
        citizen = session.citizen
        if citizen is None or self.ctx.sync is None or self.ctx.sync.online is False:
            self._show_page("offline")
            return
        tx = session.notes.get(NOTE_KEY)
        if not isinstance(tx, CertificateTransaction) or tx.finished or tx.id_number != citizen.id_number:
            tx = CertificateTransaction(citizen.id_number)
            session.notes[NOTE_KEY] = tx
        self.tx = tx
        if tx.stage in (CertificateStage.CONFIRMING, CertificateStage.ISSUED):
            self._show_done()
        elif tx.can_print and tx.certificate is not None:
            self._show_preview(tx.certificate)
        else:
            self._show_page("kind")

    def prompt(self) -> str:
        return self.title_label.text()

    def _on_online_changed(self, online: bool) -> None:
        if online and self.isVisible() and self._shown == "offline":
            self.enter()

    def go_back(self) -> None:
        if self._shown == "preview":
            self._show_page("purpose")
        elif self._shown == "purpose" and len(CERTIFICATE_KINDS) > 1:
            self._show_page("kind")
        else:
            self.nav.show_screen("menu")

    def _show_page(self, key: str) -> None:
        titles = {
            "kind": QCoreApplication.translate("CertificateScreen", "证明打印：选择证明"),
            "purpose": QCoreApplication.translate("CertificateScreen", "证明打印：选择用途"),
            "preview": QCoreApplication.translate("CertificateScreen", "证明打印：核对内容"),
            "done": QCoreApplication.translate("CertificateScreen", "证明打印：请取走证明"),
            "offline": QCoreApplication.translate("CertificateScreen", "证明打印"),
        }
        self.set_title(titles[key])
        self.pages.setCurrentWidget(self._page_widget(key))
        self._shown = key
        self.back_button.setVisible(key != "done")
        if self.isVisible():
            self.nav.say(self.title_label.text())
        following = _NEXT_PAGE.get(key)
        if following is not None and following not in self._pages:
            QTimer.singleShot(0, self, partial(self._page_widget, following))

    # -- choosing and reserving ----------------------------------------------------------------

    def _on_kind_chosen(self, kind: str) -> None:
        self._kind = kind
        self.clear_message()
        self._show_page("purpose")

    def _on_purpose_chosen(self, purpose: str) -> None:
        tx = self.tx
        assert tx is not None
        self.clear_message()
        try:
            tx.choose(self._kind or next(iter(CERTIFICATE_KINDS)), purpose)
            body = tx.reserve_request()
        except TongbanError as exc:
            logger.warning("certificate request not started: %s", exc.detail)
            self.show_message(BannerLevel.ERROR, describe(exc))
            return
        waiting = self.nav.wait(
            QCoreApplication.translate("CertificateScreen", "正在向政务服务平台申请开具证明…"),
            timeout_ms=ONLINE_WAIT_MS,
            on_give_up=self._on_reserve_given_up,
        )
        self.ctx.online_call(
            lambda client, _store: client.reserve_certificate(
                body["request_id"], body["kind"], body["id_number"], body["purpose"]
            ),
            on_done=waiting.guard(self._on_reserved),
            on_error=waiting.guard(self._on_reserve_failed),
        )

    def _on_reserved(self, answer: CertificateResponse) -> None:
        tx = self.tx
        assert tx is not None
        try:
            certificate = tx.reserved(answer)
        except TongbanError as exc:
            tx.reserve_failed(exc.detail)
            logger.error("certificate reservation refused: %s", exc.detail)
            self.show_message(BannerLevel.ERROR, describe(exc))
            return
        if tx.stage is CertificateStage.ISSUED:
            self._show_done()
            return
        self._show_preview(certificate)

    def _on_reserve_failed(self, exc: BaseException) -> None:
        assert self.tx is not None
        detail = str(getattr(exc, "detail", exc))
        self.tx.reserve_failed(detail)
        logger.warning("certificate not reserved: %s", detail)
        if isinstance(exc, SyncTransientError) or not isinstance(exc, TongbanError):
            text = QCoreApplication.translate(
                "CertificateScreen",
                "证明需要联网开具，本机现在连不上政务服务平台。请稍后再点一次用途重试，或到人工窗口办理。",
            )
        else:
            text = fill(
                QCoreApplication.translate("CertificateScreen", "%1 如有疑问，请到人工窗口办理。"),
                describe(exc),
            )
        self.show_message(BannerLevel.ERROR, text)

    def _on_reserve_given_up(self, reason: str) -> None:
        assert self.tx is not None
        self.tx.reserve_failed(reason)
        self.show_message(
            BannerLevel.WARNING,
            QCoreApplication.translate(
                "CertificateScreen",
                "政务服务平台没有及时回应。请再点一次用途重试（不会重复开具），或到人工窗口办理。",
            ),
        )

    def _show_preview(self, certificate: ReservedCertificate) -> None:
        assert self.tx is not None
        masked = self._document(replace(certificate, lines=certificate.preview_lines(self.tx.id_number)))
        self._page_widget("preview")
        self.paper.show_document(masked)
        self.print_receipt_button.setVisible(
            self.ctx.devices.manager.uri("printer") is not None and receipt_fits(self._document(certificate))
        )
        self._show_page("preview")

    def _document(self, certificate: ReservedCertificate) -> CertificateDocument:
        return certificate_document(
            certificate, hall_name=self.ctx.config.hall_name, printed_on=self.ctx.clock.now().date()
        )

    # -- printing ------------------------------------------------------------------------------

    def _on_print_a4_clicked(self) -> None:
        assert self.tx is not None
        document = self._document(self.tx.begin_print(PrintTarget.A4))
        waiting = self.nav.wait(
            QCoreApplication.translate("CertificateScreen", "正在打印证明，请稍候…"),
            timeout_ms=60_000,
            cancellable=False,
            on_give_up=lambda _reason: self._print_failed(
                QCoreApplication.translate("CertificateScreen", "打印机没有回应")
            ),
        )
        hook = self.ctx.print_a4 or print_on_system_printer
        # The page is drawn on a worker: QPainter may paint on a QPrinter outside the GUI thread
        # (Qt, "Thread-Support in Qt Modules": Painting in Threads), so the spinner keeps turning
        # while the page renders (6-33 ms of GUI time before). PySide6 keeps the GIL through
        # most Qt calls, QPainter.end() too (it writes the PDF or hands it to CUPS): the GUI
        # thread still waits for that one call.
        self.ctx.runner.run(
            lambda: hook(document),
            on_done=waiting.guard(self._on_a4_printed),
            on_error=waiting.guard(self._on_a4_failed),
        )

    def _on_a4_printed(self, ok: object) -> None:
        if ok is False:
            self._print_failed(self._no_print_reason())
        else:
            self._printed()

    def _on_a4_failed(self, exc: BaseException) -> None:
        # A printer driver or hook failing in any way must not end the kiosk (the runner logged it).
        reason = describe(exc) if isinstance(exc, TongbanError) else str(exc)
        self._print_failed(reason or self._no_print_reason())

    @staticmethod
    def _no_print_reason() -> str:
        return QCoreApplication.translate("CertificateScreen", "打印机没有完成打印")

    def _on_print_receipt_clicked(self) -> None:
        assert self.tx is not None
        receipt = certificate_receipt(self._document(self.tx.begin_print(PrintTarget.RECEIPT)))
        waiting = self.nav.wait(
            QCoreApplication.translate("CertificateScreen", "正在打印证明，请稍候…"),
            timeout_ms=RECEIPT_WAIT_MS,
            cancellable=False,
            on_give_up=lambda _reason: self._print_failed(
                QCoreApplication.translate("CertificateScreen", "打印机没有回应")
            ),
        )
        self.ctx.devices.print_receipt(
            receipt,
            on_done=waiting.guard(lambda _result: self._printed()),
            on_error=waiting.guard(self._on_receipt_failed),
        )

    def _on_receipt_failed(self, exc: BaseException) -> None:
        logger.warning("certificate receipt not printed: %s", getattr(exc, "detail", exc))
        reason = describe(exc) if isinstance(exc, (DeviceError, TongbanError)) else ""
        self._print_failed(reason or QCoreApplication.translate("CertificateScreen", "打印机出现故障"))

    def _print_failed(self, reason: str) -> None:
        if not isValid(self) or self.tx is None or self.tx.stage is not CertificateStage.PRINTING:
            return
        self.tx.print_failed(reason)
        self.print_a4_button.setText(QCoreApplication.translate("CertificateScreen", "重新打印（A4纸）"))
        self.print_receipt_button.setText(QCoreApplication.translate("CertificateScreen", "改用小票打印"))
        self.show_message(
            BannerLevel.ERROR,
            fill(
                QCoreApplication.translate(
                    "CertificateScreen",
                    "打印没有成功：%1。证明还没有开具，请点“重新打印”再试（不会重复开具），或到人工窗口办理。",
                ),
                reason.rstrip("。"),
            ),
        )

    def _printed(self) -> None:
        tx = self.tx
        if not isValid(self) or tx is None or tx.stage is not CertificateStage.PRINTING:
            return
        tx.print_succeeded(self.ctx.clock.now().isoformat(timespec="seconds"))
        self.clear_message()
        self._show_done()
        confirmer = CertificateConfirmer(self.ctx, tx, delay_factor=self.confirm_delay_factor)
        confirmer.confirmed.connect(self._show_confirm_state)
        confirmer.retrying.connect(self._show_confirm_state)
        confirmer.gave_up.connect(self._show_confirm_state)
        confirmer.start()

    # -- done ----------------------------------------------------------------------------------

    def _show_done(self) -> None:
        tx = self.tx
        assert tx is not None and tx.certificate is not None
        self._page_widget("done")
        self.done_code.setText(
            fill(
                QCoreApplication.translate(
                    "CertificateScreen", "证明：%1\n验证码：%2（可在政务服务平台核验）"
                ),
                tx.certificate.title,
                tx.certificate.verification_code,
            )
        )
        self._show_confirm_state()
        self._show_page("done")

    def _show_confirm_state(self) -> None:
        tx = self.tx
        if tx is None or not isValid(self):
            return
        self._page_widget("done")
        if tx.stage is CertificateStage.ISSUED:
            text = QCoreApplication.translate("CertificateScreen", "已在政务服务平台登记开具。")
        elif tx.stage is CertificateStage.FAILED and tx.failure is Failure.CONFIRM:
            text = QCoreApplication.translate(
                "CertificateScreen",
                "证明已打印成功，可以正常使用。开具登记暂未完成，本机已记录，工作人员会处理。",
            )
        elif tx.confirm_attempts > 1 or tx.error:
            text = QCoreApplication.translate(
                "CertificateScreen",
                "证明已打印成功，可以正常使用。本机正在向政务服务平台登记，稍后自动完成。",
            )
        else:
            text = ""
        self.done_state.setText(text)

    def _on_done_clicked(self) -> None:
        self.nav.service_done()
