"""Mainland China mobile phone numbers (11 digits, 1[3-9]…), as staff and citizens type them."""

from __future__ import annotations

import unicodedata

from core.errors import ValidationError

# Country-code prefixes people type in front of a mainland number (+86, or 0086 from a landline).
_COUNTRY_PREFIXES = ("+86", "0086")
_SEPARATORS = str.maketrans("", "", "-")


def parse_mobile(value: str, *, field: str = "phone") -> str:
    """The bare 11-digit number; spaces, dashes, full-width digits and a +86/0086 prefix are accepted."""
    text = "".join(unicodedata.normalize("NFKC", value).split()).translate(_SEPARATORS)
    if not text:
        raise ValidationError(field, "请填写手机号码", "mobile number is empty", code="phone.empty")
    for prefix in _COUNTRY_PREFIXES:
        if text.startswith(prefix):
            text = text[len(prefix) :]
            break
    for char in text:
        if not ("0" <= char <= "9"):
            raise ValidationError(
                field,
                f"手机号码只能包含数字，现在有“{char}”",
                f"non-digit {char!r} in mobile number",
                code="phone.not_digit",
                params={"char": char},
            )
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
