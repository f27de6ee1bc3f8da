"""The platform's store of kiosk ratings with no case (POST /ratings, 好差评 GB/T 39734): each kept
once per (device, id); a resend is answered "duplicate" and changes nothing.

A 差评 (level 1–2) among them has no case on any device to carry its 整改, so the platform opens the
整改 itself when it first stores the rating: due ``bad_rating_follow_up_days`` working days after the
day it was given, on the calendar the platform serves (GB/T 39734 §9.3 差评处置; domain review §5 E1).
Its 整改结果, 回访 and 申诉复核 are recorded here by the hall's staff (``tongban platform ratings``),
under the same rule as a rating on a case (core.cases.ratings.follow_up_rating).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import sqlite_utils

from core.calendar import HolidayCalendar, shipped_calendar
from core.cases.codec import evaluation_from_dict, evaluation_to_dict
from core.cases.model import Evaluation
from core.cases.ratings import (
    AppealOutcome,
    FollowUp,
    RatingChannel,
    RatingStage,
    follow_up_rating,
    open_actions,
    rectification_for,
)
from core.errors import NotFoundError, ValidationError
from core.store.db import write_transaction
from sync import contract

MIGRATION_FOLLOW_UP_DAYS = 5  # the 整改 of a 差评 stored before m007: the devices' default then
MIN_ID_PREFIX = 6  # ``tongban platform ratings follow-up ID``: this many hex digits name one rating


@dataclass(frozen=True, slots=True)
class RatingPolicy:
    """How the platform opens a kiosk 差评's 整改: the limit and the calendar it is counted on."""

    follow_up_days: int
    calendar: HolidayCalendar


def store_ratings(
    db: sqlite_utils.Database,
    device_id: str,
    ratings: Sequence[contract.WireRating],
    now: datetime,
    policy: RatingPolicy,
) -> contract.RatingsResponse:
    """Keep each rating once; a 差评 stored for the first time opens its 整改 in the same transaction."""
    received_at = now.isoformat(timespec="seconds")
    receipts: list[contract.RatingReceipt] = []
    with write_transaction(db):
        for rating in ratings:
            if _held(db, device_id, rating["id"]):
                receipts.append({"id": rating["id"], "status": "duplicate"})
                continue
            if _rated_before(db, rating):
                receipts.append({"id": rating["id"], "status": "already_rated"})
                continue
            follow_up = _opened(rating, now.date(), policy)
            cursor = db.execute(
                "INSERT OR IGNORE INTO kiosk_ratings (device_id, id, body, received_at, follow_up)"
                " VALUES (?, ?, ?, ?, ?)",
                (
                    device_id,
                    rating["id"],
                    json.dumps(rating, ensure_ascii=False, sort_keys=True),
                    received_at,
                    None if follow_up is None else _dump(follow_up),
                ),
            )
            receipts.append({"id": rating["id"], "status": "stored" if cursor.rowcount else "duplicate"})
    return {"receipts": receipts}


def _held(db: sqlite_utils.Database, device_id: str, rating_id: str) -> bool:
    row = db.execute(
        "SELECT 1 FROM kiosk_ratings WHERE device_id = ? AND id = ?", (device_id, rating_id)
    ).fetchone()
    return row is not None


def _rated_before(db: sqlite_utils.Database, rating: contract.WireRating) -> bool:
    """A rating of a case's stage (一事一评 at a kiosk) when that stage was rated already, by its own
    device's ``evaluated`` event or at a kiosk: each case takes one rating per stage (GB/T 39734 §7.1)."""
    number, stage = rating.get("case_number"), rating.get("stage", RatingStage.RESULT.value)
    if not number:
        return False
    row = db.execute("SELECT doc FROM cases WHERE case_number = ?", (number,)).fetchone()
    if row is not None and any(e.get("stage") == stage for e in json.loads(row[0]).get("evaluations", [])):
        return True
    found = db.execute(
        "SELECT 1 FROM kiosk_ratings WHERE json_extract(body, '$.case_number') = ?"
        " AND json_extract(body, '$.stage') = ?",
        (number, stage),
    ).fetchone()
    return found is not None


def _opened(
    rating: dict[str, Any] | contract.WireRating, received: date, policy: RatingPolicy
) -> Evaluation | None:
    """The platform's record of ``rating``: a 差评 with its 整改 open, or None for a good rating."""
    level = int(rating["level"])
    given = _day(str(rating.get("at", "")), received)
    calendar = policy.calendar
    fix = rectification_for(level, given, policy.follow_up_days, calendar.holidays, calendar.workdays)
    if fix is None:
        return None
    return Evaluation(
        level=level,
        reason=str(rating.get("reason", "")),
        at=str(rating.get("at", "")),
        # 一次一评 of the visit, or 一事一评 of the case it names (the schema's enum)
        stage=RatingStage(str(rating.get("stage", RatingStage.INTAKE.value))),
        categories=tuple(str(c) for c in rating.get("categories", ())),
        channel=RatingChannel(str(rating.get("channel", RatingChannel.KIOSK.value))),  # the schema's enum
        rectification=fix,
    )


def _day(at: str, fallback: date) -> date:
    """The day a rating was given (device time); its day of arrival when that cannot be read."""
    try:
        return datetime.fromisoformat(at).date()
    except ValueError:
        return fallback


def _dump(rating: Evaluation) -> str:
    return json.dumps(evaluation_to_dict(rating), ensure_ascii=False, sort_keys=True)


def backfill_follow_ups(db: sqlite_utils.Database) -> None:
    """m007: open the 整改 of each 差评 stored before the platform followed them up (shipped calendar,
    the devices' default limit), counted from the day it was given."""
    policy = RatingPolicy(MIGRATION_FOLLOW_UP_DAYS, shipped_calendar())
    rows = db.execute("SELECT rowid, body, received_at FROM kiosk_ratings").fetchall()
    for rowid, body, received_at in rows:
        opened = _opened(json.loads(body), datetime.fromisoformat(received_at).date(), policy)
        if opened is not None:
            db.execute("UPDATE kiosk_ratings SET follow_up = ? WHERE rowid = ?", (_dump(opened), rowid))


def kiosk_ratings(db: sqlite_utils.Database, *, open_only: bool = False) -> list[dict[str, object]]:
    """Every kiosk rating held, oldest first (for operators and tests); a 差评 with ``handling`` (差评处置: its
    整改 deadline, result, 回访 and 申诉复核) and ``open`` (what can still be recorded)."""
    rows = db.execute(
        "SELECT device_id, body, received_at, follow_up FROM kiosk_ratings ORDER BY rowid"
    ).fetchall()
    held: list[dict[str, object]] = []
    for device_id, body, received_at, follow_up in rows:
        item: dict[str, object] = {"device_id": device_id, **json.loads(body), "received_at": received_at}
        if follow_up is not None:
            rating = evaluation_from_dict(json.loads(follow_up))
            item["handling"] = evaluation_to_dict(rating)  # 差评处置
            item["open"] = [a.value for a in open_actions(rating)]
        if open_only and not item.get("open"):
            continue
        held.append(item)
    return held


def follow_up_kiosk_rating(
    db: sqlite_utils.Database,
    id_prefix: str,
    action: FollowUp,
    *,
    text: str,
    by: str,
    now: datetime,
    visit_on: date | None = None,
    outcome: AppealOutcome | None = None,
) -> dict[str, object]:
    """Record a kiosk 差评's 整改结果, 回访 or 申诉复核; the rating as ``kiosk_ratings`` lists it.
    ``id_prefix``: the rating's id or its first ``MIN_ID_PREFIX``+ hex digits (one rating only)."""
    prefix = id_prefix.strip().lower()
    if len(prefix) < MIN_ID_PREFIX or any(c not in "0123456789abcdef" for c in prefix):
        raise ValidationError(
            "id",
            f"评价编号应为至少 {MIN_ID_PREFIX} 位十六进制数字（见 tongban platform ratings），现在是“{id_prefix}”",
            f"a rating id needs {MIN_ID_PREFIX}+ hex digits, got {id_prefix!r}",
            code="rating.bad_id",
        )
    if not by.strip():
        raise ValidationError(
            "staff", "请填写经办人（--staff）", "the staff member is missing", code="rating.no_staff"
        )
    with write_transaction(db):
        rows = db.execute(
            "SELECT rowid, follow_up FROM kiosk_ratings WHERE id LIKE ? ORDER BY rowid",  # hex: no wildcards
            (prefix + "%",),
        ).fetchall()
        if not rows:
            raise NotFoundError(f"平台上没有编号为 {prefix} 的自助终端评价", f"no kiosk rating {prefix}")
        if len(rows) > 1:
            raise ValidationError(
                "id",
                f"编号 {prefix} 对应 {len(rows)} 条评价，请多写几位",
                f"{prefix} names {len(rows)} ratings",
                code="rating.ambiguous_id",
            )
        rowid, follow_up = rows[0]
        if follow_up is None:
            raise ValidationError(
                "id", "这条评价不是差评，无需整改", "not a bad rating", code="rating.no_bad_rating"
            )
        done = follow_up_rating(
            evaluation_from_dict(json.loads(follow_up)),
            action,
            text=text,
            at=now.isoformat(timespec="seconds"),
            by=by.strip(),
            visit_on=visit_on,
            outcome=outcome,
        )
        db.execute("UPDATE kiosk_ratings SET follow_up = ? WHERE rowid = ?", (_dump(done), rowid))
    (row,) = [r for r in kiosk_ratings(db) if str(r["id"]).startswith(prefix)]
    return row
