"""办事指南 at the kiosk: by life event or pinyin letters, the guide in large type, printed; no identity."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from core.catalog.model import Subject
from core.catalog.search import SearchIndex
from devices.printer.inspect import decode_escpos, printed_lines
from kiosk.driver import KioskDriver
from kiosk.screens.guide import GuideScreen
from kiosk.screens.menu import MenuScreen
from qtkit.theme import current_scale
from qtkit.widgets.big_button import BigButton
from tests.kiosk.conftest import KioskFactory
from tests.kiosk.test_session import FakeMonotonic

OURS_IN_CHINESE = re.compile(r"(办事指南|实施编码|承诺办结时限|申请材料|个人办事|拼音|上一页|打印)")


def guide_screen(qtbot: QtBot, driver: KioskDriver, *, elderly: bool = False) -> GuideScreen:
    """From the attract screen to the guide screen without a card: a touch, then 办事指南."""
    driver.tap_attract(elderly=elderly)
    qtbot.waitUntil(lambda: driver.on("menu"), timeout=15_000)
    menu = driver.screen("menu")
    assert isinstance(menu, MenuScreen)
    driver.click(menu.guide_button)
    qtbot.waitUntil(lambda: driver.on("guide"), timeout=15_000)
    screen = driver.screen("guide")
    assert isinstance(screen, GuideScreen)
    qtbot.waitUntil(lambda: screen.index is not None, timeout=20_000)
    return screen


def tap_letters(driver: KioskDriver, screen: GuideScreen, letters: str) -> None:
    for letter in letters:
        key = screen.keypad.findChild(BigButton, f"key-{letter}")
        assert isinstance(key, BigButton)
        driver.click(key)


def test_pinyin_initials_find_a_matter_whose_guide_prints_without_an_identity(
    qtbot: QtBot, make_kiosk: KioskFactory
) -> None:
    driver = make_kiosk()
    screen = guide_screen(qtbot, driver)
    assert driver.window.session.citizen is None  # nobody identified
    driver.click(screen.letters_button)
    tap_letters(driver, screen, "CSDJ")
    assert screen.keypad.text() == "CSDJ"
    names = [screen.results.item(i).text().split("\n")[0] for i in range(screen.results.count())]
    assert "出生登记（户口登记）" in names
    row = names.index("出生登记（户口登记）")
    item = screen.results.item(row)
    rect = screen.results.visualItemRect(item)
    qtbot.mouseClick(screen.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: screen.pages.currentWidget() is screen.guide_page, timeout=5_000)
    assert screen.guide is not None and screen.guide.name == "出生登记（户口登记）"
    assert "承诺办结时限" in screen.view.toPlainText()
    assert screen.view.font().pointSizeF() >= 18  # large type
    driver.click(screen.print_button)
    qtbot.waitUntil(lambda: "已打印" in driver.banner_text(), timeout=20_000)
    lines = printed_lines(decode_escpos(driver.printed()))
    assert "办事指南" in [line.strip() for line in lines] and "出生登记（户口登记）" in "".join(lines)
    (health,) = [h for h in driver.app.devices.health() if h.role == "printer"]  # type: ignore[union-attr]
    assert health.ok
    driver.click("返回")
    assert screen.pages.currentWidget() is screen.results_page  # back to the list, letters kept
    assert screen.keypad.text() == "CSDJ"


def test_life_events_browse_by_big_buttons(qtbot: QtBot, make_kiosk: KioskFactory) -> None:
    driver = make_kiosk()
    screen = guide_screen(qtbot, driver)
    assert screen.pages.currentWidget() is screen.categories_page and screen.person_button.isChecked()
    index = SearchIndex.of(driver.app.ctx.catalog)  # type: ignore[union-attr]
    assert "婚姻" in screen.category_buttons
    driver.click(screen.category_buttons["婚姻"])
    shown = {screen.results.item(i).text().split("\n")[0] for i in range(screen.results.count())}
    assert shown == {e.name for e in index.browse(category="婚姻", subject=Subject.PERSON)}
    assert not screen.keypad.isVisible()
    driver.click("返回")
    assert screen.pages.currentWidget() is screen.categories_page
    driver.click(screen.entity_button)
    assert "开办" in screen.category_buttons and "婚姻" not in screen.category_buttons
    driver.click("返回")
    qtbot.waitUntil(lambda: driver.on("menu"), timeout=5_000)


def test_no_letters_match_says_what_to_do(qtbot: QtBot, make_kiosk: KioskFactory) -> None:
    driver = make_kiosk()
    screen = guide_screen(qtbot, driver)
    driver.click(screen.letters_button)
    tap_letters(driver, screen, "QQQQ")
    assert screen.results.count() == 0 and "没有找到" in screen.hint.text()
    screen.keypad.set_text("cs1-d 登记")  # letters only: the keypad has no other keys
    assert screen.keypad.text() == "CSD" and screen.results.count() > 0


def test_a_printer_out_of_paper_is_said(qtbot: QtBot, make_kiosk: KioskFactory) -> None:
    driver = make_kiosk()
    screen = guide_screen(qtbot, driver)
    driver.click(screen.category_buttons["出生"])
    screen.open_guide(screen.results.item(0).data(Qt.ItemDataRole.UserRole))
    driver.app.devices.simulators.printer.set_paper("out")  # type: ignore[union-attr]
    driver.click(screen.print_button)
    qtbot.waitUntil(lambda: "没有打印出来" in driver.banner_text(), timeout=20_000)
    assert "缺纸" in driver.banner_text()


def test_elderly_mode_and_the_timeout_apply(qtbot: QtBot, make_kiosk: KioskFactory) -> None:
    monotonic = FakeMonotonic()
    driver = make_kiosk(monotonic=monotonic)
    screen = guide_screen(qtbot, driver, elderly=True)
    assert current_scale().name == "elderly"
    assert screen.view.font().pointSizeF() >= 22 and screen.letters_button.height() >= 80
    window = driver.window
    monotonic.now += window.session.policy.timeout_s + 1
    window.check_idle()
    assert not window.in_session and driver.screen_name == "attract"


def test_english_shows_no_chinese_of_ours(qtbot: QtBot, make_kiosk: KioskFactory) -> None:
    driver = make_kiosk(lang="en")
    screen = guide_screen(qtbot, driver)
    driver.click(screen.category_buttons["出生"])
    screen.open_guide("newborn")
    texts = [*driver.texts(), screen.view.toPlainText()]
    assert "Application materials (submitted once)" in texts[-1]
    found = [t for t in texts if OURS_IN_CHINESE.search(t)]
    assert not found, found
