"""Pushing kiosk ratings with no case (好差评, GB/T 39734; core/store/kiosk_ratings.py).

Each has a random id; a rating is marked sent only when the platform's answer names its id
("stored", "duplicate", or "already_rated" for a second rating of a case's result), so an answer lost on
the way means a resend the platform recognises:
the platform holds every rating exactly once.
"""

from __future__ import annotations

import logging

from core.store.kiosk_ratings import KioskRating
from core.store.store import Store
from sync import contract
from sync.adapter import PlatformAdapter

logger = logging.getLogger(__name__)


def _wire(rating: KioskRating) -> contract.WireRating:
    body = rating.body
    wire: contract.WireRating = {
        "id": rating.id,
        "at": rating.at,
        "level": int(body["level"]),
        "reason": str(body.get("reason", "")),
        "channel": str(body.get("channel", "kiosk")),
        "services": [str(s) for s in body.get("services", [])],
        "follow_up": bool(body.get("follow_up", int(body["level"]) <= 2)),
    }
    if body.get("case_number"):  # 一事一评 of a case the platform holds (kiosk/screens/rating.py)
        wire["case_number"] = str(body["case_number"])
        wire["stage"] = str(body.get("stage", "result"))
    if body.get("categories"):
        wire["categories"] = [str(c) for c in body["categories"]]
    return wire


def push_kiosk_ratings(store: Store, client: PlatformAdapter) -> int:
    """Send the pending kiosk ratings in batches; returns how many the platform now holds.
    A SyncError stops it (the rest stay pending for the next round)."""
    done = 0
    while True:
        pending = store.kiosk_ratings.pending(contract.MAX_RATINGS_PER_BATCH)
        if not pending:
            return done
        wire = [_wire(r) for r in pending]
        answer = client.push_ratings(wire)
        asked = {r.id for r in pending}
        held = [r["id"] for r in answer["receipts"] if r["id"] in asked]
        store.kiosk_ratings.mark_sent(held)
        done += len(held)
        logger.info("kiosk ratings: %d sent, %d held by the platform", len(pending), len(held))
        if len(held) < len(pending):  # an answer that leaves some out: try those next round
            return done
