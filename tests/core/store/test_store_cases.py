"""Cases in the store: round trips, look-ups, all-or-nothing writes, optimistic versions."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

import pytest

from core.errors import NotFoundError, StoreError
from core.store.store import Store

if TYPE_CHECKING:
    from conftest import Builder


def _counts(data_dir: Path) -> tuple[int, ...]:
    with closing(sqlite3.connect(data_dir / "tongban.db")) as conn:
        return tuple(
            conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("cases", "events", "audit")
        )


def test_add_and_get_round_trip(store: Store, build: Builder) -> None:
    record = build.case("C1", deadline="2025-03-10")
    stored = store.add_case(record, [build.event("C1"), build.event("C1", "scanned")], build.audit("C1"))
    assert [e.kind for e in stored] == ["accepted", "scanned"]
    assert all(e.device_id == store.device_id and e.case_number == "C1" for e in stored)
    assert store.get_case("C1") == record
    assert store.get_case("C1").payload["applicant"]["name"] == "张三丰"
    assert store.events_for("C1") == stored
    assert [a.action for a in store.audit_entries("C1")] == ["case.accept"]


def test_read_only_mappings_are_stored(store: Store, build: Builder) -> None:
    payload = MappingProxyType({"nested": MappingProxyType({"名": "值"}), "list": (1, 2)})
    store.add_case(build.case("C1", payload=payload), [build.event("C1", payload=payload)], build.audit("C1"))
    assert store.get_case("C1").payload == {"nested": {"名": "值"}, "list": [1, 2]}
    assert store.events_for("C1")[0].payload == {"nested": {"名": "值"}, "list": [1, 2]}


def test_unknown_case_is_not_found_in_chinese(store: Store) -> None:
    with pytest.raises(NotFoundError) as caught:
        store.get_case("NOPE")
    assert "找不到办件" in caught.value.message
    with pytest.raises(NotFoundError):
        store.events_for("NOPE")


def test_duplicate_number_is_refused_and_leaves_nothing(store: Store, build: Builder, data_dir: Path) -> None:
    build.add("C1")
    before = _counts(data_dir)
    with pytest.raises(StoreError) as caught:
        store.add_case(build.case("C1"), [build.event("C1")], build.audit("C1"))
    assert "已存在" in caught.value.message
    assert _counts(data_dir) == before
    assert store.verify_audit().ok


def test_failure_in_the_middle_of_add_case_leaves_nothing(
    store: Store, build: Builder, data_dir: Path
) -> None:
    first = store.add_case(build.case("C1"), [build.event("C1")], build.audit("C1"))
    before = _counts(data_dir)
    # The case row and the first event are written before the second event fails to serialise.
    events = [build.event("C2"), build.event("C2", payload={"bad": {1, 2}})]
    with pytest.raises(StoreError):
        store.add_case(build.case("C2"), events, build.audit("C2"))
    assert _counts(data_dir) == before
    with pytest.raises(NotFoundError):
        store.get_case("C2")
    assert store.pending_count() == 1
    later = store.add_case(build.case("C3"), [build.event("C3")], build.audit("C3"))
    assert later[0].seq > first[0].seq
    assert store.verify_audit().ok


def test_unserialisable_audit_detail_rolls_back_the_case(
    store: Store, build: Builder, data_dir: Path
) -> None:
    audit = replace(build.audit("C1"), detail={"when": object()})
    with pytest.raises(StoreError):
        store.add_case(build.case("C1"), [build.event("C1")], audit)
    assert _counts(data_dir) == (0, 0, 0)


def test_events_and_audit_must_name_the_case(store: Store, build: Builder, data_dir: Path) -> None:
    with pytest.raises(StoreError):
        store.add_case(build.case("C1"), [build.event("C2")], build.audit("C1"))
    with pytest.raises(StoreError):
        store.add_case(build.case("C1"), [build.event("C1")], build.audit("C2"))
    with pytest.raises(StoreError):
        store.add_case(build.case("C1", version=2), [build.event("C1")], build.audit("C1"))
    assert _counts(data_dir) == (0, 0, 0)


def test_audit_without_a_case_number_gets_the_cases(store: Store, build: Builder) -> None:
    store.add_case(build.case("C1"), [], build.audit(None))
    assert store.audit_entries("C1")[0].case_number == "C1"
    assert store.events_for("C1") == []


def test_update_with_the_expected_version(store: Store, build: Builder) -> None:
    record = build.add("C1")
    new_payload = {**record.payload, "status": "dispatched"}
    updated = replace(
        record, status="dispatched", payload=new_payload, version=2, updated_at="2025-03-04T10:00:00+08:00"
    )
    stored = store.update_case(
        updated, [build.event("C1", "dispatched")], build.audit("C1", "case.dispatch"), expected_version=1
    )
    assert store.get_case("C1") == updated
    assert [e.kind for e in store.events_for("C1")] == ["accepted", "dispatched"]
    assert stored[0].seq == store.events_for("C1")[1].seq
    assert [a.action for a in store.audit_entries("C1")] == ["case.accept", "case.dispatch"]


def test_concurrent_change_is_refused_and_writes_nothing(
    store: Store, build: Builder, data_dir: Path
) -> None:
    record = build.add("C1")
    store.update_case(replace(record, version=2), [build.event("C1")], build.audit("C1"), expected_version=1)
    before = _counts(data_dir)
    with pytest.raises(StoreError) as caught:  # a second editor still holding version 1
        store.update_case(
            replace(record, status="withdrawn", version=2),
            [build.event("C1")],
            build.audit("C1"),
            expected_version=1,
        )
    assert "已被他人修改" in caught.value.message
    with pytest.raises(StoreError):  # version must be expected + 1
        store.update_case(
            replace(record, version=4), [build.event("C1")], build.audit("C1"), expected_version=2
        )
    with pytest.raises(NotFoundError):
        store.update_case(
            replace(record, number="C9", version=2),
            [build.event("C9")],
            build.audit("C9"),
            expected_version=1,
        )
    assert _counts(data_dir) == before
    assert store.get_case("C1").status == "accepted"
    assert store.get_case("C1").version == 2


def test_official_number_binding(store: Store, build: Builder) -> None:
    record = build.add("C1")
    build.add("C2")
    store.bind_official_number("C1", "SX-2025-000123")
    store.bind_official_number("C1", "SX-2025-000123")  # again: a no-op
    assert store.get_case("SX-2025-000123").number == "C1"
    assert store.get_case("C1").official_number == "SX-2025-000123"
    assert [e.case_number for e in store.events_for("SX-2025-000123")] == ["C1"]
    with pytest.raises(StoreError):
        store.bind_official_number("C1", "SX-2025-999999")
    with pytest.raises(StoreError):
        store.bind_official_number("C2", "SX-2025-000123")
    with pytest.raises(NotFoundError):
        store.bind_official_number("C9", "SX-2025-000777")
    # An update built from a copy read before the binding does not erase it.
    store.update_case(replace(record, version=2), [build.event("C1")], build.audit("C1"), expected_version=1)
    assert store.get_case("C1").official_number == "SX-2025-000123"


def test_list_filters_and_order(store: Store, build: Builder) -> None:
    build.add("C1", name="李雷", id_number="110105199001011234", bundle_id="birth")
    build.add("C2", status="accepted_deficient", deadline="2025-03-05")
    build.add("C3", status="accepted_deficient", deadline="2025-03-20", bundle_id="retire")
    build.add("C4", name="张三丰 ", id_number="11010519491231002x")
    numbers = lambda records: [r.number for r in records]  # noqa: E731
    assert numbers(store.list_cases()) == ["C4", "C3", "C2", "C1"]
    assert numbers(store.list_cases(limit=2)) == ["C4", "C3"]
    assert numbers(store.list_cases(status="accepted_deficient")) == ["C3", "C2"]
    assert numbers(store.list_cases(person_hash=store.person_hash("11010519491231002X"))) == [
        "C4",
        "C3",
        "C2",
    ]
    assert numbers(store.list_cases(name_hash=store.name_hash("李雷"))) == ["C1"]
    assert numbers(store.list_cases(name_hash=store.name_hash("张三丰"), bundle_id="retire")) == ["C3"]
    assert numbers(store.list_cases(deadline_before="2025-03-06")) == ["C2"]
    assert numbers(store.list_cases(deadline_before="2025-03-05")) == []
    with pytest.raises(StoreError):
        store.list_cases(limit=0)


def test_the_plaintext_index_holds_only_keyed_hashes(store: Store, build: Builder, data_dir: Path) -> None:
    build.add("C1")
    with closing(sqlite3.connect(data_dir / "tongban.db")) as conn:
        person, name = conn.execute("SELECT person_hash, name_hash FROM cases").fetchone()
    assert person == store.person_hash("11010519491231002X")
    assert name == store.name_hash("张三丰")
    assert len(person) == len(name) == 64
