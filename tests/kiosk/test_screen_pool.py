"""The next citizen's screens are built while the attract screen shows (kiosk/screens/pool.py), and
none of them holds anything of the citizen before: a session fills its screens, times out, and the
screens the next session gets are new ones that show nothing of the first."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from kiosk.driver import KioskDriver
from kiosk.screens.certificate import CertificateScreen
from services.sandbox import EmbeddedPlatform
from tests.kiosk.conftest import KioskFactory
from tests.kiosk.test_session import FATHER, MOTHER, FakeMonotonic, traces_of

USED = ("menu", "progress", "certificate")


def fill_a_session(qtbot: QtBot, driver: KioskDriver) -> None:
    """The father's card, his cases, then his certificate's preview (masked name and number)."""
    driver.place_card(0)  # 周建国
    qtbot.waitUntil(lambda: driver.on("menu"), timeout=20_000)
    driver.click("办件进度查询")
    qtbot.waitUntil(lambda: driver.on("progress"), timeout=20_000)
    driver.click(driver.screen("progress").back_button)
    driver.click("证明打印")
    qtbot.waitUntil(lambda: driver.on("certificate"), timeout=10_000)
    driver.click("无犯罪记录证明")
    driver.click("就业")
    screen = driver.screen("certificate")
    assert isinstance(screen, CertificateScreen)
    qtbot.waitUntil(lambda: driver.on("certificate") and driver.has_button("打印（A4纸）"), timeout=20_000)
    assert FATHER[0] in screen.paper.body.text()  # the certificate names him (his number masked)


def test_a_timed_out_sessions_screens_are_replaced_by_new_ones_that_show_nothing_of_it(
    qtbot: QtBot, make_kiosk: KioskFactory, platform: EmbeddedPlatform
) -> None:
    monotonic = FakeMonotonic()
    driver = make_kiosk(platform=platform, monotonic=monotonic)
    window = driver.window
    qtbot.waitUntil(
        lambda: window.pool.full and driver.app.sync is not None and driver.app.sync.online is True
    )
    spares = window.pool.spares()
    assert set(USED) <= set(spares) and not any(screen.isVisible() for screen in spares.values())
    assert "newborn" not in spares  # a hospital kiosk's service: built only if a session reaches it

    fill_a_session(qtbot, driver)
    shown = {name: driver.screen(name) for name in USED}
    assert all(shown[name] is spares[name] for name in USED)  # the session took the ready spares
    assert traces_of(driver, *FATHER)  # the check sees the citizen while the session runs

    monotonic.now += window.session.policy.timeout_s + 1  # the citizen walks away
    window.check_idle()
    assert not window.in_session
    qtbot.waitUntil(lambda: window.pool.full)
    assert traces_of(driver, *FATHER) == []  # in no widget: not the spares, not the attract screen
    after = window.pool.spares()
    assert all(not isValid(shown[name]) for name in USED)  # destroyed, not recycled
    assert all(after[name] is not shown[name] for name in USED)

    driver.remove_card()
    qtbot.waitUntil(driver.reader_empty, timeout=20_000)
    driver.place_card(1)  # 林晓雨, the next citizen
    qtbot.waitUntil(lambda: driver.on("menu"), timeout=20_000)
    driver.click("证明打印")
    qtbot.waitUntil(lambda: driver.on("certificate") and driver.has_button("无犯罪记录证明"), timeout=10_000)
    assert driver.screen("certificate") is after["certificate"]
    assert traces_of(driver, *FATHER) == []
    assert traces_of(driver, *MOTHER)


def test_a_senior_session_gets_screens_at_its_own_scale(qtbot: QtBot, make_kiosk: KioskFactory) -> None:
    driver = make_kiosk()
    window = driver.window
    qtbot.waitUntil(lambda: window.pool.full)
    standard = window.pool.spares()["menu"]
    driver.tap_attract(elderly=True)
    qtbot.waitUntil(lambda: driver.on("menu"))
    menu = driver.screen("menu")
    assert menu is not standard and menu.scale.name == "elderly"
    assert "menu" not in window.pool.spares()  # the standard spare is gone, not kept for later
    driver.click("结束办理")
    qtbot.waitUntil(lambda: window.pool.full)
    assert window.pool.spares()["menu"].scale.name != "elderly"
