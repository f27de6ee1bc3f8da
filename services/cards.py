"""The one mapping from a card the reader read (devices.id_reader.IdCard) to what intake takes (core CardData)."""

from __future__ import annotations

from core.flows.intake import CardData
from devices.id_reader import IdCard


def card_data(card: IdCard) -> CardData:
    """What both GUIs take from a card: a foreigner's card may carry no Chinese name, so the name
    is ``display_name`` (the English one then); the 有效期 goes along for core's card_problems."""
    return CardData(
        name=card.display_name,
        id_number=card.id_number,
        sex=card.sex,
        nation=card.nation,
        birth_date=card.birth_date,
        address=card.address,
        valid_from=card.valid_from,
        valid_to=card.valid_to,
    )
