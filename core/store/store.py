"""The device's local store: cases, their events (the outbox), attachments and the audit log."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from types import TracebackType

import sqlite_utils

from core.clock import Clock
from core.crypto import DeviceKey
from core.errors import StoreError
from core.store import attachments, audit_log, numbering
from core.store import cases as case_rows
from core.store import events as event_rows
from core.store.counters import advance_counter, raise_counter_to
from core.store.db import write_transaction
from core.store.guard import translated as _translated
from core.store.kiosk_ratings import KioskRatingStore
from core.store.migrations import EVENT_SEQ_SCOPE
from core.store.opening import open_data_dir
from core.store.print_jobs import PrintJobStore
from core.store.queue_outbox import QueueOutboxStore
from core.store.records import (
    AuditEntry,
    AuditHead,
    AuditReport,
    AuditVerification,
    CaseRecord,
    NewEvent,
    StoredEvent,
)
from core.store.sync_state import SyncStateStore

logger = logging.getLogger(__name__)

_RESERVED_SCOPE_PREFIX = "__"


class Store:
    """Everything this device keeps, committed before anyone is told it is done.

    Lives on the thread that opened it: one Store (one SQLite connection) per thread, which
    sqlite3's same-thread check enforces. Several Stores, in threads or processes, may share a
    data directory (WAL mode, busy timeout, write transactions begun IMMEDIATE). Every write
    method returns only after its transaction is durable (synchronous=FULL).
    """

    def __init__(
        self, db: sqlite_utils.Database, key: DeviceKey, *, data_dir: Path, device_id: str, clock: Clock
    ) -> None:
        """Use :meth:`open`; this only wires parts that are already open."""
        self._db = db
        self._key = key
        self._data_dir = data_dir
        self._device_id = device_id
        self._clock = clock
        self._attachments = data_dir / "attachments"
        self._batch_depth = 0
        self._sync = SyncStateStore(db, key, clock, self._writing)
        self._print_jobs = PrintJobStore(db, key, clock, self._writing)
        self._kiosk_ratings = KioskRatingStore(db, key, clock, self._writing)
        self._queue_outbox = QueueOutboxStore(db, key, self._writing)

    # -- opening and closing -----------------------------------------------------------------

    @classmethod
    @_translated
    def open(cls, data_dir: Path, *, clock: Clock, key_file: Path | None = None) -> Store:
        """Open (creating on first run) ``data_dir/tongban.db`` with the device key.

        The key is ``key_file`` if given, else ``$TONGBAN_DEVICE_KEY_FILE``, else
        ``data_dir/keys/device.key`` (created on first run only). KeyMaterialError if the key is
        missing while data exists, unreadable, too widely readable, or not the data's key;
        StoreError if the database is missing or empty where data existed, or the directory cannot
        be written (core/store/opening.py).
        """
        db, key, device_id = open_data_dir(data_dir, clock=clock, key_file=key_file)
        try:
            attachments.remove_stale_parts(data_dir / "attachments")
        except BaseException:
            db.close()
            raise
        logger.info("store opened at %s (device %s)", data_dir, device_id)
        return cls(db, key, data_dir=data_dir, device_id=device_id, clock=clock)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @property
    def device_id(self) -> str:
        """This device's random id (uuid4 hex): with an event's seq, the sync idempotency key."""
        return self._device_id

    @property
    def data_dir(self) -> Path:
        return self._data_dir

    @property
    def sync(self) -> SyncStateStore:
        """The sync client's persisted state (enrollment, status, cursors, quarantine, staff)."""
        return self._sync

    @property
    def print_jobs(self) -> PrintJobStore:
        """Receipt print jobs: recorded before sending, marked printed only when the printer took them."""
        return self._print_jobs

    @property
    def kiosk_ratings(self) -> KioskRatingStore:
        """好差评 given at a kiosk with no local case: queued until the platform has them."""
        return self._kiosk_ratings

    @property
    def queue_outbox(self) -> QueueOutboxStore:
        """排队叫号 events made here while the hall server was down (offline tickets): queued until it has them."""
        return self._queue_outbox

    # -- transactions ------------------------------------------------------------------------

    @contextmanager
    def batch(self) -> Iterator[Store]:
        """Make every write inside one transaction: all of them commit together, or none does.

        Sync applies a pulled update and advances its cursor this way, so a crash can neither
        lose the update nor apply it twice. Nested batches and the writes inside are savepoints.
        """
        with self._writing():
            self._batch_depth += 1
            try:
                yield self
            finally:
                self._batch_depth -= 1

    @contextmanager
    def _writing(self) -> Iterator[None]:
        if self._batch_depth:
            with self._db.atomic():  # a savepoint: a failed write undoes itself, not the batch
                yield
        else:
            with write_transaction(self._db):
                yield

    # -- cases -------------------------------------------------------------------------------

    @_translated
    def add_case(
        self, record: CaseRecord, events: Sequence[NewEvent], audit: AuditEntry
    ) -> list[StoredEvent]:
        """Commit a new case, its events and its audit entry together, or nothing at all.

        StoreError if the number exists. Returns the stored events once they are durable.
        """
        audit = _audit_for(record.number, audit)
        with self._writing():
            case_rows.insert_case(self._db, self._key, record)
            stored = event_rows.append_events(self._db, self._key, self._device_id, record.number, events)
            audit_log.append(self._db, self._key, audit)
        logger.debug("case %s added with %d event(s)", record.number, len(stored))
        return stored

    @_translated
    def update_case(
        self,
        record: CaseRecord,
        events: Sequence[NewEvent],
        audit: AuditEntry,
        *,
        expected_version: int,
        acknowledged: str | None = None,
    ) -> list[StoredEvent]:
        """Commit a new state of a case still at ``expected_version``, with its events and audit entry.

        ``record.version`` must be ``expected_version + 1``; StoreError if it is not or if someone
        else changed the case first (optimistic concurrency), NotFoundError if there is no case.
        ``acknowledged`` is the platform's receipt for a change that came FROM the platform (a
        pulled status or result): its events are stored already acknowledged, never pushed back.
        """
        audit = _audit_for(record.number, audit)
        with self._writing():
            case_rows.update_case(self._db, self._key, record, expected_version)
            stored = event_rows.append_events(self._db, self._key, self._device_id, record.number, events)
            if acknowledged is not None and stored:
                acked_at = self._clock.now().isoformat()
                event_rows.mark_acked(self._db, [e.seq for e in stored], acknowledged, acked_at)
                stored = [replace(e, acked_at=acked_at, receipt=acknowledged) for e in stored]
            audit_log.append(self._db, self._key, audit)
        logger.debug("case %s updated to version %d", record.number, record.version)
        return stored

    @_translated
    def get_case(self, number: str) -> CaseRecord:
        """The case with this local or official number; NotFoundError if there is none."""
        return case_rows.get_case(self._db, self._key, number)

    @_translated
    def list_cases(
        self,
        *,
        status: str | None = None,
        person_hash: str | None = None,
        name_hash: str | None = None,
        bundle_id: str | None = None,
        deadline_before: str | None = None,
        limit: int = 200,
        damaged: list[str] | None = None,
    ) -> list[CaseRecord]:
        """Cases matching every given filter, newest (most recently stored) first.

        ``deadline_before`` is an ISO date: cases whose 容缺 deadline is strictly earlier. With
        ``damaged``, a case whose sealed payload does not open is named there instead of failing the list.
        """
        return case_rows.list_cases(
            self._db,
            self._key,
            status=status,
            person_hash=person_hash,
            name_hash=name_hash,
            bundle_id=bundle_id,
            deadline_before=deadline_before,
            limit=limit,
            damaged=damaged,
        )

    @_translated
    def bind_official_number(self, number: str, official: str) -> None:
        """Record the platform's official number for a local case; both stay searchable."""
        with self._writing():
            case_rows.bind_official_number(self._db, number, official)

    # -- events and the outbox ---------------------------------------------------------------

    @_translated
    def events_for(self, case_number: str) -> list[StoredEvent]:
        """A case's events in order; the case may be named by its local or official number."""
        number = case_rows.resolve_number(self._db, case_number)
        return event_rows.events_for(self._db, self._key, self._device_id, number)

    @_translated
    def pending_events(self, limit: int | None = None, *, after_seq: int = 0) -> list[StoredEvent]:
        """The outbox: events the platform has not acknowledged, in sequence order; with ``limit``
        and ``after_seq`` (the last seq of the previous page) one page of it at a time."""
        return event_rows.pending_events(self._db, self._key, self._device_id, limit, after_seq)

    @_translated
    def pending_by_case(self) -> dict[str, int]:
        """The outbox per case: how many unacknowledged events each case has (no event is opened)."""
        return event_rows.pending_by_case(self._db)

    @_translated
    def pending_count(self) -> int:
        return event_rows.pending_count(self._db)

    @_translated
    def mark_acked(self, seqs: Sequence[int], receipt: str) -> None:
        """Mark events as durably stored by the platform (``receipt`` is its answer); never undone."""
        acked_at = self._clock.now().isoformat()
        with self._writing():
            event_rows.mark_acked(self._db, seqs, receipt, acked_at)

    @_translated
    def mark_acked_each(self, receipts: Sequence[tuple[int, str]]) -> None:
        """Mark events acknowledged, each with its own receipt from the platform, in one transaction."""
        acked_at = self._clock.now().isoformat()
        with self._writing():
            event_rows.mark_acked_receipts(self._db, receipts, acked_at)

    @_translated
    def next_sequence(self, scope: str) -> int:
        """The next value (1, 2, …) of a durable counter, committed before it returns.

        A value is never returned twice; a crash after the commit leaves a gap, which is allowed.
        """
        if not scope or scope.startswith(_RESERVED_SCOPE_PREFIX):
            raise StoreError("计数器名称无效。", f"counter scope {scope!r} is empty or reserved")
        with self._writing():
            return advance_counter(self._db, scope)

    # -- numbering after a restore (core/store/numbering.py) ----------------------------------

    @_translated
    def numbering_held_since(self) -> str | None:
        """When a restore held numbering (no new case number or event until released), else None."""
        return numbering.held_since(self._db)

    @_translated
    def release_numbering(
        self, counters: Mapping[str, int], audit: AuditEntry, *, event_seq: int = 0
    ) -> None:
        """Move the event seq and each counter scope to at least the given value, lift the hold,
        and record ``audit``: one transaction. Counters are only ever raised, never lowered."""
        with self._writing():
            raise_counter_to(self._db, EVENT_SEQ_SCOPE, event_seq)
            for scope, value in counters.items():
                raise_counter_to(self._db, scope, value)
            numbering.lift(self._db)
            audit_log.append(self._db, self._key, audit)
        logger.info(
            "numbering released: event seq >= %d, %d daily case counters raised", event_seq, len(counters)
        )

    # -- attachments -------------------------------------------------------------------------

    @_translated
    def put_attachment(self, data: bytes, *, media_type: str) -> str:
        """Store a file durably and return the sha256 (hex) of its plaintext; idempotent."""
        return attachments.put(
            self._db, self._key, self._attachments, data, media_type, self._clock.now().isoformat()
        )

    @_translated
    def get_attachment(self, sha256: str) -> bytes:
        """The plaintext of a stored file, verified against ``sha256``; NotFoundError if unknown."""
        return attachments.get(self._db, self._key, self._attachments, sha256)

    @_translated
    def has_attachment(self, sha256: str) -> bool:
        return attachments.has(self._db, self._key, sha256)

    @_translated
    def attachment_size(self, sha256: str) -> int:
        """The plaintext size in bytes of a stored file; NotFoundError if unknown."""
        return attachments.size(self._db, self._key, sha256)

    # -- audit -------------------------------------------------------------------------------

    @_translated
    def append_audit(self, entry: AuditEntry) -> None:
        """Record an action outside a case write (e.g. revealing an ID number), in its own transaction."""
        with self._writing():
            audit_log.append(self._db, self._key, entry)

    @_translated
    def verify_audit(self) -> AuditVerification:
        """Walk the hash chain; ``first_bad`` names the first entry that was altered, moved or removed."""
        return audit_log.verify(self._db, self._key)

    @_translated
    def audit_head(self) -> AuditHead:
        """The log's authenticated head (count, last hash), checked cheaply against its end;
        AuditTamperedError if entries were cut off or the head forged. What each sync reports."""
        return audit_log.head(self._db, self._key)

    @_translated
    def report_audit_head(self) -> AuditReport:
        """The checked head for a sync request or an export, remembered as reported (AuditTamperedError
        if the log's end does not match its authenticated head)."""
        with self._writing():
            return audit_log.report(self._db, self._key)

    @_translated
    def confirm_audit_head(self, count: int) -> None:
        """The platform answered a request carrying the head at ``count`` (it holds that head now)."""
        with self._writing():
            audit_log.confirm(self._db, count)

    @_translated
    def audit_entries(self, case_number: str | None = None) -> list[AuditEntry]:
        return audit_log.entries(self._db, self._key, case_number)

    # -- keyed hashes ------------------------------------------------------------------------

    def person_hash(self, id_number: str) -> str:
        """Keyed hash of an ID number (upper-cased, NFKC) for ``list_cases(person_hash=…)``."""
        return self._key.keyed_hash("id_number", id_number)

    def name_hash(self, name: str) -> str:
        """Keyed hash of a name (NFKC, stripped) for ``list_cases(name_hash=…)``."""
        return self._key.keyed_hash("name", name)


def _audit_for(number: str, audit: AuditEntry) -> AuditEntry:
    if audit.case_number is None:
        return replace(audit, case_number=number)
    if audit.case_number != number:
        raise StoreError(
            "审计记录与办件不符。", f"audit entry for case {audit.case_number!r} written with case {number!r}"
        )
    return audit
