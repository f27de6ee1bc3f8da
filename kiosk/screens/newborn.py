"""出生即参保 (hospital mode): a parent alone enrols the newborn in 城乡居民医保 in a few minutes.

The parent's ID card (the session's citizen) → the 出生医学证明 number, scanned from its barcode or
typed on the keypad, checked against the platform's e-licence when online → the baby's name, sex
and birth date → the parent's phone → a confirm page with the baby's data in full → the case is
committed on the store worker, and online the kiosk waits (a round or two of sync) for the 医保
department's confirmation; offline it says plainly that the case is queued and when it will
complete. The receipt prints on the receipt printer on the devices worker. The form logic is
core.flows.newborn (Qt-free); the pages are kiosk/screens/newborn_pages.py.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QStackedWidget

from core.cases.model import Case
from core.errors import TongbanError, ValidationError
from core.flows.intake import Problem
from core.flows.kiosk import citizen_from_card
from core.flows.newborn import (
    BIRTH_LICENCE,
    BUNDLE_ID,
    NewbornForm,
    NewbornStep,
    check_catalog,
    days_old,
    handover_answers,
    receipt_notes,
)
from core.flows.newborn_payment import birth_date_notices
from devices.qr.payloads import PayloadKind, classify_payload
from kiosk.receipts import print_error_text, print_receipts
from kiosk.screens.base import KioskScreen, Navigator
from kiosk.screens.newborn_pages import (
    BirthDatePage,
    CertificatePage,
    ConfirmPage,
    NamePage,
    Page,
    PaymentPage,
    PhonePage,
    ResultPage,
    SexPage,
)
from kiosk.screens.newborn_submit import EnrolmentSubmission, Submitted
from qtkit.i18n import fill
from qtkit.messages import describe
from qtkit.widgets.banner import BannerLevel

if TYPE_CHECKING:
    from datetime import date

    from PySide6.QtWidgets import QWidget

    from core.flows.intake import CardData
    from devices.qr import ScanResult
    from kiosk.context import KioskContext

logger = logging.getLogger(__name__)

LOOKUP_TIMEOUT_MS = 12_000
DECLARE_NOTES_KEY = "declare_prefill"  # session.notes: {"bundle", "form", "answers"} for the 自助申报 screen


class NewbornScreen(KioskScreen):
    """Lives on the GUI thread, for one session."""

    name = "newborn"

    def __init__(self, ctx: KioskContext, nav: Navigator, parent: QWidget | None = None) -> None:
        super().__init__(ctx, nav, parent)
        self.set_title(QCoreApplication.translate("NewbornScreen", "新生儿参保登记（出生即参保）"))
        self.form: NewbornForm | None = None
        self.submission: EnrolmentSubmission | None = None
        scale, today = self.scale, self._today()
        self.pages = QStackedWidget(self)
        self.certificate_page = CertificatePage(scale, self.pages)
        self.name_page = NamePage(scale, self.pages)
        self.sex_page = SexPage(scale, self.pages)
        self.date_page = BirthDatePage(scale, today, self.pages)
        self.phone_page = PhonePage(scale, self.pages)
        self.payment_page = PaymentPage(scale, self.pages)
        self.confirm_page = ConfirmPage(scale, self.pages)
        self.result_page = ResultPage(scale, self.pages)
        self.page_of: dict[NewbornStep, Page] = {
            NewbornStep.CERTIFICATE: self.certificate_page,
            NewbornStep.NAME: self.name_page,
            NewbornStep.SEX: self.sex_page,
            NewbornStep.BIRTH_DATE: self.date_page,
            NewbornStep.PHONE: self.phone_page,
            NewbornStep.PAYMENT: self.payment_page,
            NewbornStep.CONFIRM: self.confirm_page,
            NewbornStep.DONE: self.result_page,
        }
        for page in self.page_of.values():
            self.pages.addWidget(page)
        self.body.addWidget(self.pages, 1)
        self.certificate_page.next_clicked.connect(self._on_certificate_next)
        self.name_page.next_clicked.connect(self._on_name_next)
        self.sex_page.chosen.connect(self._on_sex_chosen)
        self.date_page.picker.date_changed.connect(self._on_birth_date_changed)
        self.date_page.next_clicked.connect(self._on_birth_date_next)
        self.phone_page.next_clicked.connect(self._on_phone_next)
        self.payment_page.next_clicked.connect(self._on_payment_next)
        self.confirm_page.next_clicked.connect(self._on_confirmed)
        self.result_page.done_clicked.connect(self._on_done_clicked)
        self.result_page.bundle_clicked.connect(self._on_bundle_clicked)

    # -- KioskScreen ---------------------------------------------------------------------------

    def enter(self) -> None:
        """A fresh enrolment each time the service is chosen."""
        self.form = None
        self.submission = None
        page = self.certificate_page
        page.keypad.clear()
        self.name_page.edit.clear()
        self.phone_page.keypad.clear()
        self.payment_page.clear()
        self.date_page.picker.set_day(self._today())
        self._show_step(NewbornStep.CERTIFICATE)
        citizen = self.nav.session.citizen
        try:
            check_catalog(self.ctx.catalog)
        except TongbanError as exc:
            citizen = None
            self.show_message(BannerLevel.ERROR, describe(exc))
        page.keypad.setVisible(citizen is not None)
        if page.next_button is not None:
            page.next_button.setVisible(citizen is not None)
        if citizen is None:
            page.parent_line.clear()
            page.set_texts(
                QCoreApplication.translate("NewbornScreen", "请先放监护人的身份证"),
                QCoreApplication.translate(
                    "NewbornScreen", "父亲或母亲把居民身份证平放在屏幕下方的读卡区，听到“嘀”声后稍等。"
                ),
            )
            return
        self.form = NewbornForm(citizen, self._today())
        page.set_texts(
            QCoreApplication.translate("NewbornScreen", "宝宝的出生医学证明编号"),
            QCoreApplication.translate(
                "NewbornScreen",
                "把出生医学证明右上角的条码对准扫码口，或在下面输入编号：1 个字母加 9 位数字。",
            ),
        )
        page.parent_line.setText(
            fill(
                QCoreApplication.translate("NewbornScreen", "监护人：%1（证件号 %2）"),
                citizen.masked_name,
                citizen.masked_id,
            )
        )

    def prompt(self) -> str:
        if self.form is None:
            return QCoreApplication.translate("NewbornScreen", "请先把监护人的身份证放在读卡区。")
        return self.page_of[self.form.current].heading.text()

    def on_card(self, card: CardData) -> bool:
        """The parent's card when none was read yet; any other card goes to the window (a new session)."""
        if self.form is not None:
            return False
        try:
            citizen = citizen_from_card(card, self._today())
        except ValidationError as exc:
            self.show_message(BannerLevel.ERROR, describe(exc))
            return True
        self.nav.session.identify(citizen)
        self.enter()
        self.nav.say(self.prompt())
        return True

    def on_scan(self, scan: ScanResult) -> bool:
        payload = classify_payload(scan.text, scan.format)
        form = self.form
        if form is None or form.current in (NewbornStep.CONFIRM, NewbornStep.DONE):
            return False
        if payload.kind is PayloadKind.BIRTH_CERTIFICATE:
            self.certificate_page.keypad.set_text(payload.value)
            self._show_step(NewbornStep.CERTIFICATE)
            form.current = NewbornStep.CERTIFICATE
            self._on_certificate_next()
            return True
        # On the number page another code is most likely the certificate's verification QR (an
        # online token to the classifier): say which code to scan instead of starting elsewhere.
        if form.current is NewbornStep.CERTIFICATE and payload.kind is not PayloadKind.TONGBAN_RECEIPT:
            self.show_message(
                BannerLevel.WARNING,
                QCoreApplication.translate(
                    "NewbornScreen",
                    "这不是出生医学证明编号的条码。请扫描证明右上角编号旁的条码，或直接输入编号。",
                ),
            )
            return True
        return False

    def go_back(self) -> None:
        form = self.form
        if form is not None and form.current is NewbornStep.DONE:
            self._on_done_clicked()
        elif form is not None and form.back():
            self._show_step(form.current)
        else:
            self.nav.show_screen("menu")

    # -- steps ---------------------------------------------------------------------------------

    def _show_step(self, step: NewbornStep) -> None:
        self.clear_message()
        page = self.page_of[step]
        self.pages.setCurrentWidget(page)
        done = step is NewbornStep.DONE
        self.back_button.setVisible(not done)
        self.end_button.setVisible(not done)
        if step is NewbornStep.NAME and self.form is not None:
            self.name_page.edit.setText(self.form.child_name)
            verified = self.form.licence.verified and self.form.child_name == self.form.licence.holder_name
            self.name_page.source.setText(
                QCoreApplication.translate("NewbornScreen", "已从出生医学证明电子证照读取，请核对。")
                if verified
                else ""
            )
        if step is NewbornStep.BIRTH_DATE:
            self._on_birth_date_changed(self.date_page.picker.day())
        if step is NewbornStep.CONFIRM:
            self._fill_confirm()

    def _advance(self, problem: Problem | None = None) -> None:
        form = self.form
        if form is None:
            return
        if problem is None:
            blocking = form.next()
            problem = blocking[0] if blocking else None
        if problem is not None:
            self.show_message(BannerLevel.ERROR, describe(problem))
            return
        self._show_step(form.current)
        self.nav.say(self.page_of[form.current].heading.text())

    def _on_certificate_next(self) -> None:
        form = self.form
        if form is None:
            return
        problem = form.set_certificate(self.certificate_page.keypad.text())
        if problem is not None:
            self.show_message(BannerLevel.ERROR, describe(problem))
            return
        if form.licence.checked or not self.ctx.online:
            self._advance()
            return
        parent_id, number = form.parent.id_number, form.cert_no
        waiting = self.nav.wait(
            QCoreApplication.translate("NewbornScreen", "正在查询出生医学证明电子证照…"),
            timeout_ms=LOOKUP_TIMEOUT_MS,
            on_give_up=lambda _reason: self._lookup_failed(number),
        )
        self.ctx.online_call(
            lambda client, _store: client.lookup_licence(parent_id, BIRTH_LICENCE),
            on_done=waiting.guard(lambda answer: self._on_licence(number, answer)),
            on_error=waiting.guard(lambda exc: self._lookup_failed(number, exc)),
        )

    def _on_licence(self, number: str, answer: object) -> None:
        form = self.form
        if form is None or form.cert_no != number or not isinstance(answer, dict):
            return
        problem = form.apply_licence(answer)
        if problem is not None and form.licence.checked and not form.licence.found:
            self._advance()
            self.show_message(BannerLevel.WARNING, describe(problem))
            return
        self._advance(problem)

    def _lookup_failed(self, number: str, exc: BaseException | None = None) -> None:
        if exc is not None:
            logger.info("birth certificate look-up failed: %s", getattr(exc, "detail", exc))
        form = self.form
        if form is None or form.cert_no != number:
            return
        self._advance()
        self.show_message(
            BannerLevel.INFO,
            QCoreApplication.translate(
                "NewbornScreen", "暂时查不到电子证照，可以继续办理：提交后由医保部门核验出生医学证明。"
            ),
            speak=False,
        )

    def _on_name_next(self) -> None:
        if self.form is not None:
            self._advance(self.form.set_name(self.name_page.edit.text()))

    def _on_sex_chosen(self, sex: str) -> None:
        if self.form is not None:
            self._advance(self.form.set_sex(sex))

    def _on_birth_date_changed(self, day: date) -> None:
        if self.form is None:
            return
        problem = self.form.birth_date_problem(day)
        if problem is None:
            text = fill(
                QCoreApplication.translate("NewbornScreen", "宝宝出生第 %1 天"),
                days_old(day, self._today()) + 1,
            )
            self.clear_message()
            self._warn_late(day)
        else:
            text = ""
            self.show_message(BannerLevel.WARNING, describe(problem), speak=False)
        self.date_page.age.setText(text)

    def _on_birth_date_next(self) -> None:
        if self.form is not None:
            self._advance(self.form.set_birth_date(self.date_page.picker.day()))

    def _on_phone_next(self) -> None:
        if self.form is not None:
            self._advance(self.form.set_phone(self.phone_page.keypad.text()))

    def _warn_late(self, day: date) -> None:
        """Past 90 days (the bundle's age_limit check): cover will not be backdated to birth."""
        for finding in birth_date_notices(self.ctx.catalog, BUNDLE_ID, day, self._today()):
            self.show_message(BannerLevel.WARNING, describe(finding.error()), speak=False)

    def _on_payment_next(self) -> None:
        form, page = self.form, self.payment_page
        if form is None:
            return
        if page.channel is None:
            self._advance(form.problems(NewbornStep.PAYMENT)[0])
            return
        self._advance(form.set_payment(page.channel, page.amount.text(), page.receipt.text()))

    def _fill_confirm(self) -> None:
        if self.form is not None:
            self.confirm_page.show_form(self.form)
            if self.form.birth_date is not None:
                self._warn_late(self.form.birth_date)

    # -- commit and outcome ------------------------------------------------------------------

    def _on_confirmed(self) -> None:
        form = self.form
        if form is None or self.submission is not None:
            return
        try:
            request = form.request()
        except ValidationError as exc:
            self.show_message(BannerLevel.ERROR, describe(exc))
            return
        self.submission = EnrolmentSubmission(self.ctx, self.nav, self)
        self.submission.accepted.connect(self._on_accepted)
        self.submission.finished.connect(self._on_submitted)
        self.submission.failed.connect(self._on_submit_failed)
        self.submission.submit(request)

    def _on_accepted(self, case: Case) -> None:
        self.nav.session.served_case(case.number)

    def _on_submit_failed(self, message: str) -> None:
        self.submission = None
        self.show_message(BannerLevel.ERROR, message)

    def _on_submitted(self, done: Submitted) -> None:
        form = self.form
        if form is None:
            return
        form.current = NewbornStep.DONE
        heading = self.result_page.show_submitted(done)
        self.result_page.bundle_button.setVisible(self._declare_available())
        self._show_step(NewbornStep.DONE)
        self.nav.say(heading)
        self._print(done)

    def _print(self, done: Submitted) -> None:
        self.result_page.show_receipt_state(QCoreApplication.translate("NewbornScreen", "正在打印回执…"))
        notes = receipt_notes(done.outcome, submitted=done.uploaded)
        if self.form is not None and self.form.payment is not None:
            notes = (*notes, f"缴费情况：{self.form.payment.summary()}")
        page = self.result_page

        def printed(_kinds: tuple[str, ...]) -> None:
            if _alive(page):
                page.show_receipt_state(
                    QCoreApplication.translate("NewbornScreen", "回执已打印，请从出纸口取走并妥善保管。")
                )

        def failed(exc: BaseException) -> None:
            if _alive(page):
                page.show_receipt_state(print_error_text(exc))

        print_receipts(self.ctx, done.case, notes=notes, on_done=printed, on_error=failed)

    def _declare_available(self) -> bool:
        """The 出生一件事 bundle can be declared here (self-service, and the 自助申报 screen exists)."""
        bundle = self.ctx.catalog.bundles.get("newborn")
        return bundle is not None and bundle.self_service and _has_declare_screen()

    def _on_bundle_clicked(self) -> None:
        if self.form is None:
            return
        self.nav.session.notes[DECLARE_NOTES_KEY] = {
            "bundle": "newborn",
            "form": self.form.form_values(),
            "answers": handover_answers(),  # 出生即参保 done here: the bundle does not enrol again
        }
        self.nav.show_screen("declare")

    def _on_done_clicked(self) -> None:
        self.nav.service_done()

    def _today(self) -> date:
        return self.ctx.clock.now().date()


def _alive(widget: QWidget) -> bool:
    import shiboken6

    return shiboken6.isValid(widget)


def _has_declare_screen() -> bool:
    from kiosk.screens import screen_classes

    return "declare" in screen_classes()
