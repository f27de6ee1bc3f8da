"""``Acceptance``: commit the case on the store worker, print its receipts, record the rating, reload it when it changed."""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import Future

from PySide6.QtCore import QCoreApplication, QObject, Signal

from core.cases.intake import IntakeRequest
from core.cases.model import Case, CreditStanding
from core.cases.refusal import RefusalRequest
from core.printing import PrintService, receipt_kinds
from core.store.print_jobs import PrintJob
from core.store.store import Store
from qtkit.messages import describe
from services.changes import Changes
from services.receipt_printing import print_prepared
from window_client.context import WindowContext


class Acceptance(QObject):
    """Lives on the GUI thread; the work runs on the runner's workers (never here).

    ``accept`` → ``accepted(case)`` once the case is durable (CaseService.accept on the store
    worker: commit before acknowledge) or ``accept_failed(message)``; ``refuse`` (补正告知, 不予受理)
    → ``refused(case)`` once its record is durable, or ``accept_failed(message)``. ``print_case`` →
    ``printed(kinds)`` or ``print_failed(message)``; the case is safe either way and
    ``print_case`` again retries. ``evaluate`` → ``evaluated(case)`` / ``evaluate_failed(message)``.
    ``reload`` → ``reloaded(case)`` (after another operation or a sync round changed it).
    What each operation changed goes to every screen through ``ctx.operations``, with this
    object as the initiator.
    """

    accepted = Signal(object)
    refused = Signal(object)
    accept_failed = Signal(str)
    printed = Signal(object)
    print_failed = Signal(str)
    evaluated = Signal(object)
    evaluate_failed = Signal(str)
    reloaded = Signal(object)

    def __init__(self, ctx: WindowContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.printing = False

    def accept(self, request: IntakeRequest, credit: CreditStanding = CreditStanding.UNKNOWN) -> None:
        ctx, operator = self._ctx, self._ctx.session.operator
        ctx.operations.run_store(
            self,
            lambda store: ctx.case_service(store, operator).accept(request, credit=credit),
            self.accepted.emit,
            lambda exc: self.accept_failed.emit(describe(exc)),
            changes=Changes.of_case,
        )

    def refuse(self, request: RefusalRequest) -> None:
        ctx, operator = self._ctx, self._ctx.session.operator
        ctx.operations.run_store(
            self,
            lambda store: ctx.case_service(store, operator).refuse(request),
            self.refused.emit,
            lambda exc: self.accept_failed.emit(describe(exc)),
            changes=Changes.of_case,
        )

    def print_case(self, case: Case) -> None:
        """Print what ``case`` is still owed, open jobs of earlier cases first (a retry after paper-out):
        jobs recorded on the store worker, printed on the printer's owner thread (which updates its
        health), settled on the store worker (services.receipt_printing)."""
        ctx, operator = self._ctx, self._ctx.session.operator
        printer = ctx.devices.manager
        if printer.uri("printer") is None:
            self.print_failed.emit(QCoreApplication.translate("Acceptance", "小票打印机未配置或未就绪"))
            return
        self.printing = True

        def done(_jobs: list[PrintJob]) -> None:
            self.printing = False
            self.printed.emit(receipt_kinds(case))

        def failed(exc: BaseException) -> None:
            self.printing = False
            ctx.operations.did_execute(Changes(cases=frozenset({case.number}), prints=True), self)
            self.print_failed.emit(describe(exc))

        def service(store: Store) -> PrintService:
            return PrintService(store, ctx.clock, ctx.config, operator)

        def start() -> Future[list[PrintJob]]:
            return print_prepared(
                ctx.operations.on_store,
                printer,
                service,
                lambda store: service(store).prepare(case, others=True),
            )

        if ctx.operations.follow(self, start, done, failed, changes=Changes.of_prints) is None:
            self.printing = False  # the window is closing

    def evaluate(self, number: str, level: int, reason: str, categories: Sequence[str] = ()) -> None:
        ctx, operator = self._ctx, self._ctx.session.operator
        ctx.operations.run_store(
            self,
            lambda store: ctx.case_service(store, operator).evaluate(
                number, level, reason, categories=categories
            ),
            self.evaluated.emit,
            lambda exc: self.evaluate_failed.emit(describe(exc)),
            changes=Changes.of_case,
        )

    def reload(self, number: str) -> None:
        ctx, operator = self._ctx, self._ctx.session.operator
        ctx.operations.run_store(
            self, lambda store: ctx.case_service(store, operator).get(number), self.reloaded.emit
        )
