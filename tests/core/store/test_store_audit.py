"""The stored audit log: sealed details, and tampering found by verify_audit()."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from core.errors import AuditTamperedError
from core.store.records import AuditEntry
from core.store.store import Store

if TYPE_CHECKING:
    from conftest import Builder, FakeClock


def _tamper(data_dir: Path, *statements: str) -> None:
    """Change rows behind the store's back, as someone with the file and sqlite3 could."""
    with closing(sqlite3.connect(data_dir / "tongban.db", isolation_level=None)) as conn:
        # The triggers stop bugs, not people: an attacker drops them first.
        conn.execute("DROP TRIGGER IF EXISTS audit_no_update")
        conn.execute("DROP TRIGGER IF EXISTS audit_no_delete")
        conn.create_function("flip_byte", 2, lambda blob, i: blob[:i] + bytes([blob[i] ^ 1]) + blob[i + 1 :])
        for statement in statements:
            conn.execute(statement)


@pytest.fixture
def logged(store: Store, build: Builder) -> Store:
    """Five audit entries: ids 1…5."""
    build.add("C1")
    store.append_audit(build.audit("C1", "case.reveal", purpose="核验身份"))
    build.add("C2")
    store.append_audit(AuditEntry(actor="w02", action="session.login", at="2025-03-03T09:30:00+08:00"))
    store.append_audit(build.audit("C2", "case.print"))
    return store


def test_entries_round_trip_in_order(logged: Store) -> None:
    entries = logged.audit_entries()
    assert [e.action for e in entries] == [
        "case.accept",
        "case.reveal",
        "case.accept",
        "session.login",
        "case.print",
    ]
    assert entries[1].detail == {"purpose": "核验身份"}
    assert entries[1].actor == "w01"
    assert entries[3].case_number is None
    assert [e.action for e in logged.audit_entries("C2")] == ["case.accept", "case.print"]
    result = logged.verify_audit()
    assert (result.ok, result.entries, result.first_bad) == (True, 5, None)


def test_an_empty_log_verifies(store: Store) -> None:
    assert store.verify_audit().ok


def test_the_log_cannot_be_changed_through_sql_by_accident(logged: Store, data_dir: Path) -> None:
    with closing(sqlite3.connect(data_dir / "tongban.db", isolation_level=None)) as conn:
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute("UPDATE audit SET action = 'x' WHERE id = 2")
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute("DELETE FROM audit WHERE id = 2")


def test_an_edited_detail_is_found(logged: Store, data_dir: Path) -> None:
    _tamper(data_dir, "UPDATE audit SET sealed = flip_byte(sealed, 20) WHERE id = 3")
    result = logged.verify_audit()
    assert (result.ok, result.first_bad) == (False, 3)


def test_a_detail_moved_from_another_row_is_found(logged: Store, data_dir: Path) -> None:
    _tamper(data_dir, "UPDATE audit SET sealed = (SELECT sealed FROM audit WHERE id = 1) WHERE id = 4")
    assert logged.verify_audit().first_bad == 4


def test_an_edited_hash_is_found(logged: Store, data_dir: Path) -> None:
    _tamper(data_dir, "UPDATE audit SET hash = '" + "0" * 64 + "' WHERE id = 2")
    result = logged.verify_audit()
    assert (result.ok, result.first_bad) == (False, 2)


def test_an_edited_plaintext_column_is_found(logged: Store, data_dir: Path) -> None:
    _tamper(data_dir, "UPDATE audit SET action = 'case.view' WHERE id = 2")
    assert logged.verify_audit().first_bad == 2


def test_a_deleted_middle_row_is_found(logged: Store, data_dir: Path) -> None:
    _tamper(data_dir, "DELETE FROM audit WHERE id = 3")
    result = logged.verify_audit()
    assert (result.ok, result.first_bad) == (False, 4)


def test_a_cut_off_tail_is_found_even_after_new_entries(
    logged: Store, build: Builder, data_dir: Path
) -> None:
    _tamper(data_dir, "DELETE FROM audit WHERE id >= 4")
    result = logged.verify_audit()
    assert (result.ok, result.first_bad) == (False, 4)
    logged.append_audit(build.audit("C1", "case.print"))  # the chain goes on from entry 3
    assert not logged.verify_audit().ok


def test_first_bad_is_the_earliest_problem(logged: Store, data_dir: Path) -> None:
    _tamper(
        data_dir,
        "UPDATE audit SET sealed = flip_byte(sealed, 30) WHERE id = 4",
        "UPDATE audit SET action = 'case.view' WHERE id = 2",
    )
    assert logged.verify_audit().first_bad == 2


# -- the authenticated head (issue #13: the tail cannot be cut without the device key) ---------------


def test_a_cut_tail_with_the_counter_rewound_is_found(logged: Store, data_dir: Path) -> None:
    # Everything an attacker without the key can do: drop the trigger, delete the last entry, and
    # rewind the id counter that remembered it.
    _tamper(
        data_dir,
        "DELETE FROM audit WHERE id = 5",
        "UPDATE counters SET value = 4 WHERE scope = '__audit_id__'",
    )
    result = logged.verify_audit()
    assert (result.ok, result.first_bad) == (False, 5)
    assert "removed" in result.reason
    with pytest.raises(AuditTamperedError) as caught:
        logged.audit_head()
    assert "审计日志" in caught.value.message


def test_a_missing_or_forged_head_is_found(logged: Store, data_dir: Path) -> None:
    head = logged.audit_head()
    assert head.count == 5 and len(head.hash) == 64
    _tamper(data_dir, "UPDATE meta SET value = '4:' || substr(value, 3) WHERE key = 'audit_head'")
    assert not logged.verify_audit().ok
    _tamper(data_dir, "DELETE FROM meta WHERE key = 'audit_head'")
    result = logged.verify_audit()
    assert not result.ok and "head" in result.reason
    with pytest.raises(AuditTamperedError):
        logged.audit_head()


def test_the_head_follows_every_entry(logged: Store, build: Builder) -> None:
    first = logged.audit_head()
    logged.append_audit(build.audit("C1", "case.print"))
    second = logged.audit_head()
    assert second.count == first.count + 1 and second.hash != first.hash
    assert second.hash == logged_last_hash(logged)


def logged_last_hash(store: Store) -> str:
    with closing(sqlite3.connect(store.data_dir / "tongban.db")) as conn:
        (digest,) = conn.execute("SELECT hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    return str(digest)


def test_a_store_from_before_the_head_adopts_its_log_once(
    logged: Store, data_dir: Path, clock: FakeClock
) -> None:
    logged.close()
    # As a store made before m005: no head record, no m005 in its migrations.
    _tamper(
        data_dir,
        "DELETE FROM meta WHERE key = 'audit_head'",
        "DELETE FROM _sqlite_migrations WHERE name = 'm007_audit_head'",
    )
    with Store.open(data_dir, clock=clock) as upgraded:
        assert upgraded.verify_audit().ok
        assert upgraded.audit_head().count == 5
    # Deleting the head afterwards is not an upgrade: it stays found.
    _tamper(data_dir, "DELETE FROM meta WHERE key = 'audit_head'")
    with Store.open(data_dir, clock=clock) as reopened:
        assert not reopened.verify_audit().ok


def test_a_cut_with_the_counter_rewound_stays_found_after_new_entries(
    logged: Store, build: Builder, data_dir: Path
) -> None:
    _tamper(
        data_dir,
        "DELETE FROM audit WHERE id = 5",
        "UPDATE counters SET value = 4 WHERE scope = '__audit_id__'",
    )
    logged.append_audit(build.audit("C1", "case.print"))  # takes id 5 again, linked to entry 4
    assert not logged.verify_audit().ok
    logged.append_audit(build.audit("C1", "case.print"))
    assert not logged.verify_audit().ok
    with pytest.raises(AuditTamperedError):
        logged.audit_head()
