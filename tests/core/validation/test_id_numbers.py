"""Personal ID numbers: research test vectors, precise Chinese messages, and every typo rejected."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.errors import ValidationError
from core.validation import IdKind, IdNumberInfo, parse_id_number
from core.validation.idnumbers import icao_check_digit, resident_check_char

TODAY = date(2026, 11, 23)
# Region codes for generated numbers: current and abolished ones (110103 崇文区 until 2010).
REGIONS = ["110105", "110103", "320115", "360426", "440308", "120110", "429004", "650102", "540102"]


def parse(value: str) -> IdNumberInfo:
    return parse_id_number(value, today=TODAY)


def message(value: str) -> str:
    with pytest.raises(ValidationError) as caught:
        parse(value)
    assert caught.value.field == "id_number"
    return caught.value.message


@pytest.mark.parametrize(
    ("number", "birth", "sex", "region", "name"),
    [
        # domain.md §10.1 / devices.md §1.13 test vectors (GB 11643-1999 example: 11010519491231002X)
        ("11010519491231002X", date(1949, 12, 31), "女", "110105", "北京市朝阳区"),
        ("360426199101010071", date(1991, 1, 1), "男", "360426", "江西省九江市德安县"),
        ("440308199901101512", date(1999, 1, 10), "男", "440308", "广东省深圳市盐田区"),
    ],
)
def test_research_vectors_parse_as_resident_ids(
    number: str, birth: date, sex: str, region: str, name: str
) -> None:
    info = parse(number)
    assert info.kind is IdKind.RESIDENT
    assert (info.number, info.birth_date, info.sex, info.region_code, info.region_name) == (
        number,
        birth,
        sex,
        region,
        name,
    )


@pytest.mark.parametrize(
    "typed",
    [
        "11010519491231002x",
        " 110105 19491231 002X ",
        "１１０１０５１９４９１２３１００２Ｘ",
        "１１０１０５１９４９１２３１００２ｘ",
    ],
)
def test_lower_case_x_spaces_and_full_width_digits_are_normalised(typed: str) -> None:
    assert parse(typed).number == "11010519491231002X"


def test_historic_region_codes_are_accepted() -> None:
    number = "11010319800101001" + resident_check_char("11010319800101001")  # 崇文区, abolished 2010
    info = parse(number)
    assert info.region_code == "110103"
    assert info.region_name == "北京市崇文区"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("11010519491231002", "身份证号码应为 18 位，现在是 17 位"),
        ("1101051949123100211", "身份证号码应为 18 位，现在是 19 位"),
        ("110105194912310021", "身份证号码校验位不正确（最后一位应为 X）"),
        ("360426199101010072", "身份证号码校验位不正确（最后一位应为 1）"),
        ("110105199902310027", "身份证号码中的出生日期 19990231 不存在"),
        ("110105203012310021", "身份证号码中的出生日期 20301231 晚于今天"),
        ("110105189912310021", "身份证号码中的出生日期 18991231 早于 1900 年"),
        ("999999199901011234", "身份证号码前六位 999999 不是有效的行政区划代码"),
        ("11010519491231A02X", "身份证号码第 15 位“A”应为数字"),
        ("11010519491231002Y", "身份证号码最后一位应为数字或 X，现在是“Y”"),
        ("110105491231002", "这是 15 位的旧身份证号码，已停止使用，请提供 18 位的公民身份号码"),
        ("", "请填写身份证件号码"),
        ("   ", "请填写身份证件号码"),
    ],
)
def test_messages_name_the_problem(value: str, expected: str) -> None:
    assert message(value) == expected


def test_birth_today_is_accepted_and_tomorrow_is_not() -> None:
    born_today = "110105" + TODAY.strftime("%Y%m%d") + "002"
    assert parse(born_today + resident_check_char(born_today)).birth_date == TODAY
    tomorrow = "110105" + date(2026, 11, 24).strftime("%Y%m%d") + "002"
    assert "晚于今天" in message(tomorrow + resident_check_char(tomorrow))


def test_the_field_name_is_the_callers() -> None:
    with pytest.raises(ValidationError) as caught:
        parse_id_number("123", field="mother.id_number", today=TODAY)
    assert caught.value.field == "mother.id_number"


@pytest.mark.parametrize(
    ("prefix", "name"), [("810000", "香港特别行政区"), ("820000", "澳门特别行政区"), ("830000", "台湾地区")]
)
def test_hk_macao_taiwan_residence_permits(prefix: str, name: str) -> None:
    body = prefix + "19900101" + "003"
    info = parse(body + resident_check_char(body))
    assert info.kind is IdKind.HK_MO_TW_PERMIT
    assert (info.region_code, info.region_name, info.sex, info.birth_date) == (
        prefix,
        name,
        "男",
        date(1990, 1, 1),
    )


def test_permit_with_a_wrong_check_character_is_named_as_a_permit() -> None:
    body = "83000019900101003"
    good = resident_check_char(body)
    bad = "1" if good == "0" else "0"
    assert message(body + bad) == f"港澳台居民居住证号码校验位不正确（最后一位应为 {good}）"


def test_foreign_permanent_residence_card_2023() -> None:
    # howardli/CredentialKit test vector: 9 + 11 (Beijing) + 398 (Kazakhstan) + 19901231 + 002 + 1
    info = parse("911398199012310021")
    assert info.kind is IdKind.FOREIGN_PERMANENT_2023
    assert (info.birth_date, info.sex, info.region_code, info.region_name) == (
        date(1990, 12, 31),
        "女",
        "110000",
        None,
    )
    assert message("911398199012310022") == "外国人永久居留身份证号码校验位不正确（最后一位应为 1）"
    assert message("911398199002310021") == "外国人永久居留身份证号码中的出生日期 19900231 不存在"


def test_foreign_permanent_residence_card_2017() -> None:
    # howardli/CredentialKit test vector: KAZ + 1100 (Beijing) + 901231 + 0 + ICAO check 5
    info = parse("kaz110090123105")
    assert info.kind is IdKind.FOREIGN_PERMANENT_2017
    assert (info.number, info.birth_date, info.sex, info.region_code, info.region_name) == (
        "KAZ110090123105",
        date(1990, 12, 31),
        "女",
        "110000",
        None,
    )
    assert message("KAZ110090123107") == "外国人永久居留身份证号码校验位不正确（最后一位应为 5）"
    assert message("KAZ110090023105") == "外国人永久居留身份证号码中的出生日期 900231 不存在"
    assert message("KAZ990090123105") == "外国人永久居留身份证号码第 4–7 位 9900 不是有效的受理地区代码"
    assert (
        message("KAZ11009012310")
        == "外国人永久居留身份证号码应为 15 位（3 个字母加 12 位数字），现在是 14 位"
    )
    assert (
        message("K1Z110090123105")
        == "外国人永久居留身份证号码前三位应为国籍代码（3 个英文字母），现在是“K1Z”"
    )


def test_2017_card_two_digit_year_takes_the_latest_century_not_in_the_future() -> None:
    body = "USA1100" + "100505" + "1"
    assert parse(body + icao_check_digit(body)).birth_date == date(2010, 5, 5)
    body = "USA1100" + "300505" + "1"  # 2030 would be in the future
    assert parse(body + icao_check_digit(body)).birth_date == date(1930, 5, 5)


def test_check_functions_match_the_published_algorithms() -> None:
    # GB 11643-1999 example and ICAO 9303 example document number L898902C3 → check digit 6
    assert resident_check_char("11010519491231002") == "X"
    assert icao_check_digit("L898902C3") == "6"


# --- every typo is caught -------------------------------------------------------------------------


@st.composite
def valid_numbers(draw: st.DrawFn) -> str:
    """A valid 18-character number of any kind that shares the MOD 11-2 check."""
    born = draw(st.dates(min_value=date(1900, 1, 1), max_value=TODAY)).strftime("%Y%m%d")
    order = f"{draw(st.integers(0, 999)):03d}"
    prefix = draw(
        st.one_of(
            st.sampled_from(REGIONS),
            st.sampled_from(["810000", "820000", "830000"]),
            st.builds(
                lambda p, n: "9" + p + f"{n:03d}", st.sampled_from(["11", "32", "44"]), st.integers(0, 999)
            ),
        )
    )
    body = prefix + born + order
    number = body + resident_check_char(body)
    parse(number)  # the generator itself must produce valid numbers
    return number


SUBSTITUTES = "0123456789XA"


@given(valid_numbers())
def test_every_single_character_substitution_is_rejected(number: str) -> None:
    for i, original in enumerate(number):
        for replacement in SUBSTITUTES:
            if replacement != original:
                with pytest.raises(ValidationError):
                    parse(number[:i] + replacement + number[i + 1 :])


@given(valid_numbers())
def test_every_adjacent_transposition_is_rejected(number: str) -> None:
    for i in range(len(number) - 1):
        if number[i] != number[i + 1]:
            swapped = number[:i] + number[i + 1] + number[i] + number[i + 2 :]
            with pytest.raises(ValidationError):
                parse(swapped)


@given(
    st.from_regex(r"[A-Z]{3}", fullmatch=True),
    st.dates(min_value=date(1950, 1, 1), max_value=TODAY),
    st.integers(0, 9),
)
def test_2017_card_every_digit_substitution_is_rejected(nationality: str, born: date, order: int) -> None:
    # ICAO 7-3-1 catches every single wrong digit, but not every letter swap (A=10 and K=20 differ
    # by 10) nor every transposition (0↔5 under weights 7 and 3): so only digits are asserted here.
    body = nationality + "3201" + born.strftime("%y%m%d") + str(order)
    number = body + icao_check_digit(body)
    parse(number)
    for i in range(3, 15):
        for digit in "0123456789":
            if digit != number[i]:
                with pytest.raises(ValidationError):
                    parse(number[:i] + digit + number[i + 1 :])


# domain-review.md §3 V1: GB/T 2260 has 台湾省 (71), 香港 (81) and 澳门 (82), yet no mainland
# 公民身份号码 is issued under them, and the 2023 permanent residence card's province is the
# mainland province that issued it. Check characters are right: only the region is wrong.
@pytest.mark.parametrize(
    ("first17", "expected"),
    [
        ("71000019800101001", "身份证号码前六位 710000 是台湾省的代码"),
        ("71010219800101001", "身份证号码前六位 710102 是台湾省的代码"),
        ("97184019800101001", "外国人永久居留身份证号码第 2–3 位 71 是台湾省的代码"),
        ("98184019800101001", "外国人永久居留身份证号码第 2–3 位 81 是香港特别行政区的代码"),
        ("98284019800101001", "外国人永久居留身份证号码第 2–3 位 82 是澳门特别行政区的代码"),
    ],
)
def test_regions_never_issued_on_the_mainland_are_refused(first17: str, expected: str) -> None:
    assert message(first17 + resident_check_char(first17)).startswith(expected)


def test_the_reviews_foreigner_card_with_hong_kong_is_refused() -> None:
    assert "81 是香港特别行政区的代码" in message("981840198001010016")  # domain-review.md §3 V1


def test_hong_kong_and_macao_permits_keep_their_prefixes() -> None:
    for first17 in ("81000019800101001", "82000019800101002", "83000019800101003"):
        assert parse(first17 + resident_check_char(first17)).kind is IdKind.HK_MO_TW_PERMIT
