"""Attachments (scans, photos) as sealed files named by a keyed hash, found by plaintext sha256."""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
import time
from pathlib import Path

import sqlite_utils

from core.crypto import DeviceKey
from core.durable_files import fsync_directory, private_dirs, replace_durably, write_durably
from core.errors import NotFoundError, StoreError
from core.store.codec import aad

logger = logging.getLogger(__name__)

_SHA256_HEX = re.compile(r"[0-9a-f]{64}")
_STALE_PART_S = 3600.0  # a partial write older than this belongs to a process that died


def _ref(key: DeviceKey, sha256: str) -> str:
    # The file name and row key: a keyed hash, so neither reveals which known document is here.
    return key.keyed_hash("attachment", sha256)


def _binding(sha256: str) -> bytes:
    return aad("attachments", sha256)


def _file(root: Path, ref: str) -> Path:
    return root / ref[:2] / ref  # 256 sub-directories keep directories small over the years


def _checked(sha256: str) -> str:
    value = sha256.strip().lower()
    if not _SHA256_HEX.fullmatch(value):
        raise NotFoundError("附件编号格式不正确。", "attachment id must be 64 hex digits (sha256)")
    return value


def put(
    db: sqlite_utils.Database, key: DeviceKey, root: Path, data: bytes, media_type: str, created_at: str
) -> str:
    """Store ``data`` once; return the sha256 (hex) of the plaintext, its content address."""
    sha256 = hashlib.sha256(data).hexdigest()
    ref = _ref(key, sha256)
    path = _file(root, ref)
    known = db.execute("SELECT 1 FROM attachments WHERE ref = ?", (ref,)).fetchone() is not None
    if known and path.exists():
        return sha256
    _write_atomically(root, path, key.seal(data, _binding(sha256)))
    # The file is durable before its row commits: a crash in between leaves an orphan file that
    # the next put of the same content replaces, never a row without its file.
    db.execute(
        "INSERT INTO attachments (ref, media_type, size, created_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (ref) DO NOTHING",
        (ref, media_type, len(data), created_at),
    )
    return sha256


def get(db: sqlite_utils.Database, key: DeviceKey, root: Path, sha256: str) -> bytes:
    """The plaintext, checked against its sha256; NotFoundError if unknown, StoreError if damaged."""
    sha256 = _checked(sha256)
    ref = _ref(key, sha256)
    if db.execute("SELECT 1 FROM attachments WHERE ref = ?", (ref,)).fetchone() is None:
        raise NotFoundError("找不到该附件。", f"no attachment with sha256 {sha256}")
    try:
        blob = _file(root, ref).read_bytes()
    except FileNotFoundError:
        raise StoreError(
            "附件文件缺失，请从备份恢复。", f"attachment file for sha256 {sha256} is missing"
        ) from None
    data = key.open_sealed(blob, _binding(sha256))
    if hashlib.sha256(data).hexdigest() != sha256:
        raise StoreError("附件内容校验失败。", f"attachment {sha256} decrypted to different content")
    return data


def has(db: sqlite_utils.Database, key: DeviceKey, sha256: str) -> bool:
    try:
        ref = _ref(key, _checked(sha256))
    except NotFoundError:
        return False
    return db.execute("SELECT 1 FROM attachments WHERE ref = ?", (ref,)).fetchone() is not None


def remove_stale_parts(root: Path) -> None:
    """Delete partial writes left by a process that died mid-write (only old ones: another
    thread's Store may be writing one right now)."""
    parts = root / "tmp"
    if not parts.is_dir():
        return
    cutoff = time.time() - _STALE_PART_S  # file mtimes are the file system's clock, not ours
    for part in parts.iterdir():
        try:
            if part.stat().st_mtime < cutoff:
                part.unlink()
                logger.info("removed a stale partial attachment write")
        except FileNotFoundError:
            continue


def _write_atomically(root: Path, path: Path, blob: bytes) -> None:
    """Write, fsync, rename into place, fsync the directory: the file is whole or absent."""
    parts = root / "tmp"
    private_dirs(parts)  # attachments/ too: mkdir(parents=True) would make it 0755
    if not path.parent.is_dir():
        private_dirs(path.parent)
        fsync_directory(root)
    part = parts / f"{secrets.token_hex(12)}.part"
    try:
        write_durably(part, blob, exclusive=True)
        replace_durably(part, path)
    except BaseException:
        part.unlink(missing_ok=True)
        raise


def size(db: sqlite_utils.Database, key: DeviceKey, sha256: str) -> int:
    """The plaintext size of a stored file; NotFoundError if unknown."""
    ref = _ref(key, _checked(sha256))
    row = db.execute("SELECT size FROM attachments WHERE ref = ?", (ref,)).fetchone()
    if row is None:
        raise NotFoundError("找不到该附件。", f"no attachment with sha256 {sha256}")
    return int(row[0])
