"""Screenshots of the case desk, status bar and dialogs at 1366×768 in the real theme (/tmp/casedesk-*.png)."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QFrame, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from core.cases.model import MatterStatus
from core.staff import Role
from qtkit.screenshots import save_screenshot
from qtkit.theme import SCALE_PROPERTY, apply_theme
from tests.sync_samples import sync_report
from tests.window_client.cases.kit import OTHER, Desk, make_request
from window_client.cases import CaseDeskPanel
from window_client.status import StatusBarPanel

SHOTS = Path("/tmp")
THIRD = {
    "name": "欧阳明远",
    "id_number": "320102198001010016",
    "phone": "13700137000",
    "nation": "汉",
    "address": "南京市玄武区中山路 1 号",
}


@pytest.fixture
def themed(qapp: QApplication) -> Iterator[None]:
    style, sheet, palette, font = qapp.style().name(), qapp.styleSheet(), qapp.palette(), qapp.font()
    apply_theme(qapp, "standard")
    yield
    qapp.setStyleSheet(sheet)
    qapp.setStyle(style)
    qapp.setPalette(palette)
    qapp.setFont(font)
    qapp.setProperty(SCALE_PROPERTY, None)


def seed(desk: Desk) -> str:
    """A plausible morning: cases in every state; returns the number of the one to show."""
    catalog, today = desk.catalog, desk.clock.now().date()
    desk.accept(make_request(catalog, defer=True, deadline=today + timedelta(days=2)))
    done = desk.accept(make_request(catalog, applicant=OTHER))
    shown = desk.accept(make_request(catalog, applicant=THIRD))
    withdrawn = desk.accept(make_request(catalog, applicant=OTHER))
    held = desk.accept(make_request(catalog))
    desk.accept(make_request(catalog, "sscard_onecard", applicant=THIRD))

    def pulled(service, store) -> None:  # type: ignore[no-untyped-def]
        for case in (done, shown):
            store.mark_acked([e.seq for e in store.events_for(case.number)], "r-accepted")
            service.dispatch(case.number, receipt="r-dispatch")
        for matter in done.matters:
            service.record_matter_result(
                done.number, matter.matter_id, MatterStatus.DONE, "已办结", receipt="r"
            )
        service.evaluate(done.number, 5)
        first, second = shown.matters[0], shown.matters[1]
        service.record_matter_result(
            shown.number,
            first.matter_id,
            MatterStatus.DONE,
            "出生医学证明已签发，编号 Q320123456",
            receipt="r1",
        )
        service.record_matter_result(
            shown.number, second.matter_id, MatterStatus.PROCESSING, "", receipt="r2"
        )
        service.bind_official_number(shown.number, "11320115MB0000000X2026000123", receipt="r3")
        service.withdraw(withdrawn.number, "申请人决定下月再办")
        store.sync.quarantine(
            held.number, store.events_for(held.number)[0].seq, "validation", "表单字段与目录不符"
        )

    desk.cases(pulled)
    return shown.number


def test_screenshot_of_the_case_desk_and_the_status_bar(
    qtbot: QtBot, themed: None, make_desk: Callable[..., Desk], open_panel: Callable[[Desk], CaseDeskPanel]
) -> None:
    sims = {"id_reader": "sim", "printer": "sim", "scanner": "sim", "camera": "sim"}
    desk = make_desk(sync=deque([sync_report(ok=True)]), devices=sims)
    number = seed(desk)
    with qtbot.waitSignal(desk.ctx.devices.devices_started, timeout=30_000):
        desk.ctx.devices.start()
    qtbot.waitUntil(lambda: all(h.ok is not None for h in desk.ctx.devices.health()), timeout=30_000)
    desk.login(Role.WINDOW)
    window = QWidget()
    qtbot.addWidget(window)
    window.setAutoFillBackground(True)
    layout = QVBoxLayout(window)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    panel = CaseDeskPanel(desk.ctx, window)
    line = QFrame(window)
    line.setFrameShape(QFrame.Shape.HLine)
    status = StatusBarPanel(desk.ctx, window)
    layout.addWidget(panel, 1)
    layout.addWidget(line)
    layout.addWidget(status)
    window.resize(1366, 768)
    with qtbot.waitSignal(panel.results_shown, timeout=10_000):
        window.show()
    with qtbot.waitSignal(panel.case_opened, timeout=10_000):
        panel.results.table.selectRow(panel.model.row_of(number))
    qtbot.waitUntil(lambda: status.counts is not None, timeout=10_000)
    number_label = panel.detail_pane.number_label
    qtbot.waitUntil(lambda: number_label.width() >= number_label.sizeHint().width(), timeout=5000)  # laid out
    assert desk.ctx.sync is not None
    desk.ctx.sync.online_changed.emit(True)
    path = save_screenshot(window, SHOTS / "casedesk-desk.png")
    assert path.stat().st_size > 20_000
    panel.detail_pane.tabs.setCurrentIndex(2)
    save_screenshot(window, SHOTS / "casedesk-timeline.png")
    save_screenshot(status, SHOTS / "casedesk-statusbar.png")
    panel.detail_pane.withdraw_button.click()
    dialog = panel.case_actions.dialog
    assert dialog is not None
    save_screenshot(dialog, SHOTS / "casedesk-withdraw-dialog.png")
    dialog.close()
    qtbot.waitUntil(lambda: panel.case_actions.dialog is None, timeout=5000)

    status.device_widget.button("printer").click()
    tester = status.dialog("printer")
    assert tester is not None
    tester.test_button.click()
    qtbot.waitUntil(lambda: "正常" in tester.test_result.text(), timeout=15_000)
    save_screenshot(tester, SHOTS / "casedesk-device-test.png")
    tester.close_button.click()

    deficient = panel.model.rows[-1].number
    with qtbot.waitSignal(panel.case_opened, timeout=10_000):
        panel.open_case(deficient)
    panel.detail_pane.supplement_button.click()
    supplement = panel.case_actions.dialog
    assert supplement is not None
    save_screenshot(supplement, SHOTS / "casedesk-supplement-dialog.png")
    supplement.close()
