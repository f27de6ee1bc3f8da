"""Printing an accepted case's receipts and recording the 好差评, on worker threads with their Store (no Qt)."""

from __future__ import annotations

from core.cases.model import Case
from core.clock import Clock
from core.config import DeviceConfig
from core.printing import PrintService, ReceiptSink
from core.store.store import Store


def kinds_for(case: Case) -> tuple[str, ...]:
    """What an accepted case hands over: the receipt, and the one-time notice when materials are owed."""
    return ("receipt", "notice") if case.deficient_items else ("receipt",)


def print_receipts(
    store: Store, clock: Clock, config: DeviceConfig, operator: str, case: Case, sink: ReceiptSink
) -> tuple[str, ...]:
    """Print what ``case`` still lacks: open jobs first (a retry after paper-out), then each kind not
    printed yet. Each job is recorded before it is sent (core.printing); PrintFailed leaves it open."""
    service = PrintService(store, clock, config, operator)
    service.retry_open(sink)
    done = []
    for kind in kinds_for(case):
        if not store.print_jobs.printed_before(case.number, kind):
            service.print_case(case, kind, sink)
        done.append(kind)
    return tuple(done)
