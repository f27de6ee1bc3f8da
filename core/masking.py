"""Masking of personal data on screens, receipts and in logs (GB/T 35273-2020 display de-identification)."""

from __future__ import annotations

import unicodedata

MASK = "*"
# Separators inside names that stay visible: the interpunct of minority and foreign names, spaces.
_NAME_SEPARATORS = frozenset("· ")
_PHONE_PREFIXES = ("+86", "0086")


def mask_id_number(value: str | None, *, keep_head: int = 6, keep_tail: int = 4) -> str:
    """``110105********002X``: keeps at most ``keep_head`` and ``keep_tail`` characters.

    The birth date is never shown, whatever is asked for: in 18-character numbers (GB 11643, and
    the 2023 permanent residence card) it is characters 7–14, so at most 6 + 4 stay visible; in
    15-character ones (legacy IDs, the 2017 permanent residence card) at most 6 + 2. Numbers of
    other lengths are the typed documents' (回乡证 9/11, 台胞证 8/10, passports 5–20 characters):
    no birth date inside, so at most a third stays visible, the first character and the last ones
    (``H******78``), enough for the holder to recognise the document on a receipt.
    """
    text = _compact(value).upper()
    length = len(text)
    head, tail = max(keep_head, 0), max(keep_tail, 0)
    if length == 18:
        head, tail = min(head, 6), min(tail, 4)
    elif length == 15:
        head, tail = min(head, 6), min(tail, 2)
    else:
        budget = length // 3
        head = min(head, 1, budget)
        tail = min(tail, budget - head)
    return _keep(text, head, tail)


def mask_name(value: str | None) -> str:
    """``王*明``, ``张*``, ``欧**明``, ``阿***·**提``: the first and (from three letters) last letter."""
    text = " ".join(_text(value).split())
    letters = [i for i, char in enumerate(text) if char not in _NAME_SEPARATORS]
    if len(letters) <= 1:
        visible: set[int] = set()
    elif len(letters) == 2:
        visible = {letters[0]}
    else:
        visible = {letters[0], letters[-1]}
    return "".join(char if char in _NAME_SEPARATORS or i in visible else MASK for i, char in enumerate(text))


def mask_phone(value: str | None) -> str:
    """``138****1234``: a +86/0086 prefix, spaces and dashes dropped; shorter than 11 digits, all masked."""
    text = _compact(value).replace("-", "")
    for prefix in _PHONE_PREFIXES:
        if text.startswith(prefix) and len(text) > len(prefix) + 7:
            text = text[len(prefix) :]
            break
    if len(text) < 11:
        return MASK * len(text)
    return _keep(text, 3, 4)


def mask_bank_account(value: str | None) -> str:
    """``622202*********6789``: spaces and dashes dropped; the first six (the bank's BIN) and the
    last four of a card number of 16 digits or more (JR/T 0171-2020 shows no more), the last four
    of a shorter account, nothing of one under 8 characters."""
    text = _compact(value).replace("-", "")
    if len(text) >= 16:
        return _keep(text, 6, 4)
    if len(text) >= 8:
        return _keep(text, 0, 4)
    return MASK * len(text)


# The catalog's form field types (core.catalog.model.FieldType values) that hold personal data.
_BY_FIELD_TYPE = {
    "name": mask_name,
    "id_number": mask_id_number,
    "phone": mask_phone,
    "bank_account": mask_bank_account,
}


def mask_field(field_type: str | None, value: str | None) -> str:
    """A form value masked by its field type; a value of unknown type is masked entirely (it may be
    personal), one of a type that holds no personal data is returned as it is."""
    if field_type is None:
        return MASK * len(_text(value))
    mask = _BY_FIELD_TYPE.get(field_type)
    return _text(value) if mask is None else mask(value)


def mask_for_log(value: str | None) -> str:
    """An ASCII rendering safe for English logs: ``**************002X``, ``*******1234``, ``***``.

    Everything is masked except the last characters of long numbers, enough to tell two apart:
    4 from 11 characters on, but 2 of a 15-character number, whose last 4 would include the birth
    day of a 2017 permanent residence card. Anything with more than 3 letters (a name, an address)
    is fully masked.
    """
    text = _compact(value)
    tail = 2 if len(text) == 15 else 4 if len(text) >= 11 else 0
    if sum(char.isalpha() for char in text) > 3:
        tail = 0
    visible = text[len(text) - tail :] if tail else ""
    if not (visible.isascii() and visible.isalnum()):
        visible = ""
    return MASK * (len(text) - len(visible)) + visible


def _text(value: str | None) -> str:
    return "" if value is None else str(value)


def _compact(value: str | None) -> str:
    """Full-width to ASCII (NFKC) and no whitespace, so the kept characters are the real ones."""
    return "".join(unicodedata.normalize("NFKC", _text(value)).split())


def _keep(text: str, head: int, tail: int) -> str:
    if head + tail >= len(text):
        return MASK * len(text)
    return text[:head] + MASK * (len(text) - head - tail) + text[len(text) - tail :]
