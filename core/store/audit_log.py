"""The audit table: hash-chained rows (core.audit) whose actor and detail are sealed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import sqlite_utils

from core.audit import GENESIS_HASH, chain_hash, verify_chain
from core.crypto import DeviceKey
from core.errors import KeyMaterialError
from core.store.codec import aad, open_json, seal_json
from core.store.counters import advance_counter, counter_value
from core.store.migrations import AUDIT_ID_SCOPE
from core.store.records import AuditEntry, AuditVerification

_COLUMNS = "id, at, action, case_number, sealed, prev_hash, hash"


def _binding(prev_hash: str) -> bytes:
    # The previous hash names the row's place in the chain: a detail moved to another row will not open.
    return aad("audit", prev_hash)


def append(db: sqlite_utils.Database, key: DeviceKey, entry: AuditEntry) -> None:
    """Chain ``entry`` onto the last row; call inside a write transaction (the read must not go stale)."""
    last = db.execute("SELECT hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    prev = GENESIS_HASH if last is None else str(last[0])
    sealed = seal_json(key, {"actor": entry.actor, "detail": entry.detail}, _binding(prev), "audit detail")
    digest = chain_hash(prev, entry)
    db.execute(
        f"INSERT INTO audit ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            advance_counter(db, AUDIT_ID_SCOPE),
            entry.at,
            entry.action,
            entry.case_number,
            sealed,
            prev,
            digest,
        ),
    )


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

    with db.atomic():  # one read snapshot for the rows and the high-water mark
        result = verify_chain(rows(db.execute(f"SELECT {_COLUMNS} FROM audit ORDER BY id")))
        high = counter_value(db, AUDIT_ID_SCOPE)
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
    return result


def _entry(key: DeviceKey, row: tuple[Any, ...]) -> AuditEntry:
    _id, at, action, case_number, sealed, prev_hash, _hash = row
    body = open_json(key, sealed, _binding(prev_hash))
    return AuditEntry(
        actor=body["actor"], action=action, at=at, case_number=case_number, detail=body["detail"]
    )
