"""Pushing kiosk ratings with no case (好差评, GB/T 39734; core/store/kiosk_ratings.py).

Each has a random id; a rating is marked sent only when the platform's answer names its id
("stored" or "duplicate"), so an answer lost on the way means a resend the platform recognises:
the platform holds every rating exactly once.
"""

from __future__ import annotations

import logging

from core.store.store import Store
from sync import contract
from sync.adapter import PlatformAdapter

logger = logging.getLogger(__name__)


def push_kiosk_ratings(store: Store, client: PlatformAdapter) -> int:
    """Send the pending kiosk ratings in batches; returns how many the platform now holds.
    A SyncError stops it (the rest stay pending for the next round)."""
    done = 0
    while True:
        pending = store.kiosk_ratings.pending(contract.MAX_RATINGS_PER_BATCH)
        if not pending:
            return done
        wire: list[contract.WireRating] = [
            {
                "id": r.id,
                "at": r.at,
                "level": int(r.body["level"]),
                "reason": str(r.body.get("reason", "")),
                "channel": str(r.body.get("channel", "kiosk")),
                "services": [str(s) for s in r.body.get("services", [])],
                "follow_up": bool(r.body.get("follow_up", int(r.body["level"]) <= 2)),
            }
            for r in pending
        ]
        answer = client.push_ratings(wire)
        asked = {r.id for r in pending}
        held = [r["id"] for r in answer["receipts"] if r["id"] in asked]
        store.kiosk_ratings.mark_sent(held)
        done += len(held)
        logger.info("kiosk ratings: %d sent, %d held by the platform", len(pending), len(held))
        if len(held) < len(pending):  # an answer that leaves some out: try those next round
            return done
