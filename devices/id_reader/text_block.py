"""The 256-byte UCS-2 text block of each card type (research/devices.md §1.6–§1.7): decode and encode."""

from __future__ import annotations

import logging
from datetime import date

from devices.errors import DeviceProtocolError
from devices.id_reader import LONG_TERM, CardType, IdCard
from devices.id_reader.codes import SEX_NAMES, nation_code, nation_name, sex_code, sex_name

logger = logging.getLogger(__name__)

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
        raise DeviceProtocolError(
            f"证件中的{_DATE_FIELDS[field]}无法识别，请重新放置证件", f"{field} is not YYYYMMDD"
        ) from None


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
    sex, nation = fields["sex"], fields.get("nation", "")
    if sex not in SEX_NAMES:
        logger.warning("card has sex code %r outside GB/T 2261.1; shown as 未知", sex)
    if nation and nation_name(nation) == nation:
        logger.warning("card has nation code %r outside GB/T 3304; shown as the code", nation)
    valid_to = fields["valid_to"]
    return IdCard(
        card_type=card_type,
        name=fields["name"],
        sex=sex_name(sex),
        nation=nation_name(nation) if nation else "",
        birth_date=_parse_date(fields["birth_date"], "birth_date"),
        address=fields.get("address", ""),
        id_number=fields["id_number"].upper(),
        issuing_authority=fields.get("issuing_authority", ""),
        valid_from=_parse_date(fields["valid_from"], "valid_from"),
        valid_to=None if valid_to == LONG_TERM else _parse_date(valid_to, "valid_to"),
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
