"""Kiosk ratings with no local case (m004): queued, then pushed to the platform once by their id.

A rating at a kiosk after a service that made no case here (a certificate printed, a look at a case
taken at another window) has no case event to carry it (GB/T 39734 §7.1: every service may be rated).
It is kept here, sealed like every other free text, and ``sync.push`` sends it; the platform answers
each id "stored" or "duplicate", and only then is it marked sent, so a lost answer means a resend
the platform recognises, never a lost or doubled rating.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from core.clock import Clock
from core.crypto import DeviceKey
from core.store import audit_log
from core.store.codec import aad, open_json, seal_json
from core.store.guard import translated
from core.store.records import AuditEntry
from core.store.sync_state import Writing


@dataclass(frozen=True, slots=True)
class KioskRating:
    id: str  # uuid4 hex: the platform's idempotency key
    at: str  # when it was given, ISO 8601 device time
    body: Mapping[str, Any]  # level, reason, services, channel, follow_up
    sent_at: str | None = None


class KioskRatingStore:
    """The kiosk_ratings table of one Store; lives on that Store's thread (``Store.kiosk_ratings``)."""

    def __init__(self, db: sqlite_utils.Database, key: DeviceKey, clock: Clock, writing: Writing) -> None:
        self._db = db
        self._key = key
        self._clock = clock
        self._writing = writing

    @translated
    def add(self, body: Mapping[str, Any], audit: AuditEntry) -> KioskRating:
        """Queue a rating and its audit entry in one transaction; returns it with its new id."""
        rating = KioskRating(
            id=uuid.uuid4().hex, at=self._clock.now().isoformat(timespec="seconds"), body=body
        )
        sealed = seal_json(self._key, dict(body), aad("kiosk_ratings", rating.id), "kiosk rating")
        with self._writing():
            self._db.execute(
                "INSERT INTO kiosk_ratings (id, at, sealed) VALUES (?, ?, ?)", [rating.id, rating.at, sealed]
            )
            audit_log.append(self._db, self._key, audit)
        return rating

    @translated
    def pending(self, limit: int = 200) -> list[KioskRating]:
        """Ratings not yet acknowledged by the platform, oldest first."""
        rows = self._db.execute(
            # In the order given (rowid; ``at`` has whole seconds): the platform keeps the first rating
            # of a case's result when a second one follows it (sync.server.ratings).
            "SELECT id, at, sealed FROM kiosk_ratings WHERE sent_at IS NULL ORDER BY at, rowid LIMIT ?",
            [limit],
        ).fetchall()
        return [self._row(str(i), str(at), sealed, None) for i, at, sealed in rows]

    @translated
    def pending_count(self) -> int:
        row = self._db.execute("SELECT count(*) FROM kiosk_ratings WHERE sent_at IS NULL").fetchone()
        return int(row[0])

    @translated
    def all(self) -> list[KioskRating]:
        rows = self._db.execute(
            "SELECT id, at, sealed, sent_at FROM kiosk_ratings ORDER BY at, rowid"
        ).fetchall()
        return [
            self._row(str(i), str(at), sealed, None if s is None else str(s)) for i, at, sealed, s in rows
        ]

    @translated
    def mark_sent(self, ids: Sequence[str]) -> None:
        """The platform holds these ratings (its receipt said so): never sent again."""
        now = self._clock.now().isoformat(timespec="seconds")
        with self._writing():
            for rating_id in ids:
                self._db.execute(
                    "UPDATE kiosk_ratings SET sent_at = ? WHERE id = ? AND sent_at IS NULL", [now, rating_id]
                )

    def _row(self, rating_id: str, at: str, sealed: bytes, sent_at: str | None) -> KioskRating:
        body = open_json(self._key, sealed, aad("kiosk_ratings", rating_id))
        return KioskRating(id=rating_id, at=at, body=body, sent_at=sent_at)
