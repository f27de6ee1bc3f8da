"""Printing a kiosk case's receipts through the device manager's printer (never on the GUI thread).

Each receipt is a print job recorded on the store worker before it is sent, printed on the
printer's owner thread (which keeps the printer's health) and marked printed only when the
printer took it (core.printing.PrintService, services.receipt_printing). Unlike the window client,
the kiosk never retries other cases' open jobs here: an open job is an earlier citizen's receipt,
and printing it now would hand one citizen's paper to the next. ``notes`` are lines the screen
adds to the 受理回执 (e.g. when the enrolment completes), placed above the QR footer.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from core.cases.model import Case
from core.errors import TongbanError
from core.printing import Prepared, PrintFailed, PrintService, receipt_kinds
from core.receipts import Receipt, ReceiptBlock
from core.store.print_jobs import PrintJob
from devices.errors import DeviceError
from kiosk.context import KIOSK_OPERATOR
from qtkit.messages import describe
from services.receipt_printing import print_prepared

if TYPE_CHECKING:
    from concurrent.futures import Future

    from core.store.store import Store
    from kiosk.context import KioskContext

logger = logging.getLogger(__name__)


def with_notes(receipt: Receipt, notes: Sequence[str]) -> Receipt:
    """``receipt`` with ``notes`` as bold lines before its footer (the rule above the QR code)."""
    if not notes:
        return receipt
    blocks = list(receipt.blocks)
    qr = next((i for i, b in enumerate(blocks) if b.kind == "qr"), len(blocks))
    at = qr - 1 if qr > 0 and blocks[qr - 1].kind == "rule" else qr
    added = [ReceiptBlock("rule"), *(ReceiptBlock("text", n, "left", "bold") for n in notes)]
    return replace(receipt, blocks=(*blocks[:at], *added, *blocks[at:]))


def prepare_with_notes(service: PrintService, case: Case, notes: Sequence[str]) -> list[Prepared]:
    """On the store worker: what ``case`` is still owed (its own jobs only), ``notes`` added to the 受理回执."""
    return [
        (job, with_notes(receipt, notes) if receipt.kind == "receipt" else receipt)
        for job, receipt in service.prepare(case)
    ]


def print_error_text(exc: BaseException) -> str:
    """What the citizen reads when a receipt did not print (the case is safe either way)."""
    reason = describe(exc) if isinstance(exc, TongbanError | DeviceError) else ""
    text = QCoreApplication.translate(
        "KioskReceipts",
        "回执没有打印出来，但您的申请已经保存，不受影响。可以稍后在“办件进度查询”中查看，或请医院/大厅工作人员帮助补打。",
    )
    return f"{reason}。{text}" if reason else text


def print_receipts(
    ctx: KioskContext,
    case: Case,
    *,
    notes: Sequence[str] = (),
    on_done: Callable[[tuple[str, ...]], None],
    on_error: Callable[[BaseException], None],
) -> Future[list[PrintJob]] | None:
    """Print what ``case`` is still owed through the printer's owner thread; the kinds it now has
    printed (``receipt_kinds``) or the error reach the callbacks on the GUI thread."""
    printer = ctx.devices.manager
    if printer.uri("printer") is None:
        on_error(
            PrintFailed(QCoreApplication.translate("KioskReceipts", "本机的回执打印机未就绪"), "no printer")
        )
        return None

    def service(store: Store) -> PrintService:
        return PrintService(store, ctx.clock, ctx.config, KIOSK_OPERATOR)

    def failed(exc: BaseException) -> None:
        logger.warning("receipt for case %s not printed: %s", case.number, getattr(exc, "detail", exc))
        on_error(exc)

    run = print_prepared(
        ctx.operations.on_store,
        printer,
        service,
        lambda store: prepare_with_notes(service(store), case, notes),
    )
    ctx.runner.follow(run, on_done=lambda _jobs: on_done(receipt_kinds(case)), on_error=failed)
    return run
