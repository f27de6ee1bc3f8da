"""“我什么时候退休” at the kiosk: the 2025 law's statutory age and month from the ID card or a typed
birth month, in large type; reachable from the menu, identifying nobody.

Vectors: ../shared/research/domain-review.md §2.2 and 《国务院关于渐进式延迟法定退休年龄的办法》第一条、第二条
(http://www.gzjdyjgxx.com/hy_news/2erql/js/neilianwfdup.html). The kiosk's test cards (services.sandbox):
card 0 周建国, a man born 1988-05 (63 → 2051-05); card 1 林晓雨, a woman born 1990-03 (the review's probe:
original age 50 → 55 → 2045-03; 55 → 58 → 2048-03).
"""

from __future__ import annotations

import re

from pytestqt.qtbot import QtBot

from core.rules.retirement import Category
from kiosk.driver import KioskDriver
from kiosk.screens.menu import MenuScreen
from kiosk.screens.retirement import RetirementScreen
from qtkit.theme import current_scale
from qtkit.widgets.big_button import BigButton
from tests.kiosk.conftest import KioskFactory
from tests.kiosk.test_session import FakeMonotonic

OURS_IN_CHINESE = re.compile(r"(退休|出生年月|职工|缴费|周岁|身份证)")


def retirement_screen(qtbot: QtBot, driver: KioskDriver, *, elderly: bool = False) -> RetirementScreen:
    """From the attract screen to the look-up without a card: a touch, then 我什么时候退休."""
    driver.tap_attract(elderly=elderly)
    qtbot.waitUntil(lambda: driver.on("menu"), timeout=15_000)
    menu = driver.screen("menu")
    assert isinstance(menu, MenuScreen)
    driver.click(menu.retirement_button)
    qtbot.waitUntil(lambda: driver.on("retirement_age"), timeout=15_000)
    screen = driver.screen("retirement_age")
    assert isinstance(screen, RetirementScreen)
    return screen


def type_digits(driver: KioskDriver, screen: RetirementScreen, digits: str) -> None:
    for digit in digits:
        key = screen.keypad.findChild(BigButton, f"key-{digit}")
        assert isinstance(key, BigButton)
        driver.click(key)


def test_a_typed_birth_month_and_a_category_give_the_answer(qtbot: QtBot, make_kiosk: KioskFactory) -> None:
    driver = make_kiosk()
    screen = retirement_screen(qtbot, driver)
    assert driver.window.session.citizen is None  # nobody identified
    assert not any(b.isEnabled() for b in screen.category_buttons.values())  # no birth month yet
    type_digits(driver, screen, "196606")
    assert screen.born is not None and str(screen.born) == "1966-06"
    driver.click(screen.category_buttons[Category.MALE])
    assert screen.pages.currentWidget() is screen.answer_page
    assert screen.age_label.text() == "法定退休年龄：60岁5个月"  # review §2.2: 1966-06 → 60y5m → 2026-11
    assert screen.month_label.text() == "2026年11月退休"
    assert "最少要缴费 15 年（2026年退休）" in screen.minimum_label.text()
    assert "最早可以在 2026年6月弹性提前退休" in screen.flexible_label.text()
    assert "最晚可以延迟到 2029年11月退休" in screen.flexible_label.text()
    assert screen.age_label.font().pointSizeF() >= 30  # large type
    driver.click(screen.again_button)
    type_digits(driver, screen, "198001")
    driver.click(screen.category_buttons[Category.FEMALE50])
    assert (
        screen.age_label.text() == "法定退休年龄：52岁7个月" and screen.month_label.text() == "2032年8月退休"
    )
    assert "最少要缴费 16 年 6 个月（2032年退休）" in screen.minimum_label.text()
    driver.click("返回")
    assert screen.pages.currentWidget() is screen.ask_page
    driver.click("返回")
    qtbot.waitUntil(lambda: driver.on("menu"), timeout=5_000)


def test_a_card_placed_here_answers_without_identifying(qtbot: QtBot, make_kiosk: KioskFactory) -> None:
    driver = make_kiosk()
    screen = retirement_screen(qtbot, driver)
    driver.place_card(0)  # 周建国, born 1988-05
    qtbot.waitUntil(lambda: screen.pages.currentWidget() is screen.answer_page, timeout=10_000)
    assert screen.age_label.text() == "法定退休年龄：63岁" and screen.month_label.text() == "2051年5月退休"
    assert driver.window.session.citizen is None and driver.on("retirement_age")
    driver.remove_card()
    qtbot.waitUntil(driver.reader_empty, timeout=10_000)
    driver.click(screen.again_button)
    driver.place_card(1)  # 林晓雨, born 1990-03: asked 50 or 55, no 男职工 button
    qtbot.waitUntil(lambda: "1990年3月出生，女" in screen.hint.text(), timeout=10_000)
    assert not screen.category_buttons[Category.MALE].isVisible()
    driver.click(screen.category_buttons[Category.FEMALE55])
    assert screen.age_label.text() == "法定退休年龄：58岁" and screen.month_label.text() == "2048年3月退休"
    assert "最少要缴费 20 年" in screen.minimum_label.text()


def test_an_identified_citizen_gets_the_answer_at_once(qtbot: QtBot, make_kiosk: KioskFactory) -> None:
    driver = make_kiosk()
    driver.place_card(0)  # 周建国 identifies himself at the attract screen
    qtbot.waitUntil(lambda: driver.on("menu"), timeout=15_000)
    menu = driver.screen("menu")
    assert isinstance(menu, MenuScreen)
    driver.click(menu.retirement_button)
    qtbot.waitUntil(lambda: driver.on("retirement_age"), timeout=15_000)
    screen = driver.screen("retirement_age")
    assert isinstance(screen, RetirementScreen)
    assert screen.pages.currentWidget() is screen.answer_page
    assert screen.month_label.text() == "2051年5月退休"


def test_a_wrong_birth_month_is_said(qtbot: QtBot, make_kiosk: KioskFactory) -> None:
    driver = make_kiosk()
    screen = retirement_screen(qtbot, driver)
    type_digits(driver, screen, "196613")
    assert "不是有效的年月" in driver.banner_text()
    assert not any(b.isEnabled() for b in screen.category_buttons.values())
    screen.keypad.clear()
    type_digits(driver, screen, "210001")
    assert "不能晚于本月" in driver.banner_text() or "不是有效的年月" in driver.banner_text()
    screen.keypad.clear()
    type_digits(driver, screen, "209901")
    assert "不能晚于本月" in driver.banner_text()
    assert screen.born is None


def test_elderly_mode_and_the_timeout_apply(qtbot: QtBot, make_kiosk: KioskFactory) -> None:
    monotonic = FakeMonotonic()
    driver = make_kiosk(monotonic=monotonic)
    screen = retirement_screen(qtbot, driver, elderly=True)
    assert current_scale().name == "elderly"
    type_digits(driver, screen, "196606")
    driver.click(screen.category_buttons[Category.MALE])
    assert screen.age_label.font().pointSizeF() >= 40 and screen.again_button.height() >= 80
    window = driver.window
    monotonic.now += window.session.policy.timeout_s + 1
    window.check_idle()
    assert not window.in_session and driver.screen_name == "attract"


def test_english_shows_no_chinese_of_ours(qtbot: QtBot, make_kiosk: KioskFactory) -> None:
    driver = make_kiosk(lang="en")
    screen = retirement_screen(qtbot, driver)
    texts = driver.texts()
    type_digits(driver, screen, "196606")
    driver.click(screen.category_buttons[Category.MALE])
    texts += driver.texts()
    found = [t for t in texts if OURS_IN_CHINESE.search(t)]
    assert not found, found
