"""Typed identity documents: 回乡证, 台胞证, foreign passports, their nationality and 居留许可 numbers.

Sources (core/validation/travel_documents.py cites them in full): 公安部出入境管理局《港澳居民来往内地
通行证号码规则》(2010): H/M + 8-digit lifelong number + 2 digits of 换证次数; 台胞证 "一人一号、终身不变"
8 digits since 2008-09-25 (10 with the earlier 签发次数); ICAO Doc 9303 for passport numbers and
three-letter nationality codes.
"""

from __future__ import annotations

from datetime import date

import pytest

from core.errors import ValidationError
from core.validation.idnumbers import IdKind
from core.validation.travel_documents import (
    document_kind,
    parse_document_number,
    parse_latin_name,
    parse_nationality,
    parse_residence_permit,
    typed_birth_date,
)

TODAY = date(2026, 12, 7)


def number(kind: IdKind, value: str) -> str:
    return parse_document_number(kind, value, field="applicant.id_number", today=TODAY)


def refusal(kind: IdKind, value: str) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        number(kind, value)
    assert caught.value.field == "applicant.id_number"
    return caught.value


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("H12345678", "H12345678"),  # the lifelong number alone
        ("H1234567800", "H1234567800"),  # first issue: 换证次数 00
        ("m 1234 5678 01", "M1234567801"),  # 澳门, reissued once; spaces and case normalised
        ("Ｈ１２３４５６７８", "H12345678"),  # full width
    ],
)
def test_hk_macao_permit_numbers(typed: str, expected: str) -> None:
    assert number(IdKind.HK_MO_TRAVEL_PERMIT, typed) == expected


@pytest.mark.parametrize("typed", ["A12345678", "H1234567", "H123456789", "H12345678001", "12345678"])
def test_hk_macao_permit_shapes_refused(typed: str) -> None:
    error = refusal(IdKind.HK_MO_TRAVEL_PERMIT, typed)
    assert error.code == "document.shape"
    assert error.message.startswith("港澳居民来往内地通行证号码应为 H（香港）或 M（澳门）加 8 位数字")


@pytest.mark.parametrize("typed", ["12345678", "1234567801"])
def test_taiwan_permit_numbers(typed: str) -> None:
    assert number(IdKind.TW_TRAVEL_PERMIT, typed) == typed


@pytest.mark.parametrize("typed", ["1234567", "123456789", "T1234567", "12345678(B)"])
def test_taiwan_permit_shapes_refused(typed: str) -> None:
    assert refusal(IdKind.TW_TRAVEL_PERMIT, typed).message.startswith(
        "台湾居民来往大陆通行证号码应为 8 位数字"
    )


@pytest.mark.parametrize(
    ("typed", "expected"), [("e1234567a", "E1234567A"), ("123456789", "123456789"), ("AB123", "AB123")]
)
def test_passport_numbers_are_bounded_alphanumerics(typed: str, expected: str) -> None:
    assert number(IdKind.FOREIGN_PASSPORT, typed) == expected


@pytest.mark.parametrize("typed", ["AB12", "A" * 21, "E1234-567", "护照123456"])
def test_passport_numbers_out_of_shape_refused(typed: str) -> None:
    assert refusal(IdKind.FOREIGN_PASSPORT, typed).message.startswith(
        "外国护照号码应为 5–20 位英文字母或数字"
    )


def test_an_empty_number_names_the_document() -> None:
    assert refusal(IdKind.TW_TRAVEL_PERMIT, "  ").message == "请填写台湾居民来往大陆通行证号码"


def test_card_kinds_go_through_the_card_rules_and_must_match() -> None:
    assert number(IdKind.RESIDENT, "11010519491231002x") == "11010519491231002X"
    error = refusal(IdKind.HK_MO_TW_PERMIT, "11010519491231002X")
    assert error.message == "这是居民身份证的号码，不是港澳台居民居住证的号码，请核对证件类型"
    assert refusal(IdKind.RESIDENT, "110105194912310021").code == "id_number.check_digit"


@pytest.mark.parametrize(("typed", "expected"), [("usa", "USA"), (" GBR ", "GBR"), ("D", "D")])
def test_nationality_codes(typed: str, expected: str) -> None:
    assert parse_nationality(typed, field="applicant.nationality") == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("US", "国籍应为护照上的三位字母代码（如 USA、GBR、JPN），现在是“US”"),
        ("840", "国籍应为护照上的三位字母代码（如 USA、GBR、JPN），现在是“840”"),
        ("chn", "国籍为 CHN 的是中国护照，不是外国护照；中国公民请使用居民身份证"),
        ("", "请填写国籍（护照上的三位字母代码，如 USA）"),
    ],
)
def test_nationality_refusals(typed: str, expected: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_nationality(typed, field="applicant.nationality")
    assert caught.value.message == expected
    assert caught.value.field == "applicant.nationality"


def test_residence_permit_is_optional_and_bounded() -> None:
    assert parse_residence_permit("", field="f") == ""
    assert parse_residence_permit("y 1234 5678", field="f") == "Y12345678"
    with pytest.raises(ValidationError, match="居留许可号码应为 6–20 位英文字母或数字"):
        parse_residence_permit("Y123", field="f")


def test_latin_names_as_passports_print_them() -> None:
    assert parse_latin_name("  john   o'brien-smith ", field="f") == "JOHN O'BRIEN-SMITH"
    assert parse_latin_name("", field="f") == ""
    for bad in ("张三", "JOHN2", "A" * 81, "JOSÉ"):
        with pytest.raises(ValidationError, match="外文姓名只能用英文字母"):
            parse_latin_name(bad, field="f")


def test_typed_birth_dates() -> None:
    assert typed_birth_date("1980-02-29", field="applicant.birth_date", today=TODAY) == date(1980, 2, 29)
    with pytest.raises(ValidationError, match="晚于今天"):
        typed_birth_date("2026-12-08", field="applicant.birth_date", today=TODAY)
    with pytest.raises(ValidationError, match="出生日期"):
        typed_birth_date("1981-02-29", field="applicant.birth_date", today=TODAY)


def test_unknown_document_kinds_list_the_choices() -> None:
    assert document_kind("foreign_passport", "applicant.id_kind") is IdKind.FOREIGN_PASSPORT
    with pytest.raises(ValidationError) as caught:
        document_kind("military", "applicant.id_kind")
    assert "不认识的证件类型“military”" in caught.value.message
    assert "foreign_passport（外国护照）" in caught.value.message


def test_a_card_number_typed_as_a_passport_number_is_refused() -> None:
    error = refusal(IdKind.FOREIGN_PASSPORT, "11010519491231002X")
    assert error.message == "这是居民身份证的号码，不是外国护照的号码，请核对证件类型"
