"""The store's schema as named sqlite-utils migrations: a released migration is NEVER edited.

To change the schema, add ``m002_…``, ``m003_…`` below and keep a database saved from the previous
schema in ``tests/fixtures/`` to prove it upgrades (research/aesthetics.md §3.5). Every migration
must be transactional: ``Store.open`` applies them inside one ``BEGIN IMMEDIATE`` so two threads
opening a new data directory at once cannot both migrate it.

What may be plaintext: only the index columns listed here, none of them personal. Case payloads,
event payloads and operators, audit actors and details are sealed (core.crypto); people are found
through keyed hashes (``person_hash``, ``name_hash``); attachment rows are keyed by a keyed hash.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlite_utils
from sqlite_utils.migrations import Migrations

MIGRATIONS = Migrations("tongban")
KNOWN_MIGRATIONS: list[str] = []  # a database with others was written by a newer Tongban


def _migration(fn: Callable[[sqlite_utils.Database], None]) -> Callable[[sqlite_utils.Database], None]:
    """``@MIGRATIONS()`` (transactional), remembering the name."""
    KNOWN_MIGRATIONS.append(fn.__name__)
    return MIGRATIONS()(fn)


# Reserved counter scopes: event sequence numbers (the outbox's idempotency keys), audit ids.
EVENT_SEQ_SCOPE = "__event_seq__"
AUDIT_ID_SCOPE = "__audit_id__"


@_migration
def m001_initial(db: sqlite_utils.Database) -> None:
    """Meta, counters, cases, events (the outbox), attachments and the audit log."""
    for statement in _M001:
        db.execute(statement)
    db.execute("INSERT INTO counters (scope, value) VALUES (?, 0), (?, 0)", [EVENT_SEQ_SCOPE, AUDIT_ID_SCOPE])


_M001 = (
    # device_id, key_check, created_at: written once at the first open.
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT",
    # Durable counters: case numbers per device per day, event sequence numbers, audit ids.
    # Values only grow, so a number handed out (committed) is never handed out again.
    "CREATE TABLE counters (scope TEXT PRIMARY KEY, value INTEGER NOT NULL) STRICT",
    # rowid order is storage order: list_cases() walks an index backwards, newest first, with no sort.
    """CREATE TABLE cases (
        number TEXT PRIMARY KEY,
        official_number TEXT,
        bundle_id TEXT NOT NULL,
        status TEXT NOT NULL,
        person_hash TEXT NOT NULL,
        name_hash TEXT NOT NULL,
        catalog_version TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deficiency_deadline TEXT,
        version INTEGER NOT NULL CHECK (version >= 1),
        payload BLOB NOT NULL
    ) STRICT""",
    # Partial indexes skip the NULLs most rows have: one B-tree page fewer written per intake.
    "CREATE UNIQUE INDEX cases_by_official ON cases (official_number) WHERE official_number IS NOT NULL",
    "CREATE INDEX cases_by_status ON cases (status)",
    "CREATE INDEX cases_by_person ON cases (person_hash)",
    "CREATE INDEX cases_by_name ON cases (name_hash)",
    "CREATE INDEX cases_by_bundle ON cases (bundle_id)",
    "CREATE INDEX cases_by_deadline ON cases (deficiency_deadline) WHERE deficiency_deadline IS NOT NULL",
    # seq comes from counters[__event_seq__], never from max(seq)+1, so deletes cannot recycle it.
    """CREATE TABLE events (
        seq INTEGER PRIMARY KEY,
        case_number TEXT NOT NULL REFERENCES cases (number),
        kind TEXT NOT NULL,
        device_time TEXT NOT NULL,
        counter INTEGER NOT NULL,
        sealed BLOB NOT NULL,
        acked_at TEXT,
        receipt TEXT
    ) STRICT""",
    "CREATE INDEX events_by_case ON events (case_number, seq)",
    "CREATE INDEX events_pending ON events (seq) WHERE acked_at IS NULL",
    # Guards against bugs, not attackers: an acknowledgement is never undone or rewritten.
    """CREATE TRIGGER events_ack_once BEFORE UPDATE OF acked_at, receipt ON events
        WHEN OLD.acked_at IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'an acknowledged event cannot be changed'); END""",
    """CREATE TRIGGER events_immutable BEFORE UPDATE OF seq, case_number, kind, device_time, counter, sealed
        ON events
        BEGIN SELECT RAISE(ABORT, 'events are append-only'); END""",
    # ref is a keyed hash of the plaintext sha256 and also the file name under attachments/.
    """CREATE TABLE attachments (
        ref TEXT PRIMARY KEY,
        media_type TEXT NOT NULL,
        size INTEGER NOT NULL,
        created_at TEXT NOT NULL
    ) STRICT""",
    # id comes from counters[__audit_id__], which keeps the highest id ever used: cutting rows off
    # the end of the log is detectable (AUTOINCREMENT would do the same through sqlite_sequence,
    # at the cost of one more page written per transaction).
    """CREATE TABLE audit (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        action TEXT NOT NULL,
        case_number TEXT,
        sealed BLOB NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
    ) STRICT""",
    "CREATE INDEX audit_by_case ON audit (case_number, id)",
    """CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
    """CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
)


@_migration
def m002_sync(db: sqlite_utils.Database) -> None:
    """Sync state: enrollment, round status, pull cursors, quarantined cases, uploaded attachments,
    re-work flags and staff accounts for offline login (DESIGN.md: sync contract)."""
    for statement in _M002:
        db.execute(statement)
    db.execute("INSERT INTO sync_status (id, stage, consecutive_failures) VALUES (1, 'idle', 0)")


_M002 = (
    # One row: where the platform is and the HMAC secret it issued, sealed with the device key.
    """CREATE TABLE sync_enrollment (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        platform_url TEXT NOT NULL,
        platform_id TEXT NOT NULL,
        ca_file TEXT,
        pin TEXT,
        secret BLOB NOT NULL,
        enrolled_at TEXT NOT NULL
    ) STRICT""",
    # One row: the persisted state of the sync rounds (Morango keeps its stage on the session row,
    # research/aesthetics.md §1.5), so status survives restarts. ``last_error`` is sealed: a
    # platform's message may quote personal data.
    """CREATE TABLE sync_status (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        stage TEXT NOT NULL,
        last_attempt_at TEXT,
        last_success_at TEXT,
        last_error_at TEXT,
        last_error_code TEXT,
        last_error BLOB,
        consecutive_failures INTEGER NOT NULL CHECK (consecutive_failures >= 0),
        clock_skew_s REAL
    ) STRICT""",
    # Pull cursors (updates, staff): opaque integers from the platform that only move forward.
    "CREATE TABLE sync_cursors (name TEXT PRIMARY KEY, value INTEGER NOT NULL) STRICT",
    # A case whose event the platform rejected for good: its later events are held back until
    # staff deal with it (CommCare's quarantine, research/anchors-mission.md §3.1).
    """CREATE TABLE sync_quarantine (
        case_number TEXT PRIMARY KEY REFERENCES cases (number),
        seq INTEGER NOT NULL,
        code TEXT NOT NULL,
        sealed BLOB NOT NULL,
        at TEXT NOT NULL
    ) STRICT""",
    # Attachments the platform confirmed complete, by the same keyed hash as attachments.ref.
    "CREATE TABLE sync_uploaded (ref TEXT PRIMARY KEY, at TEXT NOT NULL) STRICT",
    # Cases the platform sent back for re-work under a newer catalog: a flag for staff, not a failure.
    """CREATE TABLE sync_rework (
        case_number TEXT PRIMARY KEY REFERENCES cases (number),
        catalog_version TEXT NOT NULL,
        sealed BLOB NOT NULL,
        at TEXT NOT NULL
    ) STRICT""",
    # Staff accounts pulled for offline login: found by a keyed hash of the staff id; the id,
    # name and scrypt password hash are sealed.
    """CREATE TABLE staff_accounts (
        ref TEXT PRIMARY KEY,
        role TEXT NOT NULL,
        active INTEGER NOT NULL CHECK (active IN (0, 1)),
        cursor INTEGER NOT NULL,
        sealed BLOB NOT NULL
    ) STRICT""",
)


@_migration
def m003_print_jobs(db: sqlite_utils.Database) -> None:
    """Print jobs: a receipt is recorded before it is sent and marked printed only when the
    printer took it, so a paper-out or offline printer never loses one (print as a transaction)."""
    for statement in _M003:
        db.execute(statement)


_M003 = (
    # ``last_error`` is sealed like every other free text; the rest is a plain index.
    """CREATE TABLE print_jobs (
        id INTEGER PRIMARY KEY,
        case_number TEXT NOT NULL REFERENCES cases (number),
        kind TEXT NOT NULL,
        reprint INTEGER NOT NULL CHECK (reprint IN (0, 1)),
        status TEXT NOT NULL,
        attempts INTEGER NOT NULL CHECK (attempts >= 0),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        last_error BLOB
    ) STRICT""",
    "CREATE INDEX print_jobs_by_case ON print_jobs (case_number, kind, status)",
    "CREATE INDEX print_jobs_by_status ON print_jobs (status, id)",
)


@_migration
def m004_kiosk_ratings(db: sqlite_utils.Database) -> None:
    """好差评 given at a kiosk for a service with no local case (a certificate, a look at another
    window's case): queued here and pushed to the platform once, by their random id (GB/T 39734;
    core/store/kiosk_ratings.py)."""
    for statement in _M004:
        db.execute(statement)


_M004 = (
    # The rating (level, reason, services) is sealed; ``id`` is a random uuid4 hex, the platform's
    # idempotency key; ``sent_at`` is set once, on the platform's receipt.
    """CREATE TABLE kiosk_ratings (
        id TEXT PRIMARY KEY,
        at TEXT NOT NULL,
        sealed BLOB NOT NULL,
        sent_at TEXT
    ) STRICT""",
    "CREATE INDEX kiosk_ratings_pending ON kiosk_ratings (at) WHERE sent_at IS NULL",
)


@_migration
def m005_platform_adapter(db: sqlite_utils.Database) -> None:
    """Which platform adapter the device enrolled through (sync/adapter.py) and that adapter's
    options from tongban.toml's ``[platform]`` table (JSON, never a secret); existing enrolments
    spoke our own contract: ``tongban``."""
    db.execute("ALTER TABLE sync_enrollment ADD COLUMN adapter TEXT NOT NULL DEFAULT 'tongban'")
    db.execute("ALTER TABLE sync_enrollment ADD COLUMN adapter_options TEXT NOT NULL DEFAULT '{}'")


@_migration
def m006_queue_outbox(db: sqlite_utils.Database) -> None:
    """The hall's queue (排队叫号) at a device while the hall server is down: the ticket events it
    made alone (a kiosk's offline tickets), sent once by their id when the server answers again
    (core/store/queue_outbox.py). The offline numbers come from ``counters`` (per day, lane and slot)."""
    for statement in _M006:
        db.execute(statement)


_M006 = (
    # ``id`` is the event's random uuid4 hex (the hall server's merge key); the event, which names
    # the applicant of a ticket taken by ID card, is sealed; ``sent_at`` is set once, on the server's answer.
    """CREATE TABLE queue_outbox (
        id TEXT PRIMARY KEY,
        at TEXT NOT NULL,
        sealed BLOB NOT NULL,
        sent_at TEXT
    ) STRICT""",
    "CREATE INDEX queue_outbox_pending ON queue_outbox (at) WHERE sent_at IS NULL",
)


@_migration
def m007_audit_head(db: sqlite_utils.Database) -> None:
    """The audit log's authenticated head (core.store.audit_log): a meta row ``audit_head`` holding
    ``count:hash:mac``, the MAC by the device key. SQL cannot compute it, so this writes a placeholder
    that the open which applied the migration replaces (core.store.opening); from then on every
    audit entry rewrites it in the same transaction, and a missing or stale head is tampering."""
    db.execute("INSERT INTO meta (key, value) VALUES ('audit_head', 'adopt')")
