"""Durable case commits per second: Store.add_case against plain sqlite3 inserts of the same rows.

Run: ``.venv/bin/python bench/store_bench.py [--cases 200] [--rounds 8] [--dir PATH]``. Both sides
use WAL + synchronous=FULL on the same file system and write one case row, three event rows
and one audit row per transaction; ours also seals payloads (AES-256-GCM), hashes the applicant
for look-ups, allocates sequence numbers and chains the audit entry. Rounds alternate which side
goes first, so drift in the machine's speed hits both. Prints ``ratio=<ours/plain>``.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from core.clock import SystemClock
from core.store.records import AuditEntry, CaseRecord, NewEvent
from core.store.store import Store

EVENTS_PER_CASE = 3


def _payload(number: str) -> dict[str, Any]:
    return {
        "number": number,
        "bundle": "birth",
        "applicant": {
            "name": "张三丰",
            "id_number": "11010519491231002X",
            "phone": "13912345678",
            "address": "北京市朝阳区建国路88号院3号楼1单元502室",
        },
        "answers": {"married": True, "hukou_here": "是", "insurance": "城乡居民医保"},
        "items": [{"material": f"材料{i}", "state": "scanned", "attachments": ["ab" * 32]} for i in range(8)],
        "history": ["受理：材料齐全"],
    }


def _event_body(number: str, i: int) -> dict[str, Any]:
    return {"case": number, "step": i, "status": "accepted", "note": "申请人张三丰现场提交材料"}


class Ours:
    """Store.add_case, as the intake service calls it."""

    def __init__(self, path: Path) -> None:
        self._store = Store.open(path, clock=SystemClock())
        self.name = "store"

    def commit(self, number: str, stamp: str) -> None:
        store = self._store
        payload = _payload(number)
        record = CaseRecord(
            number=number,
            bundle_id="birth",
            status="accepted",
            person_hash=store.person_hash(payload["applicant"]["id_number"]),
            name_hash=store.name_hash(payload["applicant"]["name"]),
            catalog_version="2025.1",
            created_at=stamp,
            updated_at=stamp,
            payload=payload,
        )
        events = [
            NewEvent(number, "accepted", _event_body(number, i), stamp, time.monotonic_ns(), "w01")
            for i in range(EVENTS_PER_CASE)
        ]
        audit = AuditEntry("w01", "case.accept", stamp, number, {"bundle": "birth", "status": "accepted"})
        store.add_case(record, events, audit)

    def close(self) -> None:
        self._store.close()


class Plain:
    """The same rows through bare sqlite3: unencrypted JSON, no hashing, no counters, no chain."""

    def __init__(self, path: Path) -> None:
        self._conn = sqlite3.connect(path / "plain.db", isolation_level=None)
        self._conn.execute("PRAGMA journal_mode = WAL")
        self._conn.execute("PRAGMA synchronous = FULL")
        self._conn.executescript(
            """
            CREATE TABLE cases (number TEXT PRIMARY KEY, official_number TEXT UNIQUE, bundle_id TEXT,
                status TEXT, person_hash TEXT, name_hash TEXT, catalog_version TEXT, created_at TEXT,
                updated_at TEXT, deficiency_deadline TEXT, version INTEGER, payload TEXT);
            CREATE TABLE events (seq INTEGER PRIMARY KEY, case_number TEXT REFERENCES cases (number),
                kind TEXT, device_time TEXT, counter INTEGER, payload TEXT, acked_at TEXT, receipt TEXT);
            CREATE TABLE audit (id INTEGER PRIMARY KEY, at TEXT, action TEXT, case_number TEXT,
                detail TEXT, prev_hash TEXT, hash TEXT);
            """
        )
        self.name = "plain"

    def commit(self, number: str, stamp: str) -> None:
        conn = self._conn
        conn.execute("BEGIN")
        conn.execute(
            "INSERT INTO cases VALUES (?, NULL, 'birth', 'accepted', ?, ?, '2025.1', ?, ?, NULL, 1, ?)",
            (number, "0" * 64, "1" * 64, stamp, stamp, json.dumps(_payload(number), ensure_ascii=False)),
        )
        for i in range(EVENTS_PER_CASE):
            body = json.dumps({"operator": "w01", "payload": _event_body(number, i)}, ensure_ascii=False)
            conn.execute(
                "INSERT INTO events VALUES (NULL, ?, 'accepted', ?, ?, ?, NULL, NULL)",
                (number, stamp, time.monotonic_ns(), body),
            )
        detail = json.dumps(
            {"actor": "w01", "detail": {"bundle": "birth", "status": "accepted"}}, ensure_ascii=False
        )
        conn.execute(
            "INSERT INTO audit VALUES (NULL, ?, 'case.accept', ?, ?, ?, ?)",
            (stamp, number, detail, "2" * 64, "3" * 64),
        )
        conn.execute("COMMIT")

    def close(self) -> None:
        self._conn.close()


def _round(side: Ours | Plain, cases: int, numbers: Callable[[], str]) -> float:
    stamp = "2025-03-03T09:00:00+08:00"
    started = time.perf_counter()
    for _ in range(cases):
        side.commit(numbers(), stamp)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=200, help="commits per side per round")
    parser.add_argument("--rounds", type=int, default=8, help="measured rounds (plus one warm-up)")
    parser.add_argument("--dir", type=Path, default=None, help="where to put the databases (a real disk)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="tongban-bench-", dir=args.dir) as tmp:
        root = Path(tmp)
        (root / "plain").mkdir()
        ours, plain = Ours(root / "ours"), Plain(root / "plain")
        counter = iter(range(10**9))

        def numbers() -> str:
            return f"B{next(counter):09d}"

        totals = {ours.name: 0.0, plain.name: 0.0}
        try:
            for side in (ours, plain):  # warm-up: page cache, statement caches, WAL growth
                _round(side, args.cases // 4 or 1, numbers)
            for r in range(args.rounds):
                for side in (ours, plain) if r % 2 == 0 else (plain, ours):
                    totals[side.name] += _round(side, args.cases, numbers)
        finally:
            ours.close()
            plain.close()

    commits = args.cases * args.rounds
    rate_ours, rate_plain = commits / totals["store"], commits / totals["plain"]
    print(f"directory: {root} ({commits} commits per side, {EVENTS_PER_CASE} events + 1 audit row each)")
    print(f"store: {rate_ours:8.1f} durable case commits/s  (sealed, keyed hashes, seq counter, audit chain)")
    print(f"plain: {rate_plain:8.1f} durable case commits/s  (bare sqlite3, same rows, JSON in clear)")
    print(f"ratio={rate_ours / rate_plain:.3f}")


if __name__ == "__main__":
    main()
