"""证明打印 at the kiosk against the reference platform: issued only after a good print, never twice."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtPdf import QPdfDocument
from pytestqt.qtbot import QtBot

from core.flows.certificate import CertificateDocument, CertificateStage, CertificateTransaction, Failure
from kiosk.driver import KioskDriver
from kiosk.printing import A4PrintError, pdf_printer, render_a4
from kiosk.screens.certificate import NOTE_KEY, CertificateScreen
from services.sandbox import FATHER_CARD, EmbeddedPlatform
from tests.kiosk.conftest import KioskFactory

FATHER_ID = str(FATHER_CARD["id_number"])
MASKED_ID = FATHER_ID[:6] + "*" * 8 + FATHER_ID[-4:]


def certificates_on(platform: EmbeddedPlatform) -> list[dict[str, Any]]:
    """The platform's certificate rows (its own database, read-only)."""
    with sqlite3.connect(f"file:{platform.db}?mode=ro", uri=True) as db:
        db.row_factory = sqlite3.Row
        rows = db.execute(
            "SELECT certificate_id, request_id, status, printed_at FROM certificates"
        ).fetchall()
    return [dict(row) for row in rows]


def pdf_hook(path: Path) -> Callable[[CertificateDocument], bool]:
    return lambda document: render_a4(pdf_printer(path), document)


def online_kiosk(qtbot: QtBot, make_kiosk: KioskFactory, platform: EmbeddedPlatform) -> KioskDriver:
    driver = make_kiosk(platform=platform)
    qtbot.waitUntil(lambda: driver.app.sync is not None and driver.app.sync.online is True, timeout=20_000)
    return driver


def screen_of(driver: KioskDriver) -> CertificateScreen:
    screen = driver.screen("certificate")
    assert isinstance(screen, CertificateScreen)
    return screen


def transaction(driver: KioskDriver) -> CertificateTransaction:
    tx = driver.window.session.notes[NOTE_KEY]
    assert isinstance(tx, CertificateTransaction)
    return tx


def to_preview(qtbot: QtBot, driver: KioskDriver) -> CertificateScreen:
    """Card, 证明打印, 无犯罪记录证明, 就业: the reserved certificate on screen for checking."""
    driver.place_card(0)  # 周建国
    qtbot.waitUntil(lambda: driver.on("menu"), timeout=20_000)
    driver.click("证明打印")
    qtbot.waitUntil(lambda: driver.on("certificate"), timeout=10_000)
    driver.click("无犯罪记录证明")
    driver.click("就业")
    screen = screen_of(driver)
    qtbot.waitUntil(
        lambda: driver.on("certificate") and screen.pages.currentWidget() is screen.preview_page,
        timeout=20_000,
    )
    return screen


def test_a_certificate_prints_on_a4_and_is_issued(
    qtbot: QtBot, make_kiosk: KioskFactory, platform: EmbeddedPlatform, tmp_path: Path
) -> None:
    driver = online_kiosk(qtbot, make_kiosk, platform)
    screen = to_preview(qtbot, driver)
    preview = "\n".join(driver.texts(screen.paper))
    assert "无犯罪记录证明" in preview and "周建国" in preview and "用途：就业" in preview
    assert MASKED_ID in preview and FATHER_ID not in "\n".join(driver.texts())
    tx = transaction(driver)
    assert tx.certificate is not None and tx.certificate.verification_code in preview
    assert [c["status"] for c in certificates_on(platform)] == ["reserved"]

    pdf = tmp_path / "certificate.pdf"
    assert driver.app.ctx is not None
    driver.app.ctx.print_a4 = pdf_hook(pdf)
    driver.click("打印（A4纸）")
    qtbot.waitUntil(lambda: tx.stage is CertificateStage.ISSUED, timeout=20_000)
    assert screen.pages.currentWidget() is screen.done_page
    assert tx.certificate.verification_code in screen.done_code.text()
    assert pdf.is_file() and pdf.stat().st_size > 1000
    document = QPdfDocument()
    document.load(str(pdf))
    assert document.pageCount() == 1
    rows = certificates_on(platform)
    assert len(rows) == 1 and rows[0]["certificate_id"] == tx.certificate.certificate_id
    assert rows[0]["status"] == "issued" and rows[0]["request_id"] == tx.request_id

    driver.click("完成")
    qtbot.waitUntil(lambda: driver.on("rating"), timeout=10_000)


@pytest.mark.parametrize("failure", ["raises", "returns_false"])
def test_a_failed_print_leaves_it_reserved_and_the_retry_issues_the_same_certificate_once(
    qtbot: QtBot, make_kiosk: KioskFactory, platform: EmbeddedPlatform, tmp_path: Path, failure: str
) -> None:
    driver = online_kiosk(qtbot, make_kiosk, platform)
    to_preview(qtbot, driver)
    tx = transaction(driver)
    assert tx.certificate is not None
    reserved = tx.certificate.certificate_id
    ctx = driver.app.ctx
    assert ctx is not None

    def jammed(_document: CertificateDocument) -> bool:
        if failure == "raises":
            raise A4PrintError("A4打印机卡纸", "paper jam (test)")
        return False

    ctx.print_a4 = jammed
    driver.click("打印（A4纸）")
    qtbot.waitUntil(lambda: tx.stage is CertificateStage.FAILED, timeout=20_000)
    assert tx.failure is Failure.PRINT and not tx.printed
    banner = driver.banner_text()
    assert "打印没有成功" in banner and "重新打印" in banner
    if failure == "raises":
        assert "卡纸" in banner
    assert [(c["certificate_id"], c["status"]) for c in certificates_on(platform)] == [(reserved, "reserved")]

    pdf = tmp_path / "retry.pdf"
    ctx.print_a4 = pdf_hook(pdf)
    driver.click("重新打印")
    qtbot.waitUntil(lambda: tx.stage is CertificateStage.ISSUED, timeout=20_000)
    assert tx.print_attempts == 2 and tx.certificate.certificate_id == reserved
    assert [(c["certificate_id"], c["status"]) for c in certificates_on(platform)] == [(reserved, "issued")]
    assert pdf.is_file() and pdf.stat().st_size > 1000


def test_a_lost_reservation_answer_is_retried_with_the_same_request_id(
    qtbot: QtBot, make_kiosk: KioskFactory, platform: EmbeddedPlatform
) -> None:
    driver = online_kiosk(qtbot, make_kiosk, platform)
    driver.place_card(0)
    qtbot.waitUntil(lambda: driver.on("menu"), timeout=20_000)
    driver.click("证明打印")
    qtbot.waitUntil(lambda: driver.on("certificate"), timeout=10_000)
    driver.click("无犯罪记录证明")
    platform.stop()  # the network drops after the kiosk last saw the platform
    driver.click("就业")
    tx = transaction(driver)
    qtbot.waitUntil(lambda: tx.stage is CertificateStage.FAILED and driver.on("certificate"), timeout=30_000)
    assert tx.failure is Failure.RESERVE
    assert "联网" in driver.banner_text() and "人工窗口" in driver.banner_text()
    first = tx.request_id
    platform.start()
    driver.click("就业")
    screen = screen_of(driver)
    qtbot.waitUntil(lambda: screen.pages.currentWidget() is screen.preview_page, timeout=20_000)
    assert tx.request_id == first and tx.reserve_attempts == 2
    assert [c["request_id"] for c in certificates_on(platform)] == [first]


def test_a_confirmation_lost_after_printing_is_retried_in_the_background(
    qtbot: QtBot, make_kiosk: KioskFactory, platform: EmbeddedPlatform, tmp_path: Path
) -> None:
    driver = online_kiosk(qtbot, make_kiosk, platform)
    screen = to_preview(qtbot, driver)
    screen.confirm_delay_factor = 0.2
    tx = transaction(driver)
    ctx = driver.app.ctx
    assert ctx is not None
    pdf = tmp_path / "certificate.pdf"

    def print_then_drop(document: CertificateDocument) -> bool:
        printed = render_a4(pdf_printer(pdf), document)
        platform.stop()  # the network drops between the print and the confirmation
        return printed

    ctx.print_a4 = print_then_drop
    driver.click("打印（A4纸）")
    qtbot.waitUntil(lambda: tx.stage is CertificateStage.CONFIRMING and bool(tx.error), timeout=30_000)
    assert screen.pages.currentWidget() is screen.done_page
    assert "证明已打印成功" in screen.done_state.text()
    assert [c["status"] for c in certificates_on(platform)] == ["reserved"]
    platform.start()
    qtbot.waitUntil(lambda: tx.stage is CertificateStage.ISSUED, timeout=30_000)
    assert [c["status"] for c in certificates_on(platform)] == ["issued"]
    assert "已在政务服务平台登记" in screen.done_state.text()


def test_the_receipt_printer_prints_it_and_paper_out_is_a_retry(
    qtbot: QtBot, make_kiosk: KioskFactory, platform: EmbeddedPlatform
) -> None:
    driver = online_kiosk(qtbot, make_kiosk, platform)
    to_preview(qtbot, driver)
    tx = transaction(driver)
    assert tx.certificate is not None
    printer = driver.app.devices.manager.simulators.printer  # type: ignore[union-attr, attr-defined]
    printer.set_paper("out")
    driver.click("用小票打印")
    qtbot.waitUntil(lambda: tx.stage is CertificateStage.FAILED, timeout=30_000)
    assert "缺纸" in driver.banner_text()
    assert [c["status"] for c in certificates_on(platform)] == ["reserved"]
    printer.set_paper("ok")
    before = len(printer.received)
    driver.click("改用小票打印")
    qtbot.waitUntil(lambda: tx.stage is CertificateStage.ISSUED, timeout=30_000)
    assert len(printer.received) > before
    assert [c["status"] for c in certificates_on(platform)] == ["issued"]


def test_offline_the_certificate_service_says_so_plainly(
    qtbot: QtBot, make_kiosk: KioskFactory, platform: EmbeddedPlatform
) -> None:
    driver = make_kiosk(platform=platform, platform_down=True)
    qtbot.waitUntil(lambda: driver.app.sync is not None and driver.app.sync.online is False, timeout=20_000)
    driver.place_card(0)
    qtbot.waitUntil(lambda: driver.on("menu"), timeout=20_000)
    driver.click("证明打印")
    qtbot.waitUntil(lambda: driver.on("certificate"), timeout=10_000)
    screen = screen_of(driver)
    assert screen.pages.currentWidget() is screen.offline_page
    assert "证明需要联网开具，请联网后再来或到窗口办理" in "\n".join(driver.texts())
    assert not driver.waiting and not driver.has_button("无犯罪记录证明")
    driver.click("返回")
    qtbot.waitUntil(lambda: driver.on("menu"), timeout=10_000)


def test_the_certificate_service_comes_back_by_itself_when_the_platform_does(
    qtbot: QtBot, make_kiosk: KioskFactory, platform: EmbeddedPlatform
) -> None:
    """Issue #10, bugs 3 and 7: nobody asks for a sync; the kiosk probes the platform while it is
    down, and the screen that said "needs the network" offers the certificates once it answers."""
    driver = make_kiosk(platform=platform, platform_down=True)
    assert driver.app.sync is not None
    qtbot.waitUntil(lambda: driver.app.sync.online is False, timeout=20_000)  # type: ignore[union-attr]
    driver.place_card(0)
    qtbot.waitUntil(lambda: driver.on("menu"), timeout=20_000)
    driver.click("证明打印")
    qtbot.waitUntil(lambda: driver.on("certificate"), timeout=10_000)
    screen = screen_of(driver)
    assert screen.pages.currentWidget() is screen.offline_page
    platform.start()  # the same port: the kiosk is enrolled with this URL
    qtbot.waitUntil(lambda: driver.app.sync.online is True, timeout=20_000)  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: driver.has_button("无犯罪记录证明"), timeout=10_000)
    assert screen.pages.currentWidget() is screen.kind_page
