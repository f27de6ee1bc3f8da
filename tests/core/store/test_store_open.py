"""Opening a store: first run, the device key and its checks, migrations, connection settings."""

from __future__ import annotations

import os
import re
import sqlite3
import stat
import threading
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from core.crypto import KEY_FILE_ENV, DeviceKey
from core.errors import KeyMaterialError, StoreError
from core.store.db import open_database
from core.store.migrations import KNOWN_MIGRATIONS, MIGRATIONS
from core.store.store import Store

if TYPE_CHECKING:
    from conftest import Builder, FakeClock

posix_only = pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")


def test_first_open_creates_database_key_and_device_id(data_dir: Path, clock: FakeClock) -> None:
    with Store.open(data_dir, clock=clock) as store:
        device_id = store.device_id
        assert store.data_dir == data_dir
    assert re.fullmatch(r"[0-9a-f]{32}", device_id)
    assert (data_dir / "tongban.db").is_file()
    key = data_dir / "keys" / "device.key"
    assert key.read_text(encoding="ascii").startswith("tongban-key-v1:")
    if os.name != "nt":
        assert stat.S_IMODE(key.stat().st_mode) == 0o600
        assert stat.S_IMODE(key.parent.stat().st_mode) == 0o700
    with Store.open(data_dir, clock=clock) as again:
        assert again.device_id == device_id


def test_missing_key_with_existing_database_is_refused(data_dir: Path, clock: FakeClock) -> None:
    Store.open(data_dir, clock=clock).close()
    key = data_dir / "keys" / "device.key"
    key.unlink()
    with pytest.raises(KeyMaterialError) as caught:
        Store.open(data_dir, clock=clock)
    assert "找不到设备密钥" in caught.value.message
    assert "database" in caught.value.detail
    assert not key.exists()  # no new key was made over the existing data


def test_wrong_key_is_refused(
    data_dir: Path, clock: FakeClock, builder_for: Callable[[Store], Builder]
) -> None:
    with Store.open(data_dir, clock=clock) as store:
        builder_for(store).add("C1")
    key = data_dir / "keys" / "device.key"
    key.unlink()
    DeviceKey.create(key)
    with pytest.raises(KeyMaterialError) as caught:
        Store.open(data_dir, clock=clock)
    assert "不匹配" in caught.value.message
    assert "does not match" in caught.value.detail


@posix_only
def test_group_readable_key_is_refused(data_dir: Path, clock: FakeClock) -> None:
    Store.open(data_dir, clock=clock).close()
    key = data_dir / "keys" / "device.key"
    key.chmod(0o640)
    with pytest.raises(KeyMaterialError) as caught:
        Store.open(data_dir, clock=clock)
    assert "chmod 600" in caught.value.message
    key.chmod(0o600)
    Store.open(data_dir, clock=clock).close()


def test_unreadable_key_is_refused(data_dir: Path, clock: FakeClock) -> None:
    Store.open(data_dir, clock=clock).close()
    key = data_dir / "keys" / "device.key"
    key.write_text("tongban-key-v1:garbage\n", encoding="ascii")
    with pytest.raises(KeyMaterialError):
        Store.open(data_dir, clock=clock)


def test_key_supplied_through_the_environment(
    tmp_path: Path,
    data_dir: Path,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
    builder_for: Callable[[Store], Builder],
) -> None:
    supplied = tmp_path / "deploy" / "tongban.key"
    DeviceKey.create(supplied)
    monkeypatch.setenv(KEY_FILE_ENV, str(supplied))
    with Store.open(data_dir, clock=clock) as store:
        builder_for(store).add("C1")
    assert not (data_dir / "keys").exists()
    with Store.open(data_dir, clock=clock) as store:
        assert store.get_case("C1").payload["applicant"]["name"] == "张三丰"
    monkeypatch.delenv(KEY_FILE_ENV)
    with pytest.raises(KeyMaterialError):  # the data needs the deployment's key, not a new one
        Store.open(data_dir, clock=clock)
    assert not (data_dir / "keys" / "device.key").exists()


def test_missing_supplied_key_is_refused_before_anything_is_created(
    tmp_path: Path, data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(KEY_FILE_ENV, str(tmp_path / "absent.key"))
    with pytest.raises(KeyMaterialError) as caught:
        Store.open(data_dir, clock=clock)
    assert "部署" in caught.value.message
    assert not (tmp_path / "absent.key").exists()
    assert not (data_dir / "tongban.db").exists()


def test_explicit_key_file_wins_over_the_environment(
    tmp_path: Path, data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    explicit = tmp_path / "explicit.key"
    DeviceKey.create(explicit)
    monkeypatch.setenv(KEY_FILE_ENV, str(tmp_path / "absent.key"))
    Store.open(data_dir, clock=clock, key_file=explicit).close()


def test_a_file_that_is_not_a_database_is_a_store_error(data_dir: Path, clock: FakeClock) -> None:
    Store.open(data_dir, clock=clock).close()
    (data_dir / "tongban.db").write_bytes(b"this is not SQLite" * 100)
    for leftover in ("tongban.db-wal", "tongban.db-shm"):
        (data_dir / leftover).unlink(missing_ok=True)
    with pytest.raises(StoreError):
        Store.open(data_dir, clock=clock)


def test_connection_settings(tmp_path: Path) -> None:
    db = open_database(tmp_path / "x.db")
    try:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert db.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
    finally:
        db.close()


def test_migrations_apply_once_and_are_recorded(data_dir: Path, clock: FakeClock) -> None:
    for _ in range(3):
        Store.open(data_dir, clock=clock).close()
    db = open_database(data_dir / "tongban.db")
    try:
        applied = [m.name for m in MIGRATIONS.applied(db)]
        assert applied == KNOWN_MIGRATIONS
        assert applied[:4] == ["m001_initial", "m002_sync", "m003_print_jobs", "m004_kiosk_ratings"]
        assert MIGRATIONS.pending(db) == []
        rows = db.execute("SELECT migration_set, name FROM _sqlite_migrations").fetchall()
        assert rows == [("tongban", name) for name in KNOWN_MIGRATIONS]  # each once
        tables = set(db.table_names())
        assert {"meta", "counters", "cases", "events", "attachments", "audit", "print_jobs"} <= tables
    finally:
        db.close()


def test_store_belongs_to_the_thread_that_opened_it(store: Store) -> None:
    errors: list[BaseException] = []

    def use() -> None:
        try:
            store.pending_count()
        except BaseException as exc:
            errors.append(exc)

    worker = threading.Thread(target=use)
    worker.start()
    worker.join(timeout=10)
    assert len(errors) == 1
    assert isinstance(errors[0], sqlite3.ProgrammingError)


def test_stores_in_several_threads_share_one_directory(
    data_dir: Path, clock: FakeClock, builder_for: Callable[[Store], Builder]
) -> None:
    Store.open(data_dir, clock=clock).close()
    errors: list[BaseException] = []
    seqs: list[int] = []
    lock = threading.Lock()

    def work(worker: int) -> None:
        try:
            with Store.open(data_dir, clock=clock) as store:
                build = builder_for(store)
                for i in range(15):
                    stored = store.add_case(
                        build.case(f"T{worker}-{i}"),
                        [build.event(f"T{worker}-{i}")],
                        build.audit(f"T{worker}-{i}"),
                    )
                    store.append_audit(build.audit(f"T{worker}-{i}", "case.reveal"))
                    with lock:
                        seqs.extend(e.seq for e in stored)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert sorted(seqs) == list(range(1, 46))
    with Store.open(data_dir, clock=clock) as store:
        result = store.verify_audit()
        assert (result.ok, result.entries) == (True, 90)
        assert store.pending_count() == 45


def test_a_database_from_a_newer_version_is_refused(data_dir: Path, clock: FakeClock) -> None:
    Store.open(data_dir, clock=clock).close()
    with closing(sqlite3.connect(data_dir / "tongban.db", isolation_level=None)) as conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('tongban', 'm999_future', 'x')"
        )
    with pytest.raises(StoreError) as caught:
        Store.open(data_dir, clock=clock)
    assert "更新版本" in caught.value.message
    assert "m999_future" in caught.value.detail
