"""出生即参保 at a hospital kiosk, end to end: the real window, simulated devices, the reference platform."""

from __future__ import annotations

from collections.abc import Callable

from pytestqt.qtbot import QtBot

from core.case_numbers import parse_case_number
from core.cases.model import CaseStatus
from core.store.store import Store
from kiosk.driver import KioskDriver
from kiosk.screens.newborn import NewbornScreen
from services.sandbox import EmbeddedPlatform
from tests.kiosk.conftest import KioskFactory
from tests.kiosk.test_declare import swap_card

FATHER_ID = "320115198805120036"
CERT = "Q320123456"  # the demo 出生医学证明 of 周子墨, held by both parents on the reference platform
PHONE = "13812345678"
RECEIPT = "332026120700123"  # a made-up 电子税票号码: the kiosk neither takes nor checks payments


def newborn(driver: KioskDriver) -> NewbornScreen:
    screen = driver.screen("newborn")
    assert isinstance(screen, NewbornScreen)
    return screen


def page_is(driver: KioskDriver, page: Callable[[NewbornScreen], object]) -> bool:
    return driver.on("newborn") and newborn(driver).pages.currentWidget() is page(newborn(driver))


def start_enrolment(qtbot: QtBot, driver: KioskDriver) -> NewbornScreen:
    """The father's card on the reader, then 新生儿参保登记 on the menu."""
    driver.place_card(0)
    qtbot.waitUntil(lambda: driver.on("menu"), timeout=15_000)
    driver.click("新生儿参保登记")
    qtbot.waitUntil(lambda: page_is(driver, lambda s: s.certificate_page), timeout=10_000)
    return newborn(driver)


def type_keys(driver: KioskDriver, screen: NewbornScreen, keys: str, root: object) -> None:
    for key in keys:
        driver.click(key, root)  # type: ignore[arg-type]


def enter_baby_and_phone(
    qtbot: QtBot, driver: KioskDriver, *, typed_name: str | None, paid: bool = True
) -> NewbornScreen:
    """From the name page to the confirm page: name (typed or as the e-licence gave it), sex,
    birth date two days ago, phone, and the payment as the parent states it (400 元 at the
    hospital's cashier, receipt RECEIPT; or not yet)."""
    screen = newborn(driver)
    qtbot.waitUntil(lambda: page_is(driver, lambda s: s.name_page), timeout=15_000)
    if typed_name is not None:
        driver.type_into(screen.name_page.edit, typed_name)
    driver.click("下一步", screen.name_page)
    qtbot.waitUntil(lambda: page_is(driver, lambda s: s.sex_page), timeout=5_000)
    driver.click("男孩")
    qtbot.waitUntil(lambda: page_is(driver, lambda s: s.date_page), timeout=5_000)
    driver.click("‹ 前一天")
    driver.click("‹ 前一天")
    assert "出生第 3 天" in screen.date_page.age.text()
    driver.click("下一步", screen.date_page)
    qtbot.waitUntil(lambda: page_is(driver, lambda s: s.phone_page), timeout=5_000)
    type_keys(driver, screen, PHONE, screen.phone_page)
    assert screen.phone_page.keypad.display.text() == "138 1234 5678"
    driver.click("下一步", screen.phone_page)
    qtbot.waitUntil(lambda: page_is(driver, lambda s: s.payment_page), timeout=5_000)
    if paid:
        driver.click("已在医院收费处缴费", screen.payment_page)
        driver.type_into(screen.payment_page.amount, "400")
        driver.type_into(screen.payment_page.receipt, RECEIPT)
    else:
        driver.click("还没有缴费", screen.payment_page)
    driver.click("下一步", screen.payment_page)
    qtbot.waitUntil(lambda: page_is(driver, lambda s: s.confirm_page), timeout=5_000)
    return screen


def printed_text(driver: KioskDriver) -> bytes:
    printer = driver._simulators().printer
    return bytes(printer.received)


def local_case(driver: KioskDriver, number: str) -> object:
    with Store.open(driver.app.options.data_dir, clock=driver.app.clock) as store:
        return driver.app.ctx.case_service(store).get(number)  # type: ignore[union-attr]


def test_online_the_platform_confirms_the_enrolment_at_once(
    qtbot: QtBot, make_kiosk: KioskFactory, platform: EmbeddedPlatform
) -> None:
    driver = make_kiosk(platform=platform, mode="hospital")
    app = driver.app
    qtbot.waitUntil(lambda: app.sync is not None and app.sync.online is True, timeout=20_000)
    screen = start_enrolment(qtbot, driver)
    assert "周*国" in screen.certificate_page.parent_line.text()

    driver.scan(CERT, symbology="CODE128")  # the barcode on the certificate
    screen = enter_baby_and_phone(qtbot, driver, typed_name=None)
    assert screen.form is not None and screen.form.licence.verified
    summary = screen.confirm_page.rows.text()
    for expected in (
        "周子墨",
        "男",
        CERT,
        "已核验",
        PHONE,
        "周*国",
        "医院收费处缴费 400 元",
        RECEIPT,
        "家长自述",
    ):
        assert expected in summary
    assert FATHER_ID not in summary  # the parent masked

    driver.click("信息无误，提交")
    qtbot.waitUntil(lambda: page_is(driver, lambda s: s.result_page), timeout=30_000)
    assert screen.result_page.heading.text() == "✓ 参保成功"
    details = screen.result_page.details.text()
    assert "参保登记成功" in details and "医保参保编号" in details
    number = driver.window.session.cases_to_rate[0]
    assert parse_case_number(number).display in details

    qtbot.waitUntil(lambda: "已打印" in screen.result_page.receipt.text(), timeout=20_000)
    data = printed_text(driver)
    assert "受理回执".encode("gb18030") in data and "已确认参保".encode("gb18030") in data
    assert "缴费情况：已缴费：医院收费处，400 元".encode("gb18030") in data

    case = local_case(driver, number)
    assert case.status is CaseStatus.COMPLETED  # type: ignore[attr-defined]
    form = case.form  # type: ignore[attr-defined]
    assert (form["payment.status"], form["payment.channel"], form["payment.amount"]) == (
        "paid",
        "hospital",
        400,
    )
    assert form["payment.receipt_no"] == RECEIPT
    on_platform = [c for c in platform.cases() if c["case_number"] == number]
    assert len(on_platform) == 1

    # The rest of 出生一件事 (户口, 社保卡…): the declaration starts at its first open question, the
    # baby's values carried over; 出生即参保 done here, so the bundle does not enrol the baby again.
    driver.click("还要办理出生“一件事”其他事项")
    qtbot.waitUntil(lambda: driver.on("declare"), timeout=10_000)
    declaration = driver.screen("declare")
    assert declaration.history[-1] == ("question", "age_band")  # type: ignore[attr-defined]
    flow = declaration.flow  # type: ignore[attr-defined]
    assert flow.answers["mi_enrolled_at_birth"] is True and flow.answers["birth_cert_issued"] is True
    assert "mi_enrol" not in [m.id for m in flow.checklist().matters]
    carried = declaration.steps.prefill  # type: ignore[attr-defined]
    assert carried["child.birth_cert_no"] == CERT and carried["child.name"] == "周子墨"
    assert carried["applicant.phone"] == PHONE


def test_offline_the_enrolment_is_queued_then_reaches_the_platform_exactly_once(
    qtbot: QtBot, make_kiosk: KioskFactory, platform: EmbeddedPlatform
) -> None:
    driver = make_kiosk(platform=platform, platform_down=True, mode="hospital")
    app = driver.app
    assert app.sync is not None
    qtbot.waitUntil(lambda: app.sync is not None and app.sync.online is False, timeout=20_000)
    screen = start_enrolment(qtbot, driver)
    type_keys(driver, screen, CERT, screen.certificate_page)  # typed: Q, then the digits
    assert screen.certificate_page.keypad.display.text() == "Q 320123456"
    driver.click("下一步", screen.certificate_page)
    screen = enter_baby_and_phone(qtbot, driver, typed_name="周子墨")
    assert screen.form is not None and not screen.form.licence.checked  # nobody to ask offline
    assert "待联网核验" in screen.confirm_page.rows.text()

    driver.click("信息无误，提交")
    qtbot.waitUntil(lambda: page_is(driver, lambda s: s.result_page), timeout=20_000)
    assert screen.result_page.heading.text() == "已受理（离线）"
    details = screen.result_page.details.text()
    assert "联网后自动提交医保部门" in details and "1 个工作日内完成参保" in details
    qtbot.waitUntil(lambda: "已打印" in screen.result_page.receipt.text(), timeout=20_000)
    data = printed_text(driver)
    assert "本机离线受理".encode("gb18030") in data and "1 个工作日内完成参保".encode("gb18030") in data
    number = driver.window.session.cases_to_rate[0]
    case = local_case(driver, number)
    assert case.item("birth_cert_e").note.endswith("待联网核验")  # type: ignore[attr-defined]
    assert number not in {c["case_number"] for c in platform.cases()}  # the platform is down

    platform.start()  # the network is back: the next round uploads the queued case
    with qtbot.waitSignal(app.sync.sync_finished, timeout=30_000, check_params_cb=lambda r: r.ok):
        app.sync.sync_now()
    with qtbot.waitSignal(app.sync.sync_finished, timeout=30_000, check_params_cb=lambda r: r.ok):
        app.sync.sync_now()  # a second round changes nothing on the platform (idempotent push)
    stored = [c for c in platform.cases() if c["case_number"] == number]
    assert len(stored) == 1 and stored[0]["events"] == 1  # the intake, once
    qtbot.waitUntil(
        lambda: next(c for c in platform.cases() if c["case_number"] == number)["status"] == "completed",
        timeout=20_000,
    )

    # The parent comes back later and asks: the platform's answer shows the enrolment done.
    driver.click("完成")
    qtbot.waitUntil(lambda: driver.on("rating"), timeout=5_000)
    driver.click("结束办理")
    swap_card(qtbot, driver, 0)
    qtbot.waitUntil(lambda: driver.on("menu"), timeout=15_000)
    driver.click("办件进度查询")
    qtbot.waitUntil(lambda: driver.on("progress"), timeout=20_000)
    progress = driver.screen("progress")

    def shown() -> str:
        card = getattr(progress, "cards", {}).get(number)
        return "\n".join(driver.texts(card)) if card is not None else ""

    # The kiosk's own record may show first; the platform's answer follows and wins.
    qtbot.waitUntil(lambda: "参保登记成功" in shown(), timeout=20_000)
    assert "尚未上传" not in shown()


def test_wrong_values_are_refused_in_chinese_and_the_parent_can_go_on(
    qtbot: QtBot, make_kiosk: KioskFactory
) -> None:
    driver = make_kiosk(mode="hospital")  # not enrolled: offline
    screen = start_enrolment(qtbot, driver)
    type_keys(driver, screen, "Q12345", screen.certificate_page)
    driver.click("下一步", screen.certificate_page)
    assert "应为 10 位" in driver.banner_text() and page_is(driver, lambda s: s.certificate_page)
    driver.scan("https://example.com/x", symbology="CODE128")
    qtbot.waitUntil(lambda: "不是出生医学证明" in driver.banner_text(), timeout=10_000)
    assert driver.window.in_session and page_is(driver, lambda s: s.certificate_page)

    driver.scan(CERT, symbology="CODE128")
    qtbot.waitUntil(lambda: page_is(driver, lambda s: s.name_page), timeout=10_000)
    driver.type_into(screen.name_page.edit, "周子墨123")
    driver.click("下一步", screen.name_page)
    assert page_is(driver, lambda s: s.name_page) and driver.banner_text()
    driver.type_into(screen.name_page.edit, "周子墨")
    driver.click("下一步", screen.name_page)
    driver.click("女孩")
    qtbot.waitUntil(lambda: page_is(driver, lambda s: s.date_page), timeout=5_000)

    driver.click("后一天 ›")  # tomorrow
    assert "不能晚于今天" in driver.banner_text()
    driver.click("下一步", screen.date_page)
    assert page_is(driver, lambda s: s.date_page) and "不能晚于今天" in driver.banner_text()
    driver.click("‹ 前一年")
    driver.click("‹ 前一天")  # a year and a day old
    assert "已满一周岁" in driver.banner_text() and "窗口" in driver.banner_text()
    driver.click("下一步", screen.date_page)
    assert page_is(driver, lambda s: s.date_page)
    driver.click("后一年 ›")
    for _ in range(4):
        driver.click("‹ 前一个月")  # about 120 days: enrolled late, cover not backdated (a warning)
    assert "超过 90 天" in driver.banner_text() and "不能追溯到出生之日" in driver.banner_text()
    for _ in range(4):
        driver.click("后一个月 ›")
    assert "超过 90 天" not in driver.banner_text()
    driver.click("‹ 前一天")  # today, after all
    driver.click("下一步", screen.date_page)
    assert page_is(driver, lambda s: s.phone_page)
    type_keys(driver, screen, "1234567", screen.phone_page)
    driver.click("下一步", screen.phone_page)
    assert "11 位" in driver.banner_text()
    screen.phone_page.keypad.clear()
    type_keys(driver, screen, PHONE, screen.phone_page)
    driver.click("下一步", screen.phone_page)
    assert page_is(driver, lambda s: s.payment_page)
    driver.click("下一步", screen.payment_page)
    assert "请选择缴费情况" in driver.banner_text()
    driver.click("已用手机缴费（税务APP、微信、支付宝）", screen.payment_page)
    driver.click("下一步", screen.payment_page)
    assert "请输入缴费金额" in driver.banner_text() and page_is(driver, lambda s: s.payment_page)
    driver.type_into(screen.payment_page.amount, "99999")
    driver.click("下一步", screen.payment_page)
    assert "1 到 10000" in driver.banner_text()
    driver.click("返回")
    assert page_is(driver, lambda s: s.phone_page)

    driver.click("返回")  # one step back at a time, the values kept
    assert page_is(driver, lambda s: s.date_page)
    driver.click("返回")
    driver.click("返回")
    assert page_is(driver, lambda s: s.name_page) and screen.name_page.edit.text() == "周子墨"


def test_without_a_card_the_screen_asks_for_the_parents_card_first(
    qtbot: QtBot, make_kiosk: KioskFactory
) -> None:
    driver = make_kiosk(mode="hospital")
    driver.tap_attract()
    qtbot.waitUntil(lambda: driver.on("menu"), timeout=10_000)
    driver.window.show_screen("newborn")  # e.g. a walk-through jumping straight in
    screen = newborn(driver)
    assert screen.certificate_page.heading.text() == "请先放监护人的身份证"
    assert not screen.certificate_page.keypad.isVisible() and not driver.has_button("下一步")
    driver.place_card(0)
    qtbot.waitUntil(lambda: screen.form is not None, timeout=15_000)
    assert driver.on("newborn") and screen.certificate_page.keypad.isVisible()
    assert "周*国" in screen.certificate_page.parent_line.text()
    assert driver.window.session.citizen is not None


def test_every_control_of_every_page_has_an_accessible_name(qtbot: QtBot, make_kiosk: KioskFactory) -> None:
    from PySide6.QtWidgets import QAbstractButton, QLineEdit

    driver = make_kiosk(mode="hospital", elderly=True)
    screen = start_enrolment(qtbot, driver)
    for page in screen.page_of.values():
        screen.pages.setCurrentWidget(page)
        for widget in page.findChildren(QAbstractButton) + page.findChildren(QLineEdit):
            if widget.isVisibleTo(screen):
                assert widget.accessibleName().strip(), f"{type(page).__name__}: {widget.text()!r}"
                if isinstance(widget, QAbstractButton):
                    assert widget.minimumHeight() >= 80  # 长辈版 touch targets
