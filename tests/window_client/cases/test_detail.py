"""The detail pane: department results after sync, upload state per event, rating, history, an audited reveal."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

from pytestqt.qtbot import QtBot

from core.cases.model import MatterStatus
from core.staff import Role
from tests.sync_samples import sync_report
from tests.window_client.cases.kit import MOTHER, Desk, make_request
from window_client.cases import CaseDeskPanel

OpenPanel = Callable[[Desk], CaseDeskPanel]


def open_case(qtbot: QtBot, panel: CaseDeskPanel, number: str) -> None:
    with qtbot.waitSignal(panel.case_opened, timeout=10_000):
        panel.open_case(number)


def test_department_results_appear_after_a_sync_round(
    qtbot: QtBot, make_desk: Callable[..., Desk], open_panel: OpenPanel
) -> None:
    # The round's report says what it did (it pulled three updates): the desk reloads on that.
    desk = make_desk(sync=deque([sync_report(ok=True, acked=1, pulled_updates=3, applied_updates=3)]))
    case = desk.accept(make_request(desk.catalog))
    desk.login()
    panel = open_panel(desk)
    open_case(qtbot, panel, case.number)
    pane = panel.detail_pane
    assert [line.cells[2] for line in pane.matters_model.lines] == ["待分发"] * len(case.matters)
    assert [line.cells[3] for line in pane.events_model.lines] == ["待上传"]
    assert pane.sync_label.text() == "待上传"

    matter = case.matters[0]
    result = "已办理出生登记，户口簿已打印"

    def pulled(service, store) -> None:  # type: ignore[no-untyped-def]
        store.mark_acked([e.seq for e in store.events_for(case.number)], "receipt-accepted")
        service.dispatch(case.number, receipt="receipt-dispatch")
        service.record_matter_result(
            case.number, matter.matter_id, MatterStatus.DONE, result, receipt="receipt-1"
        )
        service.bind_official_number(case.number, "JS-2026-000123", receipt="receipt-2")

    desk.cases(pulled)  # what a sync round pulls into the store
    with qtbot.waitSignal(panel.case_opened, timeout=10_000):
        assert desk.ctx.sync is not None and desk.ctx.sync.sync_now()
    lines = {line.cells[1]: line.cells for line in pane.matters_model.lines}
    assert lines[matter.name][0] == (matter.dept_name or matter.dept)
    assert lines[matter.name][2] == "已办结" and lines[matter.name][3] == result
    others = [cells[2] for name, cells in lines.items() if name != matter.name]
    assert others and all(state == "已分发" for state in others)
    kinds = [line.cells[1] for line in pane.events_model.lines]
    assert kinds == ["受理", "分发至各部门", "部门办理结果", "绑定统一办件编号"]
    assert all(line.cells[3] == "已上传" for line in pane.events_model.lines)
    result_line = pane.events_model.lines[2].cells[2]
    assert matter.name in result_line and "已办结" in result_line and result in result_line
    assert pane.official_value.text() == "JS-2026-000123"
    assert pane.status_label.text() == "办理中" and pane.sync_label.text() == "已同步"


def test_rating_history_and_an_audited_look_at_the_id_number(
    qtbot: QtBot, make_desk: Callable[..., Desk], open_panel: OpenPanel
) -> None:
    desk = make_desk()
    case = desk.accept(make_request(desk.catalog))
    desk.cases(lambda service, _store: service.evaluate(case.number, 2, "等候时间太长"))
    desk.login(Role.SUPERVISOR)
    panel = open_panel(desk)
    open_case(qtbot, panel, case.number)
    pane = panel.detail_pane
    assert pane.evaluation_value.text() == "受理时：不满意，整改期限 2026-11-30"  # 5 working days (差评整改)
    assert pane.name_value.text() == "林*雨"
    assert pane.id_label.text() == "320115********0043" and not pane.id_label.is_revealed
    with qtbot.waitSignal(pane.id_label.revealed, timeout=10_000):
        pane.reveal_button.click()
    assert pane.id_label.text() == MOTHER["id_number"] and pane.name_value.text() == MOTHER["name"]
    assert not pane.reveal_button.isEnabled()
    with desk.store() as store:
        assert [a.action for a in store.audit_entries(case.number)][-1] == "case.reveal"
    desk.cases(lambda service, _store: service.withdraw(case.number, "申请人材料不全，自愿撤回"))
    with qtbot.waitSignal(panel.case_opened, timeout=10_000):
        panel.refresh()
    assert pane.id_label.text() == "320115********0043", "a reloaded case is masked again"
    assert "申请人材料不全，自愿撤回" in pane.history_label.text()
    assert pane.events_model.lines[-1].cells[1] == "撤回"
    assert not pane.withdraw_button.isEnabled() and not pane.supplement_button.isEnabled()
