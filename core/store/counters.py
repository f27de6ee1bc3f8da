"""Durable counters: values that only grow, so a committed value is never handed out again."""

from __future__ import annotations

import sqlite_utils

from core.store.numbering import refuse_if_held


def advance_counter(db: sqlite_utils.Database, scope: str, count: int = 1) -> int:
    """Add ``count`` to the counter ``scope`` (created at 0) and return its new value.

    Call inside a transaction: the values ``new - count + 1 … new`` belong to that transaction.
    If it rolls back nobody ever saw them, so they may be handed out again; once it commits they
    never are, because the counter only grows and is not derived from existing rows (which may
    be deleted). NumberingHeld for the event seq and case numbers while a restored store has not
    learned how far it had gone (core/store/numbering.py).
    """
    refuse_if_held(db, scope)
    rows = db.execute(
        "INSERT INTO counters (scope, value) VALUES (?, ?)"
        " ON CONFLICT (scope) DO UPDATE SET value = value + excluded.value RETURNING value",
        (scope, count),
    ).fetchall()
    return int(rows[0][0])


def raise_counter_to(db: sqlite_utils.Database, scope: str, value: int) -> int:
    """Make the counter ``scope`` at least ``value`` (never lower it); returns its value.

    For a device restored from an old backup: values up to ``value`` were handed out already
    elsewhere (core/store/numbering.py), so the next one must be ``value + 1``.
    """
    rows = db.execute(
        "INSERT INTO counters (scope, value) VALUES (?, ?)"
        " ON CONFLICT (scope) DO UPDATE SET value = max(value, excluded.value) RETURNING value",
        (scope, value),
    ).fetchall()
    return int(rows[0][0])


def counter_value(db: sqlite_utils.Database, scope: str) -> int:
    """The counter's current value, 0 if it was never advanced."""
    row = db.execute("SELECT value FROM counters WHERE scope = ?", (scope,)).fetchone()
    return 0 if row is None else int(row[0])
