"""The 256-byte UCS-2 text block of each card type (research/devices.md §1.6–§1.7): decode, check and encode."""

from __future__ import annotations

import re
from datetime import date

from devices.errors import DeviceProtocolError
from devices.id_reader import LONG_TERM, CardType, IdCard
from devices.id_reader.codes import NATION_NAMES, SEX_NAMES, nation_code, nation_name, sex_code, sex_name

TEXT_BLOCK_SIZE = 256
FLAG_SLICE = slice(248, 250)  # 证件类型标识, one UCS-2 character (§1.7)
_FLAGS = {
    "J": CardType.HK_MO_TW_PERMIT,
    "I": CardType.FOREIGN_PERMANENT_2017,
    "Y": CardType.FOREIGN_PERMANENT_2023,
}
_FLAG_OF = {card_type: flag for flag, card_type in _FLAGS.items()}

# (field, byte offset, byte size) per card type, copied from the tables in §1.6/§1.7 (each sums
# to 256 bytes, gaps are reserved). "english_name2" is the 2023 card's characters 36–46.
Layout = tuple[tuple[str, int, int], ...]
LAYOUTS: dict[CardType, Layout] = {
    CardType.RESIDENT: (
        ("name", 0, 30),
        ("sex", 30, 2),
        ("nation", 32, 4),
        ("birth_date", 36, 16),
        ("address", 52, 70),
        ("id_number", 122, 36),
        ("issuing_authority", 158, 30),
        ("valid_from", 188, 16),
        ("valid_to", 204, 16),
    ),
    CardType.HK_MO_TW_PERMIT: (
        ("name", 0, 30),
        ("sex", 30, 2),
        ("birth_date", 36, 16),
        ("address", 52, 70),
        ("id_number", 122, 36),
        ("issuing_authority", 158, 30),
        ("valid_from", 188, 16),
        ("valid_to", 204, 16),
        ("pass_number", 220, 18),
        ("issue_count", 238, 4),
    ),
    CardType.FOREIGN_PERMANENT_2017: (
        ("english_name", 0, 120),
        ("sex", 120, 2),
        ("id_number", 122, 30),
        ("nationality", 152, 6),
        ("name", 158, 30),
        ("valid_from", 188, 16),
        ("valid_to", 204, 16),
        ("birth_date", 220, 16),
        ("card_version", 236, 4),
        ("authority_code", 240, 8),
    ),
    CardType.FOREIGN_PERMANENT_2023: (
        ("name", 0, 30),
        ("sex", 30, 2),
        ("issue_count", 32, 4),
        ("birth_date", 36, 16),
        ("english_name", 52, 70),
        ("id_number", 122, 36),
        ("valid_from", 188, 16),
        ("valid_to", 204, 16),
        ("english_name2", 220, 22),
        ("nationality", 242, 6),
        ("previous_number_link", 250, 6),
    ),
}
_DATE_FIELDS = {"birth_date": "出生日期", "valid_from": "有效期起始日期", "valid_to": "有效期截止日期"}


class CardDataError(DeviceProtocolError):
    """A text block that breaks the chip format: line noise the frame checksum missed, most likely.

    The reader discards such a read and reads again (serial_reader). ``reason`` is the Chinese
    message without the advice, e.g. 证件中的证件号码无法识别.
    """

    def __init__(self, reason: str, detail: str, advice: str = "请重新放置证件") -> None:
        super().__init__(f"{reason}，{advice}" if advice else reason, detail)
        self.reason = reason


# What each field may hold (§1.6–§1.7). The checks are the card format's own: they catch the
# characters line noise makes of a field (a digit turned into "Q", a name gaining a Hangul
# syllable); a Chinese character flipped into another cannot be seen here.
# Chinese text: CJK ideographs (Ext A, URO, compatibility), radicals, CJK punctuation, letterlike
# forms and Roman numerals (Ⅲ期), circled numbers, full-width forms, the private use area
# (rare characters, 生僻字, are stored there by some issuers), and ASCII printables.
_CHINESE_TEXT = (
    "\u0020-\u007e\u00b7\u2010-\u2027\u2100-\u218f\u2460-\u24ff\u2e80-\u2fdf"
    "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\ue000-\uf8ff\uf900-\ufaff\uff01-\uffef"
)
# A Chinese name: ideographs, 〇, the private use area and the interpunct of minority and foreign
# names (·, U+00B7) only.
_NAME = "\u00b7\u2e80-\u2fdf\u3007\u3400-\u4dbf\u4e00-\u9fff\ue000-\uf8ff\uf900-\ufaff"
_FIELD_FORMATS: dict[str, tuple[re.Pattern[str], str]] = {
    "name": (re.compile(f"[{_NAME}]*"), "姓名"),
    "english_name": (re.compile(r"[A-Za-z][A-Za-z ,.'-]*"), "英文姓名"),
    "address": (re.compile(f"[{_CHINESE_TEXT}]*"), "住址"),
    "issuing_authority": (re.compile(f"[{_CHINESE_TEXT}]*"), "签发机关"),
    "pass_number": (re.compile(r"[A-Z0-9]{8,9}"), "通行证号码"),
    "issue_count": (re.compile(r"[0-9]{0,2}"), "签发次数"),
    "nationality": (re.compile(r"[A-Z]{3}"), "国籍代码"),
    "card_version": (re.compile(r"[0-9]{0,2}"), "证件版本号"),
    "authority_code": (re.compile(r"[0-9]{0,4}"), "受理机关代码"),
    "previous_number_link": (re.compile(r"[0-9A-Z]{0,3}"), "既往版本证件号码关联项"),
}
# 公民身份号码 and the numbers shaped like it: 17 digits and a digit or X (§1.13); the 2017
# foreigner card: three letters and twelve digits.
_ID_NUMBER = re.compile(r"[0-9]{17}[0-9X]")
_ID_NUMBER_2017 = re.compile(r"[A-Z]{3}[0-9]{12}")


def card_type_of(text: bytes) -> CardType:
    """The card type from the flag at bytes 248–249; anything but J/I/Y is a resident card (§1.7)."""
    return _FLAGS.get(text[FLAG_SLICE].decode("utf-16-le", errors="replace"), CardType.RESIDENT)


def _raw_fields(text: bytes, layout: Layout) -> dict[str, str]:
    # UCS-2 little-endian, right-padded with spaces (§1.6); NULs seen on some readers too.
    return {name: text[at : at + size].decode("utf-16-le", errors="replace") for name, at, size in layout}


def _parse_date(value: str, field: str) -> date:
    try:
        if len(value) != 8 or not value.isdigit():
            raise ValueError(value)
        return date(int(value[:4]), int(value[4:6]), int(value[6:]))
    except ValueError:
        raise _refuse(_DATE_FIELDS[field], f"{field} is not YYYYMMDD") from None


def decode_text_block(text: bytes, photo: bytes = b"", fingerprint: bytes | None = None) -> IdCard:
    """Decode the text block of any supported card; DeviceProtocolError if it is not one."""
    if len(text) != TEXT_BLOCK_SIZE:
        raise DeviceProtocolError("证件文字信息长度异常", f"text block of {len(text)} bytes, expected 256")
    card_type = card_type_of(text)
    raw = _raw_fields(text, LAYOUTS[card_type])
    if card_type is CardType.FOREIGN_PERMANENT_2023:
        # The English name is split in two slots; join before stripping so a space at the
        # 35-character boundary survives.
        raw["english_name"] = raw["english_name"] + raw.pop("english_name2")
    fields = {name: value.strip(" \x00") for name, value in raw.items()}
    fields["id_number"] = fields["id_number"].upper()
    _check_fields(card_type, fields)
    birth_date = _parse_date(fields["birth_date"], "birth_date")
    valid_from = _parse_date(fields["valid_from"], "valid_from")
    valid_to = None if fields["valid_to"] == LONG_TERM else _parse_date(fields["valid_to"], "valid_to")
    _check_dates(birth_date, valid_from, valid_to)
    nation = fields.get("nation", "")
    return IdCard(
        card_type=card_type,
        name=fields["name"],
        sex=sex_name(fields["sex"]),
        nation=nation_name(nation) if nation else "",
        birth_date=birth_date,
        address=fields.get("address", ""),
        id_number=fields["id_number"],
        issuing_authority=fields.get("issuing_authority", ""),
        valid_from=valid_from,
        valid_to=valid_to,
        photo_wlt=photo,
        fingerprint=fingerprint,
        english_name=fields.get("english_name", ""),
        nationality=fields.get("nationality", ""),
        pass_number=fields.get("pass_number", ""),
        issue_count=fields.get("issue_count", ""),
        card_version=fields.get("card_version", ""),
        authority_code=fields.get("authority_code", ""),
        previous_number_link=fields.get("previous_number_link", ""),
        raw_text=bytes(text),
    )


def _refuse(label: str, what: str) -> CardDataError:
    return CardDataError(f"证件中的{label}无法识别", what)


def _check_fields(card_type: CardType, fields: dict[str, str]) -> None:
    """Each field against its format (§1.6–§1.7, §1.12); CardDataError naming the first that breaks it."""
    if fields["sex"] not in SEX_NAMES:  # GB/T 2261.1: 0, 1, 2 or 9
        raise _refuse("性别", f"sex code {fields['sex']!r} outside GB/T 2261.1")
    if card_type is CardType.RESIDENT and fields["nation"] not in NATION_NAMES:  # GB/T 3304
        raise _refuse("民族", f"nation code {fields['nation']!r} outside GB/T 3304")
    number = _ID_NUMBER_2017 if card_type is CardType.FOREIGN_PERMANENT_2017 else _ID_NUMBER
    if not number.fullmatch(fields["id_number"]):
        raise _refuse("证件号码", "id_number has characters its card type does not allow")
    foreign = card_type in (CardType.FOREIGN_PERMANENT_2017, CardType.FOREIGN_PERMANENT_2023)
    if not fields["name"] and not foreign:  # only a foreigner's card may lack a Chinese name
        raise _refuse("姓名", "name is empty")
    for name, value in fields.items():
        known = _FIELD_FORMATS.get(name)
        if known is not None and not known[0].fullmatch(value):
            raise _refuse(known[1], f"{name} has characters outside its format")


def _check_dates(birth_date: date, valid_from: date, valid_to: date | None) -> None:
    # A card is issued to someone already born, and its validity ends after it begins.
    if valid_from < birth_date:
        raise _refuse("有效期起始日期", "valid_from is before birth_date")
    if valid_to is not None and valid_to <= valid_from:
        raise _refuse("有效期截止日期", "valid_to is not after valid_from")


def _ucs2(value: str, size: int, field: str) -> bytes:
    encoded = value.encode("utf-16-le")
    if len(encoded) > size:
        raise ValueError(f"{field} {value!r} is longer than {size // 2} UCS-2 characters")
    return encoded + " ".encode("utf-16-le") * ((size - len(encoded)) // 2)


def _yyyymmdd(value: date | None) -> str:
    return LONG_TERM if value is None else value.strftime("%Y%m%d")


def encode_text_block(card: IdCard) -> bytes:
    """The 256 bytes a card of ``card.card_type`` stores (used by the simulator); ValueError if a field does not fit."""
    values: dict[str, str] = {
        "name": card.name,
        "sex": sex_code(card.sex),
        "nation": nation_code(card.nation) if card.nation else "",
        "birth_date": _yyyymmdd(card.birth_date),
        "address": card.address,
        "id_number": card.id_number,
        "issuing_authority": card.issuing_authority,
        "valid_from": _yyyymmdd(card.valid_from),
        "valid_to": _yyyymmdd(card.valid_to),
        "english_name": card.english_name,
        "nationality": card.nationality,
        "pass_number": card.pass_number,
        "issue_count": card.issue_count,
        "card_version": card.card_version,
        "authority_code": card.authority_code,
        "previous_number_link": card.previous_number_link,
    }
    layout = LAYOUTS[card.card_type]
    if card.card_type is CardType.FOREIGN_PERMANENT_2023:
        values["english_name"], values["english_name2"] = card.english_name[:35], card.english_name[35:]
    block = bytearray(" ".encode("utf-16-le") * (TEXT_BLOCK_SIZE // 2))
    for name, at, size in layout:
        block[at : at + size] = _ucs2(values[name], size, name)
    flag = _FLAG_OF.get(card.card_type)
    if flag is not None:
        block[FLAG_SLICE] = flag.encode("utf-16-le")
    return bytes(block)
