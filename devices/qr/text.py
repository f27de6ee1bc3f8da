"""Raw code payload bytes → text: UTF-8 first, then GB18030 (research/devices.md §3.3); pure functions."""

from __future__ import annotations

import codecs
import logging
from typing import Literal

_log = logging.getLogger(__name__)

Charset = Literal["utf-8", "utf-16", "gb18030", "binary"]

# U+FEFF encoded in GB18030; some Windows tools write it like a UTF-8 BOM.
_GB18030_BOM = b"\x84\x31\x95\x33"

# AIM symbology identifiers a scanner may prefix (research/devices.md §4.1, ISO/IEC 15424):
# "]" + code letter + modifier digit. Only the code letter selects the symbology.
_AIM_FORMATS = {
    "Q": "QRCODE",
    "C": "CODE128",
    "A": "CODE39",
    "E": "EAN13",
    "I": "I25",
    "d": "DATAMATRIX",
    "L": "PDF417",
    "F": "CODABAR",
    "G": "CODE93",
}


def payload_charset(raw: bytes) -> Charset:
    """Which charset :func:`decode_payload` will use for ``raw``.

    QR byte mode carries no charset unless an ECI segment is present, and Chinese issuers emit
    either UTF-8 or GBK/GB18030 (§3.3). UTF-8 is tried first because valid UTF-8 is rarely valid
    by accident; a UTF-16 text is only accepted with its BOM (0xFF/0xFE are never GB18030 lead bytes).
    """
    if raw.startswith(codecs.BOM_UTF8):
        return "utf-8" if _decodes(raw[3:], "utf-8") else "binary"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and len(raw) % 2 == 0:
        return "utf-16" if _decodes(raw, "utf-16") else "binary"
    if _decodes(raw, "utf-8"):
        return "utf-8"
    if _decodes(raw, "gb18030"):
        return "gb18030"
    return "binary"


def decode_payload(raw: bytes) -> str:
    """Decode a payload by the §3.3 policy; BOMs are dropped; undecodable bytes become U+FFFD.

    Never raises: a scan of binary data still yields a (lossy) text, and callers keep ``raw``
    for the audit log as §3.3 asks.
    """
    charset = payload_charset(raw)
    if charset == "utf-8":
        text = raw.decode("utf-8-sig")
    elif charset == "utf-16":
        text = raw.decode("utf-16")  # consumes the BOM and picks the byte order from it
    elif charset == "gb18030":
        text = raw.decode("gb18030")
        if raw.startswith(_GB18030_BOM):
            text = text.removeprefix("\ufeff")
    else:
        _log.warning("payload of %d bytes is neither UTF-8 nor GB18030; decoding lossily", len(raw))
        text = raw.decode("utf-8", errors="replace")
    return text


def split_aim_identifier(raw: bytes) -> tuple[str | None, bytes]:
    """Strip an AIM symbology identifier (``]Q1``, ``]C0``, ``]E0`` …) from a scanner payload.

    Returns (format or None, rest). Unknown code letters are stripped too (format None) because
    a "]X9" prefix is never part of the data when the scanner is set to send identifiers (§4.1).
    """
    if len(raw) >= 3 and raw[:1] == b"]" and raw[1:2].isalpha() and raw[2:3].isalnum():  # ASCII only
        return _AIM_FORMATS.get(raw[1:2].decode("ascii")), raw[3:]
    return None, raw


def _decodes(raw: bytes, encoding: str) -> bool:
    try:
        raw.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True
