"""The case desk's changes — supplement, 核查 of a commitment, 特别程序, reprint, withdraw, terminate overdue,
release — run on the store worker."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from datetime import date
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QWidget

from core.cases.model import Case, CheckOutcome
from core.cases.ratings import AppealOutcome, FollowUp, RatingStage
from core.cases.special_procedures import ProcedureKind
from core.errors import ValidationError
from core.printing import Prepared, PrintFailed, receipt_kinds
from core.staff import LoginError, StaffDirectory, StaffSession
from core.store.print_jobs import PrintJob
from core.store.store import Store
from core.store.sync_state import ReleaseRefused
from qtkit.i18n import fill
from qtkit.messages import describe
from qtkit.operations import alive
from services.changes import Changes
from services.receipt_printing import print_prepared
from window_client.cases.detail import no_retry_text
from window_client.cases.dialogs import ActionDialog, ConfirmActionDialog, SupplementDialog, VerifyDialog
from window_client.cases.models import status_label
from window_client.cases.procedure_dialog import (
    EndProcedureDialog,
    StartProcedureDialog,
    due_text,
    moved_text,
    paused_text,
)
from window_client.cases.queries import CaseDetail, DeskServices
from window_client.cases.rating_dialog import (
    CitizenAsker,
    FollowUpDialog,
    follow_up_done_text,
    result_rated_text,
    result_rating_title,
    thank_and_close,
)
from window_client.cases.timeline import check_label
from window_client.context import WindowContext

logger = logging.getLogger(__name__)

R = TypeVar("R")
Work = Callable[[Store, str], R]  # (the store worker's Store, the reason given) -> result


class CaseActions(QObject):
    """Starts each change, asks what it needs (materials, a reason, a supervisor), runs it on the
    store worker and reports the outcome. Lives on the GUI thread; one change at a time.

    ``action_succeeded(message, case_number)`` ("" when many cases changed), ``action_failed(message)``,
    ``print_failed(message)`` (the job is kept for a retry), ``busy_changed(busy)``.
    """

    action_succeeded = Signal(str, str)
    action_failed = Signal(str)
    print_failed = Signal(str)
    busy_changed = Signal(bool)

    def __init__(self, ctx: WindowContext, dialog_parent: QWidget) -> None:
        super().__init__(dialog_parent)
        self._ctx = ctx
        self._parent = dialog_parent
        self._busy = False
        self._dialog: ActionDialog | None = None
        runner, store_key, clock = ctx.runner, ctx.store_key, ctx.clock
        # One directory per store worker, so its lock-out after repeated failures holds (core.staff).
        self._staff = runner.add_resource(
            f"case-desk-staff-{uuid.uuid4().hex[:8]}",
            open=lambda: StaffDirectory(runner.resource(store_key), clock),
        )

    @property
    def busy(self) -> bool:
        return self._busy

    @property
    def dialog(self) -> ActionDialog | None:
        """The dialog open right now (tests answer it), if any."""
        return self._dialog if self._dialog is not None and alive(self._dialog) else None

    def services(self) -> DeskServices:
        ctx = self._ctx
        return DeskServices(ctx.catalog, ctx.clock, ctx.config, ctx.session.operator or ctx.config.operator)

    # -- the actions ---------------------------------------------------------------------------

    def supplement(self, case: Case) -> None:
        if not self._may_start():
            return
        dialog = SupplementDialog(case, self._ctx.devices, self._parent)
        services, number = self.services(), case.number

        def on_confirmed(material_ids: list[str], pages: dict[str, list[bytes]]) -> None:
            def work(store: Store) -> Case:
                return services.cases(store).supplement(number, material_ids, pages)

            def done(updated: Case) -> None:
                names = "、".join(i.name for i in updated.items if i.material_id in material_ids)
                self._succeeded(
                    fill(
                        QCoreApplication.translate("CaseActions", "已补齐：%1。办件状态：%2"),
                        names,
                        status_label(updated.status),
                    ),
                    number,
                )

            self._run(dialog, work, done, Changes.of_case)

        dialog.confirmed.connect(on_confirmed)
        self._open(dialog)

    def verify(self, case: Case) -> None:
        """Record the 核查 of one of the case's commitments (告知承诺)."""
        if not self._may_start():
            return
        dialog = VerifyDialog(case, self._parent)
        services, number = self.services(), case.number

        def on_confirmed(material_id: str, outcome: CheckOutcome, note: str) -> None:
            def work(store: Store) -> Case:
                return services.cases(store).record_check(number, material_id, outcome, note)

            def done(updated: Case) -> None:
                item = updated.item(material_id)
                self._succeeded(
                    fill(
                        QCoreApplication.translate("CaseActions", "已记录核查结果：%1，%2。"),
                        item.name,
                        check_label(outcome),
                    ),
                    number,
                )

            self._run(dialog, work, done, Changes.of_case)

        dialog.confirmed.connect(on_confirmed)
        self._open(dialog)

    def procedure(self, case: Case) -> None:
        """Start a 特别程序 (the clock pauses), or end the one running (core/cases/special_procedures.py)."""
        if not self._may_start():
            return
        services, number = self.services(), case.number
        if case.open_procedures:
            ending = EndProcedureDialog(case, self._parent)

            def on_end(matter: str, note: str) -> None:
                def work(store: Store) -> Case:
                    return services.cases(store).end_procedure(number, matter_id=matter or None, note=note)

                self._run(
                    ending,
                    work,
                    lambda updated: self._succeeded(moved_text(updated) or due_text(updated), number),
                    Changes.of_case,
                )

            ending.confirmed.connect(on_end)
            self._open(ending)
            return
        starting = StartProcedureDialog(case, self._parent)

        def on_start(kind: ProcedureKind, matter: str, reason: str, days: int) -> None:
            def work(store: Store) -> Case:
                return services.cases(store).start_procedure(
                    number, kind, reason, matter_id=matter or None, expected_days=days or None
                )

            self._run(
                starting, work, lambda updated: self._succeeded(paused_text(updated), number), Changes.of_case
            )

        starting.confirmed.connect(on_start)
        self._open(starting)

    def follow_up(self, case: Case) -> None:
        """Record a bad rating's 整改结果, 回访 or 申诉复核 (差评处置, core/cases/ratings.py)."""
        if not self._may_start():
            return
        services, number = self.services(), case.number
        dialog = FollowUpDialog(case, services.today(), self._parent)

        def on_confirmed(
            stage: RatingStage,
            action: FollowUp,
            text: str,
            visit_on: date | None,
            outcome: AppealOutcome | None,
            staff: str,
        ) -> None:
            def work(store: Store) -> Case:
                return services.cases(store).follow_up(
                    number, action, text, stage=stage, visit_on=visit_on, outcome=outcome, staff=staff
                )

            def done(updated: Case) -> None:
                self._succeeded(follow_up_done_text(action), number)

            self._run(dialog, work, done, Changes.of_case)

        dialog.confirmed.connect(on_confirmed)
        self._open(dialog)

    def rate_result(self, case: Case, citizen: CitizenAsker) -> None:
        """一事一评: the applicant rates the decided case on the citizen screen (core/cases/ratings.py)."""
        if not self._may_start():
            return
        services, number = self.services(), case.number

        def on_rated(level: int, reason: str, categories: tuple[str, ...]) -> None:
            def work(store: Store) -> Case:
                return services.cases(store).evaluate(
                    number, level, reason, stage=RatingStage.RESULT, categories=categories
                )

            def done(updated: Case) -> None:
                thank_and_close(citizen, self)
                self._succeeded(result_rated_text(updated), number)

            self._run(None, work, done, Changes.of_case)

        citizen.ask_evaluation(on_rated, title=result_rating_title())

    def reprint(self, detail: CaseDetail) -> None:
        """Print the acceptance receipt; printed before, it is a 补打 and needs a supervisor's right."""
        if not self._may_start():
            return
        if not self._has_printer():
            self.action_failed.emit(
                QCoreApplication.translate("CaseActions", "没有可用的小票打印机：请在设备配置中设置打印机。")
            )
            return
        services, case = self.services(), detail.case

        kind = receipt_kinds(case)[0]  # the 受理回执, or the notice of an application not accepted

        def work(store: Store, _reason: str) -> list[Prepared]:
            return [services.printing(store).prepare_kind(case, kind)]

        def done(jobs: list[PrintJob]) -> None:
            (job,) = jobs
            if kind != "receipt":
                text = (
                    QCoreApplication.translate("CaseActions", "已补打通知书（注明“补打”）。")
                    if job.reprint
                    else QCoreApplication.translate("CaseActions", "已打印通知书。")
                )
            elif job.reprint:
                text = QCoreApplication.translate("CaseActions", "已补打受理回执（回执上注明“补打”）。")
            else:
                text = QCoreApplication.translate("CaseActions", "已打印受理回执。")
            self._succeeded(text, case.number)

        if not detail.receipt_printed:
            self._print(None, lambda store: work(store, ""), done)
            return
        self._confirm(
            "reprint",
            case.number,
            QCoreApplication.translate("CaseActions", "补打受理回执"),
            QCoreApplication.translate(
                "CaseActions", "该办件的受理回执已打印过。补打的回执会注明“补打”，并记入审计日志。"
            ),
            QCoreApplication.translate("CaseActions", "补打"),
            need_reason=False,
            work=work,
            done=done,
            printing=True,
        )

    def withdraw(self, case: Case) -> None:
        number = case.number
        services = self.services()

        def work(store: Store, reason: str) -> Case:
            return services.cases(store).withdraw(number, reason)

        self._confirm(
            "withdraw",
            number,
            QCoreApplication.translate("CaseActions", "撤回办件"),
            QCoreApplication.translate(
                "CaseActions", "申请人撤回后，本办件不再办理，也不能恢复。请写明撤回原因。"
            ),
            QCoreApplication.translate("CaseActions", "确认撤回"),
            need_reason=True,
            work=work,
            done=lambda updated: self._succeeded(
                QCoreApplication.translate("CaseActions", "办件已撤回。"), updated.number
            ),
            changes=Changes.of_case,
        )

    def terminate_overdue(self) -> None:
        services = self.services()
        today = services.today()

        def work(store: Store, _reason: str) -> list[Case]:
            return services.cases(store).terminate_overdue(today)

        def done(cases: list[Case]) -> None:
            if cases:
                text = self.tr("已终止 %n 件容缺材料逾期未补齐的办件。", "", len(cases))
            else:
                text = QCoreApplication.translate("CaseActions", "没有容缺材料逾期未补齐的办件。")
            self._succeeded(text, "")

        self._confirm(
            "terminate",
            None,
            QCoreApplication.translate("CaseActions", "终止逾期办件"),
            fill(
                QCoreApplication.translate(
                    "CaseActions",
                    "将终止所有容缺材料补齐期限早于今天（%1）仍未补齐的办件。终止后不能恢复。",
                ),
                today.isoformat(),
            ),
            QCoreApplication.translate("CaseActions", "确认终止"),
            need_reason=False,
            work=work,
            done=done,
            changes=lambda cases: Changes.for_cases(c.number for c in cases),
            always_ask=True,
        )

    def release(self, number: str) -> None:
        """Let a quarantined case's events be pushed again, and start a sync round for them; refused
        when the platform will never take the case (a retry cannot help: sync/push.py)."""
        if not self._may_start():
            return
        refusal = no_retry_text()

        def work(store: Store) -> bool:
            try:
                return store.sync.release(number)  # the store holds the rule (ReleaseRefused)
            except ReleaseRefused as exc:  # said in the desk's words: what staff can do instead
                raise ValidationError("release", refusal, exc.detail) from exc

        def done(released: bool) -> None:
            if self._ctx.sync is not None:
                self._ctx.sync.sync_now()
            text = (
                QCoreApplication.translate("CaseActions", "已解除隔离，办件将在下次同步时重新上传。")
                if released
                else QCoreApplication.translate("CaseActions", "该办件没有被隔离。")
            )
            self._succeeded(text, number)

        self._run(None, work, done, Changes.for_cases([number]))

    def retry_prints(self) -> None:
        """Print every receipt a failed print left open (paper out, printer offline)."""
        if not self._may_start():
            return
        if not self._has_printer():
            self.action_failed.emit(QCoreApplication.translate("CaseActions", "没有可用的小票打印机。"))
            return
        services = self.services()

        def done(jobs: list[PrintJob]) -> None:
            self._succeeded(self.tr("已重打 %n 份回执。", "", len(jobs)), "")

        self._print(None, lambda store: services.printing(store).prepare_open(), done)

    def reveal(self, number: str, on_done: Callable[[Case], None]) -> None:
        """The full ID number, for verifying the applicant; the look is audited (core: case.reveal)."""
        services = self.services()
        purpose = QCoreApplication.translate("CaseActions", "窗口核验申请人身份")
        self._ctx.operations.run_store(
            self,
            lambda store: services.cases(store).reveal(number, purpose),
            on_done,
            lambda exc: self.action_failed.emit(describe(exc)),
        )

    # -- plumbing ------------------------------------------------------------------------------

    def _session(self) -> StaffSession | None:
        return self._ctx.session.session

    def _may_start(self) -> bool:
        if self._busy or self.dialog is not None:
            return False
        if self._session() is None:
            self.action_failed.emit(QCoreApplication.translate("CaseActions", "请先登录。"))
            return False
        return True

    def _has_printer(self) -> bool:
        """The device manager has a printer: the only door to it (its owner thread keeps its health)."""
        return self._ctx.devices.manager.uri("printer") is not None

    def _confirm(
        self,
        action: str,
        number: str | None,
        title: str,
        message: str,
        confirm_text: str,
        *,
        need_reason: bool,
        work: Work[R],
        done: Callable[[Any], None],  # gets work's result, or with ``printing`` the printed jobs
        changes: Callable[[Any], Changes] | None = None,  # what work's result changed (not printing)
        always_ask: bool = False,
        printing: bool = False,
    ) -> None:
        """Ask for what ``action`` needs (a reason, a supervisor), then run ``work`` on the store
        worker; with ``printing``, ``work`` prepares print jobs and ``done`` gets them printed."""
        if not self._may_start():
            return
        session = self._session()
        need_supervisor = session is not None and not session.may(action)

        def run(dialog: ActionDialog | None, fn: Callable[[Store], Any]) -> None:
            if printing:
                self._print(dialog, fn, done)
            else:
                self._run(dialog, fn, done, changes)

        if not (need_reason or need_supervisor or always_ask):
            run(None, lambda store: work(store, ""))
            return
        dialog = ConfirmActionDialog(
            title,
            message,
            confirm_text=confirm_text,
            need_reason=need_reason,
            need_supervisor=need_supervisor,
            parent=self._parent,
        )
        staff, runner = self._staff, self._ctx.runner

        def on_confirmed(reason: str, staff_id: str, password: str) -> None:
            def authorised(store: Store) -> R:
                if need_supervisor:
                    directory = runner.resource(staff)
                    supervisor = directory.login(staff_id, password)
                    directory.override(supervisor, action, number, reason or title)
                return work(store, reason)

            run(dialog, authorised)

        dialog.confirmed.connect(on_confirmed)
        wedge = self._ctx.wedge
        if need_supervisor and wedge is not None:
            # A fast typist's password must not be taken for a scan, nor shown as one (qtkit.wedge).
            wedge.set_enabled(False)
            dialog.finished.connect(lambda _result: wedge.set_enabled(True))
        self._open(dialog)

    def _open(self, dialog: ActionDialog) -> None:
        self._dialog = dialog
        dialog.finished.connect(lambda _result: self._on_dialog_finished(dialog))
        dialog.open()

    def _on_dialog_finished(self, dialog: ActionDialog) -> None:
        if self._dialog is dialog:
            self._dialog = None
        dialog.deleteLater()

    def _run(
        self,
        dialog: ActionDialog | None,
        work: Callable[[Store], R],
        done: Callable[[R], None],
        changes: Changes | Callable[[R], Changes] | None,
    ) -> None:
        """``work`` on the store worker; then ``done`` and the dialog closed, or the error shown —
        inside the dialog when the person can correct it (wrong password, missing reason).
        ``changes``: what a success changed, said to every screen (ctx.operations)."""
        operations = self._ctx.operations
        self._follow(dialog, lambda: operations.on_store(work), done, changes)

    def _print(
        self,
        dialog: ActionDialog | None,
        prepare: Callable[[Store], Sequence[Prepared]],
        done: Callable[[list[PrintJob]], None],
    ) -> None:
        """Like ``_run``, with ``prepare`` recording print jobs; each is printed through the device
        manager's printer (which keeps its health) and settled on the store worker. Printed or
        not, the print jobs changed: a failure keeps its job for a retry."""
        ctx, services = self._ctx, self.services()

        def start() -> Future[list[PrintJob]]:
            return print_prepared(ctx.operations.on_store, ctx.devices.manager, services.printing, prepare)

        self._follow(dialog, start, done, Changes.of_prints)

    def _follow(
        self,
        dialog: ActionDialog | None,
        start: Callable[[], Future[R]],
        done: Callable[[R], None],
        changes: Changes | Callable[[R], Changes] | None,
    ) -> None:
        """``start()`` the work's Future; its outcome on the GUI thread while these actions live,
        and what it changed to every screen (ctx.operations)."""

        def finished(result: R) -> None:
            self._set_busy(False)
            if dialog is not None and alive(dialog):
                dialog.accept()
            done(result)

        def failed(error: BaseException) -> None:
            self._set_busy(False)
            if dialog is not None and alive(dialog) and isinstance(error, LoginError | ValidationError):
                dialog.show_error(describe(error))
                return
            if dialog is not None and alive(dialog):
                dialog.accept()
            if isinstance(error, PrintFailed):
                self._ctx.operations.did_execute(Changes(prints=True), self)  # the job is kept
                self.print_failed.emit(
                    fill(
                        QCoreApplication.translate(
                            "CaseActions", "回执没有打印出来：%1。打印任务已保留，处理好打印机后可重打。"
                        ),
                        describe(error),
                    )
                )
            else:
                self.action_failed.emit(describe(error))

        if self._ctx.operations.follow(self, start, finished, failed, changes=changes) is not None:
            self._set_busy(True)  # None: the window is closing, nothing started

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.busy_changed.emit(busy)

    def _succeeded(self, message: str, number: str) -> None:
        self.action_succeeded.emit(message, number)
