"""``Acceptance``: commit the case on the store worker, print its receipts, record the rating, reload it after sync."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Signal

from core.cases.intake import IntakeRequest
from core.cases.model import Case
from core.printing import PrintService, receipt_kinds
from core.store.print_jobs import PrintJob
from core.store.store import Store
from qtkit.messages import describe
from services.receipt_printing import print_prepared
from window_client.context import WindowContext

R = TypeVar("R")


class Acceptance(QObject):
    """Lives on the GUI thread; the work runs on the runner's workers (never here).

    ``accept`` → ``accepted(case)`` once the case is durable (CaseService.accept on the store
    worker: commit before acknowledge) or ``accept_failed(message)``. ``print_case`` →
    ``printed(kinds)`` or ``print_failed(message)``; the case is safe either way and
    ``print_case`` again retries. ``evaluate`` → ``evaluated(case)`` / ``evaluate_failed(message)``.
    ``reload`` → ``reloaded(case)`` (after a sync round brought department results).
    """

    accepted = Signal(object)
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

    def accept(self, request: IntakeRequest) -> None:
        ctx, operator = self._ctx, self._ctx.session.operator
        ctx.runner.run_with(
            ctx.store_key,
            lambda store: ctx.case_service(store, operator).accept(request),
            on_done=self.accepted.emit,
            on_error=lambda exc: self.accept_failed.emit(describe(exc)),
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
            self.print_failed.emit(describe(exc))

        def on_store(fn: Callable[[Store], R]) -> Future[R]:
            return ctx.runner.run_with(ctx.store_key, fn)

        def service(store: Store) -> PrintService:
            return PrintService(store, ctx.clock, ctx.config, operator)

        run = print_prepared(
            on_store, printer, service, lambda store: service(store).prepare(case, others=True)
        )
        ctx.runner.follow(run, on_done=done, on_error=failed)

    def evaluate(self, number: str, level: int, reason: str) -> None:
        ctx, operator = self._ctx, self._ctx.session.operator
        ctx.runner.run_with(
            ctx.store_key,
            lambda store: ctx.case_service(store, operator).evaluate(number, level, reason),
            on_done=self.evaluated.emit,
            on_error=lambda exc: self.evaluate_failed.emit(describe(exc)),
        )

    def reload(self, number: str) -> None:
        ctx, operator = self._ctx, self._ctx.session.operator
        ctx.runner.run_with(
            ctx.store_key,
            lambda store: ctx.case_service(store, operator).get(number),
            on_done=self.reloaded.emit,
        )
