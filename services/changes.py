"""``Changes``: what an operation changed on this device, so each screen reloads only what concerns it.

Anki's ``OpChanges`` (qt/aqt/operations/__init__.py): an operation says what it touched, one
notification carries it to every screen (qtkit.operations.OperationHub), and each screen decides
whether it cares. Immutable: any thread.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from core.cases.model import Case
from core.store.print_jobs import PrintJob
from sync.report import SyncReport


@dataclass(frozen=True, slots=True)
class Changes:
    """What changed. An operation on a case also appends its events to the outbox (core's
    CaseService writes both in one transaction), so ``for_cases`` sets ``outbox`` too."""

    cases: frozenset[str] = field(default_factory=frozenset)  # local numbers of the cases changed
    all_cases: bool = False  # cases changed that nobody named (a sync round applied department results)
    outbox: bool = False  # events added or acknowledged, cases quarantined or released: what waits to upload
    sync_status: bool = False  # a sync round ran: its persisted status (last attempt, success, error)
    prints: bool = False  # print jobs opened or settled (a receipt printed, or kept for a retry)
    staff: bool = False  # staff accounts
    catalog: bool = False  # a new catalog was installed

    @classmethod
    def for_cases(cls, numbers: Iterable[str]) -> Changes:
        """Cases ``numbers`` changed (and so did the outbox)."""
        return cls(cases=frozenset(numbers), outbox=True)

    @classmethod
    def of_case(cls, case: Case) -> Changes:
        """``case`` as an operation returned it (accepted, supplemented, withdrawn, rated…) changed."""
        return cls.for_cases([case.number])

    @classmethod
    def of_prints(cls, jobs: Iterable[PrintJob]) -> Changes:
        """Print jobs were opened or settled for these jobs' cases."""
        return cls(cases=frozenset(job.case_number for job in jobs), prints=True)

    @classmethod
    def of_round(cls, report: SyncReport) -> Changes:
        """What a sync round changed on this device, from its report: acknowledged events leave the
        outbox, applied department results change cases (the report does not name them), quarantined
        cases change state; a catalog or staff accounts may arrive. Every round records its status."""
        return cls(
            cases=frozenset(report.quarantined),
            all_cases=report.applied_updates > 0,
            outbox=report.acked > 0 or bool(report.quarantined),
            sync_status=True,
            staff=report.staff_accounts > 0,
            catalog=report.catalog_version is not None,
        )

    @classmethod
    def of_failed_round(cls) -> Changes:
        """A round that raised: only its recorded status may have changed."""
        return cls(sync_status=True)

    def __bool__(self) -> bool:
        return bool(
            self.cases
            or self.all_cases
            or self.outbox
            or self.sync_status
            or self.prints
            or self.staff
            or self.catalog
        )

    @property
    def any_case(self) -> bool:
        """Some case changed (named or not)."""
        return self.all_cases or bool(self.cases)

    def touches(self, number: str) -> bool:
        """Case ``number`` (its local number) may have changed."""
        return self.all_cases or number in self.cases
