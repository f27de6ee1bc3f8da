"""Personal ID document numbers: resident ID (GB 11643-1999), HK/Macao/Taiwan permits, foreigners' cards.

The travel documents staff type in (回乡证, 台胞证, foreign passports) are core.validation.travel_documents.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from core.errors import ValidationError
from core.validation.regions import is_known_region, region_name


class IdKind(StrEnum):
    """Which document a number belongs to. Persisted values: never change them."""

    RESIDENT = "resident"  # 居民身份证 (公民身份号码)
    HK_MO_TW_PERMIT = "hk_mo_tw_permit"  # 港澳台居民居住证
    FOREIGN_PERMANENT_2017 = "foreign_permanent_2017"  # 外国人永久居留身份证, 15 characters
    FOREIGN_PERMANENT_2023 = "foreign_permanent_2023"  # 外国人永久居留身份证, 18 digits starting with 9
    # Typed from the document (no chip read here): core.validation.travel_documents.
    HK_MO_TRAVEL_PERMIT = "hk_mo_travel_permit"  # 港澳居民来往内地通行证 (回乡证)
    TW_TRAVEL_PERMIT = "tw_travel_permit"  # 台湾居民来往大陆通行证 (台胞证)
    FOREIGN_PASSPORT = "foreign_passport"  # 外国护照 (with its 外国人居留许可, if any)


# What each document is called on screens and receipts (one table: id_cards and intake use it).
DOCUMENT_NAMES: dict[IdKind, str] = {
    IdKind.RESIDENT: "居民身份证",
    IdKind.HK_MO_TW_PERMIT: "港澳台居民居住证",
    IdKind.FOREIGN_PERMANENT_2017: "外国人永久居留身份证（2017版）",
    IdKind.FOREIGN_PERMANENT_2023: "外国人永久居留身份证（2023版）",
    IdKind.HK_MO_TRAVEL_PERMIT: "港澳居民来往内地通行证",
    IdKind.TW_TRAVEL_PERMIT: "台湾居民来往大陆通行证",
    IdKind.FOREIGN_PASSPORT: "外国护照",
}


@dataclass(frozen=True, slots=True)
class IdNumberInfo:
    """What a valid number tells: the normalised number, birth date, sex and issuing region."""

    kind: IdKind
    number: str
    birth_date: date
    sex: str  # "男" or "女"
    region_code: str
    region_name: str | None  # None for foreigners' cards


# ISO 7064:1983 MOD 11-2 as GB 11643-1999 uses it: W[i] = 2^(17-i) mod 11 over the first 17 digits.
_MOD11_2_WEIGHTS = tuple(2 ** (17 - i) % 11 for i in range(17))
# 港澳台居民居住证 use these GB 11643-shaped prefixes instead of a GB/T 2260 county code.
_PERMIT_REGIONS = {"810000": "香港特别行政区", "820000": "澳门特别行政区", "830000": "台湾地区"}
# GB/T 2260 lists 台湾省 (71), 香港 (81) and 澳门 (82), but no mainland 公民身份号码 is issued under
# them (their residents hold the 居住证 above or the travel permits), and the 2023 permanent
# residence card's province is the mainland province that issued it (domain-review.md §3 V1).
_NO_MAINLAND_ISSUE = {"71": "台湾省", "81": "香港特别行政区", "82": "澳门特别行政区"}
_EARLIEST_BIRTH = date(1900, 1, 1)
_LETTERS3 = re.compile(r"[A-Z]{3}")

_RESIDENT = "身份证号码"
_PERMIT = "港澳台居民居住证号码"
_FOREIGN = "外国人永久居留身份证号码"


def resident_check_char(first17: str) -> str:
    """The GB 11643-1999 check character (ISO 7064 MOD 11-2) for 17 digits: 0–9 or X."""
    total = sum(int(digit) * weight for digit, weight in zip(first17, _MOD11_2_WEIGHTS, strict=True))
    return "10X98765432"[total % 11]


def icao_check_digit(chars: str) -> str:
    """The ICAO Doc 9303 check digit: weights 7, 3, 1 repeating; A=10 … Z=35; sum mod 10."""
    total = 0
    for i, char in enumerate(chars):
        value = int(char) if char.isdigit() else ord(char) - ord("A") + 10
        total += value * (7, 3, 1)[i % 3]
    return str(total % 10)


def normalise_id_number(value: str) -> str:
    """Full-width characters to ASCII (NFKC), whitespace removed, letters upper-cased (x → X)."""
    return "".join(unicodedata.normalize("NFKC", value).split()).upper()


def parse_id_number(value: str, *, field: str = "id_number", today: date) -> IdNumberInfo:
    """Validates any personal ID document number Tongban accepts; raises ValidationError otherwise.

    ``today`` is the device's date (injected so tests and the clock agree); a birth date after it
    is rejected.
    """
    number = normalise_id_number(value)
    if not number:
        raise ValidationError(field, "请填写身份证件号码", "ID number is empty", code="id_number.empty")
    if len(number) == 15 and number.isascii() and number.isdigit():
        raise ValidationError(
            field,
            "这是 15 位的旧身份证号码，已停止使用，请提供 18 位的公民身份号码",
            "legacy 15-digit resident ID number",
            code="id_number.legacy_15",
        )
    starts_with_letter = number[0].isascii() and number[0].isalpha()
    if (len(number) == 15 and starts_with_letter) or _LETTERS3.match(number):
        return _parse_foreign_2017(number, field, today)
    if len(number) != 18:
        raise ValidationError(
            field,
            f"{_RESIDENT}应为 18 位，现在是 {len(number)} 位",
            f"ID number has {len(number)} characters",
            code="id_number.length",
            params={"doc": _RESIDENT, "length": len(number)},
        )
    # No GB/T 2260 province starts with 9; the 2023 card puts a province code after its leading 9.
    # With an unknown province the number is more likely a mistyped resident ID: say so.
    if number[0] == "9" and number[1:3] in _NO_MAINLAND_ISSUE:
        place = _NO_MAINLAND_ISSUE[number[1:3]]
        raise ValidationError(
            field,
            f"{_FOREIGN}第 2–3 位 {number[1:3]} 是{place}的代码，永居证只由内地省级公安机关签发，请核对号码",
            f"2023 permanent residence card with province {number[1:3]} ({place}), never an issuer",
            code="id_number.foreign_province",
            params={"province": number[1:3]},
        )
    if number[0] == "9" and is_known_region(number[1:3] + "0000"):
        return _parse_foreign_2023(number, field, today)
    if number[:6] in _PERMIT_REGIONS:
        return _parse_gb11643(number, field, today, IdKind.HK_MO_TW_PERMIT, _PERMIT)
    return _parse_gb11643(number, field, today, IdKind.RESIDENT, _RESIDENT)


def _parse_gb11643(number: str, field: str, today: date, kind: IdKind, doc: str) -> IdNumberInfo:
    """GB 11643-1999 layout: address (6) + birth date YYYYMMDD (8) + order (3, odd = male) + check."""
    _require_digits17(number, field, doc)
    birth = _birth_date(number[6:14], field, today, doc)
    region = number[:6]
    if kind is IdKind.HK_MO_TW_PERMIT:
        name: str | None = _PERMIT_REGIONS[region]
    else:
        if region[:2] in _NO_MAINLAND_ISSUE:
            place = _NO_MAINLAND_ISSUE[region[:2]]
            raise ValidationError(
                field,
                f"{doc}前六位 {region} 是{place}的代码，内地居民身份证不使用此代码；"
                "港澳台居民请选择居住证或来往内地（大陆）通行证",
                f"resident ID with region {region} ({place}), never issued on a mainland card",
                code="id_number.region_not_issued",
                params={"doc": doc, "region": region},
            )
        if not is_known_region(region):
            raise ValidationError(
                field,
                f"{doc}前六位 {region} 不是有效的行政区划代码",
                f"unknown GB/T 2260 region {region}",
                code="id_number.region",
                params={"doc": doc, "region": region},
            )
        name = region_name(region)
    _require_mod11_2(number, field, doc)
    return IdNumberInfo(kind, number, birth, _sex(number[16]), region, name)


def _parse_foreign_2023(number: str, field: str, today: date) -> IdNumberInfo:
    """2023 外国人永久居留身份证: 9 + province (2) + ISO 3166-1 numeric nationality (3) + YYYYMMDD
    + order (3, odd = male) + MOD 11-2 check, as the National Immigration Administration's 2023
    machine-readable rules describe ("参照居民身份证", first digit 9, same check as GB 11643).

    The nationality is checked for shape only (three digits): Tongban ships no ISO 3166 table.
    """
    _require_digits17(number, field, _FOREIGN)
    birth = _birth_date(number[6:14], field, today, _FOREIGN)
    province = number[1:3] + "0000"  # a known province: parse_id_number checked it
    _require_mod11_2(number, field, _FOREIGN)
    return IdNumberInfo(IdKind.FOREIGN_PERMANENT_2023, number, birth, _sex(number[16]), province, None)


def _parse_foreign_2017(number: str, field: str, today: date) -> IdNumberInfo:
    """2017 外国人永久居留身份证: ISO 3166-1 alpha-3 nationality (3) + accepting region (4:
    province + prefecture of GB/T 2260) + birth date YYMMDD (6) + order (1) + check (1).

    Research is less sure here (devices.md §1.13, one secondary source, howardli/CredentialKit, with a
    test vector that checks): the ICAO 9303 7-3-1 check digit, the region meaning of digits 4–7 and
    sex from the order digit's parity. So the shape is checked strictly, the region only down to the
    province, and the nationality for shape only (no ISO 3166 table is shipped).
    """
    if len(number) != 15:
        raise ValidationError(
            field,
            f"{_FOREIGN}应为 15 位（3 个字母加 12 位数字），现在是 {len(number)} 位",
            f"2017 permanent residence card number has {len(number)} characters",
            code="id_number.foreign_length",
            params={"length": len(number)},
        )
    if not _LETTERS3.fullmatch(number[:3]):
        raise ValidationError(
            field,
            f"{_FOREIGN}前三位应为国籍代码（3 个英文字母），现在是“{number[:3]}”",
            "nationality code is not three letters",
            code="id_number.foreign_nationality",
            params={"prefix": number[:3]},
        )
    for position, char in enumerate(number[3:], start=4):
        if not ("0" <= char <= "9"):
            raise ValidationError(
                field,
                f"{_FOREIGN}第 {position} 位“{char}”应为数字",
                f"non-digit at position {position}",
                code="id_number.not_digit",
                params={"doc": _FOREIGN, "position": position, "char": char},
            )
    if not is_known_region(number[3:5] + "0000"):
        raise ValidationError(
            field,
            f"{_FOREIGN}第 4–7 位 {number[3:7]} 不是有效的受理地区代码",
            f"unknown accepting region {number[3:7]}",
            code="id_number.foreign_region",
            params={"region": number[3:7]},
        )
    birth = _birth_date_yymmdd(number[7:13], field, today)
    expected = icao_check_digit(number[:14])
    if number[14] != expected:
        raise ValidationError(
            field,
            f"{_FOREIGN}校验位不正确（最后一位应为 {expected}）",
            "check digit mismatch (ICAO 9303)",
            code="id_number.check_digit",
            params={"doc": _FOREIGN, "expected": expected},
        )
    return IdNumberInfo(
        IdKind.FOREIGN_PERMANENT_2017, number, birth, _sex(number[13]), number[3:7] + "00", None
    )


def _require_digits17(number: str, field: str, doc: str) -> None:
    for position, char in enumerate(number[:17], start=1):
        if not ("0" <= char <= "9"):
            raise ValidationError(
                field,
                f"{doc}第 {position} 位“{char}”应为数字",
                f"non-digit at position {position}",
                code="id_number.not_digit",
                params={"doc": doc, "position": position, "char": char},
            )
    last = number[17]
    if not ("0" <= last <= "9" or last == "X"):
        raise ValidationError(
            field,
            f"{doc}最后一位应为数字或 X，现在是“{last}”",
            "last character is not a digit or X",
            code="id_number.last_char",
            params={"doc": doc, "char": last},
        )


def _require_mod11_2(number: str, field: str, doc: str) -> None:
    expected = resident_check_char(number[:17])
    if number[17] != expected:
        raise ValidationError(
            field,
            f"{doc}校验位不正确（最后一位应为 {expected}）",
            "check character mismatch (ISO 7064 MOD 11-2)",
            code="id_number.check_digit",
            params={"doc": doc, "expected": expected},
        )


def _birth_date(digits: str, field: str, today: date, doc: str) -> date:
    try:
        birth = date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        raise ValidationError(
            field,
            f"{doc}中的出生日期 {digits} 不存在",
            f"birth date {digits} does not exist",
            code="id_number.birth_date_invalid",
            params={"doc": doc, "digits": digits},
        ) from None
    if birth > today:
        raise ValidationError(
            field,
            f"{doc}中的出生日期 {digits} 晚于今天",
            f"birth date {digits} is in the future",
            code="id_number.birth_date_future",
            params={"doc": doc, "digits": digits},
        )
    if birth < _EARLIEST_BIRTH:
        raise ValidationError(
            field,
            f"{doc}中的出生日期 {digits} 早于 1900 年",
            f"birth date {digits} is before 1900",
            code="id_number.birth_date_early",
            params={"doc": doc, "digits": digits},
        )
    return birth


def _birth_date_yymmdd(digits: str, field: str, today: date) -> date:
    """A two-digit year is the latest century that puts the date on or before ``today``."""
    for century in (2000, 1900):
        try:
            birth = date(century + int(digits[:2]), int(digits[2:4]), int(digits[4:]))
        except ValueError:
            continue
        if birth <= today:
            return birth
    raise ValidationError(
        field,
        f"{_FOREIGN}中的出生日期 {digits} 不存在",
        f"birth date {digits} does not exist",
        code="id_number.birth_date_invalid",
        params={"doc": _FOREIGN, "digits": digits},
    )


def _sex(order_digit: str) -> str:
    # GB 11643-1999: the last digit of the order code is odd for men and even for women.
    return "男" if int(order_digit) % 2 == 1 else "女"
