"""办件进度查询: a person's cases across every device, by case number or by the applicant's ID number.

A citizen at a kiosk scans the receipt's QR code (the 20-digit local number) or places an ID card;
the case may have been taken at a staff window, so the look-up spans all devices (sync/contract.py:
``P_PROGRESS``). The answer shows statuses, promised dates and department results; it names no
applicant and holds no ID number. An unknown number is an empty list, not an error.

Runs on the storage worker thread.
"""

from __future__ import annotations

import json
import logging
import unicodedata
from collections.abc import Mapping
from datetime import datetime
from typing import Any, Final

import sqlite_utils

from core.case_numbers import parse_case_number
from core.cases.model import CaseStatus, ItemState, MatterStatus
from core.errors import ValidationError
from core.masking import mask_for_log
from core.validation.idnumbers import parse_id_number
from sync import contract
from sync.server.views import due_date
from sync.server.wire import bad_request

logger = logging.getLogger(__name__)

# Must be exactly the expression of the index m002_cases_by_applicant (sync.server.db).
_APPLICANT_ID: Final = "upper(json_extract(doc, '$.applicant.id_number'))"
_PER_PERSON_LIMIT: Final = 1000  # rows read for one ID number before sorting; far above any real person
_OPEN: Final = frozenset(s.value for s in CaseStatus if not s.final)


def lookup(db: sqlite_utils.Database, request: Mapping[str, Any], now: datetime) -> contract.ProgressResponse:
    """The cases a ProgressRequest (already schema-checked: exactly one key) asks for, newest first."""
    if "case_number" in request:
        number = _case_number(str(request["case_number"]))
        rows = db.execute(
            "SELECT doc, device_id, official_number FROM cases WHERE case_number = ? OR official_number = ?",
            (number, number),
        ).fetchall()
        what = f"case number {number}"
    else:
        id_number = _id_number(str(request["id_number"]), now)
        rows = db.execute(
            f"SELECT doc, device_id, official_number FROM cases WHERE {_APPLICANT_ID} = ?"
            " ORDER BY rowid DESC LIMIT ?",
            (id_number, _PER_PERSON_LIMIT),
        ).fetchall()
        what = f"ID number {mask_for_log(id_number)}"
    # The official number lives in its own column (bound after the device's case document was stored).
    cases = [_progress_case(json.loads(doc), device_id, official) for doc, device_id, official in rows]
    cases.sort(key=lambda c: _instant(c["accepted_at"]), reverse=True)
    logger.info("progress look-up by %s: %d case(s)", what, len(cases))
    return {"cases": cases[: contract.MAX_PROGRESS_CASES], "as_of": now.isoformat(timespec="seconds")}


def _case_number(text: str) -> str:
    """A local number (checked: Damm digit and date) or an official one (upper-cased, as bound)."""
    compact = "".join(unicodedata.normalize("NFKC", text).split())
    if len(compact) == 20 and compact.isdigit():
        try:
            return parse_case_number(compact).digits
        except ValidationError as exc:
            raise bad_request(exc.message, f"bad case number: {exc.detail}") from None
    return compact.upper()


def _id_number(text: str, now: datetime) -> str:
    try:
        return parse_id_number(text, today=now.date()).number
    except ValidationError as exc:
        raise bad_request(exc.message, f"bad ID number: {exc.detail}") from None


def _progress_case(doc: Mapping[str, Any], device_id: str, official: str | None) -> contract.ProgressCase:
    case: contract.ProgressCase = {
        "case_number": doc["number"],
        "official_number": official or doc.get("official_number"),
        "bundle_id": doc["bundle_id"],
        "bundle_name": doc["bundle_name"],
        "status": doc["status"],
        "status_label": _label(CaseStatus, doc["status"]),
        "status_changed_at": doc["status_changed_at"],
        "promised_date": due_date(doc),  # as moved by 特别程序 (行政许可法 §45)
        "accepted_at": doc["created_at"],
        "device_id": device_id,
        "matters": [
            {
                "matter_id": m["matter_id"],
                "name": m["name"],
                "dept": m["dept"],
                "dept_name": m.get("dept_name", ""),
                "status": m["status"],
                "status_label": _label(MatterStatus, m["status"]),
                "result": m.get("result", ""),
                "updated_at": m.get("updated_at"),
            }
            for m in doc["matters"]
            if not doc.get("refusal")  # an application not accepted went to no department
        ],
    }
    missing: list[contract.MissingMaterial] = [
        {"name": item["name"], "deadline": item.get("deadline")}
        for item in doc.get("items", ())
        if item.get("state") == ItemState.DEFICIENT.value
    ]
    if missing and doc["status"] in _OPEN:  # 容缺: what is still to bring, while it matters
        case["missing"] = missing
    if doc["status"] == CaseStatus.SUPPLEMENT_NOTIFIED.value:  # 一次性补正告知: everything to bring
        case["missing"] = [
            {"name": item["name"], "deadline": None}
            for item in doc.get("items", ())
            if item.get("state") == ItemState.PENDING.value
        ]
    return case


def _label(kind: type[CaseStatus] | type[MatterStatus], value: str) -> str:
    try:
        return kind(value).label
    except ValueError:  # a status a newer device wrote: show the value rather than fail the look-up
        return value


def _instant(text: str) -> float:
    """An ISO time as a Unix timestamp for ordering (device times may carry different offsets)."""
    try:
        return datetime.fromisoformat(text).timestamp()
    except ValueError:
        return 0.0
