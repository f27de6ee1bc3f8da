"""Simulated ID cards from a JSON card file; the schema follows.

A card file is UTF-8 JSON::

    {
      "version": 1,
      "cards": [
        {
          "label": "母亲 · 居民身份证",        optional, for listings and logs (no personal data)
          "card_type": "resident",            resident | hk_mo_tw_permit |
                                              foreign_permanent_2017 | foreign_permanent_2023
          "name": "陈晓梅",                    Chinese name, ≤ 15 characters ("" allowed for foreigners)
          "sex": "女",                         男 | 女 | 未知 | 未说明, or the code 1 | 2 | 0 | 9
          "nation": "汉",                      resident cards only: name ("汉"/"汉族") or code "01"
          "birth_date": "1992-03-15",
          "address": "…",                      resident cards and permits, ≤ 35 characters
          "id_number": "…",                    18 characters (15 on 2017 foreigner cards)
          "issuing_authority": "…",            resident cards and permits, ≤ 15 characters
          "valid_from": "2016-05-20",
          "valid_to": "2026-05-20",            or "长期"
          "pass_number": "H60123457",          permits: 通行证号码 (9), "issue_count": "01" (签发次数)
          "english_name": "SMITH JOHN",        foreigners (2017: ≤ 60, 2023: ≤ 46 characters)
          "nationality": "GBR",                foreigners: ISO 3166-1 alpha-3
          "card_version": "01",                2017 foreigner: 证件版本号; "authority_code": "1100"
          "issue_count": "00",                 2023 foreigner: 换证次数; "previous_number_link": ""
          "fingerprints": 2,                   0, 1 or 2 templates of 512 bytes in 30 10 answers
          "photo_wlt_base64": "…"              optional 1024-byte WLT photo; a filler otherwise
        }
      ]
    }

The card keys are those of ``IdCard.to_json(reveal=True)``, so the output of
``tongban devices read-id --json --reveal`` can be pasted into a card file.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from devices.errors import DeviceError
from devices.id_reader import EXTRA_JSON_FIELDS, LONG_TERM, CardType, IdCard
from devices.id_reader.codes import NATION_NAMES, SEX_NAMES, nation_code, sex_code
from devices.id_reader.text_block import encode_text_block

PHOTO_SIZE = 1024  # WLT photo, research/devices.md §1.8
TEMPLATE_SIZE = 512  # one fingerprint feature template, §1.5
# Finger-position codes at byte 5 of a template (cw SDK, §1.5, unverified): right index, left index.
_FINGERS = (0x0C, 0x11)
_BASE_KEYS = frozenset(
    {"card_type", "name", "sex", "nation", "birth_date", "address", "id_number", "issuing_authority"}
    | {"valid_from", "valid_to", "label", "fingerprints", "photo_wlt_base64"}
)
_REQUIRED = ("name", "sex", "birth_date", "id_number", "valid_from", "valid_to")


class CardFileError(DeviceError):
    """A card file that cannot be used (bad JSON, unknown key, value that does not fit the card)."""


@dataclass(frozen=True, slots=True)
class SimCard:
    """A card the simulator can place, with a label safe to show and log."""

    label: str
    card: IdCard


def demo_cards_path() -> Path:
    """``assets/devices/cards-demo.json`` (``TONGBAN_ASSETS`` overrides the assets folder)."""
    assets = os.environ.get("TONGBAN_ASSETS")
    root = Path(assets) if assets else Path(__file__).resolve().parents[2] / "assets"
    return root / "devices" / "cards-demo.json"


def load_cards(path: Path) -> list[SimCard]:
    """Read and check a card file; CardFileError says what is wrong, in Chinese."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CardFileError(
            f"无法读取证件数据文件 {path}：{exc.strerror}", f"cannot read {path}: {exc}"
        ) from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CardFileError(
            f"证件数据文件 {path} 不是有效的 UTF-8 JSON：{exc}", f"bad JSON in {path}: {exc}"
        ) from exc
    return parse_cards(document, str(path))


def parse_cards(document: object, source: str = "card file") -> list[SimCard]:
    """Check a decoded card document (schema in the module docstring)."""
    if not isinstance(document, dict) or not isinstance(document.get("cards"), list):
        raise CardFileError(f"{source}：缺少 cards 列表", f"{source}: no 'cards' list")
    if document.get("version", 1) != 1:
        raise CardFileError(
            f"{source}：不支持的版本 {document.get('version')!r}", f"{source}: unsupported version"
        )
    cards = [_parse_card(entry, index, source) for index, entry in enumerate(document["cards"])]
    if not cards:
        raise CardFileError(f"{source}：cards 列表为空", f"{source}: no cards")
    return cards


def _parse_card(entry: object, index: int, source: str) -> SimCard:
    where = f"{source} 第 {index + 1} 张证件"
    if not isinstance(entry, dict):
        raise CardFileError(f"{where}应为 JSON 对象", f"{source} card {index}: not an object")
    try:
        return _build(entry)
    except (KeyError, ValueError, TypeError, binascii.Error) as exc:
        raise CardFileError(f"{where}有误：{exc}", f"{source} card {index}: {exc!r}") from None


def _text(entry: Mapping[str, object], key: str, default: str = "") -> str:
    value = entry.get(key, default)
    if not isinstance(value, str):
        raise TypeError(f"字段 {key} 应为字符串")
    return value.strip()


def _date(entry: Mapping[str, object], key: str) -> date:
    try:
        return date.fromisoformat(_text(entry, key))
    except ValueError:
        raise ValueError(f"字段 {key} 应为 YYYY-MM-DD 格式的日期") from None


def _build(entry: Mapping[str, object]) -> SimCard:
    type_text = _text(entry, "card_type", CardType.RESIDENT.value)
    if type_text not in set(CardType):
        raise ValueError(f"证件类型“{type_text}”应为 {' / '.join(CardType)}")
    card_type = CardType(type_text)
    allowed = _BASE_KEYS | set(EXTRA_JSON_FIELDS[card_type])
    unknown = sorted(set(entry) - allowed)
    if unknown:
        raise ValueError(f"不认识的字段 {', '.join(unknown)}（此证件类型可用：{', '.join(sorted(allowed))}）")
    missing = [key for key in _REQUIRED if key not in entry]
    if missing:
        raise ValueError(f"缺少字段 {', '.join(missing)}")
    sex, nation = _text(entry, "sex"), _text(entry, "nation")
    if sex not in SEX_NAMES and sex not in SEX_NAMES.values():
        raise ValueError(f"性别“{sex}”应为 男 / 女 / 未知 / 未说明，或代码 1 / 2 / 0 / 9")
    if card_type is CardType.RESIDENT:
        try:
            nation = nation_code(nation)
        except KeyError:
            raise ValueError(f"民族“{nation}”不在 GB/T 3304 代码表中（例如“汉”或“01”）") from None
    elif nation:
        raise ValueError("只有居民身份证有民族字段")
    extras = {key: _text(entry, key) for key in EXTRA_JSON_FIELDS[card_type]}
    id_number = _text(entry, "id_number").upper()
    photo_text = _text(entry, "photo_wlt_base64")
    photo = base64.b64decode(photo_text, validate=True) if photo_text else _filler(id_number, PHOTO_SIZE)
    fingerprints = entry.get("fingerprints", 0)
    if not isinstance(fingerprints, int) or isinstance(fingerprints, bool) or not 0 <= fingerprints <= 2:
        raise ValueError("字段 fingerprints 应为 0、1 或 2")
    valid_to_text = _text(entry, "valid_to")
    card = IdCard(
        card_type=card_type,
        name=_text(entry, "name"),
        sex=SEX_NAMES[sex_code(sex)],
        nation=NATION_NAMES[nation] if nation else "",
        birth_date=_date(entry, "birth_date"),
        address=_text(entry, "address"),
        id_number=id_number,
        issuing_authority=_text(entry, "issuing_authority"),
        valid_from=_date(entry, "valid_from"),
        valid_to=None if valid_to_text == LONG_TERM else _date(entry, "valid_to"),
        photo_wlt=photo,
        fingerprint=_templates(id_number, fingerprints) or None,
        english_name=extras.get("english_name", ""),
        nationality=extras.get("nationality", ""),
        pass_number=extras.get("pass_number", ""),
        issue_count=extras.get("issue_count", ""),
        card_version=extras.get("card_version", ""),
        authority_code=extras.get("authority_code", ""),
        previous_number_link=extras.get("previous_number_link", ""),
    )
    try:
        text = encode_text_block(card)
    except ValueError as exc:
        raise ValueError(f"有字段超出证件的存储长度（{exc}）") from None
    return SimCard(_text(entry, "label") or card.card_type.value, replace(card, raw_text=text))


def _filler(seed: str, size: int) -> bytes:
    """Deterministic stand-in bytes (a real WLT photo needs the vendor encoder, §1.8)."""
    out = bytearray()
    counter = 0
    while len(out) < size:
        out += hashlib.sha256(f"{seed}:{counter}".encode()).digest()
        counter += 1
    return bytes(out[:size])


def _templates(seed: str, count: int) -> bytes:
    out = bytearray()
    for finger in _FINGERS[:count]:
        template = bytearray(_filler(f"{seed}:fp{finger}", TEMPLATE_SIZE))
        template[0], template[5] = 0x43, finger  # 'C' header byte; finger position at byte 5
        out += template
    return bytes(out)
