"""特别程序 on the case desk (行政许可法 §45): staff start one, the case shows 特别程序中 with its kind and
the moved due date, and ending it moves the due date by the working days it took."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from pytestqt.qtbot import QtBot

from core.cases.special_procedures import ProcedureKind
from tests.window_client.cases.kit import Desk, make_request
from tests.window_client.cases.test_actions import OpenPanel, open_case, succeed
from window_client.cases.models import Column
from window_client.cases.procedure_dialog import EndProcedureDialog, StartProcedureDialog


def test_staff_pause_and_resume_a_case_and_the_due_date_moves(
    qtbot: QtBot, make_desk: Callable[..., Desk], open_panel: OpenPanel
) -> None:
    desk = make_desk()
    case = desk.accept(make_request(desk.catalog))  # accepted Monday 2026-11-23
    assert case.promised_date == date(2026, 11, 30)
    desk.login()
    panel = open_panel(desk)
    panel.resize(1366, 768)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=10_000)
    open_case(qtbot, panel, case.number)
    pane = panel.detail_pane
    assert pane.procedure_button.isVisible() and pane.procedure_button.isEnabled()
    assert pane.procedure_button.text() == "特别程序"
    pane.procedure_button.click()
    dialog = panel.case_actions.dialog
    assert isinstance(dialog, StartProcedureDialog)
    assert not dialog.confirm_button.isEnabled()  # a reason first
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(ProcedureKind.PUBLICITY.value))
    dialog.days_spin.setValue(3)
    dialog.reason_edit.setPlainText("户口登记信息公示")
    dialog.grab().save("/tmp/limits-procedure-dialog.png")
    message = succeed(qtbot, panel, dialog.confirm_button.click)
    assert message == "特别程序中：公示（整个办件）"
    qtbot.waitUntil(lambda: "特别程序中" in pane.status_label.text(), timeout=10_000)
    assert pane.status_label.text() == "已受理 · 特别程序中：公示（整个办件）"
    # Expected 3 working days: 12-01, 12-02, 12-03.
    assert pane.promised_value.text() == "2026-12-03（预计顺延）"
    assert (
        pane.promised_value.toolTip() == "办结期限顺延至 2026-12-03（原承诺 2026-11-30，特别程序时间不计入）"
    )
    assert pane.procedure_button.text() == "结束特别程序"
    assert "户口登记信息公示" in pane.history_label.text() and "进行中" in pane.history_label.text()
    qtbot.waitUntil(lambda: "特别程序中" in str(panel.model.index(0, Column.STATUS).data()), timeout=10_000)
    assert any("特别程序开始" in str(line.cells) for line in pane.events_model.lines)
    assert pane.status_label.text() == "已受理 · 特别程序中：公示（整个办件）"
    for label in (pane.status_label, pane.promised_value):  # shown whole at 1366×768, nothing cut
        qtbot.waitUntil(lambda label=label: label.width() >= label.sizeHint().width(), timeout=5000)
    panel.grab().save("/tmp/limits-desk-paused.png")

    desk.clock.advance(days=2)  # ended on Wednesday 11-25: 11-24 and 11-25 are not counted
    pane.procedure_button.click()
    ending = panel.case_actions.dialog
    assert isinstance(ending, EndProcedureDialog) and ending.procedure_combo.count() == 1
    ending.note_edit.setText("公示无异议")
    message = succeed(qtbot, panel, ending.confirm_button.click)
    assert message == "办结期限顺延至 2026-12-02（原承诺 2026-11-30，特别程序时间不计入）"
    qtbot.waitUntil(lambda: "特别程序中" not in pane.status_label.text(), timeout=10_000)
    assert pane.promised_value.text() == "2026-12-02（已顺延）"
    assert "不计时 2 个工作日" in pane.history_label.text()
    stored = desk.cases(lambda service, _store: service.get(case.number))
    (p,) = stored.special_procedures
    assert (p.paused_days, p.note, stored.due_date) == (2, "公示无异议", date(2026, 12, 2))
