"""Offline case numbers: layout, grouping, parsing, ranges, and the Damm check catching every typo."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.case_numbers import (
    CaseNumber,
    SequenceExhaustedError,
    compose_case_number,
    damm_check_digit,
    parse_case_number,
)
from core.errors import ValidationError

DAY = date(2026, 11, 22)
WRONG = "办件编号有误，请核对后重新输入"


def test_damm_reference_vector() -> None:
    # The worked example published with the algorithm: 572 → check digit 4, and 5724 validates.
    assert damm_check_digit("572") == "4"
    assert damm_check_digit("5724") == "0"


def test_layout_and_grouping() -> None:
    number = CaseNumber.make("320115", DAY, 1, 1)
    body = "320115" + "261122" + "001" + "0001"
    assert number.body == body
    assert number.digits == body + damm_check_digit(body)
    assert number.display == f"320115-261122-001-0001-{number.check_digit}"
    assert str(number) == number.digits
    assert compose_case_number("320115", DAY, 1, 1) == number


def test_numbers_of_two_devices_on_one_day_differ() -> None:
    assert CaseNumber.make("320115", DAY, 1, 1).digits != CaseNumber.make("320115", DAY, 2, 1).digits


@pytest.mark.parametrize(
    "transform",
    [
        lambda n: n.digits,
        lambda n: n.display,
        lambda n: n.display.replace("-", " "),
        lambda n: f"  {n.display.replace('-', '—')} ",
        lambda n: "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else "－" for c in n.display),
    ],
)
def test_parse_accepts_canonical_grouped_and_full_width_forms(transform: object) -> None:
    number = CaseNumber.make("440308", date(2031, 2, 28), 999, 9999)
    assert parse_case_number(transform(number)) == number  # type: ignore[operator]


@pytest.mark.parametrize(
    "text",
    ["3201152611220010001", "320115261122001000190", "32011526112200100A19", "320115-261122-001-0001"],
)
def test_wrong_length_or_characters(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_case_number(text)
    assert (caught.value.field, caught.value.message) == ("case_number", WRONG)


def test_empty_input_asks_for_a_number() -> None:
    with pytest.raises(ValidationError, match="请输入办件编号"):
        parse_case_number("  ")


def test_wrong_check_digit() -> None:
    digits = CaseNumber.make("320115", DAY, 1, 1).digits
    wrong = digits[:-1] + str((int(digits[-1]) + 1) % 10)
    with pytest.raises(ValidationError) as caught:
        parse_case_number(wrong)
    assert caught.value.message == WRONG
    assert "check digit" in caught.value.detail


@pytest.mark.parametrize(
    "body",
    [
        "3201152613220010001",  # month 13
        "3201152611220000001",  # device 000
        "3201152611220010000",  # sequence 0000
        "0201152611220010001",  # region starting with 0
    ],
)
def test_impossible_parts_with_a_right_check_digit_are_rejected(body: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_case_number(body + damm_check_digit(body))
    assert caught.value.message == WRONG


def test_a_device_past_9999_cases_in_a_day_gets_a_typed_error() -> None:
    assert CaseNumber.make("320115", DAY, 1, 9999).sequence == 9999
    with pytest.raises(SequenceExhaustedError) as caught:
        CaseNumber.make("320115", DAY, 1, 10000)
    assert caught.value.field == "case_number"
    assert "已用完" in caught.value.message


@pytest.mark.parametrize(
    ("region", "day", "device_no", "sequence", "expected"),
    [
        ("320115", DAY, 0, 1, "设备编号应为 1–999，现在是 0"),
        ("320115", DAY, 1000, 1, "设备编号应为 1–999，现在是 1000"),
        ("320115", DAY, 1, 0, "办件序号应从 1 开始，现在是 0"),
        ("32011", DAY, 1, 1, "大厅所在地区代码应为 6 位数字，现在是“32011”"),
        ("３２０１１５", DAY, 1, 1, "大厅所在地区代码应为 6 位数字，现在是“３２０１１５”"),
        ("320115", date(1999, 12, 31), 1, 1, "办件日期 1999-12-31 超出 2000–2099 年"),
    ],
)
def test_out_of_range_parts(region: str, day: date, device_no: int, sequence: int, expected: str) -> None:
    with pytest.raises(ValidationError) as caught:
        CaseNumber.make(region, day, device_no, sequence)
    assert caught.value.message == expected
    assert not isinstance(caught.value, SequenceExhaustedError)


case_numbers = st.builds(
    CaseNumber.make,
    st.from_regex(r"[1-9][0-9]{5}", fullmatch=True),
    st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)),
    st.integers(1, 999),
    st.integers(1, 9999),
)


@given(case_numbers)
def test_round_trip(number: CaseNumber) -> None:
    assert parse_case_number(number.digits) == number
    assert parse_case_number(number.display) == number


@given(case_numbers)
def test_every_single_digit_substitution_is_rejected(number: CaseNumber) -> None:
    digits = number.digits
    for i, original in enumerate(digits):
        for replacement in "0123456789":
            if replacement != original:
                with pytest.raises(ValidationError):
                    parse_case_number(digits[:i] + replacement + digits[i + 1 :])


@given(case_numbers)
def test_every_adjacent_transposition_is_rejected(number: CaseNumber) -> None:
    digits = number.digits
    for i in range(len(digits) - 1):
        if digits[i] != digits[i + 1]:
            with pytest.raises(ValidationError):
                parse_case_number(digits[:i] + digits[i + 1] + digits[i] + digits[i + 2 :])


def test_damm_check_alone_catches_every_single_error_and_adjacent_swap() -> None:
    # Independent of the range checks in parse, exhaustively: a one-digit prefix reaches every
    # interim state (row 0 of the table is a permutation), and the digits after a change map
    # different states to different states, so differing here means differing at the end.
    ten = "0123456789"
    for p in ten:
        for a in ten:
            for b in ten:
                if a != b:
                    assert damm_check_digit(p + a) != damm_check_digit(p + b)  # substitution
                    assert damm_check_digit(p + a + b) != damm_check_digit(p + b + a)  # transposition
    for last in ten:  # swapping the last body digit with the check digit
        body = "320115261122001000" + last
        check = damm_check_digit(body)
        if check != last:
            assert damm_check_digit(body[:-1] + check + last) != "0"
