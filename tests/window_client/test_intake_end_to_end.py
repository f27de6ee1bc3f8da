"""The whole newborn intake through the real widgets: simulated devices, the store, the printer, the platform."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from core.case_numbers import parse_case_number
from core.cases.model import CaseStatus, ItemState
from devices.printer.inspect import decode_escpos
from devices.qr.payloads import parse_receipt_payload
from services.sandbox import EmbeddedPlatform
from sync.report import SyncReport
from tests.window_client.conftest import AppFactory, logged_in
from tests.window_client.intake_steps import WAIT, collect_materials, form_sign_accept, identify_and_choose
from window_client.driver import IntakeDriver


def receipt_checks(d: IntakeDriver, number: str) -> None:
    """The receipt and the one-time notice as the printer simulator got them, decoded."""
    printer = d.app.devices.manager.simulators.printer  # type: ignore[union-attr]
    data = bytes(printer.received)
    display = parse_case_number(number).display
    assert display.encode("gb18030") in data
    assert "受理回执".encode("gb18030") in data and "容缺受理通知书".encode("gb18030") in data
    ops = decode_escpos(data)
    payloads = [op.text for op in ops if op.name == "qr_store"]
    assert payloads and all(parse_receipt_payload(p) == number for p in payloads)
    printed = [op.name for op in ops if op.name != "status_query"]  # the printer is asked how it is, too
    assert printed.count("cut") == 2 and printed[-1] == "cut"


def test_newborn_intake_online(qtbot: QtBot, make_app: AppFactory, platform: EmbeddedPlatform) -> None:
    app = make_app(platform=platform, sync_interval_ms=1_000)  # rounds pull the departments' results
    d = logged_in(qtbot, app)
    identify_and_choose(qtbot, d)
    collect_materials(qtbot, d, online=True)
    form_sign_accept(qtbot, d)
    case = d.flow.case
    assert case is not None and case.status is CaseStatus.ACCEPTED_DEFICIENT
    assert d.intake.done_page.number.text() == parse_case_number(case.number).display
    qtbot.waitUntil(d.printed, timeout=WAIT)
    receipt_checks(d, case.number)
    assert case.item("mother_id").state is ItemState.E_LICENCE
    assert case.item("not_registered").commitment_text

    qtbot.waitUntil(lambda: d.evaluation_panel() is not None, timeout=WAIT)
    d.click(d.evaluation_panel().buttons[1])  # type: ignore[union-attr]  # 非常不满意: a reason is asked
    panel = d.evaluation_panel()
    assert panel is not None and panel.why.isVisible() and not panel.submit.isEnabled()
    panel.reason.setPlainText("等候时间太长")
    d.click(panel.submit)
    qtbot.waitUntil(lambda: d.intake.done_page.case.evaluation is not None, timeout=WAIT)  # type: ignore[union-attr]
    assert d.intake.done_page.case.evaluation.follow_up  # type: ignore[union-attr]

    assert app.sync is not None
    qtbot.waitUntil(lambda: any(c["case_number"] == case.number for c in platform.cases()), timeout=30_000)
    qtbot.waitUntil(d.results_arrived, timeout=60_000)
    assert "已办结" in "".join(
        d.intake.done_page.results.itemAtPosition(r, 2).widget().text()  # type: ignore[union-attr]
        for r in range(d.intake.done_page.results.rowCount())
    )


def test_newborn_intake_with_the_platform_down_until_after_acceptance(
    qtbot: QtBot, make_app: AppFactory, platform: EmbeddedPlatform
) -> None:
    app = make_app(platform=platform, platform_down=True)
    d = logged_in(qtbot, app)
    assert app.sync is not None
    qtbot.waitUntil(lambda: app.sync.online is False, timeout=WAIT)  # type: ignore[union-attr]
    identify_and_choose(qtbot, d)
    collect_materials(qtbot, d, online=False)  # e-licences need the network: paper instead
    form_sign_accept(qtbot, d)
    case = d.flow.case
    assert case is not None and case.official_number is None
    qtbot.waitUntil(d.printed, timeout=WAIT)  # receipts print offline: the case is durable locally
    receipt_checks(d, case.number)
    assert "联网时自动上传" in d.intake.done_page.upload.text()

    reports: list[SyncReport] = []
    app.sync.sync_finished.connect(reports.append)
    platform.start()  # same port: the device is enrolled with this URL. Nobody asks for a round:
    # the client probes the platform while it is down and syncs as soon as it answers (issue #10, bug 3).
    qtbot.waitUntil(lambda: any(r.acked for r in reports), timeout=WAIT)
    assert app.sync.online is True
    stored = [c for c in platform.cases() if c["case_number"] == case.number]
    assert len(stored) == 1
