"""Printing a kiosk case's receipts on the receipt printer, on the ``devices`` worker (never the GUI thread).

Each receipt is a print job recorded before it is sent and marked printed only when the printer
took it (core.printing.PrintService). Unlike the window client, the kiosk never retries other
open jobs here: an open job is an earlier citizen's receipt, and printing it now would hand one
citizen's paper to the next. ``notes`` are lines the screen adds to the 受理回执 (e.g. when the
enrolment completes), placed above the QR footer.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QCoreApplication

from core.cases.model import Case
from core.errors import TongbanError
from core.printing import PrintFailed, PrintService, ReceiptSink
from core.receipts import Receipt, ReceiptBlock
from devices.errors import DeviceError
from kiosk.context import KIOSK_OPERATOR
from services.printer_sink import DevicePrinterSink

if TYPE_CHECKING:
    from concurrent.futures import Future

    from core.store.store import Store
    from kiosk.context import KioskContext

logger = logging.getLogger(__name__)

PRINT_TIMEOUT_S: Final = 10.0


def with_notes(receipt: Receipt, notes: Sequence[str]) -> Receipt:
    """``receipt`` with ``notes`` as bold lines before its footer (the rule above the QR code)."""
    if not notes:
        return receipt
    blocks = list(receipt.blocks)
    qr = next((i for i, b in enumerate(blocks) if b.kind == "qr"), len(blocks))
    at = qr - 1 if qr > 0 and blocks[qr - 1].kind == "rule" else qr
    added = [ReceiptBlock("rule"), *(ReceiptBlock("text", n, "left", "bold") for n in notes)]
    return replace(receipt, blocks=(*blocks[:at], *added, *blocks[at:]))


class NotedSink:
    """A ReceiptSink that adds ``notes`` to the acceptance receipt and passes every receipt on."""

    def __init__(self, inner: ReceiptSink, notes: Sequence[str]) -> None:
        self._inner = inner
        self._notes = tuple(notes)

    def print_receipt(self, receipt: Receipt) -> None:
        self._inner.print_receipt(with_notes(receipt, self._notes) if receipt.kind == "receipt" else receipt)


def kinds_for(case: Case) -> tuple[str, ...]:
    """The acceptance receipt, and the 一次性告知书 when materials are owed (容缺)."""
    return ("receipt", "notice") if case.deficient_items else ("receipt",)


def print_case_receipts(ctx: KioskContext, store: Store, case: Case, sink: ReceiptSink) -> tuple[str, ...]:
    """On a worker with its Store: print each kind ``case`` has not had printed yet."""
    service = PrintService(store, ctx.clock, ctx.config, KIOSK_OPERATOR)
    done = []
    for kind in kinds_for(case):
        if not store.print_jobs.printed_before(case.number, kind):
            service.print_case(case, kind, sink)
        done.append(kind)
    return tuple(done)


def print_error_text(exc: BaseException) -> str:
    """What the citizen reads when a receipt did not print (the case is safe either way)."""
    reason = exc.message if isinstance(exc, TongbanError | DeviceError) else ""
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
) -> Future[tuple[str, ...]] | None:
    """Print ``case``'s receipts on the ``devices`` worker; callbacks on the GUI thread."""
    uri = ctx.devices.manager.uri("printer")
    if uri is None:
        on_error(
            PrintFailed(QCoreApplication.translate("KioskReceipts", "本机的回执打印机未就绪"), "no printer")
        )
        return None

    def run(store: Store) -> tuple[str, ...]:
        return print_case_receipts(
            ctx, store, case, NotedSink(DevicePrinterSink(uri, PRINT_TIMEOUT_S), notes)
        )

    def failed(exc: BaseException) -> None:
        logger.warning("receipt for case %s not printed: %s", case.number, getattr(exc, "detail", exc))
        if ctx.devices.manager.uri("printer") is not None:
            ctx.devices.check("printer")
        on_error(exc)

    return ctx.runner.run_with(ctx.store_key, run, on_done=on_done, on_error=failed, executor="devices")
