"""The sync client's persisted state (m002): enrollment, round status, cursors, quarantine, staff.

Morango keeps a sync's stage on a stored row so an interrupted sync resumes and its status
survives restarts (research/aesthetics.md §1.5); here the durable facts are the outbox itself
(events not acknowledged), the attachments the platform confirmed, the pull cursors, and one
status row. Anything a platform or a person wrote (error messages, staff names, the HMAC secret)
is sealed with the device key.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import sqlite_utils

from core.clock import Clock
from core.crypto import DeviceKey
from core.errors import TongbanError
from core.store.codec import aad, open_json, seal_json
from core.store.guard import translated

Writing = Callable[[], AbstractContextManager[object]]


class SyncStage(StrEnum):
    """What the sync worker is doing. Persisted values: never rename one."""

    IDLE = "idle"
    UPLOADING = "uploading"  # attachments, resumable, before the events that name them
    PUSHING = "pushing"  # events in sequence order
    PULLING = "pulling"  # updates, catalog, staff


@dataclass(frozen=True, slots=True)
class Enrollment:
    """Where this device's platform is and the HMAC secret it issued at enrollment."""

    platform_url: str
    platform_id: str
    secret: bytes
    enrolled_at: str
    ca_file: str | None = None
    pin: str | None = None  # sha256 (hex) of the platform's DER certificate
    adapter: str = "tongban"  # the platform adapter enrolled through (sync/adapter.py)
    adapter_options: Mapping[str, str] = field(default_factory=dict)  # [platform] options, no secret

    def __repr__(self) -> str:
        return (
            f"Enrollment(platform_url={self.platform_url!r}, platform_id={self.platform_id!r}, "
            f"adapter={self.adapter!r}, secret=<sealed>)"
        )


@dataclass(frozen=True, slots=True)
class SyncStatusRecord:
    """The last rounds' outcome as persisted: what `tongban sync status` and the GUIs show."""

    stage: SyncStage
    last_attempt_at: str | None
    last_success_at: str | None
    last_error_at: str | None
    last_error_code: str | None
    last_error_message: str | None  # Chinese, for staff
    last_error_detail: str | None  # English, for logs
    consecutive_failures: int
    clock_skew_s: float | None  # device clock minus platform clock, when the platform refused it


@dataclass(frozen=True, slots=True)
class Quarantine:
    """A case whose event ``seq`` the platform rejected for good; its later events wait."""

    case_number: str
    seq: int
    code: str
    message: str
    detail: str
    at: str
    retry_helps: bool = True  # False: releasing it cannot help, the platform will refuse it again


class ReleaseRefused(TongbanError):
    """A quarantined case whose release cannot help: the platform would refuse it again."""

    exit_code = 1
    default_code = "sync.release_refused"

    def __init__(self, held: Quarantine) -> None:
        super().__init__(
            f"办件 {held.case_number} 不能靠重试上传：{held.message}",
            f"case {held.case_number} stays held, retrying cannot help ({held.code}): {held.detail}",
            params={"number": held.case_number},
        )
        self.held = held


@dataclass(frozen=True, slots=True)
class Rework:
    """A case the platform sent back: it must be re-validated against ``catalog_version``."""

    case_number: str
    catalog_version: str
    message: str
    at: str


@dataclass(frozen=True, slots=True)
class StaffRecord:
    """A staff account pulled for offline login; ``password_hash`` is scrypt in the contract's format."""

    staff_id: str
    name: str
    role: str
    password_hash: str
    active: bool
    cursor: int

    def __repr__(self) -> str:
        return f"StaffRecord(staff_id={self.staff_id!r}, role={self.role!r}, active={self.active})"


_ERROR_BINDING = aad("sync_status", 1)


class SyncStateStore:
    """The sync tables of one Store; lives on that Store's thread (``Store.sync``)."""

    def __init__(self, db: sqlite_utils.Database, key: DeviceKey, clock: Clock, writing: Writing) -> None:
        self._db = db
        self._key = key
        self._clock = clock
        self._writing = writing  # the Store's write transaction, or a savepoint inside Store.batch()

    def _now(self) -> str:
        return self._clock.now().isoformat()

    # -- enrollment --------------------------------------------------------------------------

    @translated
    def enrollment(self) -> Enrollment | None:
        row = self._db.execute(
            "SELECT platform_url, platform_id, ca_file, pin, secret, enrolled_at, adapter, adapter_options"
            " FROM sync_enrollment"
        ).fetchone()
        if row is None:
            return None
        url, platform_id, ca_file, pin, sealed, enrolled_at, adapter, options = row
        secret = self._key.open_sealed(sealed, aad("sync_enrollment", platform_id))
        return Enrollment(url, platform_id, secret, enrolled_at, ca_file, pin, adapter, json.loads(options))

    @translated
    def save_enrollment(self, enrollment: Enrollment) -> None:
        """Replace the enrollment (re-enrolling moves the device to a new secret or platform)."""
        sealed = self._key.seal(enrollment.secret, aad("sync_enrollment", enrollment.platform_id))
        with self._writing():
            self._db.execute(
                "INSERT INTO sync_enrollment (id, platform_url, platform_id, ca_file, pin, secret, enrolled_at,"
                " adapter, adapter_options) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
                " platform_url = excluded.platform_url, platform_id = excluded.platform_id,"
                " ca_file = excluded.ca_file, pin = excluded.pin, secret = excluded.secret,"
                " enrolled_at = excluded.enrolled_at, adapter = excluded.adapter,"
                " adapter_options = excluded.adapter_options",
                (
                    enrollment.platform_url,
                    enrollment.platform_id,
                    enrollment.ca_file,
                    enrollment.pin,
                    sealed,
                    enrollment.enrolled_at,
                    enrollment.adapter,
                    json.dumps(dict(enrollment.adapter_options), ensure_ascii=False, sort_keys=True),
                ),
            )

    # -- round status ------------------------------------------------------------------------

    @translated
    def status(self) -> SyncStatusRecord:
        row = self._db.execute(
            "SELECT stage, last_attempt_at, last_success_at, last_error_at, last_error_code, last_error,"
            " consecutive_failures, clock_skew_s FROM sync_status WHERE id = 1"
        ).fetchone()
        stage, attempt, success, error_at, code, sealed, failures, skew = row
        error: dict[str, Any] = {} if sealed is None else open_json(self._key, sealed, _ERROR_BINDING)
        return SyncStatusRecord(
            stage=SyncStage(stage),
            last_attempt_at=attempt,
            last_success_at=success,
            last_error_at=error_at,
            last_error_code=code,
            last_error_message=error.get("message"),
            last_error_detail=error.get("detail"),
            consecutive_failures=failures,
            clock_skew_s=skew,
        )

    @translated
    def set_stage(self, stage: SyncStage) -> None:
        with self._writing():
            self._db.execute("UPDATE sync_status SET stage = ? WHERE id = 1", (stage.value,))

    @translated
    def record_attempt(self) -> None:
        with self._writing():
            self._db.execute("UPDATE sync_status SET last_attempt_at = ? WHERE id = 1", (self._now(),))

    @translated
    def record_success(self) -> None:
        """A round completed: failures reset, the clock is fine (the platform took our timestamps)."""
        with self._writing():
            self._db.execute(
                "UPDATE sync_status SET stage = 'idle', last_success_at = ?, consecutive_failures = 0,"
                " clock_skew_s = NULL WHERE id = 1",
                (self._now(),),
            )

    @translated
    def record_failure(self, code: str, message: str, detail: str, clock_skew_s: float | None = None) -> int:
        """A round failed; returns the number of consecutive failures so far."""
        sealed = seal_json(self._key, {"message": message, "detail": detail}, _ERROR_BINDING, "sync error")
        with self._writing():
            row = self._db.execute(
                "UPDATE sync_status SET stage = 'idle', last_error_at = ?, last_error_code = ?, last_error = ?,"
                " consecutive_failures = consecutive_failures + 1, clock_skew_s = ? WHERE id = 1"
                " RETURNING consecutive_failures",
                (self._now(), code, sealed, clock_skew_s),
            ).fetchone()
        return int(row[0])

    # -- cursors -----------------------------------------------------------------------------

    @translated
    def cursor(self, name: str) -> int:
        row = self._db.execute("SELECT value FROM sync_cursors WHERE name = ?", (name,)).fetchone()
        return 0 if row is None else int(row[0])

    @translated
    def advance_cursor(self, name: str, value: int) -> None:
        """Move a pull cursor forward; an older value (a replayed page) leaves it where it is."""
        with self._writing():
            self._db.execute(
                "INSERT INTO sync_cursors (name, value) VALUES (?, ?)"
                " ON CONFLICT (name) DO UPDATE SET value = max(value, excluded.value)",
                (name, value),
            )

    # -- quarantine --------------------------------------------------------------------------

    @translated
    def quarantine(
        self,
        case_number: str,
        seq: int,
        code: str,
        message: str,
        detail: str = "",
        *,
        retry_helps: bool = True,
    ) -> None:
        """Hold back a case's events after a permanent rejection; the first reason is kept.

        ``retry_helps`` False: the platform will never take it (staff must act another way).
        """
        sealed = seal_json(
            self._key,
            {"message": message, "detail": detail, "retry_helps": retry_helps},
            aad("sync_quarantine", case_number),
            "quarantine",
        )
        with self._writing():
            self._db.execute(
                "INSERT INTO sync_quarantine (case_number, seq, code, sealed, at) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (case_number) DO NOTHING",
                (case_number, seq, code, sealed, self._now()),
            )

    @translated
    def quarantined(self) -> list[Quarantine]:
        rows = self._db.execute(
            "SELECT case_number, seq, code, sealed, at FROM sync_quarantine ORDER BY at, case_number"
        ).fetchall()
        return [self._quarantine_row(*row) for row in rows]

    @translated
    def quarantine_of(self, case_number: str) -> Quarantine | None:
        """Why this case's events are held back, or None if they are not."""
        row = self._db.execute(
            "SELECT case_number, seq, code, sealed, at FROM sync_quarantine WHERE case_number = ?",
            (case_number,),
        ).fetchone()
        return None if row is None else self._quarantine_row(*row)

    def _quarantine_row(self, number: str, seq: int, code: str, sealed: bytes, at: str) -> Quarantine:
        body = open_json(self._key, sealed, aad("sync_quarantine", number))
        retry = body.get("retry_helps", True)  # rows sealed before it was recorded: a retry may help
        return Quarantine(number, seq, code, body["message"], body["detail"], at, bool(retry))

    @translated
    def quarantined_numbers(self) -> frozenset[str]:
        return frozenset(r[0] for r in self._db.execute("SELECT case_number FROM sync_quarantine"))

    @translated
    def release(self, case_number: str) -> bool:
        """Let a quarantined case's events be tried again (after staff dealt with the reason).

        ReleaseRefused when retrying cannot help (``retry_helps`` False: the platform will refuse the
        case again, e.g. its number was already submitted by another device): the one place of the
        rule, for the CLI's ``sync release`` and the case desk alike.
        """
        held = self.quarantine_of(case_number)
        if held is not None and not held.retry_helps:
            raise ReleaseRefused(held)
        with self._writing():
            cursor = self._db.execute("DELETE FROM sync_quarantine WHERE case_number = ?", (case_number,))
        return cursor.rowcount == 1

    # -- attachments the platform holds ------------------------------------------------------

    @translated
    def mark_uploaded(self, sha256: str) -> None:
        with self._writing():
            self._db.execute(
                "INSERT INTO sync_uploaded (ref, at) VALUES (?, ?) ON CONFLICT (ref) DO NOTHING",
                (self._key.keyed_hash("attachment", sha256), self._now()),
            )

    @translated
    def is_uploaded(self, sha256: str) -> bool:
        ref = self._key.keyed_hash("attachment", sha256)
        return self._db.execute("SELECT 1 FROM sync_uploaded WHERE ref = ?", (ref,)).fetchone() is not None

    # -- re-work -----------------------------------------------------------------------------

    @translated
    def flag_rework(self, case_number: str, catalog_version: str, message: str, at: str) -> None:
        sealed = seal_json(self._key, {"message": message}, aad("sync_rework", case_number), "rework")
        with self._writing():
            self._db.execute(
                "INSERT INTO sync_rework (case_number, catalog_version, sealed, at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (case_number) DO UPDATE SET catalog_version = excluded.catalog_version,"
                " sealed = excluded.sealed, at = excluded.at",
                (case_number, catalog_version, sealed, at),
            )

    @translated
    def rework(self) -> list[Rework]:
        rows = self._db.execute(
            "SELECT case_number, catalog_version, sealed, at FROM sync_rework ORDER BY at, case_number"
        ).fetchall()
        return [
            Rework(number, version, open_json(self._key, sealed, aad("sync_rework", number))["message"], at)
            for number, version, sealed, at in rows
        ]

    @translated
    def clear_rework(self, case_number: str) -> bool:
        with self._writing():
            cursor = self._db.execute("DELETE FROM sync_rework WHERE case_number = ?", (case_number,))
        return cursor.rowcount == 1

    # -- staff accounts ----------------------------------------------------------------------

    @translated
    def upsert_staff(self, accounts: Sequence[StaffRecord]) -> None:
        with self._writing():
            for account in accounts:
                ref = self._key.keyed_hash("staff_id", account.staff_id)
                body = {"staff_id": account.staff_id, "name": account.name, "hash": account.password_hash}
                sealed = seal_json(self._key, body, aad("staff_accounts", ref), "staff account")
                self._db.execute(
                    "INSERT INTO staff_accounts (ref, role, active, cursor, sealed) VALUES (?, ?, ?, ?, ?)"
                    " ON CONFLICT (ref) DO UPDATE SET role = excluded.role, active = excluded.active,"
                    " cursor = excluded.cursor, sealed = excluded.sealed WHERE excluded.cursor >= cursor",
                    (ref, account.role, int(account.active), account.cursor, sealed),
                )

    @translated
    def staff(self, staff_id: str) -> StaffRecord | None:
        ref = self._key.keyed_hash("staff_id", staff_id)
        row = self._db.execute(
            "SELECT ref, role, active, cursor, sealed FROM staff_accounts WHERE ref = ?", (ref,)
        ).fetchone()
        return None if row is None else self._staff(row)

    @translated
    def staff_accounts(self) -> list[StaffRecord]:
        rows = self._db.execute(
            "SELECT ref, role, active, cursor, sealed FROM staff_accounts ORDER BY cursor"
        )
        return [self._staff(row) for row in rows.fetchall()]

    def _staff(self, row: tuple[Any, ...]) -> StaffRecord:
        ref, role, active, cursor, sealed = row
        body = open_json(self._key, sealed, aad("staff_accounts", ref))
        return StaffRecord(body["staff_id"], body["name"], role, body["hash"], bool(active), cursor)
