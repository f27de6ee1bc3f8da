"""The platform's store of kiosk ratings with no case (POST /ratings, 好差评 GB/T 39734): each kept
once per (device, id); a resend is answered "duplicate" and changes nothing."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime

import sqlite_utils

from core.store.db import write_transaction
from sync import contract


def store_ratings(
    db: sqlite_utils.Database, device_id: str, ratings: Sequence[contract.WireRating], now: datetime
) -> contract.RatingsResponse:
    received_at = now.isoformat(timespec="seconds")
    receipts: list[contract.RatingReceipt] = []
    with write_transaction(db):
        for rating in ratings:
            cursor = db.execute(
                "INSERT OR IGNORE INTO kiosk_ratings (device_id, id, body, received_at) VALUES (?, ?, ?, ?)",
                (
                    device_id,
                    rating["id"],
                    json.dumps(rating, ensure_ascii=False, sort_keys=True),
                    received_at,
                ),
            )
            receipts.append({"id": rating["id"], "status": "stored" if cursor.rowcount else "duplicate"})
    return {"receipts": receipts}


def kiosk_ratings(db: sqlite_utils.Database) -> list[dict[str, object]]:
    """Every kiosk rating held, oldest first (for operators and tests)."""
    rows = db.execute("SELECT device_id, body, received_at FROM kiosk_ratings ORDER BY rowid")
    return [{"device_id": d, **json.loads(b), "received_at": r} for d, b, r in rows.fetchall()]
