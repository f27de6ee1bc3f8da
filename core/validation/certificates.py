"""Birth medical certificate numbers (出生医学证明编号): one letter and nine digits."""

from __future__ import annotations

import unicodedata

from core.errors import ValidationError

_DOC = "出生医学证明编号"


def parse_birth_certificate_number(value: str, *, field: str = "birth_cert_no") -> str:
    """The normalised number (upper-case letter, ASCII digits), e.g. ``Q440123456``.

    Only the shape is checked: no published check digit for the serial is known, so a typo in
    the digits cannot be caught offline (the e-licence look-up catches it when online).
    """
    number = "".join(unicodedata.normalize("NFKC", value).split()).upper()
    if not number:
        raise ValidationError(field, f"请填写{_DOC}", "birth certificate number is empty")
    if len(number) != 10:
        raise ValidationError(
            field,
            f"{_DOC}应为 10 位（1 个字母加 9 位数字），现在是 {len(number)} 位",
            f"birth certificate number has {len(number)} characters",
        )
    if not ("A" <= number[0] <= "Z"):
        raise ValidationError(
            field, f"{_DOC}第 1 位应为英文字母，现在是“{number[0]}”", "first character is not a letter"
        )
    for position, char in enumerate(number[1:], start=2):
        if not ("0" <= char <= "9"):
            raise ValidationError(
                field, f"{_DOC}第 {position} 位“{char}”应为数字", f"non-digit at position {position}"
            )
    return number
