"""Online look-ups against the platform's people: e-licences (电子证照), QR identity tokens, 失信 records.

Runs on the storage worker thread. Answers carry personal data to the asking device only; the
log lines name the licence type and a masked ID number, never more (core.masking).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Mapping
from datetime import datetime
from typing import Any, Final

import sqlite_utils

from core.masking import mask_for_log
from sync import contract
from sync.server.wire import not_found

logger = logging.getLogger(__name__)

TOKEN_ISSUERS: Final = {
    "essc": "电子社保卡（全国社会保障卡服务平台，演示）",
    "nhsa_ec": "医保电子凭证（国家医保服务平台，演示）",
    "gov_code": "苏服码（江苏政务服务，演示）",
}


def lookup_licence(db: sqlite_utils.Database, request: Mapping[str, Any]) -> contract.LicenceLookupResponse:
    """The holder's e-licence of the asked type, or ``found: false`` (never an error for "none")."""
    id_number, licence = request["id_number"].upper(), request["licence"]
    row = db.execute(
        "SELECT holder_name, licence_number, issued_by, valid_to FROM licences WHERE id_number = ? AND licence = ?",
        (id_number, licence),
    ).fetchone()
    logger.info("licence look-up %s for %s: %s", licence, mask_for_log(id_number), "found" if row else "none")
    if row is None:
        return {"found": False, "licence": licence}
    holder, number, issued_by, valid_to = row
    # The e-licence file itself is not simulated; its digest stands for it (免提交: the case
    # records which document satisfied the material).
    document = f"{licence}|{number}|{holder}|{issued_by}".encode()
    return {
        "found": True,
        "licence": licence,
        "holder_name": holder,
        "licence_number": number,
        "issued_by": issued_by,
        "valid_to": valid_to,
        "document_sha256": hashlib.sha256(document).hexdigest(),
    }


def check_credit(db: sqlite_utils.Database, id_number: str, now: datetime) -> contract.CreditResponse:
    """Whether ``id_number`` is recorded as 失信 (never an error for "not recorded")."""
    row = db.execute(
        "SELECT listed_by FROM credit_records WHERE id_number = ?", (id_number.upper(),)
    ).fetchone()
    logger.info("credit check for %s: %s", mask_for_log(id_number), "dishonest" if row else "clear")
    answer: contract.CreditResponse = {"dishonest": row is not None, "as_of": now.isoformat()}
    if row is not None:
        answer["listed_by"] = str(row[0])
    return answer


def resolve_token(db: sqlite_utils.Database, token: str, now: datetime) -> contract.TokenResponse:
    """The person a scanned online token stands for; 404 (Chinese message) if unknown or expired."""
    row = db.execute(
        "SELECT t.token_type, t.valid_until, p.name, p.id_number, p.id_kind, p.sex, p.birth_date"
        " FROM tokens t JOIN people p ON p.id_number = t.id_number WHERE t.token = ?",
        (token.strip(),),
    ).fetchone()
    if row is None:
        raise not_found(
            "无法识别该二维码，请确认出示的是有效的电子社保卡、医保电子凭证或政务服务码。", "unknown token"
        )
    token_type, valid_until, name, id_number, id_kind, sex, birth_date = row
    if datetime.fromisoformat(valid_until) <= now:
        raise not_found("二维码已过期，请在手机上刷新后重新出示。", "token expired")
    logger.info("token of type %s resolved to %s", token_type, mask_for_log(id_number))
    response: contract.TokenResponse = {
        "token_type": token_type,
        "issuer": TOKEN_ISSUERS.get(token_type, token_type),
        "name": name,
        "id_number": id_number,
        "id_kind": id_kind,
        "valid_until": valid_until,
    }
    if sex:
        response["sex"] = sex
    if birth_date:
        response["birth_date"] = birth_date
    return response


def person_name(db: sqlite_utils.Database, id_number: str) -> str | None:
    row = db.execute("SELECT name FROM people WHERE id_number = ?", (id_number.upper(),)).fetchone()
    return None if row is None else str(row[0])


def staff_after(db: sqlite_utils.Database, cursor: int) -> contract.StaffResponse:
    """Staff accounts changed after ``cursor`` (a device keeps them for offline login)."""
    rows = db.execute(
        "SELECT staff_id, name, role, password_hash, active, cursor FROM staff WHERE cursor > ? ORDER BY cursor",
        (cursor,),
    ).fetchall()
    accounts: list[contract.StaffAccount] = [
        {
            "staff_id": staff_id,
            "name": name,
            "role": role,
            "password_hash": password_hash,
            "active": bool(active),
            "cursor": row_cursor,
        }
        for staff_id, name, role, password_hash, active, row_cursor in rows
    ]
    return {"accounts": accounts, "next_cursor": accounts[-1]["cursor"] if accounts else cursor}
