"""Who is at the kiosk: the card read maps to the citizen the same way as at the window (services.cards)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from pytestqt.qtbot import QtBot

from tests.card_samples import FOREIGNER
from tests.kiosk.conftest import KioskFactory


def test_a_foreigner_card_without_a_chinese_name_identifies_by_its_english_name(
    qtbot: QtBot, make_kiosk: KioskFactory
) -> None:
    driver = make_kiosk()
    driver.place_card(FOREIGNER)
    qtbot.waitUntil(
        lambda: driver.window.in_session and driver.window.session.citizen is not None, timeout=15_000
    )
    citizen = driver.window.session.citizen
    assert citizen is not None
    assert citizen.name == "GARCIA LOPEZ, MARIA" and citizen.id_number == FOREIGNER.id_number
    assert citizen.card_data().valid_to == date(2033, 12, 1)  # what a declaration's intake is given


def test_a_card_not_yet_valid_is_refused_like_an_expired_one(qtbot: QtBot, make_kiosk: KioskFactory) -> None:
    driver = make_kiosk()
    today = driver.app.clock.now().date()  # type: ignore[union-attr]
    driver.place_card(replace(FOREIGNER, valid_from=date(today.year + 1, 1, 1), valid_to=None))
    qtbot.waitUntil(lambda: "尚未生效" in driver.banner_text(), timeout=15_000)
    assert "人工窗口" in driver.banner_text()
    assert driver.window.session.citizen is None
