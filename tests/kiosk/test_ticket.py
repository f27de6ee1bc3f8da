"""取号 at the kiosk (issue #14 item 1): by ID card the hall server's number is printed and the ticket
names the person; an elderly card goes to the priority lane; without ID and without a hall server the
kiosk numbers the ticket from its own slot, and sends it once when the server answers again."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from core.clock import SystemClock
from core.flows.kiosk import Service
from core.queue.model import EventKind
from core.queue.paper import parse_ticket_qr
from core.store.store import Store
from core.validation.idnumbers import resident_check_char
from devices.printer.inspect import decode_escpos, printed_lines
from kiosk.driver import KioskDriver
from kiosk.screens.menu import MenuScreen
from kiosk.screens.ticket import TicketScreen
from services.sandbox import EmbeddedPlatform, demo_config
from sync.client_commands import status_data
from tests.card_samples import VALID
from tests.kiosk.conftest import KioskFactory
from tests.kiosk.test_certificate import online_kiosk

_ELDER_17 = "32011519500307004"
ELDER = replace(
    VALID, name="王桂兰", birth_date=date(1950, 3, 7), id_number=_ELDER_17 + resident_check_char(_ELDER_17)
)


def issued_on(platform: EmbeddedPlatform) -> list[dict[str, Any]]:
    """The tickets of the ISSUED events the hall server holds, in arrival order."""
    with sqlite3.connect(f"file:{platform.db}?mode=ro", uri=True) as db:
        rows = db.execute("SELECT id, data FROM queue_events WHERE kind = 'issued' ORDER BY seq").fetchall()
    return [json.loads(data)["ticket"] for _id, data in rows]


def printed(driver: KioskDriver) -> tuple[list[str], list[str]]:
    """The printed lines and the QR payloads."""
    ops = decode_escpos(driver.printed())
    return [line.strip() for line in printed_lines(ops)], [op.text for op in ops if op.name == "qr_store"]


def open_ticket_screen(qtbot: QtBot, driver: KioskDriver) -> TicketScreen:
    qtbot.waitUntil(lambda: driver.on("menu"), timeout=10_000)
    menu = driver.screen("menu")
    assert isinstance(menu, MenuScreen)
    menu.grab().save(str(Path(driver.app.options.data_dir).parent / "menu.png"))
    driver.click(menu.buttons[Service.TICKET])
    qtbot.waitUntil(lambda: driver.on("ticket"), timeout=5_000)
    screen = driver.screen("ticket")
    assert isinstance(screen, TicketScreen)
    return screen


def wait_done(qtbot: QtBot, screen: TicketScreen) -> None:
    qtbot.waitUntil(lambda: screen.pages.currentWidget() is screen.done_page, timeout=30_000)


def test_an_id_card_ticket_prints_the_hall_servers_number_and_names_the_person(
    qtbot: QtBot, make_kiosk: KioskFactory, platform: EmbeddedPlatform, tmp_path: Path
) -> None:
    driver = online_kiosk(qtbot, make_kiosk, platform)
    driver.place_card(0)  # 周建国, born 1988
    screen = open_ticket_screen(qtbot, driver)
    assert screen.pages.currentWidget() is screen.service_page  # identified: no 不刷身份证 page
    assert "周建国" not in screen.who.text() and "您好" in screen.who.text()  # masked
    screen.grab().save(str(tmp_path / "ticket-service.png"))
    driver.click(screen.choice_button("school_entry"))
    assert screen.pages.currentWidget() is screen.claim_page
    screen.grab().save(str(tmp_path / "ticket-claim.png"))
    assert set(screen.claim_buttons) == {"disabled", "pregnant", "military"}
    driver.click(screen.no_claim_button)
    wait_done(qtbot, screen)
    (held,) = issued_on(platform)
    assert held["number"] == "A001" and held["lane"] == "A" and held["service"] == "school_entry"
    assert held["applicant"]["id_number"] == "320115198805120036"  # for the window's pre-fill
    lines, codes = printed(driver)
    assert "A001" in lines and "办理：教育入学“一件事”" in lines and "您前面还有 0 人等候" in lines
    assert parse_ticket_qr(codes[-1]) == (held["id"], "A001")
    assert not any("周建国" in line or "320115" in line for line in lines)  # no personal data on paper
    assert screen.number_label.text() == "A001" and screen.ahead_label.text() == "前面还有 0 人"
    screen.grab().save(str(tmp_path / "ticket-done.png"))
    driver.click(screen.finish_button)
    qtbot.waitUntil(lambda: driver.on("attract"), timeout=5_000)
    assert not driver.window.in_session


def test_an_elderly_card_goes_to_the_priority_lane_without_a_question(
    qtbot: QtBot, make_kiosk: KioskFactory, platform: EmbeddedPlatform
) -> None:
    driver = online_kiosk(qtbot, make_kiosk, platform)
    driver.tap_attract()
    screen = open_ticket_screen(qtbot, driver)
    assert screen.pages.currentWidget() is screen.identify_page
    driver.place_card(ELDER)  # on the 取号 screen itself: on to the matters
    qtbot.waitUntil(lambda: screen.pages.currentWidget() is screen.service_page, timeout=10_000)
    assert driver.window.session.citizen is not None and "您好" in screen.who.text()
    driver.click(screen.choice_button("elderly_welfare_subsidy"))
    wait_done(qtbot, screen)  # no claim page: the card says 70 or over
    (held,) = issued_on(platform)
    assert held["number"] == "V001" and held["priority"] == "elderly"
    lines, _codes = printed(driver)
    assert "V001" in lines and "（老年人优先）" in lines
    assert held["applicant"]["birth_date"] == "1950-03-07"
    # Left alone, the number page goes back to the attract screen after the countdown's time.
    assert screen._leave.isActive()
    assert screen._leave.interval() == int(driver.window.session.policy.countdown_s * 1000)
    screen._leave.timeout.emit()
    qtbot.waitUntil(lambda: driver.on("attract"), timeout=5_000)
    assert not driver.window.in_session


def test_without_id_and_without_the_hall_server_the_kiosk_numbers_from_its_slot_and_sends_once(
    qtbot: QtBot, make_kiosk: KioskFactory, platform: EmbeddedPlatform, tmp_path: Path
) -> None:
    driver = make_kiosk(platform=platform, platform_down=True)  # device 1: slot 1
    driver.tap_attract()
    screen = open_ticket_screen(qtbot, driver)
    assert screen.pages.currentWidget() is screen.identify_page
    screen.grab().save(str(tmp_path / "ticket-identify.png"))
    driver.click(screen.anonymous_button)
    assert screen.pages.currentWidget() is screen.service_page
    driver.click(screen.choice_button("hpf_housing_loan"))
    driver.click(screen.claim_buttons["military"])
    wait_done(qtbot, screen)
    assert screen.number_label.text() == "V1001"
    lines, codes = printed(driver)
    assert "V1001" in lines and "（军人优先）" in lines and not any("前面还有" in line for line in lines)
    assert any("叫号系统暂时离线" in line for line in lines)
    ticket_id, number = parse_ticket_qr(codes[-1])
    data = tmp_path / "data"
    with Store.open(data, clock=SystemClock()) as store:
        (pending,) = store.queue_outbox.pending()
        assert status_data(store, probe=False)["pending_queue_events"] == 1  # tongban sync status
    assert pending.kind is EventKind.ISSUED and pending.ticket_id == ticket_id and number == "V1001"
    assert pending.data["ticket"]["applicant"] is None  # 不刷身份证: nobody named
    # A second ticket: the next number from the same slot, never the first again.
    driver.click(screen.more_button)
    qtbot.waitUntil(lambda: driver.on("menu"), timeout=5_000)
    screen = open_ticket_screen(qtbot, driver)
    driver.click(screen.choice_button("hpf_housing_loan"))
    driver.click(screen.claim_buttons["military"])
    wait_done(qtbot, screen)
    assert screen.number_label.text() == "V1002"
    # The hall server is back: the sync round hands both over, once.
    platform.start()
    sync = driver.app.sync
    assert sync is not None
    sync.sync_now()
    qtbot.waitUntil(lambda: len(issued_on(platform)) == 2, timeout=30_000)
    with Store.open(data, clock=SystemClock()) as store:
        qtbot.waitUntil(lambda: store.queue_outbox.pending_count() == 0, timeout=20_000)
    sync.sync_now()
    qtbot.waitUntil(lambda: not sync.running, timeout=30_000)
    held = issued_on(platform)
    assert [t["number"] for t in held] == ["V1001", "V1002"] and held[0]["id"] == ticket_id


def test_a_kiosk_with_no_hall_server_and_no_slot_sends_the_citizen_to_a_window(
    qtbot: QtBot, make_kiosk: KioskFactory, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    driver = make_kiosk(config=demo_config(data, role="kiosk", device_no=110), elderly=True)  # no slot
    driver.tap_attract()
    screen = open_ticket_screen(qtbot, driver)
    driver.click(screen.anonymous_button)
    assert sum(b.isVisible() for b in screen.choice_buttons) == 6  # 长辈版: fewer, bigger buttons
    screen.grab().save(str(tmp_path / "ticket-service-elderly.png"))
    driver.click(screen.choice_button("school_entry"))
    driver.click(screen.no_claim_button)
    qtbot.waitUntil(lambda: "人工窗口" in driver.banner_text(), timeout=10_000)
    assert screen.pages.currentWidget() is screen.claim_page and printed(driver) == ([], [])
