"""Real-time status (DLE EOT 1/2/4) as bytes and back, pure (research/devices.md §2.5)."""

from __future__ import annotations

from devices.errors import DeviceProtocolError
from devices.printer import OfflineReason, PrinterStatus

DLE_EOT = b"\x10\x04"
PRINTER_STATUS, OFFLINE_CAUSE, PAPER_SENSOR = 1, 2, 4
STATUS_QUERIES = (PRINTER_STATUS, OFFLINE_CAUSE, PAPER_SENSOR)  # the order status() asks in

# Every reply has bit 1 and bit 4 set, bits 0 and 7 clear: a healthy answer is 0x12.
_FIXED_MASK, _FIXED_BITS = 0x93, 0x12
_OFFLINE = 0x08  # n=1 bit 3
_COVER_OPEN, _FEED_BUTTON, _PAPER_STOP, _ERROR = 0x04, 0x08, 0x20, 0x40  # n=2 bits 2, 3, 5, 6
_NEAR_END, _PAPER_END = 0x0C, 0x60  # n=4 bits 2+3, bits 5+6


def status_query(n: int) -> bytes:
    """``DLE EOT n``."""
    return DLE_EOT + bytes((n,))


def check_reply(n: int, reply: int) -> int:
    """``reply`` if its fixed bits are right; DeviceProtocolError otherwise (not an ESC/POS printer,
    or a stray byte from an earlier command)."""
    if reply & _FIXED_MASK != _FIXED_BITS:
        raise DeviceProtocolError(
            "打印机应答异常，请检查打印机型号和连接设置",
            f"DLE EOT {n} answered 0x{reply:02X}, fixed bits 1 and 4 must be set and 0 and 7 clear",
        )
    return reply


def decode_status(printer: int, offline_cause: int, paper: int) -> PrinterStatus:
    """The three replies to DLE EOT 1, 2 and 4 as a PrinterStatus."""
    for n, reply in zip(STATUS_QUERIES, (printer, offline_cause, paper), strict=True):
        check_reply(n, reply)
    paper_out = bool(paper & _PAPER_END) or bool(offline_cause & _PAPER_STOP)
    cover_open = bool(offline_cause & _COVER_OPEN)
    online = not printer & _OFFLINE
    if online:
        reason = OfflineReason.NONE
    elif cover_open:
        reason = OfflineReason.COVER_OPEN
    elif paper_out:
        reason = OfflineReason.PAPER_OUT
    elif offline_cause & _ERROR:
        reason = OfflineReason.ERROR
    elif offline_cause & _FEED_BUTTON:
        reason = OfflineReason.FEED_BUTTON
    else:
        reason = OfflineReason.UNKNOWN
    return PrinterStatus(
        online=online,
        paper_ok=not paper_out,
        paper_near_end=paper_out or bool(paper & _NEAR_END),
        cover_open=cover_open,
        offline_reason=reason,
        raw=bytes((printer, offline_cause, paper)),
    )
