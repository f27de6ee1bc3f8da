"""validate_field: every FieldType has a validator, values come back normalised, messages are precise."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from core.catalog.model import FieldType
from core.errors import ValidationError
from core.validation import validate_field
from core.validation.idnumbers import resident_check_char

TODAY = date(2026, 11, 23)

# One valid typed value per type and what validate_field makes of it.
VALID: dict[FieldType, tuple[object, str | int]] = {
    FieldType.TEXT: ("  第一行\r\n第二行  ", "第一行\n第二行"),
    FieldType.NAME: (" 阿卜杜拉 • 买买提 ", "阿卜杜拉·买买提"),
    FieldType.ID_NUMBER: ("11010519491231002x", "11010519491231002X"),
    FieldType.PHONE: ("+86 138-1234-1234", "13812341234"),
    FieldType.DATE: ("２０２４-０２-２９", "2024-02-29"),
    FieldType.SEX: ("女性", "女"),
    FieldType.ENUM: (" married ", "married"),
    FieldType.ADDRESS: (" 江苏省南京市江宁区某某路 1 号 ", "江苏省南京市江宁区某某路 1 号"),
    FieldType.BIRTH_CERT_NO: ("q440123456", "Q440123456"),
    FieldType.USCC: ("91350100m000100y43", "91350100M000100Y43"),
    FieldType.INT: ("３", 3),
    FieldType.BANK_ACCOUNT: ("6222 0212 3456 7890 123", "6222021234567890123"),
}
OPTIONS = ("married", "unmarried")


def check(field_type: FieldType, value: object, **kwargs: object) -> str | int:
    return validate_field(field_type, value, field="form.x", today=TODAY, options=OPTIONS, **kwargs)  # type: ignore[arg-type]


def message(field_type: FieldType, value: object, **kwargs: object) -> str:
    with pytest.raises(ValidationError) as caught:
        check(field_type, value, **kwargs)
    assert caught.value.field == "form.x"
    return caught.value.message


def test_every_field_type_has_a_case() -> None:
    assert set(VALID) == set(FieldType)


@pytest.mark.parametrize("field_type", list(FieldType))
def test_valid_values_are_normalised(field_type: FieldType) -> None:
    typed, expected = VALID[field_type]
    assert check(field_type, typed) == expected


@pytest.mark.parametrize("field_type", list(FieldType))
@pytest.mark.parametrize("empty", [None, "", "   "])
def test_empty_required_values_ask_to_fill_in(field_type: FieldType, empty: object) -> None:
    assert message(field_type, empty).startswith("请填写")


def test_the_label_names_the_empty_field() -> None:
    assert message(FieldType.NAME, "", label="母亲姓名") == "请填写母亲姓名"
    assert message(FieldType.ID_NUMBER, None) == "请填写身份证件号码"


def test_empty_optional_values_are_blank() -> None:
    assert check(FieldType.PHONE, " ", required=False) == ""


@pytest.mark.parametrize(
    ("field_type", "value", "expected"),
    [
        (FieldType.NAME, "王小明2", "姓名中不能有数字、符号或控制字符，请检查“2”"),
        (FieldType.NAME, "王小明\x00", "姓名中不能有数字、符号或控制字符"),
        (FieldType.NAME, "·买买提", "姓名中的“·”不能在开头、结尾或连续出现"),
        (FieldType.NAME, "阿卜杜拉··买买提", "姓名中的“·”不能在开头、结尾或连续出现"),
        (FieldType.NAME, "王" * 51, "姓名不能超过 50 个字，现在是 51 个字"),
        (FieldType.NAME, "--", "姓名不能只有符号"),
        (FieldType.DATE, "2023-02-29", "日期 2023-02-29 不存在"),
        (FieldType.DATE, "2023/02/01", "日期应为“年-月-日”格式，如 2024-05-01"),
        (FieldType.DATE, "0023-02-01", "日期 0023-02-01 的年份不在 1900–2100 之间"),
        (FieldType.SEX, "M", "性别应为“男”或“女”"),
        (FieldType.ENUM, "divorced", "此项只能从给定的选项中选择（married、unmarried）"),
        (FieldType.TEXT, "a\x07b", "此项中含有换行或不可见的控制字符，请删除后重新输入"),
        (FieldType.TEXT, "字" * 501, "此项不能超过 500 个字，现在是 501 个字"),
        (FieldType.ADDRESS, "第一行\n第二行", "地址中含有换行或不可见的控制字符，请删除后重新输入"),
        (FieldType.ADDRESS, "零宽\u200b空格", "地址中含有换行或不可见的控制字符，请删除后重新输入"),
        (FieldType.INT, "3.5", "此项应为整数"),
        (FieldType.INT, True, "此项应为整数"),
        (FieldType.BANK_ACCOUNT, "62220212345", "银行账号应为 12–30 位数字，现在是 11 位"),
        (FieldType.BANK_ACCOUNT, "6222a2123456", "银行账号只能包含数字，现在有“a”"),
        (FieldType.ID_NUMBER, "110105194912310021", "身份证号码校验位不正确（最后一位应为 X）"),
        (FieldType.PHONE, 13812341234, "联系电话格式不正确"),
    ],
)
def test_messages_name_the_problem(field_type: FieldType, value: object, expected: str) -> None:
    assert message(field_type, value) == expected


def test_names_of_other_scripts_and_latin_punctuation_are_accepted() -> None:
    assert check(FieldType.NAME, "Jean-Luc  O'Neil") == "Jean-Luc O'Neil"
    assert check(FieldType.NAME, "李\ue000明") == "李\ue000明"  # 生僻字 as a private-use code point
    assert check(FieldType.NAME, "张") == "张"


def test_dates_and_ints_may_arrive_typed() -> None:
    assert check(FieldType.DATE, date(2024, 5, 1)) == "2024-05-01"
    assert check(FieldType.DATE, datetime(2024, 5, 1, 9, 30)) == "2024-05-01"
    assert check(FieldType.INT, -7) == -7
    assert check(FieldType.INT, "+12") == 12


def test_an_enum_without_options_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="no options"):
        validate_field(FieldType.ENUM, "x", field="form.x", today=TODAY)


def test_id_number_uses_the_given_today() -> None:
    number = "11010520261124002"  # born 2026-11-24: the day after TODAY
    assert "晚于今天" in message(FieldType.ID_NUMBER, number + resident_check_char(number))
    later = validate_field(
        FieldType.ID_NUMBER, number + resident_check_char(number), field="f", today=date(2026, 11, 24)
    )
    assert later == number + resident_check_char(number)
