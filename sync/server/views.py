"""Read-only operator views: cases with counts, events, devices, statistics (nothing personal).

Served under ``/api/v1/admin/…`` to holders of the admin token (sync.server.routes), and used by
``tongban platform cases``. They show numbers, statuses, digests and a case's 特别程序 (kinds, scopes,
dates), never names, ID numbers or payloads.
Plain functions of a connection: they run on whichever thread owns it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import sqlite_utils

from core.cases.codec import case_from_dict


def cases(
    db: sqlite_utils.Database, *, device_id: str | None = None, limit: int = 1000
) -> list[dict[str, Any]]:
    """Stored cases, oldest first, each with its matters and its event and attachment counts."""
    where, params = ("WHERE c.device_id = ?", [device_id]) if device_id else ("", [])
    rows = db.execute(
        "SELECT c.case_number, c.official_number, c.device_id, c.bundle_id, c.status, c.catalog_version,"
        " c.events, (SELECT count(*) FROM case_attachments a WHERE a.case_number = c.case_number),"
        " c.created_at, c.updated_at, json_extract(c.doc, '$.applicant.id_kind'),"
        f" json_extract(c.doc, '$.applicant.nationality'), c.doc FROM cases c {where} ORDER BY c.rowid LIMIT ?",
        (*params, limit),
    ).fetchall()
    matters: dict[str, list[dict[str, Any]]] = {}
    for number, matter_id, code, name, dept, status, result, updated_at in db.execute(
        "SELECT case_number, matter_id, code, name, dept, status, result, updated_at FROM matters ORDER BY rowid"
    ).fetchall():
        matters.setdefault(number, []).append(
            {
                "matter_id": matter_id,
                "code": code,  # 实施编码: what the province files the matter under
                "name": name,
                "dept": dept,
                "status": status,
                "result": result,
                "updated_at": updated_at,
            }
        )
    keys = (
        "case_number",
        "official_number",
        "device_id",
        "bundle_id",
        "status",
        "catalog_version",
        "events",
        "attachments",
        "created_at",
        "updated_at",
        "id_kind",  # the applicant's identity document (a core.validation IdKind value), not its number
        "nationality",  # a passport holder's (ICAO 9303 code), else None
    )
    return [
        {**dict(zip(keys, row[:-1], strict=True)), "matters": matters.get(row[0], []), **_procedures(row[-1])}
        for row in rows
    ]


def _procedures(doc: str) -> dict[str, Any]:
    """A case's 特别程序 (clock paused, 行政许可法 §45) and its moved due date: kinds, scopes and dates only."""
    data = json.loads(doc)
    procedures = [
        {
            k: p.get(k)
            for k in ("number", "kind", "matter_id", "started_on", "expected_days", "ended_on", "paused_days")
        }
        for p in data.get("special_procedures", ())
    ]
    return {
        "special_procedures": procedures,
        "paused": any(p["ended_on"] is None for p in procedures),
        "due_date": due_date(data),
    }


def events(
    db: sqlite_utils.Database,
    *,
    case_number: str | None = None,
    device_id: str | None = None,
    limit: int = 10_000,
) -> list[dict[str, Any]]:
    """Stored events in storage order; ``digest`` is the sha256 of the canonical JSON as received."""
    clauses, params = [], []
    if case_number:
        clauses.append("case_number = ?")
        params.append(case_number)
    if device_id:
        clauses.append("device_id = ?")
        params.append(device_id)
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    rows = db.execute(
        f"SELECT device_id, seq, case_number, kind, receipt, received_at, digest FROM events {where}"
        " ORDER BY id LIMIT ?",
        (*params, limit),
    ).fetchall()
    keys = ("device_id", "seq", "case_number", "kind", "receipt", "received_at", "digest")
    return [dict(zip(keys, row, strict=True)) for row in rows]


def devices(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Enrolled devices (without their secrets), with the audit head last reported and why a device
    is held, if it is (sync.server.audit_heads)."""
    rows = db.execute(
        "SELECT d.device_id, region_code, device_no, role, name, enrolled_at, last_seen_at, h.count, r.reason"
        " FROM devices d LEFT JOIN audit_heads h USING (device_id) LEFT JOIN audit_holds r USING (device_id)"
        " ORDER BY d.rowid"
    ).fetchall()
    keys = (
        "device_id",
        "region_code",
        "device_no",
        "role",
        "name",
        "enrolled_at",
        "last_seen_at",
        "audit_head_count",
        "held",
    )
    return [dict(zip(keys, row, strict=True)) for row in rows]


def stats(db: sqlite_utils.Database) -> dict[str, Any]:
    def count(sql: str) -> int:
        return int(db.execute(sql).fetchone()[0])

    by_status = dict(
        db.execute("SELECT status, count(*) FROM cases GROUP BY status ORDER BY status").fetchall()
    )
    return {
        "devices": count("SELECT count(*) FROM devices"),
        "cases": count("SELECT count(*) FROM cases"),
        "cases_by_status": by_status,
        "events": count("SELECT count(*) FROM events"),
        "attachments_complete": count("SELECT count(*) FROM attachments WHERE complete = 1"),
        "attachments_partial": count("SELECT count(*) FROM attachments WHERE complete = 0"),
        "updates": count("SELECT count(*) FROM updates"),
        "department_jobs": count("SELECT count(*) FROM dept_jobs"),
        "department_jobs_waiting": count("SELECT count(*) FROM dept_jobs WHERE due_at IS NULL"),
        "staff": count("SELECT count(*) FROM staff"),
        "certificates": count("SELECT count(*) FROM certificates"),
        "enrollment_codes_unused": count("SELECT count(*) FROM enrollment_codes WHERE used_at IS NULL"),
    }


def due_date(doc: Mapping[str, Any]) -> str | None:
    """The case's promised date as moved by its 特别程序 (core.cases.model.Case.due_date), ISO; None
    when a matter publishes no limit."""
    due = case_from_dict(doc).due_date
    return None if due is None else due.isoformat()
