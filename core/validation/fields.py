"""The one place that maps every unified-form field type (FieldType) to its validator."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import date, datetime
from typing import assert_never

from core.catalog.model import FieldType
from core.errors import ValidationError
from core.validation.certificates import parse_birth_certificate_number
from core.validation.contact import parse_phone
from core.validation.idnumbers import parse_id_number
from core.validation.organisations import parse_uscc

# What "请填写…" names when the caller gives no label.
_NOUNS: dict[FieldType, str] = {
    FieldType.TEXT: "此项",
    FieldType.NAME: "姓名",
    FieldType.ID_NUMBER: "身份证件号码",
    FieldType.PHONE: "联系电话",
    FieldType.DATE: "日期",
    FieldType.SEX: "性别",
    FieldType.ENUM: "此项",
    FieldType.ADDRESS: "地址",
    FieldType.BIRTH_CERT_NO: "出生医学证明编号",
    FieldType.USCC: "统一社会信用代码",
    FieldType.INT: "此项",
    FieldType.BANK_ACCOUNT: "银行账号",
}

NAME_MAX = 50
ADDRESS_MAX = 200
TEXT_MAX = 500
# The interpunct of minority and foreign names (GB 18030 U+00B7) and what people type for it.
NAME_DOT = "·"
_DOT_VARIANTS = str.maketrans(dict.fromkeys("•・･‧∙⋅．", NAME_DOT))
_NAME_PUNCTUATION = frozenset(NAME_DOT + " -'.,")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_INTEGER = re.compile(r"[+-]?\d{1,18}")
_SEXES = {"男": "男", "女": "女", "男性": "男", "女性": "女"}


def validate_field(
    field_type: FieldType,
    value: object,
    *,
    field: str,
    today: date,
    options: Sequence[str] = (),
    label: str = "",
    required: bool = True,
) -> str | int:
    """The normalised value of one form field, or ValidationError(field, Chinese message).

    ``label`` (the form's label, e.g. 母亲姓名) names the field in "请填写…"; ``options`` are the
    allowed values of an enum field. An empty optional field yields "".
    """
    noun = label or _NOUNS[field_type]
    if _is_empty(value):
        if required:
            raise ValidationError(
                field,
                f"请填写{noun}",
                f"required {field_type.value} field is empty",
                code="field.required",
                params={"label": noun},
            )
        return ""
    match field_type:
        case FieldType.TEXT:
            return _free_text(_text(value, field, noun), field, noun, TEXT_MAX, multiline=True)
        case FieldType.ADDRESS:
            return _free_text(_text(value, field, noun), field, noun, ADDRESS_MAX, multiline=False)
        case FieldType.NAME:
            return _name(_text(value, field, noun), field, noun)
        case FieldType.ID_NUMBER:
            return parse_id_number(_text(value, field, noun), field=field, today=today).number
        case FieldType.PHONE:
            return parse_phone(_text(value, field, noun), field=field)
        case FieldType.DATE:
            return _date(value, field, noun)
        case FieldType.SEX:
            return _sex(_text(value, field, noun), field, noun)
        case FieldType.ENUM:
            return _enum(_text(value, field, noun), field, noun, options)
        case FieldType.BIRTH_CERT_NO:
            return parse_birth_certificate_number(_text(value, field, noun), field=field)
        case FieldType.USCC:
            return parse_uscc(_text(value, field, noun), field=field)
        case FieldType.INT:
            return _integer(value, field, noun)
        case FieldType.BANK_ACCOUNT:
            return _bank_account(_text(value, field, noun), field, noun)
        case _:
            assert_never(field_type)


def _text(value: object, field: str, noun: str) -> str:
    if not isinstance(value, str):
        raise ValidationError(
            field,
            f"{noun}格式不正确",
            f"expected text, got {type(value).__name__}",
            code="field.bad_format",
            params={"label": noun},
        )
    return value


def _is_empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _control_char(text: str, allowed: str = "") -> str | None:
    """The first control, format or surrogate character (Unicode Cc/Cf/Cs) not in ``allowed``."""
    for char in text:
        if char not in allowed and unicodedata.category(char) in {"Cc", "Cf", "Cs"}:
            return char
    return None


def _free_text(value: str, field: str, noun: str, limit: int, *, multiline: bool) -> str:
    text = value.replace("\r\n", "\n").strip()
    bad = _control_char(text, "\n" if multiline else "")
    if bad is not None:
        raise ValidationError(
            field,
            f"{noun}中含有换行或不可见的控制字符，请删除后重新输入",
            f"control character U+{ord(bad):04X} in {field}",
            code="field.control_char",
            params={"label": noun},
        )
    if len(text) > limit:
        raise ValidationError(
            field,
            f"{noun}不能超过 {limit} 个字，现在是 {len(text)} 个字",
            f"{len(text)} > {limit} characters",
            code="field.too_long",
            params={"label": noun, "limit": limit, "length": len(text)},
        )
    return text


def _name(value: str, field: str, noun: str) -> str:
    """Personal names: letters of any script (Co too: old card readers return 生僻字 as private-use
    code points), the interpunct of minority and foreign names, and spaces, - ' . , in Latin names."""
    name = " ".join(value.translate(_DOT_VARIANTS).split())
    name = re.sub(r"\s*·\s*", NAME_DOT, name)
    if len(name) > NAME_MAX:
        raise ValidationError(
            field,
            f"{noun}不能超过 {NAME_MAX} 个字，现在是 {len(name)} 个字",
            f"name has {len(name)} characters",
            code="field.too_long",
            params={"label": noun, "limit": NAME_MAX, "length": len(name)},
        )
    for char in name:
        category = unicodedata.category(char)
        if not (category[0] in "LM" or category == "Co" or char in _NAME_PUNCTUATION):
            shown = f"，请检查“{char}”" if char.isprintable() else ""
            raise ValidationError(
                field,
                f"{noun}中不能有数字、符号或控制字符{shown}",
                f"character U+{ord(char):04X} not allowed in a name",
                code="name.bad_char" if shown else "name.control_char",
                params={"label": noun, "char": char} if shown else {"label": noun},
            )
    if name.startswith(NAME_DOT) or name.endswith(NAME_DOT) or NAME_DOT * 2 in name:
        raise ValidationError(
            field,
            f"{noun}中的“·”不能在开头、结尾或连续出现",
            "misplaced interpunct in name",
            code="name.interpunct",
            params={"label": noun},
        )
    if not any(unicodedata.category(char)[0] == "L" or unicodedata.category(char) == "Co" for char in name):
        raise ValidationError(
            field,
            f"{noun}不能只有符号",
            "name has no letters",
            code="name.no_letters",
            params={"label": noun},
        )
    return name


def _date(value: object, field: str, noun: str) -> str:
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str):
        raise ValidationError(
            field,
            f"{noun}格式不正确",
            f"date field got {type(value).__name__}",
            code="field.bad_format",
            params={"label": noun},
        )
    text = unicodedata.normalize("NFKC", value).strip()
    match = _ISO_DATE.fullmatch(text)
    if match is None:
        raise ValidationError(
            field,
            f"{noun}应为“年-月-日”格式，如 2024-05-01",
            f"date {text!r} is not YYYY-MM-DD",
            code="date.format",
            params={"label": noun},
        )
    year, month, day = (int(part) for part in match.groups())
    if not 1900 <= year <= 2100:
        raise ValidationError(
            field,
            f"{noun} {text} 的年份不在 1900–2100 之间",
            f"year {year} out of range",
            code="date.year_range",
            params={"label": noun, "date": text},
        )
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        raise ValidationError(
            field,
            f"{noun} {text} 不存在",
            f"date {text} does not exist",
            code="date.not_exist",
            params={"label": noun, "date": text},
        ) from None


def _integer(value: object, field: str, noun: str) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = unicodedata.normalize("NFKC", value).strip() if isinstance(value, str) else ""
    if not _INTEGER.fullmatch(text):
        raise ValidationError(
            field,
            f"{noun}应为整数",
            f"{value!r} is not an integer",
            code="field.not_integer",
            params={"label": noun},
        )
    return int(text)


def _sex(value: str, field: str, noun: str) -> str:
    sex = _SEXES.get(value.strip())
    if sex is None:
        raise ValidationError(
            field, f"{noun}应为“男”或“女”", "sex is not 男/女", code="sex.invalid", params={"label": noun}
        )
    return sex


def _enum(value: str, field: str, noun: str, options: Sequence[str]) -> str:
    if not options:
        raise ValueError(f"enum field {field} has no options")  # a catalog bug, not a user error
    choice = value.strip()
    if choice not in options:
        raise ValidationError(
            field,
            f"{noun}只能从给定的选项中选择（{'、'.join(options)}）",
            f"{choice!r} is not one of the options",
            code="field.not_option",
            params={"label": noun, "options": "、".join(options)},
        )
    return choice


def _bank_account(value: str, field: str, noun: str) -> str:
    # No Luhn check: I类 debit cards mostly pass it, but passbook (存折) and corporate account
    # numbers do not follow ISO/IEC 7812, and this field accepts any account a subsidy can go to.
    digits = "".join(unicodedata.normalize("NFKC", value).split()).replace("-", "")
    for char in digits:
        if not ("0" <= char <= "9"):
            raise ValidationError(
                field,
                f"{noun}只能包含数字，现在有“{char}”",
                "non-digit in bank account",
                code="bank_account.not_digit",
                params={"label": noun, "char": char},
            )
    if not 12 <= len(digits) <= 30:
        raise ValidationError(
            field,
            f"{noun}应为 12–30 位数字，现在是 {len(digits)} 位",
            f"bank account has {len(digits)} digits",
            code="bank_account.length",
            params={"label": noun, "length": len(digits)},
        )
    return digits
