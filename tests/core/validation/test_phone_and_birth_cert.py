"""Mainland mobile numbers and birth medical certificate numbers: normalisation and messages."""

from __future__ import annotations

import pytest

from core.errors import ValidationError
from core.validation import parse_birth_certificate_number, parse_mobile


@pytest.mark.parametrize(
    "typed",
    [
        "13812341234",
        "138 1234 1234",
        "138-1234-1234",
        "+86 138 1234 1234",
        "+8613812341234",
        "0086-13812341234",
        "１３８１２３４１２３４",
    ],
)
def test_mobile_numbers_are_normalised(typed: str) -> None:
    assert parse_mobile(typed) == "13812341234"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("", "请填写手机号码"),
        ("1381234123", "手机号码应为 11 位，现在是 10 位"),
        ("138123412345", "手机号码应为 11 位，现在是 12 位"),
        ("1381234123a", "手机号码只能包含数字，现在有“a”"),
        ("12812341234", "手机号码应以 13–19 开头，现在是“12”"),
        ("23812341234", "手机号码应以 13–19 开头，现在是“23”"),
        ("8613812341234", "手机号码应为 11 位，现在是 13 位"),  # only +86 / 0086 are prefixes
    ],
)
def test_mobile_messages(value: str, expected: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_mobile(value, field="applicant.phone")
    assert (caught.value.field, caught.value.message) == ("applicant.phone", expected)


@pytest.mark.parametrize("typed", ["Q440123456", "q440123456", " Q 440123456 ", "Ｑ４４０１２３４５６"])
def test_birth_certificate_numbers_are_normalised(typed: str) -> None:
    assert parse_birth_certificate_number(typed) == "Q440123456"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("", "请填写出生医学证明编号"),
        ("Q44012345", "出生医学证明编号应为 10 位（1 个字母加 9 位数字），现在是 9 位"),
        ("4440123456", "出生医学证明编号第 1 位应为英文字母，现在是“4”"),
        ("Q4401234S6", "出生医学证明编号第 9 位“S”应为数字"),
    ],
)
def test_birth_certificate_messages(value: str, expected: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_birth_certificate_number(value, field="newborn.birth_cert_no")
    assert (caught.value.field, caught.value.message) == ("newborn.birth_cert_no", expected)
