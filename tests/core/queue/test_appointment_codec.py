"""The appointment code and its QR (预约码, TY1): vectors, typos, foreign codes, the redemption window."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from core.errors import ValidationError
from core.queue.appointment import (
    appointment_qr_payload,
    called_from,
    check_redeemable,
    is_appointment_code,
    looks_like_appointment_qr,
    new_appointment_code,
    parse_appointment_code,
    parse_appointment_qr,
    readable_code,
)
from core.queue.model import load_queue_rules

CHINA = timezone(timedelta(hours=8))
RULES = load_queue_rules()
# Damm check digit of 12345678 is 6 (the quasigroup of Damm 2004, as core/case_numbers.py has it);
# the QR check is CRC-32 (zlib) of "TY1:123456786".
CODE = "123456786"
QR = "TY1:123456786:4CE2CDCC"


def test_the_vectors() -> None:
    assert is_appointment_code(CODE)
    assert appointment_qr_payload(CODE) == QR
    assert parse_appointment_qr(QR) == CODE
    assert parse_appointment_qr(QR.lower()) == CODE  # a keyboard-wedge scanner with Caps Lock on
    assert parse_appointment_code("1234 5678 6") == CODE and parse_appointment_code(" 1234-5678-6 ") == CODE
    assert readable_code(CODE) == "1234 5678 6"
    fresh = {new_appointment_code() for _ in range(200)}
    assert len(fresh) == 200 and all(is_appointment_code(c) for c in fresh)
    with pytest.raises(ValueError):
        appointment_qr_payload("123456789")


@pytest.mark.parametrize(
    "typed",
    [
        "123456785",  # the check digit mistyped
        "123456886",  # one digit wrong
        "123465786",  # two neighbours swapped
        "213456786",
    ],
)
def test_a_typo_is_refused_by_the_check_digit(typed: str) -> None:
    with pytest.raises(ValidationError, match="预约码有误"):
        parse_appointment_code(typed)


@pytest.mark.parametrize("typed", ["", "12345678", "1234567860", "１２３４５６７８６", "12345678X"])
def test_a_code_of_the_wrong_shape_is_refused(typed: str) -> None:
    with pytest.raises(ValidationError, match="9 位数字"):
        parse_appointment_code(typed)


@pytest.mark.parametrize(
    "scanned",
    [
        "TY1:123456786:4CE2CDCD",  # the QR's check does not match: misread
        "TY1:123456785:" + "0" * 8,
        "TQ1:123456786:4CE2CDCC",  # a queue ticket's prefix
        "TB1:20240101330100000123:10A380ED",  # a receipt
        "TY2:123456786:4CE2CDCC",  # a later version this kiosk does not know
        "https://example.org/TY1:123456786:4CE2CDCC",
        "123456786",
    ],
)
def test_a_foreign_or_misread_qr_is_refused(scanned: str) -> None:
    with pytest.raises(ValidationError, match="预约二维码"):
        parse_appointment_qr(scanned)


def test_which_scans_claim_to_be_appointments() -> None:
    assert looks_like_appointment_qr(QR) and looks_like_appointment_qr("ty2:whatever")
    assert not looks_like_appointment_qr("TB1:20240101330100000123:10A380ED")
    assert not looks_like_appointment_qr("TQ1:" + "A" * 32 + ":A001:00000000")


def test_an_appointment_is_redeemed_on_its_day_until_its_grace_ends() -> None:
    slot = datetime(2026, 12, 7, 10, 30, tzinfo=CHINA)
    assert called_from(slot, RULES) == slot - timedelta(minutes=RULES.appointment_early_minutes)
    check_redeemable(slot, slot - timedelta(hours=2), RULES)  # early: a ticket, called from 10:15
    check_redeemable(slot, slot + timedelta(minutes=RULES.appointment_late_minutes), RULES)
    with pytest.raises(ValidationError, match="已超过预约时段 10:30 后 30 分钟") as late:
        check_redeemable(slot, slot + timedelta(minutes=RULES.appointment_late_minutes, seconds=1), RULES)
    assert late.value.code == "queue.appointment_too_late"
    with pytest.raises(ValidationError, match="12月7日 10:30，不是今天"):
        check_redeemable(slot, slot - timedelta(days=1), RULES)
    # The day is the hall's: a slot given in UTC is compared in the server clock's zone.
    check_redeemable(slot.astimezone(UTC), slot - timedelta(hours=1), RULES)
