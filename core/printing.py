"""Printing a case's receipts as a transaction: recorded, sent, and marked printed only on success.

The printer itself is a port (``ReceiptSink``): a GUI or the CLI wires in a real printer from
``devices.printer``; core never imports devices. A job that fails stays open and is retried;
a second print of the same kind for a case is a reprint (补打), which the receipt says and the
audit log records.
"""

from __future__ import annotations

import logging
from typing import Protocol

from core.cases.codec import case_from_dict
from core.cases.model import Case
from core.clock import Clock
from core.config import DeviceConfig
from core.errors import TongbanError, ValidationError
from core.receipts import Receipt, acceptance_receipt, deficiency_notice
from core.store.print_jobs import PrintJob
from core.store.records import AuditEntry
from core.store.store import Store

logger = logging.getLogger(__name__)

KINDS = {"receipt": "受理回执", "notice": "一次性告知书"}


class PrintFailed(TongbanError):
    """The printer did not take the receipt (paper out, offline, timeout…); the job stays open."""

    exit_code = 1


class ReceiptSink(Protocol):
    """Where receipts go. Raises PrintFailed unless the printer accepted the whole receipt."""

    def print_receipt(self, receipt: Receipt) -> None: ...


class PrintService:
    """Prints receipts of stored cases for one operator; lives on its caller's thread (with its Store)."""

    def __init__(self, store: Store, clock: Clock, config: DeviceConfig, operator: str) -> None:
        self._store = store
        self._clock = clock
        self._config = config
        self._operator = operator

    def print_case(self, case: Case, kind: str, sink: ReceiptSink) -> PrintJob:
        """Record a job for ``case``'s receipt of ``kind``, print it, mark it printed.

        Raises ValidationError for a kind the case has nothing for, PrintFailed when the printer
        did not take it (the job then stays open for ``retry_open``).
        """
        self._receipt(case, kind, reprint=False)  # refuse before anything is recorded
        reprint = self._store.print_jobs.printed_before(case.number, kind)
        action = "receipt.reprint" if reprint else "receipt.print"
        audit = AuditEntry(
            actor=self._operator,
            action=action,
            at=self._clock.now().isoformat(timespec="seconds"),
            case_number=case.number,
            detail={"kind": kind, "reprint": reprint},  # 补打 is audited as such
        )
        job = self._store.print_jobs.create(case.number, kind, reprint, audit)
        return self._run(job, case, sink)

    def retry_open(self, sink: ReceiptSink) -> list[PrintJob]:
        """Print every job still open, oldest first; stops at the first failure (the printer is down)."""
        done = []
        for job in self._store.print_jobs.open_jobs():
            case = case_from_dict(self._store.get_case(job.case_number).payload)
            done.append(self._run(job, case, sink))
        return done

    def _run(self, job: PrintJob, case: Case, sink: ReceiptSink) -> PrintJob:
        receipt = self._receipt(case, job.kind, reprint=job.reprint)
        try:
            sink.print_receipt(receipt)
        except PrintFailed as exc:
            self._store.print_jobs.mark_failed(job.id, exc.message)
            logger.warning("print job %d for case %s failed: %s", job.id, case.number, exc.detail)
            raise
        return self._store.print_jobs.mark_printed(job.id)

    def _receipt(self, case: Case, kind: str, *, reprint: bool) -> Receipt:
        if kind == "receipt":
            return acceptance_receipt(case, self._config, reprint=reprint)
        if kind == "notice":
            if not case.deficient_items:
                raise ValidationError("kind", "本办件没有容缺待补的材料，不需要一次性告知书。")
            return deficiency_notice(case, self._config, reprint=reprint)
        raise ValidationError("kind", f"不认识的回执种类“{kind}”（可用：{'、'.join(KINDS)}）")
