"""预约 (appointments) as the kiosk reads them: the code, its QR, and when one may be redeemed.

An appointment is taken on the platform (``tongban platform appointment add``; a province books
through its 一网通办 portal, which this project does not have) and redeemed at the kiosk for a
ticket in the appointment lane (Y). The citizen brings a code:

* typed on the kiosk's digit keypad: 9 digits, the last a Damm check digit (core/case_numbers.py),
  so any one wrong digit and any swap of two neighbours is refused before asking the hall server;
* or as a QR: ``TY1:<9 digits>:<CRC-32 of "TY1:<9 digits>", 8 hex>`` — the same shape as the
  receipt's TB1 and the ticket's TQ1, all in the QR alphanumeric set. A QR of another prefix, or
  one whose check does not match (a misread), is refused.

Pure: no I/O. Whether a code names an appointment, and whether it is still valid, is for the hall
server (sync/server/appointments.py), with ``check_redeemable`` below.
"""

from __future__ import annotations

import re
import secrets
import zlib
from datetime import datetime, timedelta
from typing import Final

from core.case_numbers import damm_check_digit
from core.errors import ValidationError
from core.queue.model import QueueRules

APPOINTMENT_QR_PREFIX: Final = "TY1"
CODE_LENGTH: Final = 9  # 8 random digits and the Damm check digit
_QR: Final = re.compile(r"TY1:([0-9]{9}):([0-9A-F]{8})", re.IGNORECASE | re.ASCII)
_OURS: Final = re.compile(r"TY[0-9]+:", re.IGNORECASE | re.ASCII)


def new_appointment_code() -> str:
    """A fresh random code (the caller makes sure it is not taken)."""
    body = f"{secrets.randbelow(10**8):08d}"
    return body + damm_check_digit(body)


def is_appointment_code(code: str) -> bool:
    return len(code) == CODE_LENGTH and code.isascii() and code.isdigit() and damm_check_digit(code) == "0"


def parse_appointment_code(text: str) -> str:
    """The code in ``text`` (spaces and dashes as printed are ignored); ValidationError, in plain
    Chinese, for anything else — a typo is caught by the check digit."""
    compact = "".join(ch for ch in text if ch not in " -\t")
    if not (compact.isascii() and compact.isdigit() and len(compact) == CODE_LENGTH):
        raise ValidationError(
            "appointment",
            f"预约码应为 {CODE_LENGTH} 位数字，请核对预约短信或预约凭证",
            f"an appointment code is {CODE_LENGTH} digits, got {len(compact)} characters",
            code="queue.bad_appointment_code",
        )
    if damm_check_digit(compact) != "0":
        raise ValidationError(
            "appointment",
            "预约码有误（可能输错了一位或两位顺序颠倒），请核对后重新输入",
            "appointment code fails its check digit",
            code="queue.bad_appointment_code",
        )
    return compact


def readable_code(code: str) -> str:
    """``123456789`` → ``1234 5678 9``, as printed and shown."""
    return " ".join(code[i : i + 4] for i in range(0, len(code), 4))


def _check(code: str) -> str:
    return f"{zlib.crc32(f'{APPOINTMENT_QR_PREFIX}:{code}'.encode('ascii')):08X}"


def appointment_qr_payload(code: str) -> str:
    if not is_appointment_code(code):
        raise ValueError(f"not an appointment code: {code!r}")
    return f"{APPOINTMENT_QR_PREFIX}:{code}:{_check(code)}"


def looks_like_appointment_qr(text: str) -> bool:
    """Whether a scanned text claims to be ours (TY<n>:), so a misread one is refused, not ignored."""
    return _OURS.match(text.strip()) is not None


def parse_appointment_qr(text: str) -> str:
    """The code of a scanned appointment QR; ValidationError for a foreign or misread one."""
    match = _QR.fullmatch(text.strip())
    if (
        match is None
        or match.group(2).upper() != _check(match.group(1))
        or not is_appointment_code(match.group(1))
    ):
        raise ValidationError(
            "appointment",
            "这不是本大厅的预约二维码，或二维码未读全，请重新扫描，也可以输入预约码",
            "not a TY1 appointment QR payload",
            code="queue.bad_appointment_qr",
        )
    return match.group(1)


def called_from(slot: datetime, rules: QueueRules) -> datetime:
    """The earliest an appointment ticket is called (core/queue/ledger.py orders it from then)."""
    return slot - timedelta(minutes=rules.appointment_early_minutes)


def check_redeemable(slot: datetime, now: datetime, rules: QueueRules) -> None:
    """An appointment is redeemed on its day, up to ``appointment_late_minutes`` after its slot;
    ValidationError in plain Chinese otherwise (the kiosk then offers an ordinary ticket)."""
    local = slot.astimezone(now.tzinfo)
    if local.date() != now.date():
        raise ValidationError(
            "appointment",
            f"您预约的是 {local.month}月{local.day}日 {local:%H:%M}，不是今天。今天办理请取普通号",
            f"appointment for {local.date().isoformat()}, not today ({now.date().isoformat()})",
            code="queue.appointment_not_today",
        )
    if now > local + timedelta(minutes=rules.appointment_late_minutes):
        raise ValidationError(
            "appointment",
            f"已超过预约时段 {local:%H:%M} 后 {rules.appointment_late_minutes} 分钟，预约已失效，请取普通号排队",
            f"appointment at {local:%H:%M} is past its {rules.appointment_late_minutes} minutes' grace",
            code="queue.appointment_too_late",
        )
