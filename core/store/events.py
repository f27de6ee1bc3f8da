"""Append-only case events and the outbox they form, plus the durable counters that number them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlite_utils

from core.crypto import DeviceKey
from core.errors import NotFoundError, StoreError
from core.store.codec import aad, open_json, to_json
from core.store.counters import advance_counter
from core.store.migrations import EVENT_SEQ_SCOPE
from core.store.records import NewEvent, StoredEvent

_COLUMNS = "seq, case_number, kind, device_time, counter, sealed, acked_at, receipt"
_CHUNK = 500  # below SQLite's host-parameter limit (https://www.sqlite.org/limits.html#max_variable_number)


def _binding(seq: int, case_number: str) -> bytes:
    return aad("events", seq, case_number)


def append_events(
    db: sqlite_utils.Database, key: DeviceKey, device_id: str, case_number: str, events: Sequence[NewEvent]
) -> list[StoredEvent]:
    """Insert ``events`` of one case with the next sequence numbers; call inside a transaction."""
    for event in events:
        if event.case_number != case_number:
            raise StoreError(
                "事件与办件不符。", f"event for case {event.case_number!r} written with case {case_number!r}"
            )
    if not events:
        return []
    first = advance_counter(db, EVENT_SEQ_SCOPE, len(events)) - len(events) + 1
    stored: list[StoredEvent] = []
    for seq, event in enumerate(events, start=first):
        # The operator is staff, and staff are people too (PIPL): sealed with the payload.
        plain = to_json({"operator": event.operator, "payload": event.payload}, f"event {event.kind}")
        db.execute(
            f"INSERT INTO events ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, NULL, NULL)",
            (
                seq,
                case_number,
                event.kind,
                event.device_time,
                event.counter,
                key.seal(plain, _binding(seq, case_number)),
            ),
        )
        stored.append(
            StoredEvent(
                seq=seq,
                device_id=device_id,
                case_number=case_number,
                kind=event.kind,
                payload=event.payload,
                device_time=event.device_time,
                counter=event.counter,
                operator=event.operator,
            )
        )
    return stored


def events_for(
    db: sqlite_utils.Database, key: DeviceKey, device_id: str, case_number: str
) -> list[StoredEvent]:
    rows = db.execute(f"SELECT {_COLUMNS} FROM events WHERE case_number = ? ORDER BY seq", (case_number,))
    return [_from_row(key, device_id, row) for row in rows.fetchall()]


def pending_events(
    db: sqlite_utils.Database, key: DeviceKey, device_id: str, limit: int | None, after_seq: int = 0
) -> list[StoredEvent]:
    # LIMIT -1 means no limit (https://www.sqlite.org/lang_select.html#limitoffset).
    bound = -1 if limit is None else limit
    rows = db.execute(
        f"SELECT {_COLUMNS} FROM events WHERE acked_at IS NULL AND seq > ? ORDER BY seq LIMIT ?",
        (after_seq, bound),
    )
    return [_from_row(key, device_id, row) for row in rows.fetchall()]


def pending_by_case(db: sqlite_utils.Database) -> dict[str, int]:
    """How many unacknowledged events each case has; read from the plain columns, nothing opened."""
    rows = db.execute("SELECT case_number, count(*) FROM events WHERE acked_at IS NULL GROUP BY case_number")
    return {number: count for number, count in rows.fetchall()}


def pending_count(db: sqlite_utils.Database) -> int:
    return int(db.execute("SELECT count(*) FROM events WHERE acked_at IS NULL").fetchone()[0])


def mark_acked(db: sqlite_utils.Database, seqs: Sequence[int], receipt: str, acked_at: str) -> None:
    """Acknowledge events; already acknowledged ones keep their first receipt. Call in a transaction.

    NotFoundError if a sequence number does not exist: the platform acknowledged something this
    device never sent, which sync must not paper over.
    """
    if not receipt.strip():
        raise StoreError("平台回执为空，不能确认已同步。", "an acknowledgement needs the platform's receipt")
    unique = sorted(set(seqs))
    for start in range(0, len(unique), _CHUNK):
        chunk = unique[start : start + _CHUNK]
        marks = ", ".join("?" * len(chunk))
        db.execute(
            f"UPDATE events SET acked_at = ?, receipt = ? WHERE acked_at IS NULL AND seq IN ({marks})",
            (acked_at, receipt, *chunk),
        )
        found = db.execute(f"SELECT count(*) FROM events WHERE seq IN ({marks})", chunk).fetchone()[0]
        if found != len(chunk):
            raise NotFoundError(
                "平台确认了本机没有的事件。",
                f"acknowledged {len(chunk) - found} unknown event sequence number(s)",
            )


def mark_acked_receipts(
    db: sqlite_utils.Database, receipts: Sequence[tuple[int, str]], acked_at: str
) -> None:
    """Acknowledge events each with its own receipt (one statement for all); rules as mark_acked."""
    if any(not receipt.strip() for _, receipt in receipts):
        raise StoreError("平台回执为空，不能确认已同步。", "an acknowledgement needs the platform's receipt")
    db.conn.executemany(
        "UPDATE events SET acked_at = ?, receipt = ? WHERE acked_at IS NULL AND seq = ?",
        [(acked_at, receipt, seq) for seq, receipt in receipts],
    )
    unique = sorted({seq for seq, _ in receipts})
    for start in range(0, len(unique), _CHUNK):
        chunk = unique[start : start + _CHUNK]
        marks = ", ".join("?" * len(chunk))
        found = db.execute(f"SELECT count(*) FROM events WHERE seq IN ({marks})", chunk).fetchone()[0]
        if found != len(chunk):
            raise NotFoundError(
                "平台确认了本机没有的事件。",
                f"acknowledged {len(chunk) - found} unknown event sequence number(s)",
            )


def _from_row(key: DeviceKey, device_id: str, row: tuple[Any, ...]) -> StoredEvent:
    seq, case_number, kind, device_time, counter, sealed, acked_at, receipt = row
    body = open_json(key, sealed, _binding(seq, case_number))
    return StoredEvent(
        seq=seq,
        device_id=device_id,
        case_number=case_number,
        kind=kind,
        payload=body["payload"],
        device_time=device_time,
        counter=counter,
        operator=body["operator"],
        acked_at=acked_at,
        receipt=receipt,
    )
