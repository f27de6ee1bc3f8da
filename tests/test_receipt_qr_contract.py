"""The receipt QR payload: core prints it, devices recognise it; neither imports the other, so pin both here."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from core.case_numbers import CaseNumber
from core.receipts import receipt_qr_payload
from devices.qr.payloads import PayloadKind, classify_payload, make_receipt_payload, parse_receipt_payload


@given(
    day=st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)),
    device=st.integers(1, 999),
    sequence=st.integers(1, 9999),
)
def test_core_payload_is_what_devices_recognise(day: date, device: int, sequence: int) -> None:
    number = CaseNumber.make("320115", day, device, sequence)
    payload = receipt_qr_payload(number.display)
    assert payload == make_receipt_payload(number.digits)
    assert parse_receipt_payload(payload) == number.digits
    assert classify_payload(payload).kind is PayloadKind.TONGBAN_RECEIPT


def test_a_misread_digit_is_not_ours() -> None:
    payload = receipt_qr_payload(CaseNumber.make("320115", date(2026, 11, 22), 1, 1).digits)
    broken = payload[:10] + ("1" if payload[10] != "1" else "2") + payload[11:]
    assert parse_receipt_payload(broken) is None
