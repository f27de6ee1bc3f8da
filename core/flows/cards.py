"""What an ID card gives an intake (``CardData``) and whether the card may be used today (``card_problems``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from core.flows.problems import Problem


@dataclass(frozen=True, slots=True)
class CardData:
    """What an ID card gives the form (services.cards.card_data maps devices.id_reader.IdCard to this).

    ``valid_from``/``valid_to`` are the card's 有效期; ``valid_to`` None means 长期 (long-term) —
    or, with ``valid_from`` None too, that no card validity is known (an online token's person).
    """

    name: str
    id_number: str
    sex: str = ""
    nation: str = ""
    birth_date: date | None = None
    address: str = ""
    valid_from: date | None = None
    valid_to: date | None = None


def card_problems(card: CardData, today: date) -> list[Problem]:
    """Why ``card`` cannot be used ``today``: expired, or not valid yet. Empty when it can.

    The one rule the window (a supervisor may decide otherwise), the kiosk (refuses) and
    ``cases add`` (refuses) apply. A card is valid through the last day of the 有效期限 printed on
    it ("2016.04.02-2036.04.02" includes 2036-04-02); 长期 never ends.
    """
    out = []
    if card.valid_from is not None and card.valid_from > today:
        shown = card.valid_from.isoformat()
        out.append(
            Problem(
                "applicant.valid_from",
                f"证件尚未生效（有效期自 {shown} 起）。请核对证件和本机日期。",
                f"the ID card is not valid before {shown}; check the card and this device's date",
                "card.not_yet_valid",
                {"date": shown},
            )
        )
    if card.valid_to is not None and card.valid_to < today:
        shown = card.valid_to.isoformat()
        out.append(
            Problem(
                "applicant.valid_to",
                f"证件已过有效期（有效期至 {shown}）。",
                f"the ID card expired on {shown}",
                "card.expired",
                {"date": shown},
            )
        )
    return out
