"""Unified social credit codes (统一社会信用代码, GB 32100-2015) with their GB 11714 organisation code."""

from __future__ import annotations

import unicodedata

from core.errors import ValidationError

# GB 32100-2015: 31 characters, the digits and the capitals without I, O, Z, S, V; a character's
# value is its index. Weights W[i] = 3^i mod 31 over the first 17 characters.
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_VALUES = {char: value for value, char in enumerate(USCC_ALPHABET)}
_USCC_WEIGHTS = tuple(3**i % 31 for i in range(17))
# GB 11714-1997 organisation code: 8-character body (0-9 = 0-9, A-Z = 10-35) and one check character.
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)

_DOC = "统一社会信用代码"


def uscc_check_char(first17: str) -> str:
    """The GB 32100-2015 check character (MOD 31) for the first 17 characters."""
    total = sum(_USCC_VALUES[char] * weight for char, weight in zip(first17, _USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def organisation_code_check_char(body: str) -> str:
    """The GB 11714-1997 check character (MOD 11) for an 8-character organisation code body."""
    total = sum(_char_value(char) * weight for char, weight in zip(body, _ORG_WEIGHTS, strict=True))
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def _char_value(char: str) -> int:
    return int(char) if char.isdigit() else ord(char) - ord("A") + 10


def parse_uscc(value: str, *, field: str = "uscc") -> str:
    """The normalised 18-character code (upper case, ASCII); raises ValidationError naming the problem.

    Layout (GB 32100-2015): registering authority (1) + organisation category (1) + GB/T 2260
    region of the registering office (6) + GB 11714 organisation code (8 + its check) + check.
    The region is checked for shape only: centrally registered bodies use codes (e.g. 100000)
    that are not county codes of GB/T 2260.
    """
    code = "".join(unicodedata.normalize("NFKC", value).split()).upper()
    if not code:
        raise ValidationError(field, f"请填写{_DOC}", "unified social credit code is empty")
    if len(code) != 18:
        raise ValidationError(
            field, f"{_DOC}应为 18 位，现在是 {len(code)} 位", f"USCC has {len(code)} characters"
        )
    for position, char in enumerate(code, start=1):
        if char not in _USCC_VALUES:
            raise ValidationError(
                field,
                f"{_DOC}第 {position} 位“{char}”不是有效字符（只用数字和除 I、O、S、V、Z 以外的大写字母）",
                f"character {char!r} at position {position} is outside the GB 32100 alphabet",
            )
    if not code[2:8].isdigit():
        raise ValidationError(
            field,
            f"{_DOC}第 3–8 位应为行政区划代码（6 位数字），现在是“{code[2:8]}”",
            "region part is not six digits",
        )
    expected = uscc_check_char(code[:17])
    if code[17] != expected:
        raise ValidationError(
            field, f"{_DOC}校验位不正确（最后一位应为 {expected}）", "check character mismatch (GB 32100)"
        )
    org_check = organisation_code_check_char(code[8:16])
    if code[16] != org_check:
        raise ValidationError(
            field,
            f"{_DOC}第 17 位（组织机构代码校验位）不正确，应为 {org_check}",
            "embedded organisation code check mismatch (GB 11714)",
        )
    return code
