"""Certificates issued at a kiosk (e.g. 无犯罪记录证明): reserved once per request, issued when printed.

A device reserves a certificate under its own ``request_id``; asking again with the same id
returns the same reservation (never a second certificate), so a kiosk that lost the answer or
jammed its printer simply asks again and prints the same document. Confirming the print makes it
``issued``. Runs on the storage worker thread.
"""

from __future__ import annotations

import json
import logging
import secrets
from collections.abc import Mapping
from datetime import datetime
from typing import Any, Final

import sqlite_utils

from core.masking import mask_for_log
from core.store.db import write_transaction
from sync import contract
from sync.contract import ErrorCode
from sync.server.db import advance_counter
from sync.server.registry import person_name
from sync.server.wire import ApiError, bad_request, not_found

logger = logging.getLogger(__name__)

KINDS: Final = {"no_criminal_record": "无犯罪记录证明"}
_CODE_ALPHABET: Final = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
_COLUMNS: Final = "certificate_id, request_id, kind, title, lines, verification_code, status"


def reserve(
    db: sqlite_utils.Database, device_id: str, request: Mapping[str, Any], now: datetime
) -> contract.CertificateResponse:
    """The reservation for ``request_id`` of this device, made now if it is new."""
    kind, id_number = request["kind"], request["id_number"].upper()
    if kind not in KINDS:
        raise bad_request(
            f"不支持的证明类型“{kind}”（可开具：{'、'.join(f'{k}（{v}）' for k, v in KINDS.items())}）。",
            f"unknown certificate kind {kind!r}",
        )
    with write_transaction(db):
        row = db.execute(
            f"SELECT {_COLUMNS}, id_number FROM certificates WHERE device_id = ? AND request_id = ?",
            (device_id, request["request_id"]),
        ).fetchone()
        if row is not None:
            if row[2] != kind or row[7] != id_number:
                raise ApiError(
                    409,
                    ErrorCode.CONFLICT,
                    "该请求编号已用于另一份证明申请，请使用新的请求编号。",
                    "request_id reused with a different kind or person",
                )
            return _response(row[:7])
        name = person_name(db, id_number)
        if name is None:
            raise not_found("未查询到该身份证号码对应的人员信息，无法开具证明。", "no such person")
        serial = advance_counter(db, f"certificate:{now:%Y%m%d}")
        certificate_id = f"WFZ{now:%Y%m%d}{serial:05d}"
        code = "-".join("".join(secrets.choice(_CODE_ALPHABET) for _ in range(4)) for _ in range(2))
        title = KINDS[kind]
        lines = _no_criminal_record_lines(
            certificate_id, name, id_number, request.get("purpose", ""), code, now
        )
        db.execute(
            "INSERT INTO certificates (certificate_id, device_id, request_id, kind, id_number, purpose, title,"
            " lines, verification_code, status, reserved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'reserved', ?)",
            (
                certificate_id,
                device_id,
                request["request_id"],
                kind,
                id_number,
                request.get("purpose", ""),
                title,
                json.dumps(lines, ensure_ascii=False),
                code,
                now.isoformat(),
            ),
        )
    logger.info("certificate %s reserved for %s", certificate_id, mask_for_log(id_number))
    return {
        "certificate_id": certificate_id,
        "request_id": request["request_id"],
        "kind": kind,
        "title": title,
        "lines": lines,
        "verification_code": code,
        "status": "reserved",
    }


def confirm_printed(
    db: sqlite_utils.Database, device_id: str, certificate_id: str, request: Mapping[str, Any], now: datetime
) -> contract.CertificateResponse:
    """Mark the device's certificate issued (idempotent: a second confirmation changes nothing)."""
    with write_transaction(db):
        row = db.execute(
            f"SELECT {_COLUMNS} FROM certificates WHERE certificate_id = ? AND device_id = ?",
            (certificate_id, device_id),
        ).fetchone()
        if row is None:
            raise not_found(
                "找不到该证明（或它不是本设备申请的）。", f"no certificate {certificate_id} for this device"
            )
        if "request_id" in request and request["request_id"] != row[1]:
            raise ApiError(
                409,
                ErrorCode.CONFLICT,
                "请求编号与该证明的申请不一致。",
                "request_id does not match the reservation",
            )
        db.execute(
            "UPDATE certificates SET status = 'issued', printed_at = coalesce(printed_at, ?) WHERE certificate_id = ?",
            (request.get("printed_at") or now.isoformat(), certificate_id),
        )
    logger.info("certificate %s issued", certificate_id)
    return _response((*row[:6], "issued"))


def _response(row: tuple[Any, ...]) -> contract.CertificateResponse:
    certificate_id, request_id, kind, title, lines, code, status = row
    return {
        "certificate_id": certificate_id,
        "request_id": request_id,
        "kind": kind,
        "title": title,
        "lines": json.loads(lines),
        "verification_code": code,
        "status": status,
    }


def _no_criminal_record_lines(
    certificate_id: str, name: str, id_number: str, purpose: str, code: str, now: datetime
) -> list[str]:
    """The wording of the template of 《公安机关办理犯罪记录查询工作规定》 (2021), with a demo issuer."""
    issuer = "南京市公安局江宁分局" if id_number.startswith("320115") else "户籍所在地公安机关"
    day = f"{now.year}年{now.month}月{now.day}日"
    return [
        "无犯罪记录证明",
        f"编号：{certificate_id}",
        f"经查询全国违法犯罪人员信息库，截至{day}，",
        f"未发现{name}（公民身份号码：{id_number}）有犯罪记录。",
        f"用途：{purpose or '个人申请'}",
        "本证明自开具之日起三个月内有效。",
        f"开具单位：{issuer}（演示）",
        f"开具日期：{day}",
        f"验证码：{code}（可在政务服务平台“证明核验”中查验，演示）",
    ]
