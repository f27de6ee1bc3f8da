"""预约取号 at the kiosk (issue #14 item 1): the appointment QR scanned (or its code typed) on the 取号
screen gives the Y-lane ticket the hall server checked, with the server's slot; a typo, a foreign QR,
a cancelled appointment are refused in Chinese; a second redemption prints the same number; with the
hall server down the kiosk says it cannot check and the ordinary ticket is one tap away."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from core.queue.appointment import appointment_qr_payload
from core.store.db import write_transaction
from kiosk.driver import KioskDriver
from kiosk.screens.ticket import TicketScreen
from services.sandbox import EmbeddedPlatform
from sync.server import appointments
from sync.server.db import open_platform_db
from tests.kiosk.conftest import KioskFactory
from tests.kiosk.test_certificate import online_kiosk
from tests.kiosk.test_progress import scan
from tests.kiosk.test_ticket import issued_on, open_ticket_screen, printed, wait_done

MOTHER_ID = "320115199003070043"


def book(platform: EmbeddedPlatform, slot: datetime, *, cancel: bool = False) -> str:
    """An appointment in the platform's database (the operator's ``platform appointment add``)."""
    db = open_platform_db(platform.db)
    try:
        with write_transaction(db):
            booked = appointments.add(
                db,
                service="newborn",
                service_name="新生儿出生“一件事”",
                slot=slot,
                now=slot - timedelta(days=1),
                name="林晓雨",
                id_number=MOTHER_ID,
            )
            if cancel:
                appointments.cancel(db, booked.code, slot - timedelta(hours=1))
        return booked.code
    finally:
        db.close()


def entry(screen: TicketScreen) -> object:
    page = screen.pages.currentWidget()
    return next(
        b for b in page.findChildren(type(screen.anonymous_button)) if b.objectName() == "ticket-appointment"
    )


def type_code(driver: KioskDriver, screen: TicketScreen, code: str) -> None:
    keypad = screen.appointment_page.keypad
    keypad.clear()
    for digit in code:
        driver.click(keypad.findChild(type(screen.anonymous_button), f"key-{digit}"))


def test_a_scanned_appointment_prints_its_y_ticket_with_the_servers_slot(
    qtbot: QtBot, make_kiosk: KioskFactory, platform: EmbeddedPlatform, tmp_path: Path
) -> None:
    now = datetime.now().astimezone()
    slot = now.replace(second=0, microsecond=0) + timedelta(minutes=60)
    if slot.date() != now.date():
        pytest.skip("too close to midnight for a same-day slot")
    code = book(platform, slot)
    cancelled = book(platform, slot, cancel=True)
    driver = online_kiosk(qtbot, make_kiosk, platform)
    scan(qtbot, driver, appointment_qr_payload(code))  # at the attract screen: on to 取号 and redeemed
    qtbot.waitUntil(lambda: driver.on("ticket"), timeout=10_000)
    screen = driver.screen("ticket")
    assert isinstance(screen, TicketScreen)
    wait_done(qtbot, screen)
    (held,) = issued_on(platform)
    assert (held["number"], held["lane"], held["priority"]) == ("Y001", "Y", "appointment")
    assert held["slot"] == slot.isoformat(timespec="minutes") and held["appointment"] == code
    assert held["applicant"]["id_number"] == MOTHER_ID and held["service"] == "newborn"
    lines, _codes = printed(driver)
    start = slot - timedelta(minutes=screen.rules.appointment_early_minutes)
    assert (
        "Y001" in lines and "（预约）" in lines and f"预约时段：{slot:%H:%M}（{start:%H:%M} 起叫号）" in lines
    )
    assert screen.number_label.text() == "Y001"
    assert f"约 {start:%H:%M} 起叫号" in screen.ahead_label.text()  # early: told when it is called
    screen.grab().save(str(tmp_path / "ticket-appointment-done.png"))
    driver.click(screen.more_button)
    screen = open_ticket_screen(qtbot, driver)
    assert screen.pages.currentWidget() is screen.identify_page
    screen.grab().save(str(tmp_path / "ticket-identify.png"))
    scan(qtbot, driver, "TY1:123456786:00000000")  # misread: refused before asking anyone
    qtbot.waitUntil(lambda: "预约二维码" in driver.banner_text(), timeout=5_000)
    assert screen.pages.currentWidget() is screen.appointment_page and len(issued_on(platform)) == 1
    driver.click(screen.back_button)
    assert screen.pages.currentWidget() is screen.identify_page
    # Typed the same code again on the keypad: the same number, reprinted, not a second ticket.
    driver.click(entry(screen))
    assert screen.pages.currentWidget() is screen.appointment_page
    type_code(driver, screen, code[:-1] + str((int(code[-1]) + 1) % 10))  # a typo
    driver.click(screen.appointment_page.confirm_button)
    assert "预约码有误" in driver.banner_text()
    type_code(driver, screen, cancelled)
    screen.grab().save(str(tmp_path / "ticket-appointment-keypad.png"))
    driver.click(screen.appointment_page.confirm_button)
    qtbot.waitUntil(lambda: "已经取消" in driver.banner_text(), timeout=15_000)
    slips = printed(driver)[0].count("Y001")
    type_code(driver, screen, code)
    driver.click(screen.appointment_page.confirm_button)
    screen.appointment_page.redeem(code)  # scanned too while the first is checked: still one slip
    wait_done(qtbot, screen)
    assert screen.number_label.text() == "Y001" and "已经取过号" in driver.banner_text()
    qtbot.wait(1_500)  # time for a second answer and print, were there one
    assert printed(driver)[0].count("Y001") == slips + 1 and len(issued_on(platform)) == 1


def test_with_the_hall_server_down_an_appointment_cannot_be_checked_and_the_ordinary_ticket_is_offered(
    qtbot: QtBot, make_kiosk: KioskFactory, platform: EmbeddedPlatform, tmp_path: Path
) -> None:
    driver = make_kiosk(platform=platform, platform_down=True, elderly=True)  # 长辈版
    driver.tap_attract()
    screen = open_ticket_screen(qtbot, driver)
    screen.grab().save(str(tmp_path / "ticket-identify-elderly.png"))
    driver.click(entry(screen))
    page = screen.appointment_page
    type_code(driver, screen, "123456786")
    screen.grab().save(str(tmp_path / "ticket-appointment-keypad-elderly.png"))
    driver.click(page.confirm_button)  # the kiosk does not know yet that the hall server is down
    qtbot.waitUntil(page.offline_label.isVisible, timeout=20_000)
    assert "预约需联网核验，您可先取普通号" in page.offline_label.text() and not page.keypad.isVisible()
    screen.grab().save(str(tmp_path / "ticket-appointment-offline-elderly.png"))
    driver.click(page.ordinary_button)
    assert screen.pages.currentWidget() is screen.identify_page
    scan(qtbot, driver, appointment_qr_payload("123456786"))  # scanned anyway: the same answer
    assert screen.pages.currentWidget() is page
    qtbot.waitUntil(page.offline_label.isVisible, timeout=20_000)
    driver.click(page.ordinary_button)
    driver.click(screen.anonymous_button)
    driver.click(screen.choice_button("newborn"))
    driver.click(screen.no_claim_button)
    wait_done(qtbot, screen)
    assert screen.number_label.text() == "A1001"  # an ordinary ticket from this kiosk's slot
