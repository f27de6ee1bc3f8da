"""A citizen's session on the real kiosk window: identity in, inactivity out, nothing left behind."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from devices.id_reader import CardType, IdCard
from kiosk.driver import KioskDriver
from services.sandbox import EmbeddedPlatform
from tests.kiosk.conftest import KioskFactory

FATHER = ("周建国", "320115198805120036")
MOTHER = ("林晓雨", "320115199003070043")


class FakeMonotonic:
    """The window's inactivity clock, stepped by the test."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def monotonic() -> FakeMonotonic:
    return FakeMonotonic()


def _all_widgets(driver: KioskDriver) -> Iterator[QWidget]:
    yield from QApplication.allWidgets()
    yield driver.window


def _texts_of(widget: QWidget) -> list[str]:
    texts = [widget.accessibleName(), widget.accessibleDescription(), widget.toolTip(), widget.windowTitle()]
    if isinstance(widget, (QLabel, QAbstractButton, QLineEdit)):
        texts.append(widget.text())
    if isinstance(widget, (QTextEdit, QPlainTextEdit)):
        texts.append(widget.toPlainText())
    return texts


def traces_of(driver: KioskDriver, name: str, id_number: str) -> list[str]:
    """Every text in any live widget that still shows the person: name, ID number, or their masks."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    needles = (name, id_number, name[0] + "*" + name[-1], id_number[-4:] + "）")
    found = []
    for widget in _all_widgets(driver):
        for text in _texts_of(widget):
            if any(needle in text for needle in needles):
                found.append(f"{type(widget).__name__}: {text}")
    return found


def test_the_inactivity_timeout_wipes_the_session(
    qtbot: QtBot, make_kiosk: KioskFactory, monotonic: FakeMonotonic
) -> None:
    driver = make_kiosk(monotonic=monotonic)
    window = driver.window
    driver.place_card(0)
    qtbot.waitUntil(lambda: driver.on("menu"), timeout=15_000)
    assert "周*国" in " ".join(driver.texts())
    assert FATHER[1] not in " ".join(driver.texts())  # masked on screen
    policy = window.session.policy

    monotonic.now += policy.warn_after_s + 1
    window.check_idle()
    assert window.countdown.isVisible() and window.countdown.seconds == int(policy.countdown_s) - 1
    driver.click(window.countdown.continue_button)
    assert not window.countdown.isVisible() and window.in_session

    monotonic.now += policy.timeout_s + 1
    window.check_idle()
    assert not window.in_session and driver.screen_name == "attract"
    assert "自动结束" in window.attract.notice.text()
    assert traces_of(driver, *FATHER) == []


def test_ending_the_session_by_hand_leaves_nothing(qtbot: QtBot, make_kiosk: KioskFactory) -> None:
    driver = make_kiosk()
    driver.place_card(0)
    qtbot.waitUntil(lambda: driver.on("menu"), timeout=15_000)
    assert traces_of(driver, *FATHER)  # the check can see the citizen while the session runs
    driver.click("结束办理")
    assert not driver.window.in_session
    assert traces_of(driver, *FATHER) == []


def test_another_persons_card_ends_the_previous_session_first(qtbot: QtBot, make_kiosk: KioskFactory) -> None:
    driver = make_kiosk()
    ended: list[str] = []
    driver.window.session_ended.connect(ended.append)
    driver.place_card(0)
    qtbot.waitUntil(lambda: driver.on("menu"), timeout=15_000)
    driver.remove_card()  # a reader reads the next card once it has seen the last one go
    qtbot.waitUntil(driver.reader_empty, timeout=15_000)
    driver.place_card(1)
    qtbot.waitUntil(lambda: "林*雨" in " ".join(driver.texts()), timeout=15_000)
    assert ended == ["new_card"]
    assert traces_of(driver, *FATHER) == []


def test_an_expired_card_is_refused_with_what_to_do(qtbot: QtBot, make_kiosk: KioskFactory) -> None:
    driver = make_kiosk()
    expired = IdCard(
        card_type=CardType.RESIDENT,
        name="周建国",
        sex="男",
        nation="汉",
        birth_date=date(1988, 5, 12),
        address="南京市江宁区东山街道竹山路8号",
        id_number=FATHER[1],
        issuing_authority="南京市公安局江宁分局",
        valid_from=date(2006, 1, 1),
        valid_to=date(2016, 1, 1),
    )
    driver.place_card(expired)
    qtbot.waitUntil(lambda: "过有效期" in driver.banner_text(), timeout=15_000)
    assert "人工窗口" in driver.banner_text()
    assert driver.window.in_session and driver.window.session.citizen is None


def test_an_online_code_is_refused_plainly_when_the_platform_is_unreachable(
    qtbot: QtBot, make_kiosk: KioskFactory
) -> None:
    driver = make_kiosk()  # not enrolled: offline only
    driver.scan("DEMO-ESSC-ZHOUJIANGUO-2026")
    qtbot.waitUntil(lambda: "身份证" in driver.banner_text(), timeout=15_000)
    assert "联网" in driver.banner_text()
    assert driver.window.session.citizen is None


def test_an_online_code_identifies_through_the_platform(
    qtbot: QtBot, make_kiosk: KioskFactory, platform: EmbeddedPlatform
) -> None:
    driver = make_kiosk(platform=platform)
    qtbot.waitUntil(lambda: driver.app.sync is not None and driver.app.sync.online is True, timeout=20_000)
    driver.scan("DEMO-ESSC-ZHOUJIANGUO-2026")
    qtbot.waitUntil(
        lambda: driver.window.in_session and driver.window.session.citizen is not None, timeout=20_000
    )
    citizen = driver.window.session.citizen
    assert citizen is not None and citizen.id_number == FATHER[1] and citizen.source == "token"


def test_an_unknown_code_says_what_the_kiosk_reads(qtbot: QtBot, make_kiosk: KioskFactory) -> None:
    driver = make_kiosk()
    driver.scan("停车场入口 A-17", symbology="CODE128")  # not ours, not an identity code
    qtbot.waitUntil(lambda: "无法识别" in driver.banner_text(), timeout=15_000)


def test_every_control_has_an_accessible_name(qtbot: QtBot, make_kiosk: KioskFactory) -> None:
    driver = make_kiosk()
    driver.place_card(0)
    qtbot.waitUntil(lambda: driver.on("menu"), timeout=15_000)
    for name in ("menu", "identify", "rating"):
        driver.window.show_screen(name)
        screen = driver.screen(name)
        for widget in screen.findChildren(QWidget):
            if isinstance(widget, (QAbstractButton, QLineEdit)) and widget.isVisibleTo(screen):
                assert widget.accessibleName().strip(), f"{name}: {type(widget).__name__} {widget.text()!r}"


def test_a_waiting_session_does_not_time_out(
    qtbot: QtBot, make_kiosk: KioskFactory, monotonic: FakeMonotonic
) -> None:
    driver = make_kiosk(monotonic=monotonic)
    driver.place_card(0)
    qtbot.waitUntil(lambda: driver.on("menu"), timeout=15_000)
    window = driver.window
    gave_up: list[str] = []
    waiting = window.wait("正在查询…", timeout_ms=60_000, on_give_up=gave_up.append)
    monotonic.now += window.session.policy.timeout_s * 3
    window.check_idle()
    assert window.in_session and not window.countdown.isVisible()
    qtbot.waitUntil(window.busy.isVisible, timeout=5_000)  # shown once the wait lasts (REVEAL_AFTER_MS)
    driver.click(window.busy.cancel_button)
    assert gave_up == ["cancel"] and not waiting.live and not window.busy.isVisible()


def test_the_kiosk_reader_starts_empty(qtbot: QtBot, make_kiosk: KioskFactory) -> None:
    driver = make_kiosk()
    qtbot.waitUntil(
        lambda: driver.app.devices is not None and bool(driver.app.devices.health()), timeout=15_000
    )
    qtbot.wait(1500)  # a card lying on the reader would have been read by now
    assert not driver.window.in_session  # only a citizen's card starts a session
