"""Tamper evidence that reaches the platform: each device's audit-log head, and devices held for a bad one.

A device reports its audit chain's head (count, hash of the last entry) with each batch of events,
and its chain's hashes at the heads it reported before (sync.audit_report). The chain is a hash
chain (core.audit), so one matching hash at the count the platform last stored proves the whole
prefix unchanged. A head that is shorter, differs at that count, or does not cover it means the
log was cut, rolled back or rewritten on the device: the device is held (every batch refused with
``audit_head``) until an operator has looked and runs ``tongban platform audit-release``.

Runs on the storage worker thread (and in the ``platform audit-release`` command).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime
from typing import Any

import sqlite_utils

from core.audit import GENESIS_HASH
from core.store.db import write_transaction
from sync.contract import ErrorCode
from sync.server.wire import ApiError

logger = logging.getLogger(__name__)

_HELD = (
    "平台发现本机审计日志与此前上报的不一致（记录可能被删除、回滚或改写），已暂停接收本机上传的办件。"
    "本机数据仍在，请勿清除；请联系平台管理员核查（处理后由管理员解除暂停）。"
)


def admit(db: sqlite_utils.Database, device_id: str, report: Mapping[str, Any] | None, now: datetime) -> None:
    """Remember ``report`` as the device's head if it extends the one stored; else hold the device
    (committed) and raise ApiError 409 ``audit_head``. A held device is refused until released."""
    with write_transaction(db):
        held = db.execute("SELECT reason FROM audit_holds WHERE device_id = ?", (device_id,)).fetchone()
        if held is not None:
            raise _refusal(f"device is held since an earlier audit head: {held[0]}")
        stored = db.execute(
            "SELECT count, hash FROM audit_heads WHERE device_id = ?", (device_id,)
        ).fetchone()
        why = _problem(None if stored is None else (int(stored[0]), str(stored[1])), report)
        if why is None:
            if report is not None:
                db.execute(
                    "INSERT INTO audit_heads (device_id, count, hash, seen_at) VALUES (?, ?, ?, ?)"
                    " ON CONFLICT (device_id) DO UPDATE SET count = excluded.count, hash = excluded.hash,"
                    " seen_at = excluded.seen_at",
                    (device_id, report["count"], report["hash"], now.isoformat()),
                )
            return
        db.execute(
            "INSERT INTO audit_holds (device_id, reason, at) VALUES (?, ?, ?)",
            (device_id, why, now.isoformat()),
        )
    logger.warning("device %s held: its audit log head does not extend the last one (%s)", device_id, why)
    raise _refusal(why)


def _problem(stored: tuple[int, str] | None, report: Mapping[str, Any] | None) -> str | None:
    """Why ``report`` does not extend ``stored`` (English, for the log and the hold), or None."""
    if stored is None:
        return None  # the first head this platform sees from the device (or a device from before heads)
    count, digest = stored
    if report is None:
        return f"no audit head with the batch, after head {count} was reported"
    if report["count"] < count:
        return f"head count {report['count']} is below the {count} entries reported before"
    marks = {int(m["count"]): str(m["hash"]) for m in report["known"]}
    marks[int(report["count"])] = str(report["hash"])  # the head itself, when it is the same count
    marks.setdefault(0, GENESIS_HASH)  # every chain starts there (core.audit)
    if count not in marks:
        return f"the report does not show the chain at {count} entries, the head reported before"
    if marks[count] != digest:
        return f"the chain at {count} entries has another hash than the one reported before (rewritten)"
    return None


def release(db: sqlite_utils.Database, device_id: str) -> bool:
    """Lift a hold and forget the stored head (the next head starts afresh); False if not held."""
    with write_transaction(db):
        held = db.execute("DELETE FROM audit_holds WHERE device_id = ? RETURNING 1", (device_id,)).fetchone()
        if held is not None:
            db.execute("DELETE FROM audit_heads WHERE device_id = ?", (device_id,))
    if held is not None:
        logger.warning("device %s released from its audit hold by an operator", device_id)
    return held is not None


def _refusal(detail: str) -> ApiError:
    return ApiError(409, ErrorCode.AUDIT_HEAD, _HELD, f"audit head refused: {detail}")
