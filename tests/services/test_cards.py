"""One mapping from a card the reader read (devices.id_reader.IdCard) to what intake takes (CardData)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from services.cards import card_data
from tests.card_samples import FOREIGNER


def test_a_foreigner_card_without_a_chinese_name_gives_its_english_name() -> None:
    data = card_data(FOREIGNER)
    assert data.name == "GARCIA LOPEZ, MARIA"
    assert (data.id_number, data.sex, data.birth_date) == (FOREIGNER.id_number, "女", date(1985, 4, 12))


def test_the_chinese_name_wins_when_the_card_has_one() -> None:
    assert card_data(replace(FOREIGNER, name="玛丽亚")).name == "玛丽亚"


def test_the_validity_travels_with_the_card() -> None:
    data = card_data(FOREIGNER)
    assert (data.valid_from, data.valid_to) == (date(2023, 12, 1), date(2033, 12, 1))
    assert card_data(replace(FOREIGNER, valid_to=None)).valid_to is None  # 长期
