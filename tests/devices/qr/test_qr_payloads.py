"""Payload recognisers: our receipt QR, birth certificate numbers, online tokens (research §5)."""

from __future__ import annotations

import zlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from devices.qr.payloads import (
    PayloadKind,
    classify_payload,
    make_receipt_payload,
    parse_birth_certificate_number,
    parse_receipt_payload,
    receipt_check,
)

CASE = "20240101330100000123"


def test_receipt_payload_format_is_pinned() -> None:
    # The printed format must never change for TB1: old receipts stay scannable.
    payload = make_receipt_payload(CASE)
    assert payload == f"TB1:{CASE}:{zlib.crc32(f'TB1:{CASE}'.encode()):08X}"
    assert len(payload) == 33
    assert set(payload) <= set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")  # QR alphanumeric set


def test_pinned_check_value() -> None:
    assert receipt_check("00000000000000000000") == f"{zlib.crc32(b'TB1:00000000000000000000'):08X}"
    assert receipt_check(CASE) != receipt_check("20240101330100000124")


@given(st.text("0123456789", min_size=20, max_size=20))
def test_receipt_round_trip(case_number: str) -> None:
    assert parse_receipt_payload(make_receipt_payload(case_number)) == case_number
    assert classify_payload(make_receipt_payload(case_number)).value == case_number


@given(
    st.text("0123456789", min_size=20, max_size=20), st.integers(0, 32), st.sampled_from("0123456789ABCDEF")
)
def test_any_single_character_change_is_rejected(case_number: str, position: int, replacement: str) -> None:
    payload = make_receipt_payload(case_number)
    if payload[position] in (":", replacement) or position < 3:
        return
    damaged = payload[:position] + replacement + payload[position + 1 :]
    assert parse_receipt_payload(damaged) is None  # CRC-32 detects every single-symbol error


def test_caps_lock_inverted_receipt_still_parses() -> None:
    assert parse_receipt_payload(make_receipt_payload(CASE).lower()) == CASE  # §4.2 Caps Lock


@pytest.mark.parametrize(
    "bad",
    ["123", "2024010133010000012", "2024010133010000012X", "２０２４０１０１３３０１００００００１２３"],
)
def test_make_receipt_payload_rejects_non_case_numbers(bad: str) -> None:
    with pytest.raises(ValueError, match="20 digits"):
        make_receipt_payload(bad)


@pytest.mark.parametrize(
    ("text", "code_format", "kind", "value"),
    [
        (make_receipt_payload(CASE), "QRCODE", PayloadKind.TONGBAN_RECEIPT, CASE),
        ("X320101001", "CODE128", PayloadKind.BIRTH_CERTIFICATE, "X320101001"),
        ("x320101001", "UNKNOWN", PayloadKind.BIRTH_CERTIFICATE, "X320101001"),
        (" Q123456789\r", "CODE39", PayloadKind.BIRTH_CERTIFICATE, "Q123456789"),
        ("X32010100", "CODE128", PayloadKind.UNKNOWN, "X32010100"),
        ("XY20101001", "CODE128", PayloadKind.UNKNOWN, "XY20101001"),
        ("https://zwfw.example.gov.cn/verify?t=8f3a9c2e77b14d0c", "QRCODE", PayloadKind.ONLINE_TOKEN, None),
        ("a8F3kP0qZx9Lm2Wv7Tn4Rb6Yc1Hd5Gs0", "QRCODE", PayloadKind.ONLINE_TOKEN, None),
        ("a8F3kP0qZx9Lm2Wv7Tn4Rb6Yc1Hd5Gs0", "UNKNOWN", PayloadKind.ONLINE_TOKEN, None),
        ("a8F3kP0qZx9Lm2Wv7Tn4Rb6Yc1Hd5Gs0", "CODE128", PayloadKind.UNKNOWN, None),  # tokens are 2-D codes
        ("6901234567892", "EAN13", PayloadKind.UNKNOWN, None),
        ("short", "QRCODE", PayloadKind.UNKNOWN, None),
        ("王小明 出生医学证明 浙江省杭州市", "QRCODE", PayloadKind.UNKNOWN, None),
        ("has spaces inside a long payload", "QRCODE", PayloadKind.UNKNOWN, None),
        # starts like ours but the check fails: never forwarded to the platform as a token
        (f"TB1:{CASE}:00000000", "QRCODE", PayloadKind.UNKNOWN, None),
        (f"TB2:{CASE}:ABCDEF01", "QRCODE", PayloadKind.UNKNOWN, None),
    ],
)
def test_classification(text: str, code_format: str, kind: PayloadKind, value: str | None) -> None:
    recognised = classify_payload(text, code_format)
    assert recognised.kind is kind
    if value is not None:
        assert recognised.value == value


def test_birth_certificate_parser_direct() -> None:
    assert parse_birth_certificate_number("X320101001") == "X320101001"
    assert parse_birth_certificate_number("X3201010011") is None
    assert parse_birth_certificate_number("3201010011") is None


def test_payload_kind_values_are_pinned() -> None:
    assert [k.value for k in PayloadKind] == [
        "tongban_receipt",
        "birth_certificate",
        "online_token",
        "unknown",
    ]


def test_documented_example() -> None:
    assert make_receipt_payload(CASE) == "TB1:20240101330100000123:10A380ED"


@pytest.mark.parametrize(
    "text",
    ["TB1:２０２４０１０１３３０１００００００１２３:10A380ED", "\u212a320101001", "X３２０１０１００１"],
)
def test_non_ascii_look_alikes_are_not_recognised(text: str) -> None:
    assert classify_payload(text).kind is PayloadKind.UNKNOWN


@given(st.text(), st.sampled_from(["QRCODE", "CODE128", "UNKNOWN", "EAN13"]))
def test_classification_never_raises(text: str, code_format: str) -> None:
    assert classify_payload(text, code_format).kind in PayloadKind
