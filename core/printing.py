"""Printing a case's receipts as a transaction: recorded, sent, and marked printed only on success.

The store side of it lives here, in two steps around the printer: ``prepare…`` records the jobs
and builds their receipts, ``settle`` records how the printer took each one. Core never touches the
printer (it imports no devices): services.receipt_printing sends each prepared receipt through the
printer's one door between the two steps, so the store worker is never held up by a printer. A
job that fails stays open and is retried; a second print of the same kind for a case is a reprint
(补打), which the receipt says and the audit log records.
"""

from __future__ import annotations

import logging

from core.cases.codec import case_from_dict
from core.cases.model import Case, RefusalKind
from core.clock import Clock
from core.config import DeviceConfig
from core.errors import TongbanError, ValidationError
from core.receipts import (
    DEFICIENCY_TITLE,
    PROCEDURE_TITLE,
    REJECTION_TITLE,
    SUPPLEMENT_TITLE,
    Receipt,
    acceptance_receipt,
    deficiency_notice,
    notice_owed,
    procedure_notice,
    rejection_notice,
    supplement_notice,
)
from core.store.print_jobs import PrintJob
from core.store.records import AuditEntry
from core.store.store import Store

logger = logging.getLogger(__name__)

KINDS = {
    "receipt": "受理回执",
    "notice": DEFICIENCY_TITLE,  # the persisted kind of the 容缺 notice keeps its old name
    "supplement": SUPPLEMENT_TITLE,
    "rejection": REJECTION_TITLE,
    "procedure": PROCEDURE_TITLE,  # 特别程序告知书, printed when staff ask (行政许可法 §45)
}

Prepared = tuple[PrintJob, Receipt]
"""A recorded job and the receipt to send for it."""


def receipt_kinds(case: Case) -> tuple[str, ...]:
    """What a case hands over: the 受理回执, and the 容缺受理通知书 when materials are owed (容缺);
    for an application not accepted, only its notice (一次性补正告知书 or 不予受理通知书)."""
    if case.refusal is not None:
        return ("supplement",) if case.refusal.kind is RefusalKind.SUPPLEMENT else ("rejection",)
    return ("receipt", "notice") if notice_owed(case) else ("receipt",)


class PrintFailed(TongbanError):
    """The printer did not take the receipt (paper out, offline, timeout…); the job stays open."""

    exit_code = 1


class PrintService:
    """The store side of printing receipts for one operator; lives on its Store's thread (the store worker).

    Nothing here waits for a printer: ``prepare``, ``prepare_kind`` or ``prepare_open`` record the
    jobs before anything is sent, ``settle`` marks each printed or failed once the printer answered.
    """

    def __init__(self, store: Store, clock: Clock, config: DeviceConfig, operator: str) -> None:
        self._store = store
        self._clock = clock
        self._config = config
        self._operator = operator

    def prepare(self, case: Case, *, others: bool = False) -> list[Prepared]:
        """What ``case`` is still owed: its open jobs (left by a failed print), then a new job for each
        kind (``receipt_kinds``) it has had neither printed nor queued. With ``others`` the open jobs
        of every case come first, oldest first: a window's retry after paper-out. A kiosk must not
        ask for them (it would hand one citizen's paper to the next)."""
        jobs = self._store.print_jobs
        open_jobs = [j for j in jobs.open_jobs() if others or j.case_number == case.number]
        owed = {j.kind for j in open_jobs if j.case_number == case.number}
        prepared = self._still_owed(open_jobs, case)
        for kind in receipt_kinds(case):
            if kind not in owed and not jobs.printed_before(case.number, kind):
                job = self._create(case, kind)
                prepared.append((job, self._receipt(case, kind, reprint=job.reprint)))
        return prepared

    def prepare_kind(self, case: Case, kind: str) -> Prepared:
        """One receipt of ``kind`` for ``case``, asked for by staff: the open job of that kind when a
        print of it failed, else a new job — a 补打 when one was printed before. Raises
        ValidationError for a kind the case has nothing for, before anything is recorded."""
        self._receipt(case, kind, reprint=False)
        failed = [
            j for j in self._store.print_jobs.open_jobs() if (j.case_number, j.kind) == (case.number, kind)
        ]
        job = failed[0] if failed else self._create(case, kind)
        return job, self._receipt(case, kind, reprint=job.reprint)

    def prepare_open(self) -> list[Prepared]:
        """Every job still open (a failed print left it) and still owed, oldest first: what a retry prints."""
        return self._still_owed(self._store.print_jobs.open_jobs(), None)

    def settle(self, job: PrintJob, failure: PrintFailed | None) -> PrintJob:
        """Record how the printer took ``job``: printed, or (``failure``) failed and kept open for a retry."""
        if failure is None:
            return self._store.print_jobs.mark_printed(job.id)
        logger.warning("print job %d for case %s failed: %s", job.id, job.case_number, failure.detail)
        return self._store.print_jobs.mark_failed(job.id, failure.message)

    def _create(self, case: Case, kind: str) -> PrintJob:
        reprint = self._store.print_jobs.printed_before(case.number, kind)
        audit = AuditEntry(
            actor=self._operator,
            action="receipt.reprint" if reprint else "receipt.print",
            at=self._clock.now().isoformat(timespec="seconds"),
            case_number=case.number,
            detail={"kind": kind, "reprint": reprint},  # 补打 is audited as such
        )
        return self._store.print_jobs.create(case.number, kind, reprint, audit)

    def _still_owed(self, jobs: list[PrintJob], case: Case | None) -> list[Prepared]:
        """``jobs`` with their receipts, leaving out (open, and logged) any whose receipt can no longer
        be made: a 容缺受理通知书 of a case withdrawn since, a damaged case. One such job must not stop
        every later print at this window."""
        prepared = []
        for job in jobs:
            try:
                owner = case
                if owner is None or owner.number != job.case_number:
                    owner = case_from_dict(self._store.get_case(job.case_number).payload)
                prepared.append((job, self._receipt(owner, job.kind, reprint=job.reprint)))
            except TongbanError as exc:
                logger.warning(
                    "print job %d for case %s is left open: %s", job.id, job.case_number, exc.detail
                )
        return prepared

    def _receipt(self, case: Case, kind: str, *, reprint: bool) -> Receipt:
        if kind == "receipt":
            if case.refusal is not None:
                raise ValidationError(
                    "kind",
                    f"本申请未受理（{case.status.label}），没有受理回执，请打印{KINDS[receipt_kinds(case)[0]]}。",
                    f"case is {case.status.value}: no acceptance receipt",
                )
            return acceptance_receipt(case, self._config, reprint=reprint)
        if kind == "notice":  # ValidationError when none is owed (core.receipts.notice_owed)
            return deficiency_notice(case, self._config, reprint=reprint)
        if kind == "supplement":  # ValidationError unless the case was refused for 补正
            return supplement_notice(case, self._config, reprint=reprint)
        if kind == "rejection":
            return rejection_notice(case, self._config, reprint=reprint)
        if kind == "procedure":  # ValidationError when the case has no 特别程序
            return procedure_notice(case, self._config, reprint=reprint)
        raise ValidationError("kind", f"不认识的回执种类“{kind}”（可用：{'、'.join(KINDS)}）")
