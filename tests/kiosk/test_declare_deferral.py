"""容缺 and 告知承诺 at the kiosk follow the window's rules (domain review R3): the platform's 信用核查 is asked
as at the window, a 失信 applicant is offered neither, and 容缺 is never granted by the citizen alone at
a screen — the kiosk says it may be asked for at a staffed window, where staff 认定 it."""

from __future__ import annotations

import sqlite3

from pytestqt.qtbot import QtBot

from core.cases.model import CreditStanding, ItemState
from kiosk.driver import KioskDriver
from kiosk.screens.declare_pages import CameraPage, SummaryPage
from services.sandbox import FATHER_CARD, EmbeddedPlatform
from tests.kiosk.conftest import KioskFactory
from tests.kiosk.test_declare import (
    answer,
    declare,
    fill_field,
    on_store,
    start_declaring,
    submit_and_wait,
    swap_card,
    wait_at,
)

DEFER_AT_WINDOW = "暂时没有这份材料：到人工窗口申请容缺受理"


def _to_the_other_parents_hukou(qtbot: QtBot, driver: KioskDriver) -> CameraPage:
    qtbot.waitUntil(lambda: driver.app.sync is not None and driver.app.sync.online is True, timeout=20_000)
    start_declaring(qtbot, driver)
    driver.click("新生儿出生“一件事”")
    for question, choice in (
        ("born_in_province_hospital", "是"),
        ("age_band", "不满一个月"),
        ("birth_cert_issued", "否"),
        ("mi_enrolled_at_birth", "否"),
        ("married", "是"),
        ("follow", "随父亲落户"),
        ("hukou_type", "家庭户"),
        ("same_ethnicity", "是"),
        ("surname", "随父姓"),
        ("want_sscard", "否"),
        ("want_maternity", "否"),
    ):
        answer(qtbot, driver, question, choice)
    wait_at(qtbot, driver, "material", "mother_id")
    swap_card(qtbot, driver, 1)  # 林晓雨
    wait_at(qtbot, driver, "material", "other_hukou")
    page = declare(driver).page
    assert isinstance(page, CameraPage)
    return page


def test_a_missing_deferrable_material_sends_the_citizen_to_a_window_for_deferral(
    qtbot: QtBot, make_kiosk: KioskFactory, platform: EmbeddedPlatform
) -> None:
    driver = make_kiosk(platform=platform)
    page = _to_the_other_parents_hukou(qtbot, driver)
    assert DEFER_AT_WINDOW in driver.texts(page)
    driver.window.grab().save("/tmp/limits-kiosk-material.png")
    assert not any("先受理" in t and "补交" in t for t in driver.texts(page))  # no deadline promised here
    driver.click(DEFER_AT_WINDOW, page)
    wait_at(qtbot, driver, "stop")
    stop = declare(driver).page
    assert isinstance(stop, SummaryPage)
    text = stop.text.text()
    assert "父母另一方的居民户口簿" in text and "可以到人工窗口申请容缺受理" in text
    assert "自助终端不能认定容缺" in text and "没有提交任何申请" in text
    driver.window.grab().save("/tmp/limits-kiosk-stop.png")
    assert on_store(qtbot, driver, lambda store: store.list_cases(limit=10)) == []


def test_a_dishonest_applicant_is_offered_no_deferral_and_the_case_records_it(
    qtbot: QtBot, make_kiosk: KioskFactory, platform: EmbeddedPlatform
) -> None:
    # The father is on the platform's 失信 list (as a court would list him).
    with sqlite3.connect(platform.db) as db:
        db.execute(
            "INSERT INTO credit_records (id_number, listed_by, listed_on) VALUES (?, ?, ?)",
            (FATHER_CARD["id_number"], "南京市江宁区人民法院（失信被执行人名单，测试）", "2026-01-05"),
        )
    driver = make_kiosk(platform=platform)
    page = _to_the_other_parents_hukou(qtbot, driver)
    texts = driver.texts(page)
    assert DEFER_AT_WINDOW not in texts and "拍照" in texts
    assert not any("失信" in t for t in texts)  # a public screen names no one's credit record
    driver.click("拍照")
    qtbot.waitUntil(lambda: page.next_button is not None and page.next_button.isEnabled(), timeout=30_000)
    driver.click("下一步", page)
    fill_field(qtbot, driver, "child.sex", "男")
    fill_field(qtbot, driver, "child.birth_date", "")
    fill_field(qtbot, driver, "applicant.phone", "13812345678")
    fill_field(qtbot, driver, "residence.address", "南京市江宁区东山街道竹山路8号")
    fill_field(qtbot, driver, "child.nation", "汉")
    fill_field(qtbot, driver, "hukou.head_name", "周建国")
    fill_field(qtbot, driver, "hukou.address", "南京市江宁区东山街道竹山路8号")
    submit_and_wait(qtbot, driver)
    number = driver.window.session.cases_to_rate[0]
    ctx = driver.app.ctx
    assert ctx is not None
    case = on_store(qtbot, driver, lambda store: ctx.case_service(store).get(number))
    assert case.credit is CreditStanding.DISHONEST
    assert not any(i.state in (ItemState.DEFICIENT, ItemState.COMMITMENT) for i in case.items)
