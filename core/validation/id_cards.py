"""The number on an ID card checked against the card it was read from (GB 11643-1999 and the permit rules)."""

from __future__ import annotations

from datetime import date

from core.errors import ValidationError
from core.validation.idnumbers import DOCUMENT_NAMES, IdKind, IdNumberInfo, parse_id_number

# The documents whose numbers follow GB 11643-1999 to the letter, sex digit included. The
# foreigners' cards are left out of the sex check: research is less sure there (devices.md §1.13).
_SEX_IN_NUMBER = frozenset({IdKind.RESIDENT, IdKind.HK_MO_TW_PERMIT})


def check_card_number(kind: str, number: str, *, birth_date: date, sex: str, today: date) -> IdNumberInfo:
    """The number of a card of ``kind`` (an IdKind value), valid and agreeing with the card.

    A card's number encodes its holder's birth date and (GB 11643) sex; a number that does not
    check, belongs to another kind of document, or disagrees with the card's own birth date or sex
    field was misread (e.g. line noise past the reader's 8-bit checksum). Raises ValidationError
    (field ``id_number``) naming what is wrong.
    """
    try:
        card_kind = IdKind(kind)
    except ValueError:
        raise ValidationError(
            "id_number",
            f"不认识的证件类型“{kind}”",
            f"unknown document kind {kind!r}",
            code="card.unknown_kind",
            params={"kind": kind},
        ) from None
    info = parse_id_number(number, field="id_number", today=today)
    document = DOCUMENT_NAMES[card_kind]
    if info.kind is not card_kind:
        raise ValidationError(
            "id_number",
            f"证件号码不是{document}的号码",
            f"a {info.kind.value} number on a {card_kind.value} card",
            code="card.number_kind",
            params={"doc": document},
        )
    if not _same_birth_date(info, birth_date):
        raise ValidationError(
            "id_number",
            "证件号码中的出生日期与证件上的出生日期不一致",
            "the birth date in the number differs from the card's birth date",
            code="card.birth_date_mismatch",
        )
    if card_kind in _SEX_IN_NUMBER and sex != info.sex:
        raise ValidationError(
            "id_number",
            "证件号码中的性别与证件上的性别不一致",
            "the sex digit of the number differs from the card's sex",
            code="card.sex_mismatch",
        )
    return info


def _same_birth_date(info: IdNumberInfo, birth_date: date) -> bool:
    if info.kind is IdKind.FOREIGN_PERMANENT_2017:
        # YYMMDD: the century parse_id_number guessed may not be the holder's.
        guessed = info.birth_date
        return (guessed.year % 100, guessed.month, guessed.day) == (
            birth_date.year % 100,
            birth_date.month,
            birth_date.day,
        )
    return info.birth_date == birth_date
