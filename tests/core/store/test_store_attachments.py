"""Attachments: content-addressed by plaintext sha256, sealed in files named by a keyed hash."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import time
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from core.errors import KeyMaterialError, NotFoundError, StoreError
from core.store.store import Store

if TYPE_CHECKING:
    from conftest import FakeClock

SCAN = b"\xff\xd8\xff\xe0" + "户口簿 张三丰 11010519491231002X".encode() * 50


def _files(data_dir: Path) -> list[Path]:
    return sorted(p for p in (data_dir / "attachments").rglob("*") if p.is_file())


def test_round_trip_returns_the_plaintext_sha256(store: Store, data_dir: Path) -> None:
    sha = store.put_attachment(SCAN, media_type="image/jpeg")
    assert sha == hashlib.sha256(SCAN).hexdigest()
    assert store.has_attachment(sha)
    assert store.has_attachment(sha.upper())
    assert store.get_attachment(sha) == SCAN
    (stored,) = _files(data_dir)
    assert sha not in str(stored)
    assert len(stored.name) == 64
    assert SCAN not in stored.read_bytes()
    assert not list((data_dir / "attachments" / "tmp").iterdir())


def test_put_is_idempotent(store: Store, data_dir: Path) -> None:
    first = store.put_attachment(SCAN, media_type="image/jpeg")
    before = _files(data_dir)[0].read_bytes()
    assert store.put_attachment(SCAN, media_type="image/jpeg") == first
    assert len(_files(data_dir)) == 1
    assert _files(data_dir)[0].read_bytes() == before
    with closing(sqlite3.connect(data_dir / "tongban.db")) as conn:
        assert conn.execute("SELECT count(*) FROM attachments").fetchone()[0] == 1


def test_empty_content_is_fine(store: Store) -> None:
    sha = store.put_attachment(b"", media_type="application/octet-stream")
    assert store.get_attachment(sha) == b""


def test_unknown_or_malformed_ids(store: Store) -> None:
    with pytest.raises(NotFoundError):
        store.get_attachment(hashlib.sha256(b"never stored").hexdigest())
    with pytest.raises(NotFoundError):
        store.get_attachment("not-a-hash")
    assert not store.has_attachment("not-a-hash")
    assert not store.has_attachment(hashlib.sha256(b"never stored").hexdigest())


def test_a_tampered_file_does_not_open(store: Store, data_dir: Path) -> None:
    sha = store.put_attachment(SCAN, media_type="image/jpeg")
    (path,) = _files(data_dir)
    blob = bytearray(path.read_bytes())
    blob[40] ^= 0x01
    path.write_bytes(bytes(blob))
    with pytest.raises(KeyMaterialError):
        store.get_attachment(sha)


def test_files_swapped_between_attachments_do_not_open(store: Store, data_dir: Path) -> None:
    one = store.put_attachment(b"first document", media_type="image/png")
    store.put_attachment(b"second document", media_type="image/png")
    a, b = _files(data_dir)
    blob_a, blob_b = a.read_bytes(), b.read_bytes()
    a.write_bytes(blob_b)
    b.write_bytes(blob_a)
    with pytest.raises(KeyMaterialError):
        store.get_attachment(one)


def test_a_missing_file_is_a_store_error_and_put_repairs_it(store: Store, data_dir: Path) -> None:
    sha = store.put_attachment(SCAN, media_type="image/jpeg")
    _files(data_dir)[0].unlink()
    with pytest.raises(StoreError) as caught:
        store.get_attachment(sha)
    assert "缺失" in caught.value.message
    store.put_attachment(SCAN, media_type="image/jpeg")
    assert store.get_attachment(sha) == SCAN


def test_stale_partial_writes_are_removed_on_open(store: Store, data_dir: Path, clock: FakeClock) -> None:
    store.put_attachment(SCAN, media_type="image/jpeg")
    parts = data_dir / "attachments" / "tmp"
    stale, fresh = parts / "dead.part", parts / "live.part"
    stale.write_bytes(b"x")
    fresh.write_bytes(b"y")
    old = time.time() - 2 * 3600
    os.utime(stale, (old, old))
    Store.open(data_dir, clock=clock).close()
    assert not stale.exists()
    assert fresh.exists()  # maybe another thread's write in progress
