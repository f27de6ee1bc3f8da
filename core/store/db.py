"""Opening the SQLite file with the settings every Tongban connection needs (WAL, FULL sync)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

# A writer waits this long for another connection's write lock before SQLITE_BUSY: the store
# worker, the sync worker and a CLI may share one file (https://www.sqlite.org/c3ref/busy_timeout.html).
BUSY_TIMEOUT_S = 10.0


def open_database(path: Path) -> sqlite_utils.Database:
    """A connection to ``path`` for the calling thread only (sqlite3's check_same_thread holds).

    - ``journal_mode=WAL``: readers never block the writer and vice versa, so a GUI's reads do
      not stall intake commits (https://www.sqlite.org/wal.html).
    - ``synchronous=FULL``: in WAL mode NORMAL "might roll back following a power loss", FULL
      syncs the WAL on every commit, so a committed case survives a power cut
      (https://www.sqlite.org/pragma.html#pragma_synchronous). DESIGN.md: commit before acknowledge.
    - ``foreign_keys=ON``: off by default in SQLite, per connection
      (https://www.sqlite.org/foreignkeys.html#fk_enable).
    """
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, cached_statements=256)
    try:
        db = sqlite_utils.Database(conn, execute_plugins=False)
        db.enable_wal()
        db.execute("PRAGMA synchronous = FULL")
        db.execute("PRAGMA foreign_keys = ON")
    except BaseException:
        conn.close()
        raise
    return db


@contextmanager
def write_transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """``db.atomic()``'s contract (commit on success, roll back on any exception), begun IMMEDIATE.

    ``atomic()`` issues a plain (DEFERRED) ``BEGIN``: a transaction that reads before it writes
    holds a snapshot, and if another connection commits in between, its first write fails at once
    with SQLITE_BUSY_SNAPSHOT instead of waiting (https://www.sqlite.org/isolation.html,
    https://www.sqlite.org/rescode.html#busy_snapshot). ``BEGIN IMMEDIATE`` takes the write lock
    first, waiting up to the busy timeout, so read-then-write transactions (the audit chain
    reads its last hash) are safe with several connections. Not reentrant; ``db.atomic()``
    inside it nests as a savepoint, which is how ``Store.open`` runs the migrations.
    """
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
        db.execute("COMMIT")
    except BaseException:
        db.rollback()
        raise
