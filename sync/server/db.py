"""The platform's own SQLite database: opening it, its named migrations, and small shared helpers.

Migrations follow core/store/migrations.py: named ``mNNN_what``, never edited once released, all
applied inside one ``BEGIN IMMEDIATE`` so a CLI and a running server opening a new file at once
cannot both migrate it. The platform keeps case payloads in plain JSON: it is a reference
platform for development and demos, and the file is created readable by its owner only.
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

import sqlite_utils
from sqlite_utils.migrations import Migrations

from core.durable_files import private_dirs
from core.store.db import open_database, write_transaction

MIGRATIONS: Final = Migrations("tongban-platform")
KNOWN_MIGRATIONS: list[str] = []


def _migration(fn: Callable[[sqlite_utils.Database], None]) -> Callable[[sqlite_utils.Database], None]:
    KNOWN_MIGRATIONS.append(fn.__name__)
    return MIGRATIONS()(fn)


@_migration
def m001_initial(db: sqlite_utils.Database) -> None:
    """Devices and codes, nonces, events, cases and matters, attachments, updates, department jobs,
    staff, people with their e-licences and tokens, certificates."""
    for statement in _M001:
        db.execute(statement)


_M001: Final = (
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT",
    # Values only grow: official-number serials per day, staff cursors (core.store.counters idea).
    "CREATE TABLE counters (scope TEXT PRIMARY KEY, value INTEGER NOT NULL) STRICT",
    """CREATE TABLE enrollment_codes (
        code TEXT PRIMARY KEY, issued_at TEXT NOT NULL, used_at TEXT, used_by TEXT) STRICT""",
    """CREATE TABLE devices (
        device_id TEXT PRIMARY KEY, secret TEXT NOT NULL, region_code TEXT NOT NULL,
        device_no INTEGER NOT NULL, role TEXT NOT NULL, name TEXT NOT NULL,
        enrolled_at TEXT NOT NULL, last_seen_at TEXT) STRICT""",
    # Case numbers are unique only while (region, device number) is (core/case_numbers.py).
    "CREATE UNIQUE INDEX devices_by_number ON devices (region_code, device_no)",
    """CREATE TABLE nonces (
        device_id TEXT NOT NULL, nonce TEXT NOT NULL, seen_at REAL NOT NULL,
        PRIMARY KEY (device_id, nonce)) STRICT, WITHOUT ROWID""",
    "CREATE INDEX nonces_by_age ON nonces (seen_at)",
    # body is the canonical JSON of the WireEvent as received; digest its sha256 (idempotency).
    """CREATE TABLE events (
        id INTEGER PRIMARY KEY, device_id TEXT NOT NULL, seq INTEGER NOT NULL,
        case_number TEXT NOT NULL, kind TEXT NOT NULL, digest TEXT NOT NULL, body TEXT NOT NULL,
        receipt TEXT NOT NULL UNIQUE, received_at TEXT NOT NULL, UNIQUE (device_id, seq)) STRICT""",
    "CREATE INDEX events_by_case ON events (case_number, id)",
    """CREATE TABLE cases (
        case_number TEXT PRIMARY KEY, device_id TEXT NOT NULL, official_number TEXT,
        bundle_id TEXT NOT NULL, status TEXT NOT NULL, catalog_version TEXT NOT NULL,
        doc TEXT NOT NULL, events INTEGER NOT NULL, created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL) STRICT""",
    "CREATE UNIQUE INDEX cases_by_official ON cases (official_number) WHERE official_number IS NOT NULL",
    "CREATE INDEX cases_by_device ON cases (device_id)",
    """CREATE TABLE matters (
        case_number TEXT NOT NULL REFERENCES cases (case_number), matter_id TEXT NOT NULL,
        name TEXT NOT NULL, dept TEXT NOT NULL, status TEXT NOT NULL, result TEXT NOT NULL,
        updated_at TEXT, PRIMARY KEY (case_number, matter_id)) STRICT""",
    """CREATE TABLE case_attachments (
        case_number TEXT NOT NULL REFERENCES cases (case_number), sha256 TEXT NOT NULL,
        PRIMARY KEY (case_number, sha256)) STRICT, WITHOUT ROWID""",
    # The bytes live in files beside the database; a row says what size the first chunk declared.
    """CREATE TABLE attachments (
        sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL, complete INTEGER NOT NULL,
        created_at TEXT NOT NULL, completed_at TEXT) STRICT""",
    # AUTOINCREMENT: a cursor handed to a device is never handed out again, even after deletes.
    """CREATE TABLE updates (
        cursor INTEGER PRIMARY KEY AUTOINCREMENT, device_id TEXT NOT NULL,
        case_number TEXT NOT NULL, type TEXT NOT NULL, at TEXT NOT NULL, body TEXT NOT NULL)""",
    "CREATE INDEX updates_by_device ON updates (device_id, cursor)",
    # due_at is Unix seconds; NULL while a matter waits for 容缺 materials to be supplied.
    """CREATE TABLE dept_jobs (
        case_number TEXT NOT NULL, matter_id TEXT NOT NULL, step TEXT NOT NULL, due_at REAL,
        PRIMARY KEY (case_number, matter_id)) STRICT""",
    "CREATE INDEX dept_jobs_by_due ON dept_jobs (due_at) WHERE due_at IS NOT NULL",
    """CREATE TABLE staff (
        staff_id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL,
        password_hash TEXT NOT NULL, active INTEGER NOT NULL, cursor INTEGER NOT NULL UNIQUE) STRICT""",
    """CREATE TABLE people (
        id_number TEXT PRIMARY KEY, name TEXT NOT NULL, id_kind TEXT NOT NULL, sex TEXT NOT NULL,
        birth_date TEXT NOT NULL) STRICT""",
    """CREATE TABLE licences (
        id_number TEXT NOT NULL REFERENCES people (id_number), licence TEXT NOT NULL,
        holder_name TEXT NOT NULL, licence_number TEXT NOT NULL, issued_by TEXT NOT NULL,
        valid_to TEXT NOT NULL, PRIMARY KEY (id_number, licence)) STRICT""",
    """CREATE TABLE tokens (
        token TEXT PRIMARY KEY, token_type TEXT NOT NULL,
        id_number TEXT NOT NULL REFERENCES people (id_number), valid_until TEXT NOT NULL) STRICT""",
    """CREATE TABLE certificates (
        certificate_id TEXT PRIMARY KEY, device_id TEXT NOT NULL, request_id TEXT NOT NULL,
        kind TEXT NOT NULL, id_number TEXT NOT NULL, purpose TEXT NOT NULL, title TEXT NOT NULL,
        lines TEXT NOT NULL, verification_code TEXT NOT NULL UNIQUE, status TEXT NOT NULL,
        reserved_at TEXT NOT NULL, printed_at TEXT, UNIQUE (device_id, request_id)) STRICT""",
)


@_migration
def m002_cases_by_applicant(db: sqlite_utils.Database) -> None:
    """Cases by their applicant's ID number (办件进度查询 with an ID card at a kiosk).

    An expression index covers every existing row and every later insert without a column that
    ingest would have to fill; sync.server.progress queries exactly this expression.
    """
    db.execute("CREATE INDEX cases_by_applicant ON cases (upper(json_extract(doc, '$.applicant.id_number')))")


@_migration
def m003_catalog_versions(db: sqlite_utils.Database) -> None:
    """Every catalog version served (for deltas), and each case matter's 实施编码 (GB/T 39554.1)."""
    db.execute(
        "CREATE TABLE catalog_versions (version TEXT PRIMARY KEY, feed BLOB NOT NULL, stored_at TEXT NOT NULL) STRICT"
    )
    db.execute("ALTER TABLE matters ADD COLUMN code TEXT NOT NULL DEFAULT ''")
    db.execute("CREATE INDEX matters_by_code ON matters (code)")


@_migration
def m004_credit_records(db: sqlite_utils.Database) -> None:
    """People recorded as 失信 (serious bad credit records), for the 信用核查 at intake
    (POST /credit/check): such an applicant may use neither 告知承诺 nor 容缺受理."""
    db.execute(
        "CREATE TABLE credit_records (id_number TEXT PRIMARY KEY, listed_by TEXT NOT NULL,"
        " listed_on TEXT NOT NULL) STRICT"
    )


@_migration
def m005_kiosk_ratings(db: sqlite_utils.Database) -> None:
    """好差评 given at a kiosk with no case (POST /ratings): once per (device, rating id)."""
    db.execute(
        "CREATE TABLE kiosk_ratings (device_id TEXT NOT NULL, id TEXT NOT NULL, body TEXT NOT NULL,"
        " received_at TEXT NOT NULL, PRIMARY KEY (device_id, id)) STRICT"
    )


@_migration
def m006_queue_events(db: sqlite_utils.Database) -> None:
    """The hall's queue (排队叫号): every ticket event once by its id, in arrival order (``seq``, the
    hall display's cursor); ``day`` is the event's own date, to fold today's ledger (sync/server/queue_ledger.py)."""
    db.execute(
        "CREATE TABLE queue_events (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE,"
        " ticket_id TEXT NOT NULL, kind TEXT NOT NULL, at TEXT NOT NULL, device TEXT NOT NULL, window INTEGER,"
        " data TEXT NOT NULL, day TEXT NOT NULL, received_at TEXT NOT NULL) STRICT"
    )
    db.execute("CREATE INDEX queue_events_by_day ON queue_events (day, seq)")


@_migration
def m007_kiosk_rating_follow_up(db: sqlite_utils.Database) -> None:
    """A kiosk 差评 with no case is followed up on the platform (sync.server.ratings): its 整改, 回访 and
    申诉复核 as one rating record (core.cases.codec.evaluation_to_dict); NULL for a good rating."""
    db.execute("ALTER TABLE kiosk_ratings ADD COLUMN follow_up TEXT")
    from sync.server.ratings import backfill_follow_ups  # the one rule that opens a 整改 on the platform

    backfill_follow_ups(db)


@_migration
def m008_bound_codes_and_audit_heads(db: sqlite_utils.Database) -> None:
    """Enrolment codes issued for one device id (re-enrolment is bound by the operator), and each
    device's audit-log heads (count, hash) as reported with its batches, with the devices held for
    a head that did not extend the last one (issue #13: tamper evidence that reaches the platform)."""
    db.execute("ALTER TABLE enrollment_codes ADD COLUMN for_device TEXT")
    db.execute(
        "CREATE TABLE audit_heads (device_id TEXT PRIMARY KEY, count INTEGER NOT NULL, hash TEXT NOT NULL,"
        " seen_at TEXT NOT NULL) STRICT"
    )
    db.execute(
        "CREATE TABLE audit_holds (device_id TEXT PRIMARY KEY, reason TEXT NOT NULL, at TEXT NOT NULL) STRICT"
    )


@_migration
def m009_appointments(db: sqlite_utils.Database) -> None:
    """预约 taken on the platform and redeemed at a kiosk for a Y-lane ticket (sync/server/appointments.py):
    the code, what for and when (``slot`` ISO 8601 with its offset, ``day`` its date), who if given,
    and when it was cancelled or redeemed (with the ticket it gave: a second redemption answers it)."""
    db.execute(
        "CREATE TABLE appointments (code TEXT PRIMARY KEY, service TEXT NOT NULL, service_name TEXT NOT NULL,"
        " slot TEXT NOT NULL, day TEXT NOT NULL, name TEXT, id_number TEXT, created_at TEXT NOT NULL,"
        " cancelled_at TEXT, redeemed_at TEXT, ticket_id TEXT) STRICT"
    )
    db.execute("CREATE INDEX appointments_by_day ON appointments (day, slot)")


def open_platform_db(path: Path) -> sqlite_utils.Database:
    """A migrated connection to the platform database at ``path`` for the calling thread only.

    WAL and ``synchronous=FULL`` come from core.store.db.open_database: a batch the platform
    answered survives a power cut (DESIGN.md: durable before answer).
    """
    private_dirs(path.parent)
    if not path.exists():
        # Case payloads are personal data: create the file for its owner only (umask aside).
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    db = open_database(path)
    try:
        with write_transaction(db):
            MIGRATIONS.apply(db)
            if db.execute("SELECT 1 FROM meta WHERE key = 'platform_id'").fetchone() is None:
                db.execute(
                    "INSERT INTO meta (key, value) VALUES ('platform_id', ?)",
                    (f"tbp-{secrets.token_hex(6)}",),
                )
            # The operator views' bearer token (sync.server.admin): 256 random bits, made once.
            db.execute(
                "INSERT INTO meta (key, value) VALUES ('admin_token', ?) ON CONFLICT (key) DO NOTHING",
                (secrets.token_urlsafe(32),),
            )
    except BaseException:
        db.close()
        raise
    return db


def platform_id(db: sqlite_utils.Database) -> str:
    return str(db.execute("SELECT value FROM meta WHERE key = 'platform_id'").fetchone()[0])


def admin_token(db: sqlite_utils.Database) -> str:
    """The token ``/admin/*`` requests must carry (``Authorization: Bearer …``); ``platform admin-token``."""
    return str(db.execute("SELECT value FROM meta WHERE key = 'admin_token'").fetchone()[0])


def advance_counter(db: sqlite_utils.Database, scope: str) -> int:
    """The next value of a durable counter; call inside a write transaction."""
    row = db.execute(
        "INSERT INTO counters (scope, value) VALUES (?, 1)"
        " ON CONFLICT (scope) DO UPDATE SET value = value + 1 RETURNING value",
        (scope,),
    ).fetchone()
    return int(row[0])


def canonical_json(value: Any) -> str:
    """Sorted keys, no spaces, UTF-8 text: equal content gives equal text (idempotency checks)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def attachments_dir(db_path: Path) -> Path:
    """Where attachment bytes live: ``PATH.attachments/`` beside the database file."""
    return db_path.with_name(db_path.name + ".attachments")
