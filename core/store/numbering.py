"""Numbering after a restore: no new case number or event seq until the device knows how far it had gone.

A backup holds the counters of its day (core/store/counters.py). A device restored from it on new
hardware would hand out again the case numbers and event seqs the lost device issued after the
backup; the platform holds those cases and events, so the new ones would collide there (a
``conflict`` or ``number_taken`` rejection, the case quarantined for staff, and two applicants
with one receipt number). So ``tongban restore`` puts a hold on numbering (a row in ``meta``).
While it stands, advancing the event seq or a case-number counter raises ``NumberingHeld``, whose message
says what to do. The next sync round asks the platform how far this device had gone
(``P_DEVICE_MARKS``: its highest event seq and, per day, its highest case number), moves every
counter past that and lifts the hold, in one transaction (sync/marks.py). A device whose cases
never reached a platform, or whose platform cannot tell (an adapter without ``Capability.MARKS``,
such as gov-standard), is released by the operator (``tongban numbering --release [--force]``),
who confirms that the lost device issued no numbers after the backup.

Why refuse rather than jump to a fresh range: a day's case sequence has four digits (9999 a day,
core/case_numbers.py), so any guessed jump either wastes the day's range or may still collide,
and the event seq (the platform's idempotency key) has no spare range at all. A restore is rare
and done by an operator, who can connect the device or answer for it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Final

import sqlite_utils

from core.case_numbers import COUNTER_SCOPE_PREFIX
from core.errors import StoreError
from core.store.migrations import EVENT_SEQ_SCOPE

HOLD_KEY: Final = "numbering_hold"  # meta: the time of the restore that set it


class NumberingHeld(StoreError):
    """A restored device may not number until it learned its high-water mark (exit 1: the situation)."""

    default_code = "store.numbering_held"

    def __init__(self, since: str) -> None:
        super().__init__(
            "本机是从备份恢复的，还没有与省级平台核对原设备用过的办件编号，暂不能受理新办件或修改办件"
            "（否则会与原设备在备份之后发出的编号重复）。请连接网络后同步（tongban sync once），"
            "核对完成后即可继续；本机从未登记到平台时，请运维人员确认后执行 tongban numbering --release。",
            f"numbering is held since the restore at {since}: no case number or event seq until the "
            "platform's marks for this device are known (tongban sync once), or the operator releases it "
            "(tongban numbering --release)",
            params={"since": since},
        )
        self.since = since


def held_since(db: sqlite_utils.Database) -> str | None:
    """When the hold was put (the restore's time), or None when this device may number."""
    row = db.execute("SELECT value FROM meta WHERE key = ?", (HOLD_KEY,)).fetchone()
    return None if row is None else str(row[0])


def refuse_if_held(db: sqlite_utils.Database, scope: str) -> None:
    """NumberingHeld when a hold stands and ``scope`` is a case number's or the event seq: what the
    platform's marks can settle. Audit ids are local; a kiosk's offline queue tickets (per day and
    slot, core/store/queue_outbox.py) are the hall server's business, which the marks do not cover,
    so holding them could only turn citizens away until a sync that would not fix them anyway."""
    if scope != EVENT_SEQ_SCOPE and not scope.startswith(COUNTER_SCOPE_PREFIX):
        return
    since = held_since(db)
    if since is not None:
        raise NumberingHeld(since)


def hold_database(path: Path, at: str) -> None:
    """Put the hold into the database file at ``path`` (a restore's staged copy, before it is in place)."""
    conn = sqlite3.connect(path)
    try:
        with conn:
            conn.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (HOLD_KEY, at),
            )
    except sqlite3.Error as exc:
        raise StoreError(
            f"无法在恢复的数据库中暂停编号：{exc}", f"cannot put the numbering hold into {path}: {exc}"
        ) from exc
    finally:
        conn.close()


def lift(db: sqlite_utils.Database) -> None:
    """Lift the hold (inside the transaction that moved the counters: Store.release_numbering)."""
    db.execute("DELETE FROM meta WHERE key = ?", (HOLD_KEY,))
