"""The scripted newborn intake (出生一件事) through the real window client, offscreen, a PNG of every step.

Runs against the device simulators and an embedded reference platform (services.sandbox). A
``Walkthrough`` is a list of stages, each an action and a predicate; a QTimer polls the predicate
(qtkit.walkthrough), then the window is grabbed to ``NN-name.png``.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Final

from PySide6.QtCore import qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QWidget

from core.cases.model import CaseStatus, ItemState
from core.config import CONFIG_NAME
from core.flows.intake import Step
from devices.printer.inspect import decode_escpos, describe, printed_lines
from qtkit.screenshots import screenshot_folder
from qtkit.walkthrough import Outcome, Stage, Walkthrough, in_order, quiet_qt_messages
from services.sandbox import DEMO_STAFF, EmbeddedPlatform, demo_config, enroll_device
from window_client.app import WindowApp, WindowOptions
from window_client.dialogs.citizen import EvaluationPanel, SignaturePanel
from window_client.dialogs.guide import GuideDialog
from window_client.driver import FATHER_ID, HELPER_ID, IntakeDriver
from window_client.intake.bundle_page import BundlePage
from window_client.intake.proxy_page import ProxyPage
from window_client.intake.refusal_dialog import RefusalDialog

logger = logging.getLogger(__name__)

SIZE: Final = (1366, 768)


def shown(panel: QWidget | None) -> bool:
    """A citizen-screen panel is up."""
    return panel is not None and panel.isVisible()


def window_of(panel: QWidget | None) -> QWidget | None:
    """What to grab for a citizen-screen panel: its window (the second screen or the dialog)."""
    return panel.window() if panel is not None else None


def signature_of(d: IntakeDriver) -> SignaturePanel:
    """The signature panel on show; a stage that needs it and finds none fails with this error."""
    panel = d.signature_panel()
    if panel is None:
        raise LookupError("no signature panel on show")
    return panel


def evaluation_of(d: IntakeDriver) -> EvaluationPanel:
    """The evaluation panel on show (好差评); a stage that needs it and finds none fails."""
    panel = d.evaluation_panel()
    if panel is None:
        raise LookupError("no evaluation panel on show")
    return panel


def proxy_stages(d: IntakeDriver) -> list[Stage]:
    """帮办代办 (outreach profile): the helper's number, the principal's signature, a photo."""

    def page() -> ProxyPage:
        proxy = d.intake.pages[Step.PROXY]
        assert isinstance(proxy, ProxyPage)
        return proxy

    return [
        Stage("02a-proxy", d.next, lambda: d.on(Step.PROXY)),
        Stage(
            "02b-proxy-helper",
            lambda: d.type_into(page().edits["helper_id_number"], HELPER_ID),
            lambda: d.flow.proxy.get("helper_id_number") == HELPER_ID,
            screenshot=False,
        ),
        Stage(
            "02c-principal-signature",
            lambda: d.click(page().sign),
            lambda: shown(d.signature_panel()),
            shot=lambda: window_of(d.signature_panel()),
        ),
        Stage(
            "02d-principal-signed",
            in_order(lambda: d.sign(signature_of(d).pad), lambda: d.click(signature_of(d).confirm)),
            lambda: bool(d.flow.proxy.get("signature")),
            screenshot=False,
        ),
        Stage(
            "02e-proxy-photo",
            lambda: d.click(page().photo),
            lambda: bool(d.flow.proxy.get("photo")),
            timeout_s=60,
        ),
    ]


def accept_stages(app: WindowApp, d: IntakeDriver, out_dir: Path) -> list[Stage]:
    """From the applicant's card to the citizen's rating: 新生儿出生 by its initials, the answers, the
    checklist (a scan, e-licences, a commitment, 容缺, paper), the form, the signature, acceptance
    with the receipt printed (saved to ``receipt.bin`` / ``receipt.txt``), 好差评."""
    nothing: Callable[[], None] = lambda: None  # noqa: E731
    dialog = d.checklist_dialog

    def save_receipt() -> None:
        rack = app.devices.simulators if app.devices is not None else None
        printer = rack.printer if rack is not None else None
        data = bytes(printer.received) if printer is not None else b""
        (out_dir / "receipt.bin").write_bytes(data)
        ops = decode_escpos(data)
        text = "\n".join(printed_lines(ops)) + "\n\n# ESC/POS commands\n" + "\n".join(describe(ops)) + "\n"
        (out_dir / "receipt.txt").write_text(text, encoding="utf-8")

    return [
        Stage(
            "03-bundle-search",  # 新生儿出生 by its initials ("cs" alone lists the single 出生 matters first)
            in_order(d.next, lambda: d.type_into("bundle_search", "xsecs")),
            lambda: d.on(Step.BUNDLE) and d.typed("bundle_search", "xsecs"),
        ),
        Stage("04-questions", lambda: d.press_enter("bundle_search"), lambda: d.on(Step.QUESTIONS)),
        Stage("05-answers", d.answer_all, d.answered),
        Stage("06-checklist", d.next, lambda: d.on(Step.CHECKLIST)),
        Stage(
            "07-scanned",
            lambda: d.set_material("maternity_bills", ItemState.SCANNED),
            lambda: d.pages_of("maternity_bills") == 1 and d.thumbnails("maternity_bills") == 1,
        ),
        Stage(
            "08-e-licence",
            lambda: d.set_material("mother_id", ItemState.E_LICENCE),
            lambda: d.material_state("mother_id") is ItemState.E_LICENCE,
        ),
        Stage(
            "09-licence-holder",
            lambda: d.set_material("father_id", ItemState.E_LICENCE),
            lambda: dialog() is not None,
            shot=dialog,
            screenshot=False,
        ),
        Stage(
            "09-licence-holder",
            lambda: d.type_into(dialog().number, FATHER_ID),
            lambda: d.typed(dialog().number, FATHER_ID),
            shot=dialog,
        ),
        Stage(
            "10-e-licences",
            in_order(
                lambda: d.click(dialog().confirm),
                lambda: d.set_material("host_hukou", ItemState.E_LICENCE),
                lambda: d.set_material("marriage_cert", ItemState.E_LICENCE),
                lambda: d.set_material("birth_cert_e", ItemState.E_LICENCE),
            ),
            lambda: all(
                d.material_state(m) is ItemState.E_LICENCE
                for m in ("father_id", "host_hukou", "marriage_cert", "birth_cert_e")
            ),
        ),
        Stage(
            "11-commitment",
            lambda: d.set_material("not_registered", ItemState.COMMITMENT),
            lambda: dialog() is not None and dialog().isVisible(),
            shot=dialog,
        ),
        Stage(
            "12-commitment-signed",
            lambda: d.sign(dialog().pad),
            lambda: dialog().confirm.isEnabled(),
            shot=dialog,
        ),
        Stage(
            "13-commitment-recorded",
            lambda: d.click(dialog().confirm),
            lambda: d.material_state("not_registered") is ItemState.COMMITMENT,
        ),
        Stage(
            "14-deficiency",
            lambda: d.set_material("bank_card", ItemState.DEFICIENT),
            lambda: dialog() is not None and dialog().isVisible(),
            shot=dialog,
        ),
        Stage(
            "15-checklist-done",
            in_order(
                lambda: d.click(dialog().confirm), lambda: d.set_material("other_hukou", ItemState.PAPER)
            ),
            lambda: not d.flow.problems(Step.CHECKLIST),
        ),
        Stage("16-form-prefilled", d.next, lambda: d.on(Step.FORM)),
        Stage("17-form-filled", d.fill_form, d.form_done),
        Stage(
            "18-signature",
            d.next,
            lambda: shown(d.signature_panel()),
            shot=lambda: window_of(d.signature_panel()),
        ),
        Stage(
            "19-signed",
            lambda: d.sign(signature_of(d).pad),
            lambda: signature_of(d).confirm.isEnabled(),
            shot=lambda: window_of(d.signature_panel()),
        ),
        Stage("20-review", lambda: d.click(signature_of(d).confirm), lambda: d.on(Step.REVIEW)),
        Stage("21-accepted", d.accept, lambda: d.accepted() and d.printed()),
        Stage(
            "22-evaluation",
            nothing,
            lambda: shown(d.evaluation_panel()),
            shot=lambda: window_of(d.evaluation_panel()),
        ),
        Stage(
            "23-rated",
            in_order(save_receipt, lambda: d.click(evaluation_of(d).buttons[5])),
            lambda: d.intake.done_page.case is not None and d.intake.done_page.case.evaluation is not None,
        ),
    ]


def newborn_stages(
    app: WindowApp, out_dir: Path, *, staff: str = "window01", proxy: bool = False
) -> list[Stage]:
    """The hall's newborn intake: card → cs → answers → scan, e-licences, commitment, 容缺 → form →
    signature → accept → receipt → 好差评 → case desk → sync → department results; with ``proxy``
    the outreach profile's 委托代办 step comes after the card."""
    d = IntakeDriver(app)
    nothing: Callable[[], None] = lambda: None  # noqa: E731

    def open_desk() -> None:
        d.window.show_desk()
        case = d.flow.case
        if case is not None:
            d.window.desk.open_case(case.number)

    def desk_shows_case() -> bool:
        detail = d.window.desk.detail
        case = d.flow.case
        return (
            case is not None and detail is not None and getattr(detail, "number", case.number) == case.number
        )

    def sync_round() -> None:
        if app.sync is not None:
            app.sync.sync_now()

    return [
        Stage(
            "00-login",
            nothing,
            lambda: app.login_window is not None and app.login_window.isVisible(),
            shot=lambda: app.login_window,
        ),
        Stage("01-applicant", lambda: d.log_in(staff, DEMO_STAFF[staff]), lambda: d.on(Step.APPLICANT)),
        Stage("02-card-read", lambda: d.place_card(0), lambda: d.flow.applicant.get("name") == "林晓雨"),
        *(proxy_stages(d) if proxy else []),
        *accept_stages(app, d, out_dir),
        Stage("24-case-desk", open_desk, desk_shows_case, timeout_s=20),
        Stage(
            "25-department-results",
            in_order(lambda: d.window.show_intake(), sync_round),
            d.results_arrived,
            timeout_s=90,
            repeat_ms=2000,
        ),
        Stage("26-case-desk-results", open_desk, desk_shows_case, timeout_s=20),
        *single_matter_stages(d),
        *guide_stages(app, d, out_dir),
        *refusal_stages(app, d, out_dir),
    ]


MATTER_INITIALS: Final = "jmsfz"  # 居民身份证…: 居民身份证换、补领 first, then the names that hold it


def single_matter_stages(d: IntakeDriver) -> list[Stage]:
    """A new intake of one single matter found by its initials: the results, its question, its
    checklist; then it is dropped (Ctrl+N twice)."""

    def first_found() -> bool:
        page = d.intake.pages[Step.BUNDLE]
        entry = page.current_entry() if isinstance(page, BundlePage) else None
        return entry is not None and entry.kind == "matter" and entry.name.startswith("居民身份证换、补领")

    return [
        Stage(
            "27-new-intake",
            in_order(lambda: d.window.new_intake(), lambda: d.place_card(0)),
            lambda: d.on(Step.APPLICANT) and d.flow.applicant.get("name") == "林晓雨",
            screenshot=False,
        ),
        Stage(
            "27-matter-initials",
            in_order(d.next, lambda: d.type_into("bundle_search", MATTER_INITIALS)),
            lambda: d.on(Step.BUNDLE) and d.typed("bundle_search", MATTER_INITIALS) and first_found(),
        ),
        Stage("28-matter-questions", lambda: d.press_enter("bundle_search"), lambda: d.on(Step.QUESTIONS)),
        Stage(
            "29-matter-checklist",
            in_order(lambda: d.answer_all((("op", "renew"),)), d.next),
            lambda: d.on(Step.CHECKLIST) and d.flow.bundle.single,
        ),
        Stage(  # Ctrl+N twice drops it, so the window closes without asking at the end
            "30-matter-dropped",
            in_order(lambda: d.window.new_intake(), lambda: d.window.new_intake()),
            lambda: d.on(Step.APPLICANT) and not d.intake.model.in_progress,
            screenshot=False,
        ),
    ]


GUIDE_INITIALS: Final = "jhdj"  # 内地居民结婚登记, a sourced single matter, by its pinyin initials


def guide_stages(app: WindowApp, d: IntakeDriver, out_dir: Path) -> list[Stage]:
    """办事指南 for a citizen who came to ask: F3 (no intake), a matter by its initials, its guide
    on screen, printed on the receipt printer (``guide-receipt.txt`` as the printer got it)."""
    before: list[int] = []

    def printed() -> bytes:
        rack = app.devices.simulators if app.devices is not None else None
        return bytes(rack.printer.received) if rack is not None and rack.printer is not None else b""

    def dialog() -> GuideDialog:
        found = d.window.findChild(GuideDialog)
        if found is None:
            raise LookupError("no guide dialog on show")
        return found

    def save_guide() -> None:
        ops = decode_escpos(printed()[before[0] :])
        text = "\n".join(printed_lines(ops)) + "\n"
        (out_dir / "guide-receipt.txt").write_text(text, encoding="utf-8")

    return [
        Stage(
            "31-guide-search",
            in_order(lambda: before.append(len(printed())), lambda: d.window.show_guide()),
            lambda: d.window.findChild(GuideDialog) is not None and dialog().search.isEnabled(),
            screenshot=False,
        ),
        Stage(
            "31-guide-search",
            lambda: d.type_into(dialog().search, GUIDE_INITIALS),
            lambda: dialog().matches.count() > 0,
            shot=dialog,
        ),
        Stage(
            "32-guide",
            lambda: d.press_enter(dialog().search),
            lambda: dialog().guide is not None,
            shot=dialog,
        ),
        Stage(
            "33-guide-printed",
            lambda: d.click(dialog().print_button),
            lambda: (
                "办事指南".encode("gb18030") in printed()[before[0] :] and dialog().print_button.isEnabled()
            ),
            shot=dialog,
        ),
        Stage(
            "34-guide-closed",
            in_order(save_guide, lambda: d.click(dialog().close_button)),
            lambda: d.window.findChild(GuideDialog) is None,
            screenshot=False,
        ),
    ]


def refusal_stages(app: WindowApp, d: IntakeDriver, out_dir: Path) -> list[Stage]:
    """Not accepted (行政许可法 §32), twice with the single matter 居民身份证换、补领: the 户口簿 missing →
    一次性补正告知书 (``supplement-notice.txt``); then 不予受理 with its reason → 不予受理通知书
    (``rejection-notice.txt``), each printed as the printer got it."""
    before: list[int] = []

    def printed() -> bytes:
        rack = app.devices.simulators if app.devices is not None else None
        return bytes(rack.printer.received) if rack is not None and rack.printer is not None else b""

    def dialog() -> RefusalDialog:
        found = d.intake.refusal_dialog
        if found is None:
            raise LookupError("no refusal dialog on show")
        return found

    def save(name: str) -> Callable[[], None]:
        def write() -> None:
            text = "\n".join(printed_lines(decode_escpos(printed()[before[-1] :]))) + "\n"
            (out_dir / name).write_text(text, encoding="utf-8")

        return write

    def to_checklist(tag: str) -> list[Stage]:
        def matter_found() -> bool:
            page = d.intake.pages[Step.BUNDLE]
            entry = page.current_entry() if isinstance(page, BundlePage) else None
            return (
                entry is not None and entry.kind == "matter" and entry.name.startswith("居民身份证换、补领")
            )

        return [
            Stage(
                f"{tag}-new-intake",
                in_order(lambda: d.window.new_intake(), lambda: d.place_card(0)),
                lambda: (
                    d.on(Step.APPLICANT) and d.flow.applicant.get("name") == "林晓雨" and d.flow.case is None
                ),
                screenshot=False,
            ),
            Stage(
                f"{tag}-matter",
                in_order(d.next, lambda: d.type_into("bundle_search", MATTER_INITIALS)),
                lambda: d.on(Step.BUNDLE) and d.typed("bundle_search", MATTER_INITIALS) and matter_found(),
                screenshot=False,
            ),
            Stage(
                f"{tag}-questions",
                lambda: d.press_enter("bundle_search"),
                lambda: d.on(Step.QUESTIONS),
                screenshot=False,
            ),
            Stage(
                f"{tag}-checklist",
                in_order(lambda: d.answer_all((("op", "renew"),)), d.next),
                lambda: d.on(Step.CHECKLIST) and d.flow.bundle.single,
                screenshot=False,
            ),
        ]

    def is_refused(status: CaseStatus) -> bool:
        case = d.flow.case
        return case is not None and case.status is status and d.intake.done_page.case is not None

    return [
        *to_checklist("35"),
        Stage(
            "35-supplement-checklist",
            lambda: d.set_material("old_id_card", ItemState.PAPER),
            lambda: d.material_state("old_id_card") is ItemState.PAPER,
        ),
        Stage(
            "36-supplement-dialog",
            in_order(lambda: before.append(len(printed())), lambda: d.click("intake_refuse")),
            lambda: d.intake.refusal_dialog is not None and dialog().isVisible(),
            shot=dialog,
        ),
        Stage(
            "37-supplement-notice",
            lambda: d.click(dialog().confirm),
            lambda: (
                is_refused(CaseStatus.SUPPLEMENT_NOTIFIED)
                and "一次性补正告知书".encode("gb18030") in printed()[before[-1] :]
            ),
        ),
        *to_checklist("38"),
        Stage(
            "38-reject-dialog",
            in_order(
                save("supplement-notice.txt"),
                lambda: before.append(len(printed())),
                lambda: d.click("intake_refuse"),
                lambda: d.click(dialog().reject_choice),
                lambda: dialog().reason.setPlainText(REJECTION_REASON),
            ),
            lambda: d.intake.refusal_dialog is not None and dialog().reject_choice.isChecked(),
            shot=dialog,
        ),
        Stage(
            "39-rejection-notice",
            lambda: d.click(dialog().confirm),
            lambda: (
                is_refused(CaseStatus.NOT_ACCEPTED)
                and "不予受理通知书".encode("gb18030") in printed()[before[-1] :]
            ),
        ),
        Stage(  # a new intake: the window ends as it began, nothing in progress
            "39-rejection-saved",
            in_order(save("rejection-notice.txt"), lambda: d.window.new_intake()),
            lambda: d.flow.case is None and not d.intake.model.in_progress,
            screenshot=False,
        ),
    ]


REJECTION_REASON: Final = "申请人户籍不在本辖区：居民身份证换领须向常住户口所在地公安机关申请。"


def scripted_options(data_dir: Path, *, lang: str, profile: str = "hall") -> WindowOptions:
    """The window client as a scripted walk runs it: 1366×768, one screen, no sync timer, no idle lock.

    The script drives the screens by calls, not input events, so nothing resets the idle lock: on a
    busy machine the walk-through outlasted its 5 minutes, the window locked and a later stage waited
    in vain. The lock has its own tests (tests/window_client/test_main_window.py)."""
    return WindowOptions(
        data_dir,
        data_dir / CONFIG_NAME,
        profile=profile,
        lang=lang,
        size=SIZE,
        second_screen=False,
        sync_interval_ms=0,
        lock_minutes=0,
    )


def run_walkthrough(
    out_dir: Path,
    *,
    data_dir: Path | None = None,
    lang: str = "zh_CN",
    profile: str = "hall",
    dept_delay: str = "0.3:1.2",
) -> Outcome:
    """Everything ``tongban window --offscreen --screenshots DIR`` does; returns what happened."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    screenshot_folder(out_dir)
    data_dir = data_dir or Path(tempfile.mkdtemp(prefix="tongban-walkthrough-"))
    platform = EmbeddedPlatform(data_dir / "platform", dept_delay=dept_delay, seed_random=7)
    previous = qInstallMessageHandler(quiet_qt_messages)
    platform.start()
    try:
        outreach = profile == "outreach"
        enroll_device(data_dir, platform, demo_config(data_dir, role="outreach" if outreach else "window"))
        qapp = QApplication.instance() or QApplication(["tongban-walkthrough"])
        assert isinstance(qapp, QApplication)
        app = WindowApp(qapp, scripted_options(data_dir, lang=lang, profile=profile))
        staff = "outreach01" if outreach else "window01"
        walk = Walkthrough(
            app, out_dir, newborn_stages(app, out_dir, staff=staff, proxy=outreach), lambda: app.main_window
        )
        walk.end_loop_when_finished(qapp)
        app.start()
        walk.start()
        qapp.exec()
        case = app.main_window.intake.flow.case if app.main_window is not None else None
        app.stop()
    finally:
        platform.stop()
        qInstallMessageHandler(previous)
    outcome = walk.outcome
    outcome.receipt = out_dir / "receipt.bin" if (out_dir / "receipt.bin").exists() else None
    outcome.case_number = case.number if case is not None else ""
    (out_dir / "platform-cases.json").write_text(
        json.dumps(platform.cases(), ensure_ascii=False, indent=2), encoding="utf-8"
    )
    return outcome
