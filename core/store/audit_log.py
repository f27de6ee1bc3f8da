"""The audit table: hash-chained rows (core.audit) whose actor and detail are sealed, and its head.

The head (``meta.audit_head`` = ``count:hash:mac``) is the log's high-water mark authenticated with
the device key, rewritten with every entry in the same transaction. Without the key nobody can cut
entries off the end and leave a head that matches (the id counter alone could be rewound, issue
#13). An older authentic head put back with the rows after it removed is not visible here; the
platform, which saw the later head, refuses it (sync.server.audit_heads).
"""

from __future__ import annotations

import hmac
import json
import logging
from collections.abc import Iterator
from typing import Any

import sqlite_utils

from core.audit import GENESIS_HASH, chain_hash, head_message, verify_chain
from core.crypto import DeviceKey
from core.errors import AuditTamperedError, KeyMaterialError
from core.store.codec import aad, open_json, seal_json
from core.store.counters import advance_counter, counter_value
from core.store.migrations import AUDIT_ID_SCOPE
from core.store.records import AuditEntry, AuditHead, AuditReport, AuditVerification

logger = logging.getLogger(__name__)

_COLUMNS = "id, at, action, case_number, sealed, prev_hash, hash"
_HEAD_KEY = "audit_head"
_HEAD_LABEL = "audit_head"
_REPORTED_KEY = "audit_heads_reported"  # JSON list of counts: the confirmed one first, then unconfirmed
MAX_REPORTED = 64  # sync.contract.MAX_AUDIT_MARKS
_MISSING = "0" * 64  # the chain has no entry at a reported count: the platform will see the mismatch


def _binding(prev_hash: str) -> bytes:
    # The previous hash names the row's place in the chain: a detail moved to another row will not open.
    return aad("audit", prev_hash)


def append(db: sqlite_utils.Database, key: DeviceKey, entry: AuditEntry) -> None:
    """Chain ``entry`` onto the last row; call inside a write transaction (the read must not go stale)."""
    last = db.execute("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    prev = GENESIS_HASH if last is None else str(last[1])
    stored, _ = _stored_head(db, key)
    # Move the head only from the end it authenticates: an entry appended after a cut must not make
    # the cut look whole (the entry is still kept, so work goes on; verify and sync keep failing).
    intact = stored == (AuditHead(0, GENESIS_HASH) if last is None else AuditHead(int(last[0]), prev))
    sealed = seal_json(key, {"actor": entry.actor, "detail": entry.detail}, _binding(prev), "audit detail")
    digest = chain_hash(prev, entry)
    row_id = advance_counter(db, AUDIT_ID_SCOPE)
    db.execute(
        f"INSERT INTO audit ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (row_id, entry.at, entry.action, entry.case_number, sealed, prev, digest),
    )
    if intact:
        _write_head(db, key, AuditHead(row_id, digest))
    else:
        logger.error(
            "audit entry %d appended, but the log's end no longer matches its head: left unmoved", row_id
        )


def _write_head(db: sqlite_utils.Database, key: DeviceKey, head: AuditHead) -> None:
    mac = key.mac(_HEAD_LABEL, head_message(head.count, head.hash))
    db.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (_HEAD_KEY, f"{head.count}:{head.hash}:{mac}"),
    )


def adopt_head(db: sqlite_utils.Database, key: DeviceKey) -> None:
    """Authenticate the log's current end as its head: only in the open that applied m005 (a store
    made before heads existed, or a new one), inside that open's transaction."""
    last = db.execute("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    _write_head(
        db, key, AuditHead(0, GENESIS_HASH) if last is None else AuditHead(int(last[0]), str(last[1]))
    )


def _stored_head(db: sqlite_utils.Database, key: DeviceKey) -> tuple[AuditHead | None, str]:
    """The authenticated head, or None and why not (missing, malformed, or its MAC does not match)."""
    row = db.execute("SELECT value FROM meta WHERE key = ?", (_HEAD_KEY,)).fetchone()
    parts = str(row[0]).split(":") if row is not None else []
    if len(parts) != 3 or not parts[0].isascii() or not parts[0].isdigit():
        return None, "the authenticated head record of the log is missing"
    head = AuditHead(int(parts[0]), parts[1])
    if not hmac.compare_digest(key.mac(_HEAD_LABEL, head_message(head.count, head.hash)), parts[2]):
        return None, "the head record of the log was altered (its MAC does not match the device key)"
    return head, ""


def _head_problem(head: AuditHead, entries: int, last_hash: str) -> AuditVerification | None:
    """How the rows disagree with an authentic head, or None."""
    if head.count > entries:
        return AuditVerification(
            ok=False,
            entries=entries,
            first_bad=entries + 1,
            reason=f"entries {entries + 1}…{head.count} were removed from the end of the log",
        )
    if head.count < entries:
        return AuditVerification(
            ok=False,
            entries=entries,
            first_bad=head.count + 1,
            reason=f"entries after {head.count} are not covered by the authenticated head",
        )
    if head.hash != last_hash:
        return AuditVerification(
            ok=False,
            entries=entries,
            first_bad=max(entries, 1),
            reason=f"entry {entries} is not the one the authenticated head names",
        )
    return None


def head(db: sqlite_utils.Database, key: DeviceKey) -> AuditHead:
    """The log's authenticated head, checked against its last row and the id counter (cheap: no
    entry is decrypted; ``verify`` walks the whole chain). AuditTamperedError when they disagree."""
    with db.atomic():
        return _checked_head(db, key)


def _checked_head(db: sqlite_utils.Database, key: DeviceKey) -> AuditHead:
    stored, why = _stored_head(db, key)
    last = db.execute("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    high = counter_value(db, AUDIT_ID_SCOPE)
    count, last_hash = (0, GENESIS_HASH) if last is None else (int(last[0]), str(last[1]))
    problem = None if stored is None else _head_problem(stored, count, last_hash)
    if stored is None or problem is not None or high != count:
        reason = why or (problem.reason if problem else f"the id counter ({high}) is past the last entry")
        raise AuditTamperedError(
            "本机审计日志校验失败（记录可能被删除或篡改），已停止同步。请联系管理员执行 tongban audit verify 检查。",
            f"audit log head check failed: {reason}",
            code="audit.tampered",
        )
    return stored


def report(db: sqlite_utils.Database, key: DeviceKey) -> AuditReport:
    """The checked head to send, remembered as reported before it is sent (call inside a write
    transaction), with the chain's hashes at the heads reported earlier and not confirmed since."""
    current = _checked_head(db, key)
    counts = _reported(db)
    if current.count not in counts:
        counts.append(current.count)
    counts = counts[:1] + counts[1:][-(MAX_REPORTED - 1) :]  # the confirmed one is never dropped
    _keep_reported(db, counts)
    known = tuple(AuditHead(c, _hash_at(db, c)) for c in counts if c != current.count)
    return AuditReport(current, known)


def confirm(db: sqlite_utils.Database, count: int) -> None:
    """The platform answered a request that carried the head at ``count``: it now holds that one."""
    _keep_reported(db, [count])


def _reported(db: sqlite_utils.Database) -> list[int]:
    row = db.execute("SELECT value FROM meta WHERE key = ?", (_REPORTED_KEY,)).fetchone()
    try:
        counts = json.loads(row[0]) if row is not None else []
    except ValueError:
        counts = []  # damaged: the platform will refuse a report that does not cover its head
    return [c for c in counts if isinstance(c, int)] if isinstance(counts, list) else []


def _keep_reported(db: sqlite_utils.Database, counts: list[int]) -> None:
    db.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (_REPORTED_KEY, json.dumps(counts)),
    )


def _hash_at(db: sqlite_utils.Database, count: int) -> str:
    if count == 0:
        return GENESIS_HASH
    row = db.execute("SELECT hash FROM audit WHERE id = ?", (count,)).fetchone()
    return _MISSING if row is None else str(row[0])


def entries(db: sqlite_utils.Database, key: DeviceKey, case_number: str | None) -> list[AuditEntry]:
    if case_number is None:
        cursor = db.execute(f"SELECT {_COLUMNS} FROM audit ORDER BY id")
    else:
        cursor = db.execute(f"SELECT {_COLUMNS} FROM audit WHERE case_number = ? ORDER BY id", (case_number,))
    return [_entry(key, row) for row in cursor.fetchall()]


def verify(db: sqlite_utils.Database, key: DeviceKey) -> AuditVerification:
    """Check the whole chain, then that no rows were cut off its end; the first problem wins."""
    undecryptable: list[int] = []

    def rows(cursor: Iterator[tuple[Any, ...]]) -> Iterator[tuple[int, AuditEntry, str, str]]:
        for row in cursor:
            try:
                entry = _entry(key, row)
            except KeyMaterialError:
                undecryptable.append(int(row[0]))
                return
            yield int(row[0]), entry, str(row[5]), str(row[6])

    with db.atomic():  # one read snapshot for the rows, the high-water mark and the head
        result = verify_chain(rows(db.execute(f"SELECT {_COLUMNS} FROM audit ORDER BY id")))
        high = counter_value(db, AUDIT_ID_SCOPE)
        stored, why = _stored_head(db, key)
        last = db.execute("SELECT hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    if not result.ok:
        return result
    if undecryptable:
        bad = undecryptable[0]
        return AuditVerification(
            ok=False,
            entries=result.entries + 1,
            first_bad=bad,
            reason=f"entry {bad} cannot be decrypted: its sealed detail was altered or moved",
        )
    # The id counter remembers the largest id ever used; more than we saw means the tail was cut.
    if high > result.entries:
        return AuditVerification(
            ok=False,
            entries=result.entries,
            first_bad=result.entries + 1,
            reason=f"entries {result.entries + 1}…{high} were removed from the end of the log",
        )
    if stored is None:
        return AuditVerification(ok=False, entries=result.entries, first_bad=result.entries + 1, reason=why)
    problem = _head_problem(stored, result.entries, GENESIS_HASH if last is None else str(last[0]))
    return result if problem is None else problem


def _entry(key: DeviceKey, row: tuple[Any, ...]) -> AuditEntry:
    _id, at, action, case_number, sealed, prev_hash, _hash = row
    body = open_json(key, sealed, _binding(prev_hash))
    return AuditEntry(
        actor=body["actor"], action=action, at=at, case_number=case_number, detail=body["detail"]
    )
