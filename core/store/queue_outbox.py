"""A device's queue events made while the hall server was down (m006): kept, then sent once by their id.

When the hall server does not answer, a kiosk issues the ticket itself from its own offline slot
(core/queue/model.py: ``A1001`` …, never a number the server hands out) with a durable counter per
day, lane and slot, and keeps the ISSUED event here in the same transaction: a number handed out is
never handed out again, and a ticket printed is never lost. The event names the applicant of a
ticket taken by ID card, so it is sealed like every other personal record. ``sync.queue_push``
sends the pending events with ``send_events`` when the server answers; the server merges by event
id, and only then are they marked sent (a lost answer means a resend the server recognises).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import sqlite_utils

from core.crypto import DeviceKey
from core.errors import ValidationError
from core.queue.codec import event_from_dict, event_to_dict
from core.queue.model import Applicant, Priority, QueueRules, Ticket, TicketEvent
from core.queue.rules import lane_for, new_ticket
from core.store.codec import aad, open_json, seal_json
from core.store.counters import advance_counter
from core.store.guard import translated
from core.store.sync_state import Writing

_TABLE = "queue_outbox"
_LAST_SEQ = 999  # ticket numbers have three digits after the slot


@dataclass(frozen=True, slots=True)
class OutboxEvent:
    event: TicketEvent
    sent_at: str | None = None


def offline_counter_scope(day: str, lane: str, slot: int) -> str:
    """The counter of a day's offline tickets of one lane from one slot (``queue:2026-12-07:A:1``)."""
    return f"queue:{day}:{lane}:{slot}"


class QueueOutboxStore:
    """The queue_outbox table of one Store; lives on that Store's thread (``Store.queue_outbox``)."""

    def __init__(self, db: sqlite_utils.Database, key: DeviceKey, writing: Writing) -> None:
        self._db = db
        self._key = key
        self._writing = writing

    @translated
    def issue_offline(
        self,
        rules: QueueRules,
        *,
        slot: int,
        now: datetime,
        device: str,
        service: str,
        service_name: str,
        priority: Priority,
        applicant: Applicant | None = None,
    ) -> Ticket:
        """A ticket from this device's ``slot`` (its next number of the day in its lane) and its
        ISSUED event queued for the hall server, in one transaction."""
        lane = lane_for(rules, priority)
        taken_at = now.isoformat(timespec="seconds")
        with self._writing():
            seq = advance_counter(self._db, offline_counter_scope(now.date().isoformat(), lane, slot))
            if seq > _LAST_SEQ:
                raise ValidationError(
                    "seq",
                    "本机今天离线可取的号已经取完，请到人工窗口取号",
                    f"offline tickets of lane {lane} from slot {slot} used up today",
                    code="queue.offline_used_up",
                )
            ticket, event = new_ticket(
                rules,
                seq=seq,
                slot=slot,
                service=service,
                service_name=service_name,
                priority=priority,
                taken_at=taken_at,
                issued_by=device,
                applicant=applicant,
            )
            self._insert(event)
        return ticket

    @translated
    def add(self, events: Sequence[TicketEvent]) -> None:
        """Queue events made alone (e.g. a window's calls by scanning) for the hall server."""
        with self._writing():
            for event in events:
                self._insert(event)

    @translated
    def pending(self, limit: int = 200) -> list[TicketEvent]:
        """Events the hall server has not acknowledged yet, in the order they were made."""
        rows = self._db.execute(
            f"SELECT id, sealed FROM {_TABLE} WHERE sent_at IS NULL ORDER BY at, rowid LIMIT ?", [limit]
        ).fetchall()
        return [self._open(str(i), sealed) for i, sealed in rows]

    @translated
    def pending_count(self) -> int:
        row = self._db.execute(f"SELECT count(*) FROM {_TABLE} WHERE sent_at IS NULL").fetchone()
        return int(row[0])

    @translated
    def all(self) -> list[OutboxEvent]:
        rows = self._db.execute(f"SELECT id, sealed, sent_at FROM {_TABLE} ORDER BY at, rowid").fetchall()
        return [
            OutboxEvent(self._open(str(i), sealed), None if s is None else str(s)) for i, sealed, s in rows
        ]

    @translated
    def mark_sent(self, ids: Sequence[str], at: str) -> None:
        """The hall server holds these events (its answer said so): never sent again."""
        with self._writing():
            for event_id in ids:
                self._db.execute(
                    f"UPDATE {_TABLE} SET sent_at = ? WHERE id = ? AND sent_at IS NULL", [at, event_id]
                )

    def _insert(self, event: TicketEvent) -> None:
        sealed = seal_json(self._key, event_to_dict(event), aad(_TABLE, event.id), "queue event")
        self._db.execute(
            f"INSERT INTO {_TABLE} (id, at, sealed) VALUES (?, ?, ?)", [event.id, event.at, sealed]
        )

    def _open(self, event_id: str, sealed: bytes) -> TicketEvent:
        return event_from_dict(open_json(self._key, sealed, aad(_TABLE, event_id)))
