"""What the case desk reads from the store, run on the store worker: search results, a case's detail."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from core.case_numbers import parse_case_number
from core.cases.model import Case, CaseStatus
from core.cases.service import CaseQuery, CaseService
from core.catalog.model import Catalog
from core.clock import Clock
from core.config import DeviceConfig
from core.errors import NotFoundError, ValidationError
from core.masking import mask_id_number, mask_name
from core.printing import PrintService, receipt_kinds
from core.store.print_jobs import PrintJobStatus
from core.store.store import Store
from core.store.sync_state import Quarantine, Rework
from core.validation.idnumbers import normalise_id_number, parse_id_number
from devices.qr.payloads import PayloadKind, classify_payload

# Everything here is Qt-free and runs on the TaskRunner's store worker with that thread's Store
# (qtkit/tasks.py); the GUI gets frozen values back. Case numbers, ID numbers and names are never
# logged here.

RESULT_LIMIT = 200
_DIGIT = re.compile(r"\d")
_LOOKS_LIKE_ID = re.compile(r"^[0-9A-Z]{15}$|^[0-9]{17}[0-9X]$")
# A typed document's number (回乡证 9/11, 台胞证 8/10, passports 5–20: core.validation.travel_documents):
# letters and digits, shorter than any official case number (20+), not a card number's 15 or 18;
# 16–19 digits alone are a mistyped card or case number rather than a document's.
_TRAVEL_DOCUMENT = re.compile(r"^(?=.*\d)(?:[0-9A-Z]{5,14}|(?=.*[A-Z])(?:[0-9A-Z]{16,17}|[0-9A-Z]{19}))$")


class SyncState(StrEnum):
    """Where a case stands with the platform, worst first: quarantined, rework, pending, synced."""

    SYNCED = "synced"  # 已同步: every event acknowledged
    PENDING = "pending"  # 待上传: events still in the outbox
    QUARANTINED = "quarantined"  # 隔离: the platform refused an event for good; later ones wait
    REWORK = "rework"  # 需返工: the platform sent the case back (退回重办)


class SearchKind(StrEnum):
    """How the search text was read."""

    RECENT = "recent"  # no text: the newest cases
    NUMBER = "number"  # our case number, typed in any readable form or scanned from the receipt QR
    OFFICIAL = "official"  # the platform's official number (统一办件编号)
    ID_NUMBER = "id_number"
    NAME = "name"


@dataclass(frozen=True, slots=True)
class CaseFilter:
    """The filter row; a number look-up ignores it (the case asked for is always shown)."""

    status: CaseStatus | None = None
    sync: SyncState | None = None
    due_within_days: int | None = (
        None  # an open 容缺 or 核查 deadline on or before today + N (overdue included)
    )


@dataclass(frozen=True, slots=True)
class CaseRow:
    """One line of the results table; personal data already masked."""

    number: str
    display: str
    bundle_name: str
    status: CaseStatus
    applicant: str  # masked name
    id_masked: str
    created_at: str
    deadline: date | None  # the earliest open deadline: 容缺补齐 or 告知承诺核查 (Case.next_deadline)
    sync: SyncState
    deadline_kind: str = "deficiency"  # "deficiency" (容缺), "check" (核查) or "rectify" (差评整改)
    paused: bool = False  # a 特别程序 is running: the clock is paused (core/cases/special_procedures.py)


@dataclass(frozen=True, slots=True)
class SearchOutcome:
    rows: tuple[CaseRow, ...]
    kind: SearchKind
    truncated: bool = False  # more matched than RESULT_LIMIT


@dataclass(frozen=True, slots=True)
class EventLine:
    """One case event as the timeline shows it; ``held``: waiting behind a quarantine."""

    seq: int
    kind: str
    device_time: str
    acked_at: str | None
    payload: Mapping[str, Any]
    held: bool = False


@dataclass(frozen=True, slots=True)
class PrintSummary:
    printed: int = 0  # receipts the printer took
    open: int = 0  # jobs a failed print left for a retry
    last_error: str | None = None


@dataclass(frozen=True, slots=True)
class CaseDetail:
    case: Case
    sync: SyncState
    events: tuple[EventLine, ...]
    quarantine: Quarantine | None
    rework: Rework | None
    prints: PrintSummary

    @property
    def receipt_printed(self) -> bool:
        """A receipt was printed before: printing again is a 补打."""
        return self.prints.printed > 0


@dataclass(frozen=True, slots=True)
class DeskServices:
    """Builds core services for one worker call. Immutable: made on the GUI thread, used on the worker."""

    catalog: Catalog
    clock: Clock
    config: DeviceConfig
    operator: str

    def cases(self, store: Store) -> CaseService:
        return CaseService(self.catalog, store, self.clock, self.config, self.operator)

    def printing(self, store: Store) -> PrintService:
        return PrintService(store, self.clock, self.config, self.operator)

    def today(self) -> date:
        return self.clock.now().date()


@dataclass(frozen=True, slots=True)
class SyncIndex:
    """Which cases are pending, quarantined or sent back, read once per search. Immutable: any thread."""

    pending: frozenset[str]
    quarantined: Mapping[str, Quarantine]
    rework: Mapping[str, Rework]

    @classmethod
    def read(cls, store: Store) -> SyncIndex:
        return cls(
            pending=frozenset(store.pending_by_case()),
            quarantined={q.case_number: q for q in store.sync.quarantined()},
            rework={r.case_number: r for r in store.sync.rework()},
        )

    def state(self, number: str) -> SyncState:
        if number in self.quarantined:
            return SyncState.QUARANTINED
        if number in self.rework:
            return SyncState.REWORK
        return SyncState.PENDING if number in self.pending else SyncState.SYNCED

    def numbers(self, state: SyncState) -> frozenset[str]:
        if state is SyncState.QUARANTINED:
            return frozenset(self.quarantined)
        if state is SyncState.REWORK:
            return frozenset(self.rework) - frozenset(self.quarantined)
        return self.pending - frozenset(self.quarantined) - frozenset(self.rework)


def interpret(text: str, today: date) -> tuple[SearchKind, str]:
    """What the search text is: a receipt QR or case number, an ID document number (a card's, or a
    回乡证's, 台胞证's or passport's), an official number or a name."""
    stripped = unicodedata.normalize("NFKC", text).strip()
    if not stripped:
        return SearchKind.RECENT, ""
    scanned = classify_payload(stripped)
    if scanned.kind is PayloadKind.TONGBAN_RECEIPT:
        return SearchKind.NUMBER, scanned.value
    try:
        return SearchKind.NUMBER, parse_case_number(stripped).digits
    except ValidationError:
        pass
    try:
        return SearchKind.ID_NUMBER, parse_id_number(stripped, today=today).number
    except ValidationError:
        pass
    document = normalise_id_number(stripped)
    if _TRAVEL_DOCUMENT.match(document):
        return SearchKind.ID_NUMBER, document
    if _DIGIT.search(stripped):
        return SearchKind.OFFICIAL, stripped
    return SearchKind.NAME, stripped


def search(store: Store, services: DeskServices, text: str, filters: CaseFilter) -> SearchOutcome:
    """Find cases by ``text`` (see ``interpret``) and the filters, newest first."""
    today = services.today()
    kind, value = interpret(text, today)
    cases = services.cases(store)
    index = SyncIndex.read(store)
    if kind in (SearchKind.NUMBER, SearchKind.OFFICIAL):
        try:
            found = [cases.get(value)]
        except NotFoundError:
            _explain_miss(text, kind, today)
            return SearchOutcome((), kind)
        return SearchOutcome(tuple(_row(c, index) for c in found), kind)
    query = CaseQuery(
        status=filters.status,
        id_number=value if kind is SearchKind.ID_NUMBER else None,
        name=value if kind is SearchKind.NAME else None,
        deadline_before=_deadline_bound(filters, today),
        limit=RESULT_LIMIT + 1,
    )
    sync = filters.sync
    if kind is SearchKind.RECENT and sync is not None and sync is not SyncState.SYNCED:
        found = _by_numbers(cases, index.numbers(sync))  # the outbox may hold older cases than the newest 200
    else:
        found = cases.find(query)
    rows = [_row(c, index) for c in found if _matches(c, index, filters, today)]
    return SearchOutcome(tuple(rows[:RESULT_LIMIT]), kind, truncated=len(rows) > RESULT_LIMIT)


def detail(store: Store, services: DeskServices, number: str) -> CaseDetail:
    """One case with its events (uploaded or not), quarantine or rework and print history."""
    case = services.cases(store).get(number)
    quarantine = next((q for q in store.sync.quarantined() if q.case_number == case.number), None)
    rework = next((r for r in store.sync.rework() if r.case_number == case.number), None)
    events = tuple(
        EventLine(
            seq=e.seq,
            kind=e.kind,
            device_time=e.device_time,
            acked_at=e.acked_at,
            payload=e.payload,
            held=quarantine is not None and e.acked_at is None and e.seq >= quarantine.seq,
        )
        for e in store.events_for(case.number)
    )
    pending = any(e.acked_at is None for e in events)
    if quarantine is not None:
        sync = SyncState.QUARANTINED
    elif rework is not None:
        sync = SyncState.REWORK
    else:
        sync = SyncState.PENDING if pending else SyncState.SYNCED
    main = receipt_kinds(case)[0]  # the 受理回执, or the notice of an application not accepted
    jobs = [j for j in store.print_jobs.jobs_for(case.number) if j.kind == main]
    failed = [j for j in jobs if j.status is not PrintJobStatus.PRINTED]
    prints = PrintSummary(
        printed=sum(j.status is PrintJobStatus.PRINTED for j in jobs),
        open=len(failed),
        last_error=failed[-1].last_error if failed else None,
    )
    return CaseDetail(case, sync, events, quarantine, rework, prints)


def _row(case: Case, index: SyncIndex) -> CaseRow:
    deadline = case.next_deadline
    return CaseRow(
        number=case.number,
        display=parse_case_number(case.number).display,
        bundle_name=case.bundle_name,
        status=case.status,
        applicant=mask_name(case.applicant.name),
        id_masked=mask_id_number(case.applicant.id_number),
        created_at=case.created_at,
        deadline=deadline,
        sync=index.state(case.number),
        deadline_kind=_deadline_kind(case, deadline),
        paused=bool(case.open_procedures),
    )


def _deadline_kind(case: Case, deadline: date | None) -> str:
    """What the row's deadline is for: 核查 (告知承诺), 整改 (差评) or 容缺补齐."""
    if deadline is not None and deadline == case.check_deadline:
        return "check"
    if deadline is not None and deadline == case.rectification_deadline:
        return "rectify"
    return "deficiency"


def _deadline_bound(filters: CaseFilter, today: date) -> date | None:
    if filters.due_within_days is None:
        return None
    return today + timedelta(days=filters.due_within_days + 1)  # the store's bound is strict


def _matches(case: Case, index: SyncIndex, filters: CaseFilter, today: date) -> bool:
    if filters.status is not None and case.status is not filters.status:
        return False
    if filters.sync is not None and index.state(case.number) is not filters.sync:
        return False
    if filters.due_within_days is not None:
        deadline = case.next_deadline  # a 核查 may be due after 办结: Case.next_deadline knows
        if deadline is None or deadline > today + timedelta(days=filters.due_within_days):
            return False
    return True


def _by_numbers(cases: CaseService, numbers: frozenset[str]) -> list[Case]:
    found = []
    for number in numbers:
        try:
            found.append(cases.get(number))
        except NotFoundError:  # an event of a case this device no longer holds: nothing to show
            continue
    return sorted(found, key=lambda c: c.created_at, reverse=True)


def _explain_miss(text: str, kind: SearchKind, today: date) -> None:
    """For text that is no number we know: say what is wrong with it, if anything is."""
    if kind is not SearchKind.OFFICIAL:
        return
    compact = "".join(unicodedata.normalize("NFKC", text).split()).upper()
    digits = compact.replace("-", "")
    if len(digits) == 20 and digits.isdigit():
        parse_case_number(digits)  # raises: a mistyped case number (the check digit catches it)
    if _LOOKS_LIKE_ID.match(compact):
        parse_id_number(compact, today=today)  # raises: a mistyped ID number
