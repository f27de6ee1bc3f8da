"""办件进度查询 at the kiosk: by receipt QR and by ID card, from the platform and offline from the kiosk's own record."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from concurrent.futures import Future
from typing import Any, TypeVar

from pytestqt.exceptions import TimeoutError
from pytestqt.qtbot import QtBot

from core.case_numbers import parse_case_number
from core.cases.intake import IntakeRequest, MaterialInput
from core.cases.model import Case, CaseStatus, ItemState
from core.catalog import build_checklist
from core.catalog.answers import answers_from_json
from core.catalog.model import Catalog, MaterialSource
from core.store.store import Store
from devices.qr.payloads import make_receipt_payload
from kiosk.driver import KioskDriver
from kiosk.screens.progress import ProgressScreen
from kiosk.screens.progress_card import case_status_label
from services.sandbox import FATHER_CARD, MOTHER_CARD, EmbeddedPlatform
from tests.intake_samples import agreeing_form, complete_answers, sample_value
from tests.kiosk.conftest import KioskFactory

R = TypeVar("R")
NOT_UPLOADED = "尚未上传到政务服务平台"
UNREACHABLE = "连不上政务服务平台"


def intake_request(catalog: Catalog, card: Mapping[str, Any], bundle_id: str = "newborn") -> IntakeRequest:
    """A request every intake rule accepts, with the card's holder as the applicant."""
    # The kiosk runs on the machine's clock: a child over one agrees with its birth date on any day
    # (the catalog checks the age answer against it, core.catalog.checks).
    given = {"married": True, "follow": "father", "age_band": "gt_1y"} if bundle_id == "newborn" else {}
    answers = complete_answers(catalog, bundle_id, given)
    checklist = build_checklist(catalog, bundle_id, answers_from_json(catalog.bundle(bundle_id), answers))
    materials = {
        item.material.id: MaterialInput(ItemState.E_LICENCE if item.material.licence else ItemState.PAPER)
        for item in checklist.items
        if item.material.source is not MaterialSource.GENERATED
    }
    form = agreeing_form({f.id: sample_value(f) for f in checklist.fields if f.prefill is None}, answers)
    applicant = {"name": card["name"], "id_number": card["id_number"], "phone": "13800138000", "nation": "汉"}
    return IntakeRequest(bundle_id, applicant, answers, materials, form)


def on_store(qtbot: QtBot, driver: KioskDriver, fn: Callable[[Store], R]) -> R:
    """``fn(store)`` on the kiosk's store worker; the test waits for it without blocking Qt."""
    ctx = driver.app.ctx
    assert ctx is not None
    future: Future[R] = ctx.operations.on_store(fn)
    qtbot.waitUntil(future.done, timeout=20_000)
    return future.result()


def accept_here(qtbot: QtBot, driver: KioskDriver, card: Mapping[str, Any]) -> Case:
    """A case accepted at this kiosk (operator "kiosk"), as the 自助申报 service would."""
    ctx = driver.app.ctx
    assert ctx is not None
    request = intake_request(ctx.catalog, card)
    return on_store(qtbot, driver, lambda store: ctx.case_service(store).accept(request))


def scan(qtbot: QtBot, driver: KioskDriver, text: str) -> None:
    """Hold a code to the simulated scanner until the kiosk read it: the scanner's port opens a
    moment after the window shows (pyserial flushes what arrived before), so a first code may be lost."""
    devices = driver.app.devices
    assert devices is not None
    seen: list[object] = []
    devices.code_scanned.connect(seen.append)
    try:
        for _ in range(20):
            driver.scan(text)
            try:
                qtbot.waitUntil(lambda: bool(seen), timeout=1_000)
            except TimeoutError:
                continue
            return
        raise AssertionError("the kiosk never read the code")
    finally:
        devices.code_scanned.disconnect(seen.append)


def uploaded(qtbot: QtBot, driver: KioskDriver, number: str) -> bool:
    events = on_store(qtbot, driver, lambda store: store.events_for(number))
    return bool(events) and all(e.acked_at is not None for e in events)


def progress_screen(driver: KioskDriver) -> ProgressScreen:
    screen = driver.screen("progress")
    assert isinstance(screen, ProgressScreen)
    return screen


def card_text(driver: KioskDriver, number: str) -> str:
    screen = progress_screen(driver)
    return "\n".join(driver.texts(screen.cards[number]))


def test_offline_a_receipt_qr_shows_the_case_accepted_here_as_not_uploaded(
    qtbot: QtBot, make_kiosk: KioskFactory, platform: EmbeddedPlatform
) -> None:
    driver = make_kiosk(platform=platform, platform_down=True)
    case = accept_here(qtbot, driver, FATHER_CARD)
    scan(qtbot, driver, make_receipt_payload(case.number))
    qtbot.waitUntil(lambda: driver.on("progress") and bool(progress_screen(driver).cards), timeout=30_000)
    screen = progress_screen(driver)
    assert [item.number for item in screen.shown] == [case.number]
    assert screen.shown[0].source == "local" and not screen.shown[0].uploaded
    text = card_text(driver, case.number)
    assert case.bundle_name in text
    assert parse_case_number(case.number).display in text
    assert case_status_label(case.status) in text
    assert NOT_UPLOADED in text
    assert all(m.dept_name in text for m in case.matters)
    assert UNREACHABLE in driver.banner_text()
    assert FATHER_CARD["id_number"] not in "\n".join(driver.texts())
    assert driver.window.session.cases_to_rate == [case.number]
    driver.click("完成")
    qtbot.waitUntil(lambda: driver.on("rating"), timeout=10_000)


def test_online_an_id_card_shows_the_platforms_statuses_after_a_sync_round(
    qtbot: QtBot, make_kiosk: KioskFactory, platform: EmbeddedPlatform
) -> None:
    driver = make_kiosk(platform=platform)
    ctx = driver.app.ctx
    assert ctx is not None and ctx.sync is not None
    case = accept_here(qtbot, driver, FATHER_CARD)
    ctx.sync.sync_now()
    qtbot.waitUntil(lambda: uploaded(qtbot, driver, case.number), timeout=30_000)

    def final_on_platform() -> dict[str, Any] | None:
        found = [c for c in platform.cases() if c["case_number"] == case.number]
        return found[0] if found and CaseStatus(found[0]["status"]).final else None

    qtbot.waitUntil(lambda: final_on_platform() is not None, timeout=30_000)
    on_platform = final_on_platform()
    assert on_platform is not None

    driver.place_card(0)  # 周建国
    qtbot.waitUntil(lambda: driver.on("menu"), timeout=20_000)
    driver.click("办件进度查询")
    # (cards added to a showing list become visible from the event loop: wait for their text)
    qtbot.waitUntil(
        lambda: (
            driver.on("progress")
            and case.number in progress_screen(driver).cards
            and bool(card_text(driver, case.number))
        ),
        timeout=30_000,
    )
    screen = progress_screen(driver)
    shown = {item.number: item for item in screen.shown}
    assert shown[case.number].source == "platform" and shown[case.number].uploaded
    text = card_text(driver, case.number)
    assert case_status_label(CaseStatus(on_platform["status"])) in text
    assert on_platform["official_number"] and f"统一办件编号：{on_platform['official_number']}" in text
    assert NOT_UPLOADED not in text and UNREACHABLE not in text
    assert all(m.dept_name in text for m in case.matters)
    assert driver.banner_text() == ""
    who = screen.who.text()
    assert "周*国" in who and FATHER_CARD["id_number"] not in who
    assert FATHER_CARD["id_number"] not in "\n".join(driver.texts())


def test_a_receipt_scanned_on_the_screen_adds_its_case(
    qtbot: QtBot, make_kiosk: KioskFactory, platform: EmbeddedPlatform
) -> None:
    driver = make_kiosk(platform=platform, platform_down=True)
    fathers = accept_here(qtbot, driver, FATHER_CARD)
    mothers = accept_here(qtbot, driver, MOTHER_CARD)
    driver.place_card(0)
    qtbot.waitUntil(lambda: driver.on("menu"), timeout=20_000)
    driver.click("办件进度查询")
    qtbot.waitUntil(lambda: driver.on("progress") and bool(progress_screen(driver).cards), timeout=30_000)
    assert set(progress_screen(driver).cards) == {fathers.number}
    scan(qtbot, driver, make_receipt_payload(mothers.number))
    qtbot.waitUntil(lambda: driver.on("progress") and len(progress_screen(driver).cards) == 2, timeout=30_000)
    assert set(progress_screen(driver).cards) == {fathers.number, mothers.number}
    assert set(driver.window.session.cases_to_rate) == {fathers.number, mothers.number}
    assert driver.window.session.citizen is not None  # the receipt did not replace the person


def test_no_cases_is_a_sentence_not_an_empty_screen(qtbot: QtBot, make_kiosk: KioskFactory) -> None:
    driver = make_kiosk()  # not enrolled: the kiosk's own cases only
    driver.place_card(1)  # 林晓雨, who has no case here
    qtbot.waitUntil(lambda: driver.on("menu"), timeout=20_000)
    driver.click("办件进度查询")
    qtbot.waitUntil(
        lambda: driver.on("progress") and progress_screen(driver).empty.isVisible(), timeout=30_000
    )
    screen = progress_screen(driver)
    assert not screen.cards and screen.empty.isVisible()
    assert screen.empty.text().startswith("没有查到您的办件")
    assert "本机没有连接政务服务平台" in driver.banner_text()
    assert driver.window.session.cases_to_rate == []
