"""What a scanned payload is: our receipt QR, a birth certificate number, an online token (§5); pure."""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from enum import StrEnum

# Tongban receipt QR payload, version 1 (printed on 受理回执 so a scanner can find the case again):
#
#     TB1:<case number, 20 digits>:<check, 8 uppercase hex digits>
#     e.g. TB1:20240101330100000123:10A380ED
#
# * "TB1" names the format and its version; a later format is "TB2:" and old receipts stay readable.
# * The check is CRC-32 (zlib / ISO-HDLC polynomial, as zlib.crc32) of the ASCII text before the
#   last colon, i.e. of "TB1:<20 digits>", as 8 uppercase hex digits. It is not a signature: it
#   only tells our QR from others and catches misreads; the case number's own check character is
#   validated by core.
# * Only characters of the QR alphanumeric set (0-9 A-Z and ":") are used, so the 33 characters fit
#   a version-2 QR at level M in alphanumeric mode instead of version 3 in byte mode: larger
#   modules on a thermal receipt.
# * Parsing ignores letter case, because a keyboard-wedge scanner with Caps Lock on inverts it (§4.2).
#
# Version 2, printed once the platform has bound its 办件编号 (reprints): the official number rides
# along, in the QR alphanumeric set, and the case is still found by its local number:
#
#     TB2:<case number, 20 digits>:<official number, 1-48 of 0-9 A-Z ->:<check of "TB2:<20>:<official>">

RECEIPT_PREFIX = "TB1"
RECEIPT_PREFIX_OFFICIAL = "TB2"

# re.ASCII: \d must not match full-width digits, nor [A-Z] the Kelvin sign under IGNORECASE
_RECEIPT = re.compile(r"^TB1:(\d{20}):([0-9A-F]{8})$", re.IGNORECASE | re.ASCII)
_RECEIPT_OFFICIAL = re.compile(r"^TB2:(\d{20}):([0-9A-Z-]{1,48}):([0-9A-F]{8})$", re.IGNORECASE | re.ASCII)
_OURS_ANY_VERSION = re.compile(r"^TB\d+:", re.IGNORECASE | re.ASCII)
# §5: 7th-edition 出生医学证明 number, one letter + 9 digits, printed with a 1-D barcode
_BIRTH_CERTIFICATE = re.compile(r"^[A-Z]\d{9}$", re.IGNORECASE | re.ASCII)
# §5: identity codes (电子社保卡, 医保电子凭证, provincial 政务服务码) and e-licence QRs are opaque
# tokens or verification URLs resolved online; their formats are not public and must not be
# hard-coded. What they share: printable ASCII without spaces, and not short.
_TOKEN = re.compile(r"^[\x21-\x7e]{16,2048}$")
_TWO_D = frozenset({"QRCODE", "DATAMATRIX", "PDF417", "AZTEC", "UNKNOWN"})


class PayloadKind(StrEnum):
    """Persisted in scan logs: values never change."""

    TONGBAN_RECEIPT = "tongban_receipt"  # our own 受理回执 QR
    BIRTH_CERTIFICATE = "birth_certificate"  # 出生医学证明 number
    ONLINE_TOKEN = "online_token"  # pass to the platform to resolve (needs the network)
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class RecognisedPayload:
    """kind, and value: the case number, the certificate number (upper case), the token, or the text."""

    kind: PayloadKind
    value: str


def receipt_check(case_number: str, official_number: str | None = None) -> str:
    """The 8-hex-digit check of a receipt payload for ``case_number`` (and its official number)."""
    body = (
        f"{RECEIPT_PREFIX}:{case_number}"
        if official_number is None
        else f"{RECEIPT_PREFIX_OFFICIAL}:{case_number}:{official_number}"
    )
    return f"{zlib.crc32(body.encode('ascii')):08X}"


def make_receipt_payload(case_number: str, official_number: str | None = None) -> str:
    """``TB1:<case number>:<check>``, or ``TB2:<case number>:<official>:<check>`` with an official
    number; ``case_number`` must be 20 ASCII digits, ``official_number`` 1-48 of 0-9 A-Z and "-"."""
    if not (len(case_number) == 20 and case_number.isascii() and case_number.isdigit()):
        raise ValueError(f"case number must be 20 digits, got {case_number!r}")
    if official_number is None:
        return f"{RECEIPT_PREFIX}:{case_number}:{receipt_check(case_number)}"
    if not re.fullmatch(r"[0-9A-Z-]{1,48}", official_number, re.ASCII):
        raise ValueError(f"official number outside the QR alphanumeric set: {official_number!r}")
    check = receipt_check(case_number, official_number)
    return f"{RECEIPT_PREFIX_OFFICIAL}:{case_number}:{official_number}:{check}"


def parse_receipt_payload(text: str) -> str | None:
    """The 20-digit case number if ``text`` is a valid TB1 or TB2 receipt payload, else None (not ours)."""
    match = _RECEIPT.match(text.strip())
    if match is not None:
        return match.group(1) if match.group(2).upper() == receipt_check(match.group(1)) else None
    match = _RECEIPT_OFFICIAL.match(text.strip())
    if match is None or match.group(3).upper() != receipt_check(match.group(1), match.group(2).upper()):
        return None
    return match.group(1)


def parse_birth_certificate_number(text: str) -> str | None:
    """The 出生医学证明 number (upper case) if ``text`` is one letter + 9 digits, else None."""
    candidate = text.strip()
    return candidate.upper() if _BIRTH_CERTIFICATE.match(candidate) else None


def classify_payload(text: str, code_format: str = "QRCODE") -> RecognisedPayload:
    """Recognise a scanned payload; ``code_format`` is ScanResult.format (tokens come as 2-D codes).

    A payload that starts like ours (``TB…:``) but fails the check is UNKNOWN, never an online
    token: a misread receipt must not be sent to the platform as somebody's identity code.
    """
    case_number = parse_receipt_payload(text)
    if case_number is not None:
        return RecognisedPayload(PayloadKind.TONGBAN_RECEIPT, case_number)
    certificate = parse_birth_certificate_number(text)
    if certificate is not None:
        return RecognisedPayload(PayloadKind.BIRTH_CERTIFICATE, certificate)
    stripped = text.strip()
    if code_format.upper() in _TWO_D and _TOKEN.match(stripped) and not _OURS_ANY_VERSION.match(stripped):
        return RecognisedPayload(PayloadKind.ONLINE_TOKEN, stripped)
    return RecognisedPayload(PayloadKind.UNKNOWN, text)
