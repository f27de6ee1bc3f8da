"""自助申报 at a general kiosk: a self-service bundle declared alone, online and offline."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from typing import TypeVar

from pytestqt.exceptions import TimeoutError
from pytestqt.qtbot import QtBot

from core.cases.model import Case, CaseStatus, CreditStanding, ItemState
from core.cases.service import CaseQuery
from core.store.store import Store
from kiosk.driver import KioskDriver
from kiosk.screens.declare import DeclareScreen
from kiosk.screens.declare_pages import CameraPage, DatePage, KeypadPage, SummaryPage, TextPage
from services.sandbox import EmbeddedPlatform
from tests.kiosk.conftest import KioskFactory

R = TypeVar("R")
FATHER_ID = "320115198805120036"
MOTHER_ID = "320115199003070043"


def declare(driver: KioskDriver) -> DeclareScreen:
    screen = driver.screen("declare")
    assert isinstance(screen, DeclareScreen)
    return screen


def at(driver: KioskDriver, kind: str, key: str = "") -> bool:
    """The declaration shows the page for (kind, key) and nothing is waited for."""
    if not driver.on("declare"):
        return False
    history = declare(driver).history
    return bool(history) and history[-1].kind == kind and (not key or history[-1].key == key)


def wait_at(qtbot: QtBot, driver: KioskDriver, kind: str, key: str = "") -> None:
    try:
        qtbot.waitUntil(lambda: at(driver, kind, key), timeout=20_000)
    except TimeoutError:
        where = declare(driver).history[-1:] if driver.screen_name == "declare" else driver.screen_name
        raise AssertionError(f"not at {kind} {key}: {where}, message {driver.banner_text()!r}") from None


def on_store(qtbot: QtBot, driver: KioskDriver, fn: Callable[[Store], R]) -> R:
    ctx = driver.app.ctx
    assert ctx is not None
    future: Future[R] = ctx.operations.on_store(fn)
    qtbot.waitUntil(future.done, timeout=20_000)
    return future.result()


def stored_cases(qtbot: QtBot, driver: KioskDriver) -> list[Case]:
    ctx = driver.app.ctx
    assert ctx is not None
    return on_store(
        qtbot,
        driver,
        lambda store: ctx.case_service(store).find(CaseQuery()),
    )


def start_declaring(qtbot: QtBot, driver: KioskDriver) -> DeclareScreen:
    driver.place_card(0)  # 周建国
    qtbot.waitUntil(lambda: driver.on("menu"), timeout=15_000)
    driver.click("自助申报")
    wait_at(qtbot, driver, "bundle")
    return declare(driver)


def answer(qtbot: QtBot, driver: KioskDriver, question: str, choice: str) -> None:
    wait_at(qtbot, driver, "question", question)
    driver.click(choice)


def fill_field(qtbot: QtBot, driver: KioskDriver, field: str, value: str) -> None:
    wait_at(qtbot, driver, "field", field)
    page = declare(driver).page
    if isinstance(page, KeypadPage):
        page.keypad.set_text(value)
        driver.click("下一步", page)
    elif isinstance(page, TextPage):
        driver.type_into(page.edit, value)
        driver.click("下一步", page)
    elif isinstance(page, DatePage):
        assert not value  # the picker starts at today
        driver.click("下一步", page)
    else:
        driver.click(value)


def swap_card(qtbot: QtBot, driver: KioskDriver, index: int) -> None:
    """Take the card off the reader, wait until the reader sees it gone, place card ``index``
    (a reader reads each placement once: a card is never swapped unseen)."""
    devices = driver.app.devices
    assert devices is not None

    def reader_state() -> str:
        return next(h.message for h in devices.health() if h.role == "id_reader")

    driver.remove_card()
    qtbot.waitUntil(lambda: reader_state() != "已读取，请取走证件", timeout=10_000)
    driver.place_card(index)


def printed(driver: KioskDriver) -> bytes:
    return bytes(driver._simulators().printer.received)


def submit_and_wait(qtbot: QtBot, driver: KioskDriver) -> SummaryPage:
    wait_at(qtbot, driver, "review")
    driver.click("确认无误，提交申请")
    wait_at(qtbot, driver, "done")
    page = declare(driver).page
    assert isinstance(page, SummaryPage)
    qtbot.waitUntil(lambda: "已打印" in page.status.text(), timeout=20_000)
    return page


def test_online_the_birth_bundle_is_declared_with_e_licences_and_the_other_parents_card(
    qtbot: QtBot, make_kiosk: KioskFactory, platform: EmbeddedPlatform
) -> None:
    driver = make_kiosk(platform=platform)
    app = driver.app
    qtbot.waitUntil(lambda: app.sync is not None and app.sync.online is True, timeout=20_000)
    start_declaring(qtbot, driver)
    driver.click("新生儿出生“一件事”")
    answer(qtbot, driver, "born_in_province_hospital", "是")
    answer(qtbot, driver, "age_band", "不满一个月")
    answer(qtbot, driver, "birth_cert_issued", "否")
    answer(qtbot, driver, "mi_enrolled_at_birth", "否")
    answer(qtbot, driver, "married", "是")
    answer(qtbot, driver, "follow", "随父亲落户")
    answer(qtbot, driver, "hukou_type", "家庭户")
    answer(qtbot, driver, "same_ethnicity", "是")
    answer(qtbot, driver, "surname", "随父姓")
    answer(qtbot, driver, "want_sscard", "否")
    answer(qtbot, driver, "want_maternity", "否")

    # The father's own card counts; 户口簿, 结婚证 and 出生医学证明 come from the platform; the
    # mother's card goes on the reader (the father's card there is refused); the other parent's
    # 户口簿 cannot be fetched and is photographed (容缺 is only for a staffed window: test_declare_deferral.py).
    wait_at(qtbot, driver, "material", "mother_id")
    swap_card(qtbot, driver, 0)
    qtbot.waitUntil(lambda: "本人的身份证" in driver.banner_text(), timeout=15_000)
    assert driver.window.in_session and at(driver, "material", "mother_id")
    swap_card(qtbot, driver, 1)  # 林晓雨
    wait_at(qtbot, driver, "material", "other_hukou")
    photo_page = declare(driver).page
    assert isinstance(photo_page, CameraPage)
    driver.click("拍照")
    qtbot.waitUntil(
        lambda: photo_page.next_button is not None and photo_page.next_button.isEnabled(), timeout=30_000
    )
    driver.click("下一步", photo_page)

    fill_field(qtbot, driver, "child.sex", "男")
    fill_field(qtbot, driver, "child.birth_date", "")  # today, as the picker starts
    fill_field(qtbot, driver, "applicant.phone", "13812345678")
    fill_field(qtbot, driver, "residence.address", "南京市江宁区东山街道竹山路8号")
    fill_field(qtbot, driver, "child.nation", "汉")
    fill_field(qtbot, driver, "hukou.head_name", "周建国")
    fill_field(qtbot, driver, "hukou.address", "南京市江宁区东山街道竹山路8号")
    wait_at(qtbot, driver, "review")
    review = declare(driver).page
    assert isinstance(review, SummaryPage)
    text = review.text.text()
    assert "周子墨" in text and "Q320123456" in text  # from the 出生医学证明 e-licence
    assert FATHER_ID not in text and MOTHER_ID not in text  # card values masked

    done = submit_and_wait(qtbot, driver)
    assert "容缺受理通知书" not in done.text.text()
    number = driver.window.session.cases_to_rate[0]
    case = on_store(qtbot, driver, lambda store: app.ctx.case_service(store).get(number))  # type: ignore[union-attr]
    assert case.status is CaseStatus.ACCEPTED
    assert case.credit is CreditStanding.GOOD  # the platform's 信用核查, asked as at the window
    states = {i.material_id: i.state for i in case.items}
    assert states["host_hukou"] is ItemState.E_LICENCE and states["marriage_cert"] is ItemState.E_LICENCE
    assert states["birth_cert_e"] is ItemState.E_LICENCE and states["other_hukou"] is ItemState.SCANNED
    assert "320115********0043" in case.item("mother_id").note
    assert case.form["mother.id_number"] == MOTHER_ID and case.form["child.name"] == "周子墨"
    assert case.form["father.id_number"] == FATHER_ID  # from the father's own card
    data = printed(driver)
    assert "受理回执".encode("gb18030") in data and "容缺受理通知书".encode("gb18030") not in data

    driver.click("完成")
    qtbot.waitUntil(lambda: driver.on("rating"), timeout=5_000)


def test_offline_a_shared_material_that_cannot_be_fetched_sends_the_citizen_to_a_window(
    qtbot: QtBot, make_kiosk: KioskFactory
) -> None:
    driver = make_kiosk()  # not enrolled: no e-licences
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
    wait_at(qtbot, driver, "stop")
    page = declare(driver).page
    assert isinstance(page, SummaryPage)
    text = page.text.text()
    assert "落户方居民户口簿" in text and "结婚证" in text and "人工综合窗口" in text
    assert "连不上政务服务平台" in text and "没有提交任何申请" in text
    assert "其他居民户口簿" not in text and "父母另一方" not in text  # deferrable: not a reason to stop
    assert on_store(qtbot, driver, lambda store: store.list_cases(limit=10)) == []
    driver.click("返回首页")
    qtbot.waitUntil(lambda: driver.on("menu"), timeout=5_000)


def test_offline_the_social_security_card_is_declared_with_a_photo_and_queued(
    qtbot: QtBot, make_kiosk: KioskFactory
) -> None:
    driver = make_kiosk()
    start_declaring(qtbot, driver)
    driver.click("社会保障卡居民服务“一卡通”")
    answer(qtbot, driver, "op", "第一次申领")
    answer(qtbot, driver, "applicant_role", "持卡人本人")
    answer(qtbot, driver, "minor", "否")
    answer(qtbot, driver, "want_ecard", "是")
    wait_at(qtbot, driver, "material", "photo")
    page = declare(driver).page
    assert isinstance(page, CameraPage)
    assert page.next_button is not None and not page.next_button.isEnabled()  # no photo yet
    driver.click("拍照")
    qtbot.waitUntil(lambda: page.next_button is not None and page.next_button.isEnabled(), timeout=30_000)
    assert "已拍 1 页" in page.count.text()
    driver.click("下一步", page)
    fill_field(qtbot, driver, "applicant.phone", "1381234")
    assert "11 位" in driver.banner_text() and at(driver, "field", "applicant.phone")
    fill_field(qtbot, driver, "applicant.phone", "13812345678")

    done = submit_and_wait(qtbot, driver)
    assert "联网后自动提交" in done.text.text()
    number = driver.window.session.cases_to_rate[0]
    case = on_store(qtbot, driver, lambda store: driver.app.ctx.case_service(store).get(number))  # type: ignore[union-attr]
    assert case.status is CaseStatus.ACCEPTED
    assert case.item("id_card").state is ItemState.E_LICENCE  # the card read here
    photo = case.item("photo")
    assert photo.state is ItemState.SCANNED and len(photo.attachments) == 1
    assert on_store(qtbot, driver, lambda store: store.has_attachment(photo.attachments[0]))
    assert "本机离线受理".encode("gb18030") in printed(driver)
    assert "容缺受理通知书".encode("gb18030") not in printed(driver)


def test_going_back_re_asks_and_the_checklist_follows_the_new_answer(
    qtbot: QtBot, make_kiosk: KioskFactory
) -> None:
    driver = make_kiosk()
    start_declaring(qtbot, driver)
    driver.click("社会保障卡居民服务“一卡通”")
    answer(qtbot, driver, "op", "第一次申领")
    answer(qtbot, driver, "applicant_role", "持卡人本人")
    wait_at(qtbot, driver, "question", "minor")
    driver.click("返回")
    driver.click("返回")
    wait_at(qtbot, driver, "question", "op")
    driver.click("挂失")  # no photo, no e-card question
    answer(qtbot, driver, "applicant_role", "持卡人本人")
    answer(qtbot, driver, "minor", "否")
    fill_field(qtbot, driver, "applicant.phone", "13812345678")
    wait_at(qtbot, driver, "review")
    flow = declare(driver).flow
    assert flow is not None and [m.id for m in flow.checklist().matters] == ["loss"]
