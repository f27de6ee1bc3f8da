"""Durable counters: values that only grow, so a committed value is never handed out again."""

from __future__ import annotations

import sqlite_utils


def advance_counter(db: sqlite_utils.Database, scope: str, count: int = 1) -> int:
    """Add ``count`` to the counter ``scope`` (created at 0) and return its new value.

    Call inside a transaction: the values ``new - count + 1 … new`` belong to that transaction.
    If it rolls back nobody ever saw them, so they may be handed out again; once it commits they
    never are, because the counter only grows and is not derived from existing rows (which may
    be deleted).
    """
    rows = db.execute(
        "INSERT INTO counters (scope, value) VALUES (?, ?)"
        " ON CONFLICT (scope) DO UPDATE SET value = value + excluded.value RETURNING value",
        (scope, count),
    ).fetchall()
    return int(rows[0][0])


def counter_value(db: sqlite_utils.Database, scope: str) -> int:
    """The counter's current value, 0 if it was never advanced."""
    row = db.execute("SELECT value FROM counters WHERE scope = ?", (scope,)).fetchone()
    return 0 if row is None else int(row[0])
