"""The scripted kiosk sessions, offscreen, a PNG of every screen (``tongban kiosk --offscreen``).

Runs the real KioskApp against the device simulators and an embedded reference platform
(services.sandbox), driven like a citizen would (kiosk.driver): general mode (取号, progress, a
certificate printed to PDF, rating, 自助申报), hospital mode (出生即参保 and the parent's progress query by the
receipt QR) and 长辈版 (either mode with ``elderly``).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Final

from PySide6.QtCore import qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QWidget

from core.case_numbers import parse_case_number
from devices.printer.inspect import decode_escpos, describe, printed_lines
from devices.qr.payloads import make_receipt_payload
from kiosk.app import KioskApp
from kiosk.context import KioskOptions
from kiosk.driver import KioskDriver
from kiosk.printing import pdf_printer, render_a4
from kiosk.screens.declare_pages import KeypadPage
from qtkit.screenshots import screenshot_folder
from qtkit.walkthrough import Outcome, Stage, Walkthrough, in_order, quiet_qt_messages
from services.sandbox import EmbeddedPlatform, demo_config, enroll_device

SIZE: Final = (1080, 1920)  # a portrait kiosk screen
FATHER: Final = 0  # the demo kiosk's cards: 周建国 first, 林晓雨 second (services.sandbox.demo_config)


class Script:
    """Stage builders over one driver (GUI thread)."""

    def __init__(self, driver: KioskDriver, out_dir: Path) -> None:
        self.d = driver
        self.out_dir = out_dir
        self.case_number = ""
        self.printed_before = 0

    def on(self, name: str, *buttons: str) -> Callable[[], bool]:
        return lambda: self.d.on(name) and all(self.d.has_button(b) for b in buttons)

    def click(self, text: str) -> Callable[[], None]:
        return lambda: self.d.click(text)

    def submit(self, text: str) -> Callable[[], None]:
        """Tap ``text`` (a submit button), noting how much the receipt printer had received."""

        def tap() -> None:
            self.printed_before = len(self.d.printed())
            self.d.click(text)

        return tap

    def receipt_out(self) -> bool:
        """The receipt printer received more since the last submit (any interface language)."""
        return len(self.d.printed()) > self.printed_before

    def card(self) -> None:
        self.d.remove_card()
        self.d.place_card(FATHER)

    def attract(self) -> list[Stage]:
        nothing: Callable[[], None] = lambda: None  # noqa: E731
        return [
            Stage("01-attract", nothing, lambda: self.d.ready),
            Stage("02-card", self.card, self.on("menu")),
        ]

    def online(self) -> list[Stage]:
        def sync_now() -> None:
            if self.d.app.sync is not None:
                self.d.app.sync.sync_now()

        def online() -> bool:
            return self.d.ready and self.d.app.sync is not None and self.d.app.sync.online is True

        return [Stage("00-online", sync_now, online, repeat_ms=2000, screenshot=False)]

    def progress(self, prefix: str) -> list[Stage]:
        return [
            Stage(f"{prefix}-progress", self.click("办件进度查询"), self.on("progress", "完成")),
            Stage(
                f"{prefix}-progress-back",
                lambda: self.d.click(self.d.screen().back_button),
                self.on("menu"),
                screenshot=False,
            ),
        ]

    def ticket(self, prefix: str) -> list[Stage]:
        """取号 by ID card: a matter, no priority claim, the ticket printed, back to the menu."""
        return [
            Stage(f"{prefix}a-ticket-matters", self.click("取号排队"), self.on("ticket", "教育入学“一件事”")),
            Stage(
                f"{prefix}b-ticket-claim",
                self.click("教育入学“一件事”"),
                self.on("ticket", "都不是，直接取号"),
            ),
            Stage(
                f"{prefix}c-ticket-number",
                self.click("都不是，直接取号"),
                self.on("ticket", "继续办理其他业务"),
            ),
            Stage(
                f"{prefix}d-ticket-back", self.click("继续办理其他业务"), self.on("menu"), screenshot=False
            ),
        ]

    def certificate(self, prefix: str) -> list[Stage]:
        return [
            Stage(
                f"{prefix}a-certificate-kinds",
                self.click("证明打印"),
                self.on("certificate", "无犯罪记录证明"),
            ),
            Stage(
                f"{prefix}b-certificate-purpose", self.click("无犯罪记录证明"), self.on("certificate", "就业")
            ),
            Stage(
                f"{prefix}c-certificate-preview", self.click("就业"), self.on("certificate", "打印（A4纸）")
            ),
            Stage(
                f"{prefix}d-certificate-printed", self.click("打印（A4纸）"), self.on("certificate", "完成")
            ),
            Stage(f"{prefix}e-rating", self.click("完成"), self.on("rating")),
            Stage(f"{prefix}f-rating-why", self.click("★★ 不满意"), self.on("rating", "其他原因")),
            Stage(f"{prefix}g-rated", self.click("操作复杂、看不懂"), self.on("menu")),
        ]

    def declare(self, prefix: str) -> list[Stage]:
        """自助申报 of the social security card (first issue): questions, a photo, the phone, submit."""

        def at(kind: str, key: str = "") -> Callable[[], bool]:
            def check() -> bool:
                if not self.d.on("declare"):
                    return False
                history = getattr(self.d.screen("declare"), "history", [])
                return bool(history) and history[-1].kind == kind and (not key or history[-1].key == key)

            return check

        def phone() -> None:
            page = getattr(self.d.screen("declare"), "page", None)
            assert isinstance(page, KeypadPage), "the phone number's page is a keypad"
            page.keypad.set_text("13812345678")
            self.d.click("下一步", page)

        def remember() -> None:
            cases = self.d.window.session.cases_to_rate
            self.case_number = cases[-1] if cases else ""

        return [
            Stage(f"{prefix}a-declare-bundles", self.click("自助申报"), at("bundle")),
            Stage(f"{prefix}b-declare-question", self.click("社会保障卡居民服务"), at("question", "op")),
            Stage(f"{prefix}c", self.click("第一次申领"), at("question", "applicant_role"), screenshot=False),
            Stage(f"{prefix}d", self.click("持卡人本人"), at("question", "minor"), screenshot=False),
            Stage(f"{prefix}e", self.click("否"), at("question", "want_ecard"), screenshot=False),
            Stage(f"{prefix}f-declare-photo", self.click("是"), at("material", "photo")),
            Stage(
                f"{prefix}g-declare-photo-taken",
                self.click("拍照"),
                lambda: self.d.has_button("下一步") and self.d.button("下一步").isEnabled(),
                timeout_s=60,
            ),
            Stage(f"{prefix}h-declare-phone", self.click("下一步"), at("field", "applicant.phone")),
            Stage(f"{prefix}i-declare-review", phone, at("review")),
            Stage(
                f"{prefix}j-declare-done",
                self.submit("确认无误，提交申请"),
                lambda: at("done")() and self.receipt_out(),
                timeout_s=60,
            ),
            Stage(f"{prefix}k-rating", in_order(remember, lambda: self.d.click("完成")), self.on("rating")),
            Stage(f"{prefix}l-rated", self.click("★★★★★ 非常满意"), self.on("menu"), screenshot=False),
        ]

    def newborn(self, prefix: str) -> list[Stage]:
        """出生即参保: the certificate's barcode, the baby, the phone, the payment as the parent states it,
        submit, 医保's answer at once."""

        def page(name: str) -> Callable[[], bool]:
            def check() -> bool:
                if not self.d.on("newborn"):
                    return False
                screen = self.d.screen("newborn")
                return getattr(screen, "pages").currentWidget() is getattr(screen, name)  # noqa: B009

            return check

        def phone_keys() -> None:
            screen = self.d.screen("newborn")
            root = getattr(screen, "phone_page")  # noqa: B009
            for key in "13812345678":
                self.d.click(key, root)

        def paid_at_the_cashier() -> None:
            root = getattr(self.d.screen("newborn"), "payment_page")  # noqa: B009
            self.d.click("已在医院收费处缴费", root)
            self.d.type_into(root.amount, "400")

        def next_on(name: str) -> Callable[[], None]:
            return lambda: self.d.click("下一步", getattr(self.d.screen("newborn"), name))

        def receipt_printed() -> bool:
            return page("result_page")() and self.receipt_out()

        def remember() -> None:
            cases = self.d.window.session.cases_to_rate
            self.case_number = cases[-1] if cases else ""

        return [
            Stage(f"{prefix}a-newborn-certificate", self.click("新生儿参保登记"), page("certificate_page")),
            Stage(
                f"{prefix}b-newborn-name",
                lambda: self.d.scan("Q320123456", symbology="CODE128"),
                page("name_page"),
                repeat_ms=3000,
            ),
            Stage(f"{prefix}c-newborn-sex", next_on("name_page"), page("sex_page")),
            Stage(f"{prefix}d-newborn-birth-date", self.click("男孩"), page("date_page")),
            Stage(f"{prefix}e", self.click("‹ 前一天"), page("date_page"), screenshot=False),
            Stage(f"{prefix}f-newborn-phone", next_on("date_page"), page("phone_page")),
            Stage(f"{prefix}g-newborn-phone-typed", phone_keys, page("phone_page")),
            Stage(f"{prefix}h-newborn-payment", next_on("phone_page"), page("payment_page")),
            Stage(f"{prefix}h2-newborn-paid", paid_at_the_cashier, page("payment_page")),
            Stage(f"{prefix}h3-newborn-confirm", next_on("payment_page"), page("confirm_page")),
            Stage(
                f"{prefix}i-newborn-enrolled", self.submit("信息无误，提交"), receipt_printed, timeout_s=60
            ),
            Stage(f"{prefix}j-rating", in_order(remember, lambda: self.d.click("完成")), self.on("rating")),
            Stage(f"{prefix}k-rated", self.click("★★★★★ 非常满意"), self.on("menu"), screenshot=False),
        ]

    def receipt_query(self, prefix: str) -> list[Stage]:
        """The parent scans the receipt's QR code: the case with 医保's result."""
        return [
            Stage(
                f"{prefix}-progress-by-receipt-qr",
                lambda: self.d.scan(make_receipt_payload(self.case_number)),
                lambda: (
                    self.d.on("progress")
                    and parse_case_number(self.case_number).display in " ".join(self.d.texts())
                ),
                repeat_ms=3000,
            )
        ]

    def finish(self, prefix: str) -> list[Stage]:
        return [Stage(f"{prefix}-farewell", self.click("结束办理"), lambda: not self.d.window.in_session)]

    def save_printed(self, name: str = "receipt.txt") -> None:
        """What the receipt printer received, as text and its ESC/POS commands, into ``name``."""
        data = self.d.printed()
        if not data:
            return
        ops = decode_escpos(data)
        text = "\n".join(printed_lines(ops)) + "\n\n# ESC/POS commands\n" + "\n".join(describe(ops)) + "\n"
        (self.out_dir / name).write_text(text, encoding="utf-8")


def general_stages(s: Script, *, elderly: bool) -> list[Stage]:
    stages = s.online() + s.attract()
    stages += [Stage("04-menu", lambda: None, s.on("menu"))]
    stages += s.ticket("04")
    stages += s.certificate("05")
    stages += s.declare("06")
    stages += s.progress("07")
    stages += s.finish("08")
    return stages


def hospital_stages(s: Script, *, elderly: bool) -> list[Stage]:
    stages = s.online() + s.attract()
    stages += s.newborn("04")
    stages += s.receipt_query("05")
    stages += s.finish("06")
    return stages


def run_walkthrough(
    out_dir: Path,
    *,
    data_dir: Path | None = None,
    mode: str = "general",
    elderly: bool = False,
    lang: str = "zh_CN",
    dept_delay: str = "0.3:1.2",
) -> Outcome:
    """Everything ``tongban kiosk --offscreen --screenshots DIR`` does; returns what happened."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    screenshot_folder(out_dir)
    data_dir = data_dir or Path(tempfile.mkdtemp(prefix="tongban-kiosk-walkthrough-"))
    platform = EmbeddedPlatform(data_dir / "platform", dept_delay=dept_delay, seed_random=7)
    previous = qInstallMessageHandler(quiet_qt_messages)
    platform.start()
    try:
        enroll_device(data_dir, platform, demo_config(data_dir, role="kiosk"))
        qapp = QApplication.instance() or QApplication(["tongban-kiosk-walkthrough"])
        assert isinstance(qapp, QApplication)
        options = KioskOptions.sandbox(
            data_dir, mode=mode, elderly=elderly, lang=lang, speech=False, size=SIZE, sync_interval_ms=0
        )
        app = KioskApp(qapp, options)
        driver = KioskDriver(app)
        script = Script(driver, out_dir)
        build = hospital_stages if mode == "hospital" else general_stages
        stages = build(script, elderly=elderly)

        def shot() -> QWidget | None:
            return app.window

        walk = Walkthrough(app, out_dir, stages, shot)
        walk.end_loop_when_finished(qapp)
        app.ready.connect(lambda: _print_to_pdf(app, out_dir / "certificate.pdf"))
        app.start()
        walk.start()
        qapp.exec()
        script.save_printed()
        app.stop()
    finally:
        platform.stop()
        qInstallMessageHandler(previous)
    outcome = walk.outcome
    outcome.receipt = out_dir / "receipt.txt" if (out_dir / "receipt.txt").exists() else None
    outcome.case_number = script.case_number
    (out_dir / "platform-cases.json").write_text(
        json.dumps(platform.cases(), ensure_ascii=False, indent=2), encoding="utf-8"
    )
    return outcome


def _print_to_pdf(app: KioskApp, path: Path) -> None:
    """The walk-through's A4 printer is a PDF file (a demo machine has no office printer)."""
    if app.ctx is not None:
        app.ctx.print_a4 = lambda document: render_a4(pdf_printer(path), document)
