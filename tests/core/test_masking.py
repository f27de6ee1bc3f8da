"""Masking: the documented shapes, the birth date never shown, and no exception on odd input."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.masking import mask_bank_account, mask_field, mask_for_log, mask_id_number, mask_name, mask_phone
from core.validation.idnumbers import icao_check_digit, resident_check_char


@pytest.mark.parametrize(
    ("value", "kwargs", "expected"),
    [
        ("11010519491231002X", {}, "110105********002X"),
        ("11010519491231002x", {}, "110105********002X"),
        ("11010519491231002X", {"keep_head": 3, "keep_tail": 4}, "110***********002X"),  # kiosk 前3后4
        ("11010519491231002X", {"keep_head": 0, "keep_tail": 0}, "******************"),
        ("11010519491231002X", {"keep_head": 10, "keep_tail": 8}, "110105********002X"),  # clamped
        ("11010519491231002X", {"keep_head": -1, "keep_tail": 2}, "****************2X"),
        ("KAZ110090123105", {}, "KAZ110*******05"),
        ("110105491231002", {}, "110105*******02"),
        # Typed documents: a third stays visible, the first character and the last ones.
        ("E12345678", {}, "E******78"),  # a passport
        ("H1234567801", {}, "H********01"),  # 回乡证 with its 2 reissue digits
        ("12345678", {}, "1******8"),  # 台胞证
        ("AB123", {}, "A****"),
        ("E12345678", {"keep_head": 0, "keep_tail": 0}, "*********"),
        ("", {}, ""),
        (None, {}, ""),
    ],
)
def test_mask_id_number(value: str | None, kwargs: dict[str, int], expected: str) -> None:
    assert mask_id_number(value, **kwargs) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("王小明", "王*明"),
        ("张三", "张*"),
        ("王", "*"),
        ("欧阳小明", "欧**明"),
        ("阿卜杜拉·买买提", "阿***·**提"),
        ("John  Smith", "J*** ****h"),
        ("", ""),
        (None, ""),
    ],
)
def test_mask_name(value: str | None, expected: str) -> None:
    assert mask_name(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("13812341234", "138****1234"),
        ("+86 138-1234-1234", "138****1234"),
        ("0086 13812341234", "138****1234"),
        ("5551234", "*******"),
        ("", ""),
        (None, ""),
    ],
)
def test_mask_phone(value: str | None, expected: str) -> None:
    assert mask_phone(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("11010519491231002X", "**************002X"),
        ("13812341234", "*******1234"),
        ("KAZ110090123105", "*************05"),
        ("王小明", "***"),
        ("JOHN SMITH WILLIAMS", "*****************"),
        ("某某路１２３４５６７８号", "************"),
        (None, ""),
    ],
)
def test_mask_for_log(value: str | None, expected: str) -> None:
    masked = mask_for_log(value)
    assert masked == expected
    assert masked.isascii()


@st.composite
def id_numbers(draw: st.DrawFn) -> tuple[str, slice]:
    """A valid number and where its birth date sits (GB 11643 layout, or the 2017 card's YYMMDD)."""
    born = draw(st.dates(min_value=date(1900, 1, 1), max_value=date(2026, 11, 23)))
    if draw(st.booleans()):
        body = (
            draw(st.sampled_from(["110105", "320115", "810000", "911398"])) + born.strftime("%Y%m%d") + "123"
        )
        return body + resident_check_char(body), slice(6, 14)
    body = "USA3201" + born.strftime("%y%m%d") + "1"
    return body + icao_check_digit(body), slice(7, 13)


@given(id_numbers(), st.integers(-3, 30), st.integers(-3, 30))
def test_the_birth_date_is_never_shown(number_and_date: tuple[str, slice], head: int, tail: int) -> None:
    number, birth = number_and_date
    for masked in (mask_id_number(number, keep_head=head, keep_tail=tail), mask_for_log(number)):
        assert len(masked) == len(number)
        assert set(masked[birth]) == {"*"}


@given(st.one_of(st.none(), st.text()))
def test_odd_input_never_raises(value: str | None) -> None:
    for mask in (mask_id_number, mask_name, mask_phone, mask_bank_account, mask_for_log):
        assert isinstance(mask(value), str)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("6222021001123456789", "622202*********6789"),
        ("6222 0210 0112 3456 789", "622202*********6789"),
        ("1234-5678-90", "******7890"),
        ("1234567", "*******"),
        ("", ""),
        (None, ""),
    ],
)
def test_mask_bank_account(value: str | None, expected: str) -> None:
    assert mask_bank_account(value) == expected


def test_mask_field_by_type() -> None:
    assert mask_field("name", "林晓雨") == "林*雨"
    assert mask_field("phone", "13912345678") == "139****5678"
    assert mask_field("bank_account", "6222021001123456789") == "622202*********6789"
    assert mask_field("text", "中国工商银行") == "中国工商银行"  # not personal
    assert mask_field(None, "周建国") == "***"  # unknown: could be anything
