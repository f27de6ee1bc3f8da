"""A restored device learns how far it had numbered before it numbers again (core/store/numbering.py).

Called first in a sync round while the store's numbering hold stands: one signed GET of
``P_DEVICE_MARKS`` (through the platform adapter), then one transaction that raises the event seq and every daily case-number
counter past what the platform holds from this device and lifts the hold. Any SyncError leaves
the hold in place (the round fails and is retried like any other).
"""

from __future__ import annotations

import logging
from typing import Final

from core.case_numbers import counter_scope, parse_case_number
from core.clock import Clock
from core.errors import ValidationError
from core.store.records import AuditEntry
from core.store.store import Store
from sync.adapter import Capability, PlatformAdapter
from sync.errors import SyncPermanentError

logger = logging.getLogger(__name__)

AUDIT_ACTION: Final = "numbering.released"


def settle_numbering(store: Store, client: PlatformAdapter, clock: Clock) -> bool:
    """Learn this device's marks and release its numbering if a restore held it; True if it did.

    A platform whose adapter cannot tell (no ``Capability.MARKS``, e.g. gov-standard) leaves the
    hold in place and the round goes on: the operator answers for the device
    (``tongban numbering --release --force``)."""
    since = store.numbering_held_since()
    if since is None:
        return False
    if Capability.MARKS not in client.capabilities:
        logger.warning(
            "numbering held since the restore at %s; the %s platform cannot tell this device's marks: "
            "the operator must release it (tongban numbering --release --force)",
            since,
            client.name,
        )
        return False
    marks = client.device_marks()
    if marks["device_id"] != store.device_id:
        raise SyncPermanentError(
            "平台返回的不是本设备的编号记录，暂不恢复编号。",
            f"device marks are for {marks['device_id']}, not {store.device_id}",
            code="marks_mismatch",
        )
    counters: dict[str, int] = {}
    for text in marks["case_numbers"]:
        try:
            number = parse_case_number(text)
        except ValidationError as exc:
            raise SyncPermanentError(
                "平台返回的办件编号有误，暂不恢复编号。", f"device marks: {exc.detail}", code="marks_invalid"
            ) from None
        scope = counter_scope(number.region, number.device_no, number.day)
        counters[scope] = max(counters.get(scope, 0), number.sequence)
    audit = AuditEntry(
        actor="sync",
        action=AUDIT_ACTION,
        at=clock.now().isoformat(timespec="seconds"),
        case_number=None,
        detail={"held_since": since, "event_seq": marks["event_seq"], "daily_counters": len(counters)},
    )
    store.release_numbering(counters, audit, event_seq=marks["event_seq"])
    logger.info(
        "numbering released after the restore of %s: event seq past %d, %d daily counters",
        since,
        marks["event_seq"],
        len(counters),
    )
    return True
