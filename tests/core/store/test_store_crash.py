"""Crash safety: a writer killed with SIGKILL at random moments leaves only whole, reported cases."""

from __future__ import annotations

import hashlib
import os
import random
import select
import signal
import sqlite3
import time
from collections.abc import Callable
from contextlib import closing
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from core.store.store import Store

if TYPE_CHECKING:
    from conftest import Builder, FakeClock

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")

TRIALS = 200
TRIALS_PER_DIRECTORY = 10  # later trials reopen a directory an earlier kill left behind
SEED = 20250303


def _scan(number: str) -> bytes:
    return f"scan of {number} 张三丰".encode() * 40


def _payload(number: str, version: int, scan: str | None) -> dict[str, Any]:
    return {
        "number": number,
        "applicant": {"name": "张三丰", "id_number": "11010519491231002X"},
        "scan": scan,
        "status": "accepted" if version == 1 else "dispatched",
    }


def _child(data_dir: Path, out: int, clock: FakeClock, builder_for: Callable[[Store], Builder]) -> None:
    """Add (and sometimes update) cases until killed, reporting each only after it returned."""
    code = 0
    try:
        store = Store.open(data_dir, clock=clock)
        build = builder_for(store)
        while True:
            n = store.next_sequence("crash-test")
            number = f"K{n:05d}"
            scan = store.put_attachment(_scan(number), media_type="image/jpeg") if n % 3 == 0 else None
            record = build.case(number, payload=_payload(number, 1, scan))
            events = [build.event(number, "accepted"), build.event(number, "scanned")]
            store.add_case(record, events, build.audit(number, "case.accept"))
            os.write(out, f"A {number}\n".encode())
            if n % 2 == 0:
                updated = replace(record, version=2, status="dispatched", payload=_payload(number, 2, scan))
                store.update_case(
                    updated,
                    [build.event(number, "dispatched")],
                    build.audit(number, "case.dispatch"),
                    expected_version=1,
                )
                os.write(out, f"U {number}\n".encode())
    except BaseException as exc:
        os.write(out, f"E {type(exc).__name__}: {exc}\n".encode())
        code = 1
    finally:
        os._exit(code)


def _wait_for_first_case(read_end: int, buffer: bytearray) -> None:
    """Block until the child reported its first case (or 10 s passed), keeping what it said."""
    deadline = time.monotonic() + 10
    while b"A " not in buffer and time.monotonic() < deadline:
        ready, _, _ = select.select([read_end], [], [], 0.05)
        if ready:
            chunk = os.read(read_end, 4096)
            if not chunk:
                return
            buffer += chunk


def _run_and_kill(
    data_dir: Path,
    delay: float,
    after_first_case: bool,
    clock: FakeClock,
    builder_for: Callable[[Store], Builder],
) -> list[str]:
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        _child(data_dir, write_end, clock, builder_for)
    os.close(write_end)
    buffer = bytearray()
    if after_first_case:
        # Timed from the first committed case, not from the fork, so that a slow, loaded
        # machine still kills inside the stream of transactions rather than during start-up.
        _wait_for_first_case(read_end, buffer)
    time.sleep(delay)
    os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    with os.fdopen(read_end, "rb") as reader:
        lines = (bytes(buffer) + reader.read()).decode().splitlines()
    errors = [line for line in lines if line.startswith("E ")]
    assert errors == [], errors
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
    return lines


def _check(data_dir: Path, clock: FakeClock, lines: list[str], known: dict[int, str]) -> None:
    """Every reported case is whole; so is every other case; no event or audit row is a stray."""
    added = {line[2:] for line in lines if line.startswith("A ")}
    updated = {line[2:] for line in lines if line.startswith("U ")}
    if not (data_dir / "tongban.db").exists():
        assert not added  # killed before the first open got that far
        return
    with Store.open(data_dir, clock=clock) as store:
        verification = store.verify_audit()
        assert verification.ok, verification
        records = {r.number: r for r in store.list_cases(limit=1_000_000)}
        assert added <= records.keys()
        for number in updated:
            assert records[number].version == 2
        audit_by_case: dict[str | None, list[str]] = {}
        for entry in store.audit_entries():
            audit_by_case.setdefault(entry.case_number, []).append(entry.action)
        assert set(audit_by_case) == set(records)  # no audit entry of a case that was rolled back
        for number, record in records.items():
            scan = record.payload["scan"]
            assert record.payload == _payload(number, record.version, scan)
            kinds = [e.kind for e in store.events_for(number)]
            assert kinds == ["accepted", "scanned"] + ["dispatched"] * (record.version - 1)
            assert audit_by_case[number] == ["case.accept"] + ["case.dispatch"] * (record.version - 1)
            if scan is not None:
                assert store.get_attachment(scan) == _scan(number)
                assert scan == hashlib.sha256(_scan(number)).hexdigest()
        events = store.pending_events()
        seqs = [e.seq for e in events]
        assert seqs == sorted(set(seqs))
        # Sequence numbers that were committed stay, with their case; new ones come after them.
        now = {e.seq: e.case_number for e in events}
        assert {s: now.get(s) for s in known} == known
        assert all(s > max(known, default=0) for s in now.keys() - known.keys())
        known.update(now)
    with closing(sqlite3.connect(data_dir / "tongban.db")) as conn:
        stray = conn.execute(
            "SELECT count(*) FROM events WHERE case_number NOT IN (SELECT number FROM cases)"
        ).fetchone()[0]
        assert stray == 0


@pytest.mark.slow
def test_sigkill_at_random_moments_never_half_writes(
    tmp_path: Path, clock: FakeClock, builder_for: Callable[[Store], Builder]
) -> None:
    rng = random.Random(SEED)
    reported = 0
    known: dict[int, str] = {}
    for trial in range(TRIALS):
        if trial % TRIALS_PER_DIRECTORY == 0:
            known = {}
        data_dir = tmp_path / f"run{trial // TRIALS_PER_DIRECTORY}"
        # A quarter of the kills land while the child is still opening (key, migrations); the
        # rest anywhere in a stream of transactions, each mostly spent in its commit's fsync.
        during_open = rng.random() < 0.25
        delay = rng.uniform(0.0, 0.006) if during_open else rng.uniform(0.0, 0.030)
        lines = _run_and_kill(data_dir, delay, not during_open, clock, builder_for)
        reported += sum(line.startswith("A ") for line in lines)
        _check(data_dir, clock, lines, known)
    assert reported >= TRIALS / 2, "the children hardly wrote anything: the test proves little"
