"""Mainland China phone numbers as staff and citizens type them: mobiles, and landlines for those
who have no mobile (国办发〔2020〕45号 asks services not to force smartphones on older people).

Numbering facts (MIIT, 《电信网编号计划（2017年版）》): a mobile is 11 digits starting 13–19; a landline
is a trunk prefix 0, an area code (10 and 20–29 are two digits: 北京 010, 上海 021, 南京 025 …; the
others three: 0311 石家庄 …) and a local number of 7 or 8 digits that starts with 2–9.
"""

from __future__ import annotations

import re
import unicodedata

from core.errors import ValidationError

# Country-code prefixes people type in front of a mainland number (+86, or 0086 from a landline).
_COUNTRY_PREFIXES = ("+86", "0086")
_SEPARATORS = str.maketrans("", "", "-()（）")
# An extension after the number: 025-52345678-801, 025-52345678转801, …ext 801.
_EXTENSION = re.compile(r"(?:转|分机|ext\.?|x|#)(\d{1,6})$", re.IGNORECASE)
_TWO_DIGIT_AREAS = frozenset({"10", *(f"2{d}" for d in range(10))})


def parse_mobile(value: str, *, field: str = "phone") -> str:
    """The bare 11-digit number; spaces, dashes, full-width digits and a +86/0086 prefix are accepted."""
    text = _digits(value, field, "手机号码", "mobile number")
    return _mobile(text, field)


def parse_phone(value: str, *, field: str = "phone") -> str:
    """A mobile (the bare 11 digits) or a landline (``025-52345678``, ``0311-8765432-801`` with an
    extension); raises ValidationError naming what is wrong."""
    raw = "".join(unicodedata.normalize("NFKC", value).split())
    extension = ""
    found = _EXTENSION.search(raw)
    if found:
        extension, raw = found.group(1), raw[: found.start()].rstrip("-")
    elif raw.startswith("0") and raw.count("-") >= 2 and len(raw.rsplit("-", 1)[1]) <= 5:
        raw, extension = raw.rsplit("-", 1)  # 025-52345678-801
    text = _digits(raw, field, "联系电话", "phone number")
    if text.startswith("1") or (text.startswith("86") and len(text) == 13):
        if extension:
            raise _problem(
                field, "手机号码不能带分机号", "a mobile number has no extension", "phone.extension"
            )
        return _mobile(text[2:] if len(text) == 13 else text, field)
    if not text.startswith("0"):
        if raw.startswith(_COUNTRY_PREFIXES):  # +86 25 5234 5678: no trunk 0 after a country code
            text = "0" + text
        else:
            raise _problem(
                field,
                "固定电话请加区号，如 025-52345678；手机号码应以 1 开头",
                "a landline needs its area code (0…); a mobile starts with 1",
                "phone.landline_area",
            )
    area_len = 2 if text[1:3] in _TWO_DIGIT_AREAS else 3
    area, local = text[1 : 1 + area_len], text[1 + area_len :]
    if text[1] == "0" or (area_len == 3 and text[1] in "12"):
        raise _problem(
            field,
            f"区号“0{area}”不存在，请核对",
            f"no area code 0{area}",
            "phone.landline_area_unknown",
            {"area": f"0{area}"},
        )
    if len(local) not in (7, 8) or local[0] in "01":
        raise _problem(
            field,
            f"固定电话号码（区号后）应为 7 或 8 位、不以 0 或 1 开头，现在是“{local}”",
            f"local number {local!r} must be 7 or 8 digits starting 2-9",
            "phone.landline_local",
            {"local": local},
        )
    return f"0{area}-{local}" + (f"-{extension}" if extension else "")


def _digits(value: str, field: str, noun: str, noun_en: str) -> str:
    text = "".join(unicodedata.normalize("NFKC", value).split()).translate(_SEPARATORS)
    if not text:
        raise ValidationError(field, f"请填写{noun}", f"{noun_en} is empty", code="phone.empty")
    for prefix in _COUNTRY_PREFIXES:
        if text.startswith(prefix):
            text = text[len(prefix) :]
            break
    for char in text:
        if not ("0" <= char <= "9"):
            raise ValidationError(
                field,
                f"{noun}只能包含数字，现在有“{char}”",
                f"non-digit {char!r} in {noun_en}",
                code="phone.not_digit",
                params={"char": char},
            )
    return text


def _mobile(text: str, field: str) -> str:
    if len(text) != 11:
        raise ValidationError(
            field,
            f"手机号码应为 11 位，现在是 {len(text)} 位",
            f"mobile number has {len(text)} digits",
            code="phone.length",
            params={"length": len(text)},
        )
    # MIIT numbering plan: mainland mobile numbers start 13–19.
    if text[0] != "1" or text[1] in "012":
        raise ValidationError(
            field,
            f"手机号码应以 13–19 开头，现在是“{text[:2]}”",
            f"mobile prefix {text[:2]} is not 13-19",
            code="phone.prefix",
            params={"prefix": text[:2]},
        )
    return text


def _problem(
    field: str, message: str, detail: str, code: str, params: dict[str, str] | None = None
) -> ValidationError:
    return ValidationError(field, message, detail, code=code, params=params or {})
