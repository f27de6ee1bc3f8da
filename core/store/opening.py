"""Opening a data directory: owner-only modes, the device key, the database, and proof that data existed.

Case numbers come from counters in the database (core/store/counters.py), so a database that
silently starts over hands out numbers that applicants already hold, and forgets the platform
enrolment. A new database is therefore made only where no data can have existed:

- the device key at ``<data_dir>/keys/device.key`` is made together with the first database, so a
  key there proves a database existed, unless the first run that made it was cut short (the
  ``FIRST_RUN_MARKER`` is written before the key and removed once the database is committed);
- ``STORE_MARKER`` is written once a database is committed (and on every later open if missing):
  it proves the same for a key that a deployment supplies, which exists before any data.

Runs on the thread that opens the Store (see Store.open).
"""

from __future__ import annotations

import hmac
import logging
import os
import stat
import uuid
from contextlib import suppress
from pathlib import Path
from typing import Final

import sqlite_utils

from core.clock import Clock
from core.crypto import DeviceKey, KeyLocation, key_location
from core.durable_files import fsync_directory, private_dirs, write_durably
from core.errors import KeyMaterialError, StoreError
from core.store import audit_log
from core.store.db import open_database, write_transaction
from core.store.migrations import KNOWN_MIGRATIONS, MIGRATIONS

logger = logging.getLogger(__name__)

AUDIT_HEAD_MIGRATION = "m007_audit_head"

DB_NAME: Final = "tongban.db"
STORE_MARKER: Final = "store-created"
FIRST_RUN_MARKER: Final = "first-run-in-progress"
# What a data directory of Tongban holds (besides tongban.*): the key, scans, markers, and in a
# demonstration hall the embedded platform and the walk-through's screenshots.
_OUR_ENTRIES: Final = frozenset(
    {"keys", "attachments", STORE_MARKER, FIRST_RUN_MARKER, "platform", "screenshots", "catalog"}
)
_OUR_PREFIXES: Final = ("tongban", "cards-")  # tongban.db*, tongban.toml; the demo hall's card files
# SQLite gives its -wal and -shm files the database file's mode (os_unix.c, findCreateFileMode).
_DB_FILES: Final = (DB_NAME, f"{DB_NAME}-wal", f"{DB_NAME}-shm")
_POSIX: Final = os.name != "nt"  # on Windows the installer's ACLs protect the data directory


def open_data_dir(
    data_dir: Path, *, clock: Clock, key_file: Path | None = None
) -> tuple[sqlite_utils.Database, DeviceKey, str]:
    """The open database, the device key and the device id of ``data_dir`` (made on first run).

    StoreError if the directory cannot be written (naming the path), or if the database is missing
    or empty where data existed; KeyMaterialError for a missing, unreadable or wrong key.
    """
    _prepare_directory(data_dir)
    db_path = data_dir / DB_NAME
    where = key_location(data_dir, key_file=key_file)
    # Read in this order, so that a first run finishing in another thread meanwhile is never
    # mistaken for lost data: the key, then the first-run marker, then the store marker, then the database.
    key_existed = where.path.exists()
    first_run = (data_dir / FIRST_RUN_MARKER).exists()
    proof: Path | None = None
    if (data_dir / STORE_MARKER).exists():
        proof = data_dir / STORE_MARKER
    elif key_existed and not where.supplied and not first_run:
        proof = where.path
    has_data = db_path.exists() and db_path.stat().st_size > 0
    if proof is not None and not has_data:
        raise _lost(db_path, proof)
    key = _load_or_create_key(where, db_path, db_path.exists(), data_dir)
    _owner_only_database(db_path)
    db = open_database(db_path)
    try:
        device_id = _bootstrap(db, key, clock, db_path, proof)
        _mark_created(data_dir, device_id)
    except BaseException:
        db.close()
        raise
    return db, key, device_id


def _prepare_directory(data_dir: Path) -> None:
    """Make the directory owner-only (tightening an existing one, logged); name it if not writable."""
    private_dirs(data_dir)
    if _POSIX:
        mode = stat.S_IMODE(data_dir.stat().st_mode)
        if mode & 0o077 and _is_ours(data_dir):
            _tighten(data_dir, mode, 0o700)
        elif mode & 0o077:  # e.g. --data-dir ~ : others' files live there too, so say so, change nothing
            logger.warning(
                "data directory %s (mode %o) also holds files that are not Tongban's: left as it is; "
                "the database and keys are owner-only, but a dedicated directory is safer",
                data_dir,
                mode,
            )
    for path in (data_dir, *(data_dir / name for name in _DB_FILES)):
        wanted = os.W_OK | (os.X_OK if path == data_dir else os.R_OK)
        if path.exists() and not os.access(path, wanted):
            raise StoreError(
                f"没有权限写入 {path}（权限被拒绝），通办无法保存数据。"
                "请让运行通办的系统账号对该目录有读写权限，或用 --data-dir 换一个数据目录。",
                f"permission denied on {path}: the account running Tongban cannot write there; "
                "grant it read-write access or choose another --data-dir",
                code="store.not_writable",
                params={"path": str(path)},
            )


def _is_ours(data_dir: Path) -> bool:
    """Whether every entry of ``data_dir`` is one Tongban makes there (so tightening it harms no one)."""
    return all(
        child.name in _OUR_ENTRIES or child.name.startswith(_OUR_PREFIXES) for child in data_dir.iterdir()
    )


def _tighten(path: Path, mode: int, wanted: int) -> None:
    try:
        path.chmod(wanted)
    except OSError as exc:  # not our file: say so and go on, the data is still ours to keep
        logger.warning("cannot tighten %s from %o to %04o: %s", path, mode, wanted, exc)
        return
    logger.warning(
        "tightened %s from mode %o to %04o (it held personal data open to others)", path, mode, wanted
    )


def _owner_only_database(db_path: Path) -> None:
    """Create the database file 0600 before SQLite does (it would use 0644), or tighten an old one."""
    if not _POSIX:
        return
    if not db_path.exists():
        os.close(os.open(db_path, os.O_RDWR | os.O_CREAT, 0o600))
        return
    for name in _DB_FILES:
        path = db_path.with_name(name)
        try:
            mode = stat.S_IMODE(path.stat().st_mode)
        except FileNotFoundError:
            continue
        if mode & 0o077:
            _tighten(path, mode, 0o600)


def _lost(db_path: Path, proof: Path) -> StoreError:
    return StoreError(
        f"本机数据库 {db_path} 不见了或已被清空，但 {proof} 说明本机曾有数据。"
        "为免重复发放办件编号、丢失平台登记，通办不会新建数据库：请从备份恢复该数据库文件"
        f"（连同 {DB_NAME}-wal，如有）后再启动；没有备份请联系运维人员。切勿删除设备密钥。",
        f"database {db_path} is missing or empty, but {proof} shows this device had data; a new "
        "database would hand out case numbers again and lose the enrolment, so none is made. "
        f"Restore {DB_NAME} (and {DB_NAME}-wal if any) from backup; keep the device key.",
        code="store.database_lost",
        params={"database": str(db_path), "proof": str(proof), "name": DB_NAME},
    )


def _load_or_create_key(where: KeyLocation, db_path: Path, existing: bool, data_dir: Path) -> DeviceKey:
    """The key for this data directory; never a new key where data already exists."""
    if where.path.exists():
        return DeviceKey.load(where.path)
    if existing:
        raise KeyMaterialError(
            f"找不到设备密钥文件 {where.path}，但本机已有数据库 {db_path}。没有原来的密钥就无法读取已有数据："
            "请从备份恢复密钥文件（或设置 TONGBAN_DEVICE_KEY_FILE 指向它），切勿删除数据库。",
            f"device key {where.path} is missing but database {db_path} exists; restore the key from "
            "backup (or point TONGBAN_DEVICE_KEY_FILE at it). A new key will not be created over existing data.",
            code="key.lost",
            params={"key": str(where.path), "database": str(db_path)},
        )
    if where.supplied:
        raise KeyMaterialError(
            f"部署指定的设备密钥文件 {where.path} 不存在。",
            f"the device key file supplied by the deployment, {where.path}, does not exist",
            code="key.supplied_missing",
            params={"key": str(where.path)},
        )
    # Durable before the key exists: a key without this marker proves a database was committed.
    write_durably(data_dir / FIRST_RUN_MARKER, b"")
    fsync_directory(data_dir)
    try:
        return DeviceKey.create(where.path)
    except KeyMaterialError:
        if where.path.exists():  # another thread created it first: use that one
            return DeviceKey.load(where.path)
        raise


def _bootstrap(
    db: sqlite_utils.Database, key: DeviceKey, clock: Clock, db_path: Path, proof: Path | None
) -> str:
    """Migrate, then check the key against the data (or record it, once); returns the device id."""
    with write_transaction(db):
        newer = [m.name for m in MIGRATIONS.applied(db) if m.name not in KNOWN_MIGRATIONS]
        if newer:  # an older program must not write rows a newer schema has rules for
            raise StoreError(
                f"数据库 {db_path} 由更新版本的通办创建，请先升级本程序。",
                f"database {db_path} has migrations this version does not know: {', '.join(newer)}",
                code="store.newer_version",
                params={"database": str(db_path)},
            )
        before = {m.name for m in MIGRATIONS.applied(db)}
        MIGRATIONS.apply(db)
        if AUDIT_HEAD_MIGRATION not in before:  # new, or made before heads: authenticate its end now
            audit_log.adopt_head(db, key)
        meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
        check = meta.get("key_check")
        if check is None:
            if proof is not None:  # a database without its key check where data existed: rolled back
                raise _lost(db_path, proof)
            device_id = uuid.uuid4().hex
            db.conn.executemany(
                "INSERT INTO meta (key, value) VALUES (?, ?)",
                [
                    ("device_id", device_id),
                    ("key_check", key.check_value()),
                    ("created_at", clock.now().isoformat()),
                ],
            )
            logger.info("new store: device id %s", device_id)
            return device_id
        if not hmac.compare_digest(str(check), key.check_value()):
            raise KeyMaterialError(
                f"设备密钥与本机数据库 {db_path} 不匹配：这不是创建该数据库时使用的密钥。"
                "请检查 TONGBAN_DEVICE_KEY_FILE 或恢复原来的密钥文件。",
                f"the device key does not match database {db_path} (key check value differs); "
                "check TONGBAN_DEVICE_KEY_FILE or restore the original key file",
                code="key.mismatch",
                params={"database": str(db_path)},
            )
        return str(meta["device_id"])


def _mark_created(data_dir: Path, device_id: str) -> None:
    """Record, outside the database, that it exists (then the first run is over)."""
    marker = data_dir / STORE_MARKER
    if not marker.exists():
        with suppress(FileExistsError):  # another thread's open wrote it first
            write_durably(marker, f"{device_id}\n".encode("ascii"), exclusive=True)
        fsync_directory(data_dir)
    first_run = data_dir / FIRST_RUN_MARKER
    if first_run.exists():
        first_run.unlink(missing_ok=True)
        fsync_directory(data_dir)
