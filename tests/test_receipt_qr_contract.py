"""The receipt QR payload: core prints it, devices recognise it; neither imports the other, so pin both here."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from core.case_numbers import CaseNumber, damm_check_digit, parse_case_number
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


@given(
    day=st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)),
    sequence=st.integers(1, 9999),
    official=st.from_regex(r"[0-9A-Z-]{1,48}", fullmatch=True),
)
def test_with_the_official_number_both_still_find_the_case_by_its_local_number(
    day: date, sequence: int, official: str
) -> None:
    number = CaseNumber.make("320115", day, 1, sequence)
    payload = receipt_qr_payload(number.digits, official)
    assert payload.startswith(f"TB2:{number.digits}:{official}:")
    assert payload == make_receipt_payload(number.digits, official)
    assert parse_receipt_payload(payload) == parse_case_number(payload).digits == number.digits
    assert parse_receipt_payload(payload.lower()) == number.digits  # Caps Lock on the wedge scanner
    assert classify_payload(payload).kind is PayloadKind.TONGBAN_RECEIPT
    misread = payload[:-1] + ("0" if payload[-1] != "0" else "1")
    other = f"TB2:{number.digits}:{'Z' if official != 'Z' else 'Y'}:{payload.rsplit(':', 1)[1]}"
    assert parse_receipt_payload(misread) is None and parse_receipt_payload(other) is None


def test_an_official_number_outside_the_qr_alphabet_keeps_the_first_format() -> None:
    number = CaseNumber.make("320115", date(2026, 12, 7), 1, 1).digits
    assert receipt_qr_payload(number, "江苏2026-0001").startswith("TB1:")
    assert receipt_qr_payload(number, "bj2026").startswith("TB1:")


def test_a_misread_digit_is_not_ours() -> None:
    payload = receipt_qr_payload(CaseNumber.make("320115", date(2026, 11, 22), 1, 1).digits)
    broken = payload[:10] + ("1" if payload[10] != "1" else "2") + payload[11:]
    assert parse_receipt_payload(broken) is None


@given(
    day=st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)),
    sequence=st.integers(1, 9999),
    at=st.integers(0, 32),
    char=st.sampled_from("0123456789ABCDEFTB:x "),
)
def test_core_and_devices_agree_on_a_misread(day: date, sequence: int, at: int, char: str) -> None:
    """One character of a printed payload misread: core reads a case number out of it exactly when
    devices would (core checks the number's Damm digit too, which the CRC already covers)."""
    from core.errors import ValidationError

    payload = receipt_qr_payload(CaseNumber.make("320115", day, 1, sequence).digits)
    misread = payload[:at] + char + payload[at + 1 :]
    ours = parse_receipt_payload(misread)
    try:
        read: str | None = parse_case_number(misread).digits
    except ValidationError:
        read = None
    if ours is not None and read is None:
        assert damm_check_digit(ours) != "0"
    else:
        assert read == ours


def test_core_reads_the_payload_it_prints() -> None:
    number = CaseNumber.make("320115", date(2026, 11, 22), 1, 1)
    payload = receipt_qr_payload(number.digits)
    assert parse_case_number(payload) == number
    assert parse_case_number(payload.lower()) == number  # Caps Lock on a keyboard-wedge scanner
