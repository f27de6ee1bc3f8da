"""The queue ticket's paper and QR: no personal data on it, and the QR names the ticket exactly."""

from __future__ import annotations

import pytest

from core.config import DeviceConfig
from core.errors import ValidationError
from core.queue.model import Applicant, Priority, load_queue_rules
from core.queue.paper import parse_ticket_qr, ticket_paper, ticket_qr_payload
from core.queue.rules import new_ticket
from core.receipts import render_text


def test_the_paper_shows_the_number_and_wait_and_its_qr_finds_the_ticket() -> None:
    ticket, _ = new_ticket(
        load_queue_rules(),
        seq=23,
        service="newborn",
        service_name="新生儿出生“一件事”",
        priority=Priority.ELDERLY,
        taken_at="2026-12-07T09:05:00+08:00",
        issued_by="kiosk-1",
        applicant=Applicant("林晓雨", "320115199003070043"),
    )
    text = render_text(ticket_paper(ticket, 4, DeviceConfig.demo()))
    assert "V023" in text and "您前面还有 4 人等候" in text and "老年人优先" in text
    assert "林晓雨" not in text and "320115199003070043" not in text
    payload = ticket_qr_payload(ticket)
    assert f"[二维码：{payload}]" in text
    assert parse_ticket_qr(payload) == (ticket.id, "V023")
    assert parse_ticket_qr(payload.lower()) == (ticket.id, "V023")  # Caps Lock on the wedge scanner
    offline = render_text(ticket_paper(ticket, None, DeviceConfig.demo(), offline=True))
    assert "叫号系统暂时离线" in offline
    for broken in (
        payload[:-1] + ("0" if payload[-1] != "0" else "1"),
        payload.replace("V023", "V024"),
        "TB1:1:2",
    ):
        with pytest.raises(ValidationError):
            parse_ticket_qr(broken)


def test_an_appointment_ticket_says_its_slot_and_when_calls_begin() -> None:
    def paper(slot: str) -> str:
        ticket, _ = new_ticket(
            load_queue_rules(),
            seq=1,
            service="newborn",
            service_name="新生儿出生“一件事”",
            priority=Priority.APPOINTMENT,
            taken_at="2026-12-07T09:05:00+08:00",
            issued_by="hall",
            appointment="123456786",
            appointment_slot=slot,
        )
        return render_text(ticket_paper(ticket, 0, DeviceConfig.demo()))

    early = load_queue_rules().appointment_early_minutes
    text = paper("2026-12-07T10:30+08:00")
    assert "（预约）" in text
    assert f"预约时段：10:30（10:{30 - early:02d} 起叫号）" in text and "123456786" not in text
    assert "预约时段：10:30\n" in paper("2026-12-07T10:30")  # no offset (a malformed event): no guess
