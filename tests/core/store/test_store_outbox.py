"""Event sequence numbers, the outbox (pending / acknowledged) and durable counters."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from core.errors import NotFoundError, StoreError
from core.store.store import Store

if TYPE_CHECKING:
    from conftest import Builder, FakeClock


def _raw(data_dir: Path) -> closing[sqlite3.Connection]:
    return closing(sqlite3.connect(data_dir / "tongban.db", isolation_level=None))


def test_seq_is_strictly_increasing_across_cases_and_reopens(
    data_dir: Path, clock: FakeClock, store: Store, build: Builder
) -> None:
    seqs = [
        e.seq
        for n in range(4)
        for e in store.add_case(build.case(f"C{n}"), [build.event(f"C{n}")] * 2, build.audit(f"C{n}"))
    ]
    store.close()
    with Store.open(data_dir, clock=clock) as again:
        seqs += [e.seq for e in again.add_case(build.case("C9"), [build.event("C9")], build.audit("C9"))]
    assert seqs == list(range(1, 10))


def test_seq_is_never_reused_after_deletes(store: Store, build: Builder, data_dir: Path) -> None:
    build.add("C1", events=3)
    with _raw(data_dir) as conn:  # e.g. a future retention job pruning acknowledged events
        conn.execute("DELETE FROM events WHERE seq >= 2")
    stored = store.add_case(build.case("C2"), [build.event("C2")], build.audit("C2"))
    assert stored[0].seq == 4


def test_seq_after_a_rolled_back_write_stays_above_every_committed_one(store: Store, build: Builder) -> None:
    committed = [e.seq for e in store.add_case(build.case("C1"), [build.event("C1")], build.audit("C1"))]
    with pytest.raises(StoreError):
        store.add_case(build.case("C1"), [build.event("C1")], build.audit("C1"))
    with pytest.raises(StoreError):
        store.add_case(build.case("C2"), [build.event("C2", payload={"x": {1}})], build.audit("C2"))
    committed += [e.seq for e in store.add_case(build.case("C3"), [build.event("C3")], build.audit("C3"))]
    assert committed == sorted(set(committed))
    assert [e.seq for e in store.pending_events()] == committed


def test_pending_events_in_seq_order_with_limit(store: Store, build: Builder) -> None:
    build.add("C1", events=2)
    build.add("C2", events=3)
    pending = store.pending_events()
    assert [e.seq for e in pending] == [1, 2, 3, 4, 5]
    assert [e.case_number for e in pending] == ["C1", "C1", "C2", "C2", "C2"]
    assert [e.seq for e in store.pending_events(limit=2)] == [1, 2]
    assert [e.seq for e in store.pending_events(limit=2, after_seq=2)] == [3, 4]
    assert [e.seq for e in store.pending_events(limit=2, after_seq=4)] == [5]
    assert store.pending_events(limit=2, after_seq=5) == []
    assert store.pending_count() == 5
    assert store.pending_by_case() == {"C1": 2, "C2": 3}
    assert all(e.acked_at is None and e.receipt is None for e in pending)
    assert pending[0].operator == "w01"
    assert pending[0].payload == {"status": "accepted", "applicant": "张三丰"}


def test_mark_acked_takes_events_out_of_the_outbox(store: Store, build: Builder, clock: FakeClock) -> None:
    build.add("C1", events=3)
    clock.advance(60)
    store.mark_acked([1, 2], "platform-receipt-1")
    assert [e.seq for e in store.pending_events()] == [3]
    assert store.pending_count() == 1
    assert store.pending_by_case() == {"C1": 1}
    acked = store.events_for("C1")[:2]
    assert {(e.acked_at, e.receipt) for e in acked} == {(clock.now().isoformat(), "platform-receipt-1")}


def test_acknowledgement_is_never_undone_or_rewritten(
    store: Store, build: Builder, clock: FakeClock, data_dir: Path
) -> None:
    build.add("C1", events=2)
    store.mark_acked([1], "first")
    first = store.events_for("C1")[0]
    clock.advance(60)
    store.mark_acked([1, 2], "second")  # a retry of 1 keeps its first receipt
    again = store.events_for("C1")
    assert (again[0].acked_at, again[0].receipt) == (first.acked_at, "first")
    assert again[1].receipt == "second"
    with _raw(data_dir) as conn, pytest.raises(sqlite3.IntegrityError):
        conn.execute("UPDATE events SET acked_at = NULL WHERE seq = 1")


def test_acknowledging_unknown_events_changes_nothing(store: Store, build: Builder) -> None:
    build.add("C1", events=2)
    with pytest.raises(NotFoundError):
        store.mark_acked([1, 99], "r")
    assert store.pending_count() == 2
    with pytest.raises(StoreError):
        store.mark_acked([1], "  ")
    store.mark_acked([], "r")
    assert store.pending_count() == 2


def test_many_acknowledgements_at_once(store: Store, build: Builder) -> None:
    for n in range(3):
        build.add(f"C{n}", events=400)
    store.mark_acked(range(1, 1201), "bulk")
    assert store.pending_count() == 0


def test_events_are_append_only(store: Store, build: Builder, data_dir: Path) -> None:
    build.add("C1")
    with _raw(data_dir) as conn, pytest.raises(sqlite3.IntegrityError):
        conn.execute("UPDATE events SET kind = 'withdrawn' WHERE seq = 1")


def test_next_sequence_per_scope_survives_reopen(data_dir: Path, clock: FakeClock, store: Store) -> None:
    day1, day2 = "case_number:330106:01:2025-03-03", "case_number:330106:01:2025-03-04"
    assert [store.next_sequence(day1) for _ in range(3)] == [1, 2, 3]
    assert store.next_sequence(day2) == 1
    store.close()
    with Store.open(data_dir, clock=clock) as again:
        assert again.next_sequence(day1) == 4
        assert again.next_sequence(day2) == 2


@pytest.mark.parametrize("scope", ["", "__event_seq__", "__anything"])
def test_reserved_or_empty_scopes_are_refused(store: Store, scope: str) -> None:
    with pytest.raises(StoreError):
        store.next_sequence(scope)


def test_case_counters_do_not_disturb_event_seqs(store: Store, build: Builder) -> None:
    store.next_sequence("case_number:x")
    build.add("C1")
    assert store.pending_events()[0].seq == 1
