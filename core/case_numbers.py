"""Offline case numbers (办件编号): 20 digits, unique across devices without asking the platform."""

from __future__ import annotations

import re
import unicodedata
import zlib
from dataclasses import dataclass
from datetime import date

from core.errors import ValidationError

FIELD = "case_number"
SEQUENCE_MAX = 9999
DEVICE_MAX = 999
_FIRST_DAY = date(2000, 1, 1)  # the date part is YYMMDD, read as 20YY
_LAST_DAY = date(2099, 12, 31)
_WRONG = "办件编号有误，请核对后重新输入"
_WRONG_QR = "回执二维码内容有误（可能扫错了），请重新扫码或输入办件编号"

# The receipt QR payload (受理回执), version 1: ``TB1:<20 digits>:<check>``. The check is CRC-32
# (zlib / ISO-HDLC) of the ASCII text before the last colon, as 8 uppercase hex digits: it tells our
# QR from others and catches misreads; it is no signature. Only QR alphanumeric characters, so the
# 33 characters fit a version-2 code at level M. devices.qr.payloads recognises the same format for
# the scanners (devices may not import core); tests/test_receipt_qr_contract.py pins the two.
RECEIPT_QR_PREFIX = "TB1"
RECEIPT_QR_PREFIX_OFFICIAL = "TB2"  # the same with the platform's 办件编号, once it is bound
# A scanner with Caps Lock on inverts letter case (a keyboard wedge types what it reads).
_RECEIPT_QR = re.compile(r"TB1:(\d{20}):([0-9A-F]{8})", re.IGNORECASE | re.ASCII)
_RECEIPT_QR_OFFICIAL = re.compile(r"TB2:(\d{20}):([0-9A-Z-]{1,48}):([0-9A-F]{8})", re.IGNORECASE | re.ASCII)
# An official number goes into a TB2 QR only in the QR alphanumeric set (upper case, digits, "-").
_OFFICIAL_IN_QR = re.compile(r"[0-9A-Z-]{1,48}", re.ASCII)
_OURS_ANY_VERSION = re.compile(r"TB\d+:", re.IGNORECASE | re.ASCII)
# What people and scanners put between the groups: spaces, ASCII and typographic dashes.
_SEPARATORS = str.maketrans("", "", "-‐‑‒–—−_")

# Damm's totally anti-symmetric quasigroup of order 10 (H. M. Damm, 2004; the table published with
# the algorithm): a single check digit that catches every single-digit error and every transposition
# of two adjacent digits, the check digit included.
_DAMM = (
    (0, 3, 1, 7, 5, 9, 8, 6, 4, 2),
    (7, 0, 9, 2, 1, 5, 4, 8, 6, 3),
    (4, 2, 0, 6, 8, 7, 1, 3, 5, 9),
    (1, 7, 5, 0, 9, 8, 3, 4, 2, 6),
    (6, 1, 2, 3, 0, 4, 5, 9, 7, 8),
    (3, 6, 7, 4, 2, 0, 9, 5, 8, 1),
    (5, 8, 6, 9, 7, 2, 0, 1, 3, 4),
    (8, 9, 4, 5, 3, 6, 2, 0, 1, 7),
    (9, 4, 3, 8, 6, 1, 7, 2, 0, 5),
    (2, 5, 8, 1, 4, 3, 6, 7, 9, 0),
)


def damm_check_digit(digits: str) -> str:
    """The Damm check digit of a string of ASCII digits; a string that ends in its check digit gives "0"."""
    interim = 0
    for char in digits:
        interim = _DAMM[interim][int(char)]
    return str(interim)


def valid_region_code(code: str) -> bool:
    """Six ASCII digits not starting with 0: the form of a GB/T 2260 administrative division code."""
    return len(code) == 6 and code.isascii() and code.isdigit() and code[0] != "0"


class SequenceExhaustedError(ValidationError):
    """One device has handed out all 9999 case numbers of one day; staff must use another device."""


@dataclass(frozen=True, slots=True)
class CaseNumber:
    """A case number: hall region (GB/T 2260, 6) + date YYMMDD (6) + device (3) + daily sequence (4)
    + Damm check digit (1).

    Device numbers are unique within a region (assigned at setup) and sequences per device and day,
    so two devices never make the same number, online or not. Construction validates every part.
    """

    region: str
    day: date
    device_no: int
    sequence: int

    def __post_init__(self) -> None:
        region = self.region
        if not valid_region_code(region):
            raise ValidationError(
                FIELD, f"大厅所在地区代码应为 6 位数字，现在是“{region}”", f"bad region code {region!r}"
            )
        if not _FIRST_DAY <= self.day <= _LAST_DAY:
            raise ValidationError(
                FIELD, f"办件日期 {self.day.isoformat()} 超出 2000–2099 年", f"day {self.day} out of range"
            )
        if not 1 <= self.device_no <= DEVICE_MAX:
            raise ValidationError(
                FIELD,
                f"设备编号应为 1–{DEVICE_MAX}，现在是 {self.device_no}",
                f"device number {self.device_no} out of range",
            )
        if self.sequence > SEQUENCE_MAX:
            raise SequenceExhaustedError(
                FIELD,
                f"本设备今天的办件编号已用完（每台设备每天最多 {SEQUENCE_MAX} 件），请换一台设备受理",
                f"device {self.device_no} exhausted its {SEQUENCE_MAX} case numbers for {self.day}",
            )
        if self.sequence < 1:
            raise ValidationError(
                FIELD, f"办件序号应从 1 开始，现在是 {self.sequence}", f"sequence {self.sequence} < 1"
            )

    @classmethod
    def make(cls, region: str, day: date, device_no: int, sequence: int) -> CaseNumber:
        """The case number for these parts; ValidationError (SequenceExhaustedError past 9999)."""
        return cls(region, day, device_no, sequence)

    @property
    def body(self) -> str:
        """The 19 digits before the check digit."""
        return f"{self.region}{self.day:%y%m%d}{self.device_no:03d}{self.sequence:04d}"

    @property
    def check_digit(self) -> str:
        return damm_check_digit(self.body)

    @property
    def digits(self) -> str:
        """The canonical 20-digit form, as stored and put in QR codes."""
        body = self.body
        return body + damm_check_digit(body)

    @property
    def display(self) -> str:
        """Grouped for reading aloud and printing: ``320115-261122-001-0001-7``."""
        d = self.digits
        return f"{d[:6]}-{d[6:12]}-{d[12:15]}-{d[15:19]}-{d[19]}"

    def __str__(self) -> str:
        return self.digits


COUNTER_SCOPE_PREFIX = "case_number:"


def counter_scope(region: str, device_no: int, day: date) -> str:
    """The store counter (core/store/counters.py) behind one device's daily sequence of ``day``."""
    return f"{COUNTER_SCOPE_PREFIX}{region}:{device_no}:{day.isoformat()}"


def compose_case_number(region: str, day: date, device_no: int, sequence: int) -> CaseNumber:
    """Same as ``CaseNumber.make``: the number a device gives its ``sequence``-th case of ``day``."""
    return CaseNumber.make(region, day, device_no, sequence)


def _receipt_check(digits: str, official: str | None = None) -> str:
    body = (
        f"{RECEIPT_QR_PREFIX}:{digits}"
        if official is None
        else f"{RECEIPT_QR_PREFIX_OFFICIAL}:{digits}:{official}"
    )
    return f"{zlib.crc32(body.encode('ascii')):08X}"


def receipt_qr_payload(case_number: str, official_number: str | None = None) -> str:
    """What a receipt's QR code holds for ``case_number`` (any readable form): ``TB1:<20 digits>:<CRC>``;
    with the platform's 办件编号 bound (and in the QR alphanumeric set), ``TB2:<20 digits>:<official>:<CRC>``.
    Both find the case by its local number, so a citizen's older receipt keeps working."""
    digits = parse_case_number(case_number).digits
    if official_number is not None and _OFFICIAL_IN_QR.fullmatch(official_number):
        return f"{RECEIPT_QR_PREFIX_OFFICIAL}:{digits}:{official_number}:{_receipt_check(digits, official_number)}"
    return f"{RECEIPT_QR_PREFIX}:{digits}:{_receipt_check(digits)}"


def is_receipt_qr_payload(text: str) -> bool:
    """Whether ``text`` starts like a receipt QR payload (``TB<version>:``), valid or not."""
    return _OURS_ANY_VERSION.match(unicodedata.normalize("NFKC", text).strip()) is not None


def parse_case_number(text: str) -> CaseNumber:
    """Reads a typed or scanned case number: canonical or grouped, with spaces, dashes or full-width
    digits, or the receipt's QR payload (its CRC and the number's check digit both verified).
    Raises ValidationError(field="case_number") when it cannot be a number we issued."""
    if is_receipt_qr_payload(text):
        return _parse_receipt_qr(text)
    digits = "".join(unicodedata.normalize("NFKC", text).split()).translate(_SEPARATORS)
    if not digits:
        raise ValidationError(FIELD, "请输入办件编号", "case number is empty")
    if len(digits) != 20 or not (digits.isascii() and digits.isdigit()):
        raise ValidationError(FIELD, _WRONG, f"case number must be 20 digits, got {len(digits)} characters")
    if damm_check_digit(digits) != "0":
        raise ValidationError(FIELD, _WRONG, "case number check digit mismatch (Damm)")
    try:
        day = date(2000 + int(digits[6:8]), int(digits[8:10]), int(digits[10:12]))
    except ValueError:
        raise ValidationError(FIELD, _WRONG, f"case number date {digits[6:12]} does not exist") from None
    try:
        return CaseNumber(digits[:6], day, int(digits[12:15]), int(digits[15:19]))
    except ValidationError as exc:
        raise ValidationError(FIELD, _WRONG, f"case number has an impossible part: {exc.detail}") from None


def _parse_receipt_qr(text: str) -> CaseNumber:
    payload = unicodedata.normalize("NFKC", text).strip()
    match = _RECEIPT_QR.fullmatch(payload)
    official: str | None = None
    if match is not None:
        digits, check = match.groups()
    else:
        with_official = _RECEIPT_QR_OFFICIAL.fullmatch(payload)
        if with_official is None:
            raise ValidationError(FIELD, _WRONG_QR, f"not a TB1/TB2 receipt QR payload: {payload[:40]!r}")
        digits, official, check = with_official.groups()
        official = official.upper()
    if check.upper() != _receipt_check(digits, official):
        raise ValidationError(FIELD, _WRONG_QR, "receipt QR check (CRC-32) mismatch")
    try:
        return parse_case_number(digits)
    except ValidationError as exc:
        raise ValidationError(FIELD, _WRONG_QR, f"receipt QR holds a bad case number: {exc.detail}") from None
