"""Case rows: a plaintext index with nothing personal plus the sealed payload; rows in, records out."""

from __future__ import annotations

import sqlite3
from typing import Any

import sqlite_utils

from core.crypto import DeviceKey
from core.errors import KeyMaterialError, NotFoundError, StoreError
from core.store.codec import aad, open_json, seal_json
from core.store.records import CaseRecord

_COLUMNS = (
    "number, official_number, bundle_id, status, person_hash, name_hash, catalog_version, "
    "created_at, updated_at, deficiency_deadline, version, payload"
)


def _binding(number: str, version: int) -> bytes:
    # Bound to the version too: an old payload pasted into a row at a later version will not open.
    return aad("cases", number, version)


def _not_found(number: str) -> NotFoundError:
    return NotFoundError(f"找不到办件 {number}。", f"no case with number or official number {number!r}")


def insert_case(db: sqlite_utils.Database, key: DeviceKey, record: CaseRecord) -> None:
    """Insert a new case row (version 1); StoreError if the number is taken."""
    if record.version != 1:
        raise StoreError("新办件的版本号应为 1。", f"a new case must have version 1, got {record.version}")
    payload = seal_json(key, record.payload, _binding(record.number, 1), "case payload")
    try:
        db.execute(
            f"INSERT INTO cases ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                record.number,
                record.official_number,
                record.bundle_id,
                record.status,
                record.person_hash,
                record.name_hash,
                record.catalog_version,
                record.created_at,
                record.updated_at,
                record.deficiency_deadline,
                1,
                payload,
            ),
        )
    except sqlite3.IntegrityError as exc:
        if "official_number" in str(exc):
            raise StoreError(
                f"统一办件编号 {record.official_number} 已被其他办件使用。",
                f"official number {record.official_number!r} is already bound to another case",
            ) from exc
        raise StoreError(
            f"办件编号 {record.number} 已存在。", f"case number {record.number!r} already exists"
        ) from exc


def update_case(db: sqlite_utils.Database, key: DeviceKey, record: CaseRecord, expected_version: int) -> None:
    """Replace a case's state if it is still at ``expected_version``; StoreError otherwise.

    The official number is left alone: only :func:`bind_official_number` sets it, so an update
    built from a copy read before the binding cannot erase it.
    """
    if record.version != expected_version + 1:
        raise StoreError(
            "办件版本号不正确。",
            f"case {record.number}: new version must be {expected_version + 1}, got {record.version}",
        )
    payload = seal_json(key, record.payload, _binding(record.number, record.version), "case payload")
    cursor = db.execute(
        "UPDATE cases SET bundle_id = ?, status = ?, person_hash = ?, name_hash = ?, catalog_version = ?,"
        " updated_at = ?, deficiency_deadline = ?, version = ?, payload = ?"
        " WHERE number = ? AND version = ?",
        (
            record.bundle_id,
            record.status,
            record.person_hash,
            record.name_hash,
            record.catalog_version,
            record.updated_at,
            record.deficiency_deadline,
            record.version,
            payload,
            record.number,
            expected_version,
        ),
    )
    if cursor.rowcount == 1:
        return
    row = db.execute("SELECT version FROM cases WHERE number = ?", (record.number,)).fetchone()
    if row is None:
        raise _not_found(record.number)
    raise StoreError(
        f"办件 {record.number} 已被他人修改，请刷新后重试。",
        f"case {record.number} is at version {row[0]}, expected {expected_version} (concurrent change)",
    )


def resolve_number(db: sqlite_utils.Database, number: str) -> str:
    """The local number of the case known by ``number`` (local or official); NotFoundError if none."""
    for column in ("number", "official_number"):
        row = db.execute(f"SELECT number FROM cases WHERE {column} = ?", (number,)).fetchone()
        if row is not None:
            return str(row[0])
    raise _not_found(number)


def get_case(db: sqlite_utils.Database, key: DeviceKey, number: str) -> CaseRecord:
    for column in ("number", "official_number"):
        row = db.execute(f"SELECT {_COLUMNS} FROM cases WHERE {column} = ?", (number,)).fetchone()
        if row is not None:
            return _record(key, row)
    raise _not_found(number)


def list_cases(
    db: sqlite_utils.Database,
    key: DeviceKey,
    *,
    status: str | None,
    person_hash: str | None,
    name_hash: str | None,
    bundle_id: str | None,
    deadline_before: str | None,
    limit: int,
    damaged: list[str] | None = None,
) -> list[CaseRecord]:
    """Cases matching every given filter, newest first: the most recently stored first.

    A row whose payload does not open raises KeyMaterialError, unless ``damaged`` is given: then
    its number is appended there and the other rows are still returned.
    """
    if limit < 1:
        raise StoreError("查询条数应为正数。", f"limit must be positive, got {limit}")
    where: list[str] = []
    params: list[Any] = []
    for column, value in (
        ("status", status),
        ("person_hash", person_hash),
        ("name_hash", name_hash),
        ("bundle_id", bundle_id),
    ):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    if deadline_before is not None:
        where.append("deficiency_deadline IS NOT NULL AND deficiency_deadline < ?")
        params.append(deadline_before)
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    params.append(limit)
    rows = db.execute(f"SELECT {_COLUMNS} FROM cases {clause} ORDER BY rowid DESC LIMIT ?", params).fetchall()
    records = []
    for row in rows:
        try:
            records.append(_record(key, row))
        except KeyMaterialError:
            if damaged is None:
                raise
            damaged.append(str(row[0]))
    return records


def bind_official_number(db: sqlite_utils.Database, number: str, official: str) -> None:
    """Bind the platform's official number once; binding the same one again is a no-op."""
    try:
        # The write comes first so the transaction takes the write lock at once (no stale read).
        cursor = db.execute(
            "UPDATE cases SET official_number = ? WHERE number = ? AND official_number IS NULL",
            (official, number),
        )
    except sqlite3.IntegrityError as exc:
        raise StoreError(
            f"统一办件编号 {official} 已被其他办件使用。",
            f"official number {official!r} is already bound to another case",
        ) from exc
    if cursor.rowcount == 1:
        return
    row = db.execute("SELECT official_number FROM cases WHERE number = ?", (number,)).fetchone()
    if row is None:
        raise _not_found(number)
    if row[0] != official:
        raise StoreError(
            f"办件 {number} 已绑定统一办件编号 {row[0]}，不能改为 {official}。",
            f"case {number} is already bound to official number {row[0]!r}",
        )


def _record(key: DeviceKey, row: tuple[Any, ...]) -> CaseRecord:
    (
        number,
        official,
        bundle_id,
        status,
        person,
        name,
        catalog,
        created,
        updated,
        deadline,
        version,
        blob,
    ) = row
    return CaseRecord(
        number=number,
        bundle_id=bundle_id,
        status=status,
        person_hash=person,
        name_hash=name,
        catalog_version=catalog,
        created_at=created,
        updated_at=updated,
        payload=open_json(key, blob, _binding(number, version)),
        official_number=official,
        deficiency_deadline=deadline,
        version=version,
    )
