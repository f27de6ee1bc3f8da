"""What this device still owes the platform, counted over every outbox in one place.

``tongban doctor`` (待上传), ``tongban backup``'s summary and the package's purge refusal
(installer/package/debian/postrm) all count through ``count_unsent``. The outboxes:

- ``events``: case events not yet acknowledged by a platform receipt (the case outbox, m001);
- ``attachments``: scans the platform has not confirmed complete (``sync_uploaded``, m002). A scan
  of an intake that was abandoned before it was committed stays here too: it was never sent, so
  a purge that deleted it would lose it, and the count says so rather than guess;
- ``kiosk_ratings``: 好差评 given at a kiosk with no case, not yet held by the platform (m004);
- ``queue_events``: 排队叫号 events (offline tickets) not yet held by the hall server (m006).

Certificates (开具证明) are confirmed online while the citizen waits and keep no outbox.
A new outbox gets its line in ``_OUTBOXES`` and nowhere else.

Standard library only, read-only, no device key (it reads plain index columns): the package's
postrm runs this very file with Debian's python3.11 after the program itself has been removed
(installer/package/build-deb.sh copies it into the script), so it may import nothing of ours.
"""

from __future__ import annotations

import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Final

# (outbox, table, condition for "not yet held by the platform", column of its device time or None).
# Attachments have no time here: they go with the events that name them (an unsent event is
# already counted and dated), and an abandoned intake's scan is no sync failure to warn about.
_OUTBOXES: Final = (
    ("events", "events", "acked_at IS NULL", "device_time"),
    ("attachments", "attachments", "ref NOT IN (SELECT ref FROM sync_uploaded)", None),
    ("kiosk_ratings", "kiosk_ratings", "sent_at IS NULL", "at"),
    ("queue_events", "queue_outbox", "sent_at IS NULL", "at"),
)
_NEEDS: Final = {"attachments": ("attachments", "sync_uploaded")}


@dataclass(frozen=True, slots=True)
class Unsent:
    """Records per outbox that the platform does not hold yet, and the oldest one's device time."""

    events: int = 0
    attachments: int = 0
    kiosk_ratings: int = 0
    queue_events: int = 0
    oldest_at: str | None = None  # device time (ISO 8601) of the oldest unsent event, rating or ticket

    @property
    def total(self) -> int:
        return self.events + self.attachments + self.kiosk_ratings + self.queue_events

    def describe_zh(self) -> str:
        """``12 条办件记录、3 个附件、1 条评价`` (only the outboxes that hold something)."""
        parts = [
            f"{self.events} 条办件记录" if self.events else "",
            f"{self.attachments} 个附件" if self.attachments else "",
            f"{self.kiosk_ratings} 条评价" if self.kiosk_ratings else "",
            f"{self.queue_events} 条排队记录" if self.queue_events else "",
        ]
        return "、".join(p for p in parts if p) or "没有记录"

    def describe_en(self) -> str:
        return (
            f"{self.events} events, {self.attachments} attachments, {self.kiosk_ratings} kiosk ratings, "
            f"{self.queue_events} queue events unsent"
        )


def count_unsent(conn: sqlite3.Connection) -> Unsent:
    """Count every outbox of the database behind ``conn`` (a store of any schema version)."""
    tables = {str(r[0]) for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    counts: dict[str, int] = {}
    oldest: list[str] = []
    for outbox, table, pending, when in _OUTBOXES:
        if not set(_NEEDS.get(outbox, (table,))) <= tables:
            counts[outbox] = 0
            continue
        row = conn.execute(f"SELECT count(*), min({when or 'NULL'}) FROM {table} WHERE {pending}").fetchone()
        counts[outbox] = int(row[0])
        if row[1] is not None:
            oldest.append(str(row[1]))
    return Unsent(**counts, oldest_at=min(oldest) if oldest else None)


def unsent_in(path: Path) -> Unsent:
    """``count_unsent`` of the database file at ``path``, opened read-only (sqlite3.Error if it cannot be read)."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
    try:
        return count_unsent(conn)
    finally:
        conn.close()


def main(argv: list[str]) -> int:
    """``python3 unsent.py DB``: prints the total, then the Chinese and English breakdown; exit 0.
    No database: 0. A database that cannot be read: prints ``unknown`` and exits 1."""
    if len(argv) != 1:
        print("usage: unsent.py DATABASE", file=sys.stderr)
        return 2
    path = Path(argv[0])
    if not path.is_file() or path.stat().st_size == 0:
        print(0)
        return 0
    try:
        unsent = unsent_in(path)
    except sqlite3.Error as exc:
        print("unknown")
        print(f"cannot read {path}: {exc}", file=sys.stderr)
        return 1
    print(unsent.total)
    print(unsent.describe_zh())
    print(unsent.describe_en())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
