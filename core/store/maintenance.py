"""The store seen from outside, for ``tongban doctor`` and ``tongban backup``: read-only facts and copies.

Nothing here migrates, creates or repairs a database. ``inspect`` opens the file read-only (no
key needed: it reads only the plain index columns, which hold nothing personal), and
``copy_database`` takes a consistent copy with SQLite's online backup API while other
connections keep writing (https://www.sqlite.org/backup.html).
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from core.errors import StoreError
from core.store.db import BUSY_TIMEOUT_S
from core.store.migrations import KNOWN_MIGRATIONS
from core.store.numbering import HOLD_KEY
from core.store.unsent import Unsent, count_unsent

_INTEGRITY_ROWS: Final = 20  # PRAGMA integrity_check(N): stop after N problems


@dataclass(frozen=True, slots=True)
class StoreFacts:
    """What a database says about itself without its key."""

    integrity: tuple[str, ...]  # ("ok",) when PRAGMA integrity_check passes, else its messages
    applied: tuple[str, ...]  # migrations recorded in the database
    device_id: str | None
    key_check: str | None
    created_at: str | None
    cases: int
    pending_events: int
    oldest_pending_at: str | None  # device time of the oldest unacknowledged event
    unsent: Unsent  # every outbox: events, attachments, kiosk ratings (core/store/unsent.py)
    numbering_held_since: str | None  # a restore's hold on numbering (core/store/numbering.py)
    quarantined: int
    rework: int
    platform_url: str | None  # None: not enrolled
    platform_ca_file: str | None
    platform_pin: str | None
    enrolled_at: str | None
    platform_adapter: str = "tongban"  # sync/adapter.py: the adapter the device enrolled through
    platform_options: Mapping[str, str] = field(default_factory=dict)

    @property
    def intact(self) -> bool:
        return self.integrity == ("ok",)

    @property
    def pending_migrations(self) -> tuple[str, ...]:
        return tuple(name for name in KNOWN_MIGRATIONS if name not in self.applied)

    @property
    def unknown_migrations(self) -> tuple[str, ...]:
        """Migrations a newer Tongban wrote, which this one does not know."""
        return tuple(name for name in self.applied if name not in KNOWN_MIGRATIONS)


def _read_only(path: Path) -> sqlite3.Connection:
    if not path.is_file():
        raise StoreError(
            f"数据库文件 {path} 不存在。", f"database {path} does not exist", code="store.missing"
        )
    # mode=ro: this connection never writes, so it can neither migrate nor "repair" anything.
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def _scalar(conn: sqlite3.Connection, sql: str) -> Any:
    row = conn.execute(sql).fetchone()
    return None if row is None else row[0]


def inspect(path: Path) -> StoreFacts:
    """Integrity, migrations and counts of the database at ``path``; StoreError if it cannot be read."""
    try:
        conn = _read_only(path)
        try:
            return _facts(conn)
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise StoreError(
            f"无法读取数据库 {path}：{exc}", f"cannot read database {path}: {exc}", code="store.database"
        ) from exc


def _facts(conn: sqlite3.Connection) -> StoreFacts:
    integrity = tuple(str(r[0]) for r in conn.execute(f"PRAGMA integrity_check({_INTEGRITY_ROWS})"))
    tables = _tables(conn)
    applied: tuple[str, ...] = ()
    if "_sqlite_migrations" in tables:
        applied = tuple(
            str(r[0])
            for r in conn.execute("SELECT name FROM _sqlite_migrations WHERE migration_set = 'tongban'")
        )
    meta: dict[str, str] = {}
    if "meta" in tables:
        meta = {str(k): str(v) for k, v in conn.execute("SELECT key, value FROM meta")}

    def count(table: str, where: str = "") -> int:
        if table not in tables:
            return 0
        return int(_scalar(conn, f"SELECT count(*) FROM {table} {where}") or 0)

    oldest = None
    if "events" in tables:
        oldest = _scalar(conn, "SELECT device_time FROM events WHERE acked_at IS NULL ORDER BY seq LIMIT 1")
    enrolment = None
    adapter: tuple[str, Mapping[str, str]] = ("tongban", {})
    if "sync_enrollment" in tables:
        enrolment = conn.execute(
            "SELECT platform_url, ca_file, pin, enrolled_at FROM sync_enrollment WHERE id = 1"
        ).fetchone()
        columns = {row[1] for row in conn.execute("PRAGMA table_info(sync_enrollment)")}
        if enrolment is not None and "adapter" in columns:  # m005
            name, options = conn.execute(
                "SELECT adapter, adapter_options FROM sync_enrollment WHERE id = 1"
            ).fetchone()
            adapter = (name, json.loads(options))
    return StoreFacts(
        integrity=integrity,
        applied=applied,
        device_id=meta.get("device_id"),
        key_check=meta.get("key_check"),
        created_at=meta.get("created_at"),
        cases=count("cases"),
        pending_events=count("events", "WHERE acked_at IS NULL"),
        oldest_pending_at=None if oldest is None else str(oldest),
        unsent=count_unsent(conn),
        numbering_held_since=meta.get(HOLD_KEY),
        quarantined=count("sync_quarantine"),
        rework=count("sync_rework"),
        platform_url=None if enrolment is None else enrolment[0],
        platform_ca_file=None if enrolment is None else enrolment[1],
        platform_pin=None if enrolment is None else enrolment[2],
        enrolled_at=None if enrolment is None else enrolment[3],
        platform_adapter=adapter[0],
        platform_options=adapter[1],
    )


def attachment_refs(path: Path) -> list[str]:
    """The file names (keyed hashes) of the attachments the database at ``path`` refers to."""
    try:
        conn = _read_only(path)
        try:
            if "attachments" not in _tables(conn):
                return []
            return [str(r[0]) for r in conn.execute("SELECT ref FROM attachments ORDER BY ref")]
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise StoreError(
            f"无法读取数据库 {path}：{exc}", f"cannot read database {path}: {exc}", code="store.database"
        ) from exc


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy of the live database ``source`` at ``target`` (a new file, owner-only).

    SQLite's online backup API, in one step: it reads in one transaction, which in WAL mode never
    blocks a writer (a window keeps taking cases), so the copy is exactly one committed state. A
    copy in several steps would restart whenever another connection commits, and might never end
    under a steady writer. The copy leaves WAL mode (one self-contained file) and is synced to disk.
    """
    if target.exists():
        raise StoreError(f"{target} 已存在，不会覆盖。", f"{target} exists; not overwriting it")
    try:
        src = _read_only(source)
        try:
            target.touch(mode=0o600, exist_ok=False)
            dst = sqlite3.connect(target)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode = DELETE")
                dst.commit()
            finally:
                dst.close()
        finally:
            src.close()
    except sqlite3.Error as exc:
        target.unlink(missing_ok=True)
        raise StoreError(
            f"复制数据库 {source} 失败：{exc}", f"backing up {source} failed: {exc}", code="store.backup"
        ) from exc
    with target.open("rb+") as handle:
        os.fsync(handle.fileno())
