"""``IntakeScreen``: one screen per step under a StepRail, with back/next/accept, fed by the ID reader."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from core.cases.model import Case, RefusalKind
from core.flows.intake import IntakeFlow, Problem, Step
from devices.id_reader import IdCard
from qtkit.i18n import fill
from qtkit.messages import describe
from qtkit.theme import current_scale
from qtkit.widgets import BannerLevel, BannerMessage, BusyOverlay, MessageBanner, StepRail, StepRailModel
from services.cards import card_data
from services.changes import Changes
from window_client.context import WindowContext
from window_client.intake.acceptance import Acceptance
from window_client.intake.applicant_page import ApplicantPage
from window_client.intake.bundle_page import BundlePage
from window_client.intake.card_authorisation import CardAuthorisation
from window_client.intake.checklist_page import ChecklistPage
from window_client.intake.citizen_display import CitizenDisplay
from window_client.intake.credit import CreditCheck
from window_client.intake.done_page import DonePage
from window_client.intake.enrolment import HospitalEnrolment
from window_client.intake.form_page import FormPage
from window_client.intake.model import IntakeModel
from window_client.intake.page import IntakePage
from window_client.intake.proxy_page import ProxyPage
from window_client.intake.questions_page import QuestionsPage
from window_client.intake.rail import show_progress
from window_client.intake.refusal_dialog import RefusalDialog
from window_client.intake.review_page import ReviewPage
from window_client.intake.signature_page import SignaturePage

_RATING_CLOSE_MS = 2500
# Where staff may decide not to accept instead (行政许可法 §32): once the materials are in front of them.
_REFUSAL_STEPS = frozenset({Step.CHECKLIST, Step.FORM, Step.SIGNATURE, Step.REVIEW})


class IntakeScreen(QWidget):
    """Lives on the GUI thread. A view of ``model.flow``: the flow decides, this shows and forwards.

    ``case_accepted(case)`` once a case is durable (an application not accepted, too: its record);
    ``evaluated(case)`` after its rating.
    """

    case_accepted = Signal(object)
    evaluated = Signal(object)

    def __init__(
        self, ctx: WindowContext, parent: QWidget | None = None, *, second_screen: bool | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = IntakeModel(ctx, self)
        self.citizen = CitizenDisplay(ctx.config.hall_name, self, second_screen=second_screen)
        self.acceptance = Acceptance(ctx, self)
        self.card_authorisation = CardAuthorisation(ctx, self)
        self.card_authorisation.authorised.connect(self._on_card_authorised)
        self.credit = CreditCheck(ctx, self.model, self)
        self.credit.dishonest.connect(self._on_dishonest)
        self.enrolment = HospitalEnrolment(ctx, self.model, self)
        self.enrolment.found.connect(self._on_enrolled_at_birth)
        self.refusal_dialog: RefusalDialog | None = None
        s = current_scale().spacing_px
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2 * s, s, 2 * s, s)
        layout.setSpacing(s)
        self.rail_model = StepRailModel()
        self.rail = StepRail(self.rail_model, self)
        self.rail.step_chosen.connect(self._on_rail_step_chosen)
        layout.addWidget(self.rail)
        self.who = QLabel(self)
        self.who.setProperty("role", "muted")
        layout.addWidget(self.who)
        self.banner = MessageBanner(self)
        self.banner.action_triggered.connect(self._on_banner_action_triggered)
        layout.addWidget(self.banner)
        self.stack = QStackedWidget(self)
        layout.addWidget(self.stack, 1)
        self.pages: dict[Step, IntakePage] = {}
        self._add(ApplicantPage(ctx, self.model, self))
        if ctx.outreach:
            self._add(ProxyPage(ctx, self.model, self.citizen, self))
        bundle = BundlePage(ctx, self.model, self)
        bundle.chosen.connect(lambda _b: self.go_next())
        self._add(bundle)
        self._add(QuestionsPage(ctx, self.model, self))
        self._add(ChecklistPage(ctx, self.model, self))
        self._add(FormPage(ctx, self.model, self))
        signature = SignaturePage(ctx, self.model, self.citizen, self)
        signature.signed.connect(self.go_next)
        self._add(signature)
        self._add(ReviewPage(ctx, self.model, self))
        done = DonePage(ctx, self.model, self)
        done.retry_print_requested.connect(self.retry_print)
        done.new_intake_requested.connect(self.new_intake)
        self._add(done)
        self.done_page = done

        nav = QHBoxLayout()
        self.back = QPushButton(QCoreApplication.translate("IntakeScreen", "上一步（Alt+←）"), self)
        self.back.setObjectName("intake_back")
        self.back.clicked.connect(self.go_back)
        self.next = QPushButton(QCoreApplication.translate("IntakeScreen", "下一步（Alt+→）"), self)
        self.next.setObjectName("intake_next")
        self.next.setProperty("variant", "primary")
        self.next.clicked.connect(self.go_next)
        self.accept_button = QPushButton(
            QCoreApplication.translate("IntakeScreen", "确认受理（Ctrl+Enter）"), self
        )
        self.accept_button.setObjectName("intake_accept")
        self.accept_button.setProperty("variant", "primary")
        self.accept_button.clicked.connect(self.accept)
        self.refuse_button = QPushButton(QCoreApplication.translate("IntakeScreen", "不予受理…"), self)
        self.refuse_button.setObjectName("intake_refuse")
        self.refuse_button.setToolTip(
            QCoreApplication.translate("IntakeScreen", "材料不齐全时一次性告知补正，或出具不予受理通知书")
        )
        self.refuse_button.clicked.connect(self.refuse)
        nav.addWidget(self.back)
        nav.addStretch(1)
        nav.addWidget(self.refuse_button)
        nav.addWidget(self.next)
        nav.addWidget(self.accept_button)
        layout.addLayout(nav)
        self.overlay = BusyOverlay(self)

        self._rail_timer = QTimer(self)
        self._rail_timer.setSingleShot(True)
        self._rail_timer.setInterval(0)
        self._rail_timer.timeout.connect(self._refresh_rail)
        self._discard_armed = False
        self._retry_action = ""
        self.model.changed.connect(self._on_model_changed)
        self.model.signature_voided.connect(self._on_signature_voided)
        self.model.step_changed.connect(self._on_step_changed)
        self.model.restarted.connect(self._on_model_restarted)
        self.acceptance.accepted.connect(self._on_accepted)
        self.acceptance.refused.connect(self._on_refused)
        self.acceptance.accept_failed.connect(self._on_accept_failed)
        self.acceptance.printed.connect(self._on_printed)
        self.acceptance.print_failed.connect(self._on_print_failed)
        self.acceptance.evaluated.connect(self._on_evaluated)
        self.acceptance.evaluate_failed.connect(
            lambda m: self.show_message(BannerMessage(BannerLevel.ERROR, m))
        )
        self.acceptance.reloaded.connect(self._on_reloaded)
        ctx.devices.card_read.connect(self._on_card_read)
        ctx.operations.operation_did_execute.connect(self._on_operation_did_execute)
        self._on_step_changed(self.flow.current)

    def _add(self, page: IntakePage) -> None:
        page.message.connect(self.show_message)
        self.pages[page.step] = page
        self.stack.addWidget(page)

    @property
    def flow(self) -> IntakeFlow:
        return self.model.flow

    def page(self, step: Step) -> IntakePage:
        return self.pages[step]

    @property
    def card_dialog(self) -> QWidget | None:
        """The supervisor's confirmation of a card with a problem, while it is open."""
        return self.card_authorisation.dialog

    # -- navigation ---------------------------------------------------------------------------

    def go_next(self) -> None:
        if self.flow.current is Step.REVIEW:
            self.accept()
            return
        if self.flow.current is Step.DONE:
            return
        self.banner.clear()
        self._report(self.model.move("next"))

    def go_back(self) -> None:
        if self.flow.case is None:
            self.banner.clear()
            self.model.move("back")

    def _on_rail_step_chosen(self, index: int) -> None:
        steps = self.flow.steps
        if 0 <= index < len(steps):
            self.banner.clear()
            self._report(self.model.move("go", steps[index]))

    def _report(self, problems: list[Problem]) -> None:
        if not problems:
            return
        if problems[0] in self.flow.card_problems():
            self._report_card()
            return
        first = describe(problems[0])
        if len(problems) > 1:
            first = fill(
                QCoreApplication.translate("IntakeScreen", "%1（另有 %2 处需要处理）"),
                first,
                len(problems) - 1,
            )
        self.show_message(BannerMessage(BannerLevel.ERROR, first))
        self.pages[self.flow.current].show_problems(problems)

    def _on_step_changed(self, step: Step) -> None:
        page = self.pages[step]
        self.stack.setCurrentWidget(page)
        page.enter()
        focus = page.first_focus()
        if focus is not None:
            focus.setFocus(Qt.FocusReason.OtherFocusReason)
        self._update_nav()
        self._rail_timer.start()

    def _update_nav(self) -> None:
        step = self.flow.current
        done = step is Step.DONE
        self.back.setVisible(not done)
        self.back.setEnabled(step is not self.flow.steps[0])
        self.next.setVisible(step not in (Step.REVIEW, Step.DONE))
        self.accept_button.setVisible(step is Step.REVIEW)
        self.accept_button.setEnabled(step is Step.REVIEW and not self.overlay.busy)
        self.refuse_button.setVisible(step in _REFUSAL_STEPS)
        self.refuse_button.setEnabled(step in _REFUSAL_STEPS and not self.overlay.busy)

    def _refresh_rail(self) -> None:
        show_progress(self.flow, self.rail_model, self.who)

    def _on_model_changed(self) -> None:
        self._rail_timer.start()
        self._fetch_history()
        self.credit.fetch()
        self.enrolment.fetch()

    def _on_signature_voided(self) -> None:
        """What was signed changed (the flow voided the signature): the applicant signs again."""
        self.show_message(
            BannerMessage(
                BannerLevel.INFO,
                QCoreApplication.translate("IntakeScreen", "内容已修改，请申请人重新签名。"),
            )
        )

    def _on_model_restarted(self) -> None:
        self.banner.clear()
        self.citizen.close()
        self._discard_armed = False

    def new_intake(self) -> None:
        """Ctrl+N. An intake in progress is discarded only on the second press (nothing modal)."""
        if self.model.in_progress and not self._discard_armed:
            self._discard_armed = True
            self.show_message(
                BannerMessage(
                    BannerLevel.WARNING,
                    QCoreApplication.translate(
                        "IntakeScreen",
                        "当前受理尚未完成。再按一次 Ctrl+N（或点“放弃”）将放弃并开始新的受理。",
                    ),
                    QCoreApplication.translate("IntakeScreen", "放弃"),
                )
            )
            self._retry_action = "discard"
            return
        self.model.restart()

    # -- the ID card --------------------------------------------------------------------------

    def _on_card_read(self, card: IdCard) -> None:
        if self.flow.case is not None:
            return
        step = self.flow.current
        if step is Step.APPLICANT:
            data = card_data(card)
            if data == self.flow.card and self.flow.applicant_source == "id_card":
                return  # the same card read again (readers re-read a card left on them)
            self.banner.clear()
            self.flow.set_applicant_from_card(data)
            self._report_card()
            self.pages[Step.APPLICANT].enter()
            focus = self.pages[Step.APPLICANT].first_focus()
            if focus is not None:
                focus.setFocus()
        elif step is Step.PROXY and isinstance(self.pages.get(Step.PROXY), ProxyPage):
            page = self.pages[Step.PROXY]
            assert isinstance(page, ProxyPage)
            page.card_read(card)
        elif card.id_number != self.model.applicant_id:
            self.show_message(
                BannerMessage(
                    BannerLevel.INFO,
                    QCoreApplication.translate(
                        "IntakeScreen", "读到另一张证件，未使用。如需更换申请人，请回到第 1 步。"
                    ),
                )
            )

    def _report_card(self) -> None:
        """The card's problem (expired…) in the banner, with the way on: a supervisor's confirmation."""
        problems = self.flow.card_problems()
        if not problems:
            return
        self.show_message(
            BannerMessage(
                BannerLevel.ERROR,
                fill(
                    QCoreApplication.translate("IntakeScreen", "%1须值班长确认后才能继续受理。"),
                    describe(problems[0]),
                ),
                QCoreApplication.translate("IntakeScreen", "值班长确认"),
            )
        )
        self._retry_action = "card"

    def _on_card_authorised(self, supervisor: str) -> None:
        self.show_message(
            BannerMessage(
                BannerLevel.INFO,
                fill(
                    QCoreApplication.translate("IntakeScreen", "值班长（%1）已确认，可以继续受理。"),
                    supervisor,
                ),
            )
        )

    def _fetch_history(self) -> None:
        """Earlier cases of the same person pre-fill the form (CaseService.earlier_form_values)."""
        number = self.model.applicant_id
        if not number or number == self.model.history_for or self.flow.problems(Step.APPLICANT):
            return
        self.model.history_for = number  # asked once per person
        ctx, operator = self.ctx, self.ctx.session.operator
        ctx.operations.run_store(
            self,
            lambda store: ctx.case_service(store, operator).earlier_form_values(number),
            lambda values: self.model.set_history(number, values),
        )

    # -- accept, print, rate ------------------------------------------------------------------

    def accept(self) -> None:
        """Ctrl+Enter on the review step: commit on the store worker; nothing twice (the button waits)."""
        if self.flow.current is not Step.REVIEW or self.overlay.busy:
            return
        problems = self.flow.problems(Step.REVIEW)
        if problems:
            self._report(problems)
            return
        self.accept_button.setEnabled(False)
        self.overlay.start(QCoreApplication.translate("IntakeScreen", "正在保存办件…"), cancellable=False)
        self.acceptance.accept(self.flow.request(), self.flow.credit)

    def _on_accepted(self, case: Case) -> None:
        self.overlay.finish()
        self.flow.accepted(case)  # the flow tells the model: step_changed(DONE)
        self.done_page.show_case(case)
        self.case_accepted.emit(case)
        self._print(case)
        if self.ctx.sync is not None:
            self.ctx.sync.sync_now()
        self.citizen.ask_evaluation(
            lambda level, reason, categories: self.acceptance.evaluate(case.number, level, reason, categories)
        )

    def refuse(self) -> None:
        """Not accepted (补正告知 / 不予受理): the dialog says what, the record is committed on the store worker."""
        if self.flow.current not in _REFUSAL_STEPS or self.overlay.busy or self.flow.case is not None:
            return
        dialog = RefusalDialog(self.flow, self)
        self.refusal_dialog = dialog
        dialog.confirmed.connect(self._on_refusal_confirmed)
        dialog.finished.connect(lambda _result: self._on_refusal_dialog_finished(dialog))
        dialog.open()

    def _on_refusal_dialog_finished(self, dialog: RefusalDialog) -> None:
        if self.refusal_dialog is dialog:
            self.refusal_dialog = None
        dialog.deleteLater()

    def _on_refusal_confirmed(self, kind: RefusalKind, reason: str, defects: dict[str, str]) -> None:
        self.refuse_button.setEnabled(False)
        self.accept_button.setEnabled(False)
        self.overlay.start(QCoreApplication.translate("IntakeScreen", "正在保存办件…"), cancellable=False)
        self.acceptance.refuse(self.flow.refusal_request(kind, reason, defects))

    def _on_refused(self, case: Case) -> None:
        self.overlay.finish()
        self.flow.accepted(case)  # the intake ends with the record (step DONE)
        self.done_page.show_case(case)
        self.case_accepted.emit(case)
        self._print(case)
        if self.ctx.sync is not None:
            self.ctx.sync.sync_now()

    def _on_dishonest(self) -> None:
        self.show_message(
            BannerMessage(
                BannerLevel.WARNING,
                QCoreApplication.translate(
                    "IntakeScreen", "信用核查：申请人有失信记录，不适用告知承诺和容缺受理，须提交全部材料。"
                ),
            )
        )

    def _on_enrolled_at_birth(self, number: str) -> None:
        self.show_message(
            BannerMessage(
                BannerLevel.INFO,
                fill(
                    QCoreApplication.translate(
                        "IntakeScreen",
                        "平台上有本人办理的出生即参保（办件 %1）：已回答“已在医院办理出生即参保”，本次不再重复参保。如不是这个孩子，请改答。",
                    ),
                    number,
                ),
            )
        )

    def _on_accept_failed(self, message: str) -> None:
        self.overlay.finish()
        self._update_nav()
        self.show_message(
            BannerMessage(
                BannerLevel.ERROR, fill(QCoreApplication.translate("IntakeScreen", "没有受理：%1"), message)
            )
        )

    def _print(self, case: Case) -> None:
        self.done_page.show_printing(
            QCoreApplication.translate("IntakeScreen", "正在打印通知书…")
            if case.refusal is not None
            else QCoreApplication.translate("IntakeScreen", "正在打印受理回执…"),
            "unknown",
        )
        self.acceptance.print_case(case)

    def retry_print(self) -> None:
        case = self.flow.case
        if case is not None and not self.acceptance.printing:
            self.banner.clear()
            self._print(case)

    def _on_printed(self, kinds: tuple[str, ...]) -> None:
        text = QCoreApplication.translate("IntakeScreen", "✓ 已打印受理回执")
        if "notice" in kinds:
            text = QCoreApplication.translate("IntakeScreen", "✓ 已打印受理回执和容缺受理通知书")
        elif "supplement" in kinds:
            text = QCoreApplication.translate(
                "IntakeScreen", "✓ 已打印一次性补正告知书，请交申请人并退还材料"
            )
        elif "rejection" in kinds:
            text = QCoreApplication.translate("IntakeScreen", "✓ 已打印不予受理通知书，请交申请人并退还材料")
        self.done_page.show_printing(text, "ok")

    def _on_print_failed(self, message: str) -> None:
        text = fill(
            QCoreApplication.translate("IntakeScreen", "回执没有打印：%1。办件已保存，不受影响。"), message
        )
        self.done_page.show_printing(text, "fault", retry=True)
        self._retry_action = "print"
        self.show_message(
            BannerMessage(BannerLevel.ERROR, text, QCoreApplication.translate("IntakeScreen", "重新打印"))
        )

    def _on_evaluated(self, case: Case) -> None:
        panel = self.citizen.current
        if panel is not None and hasattr(panel, "show_thanks"):
            panel.show_thanks()
            QTimer.singleShot(_RATING_CLOSE_MS, self.citizen.close)
        if self.flow.case is not None and self.flow.case.number == case.number:
            self.done_page.show_case(case)
        self.evaluated.emit(case)

    def _on_operation_did_execute(self, changes: Changes, initiator: object) -> None:
        """The case on the done page changed elsewhere (a department's result in a sync round, the
        case desk): read it again. What this screen's own Acceptance did, it already shows."""
        case = self.flow.case
        if case is not None and initiator is not self.acceptance and changes.touches(case.number):
            self.acceptance.reload(case.number)

    def _on_reloaded(self, case: Case) -> None:
        if self.flow.case is not None and self.flow.case.number == case.number:
            self.done_page.show_case(case)

    # -- messages -----------------------------------------------------------------------------

    def show_message(self, message: object) -> None:
        if isinstance(message, BannerMessage):
            if message.action is None:
                self._retry_action = ""
            self.banner.show_message(message)

    def _on_banner_action_triggered(self) -> None:
        action, self._retry_action = self._retry_action, ""
        if action == "print":
            self.retry_print()
        elif action == "card":
            self.card_authorisation.ask(self.flow)
        elif action == "discard":
            self._discard_armed = True
            self.banner.clear()
            self.model.restart()

    def focus_current(self) -> None:
        """The keyboard goes to the current step's first field (after the window shows)."""
        focus = self.pages[self.flow.current].first_focus()
        if focus is not None:
            focus.setFocus(Qt.FocusReason.OtherFocusReason)

    def shutdown(self) -> None:
        """Take the citizen screen down (the application quits)."""
        self.citizen.shutdown()
