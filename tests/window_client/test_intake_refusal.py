"""At the window, instead of accepting: 一次性告知补正 or 不予受理 (行政许可法 §32), printed and synced; and
the 信用核查 that closes 告知承诺 and 容缺 to a 失信 applicant (国办发〔2020〕42号). Real widgets, the
simulated printer and ID reader, the reference platform."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from core.cases import commitments
from core.cases.model import CaseStatus, CommitmentCheck, CreditStanding, ItemState, RefusalKind
from core.flows.intake import Step
from devices.id_reader.card_file import demo_cards_path, load_cards
from devices.printer.inspect import decode_escpos, printed_lines
from services.sandbox import EmbeddedPlatform
from tests.window_client.conftest import AppFactory, logged_in
from tests.window_client.intake_steps import WAIT
from window_client.dialogs import commitment as dialog_texts
from window_client.dialogs.commitment import CommitmentDialog
from window_client.driver import IntakeDriver
from window_client.intake.refusal_dialog import RefusalDialog

MATTER = "jmsfzhbl"  # 居民身份证换、补领 by its initials


def _to_checklist(qtbot: QtBot, d: IntakeDriver) -> None:
    d.place_card(0)
    qtbot.waitUntil(lambda: d.flow.applicant.get("name") == "林晓雨", timeout=WAIT)
    d.next()
    qtbot.waitUntil(lambda: d.on(Step.BUNDLE), timeout=WAIT)
    d.type_into("bundle_search", MATTER)
    qtbot.waitUntil(lambda: d.typed("bundle_search", MATTER), timeout=WAIT)
    d.press_enter("bundle_search")
    qtbot.waitUntil(lambda: d.on(Step.QUESTIONS), timeout=WAIT)
    d.answer_all((("op", "renew"),))
    d.next()
    qtbot.waitUntil(lambda: d.on(Step.CHECKLIST), timeout=WAIT)


def _dialog(qtbot: QtBot, d: IntakeDriver) -> RefusalDialog:
    button = d.find("intake_refuse")
    assert button.isVisible() and button.isEnabled()
    d.click(button)
    qtbot.waitUntil(
        lambda: d.intake.refusal_dialog is not None and d.intake.refusal_dialog.isVisible(), timeout=WAIT
    )
    dialog = d.intake.refusal_dialog
    assert dialog is not None
    return dialog


def _printed(d: IntakeDriver) -> str:
    printer = d.app.devices.manager.simulators.printer  # type: ignore[union-attr]
    return "\n".join(printed_lines(decode_escpos(bytes(printer.received))))


def test_a_supplement_notice_from_the_checklist(
    qtbot: QtBot, make_app: AppFactory, platform: EmbeddedPlatform
) -> None:
    app = make_app(platform=platform)
    d = logged_in(qtbot, app)
    _to_checklist(qtbot, d)
    assert not d.find("intake_refuse").isHidden()
    d.set_material("old_id_card", ItemState.PAPER)
    dialog = _dialog(qtbot, d)
    assert dialog.kind is RefusalKind.SUPPLEMENT
    dialog.set_note("old_id_card", "原证件已损坏，须同时提交户口簿")
    d.click(dialog.confirm)
    qtbot.waitUntil(lambda: d.flow.case is not None and d.intake.done_page.case is not None, timeout=WAIT)
    case = d.flow.case
    assert case is not None and case.status is CaseStatus.SUPPLEMENT_NOTIFIED and d.on(Step.DONE)
    assert {i.material_id: i.note for i in case.items if i.state is ItemState.PENDING} == {
        "old_id_card": "原证件已损坏，须同时提交户口簿",
        "hukou_book": "",
    }
    page = d.intake.done_page
    assert page.results_heading.text().startswith("须补正的材料") and page.title.text() == "未予受理"
    qtbot.waitUntil(lambda: "一次性补正告知书" in page.printing.text(), timeout=WAIT)
    text = _printed(d)
    assert "一次性补正告知书" in text and "居民户口簿" in text and "受理回执" not in text
    assert not d.intake.refuse_button.isVisible()  # the intake is over
    # The screen started a sync round: the platform stores the record (and never dispatches it).
    qtbot.waitUntil(
        lambda: any(
            c["case_number"] == case.number and c["status"] == "supplement_notified" for c in platform.cases()
        ),
        timeout=60_000,
    )


def test_a_rejection_needs_its_reason_and_prints_the_remedies(
    qtbot: QtBot, make_app: AppFactory, platform: EmbeddedPlatform
) -> None:
    app = make_app(platform=platform)
    d = logged_in(qtbot, app)
    _to_checklist(qtbot, d)
    dialog = _dialog(qtbot, d)
    d.click(dialog.reject_choice)
    assert dialog.confirm.text() == "出具不予受理通知书" and not dialog.table.isEnabled()
    d.click(dialog.confirm)
    assert dialog.isVisible() and "理由" in (dialog.banner.message.text if dialog.banner.message else "")
    dialog.reason.setPlainText("申请人户籍不在本辖区，请到户籍所在地公安派出所申请")
    d.click(dialog.confirm)
    qtbot.waitUntil(lambda: d.flow.case is not None, timeout=WAIT)
    assert d.flow.case is not None and d.flow.case.status is CaseStatus.NOT_ACCEPTED
    qtbot.waitUntil(lambda: "不予受理通知书" in d.intake.done_page.printing.text(), timeout=WAIT)
    text = _printed(d)
    assert "不予受理通知书" in text and "六十日内" in text and "户籍不在本辖区" in text


def test_a_dishonest_applicant_is_told_at_the_checklist(
    qtbot: QtBot, make_app: AppFactory, platform: EmbeddedPlatform
) -> None:
    app = make_app(platform=platform)
    d = logged_in(qtbot, app)
    dishonest = next(c for c in load_cards(demo_cards_path()) if c.card.id_number == "330106196810021370")
    d.place_card(dishonest.card)
    qtbot.waitUntil(lambda: d.flow.credit is CreditStanding.DISHONEST, timeout=WAIT)
    assert "失信" in d.intake.banner.message.text  # type: ignore[union-attr]
    d.next()
    qtbot.waitUntil(lambda: d.on(Step.BUNDLE), timeout=WAIT)
    d.type_into("bundle_search", MATTER)
    qtbot.waitUntil(lambda: d.typed("bundle_search", MATTER), timeout=WAIT)
    d.press_enter("bundle_search")
    qtbot.waitUntil(lambda: d.on(Step.QUESTIONS), timeout=WAIT)
    d.answer_all((("op", "renew"),))
    d.next()
    qtbot.waitUntil(lambda: d.on(Step.CHECKLIST), timeout=WAIT)
    summary = d.intake.pages[Step.CHECKLIST].summary  # type: ignore[attr-defined]
    assert "有失信记录" in summary.text()


def test_the_commitment_dialog_tells_what_is_checked_by_when_and_the_consequence(qtbot: QtBot) -> None:
    # 国办发〔2020〕42号: the 告知 of a commitment; the dialog's words are core's (one text, translated).
    assert dialog_texts.FALSE_COMMITMENT == commitments.FALSE_COMMITMENT
    assert dialog_texts.DEFAULT_CHECK == commitments.DEFAULT_CHECK
    check = CommitmentCheck(commitments.DEFAULT_CHECK, date(2026, 12, 14))
    dialog = CommitmentDialog("孩子未在其他地方登记户口的证明", "本人承诺……", check=check)
    qtbot.addWidget(dialog)
    text = dialog.text.toPlainText()
    assert "本人承诺" in text and "核查：受理部门将通过数据共享" in text and "核查期限：2026-12-14 前" in text
    assert commitments.FALSE_COMMITMENT in text
