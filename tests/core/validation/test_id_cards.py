"""The number a reader read, checked against the card it came from: kind, birth date and sex digit."""

from __future__ import annotations

from datetime import date

import pytest

from core.errors import ValidationError
from core.validation.id_cards import check_card_number

TODAY = date(2026, 11, 23)


def refusal(kind: str, number: str, birth: date, sex: str) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        check_card_number(kind, number, birth_date=birth, sex=sex, today=TODAY)
    assert caught.value.field == "id_number"
    assert caught.value.detail.isascii()  # English for logs and the CLI
    return caught.value


@pytest.mark.parametrize(
    ("kind", "number", "birth", "sex"),
    [
        ("resident", "11010519491231002X", date(1949, 12, 31), "女"),
        ("resident", "330106196810021370", date(1968, 10, 2), "男"),
        ("hk_mo_tw_permit", "810000199511234522", date(1995, 11, 23), "女"),
        ("foreign_permanent_2023", "911826198504120014", date(1985, 4, 12), "男"),
        # The 2017 card's YYMMDD is compared without a century; sex is not read from its number.
        ("foreign_permanent_2017", "ESP310090082114", date(1990, 8, 21), "女"),
    ],
)
def test_a_card_whose_number_agrees_with_it_passes(kind: str, number: str, birth: date, sex: str) -> None:
    assert check_card_number(kind, number, birth_date=birth, sex=sex, today=TODAY).number == number


def test_the_impossible_number_of_the_issue_is_refused() -> None:
    # issue #10 bug 9: line noise turned 320115… into 320Q15… and the card reached the GUI.
    assert "第 4 位“Q”应为数字" in refusal("resident", "320Q15199003070043", date(1990, 3, 7), "女").message


def test_a_wrong_check_character_is_refused() -> None:
    assert "校验位" in refusal("resident", "320115199003070044", date(1990, 3, 7), "女").message


def test_a_birth_date_field_that_disagrees_with_the_number_is_refused() -> None:
    error = refusal("resident", "320115199003070043", date(1990, 3, 8), "女")
    assert "出生日期" in error.message and "birth date" in error.detail


def test_a_sex_field_that_disagrees_with_the_sex_digit_is_refused() -> None:
    assert "性别" in refusal("resident", "320115199003070043", date(1990, 3, 7), "男").message
    assert "性别" in refusal("hk_mo_tw_permit", "810000199511234522", date(1995, 11, 23), "未知").message


def test_a_number_of_another_kind_of_document_is_refused() -> None:
    error = refusal("hk_mo_tw_permit", "320115199003070043", date(1990, 3, 7), "女")
    assert "港澳台居民居住证" in error.message and "resident number" in error.detail


def test_a_2017_card_with_another_birth_day_is_refused() -> None:
    assert "出生日期" in refusal("foreign_permanent_2017", "ESP310090082114", date(1990, 8, 22), "女").message


def test_an_unknown_kind_is_refused_not_a_crash() -> None:
    assert "证件类型" in refusal("passport", "320115199003070043", date(1990, 3, 7), "女").message
