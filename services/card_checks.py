"""The check every ID-card read must pass before a GUI sees it: core's number rules, for the reader to apply.

devices import nothing of ours and core imports no devices, so the reader takes a ``CardCheck``
(devices.id_reader) and the wiring hands it this one (issue #10 bug 9).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from core.errors import ValidationError
from core.validation.id_cards import check_card_number
from devices.id_reader import CardCheck, CardProblem, IdCard


def card_check(today: Callable[[], date] = date.today) -> CardCheck:
    """A ``CardCheck`` refusing a card whose number breaks core's rules or disagrees with the card.

    ``today`` is asked on every read (a birth date after it is refused); it runs on the reader's
    owner thread.
    """

    def check(card: IdCard) -> CardProblem | None:
        try:
            check_card_number(
                card.card_type.value, card.id_number, birth_date=card.birth_date, sex=card.sex, today=today()
            )
        except ValidationError as exc:
            return CardProblem(exc.message, exc.detail)
        return None

    return check
