"""Unified social credit codes (GB 32100-2015): test vectors, messages, and every typo rejected."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.errors import ValidationError
from core.validation import parse_uscc
from core.validation.organisations import (
    REGISTRARS,
    USCC_ALPHABET,
    organisation_code_check_char,
    uscc_check_char,
)


def message(value: str) -> str:
    with pytest.raises(ValidationError) as caught:
        parse_uscc(value, field="company.uscc")
    assert caught.value.field == "company.uscc"
    return caught.value.message


@pytest.mark.parametrize("code", ["91110000600037341L", "91350100M000100Y43", "911100007109288314"])
def test_research_vectors_are_valid(code: str) -> None:  # domain.md §10.2
    assert parse_uscc(code, field="uscc") == code


# The real codes of domain-review.md §3 (published on the bodies' licences and sites) pass the
# GB 32100 registrar/category table too: 9+1 企业 and 1+2 事业单位.
@pytest.mark.parametrize(
    "code",
    [
        "914403001922038216",
        "9144030071526726XG",
        "91330100716105852F",
        "91110108551385082Q",
        "12100000400000624D",
    ],
)
def test_real_codes_of_the_review_pass(code: str) -> None:
    assert parse_uscc(code, field="uscc") == code


# domain-review.md §3 V3: both check characters are right, but 0 is no 登记管理部门码 and the 工商
# department (9) assigns no category 0 (GB 32100-2015 with its 2016 amendment).
@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("01110000600037341X", "统一社会信用代码第 1 位“0”不是登记管理部门代码（GB 32100）"),
        ("90110000600037341P", "统一社会信用代码第 2 位“0”不是工商部门的机构类别代码（可为 1、2、3）"),
    ],
)
def test_unallocated_registrar_and_category_are_refused(code: str, expected: str) -> None:
    assert uscc_check_char(code[:17]) == code[17]  # the checks alone would let them through
    assert message(code) == expected


def test_other_registrars_assign_other_categories() -> None:
    first17 = "Y1110000600037341"  # Y 其他: "统一用1表示"
    assert parse_uscc(first17 + uscc_check_char(first17), field="uscc").startswith("Y1")
    first17 = "Y2110000600037341"
    with pytest.raises(ValidationError, match="不是其他部门的机构类别代码"):
        parse_uscc(first17 + uscc_check_char(first17), field="uscc")


def test_embedded_organisation_codes_check() -> None:  # domain.md §10.2: 60003734-1, 71092883-1
    assert organisation_code_check_char("60003734") == "1"
    assert organisation_code_check_char("71092883") == "1"


def test_lower_case_spaces_and_full_width_are_normalised() -> None:
    assert parse_uscc(" 91350100m000100y43 ", field="uscc") == "91350100M000100Y43"
    full_width = "".join(chr(ord(char) + 0xFEE0) for char in "91110000600037341L")
    assert parse_uscc(full_width, field="uscc") == "91110000600037341L"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("", "请填写统一社会信用代码"),
        ("91110000600037341", "统一社会信用代码应为 18 位，现在是 17 位"),
        ("91110000600037341A", "统一社会信用代码校验位不正确（最后一位应为 L）"),
        (
            "9111000060003734IL",
            "统一社会信用代码第 17 位“I”不是有效字符（只用数字和除 I、O、S、V、Z 以外的大写字母）",
        ),
        ("91A10000600037341L", "统一社会信用代码第 3–8 位应为行政区划代码（6 位数字），现在是“A10000”"),
    ],
)
def test_messages_name_the_problem(value: str, expected: str) -> None:
    assert message(value) == expected


def test_a_wrong_organisation_check_with_a_right_final_check_is_caught() -> None:
    first17 = "91110000600037342"  # 60003734 needs check 1, not 2
    code = first17 + uscc_check_char(first17)
    assert message(code) == "统一社会信用代码第 17 位（组织机构代码校验位）不正确，应为 1"


@st.composite
def valid_codes(draw: st.DrawFn) -> str:
    alphabet = st.sampled_from(USCC_ALPHABET)
    registrar = draw(st.sampled_from(sorted(REGISTRARS)))
    category = draw(st.sampled_from(REGISTRARS[registrar][1]))
    head = registrar + category + draw(st.from_regex(r"[0-9]{6}", fullmatch=True))
    body = "".join(draw(st.lists(alphabet, min_size=8, max_size=8)))
    first17 = head + body + organisation_code_check_char(body)
    code = first17 + uscc_check_char(first17)
    parse_uscc(code, field="uscc")
    return code


SUBSTITUTES = USCC_ALPHABET + "IOSVZ"


@given(valid_codes())
def test_every_single_character_substitution_is_rejected(code: str) -> None:
    for i, original in enumerate(code):
        for replacement in SUBSTITUTES:
            if replacement != original:
                with pytest.raises(ValidationError):
                    parse_uscc(code[:i] + replacement + code[i + 1 :], field="uscc")


@given(valid_codes())
def test_every_adjacent_transposition_is_rejected(code: str) -> None:
    for i in range(len(code) - 1):
        if code[i] != code[i + 1]:
            with pytest.raises(ValidationError):
                parse_uscc(code[:i] + code[i + 1] + code[i] + code[i + 2 :], field="uscc")
