"""The simulator's card file: the shipped demo cards are valid and realistic; bad files say what is wrong."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from devices.id_reader import CardType
from devices.id_reader.card_file import CardFileError, SimCard, load_cards, parse_cards

_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]  # GB 11643 / ISO 7064 MOD 11-2 (§1.13)


def mod11_2(number: str) -> bool:
    return (
        "10X98765432"[sum(int(d) * w for d, w in zip(number[:17], _WEIGHTS, strict=True)) % 11] == number[17]
    )


def icao_7_3_1(number: str) -> bool:
    # 2017 foreigner numbers: ICAO 9303 7-3-1 check digit over the first 14 characters (§1.13).
    values = [int(ch) if ch.isdigit() else ord(ch) - 55 for ch in number[:14]]
    return sum(v * (7, 3, 1)[i % 3] for i, v in enumerate(values)) % 10 == int(number[14])


def test_demo_cards_cover_every_type_with_valid_numbers(demo_cards: list[SimCard]) -> None:
    by_type = {c.card.card_type: c.card for c in demo_cards}
    assert set(by_type) == set(CardType)
    residents = [c.card for c in demo_cards if c.card.card_type is CardType.RESIDENT]
    assert sorted(c.sex for c in residents) == ["女", "男"]  # a mother and a father
    assert any(c.valid_to is None for c in residents)  # one 长期 card
    for card in (*residents, by_type[CardType.HK_MO_TW_PERMIT], by_type[CardType.FOREIGN_PERMANENT_2023]):
        assert len(card.id_number) == 18 and mod11_2(card.id_number), card
        assert card.id_number[6:14] == card.birth_date.strftime("%Y%m%d")
        assert int(card.id_number[16]) % 2 == (1 if card.sex == "男" else 0)  # odd order code = male
    assert by_type[CardType.HK_MO_TW_PERMIT].id_number[:6] in {"810000", "820000", "830000"}
    assert by_type[CardType.FOREIGN_PERMANENT_2023].id_number.startswith("9")
    old = by_type[CardType.FOREIGN_PERMANENT_2017].id_number
    assert (
        len(old) == 15 and old[:3] == by_type[CardType.FOREIGN_PERMANENT_2017].nationality and icao_7_3_1(old)
    )
    assert all(len(c.card.photo_wlt) == 1024 for c in demo_cards)
    assert {len(c.card.fingerprint or b"") for c in demo_cards} >= {0, 512, 1024}


def _one(**changes: object) -> dict[str, object]:
    card: dict[str, object] = {
        "card_type": "resident",
        "name": "测试",
        "sex": "男",
        "nation": "汉",
        "birth_date": "1980-01-01",
        "address": "某地",
        "id_number": "11010519800101001X",
        "issuing_authority": "某公安局",
        "valid_from": "2020-01-01",
        "valid_to": "长期",
    }
    card.update(changes)
    return {"version": 1, "cards": [{k: v for k, v in card.items() if v is not None}]}


def test_a_minimal_card_with_codes_instead_of_names() -> None:
    (card,) = parse_cards(_one(sex="2", nation="03", fingerprints=1))
    assert (card.card.sex, card.card.nation, card.card.valid_to) == ("女", "回", None)
    assert len(card.card.fingerprint or b"") == 512 and card.label == "resident"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"nickname": "x"}, "不认识的字段 nickname"),
        ({"name": None}, "缺少字段 name"),
        ({"birth_date": "1980/01/01"}, "birth_date 应为 YYYY-MM-DD"),
        ({"name": "名" * 16}, "longer than 15"),
        ({"nation": "火星"}, "火星"),
        ({"card_type": "hk_mo_tw_permit"}, "只有居民身份证有民族字段"),
        ({"card_type": "passport"}, "passport"),
        ({"fingerprints": 3}, "fingerprints"),
        ({"sex": "M"}, "M"),
        ({"photo_wlt_base64": "***"}, "第 1 张证件有误"),
    ],
)
def test_bad_cards_are_named_in_chinese(changes: dict[str, object], message: str) -> None:
    with pytest.raises(CardFileError, match=message):
        parse_cards(_one(**changes))


@pytest.mark.parametrize("document", [[], {"cards": []}, {"cards": "x"}, {"version": 2, "cards": []}])
def test_bad_documents(document: object) -> None:
    with pytest.raises(CardFileError):
        parse_cards(document)


def test_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(CardFileError, match="无法读取"):
        load_cards(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(CardFileError, match="不是有效的 UTF-8 JSON"):
        load_cards(bad)


def test_read_id_json_output_can_be_pasted_back(demo_cards: list[SimCard], tmp_path: Path) -> None:
    entries = [c.card.to_json(reveal=True) for c in demo_cards]
    path = tmp_path / "cards.json"
    path.write_text(json.dumps({"cards": entries}, ensure_ascii=False), encoding="utf-8")
    reloaded = load_cards(path)
    for before, after in zip(demo_cards, reloaded, strict=True):
        assert after.card.to_json(reveal=True) == before.card.to_json(reveal=True)
