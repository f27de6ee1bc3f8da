"""The queue ticket on the receipt printer (取号凭条), and the QR a window scans to call it.

The QR holds ``TQ1:<ticket id>:<number>:<CRC-32>`` (the same shape as the receipt's TB1, core/
case_numbers.py): the id is the ledger's merge key, so a window that calls by scanning while the
hall server is down records its steps against the right ticket; the number is only for reading.
All of it is in the QR alphanumeric set once upper-cased, so the code stays small on thermal paper.
"""

from __future__ import annotations

import re
import zlib
from typing import Final

from core.config import DeviceConfig
from core.errors import ValidationError
from core.queue.appointment import called_from
from core.queue.ledger import instant
from core.queue.model import Priority, Ticket, load_queue_rules
from core.receipts import Receipt, ReceiptBlock

TICKET_QR_PREFIX: Final = "TQ1"
_TICKET_QR: Final = re.compile(
    r"TQ1:([0-9A-F]{32}):([A-Z][1-9]?[0-9]{3}):([0-9A-F]{8})", re.IGNORECASE | re.ASCII
)
_PRIORITY_LINE: Final = {
    Priority.ELDERLY: "老年人优先",
    Priority.DISABLED: "残疾人优先",
    Priority.PREGNANT: "孕妇优先",
    Priority.MILITARY: "军人优先",
    Priority.APPOINTMENT: "预约",
}


def _check(ticket_id: str, number: str) -> str:
    return f"{zlib.crc32(f'{TICKET_QR_PREFIX}:{ticket_id}:{number}'.encode('ascii')):08X}"


def ticket_qr_payload(ticket: Ticket) -> str:
    ticket_id = ticket.id.upper()
    return f"{TICKET_QR_PREFIX}:{ticket_id}:{ticket.number}:{_check(ticket_id, ticket.number)}"


def parse_ticket_qr(text: str) -> tuple[str, str]:
    """(ticket id in lower case, number) of a scanned ticket QR; ValidationError otherwise."""
    match = _TICKET_QR.fullmatch(text.strip())
    if match is None or match.group(3).upper() != _check(match.group(1).upper(), match.group(2).upper()):
        raise ValidationError(
            "ticket", "这不是本大厅的排队号二维码，或二维码未读全，请重新扫描", "not a TQ1 ticket QR payload"
        )
    return match.group(1).lower(), match.group(2).upper()


def _called_from(slot: str) -> str:
    """ "（HH:MM 起叫号）": an early arrival keeps on paper when calls for the appointment begin."""
    try:
        start = called_from(instant(slot), load_queue_rules())
    except ValidationError:
        return ""
    return f"（{start:%H:%M} 起叫号）"


def _t(text: str, align: str = "center", emphasis: str = "normal") -> ReceiptBlock:
    return ReceiptBlock("text", text, align, emphasis)


def ticket_paper(
    ticket: Ticket, ahead: int | None, config: DeviceConfig, *, offline: bool = False
) -> Receipt:
    """取号凭条: the number large, what it is for, how many wait before it, the QR. No personal data."""
    blocks = [
        _t(config.hall_name, emphasis="bold"),
        _t("排队号", emphasis="title"),
        ReceiptBlock("rule"),
        _t(ticket.number, emphasis="large"),
        _t(f"办理：{ticket.service_name}"),
    ]
    if ticket.priority in _PRIORITY_LINE:
        blocks.append(_t(f"（{_PRIORITY_LINE[ticket.priority]}）"))
    if ticket.slot:
        blocks.append(_t(f"预约时段：{ticket.slot[11:16]}{_called_from(ticket.slot)}"))
    if ahead is not None:
        blocks.append(_t(f"您前面还有 {ahead} 人等候"))
    elif offline:
        blocks.append(_t("叫号系统暂时离线：请留意窗口叫号，或直接到窗口出示本凭条"))
    blocks += [
        _t(f"取号时间：{ticket.taken_at[:16].replace('T', ' ')}"),
        ReceiptBlock("rule"),
        ReceiptBlock("qr", ticket_qr_payload(ticket), "center"),
        _t("过号请到取号机重新排队（可回队一次）"),
        _t(f"咨询电话：{config.hall_phone}"),
        ReceiptBlock("feed"),
    ]
    return Receipt("ticket", "排队号", tuple(blocks))
