"""Sending the queue events a device made alone (core/store/queue_outbox.py) to the hall server.

Each batch goes with ``send_events``; the server keeps every event once by its id and answers with
the ones it held but could not apply (a conflict it logs, e.g. a ticket already done): those are
held too, so every event the answer covers is marked sent and never sent again. A SyncError stops
the push: the rest stay pending for the next round.
"""

from __future__ import annotations

import logging
from typing import Final

from core.clock import Clock
from core.store.store import Store
from sync.adapter import PlatformAdapter
from sync.queue_client import send_events

logger = logging.getLogger(__name__)

BATCH: Final = 200


def push_queue_outbox(store: Store, client: PlatformAdapter, clock: Clock) -> int:
    """Send the pending queue events in batches; returns how many the hall server now holds."""
    done = 0
    while True:
        pending = store.queue_outbox.pending(BATCH)
        if not pending:
            return done
        conflicts = send_events(client, pending)
        store.queue_outbox.mark_sent([e.id for e in pending], clock.now().isoformat(timespec="seconds"))
        done += len(pending)
        logger.info(
            "queue events: %d sent to the hall server, %d held as conflicts", len(pending), len(conflicts)
        )
        for event_id, why in conflicts.items():
            logger.warning("queue event %s held by the hall server but not applied: %s", event_id, why)
