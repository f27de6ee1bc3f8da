"""Print jobs (m003): a receipt is recorded before it is sent and marked printed only when the
printer took it; a job that failed (paper out, offline) stays for a retry."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import sqlite_utils

from core.clock import Clock
from core.crypto import DeviceKey
from core.errors import NotFoundError
from core.store import audit_log
from core.store.codec import aad, open_json, seal_json
from core.store.guard import translated
from core.store.records import AuditEntry
from core.store.sync_state import Writing


class PrintJobStatus(StrEnum):
    """Persisted values: never rename one."""

    QUEUED = "queued"  # recorded, not yet confirmed by the printer
    PRINTED = "printed"  # the printer took it (and reported paper where it can)
    FAILED = "failed"  # the last attempt failed; kept for a retry


@dataclass(frozen=True, slots=True)
class PrintJob:
    id: int
    case_number: str
    kind: str  # receipt | notice (容缺) | supplement (补正) | rejection (不予受理)
    reprint: bool  # 补打: a receipt of this kind was printed for the case before
    status: PrintJobStatus
    attempts: int
    created_at: str
    updated_at: str
    last_error: str | None = None


_COLUMNS = "id, case_number, kind, reprint, status, attempts, created_at, updated_at, last_error"


class PrintJobStore:
    """The print_jobs table of one Store; lives on that Store's thread (``Store.print_jobs``)."""

    def __init__(self, db: sqlite_utils.Database, key: DeviceKey, clock: Clock, writing: Writing) -> None:
        self._db = db
        self._key = key
        self._clock = clock
        self._writing = writing

    def _row(self, row: tuple[object, ...]) -> PrintJob:
        job_id, number, kind, reprint, status, attempts, created, updated, sealed = row
        error = None
        if isinstance(sealed, bytes):
            error = str(open_json(self._key, sealed, aad("print_jobs", str(job_id))))
        return PrintJob(
            id=int(str(job_id)),
            case_number=str(number),
            kind=str(kind),
            reprint=bool(reprint),
            status=PrintJobStatus(str(status)),
            attempts=int(str(attempts)),
            created_at=str(created),
            updated_at=str(updated),
            last_error=error,
        )

    @translated
    def create(self, case_number: str, kind: str, reprint: bool, audit: AuditEntry) -> PrintJob:
        """Record a job and its audit entry (a reprint is audited as 补打) in one transaction."""
        now = self._clock.now().isoformat()
        with self._writing():
            cursor = self._db.execute(
                "INSERT INTO print_jobs (case_number, kind, reprint, status, attempts, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, 0, ?, ?)",
                [case_number, kind, int(reprint), PrintJobStatus.QUEUED.value, now, now],
            )
            job_id = int(cursor.lastrowid or 0)
            audit_log.append(self._db, self._key, audit)
        return self.get(job_id)

    @translated
    def get(self, job_id: int) -> PrintJob:
        row = self._db.execute(f"SELECT {_COLUMNS} FROM print_jobs WHERE id = ?", [job_id]).fetchone()
        if row is None:
            raise NotFoundError(f"没有编号为 {job_id} 的打印任务。", f"no print job {job_id}")
        return self._row(tuple(row))

    @translated
    def mark_printed(self, job_id: int) -> PrintJob:
        with self._writing():
            self._db.execute(
                "UPDATE print_jobs SET status = ?, attempts = attempts + 1, updated_at = ?, last_error = NULL"
                " WHERE id = ?",
                [PrintJobStatus.PRINTED.value, self._clock.now().isoformat(), job_id],
            )
        return self.get(job_id)

    @translated
    def mark_failed(self, job_id: int, error: str) -> PrintJob:
        sealed = seal_json(self._key, error, aad("print_jobs", str(job_id)), "print error")
        with self._writing():
            self._db.execute(
                "UPDATE print_jobs SET status = ?, attempts = attempts + 1, updated_at = ?, last_error = ?"
                " WHERE id = ? AND status != ?",
                [
                    PrintJobStatus.FAILED.value,
                    self._clock.now().isoformat(),
                    sealed,
                    job_id,
                    PrintJobStatus.PRINTED.value,
                ],
            )
        return self.get(job_id)

    @translated
    def open_jobs(self) -> list[PrintJob]:
        """Jobs not yet printed (queued or failed), oldest first: what a retry should print."""
        rows = self._db.execute(
            f"SELECT {_COLUMNS} FROM print_jobs WHERE status != ? ORDER BY id",
            [PrintJobStatus.PRINTED.value],
        ).fetchall()
        return [self._row(tuple(r)) for r in rows]

    @translated
    def printed_before(self, case_number: str, kind: str) -> bool:
        row = self._db.execute(
            "SELECT 1 FROM print_jobs WHERE case_number = ? AND kind = ? AND status = ? LIMIT 1",
            [case_number, kind, PrintJobStatus.PRINTED.value],
        ).fetchone()
        return row is not None

    @translated
    def jobs_for(self, case_number: str) -> list[PrintJob]:
        rows = self._db.execute(
            f"SELECT {_COLUMNS} FROM print_jobs WHERE case_number = ? ORDER BY id", [case_number]
        ).fetchall()
        return [self._row(tuple(r)) for r in rows]
