"""The update feed devices pull: one row per change the platform made to a device's case, by cursor."""

from __future__ import annotations

import json
from typing import Any

import sqlite_utils

from sync import contract


def add_update(
    db: sqlite_utils.Database, device_id: str, case_number: str, kind: str, at: str, **fields: str
) -> int:
    """Append one update (call inside a write transaction); returns its cursor.

    Cursors come from an AUTOINCREMENT key and SQLite has one writer at a time, so a reader that
    saw cursor C can never later find a committed update below C that it missed.
    """
    row = db.execute(
        "INSERT INTO updates (device_id, case_number, type, at, body) VALUES (?, ?, ?, ?, ?) RETURNING cursor",
        (device_id, case_number, kind, at, json.dumps(fields, ensure_ascii=False, sort_keys=True)),
    ).fetchone()
    return int(row[0])


def updates_after(
    db: sqlite_utils.Database, device_id: str, cursor: int, limit: int
) -> contract.UpdatesResponse:
    """The calling device's updates after ``cursor``, oldest first, at most ``limit``."""
    rows = db.execute(
        "SELECT cursor, case_number, type, at, body FROM updates WHERE device_id = ? AND cursor > ?"
        " ORDER BY cursor LIMIT ?",
        (device_id, cursor, limit),
    ).fetchall()
    updates: list[contract.Update] = []
    for row_cursor, case_number, kind, at, body in rows:
        update: dict[str, Any] = {"cursor": row_cursor, "case_number": case_number, "type": kind, "at": at}
        update.update(json.loads(body))
        updates.append(update)  # type: ignore[arg-type]  # keys are the Update fields add_update wrote
    return {"updates": updates, "next_cursor": updates[-1]["cursor"] if updates else cursor}
