"""Device identity: one-time enrollment codes, per-device HMAC secrets, and signed-request checks.

Functions here run on the storage worker thread (sync.server.worker), which owns the connection;
``issue_code`` also runs in the ``platform issue-code`` command on its own connection.
"""

from __future__ import annotations

import base64
import hmac
import logging
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final

import sqlite_utils

from core.case_numbers import DEVICE_MAX
from core.store.db import write_transaction
from sync import contract
from sync.contract import ErrorCode
from sync.server.db import platform_id
from sync.server.wire import ApiError

logger = logging.getLogger(__name__)

# Crockford-like: no 0/O, 1/I/L, U, so a code read aloud or copied from paper is not misread.
_CODE_ALPHABET: Final = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
_CODE_GROUPS: Final = 3
_CODE_GROUP_LEN: Final = 4
_NONCE: Final = re.compile(r"[0-9a-f]{32}")
_SIGNATURE: Final = re.compile(r"[0-9a-fA-F]{64}")  # contract.sign: hex HMAC-SHA256
_TIMESTAMP: Final = re.compile(r"-?[0-9]{1,12}")


@dataclass(frozen=True, slots=True)
class SignedRequest:
    """What a signature covers, as received (before any gzip is undone)."""

    method: str
    path_and_query: str
    headers: Mapping[str, str]
    body: bytes


DEVICE_ID: Final = re.compile(r"[0-9A-Za-z_-]{8,64}")  # sync.schemas EnrollRequest.device_id


def issue_code(db: sqlite_utils.Database, now: datetime, device_id: str | None = None) -> str:
    """A fresh one-time enrollment code, committed before it is returned (``ABCD-EFGH-JKMN``).

    With ``device_id`` the code enrols that device only, and may re-enrol it when it is already
    known (a device that lost its secret): the operator binds the take-over to the device.
    """
    if device_id is not None and not DEVICE_ID.fullmatch(device_id):
        raise ValueError(f"bad device id {device_id!r}")
    raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(_CODE_GROUPS * _CODE_GROUP_LEN))
    with write_transaction(db):
        db.execute(
            "INSERT INTO enrollment_codes (code, issued_at, for_device) VALUES (?, ?, ?)",
            (raw, now.isoformat(), device_id),
        )
    return "-".join(raw[i : i + _CODE_GROUP_LEN] for i in range(0, len(raw), _CODE_GROUP_LEN))


normalise_code = contract.normalise_enrollment_code


def enroll(db: sqlite_utils.Database, request: Mapping[str, Any], now: datetime) -> contract.EnrollResponse:
    """Register (or re-register) a device with an unused code; returns its fresh secret.

    The code is spent in the same transaction that stores the secret, so two devices racing with
    one code cannot both win. Re-enrolling a known device rotates its secret, and needs a code the
    operator issued for that device or proof of the current secret (issue #13: any unused code
    used to take over any device whose id was known).
    """
    code = normalise_code(request["code"])
    device_id = request["device_id"]
    region, asked = request["region_code"], request.get("device_no")
    secret = secrets.token_bytes(32)
    with write_transaction(db):
        row = db.execute(
            "SELECT used_at, for_device FROM enrollment_codes WHERE code = ?", (code,)
        ).fetchone()
        if row is None or row[0] is not None:
            raise ApiError(
                403,
                ErrorCode.BAD_ENROLLMENT_CODE,
                "注册码无效或已被使用，请向平台管理员重新申请注册码。",
                "unknown enrollment code" if row is None else "enrollment code already used",
            )
        _check_binding(db, request, code, row[1])
        device_no = asked if asked is not None else _assign_number(db, region, device_id)
        other = db.execute(
            "SELECT device_id FROM devices WHERE region_code = ? AND device_no = ? AND device_id != ?",
            (region, device_no, device_id),
        ).fetchone()
        if other is not None:
            # Two devices with one number would make the same case numbers (core/case_numbers.py).
            raise ApiError(
                409,
                ErrorCode.CONFLICT,
                f"地区 {region} 的设备编号 {device_no} 已由另一台设备使用，请在本机配置中换一个设备编号后重新注册。",
                f"device number {device_no} in region {region} belongs to another device",
            )
        db.execute(
            "INSERT INTO devices (device_id, secret, region_code, device_no, role, name, enrolled_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (device_id) DO UPDATE SET secret = excluded.secret,"
            " region_code = excluded.region_code, device_no = excluded.device_no, role = excluded.role,"
            " name = excluded.name, enrolled_at = excluded.enrolled_at",
            (
                device_id,
                base64.b64encode(secret).decode(),
                region,
                device_no,
                request["role"],
                request.get("name", ""),
                now.isoformat(),
            ),
        )
        db.execute(
            "UPDATE enrollment_codes SET used_at = ?, used_by = ? WHERE code = ?",
            (now.isoformat(), device_id, code),
        )
    logger.info("device %s enrolled (region %s, no. %d, %s)", device_id, region, device_no, request["role"])
    return {
        "device_id": device_id,
        "secret": base64.b64encode(secret).decode(),
        "platform_id": platform_id(db),
        "server_time": now.isoformat(),
        "device_no": device_no,
    }


def _check_binding(
    db: sqlite_utils.Database, request: Mapping[str, Any], code: str, for_device: str | None
) -> None:
    """A code issued for one device enrols only that device; a known device re-enrols only with such
    a code or with proof of its current secret. ApiError 403 otherwise (the code is not spent)."""
    device_id = request["device_id"]
    if for_device is not None and for_device != device_id:
        raise ApiError(
            403,
            ErrorCode.BAD_ENROLLMENT_CODE,
            "该注册码是为另一台设备签发的，不能用于本设备。",
            "the enrollment code was issued for another device",
        )
    known = db.execute("SELECT secret FROM devices WHERE device_id = ?", (device_id,)).fetchone()
    if known is None or for_device == device_id:
        return
    proof = request.get("proof", "")
    expected = contract.enrollment_proof(base64.b64decode(known[0]), device_id, code)
    if not hmac.compare_digest(expected, proof):
        logger.warning("re-enrolment of known device %s refused: no bound code and no proof", device_id)
        raise ApiError(
            403,
            ErrorCode.BAD_ENROLLMENT_CODE,
            "本设备已在平台注册。重新注册须使用平台管理员为本设备签发的注册码"
            "（tongban platform issue-code --device 设备标识），或由本设备以原密钥证明身份。",
            "device already enrolled: re-enrolment needs a code issued for this device id "
            "(platform issue-code --device) or proof of the current secret",
        )


def _assign_number(db: sqlite_utils.Database, region: str, device_id: str) -> int:
    """The number this device already holds in ``region``, else the lowest free one (inside the
    enrolment's transaction, so two devices enrolling at once cannot be given the same number)."""
    rows = db.execute(
        "SELECT device_no, device_id FROM devices WHERE region_code = ? ORDER BY device_no", (region,)
    ).fetchall()
    for number, holder in rows:
        if holder == device_id:
            return int(number)
    taken = {int(number) for number, _ in rows}
    free = next((n for n in range(1, DEVICE_MAX + 1) if n not in taken), None)
    if free is None:
        raise ApiError(
            409,
            ErrorCode.CONFLICT,
            f"地区 {region} 的设备编号（1–{DEVICE_MAX}）已全部使用，请联系平台管理员。",
            f"every device number (1-{DEVICE_MAX}) in region {region} is taken",
        )
    return free


def authenticate(db: sqlite_utils.Database, request: SignedRequest, now: datetime) -> str:
    """The device id of a correctly signed, fresh, never-seen request; ApiError 401 otherwise.

    Order: headers, device, clock, signature, nonce. The nonce is remembered only once the
    signature is good, so nobody can burn a device's nonces with forged requests.
    """
    stamp = now.isoformat()
    headers = request.headers
    missing = [
        h
        for h in (contract.H_DEVICE, contract.H_TIMESTAMP, contract.H_NONCE, contract.H_SIGNATURE)
        if not headers.get(h)
    ]
    if missing:
        raise _unauthorised(
            ErrorCode.BAD_SIGNATURE,
            f"请求缺少签名信息（{'、'.join(missing)}）。",
            f"missing {missing}",
            stamp,
        )
    # Starlette decodes headers as Latin-1: "é" or "²" arrive as text that no signature can contain.
    odd = [h for h in (contract.H_DEVICE, contract.H_TIMESTAMP, contract.H_NONCE) if not headers[h].isascii()]
    if odd or not _SIGNATURE.fullmatch(headers[contract.H_SIGNATURE]):
        raise _unauthorised(
            ErrorCode.BAD_SIGNATURE,
            "请求签名信息格式不正确。",
            f"malformed {', '.join(odd) or contract.H_SIGNATURE}",
            stamp,
        )
    device_id = headers[contract.H_DEVICE]
    row = db.execute("SELECT secret FROM devices WHERE device_id = ?", (device_id,)).fetchone()
    if row is None:
        raise _unauthorised(
            ErrorCode.UNKNOWN_DEVICE,
            "本设备尚未在平台注册（或注册已被撤销），请使用注册码重新注册。",
            "unknown device",
            stamp,
        )
    timestamp = headers[contract.H_TIMESTAMP].strip()
    if not _TIMESTAMP.fullmatch(timestamp):
        raise _unauthorised(ErrorCode.BAD_SIGNATURE, "请求时间戳格式不正确。", "bad timestamp", stamp)
    skew = int(timestamp) - int(now.timestamp())
    if abs(skew) > contract.MAX_CLOCK_SKEW_S:
        raise _unauthorised(
            ErrorCode.CLOCK_SKEW,
            f"本机时间与平台时间相差 {abs(skew)} 秒（{'快' if skew > 0 else '慢'}），超过允许的 "
            f"{contract.MAX_CLOCK_SKEW_S} 秒。请校准本机时间后重试。平台时间：{stamp}",
            f"device clock is {skew:+d} s off; server time {stamp} (unix {int(now.timestamp())})",
            stamp,
        )
    nonce = headers[contract.H_NONCE]
    secret = base64.b64decode(row[0])
    good = _NONCE.fullmatch(nonce) is not None and contract.signature_matches(
        secret,
        headers[contract.H_SIGNATURE],
        request.method,
        request.path_and_query,
        timestamp,
        nonce,
        request.body,
    )
    if not good:
        raise _unauthorised(
            ErrorCode.BAD_SIGNATURE,
            "请求签名校验失败。请确认设备密钥正确；如设备重新注册过，请使用新的密钥。",
            "signature mismatch",
            stamp,
        )
    seen_at = now.timestamp()
    with write_transaction(db):
        # A nonce older than NONCE_TTL_S comes with a timestamp the skew check refuses anyway.
        db.execute("DELETE FROM nonces WHERE seen_at < ?", (seen_at - contract.NONCE_TTL_S,))
        fresh = db.execute(
            "INSERT INTO nonces (device_id, nonce, seen_at) VALUES (?, ?, ?)"
            " ON CONFLICT (device_id, nonce) DO NOTHING RETURNING 1",
            (device_id, nonce, seen_at),
        ).fetchone()
        if fresh is not None:
            db.execute("UPDATE devices SET last_seen_at = ? WHERE device_id = ?", (stamp, device_id))
    if fresh is None:
        raise _unauthorised(
            ErrorCode.REPLAYED_NONCE,
            "重复的请求（随机数已使用过），已拒绝。请重新发起请求。",
            "nonce already seen",
            stamp,
        )
    return str(device_id)


def _unauthorised(code: ErrorCode, message: str, detail: str, server_time: str) -> ApiError:
    return ApiError(401, code, message, detail, server_time=server_time)
