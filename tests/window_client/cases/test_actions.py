"""Changes on the desk: supplement, print and 补打 (a supervisor's right), withdraw, terminate overdue, release."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from pytestqt.qtbot import QtBot

from core.cases.model import CaseStatus, ItemState
from core.staff import Role
from devices.manager import DeviceHealth
from tests.window_client.cases.kit import SUPERVISOR, WINDOW_STAFF, Desk, make_request
from window_client.cases import CaseDeskPanel
from window_client.cases.dialogs import ConfirmActionDialog, SupplementDialog

OpenPanel = Callable[[Desk], CaseDeskPanel]
RECEIPT = "受理回执".encode("gb18030")
REPRINT = "补打".encode("gb18030")


def open_case(qtbot: QtBot, panel: CaseDeskPanel, number: str) -> None:
    with qtbot.waitSignal(panel.case_opened, timeout=10_000):
        panel.open_case(number)


def start_devices(qtbot: QtBot, desk: Desk) -> None:
    with qtbot.waitSignal(desk.ctx.devices.devices_started, timeout=20_000):
        desk.ctx.devices.start()


def succeed(qtbot: QtBot, panel: CaseDeskPanel, act: Callable[[], None], timeout: int = 20_000) -> str:
    """Do ``act``; wait for the change and for the detail to be reloaded. Returns the message."""
    with qtbot.waitSignal(panel.case_actions.action_succeeded, timeout=timeout) as done:
        act()
    qtbot.waitUntil(lambda: not panel.case_actions.busy, timeout=5000)
    return str(done.args[0])


def printed(desk: Desk) -> bytes:
    return bytes(desk.ctx.devices.manager.simulators.printer.received)  # type: ignore[attr-defined]


def test_supplement_turns_a_deficient_case_into_accepted(
    qtbot: QtBot, make_desk: Callable[..., Desk], open_panel: OpenPanel
) -> None:
    desk = make_desk(devices={"camera": "sim"})
    case = desk.accept(make_request(desk.catalog, defer=True))
    missing = case.deficient_items[0]
    desk.login()
    start_devices(qtbot, desk)
    panel = open_panel(desk)
    open_case(qtbot, panel, case.number)
    assert panel.detail_pane.status_label.text() == "容缺受理"
    assert panel.detail_pane.supplement_button.isEnabled()
    panel.detail_pane.supplement_button.click()
    dialog = panel.case_actions.dialog
    assert isinstance(dialog, SupplementDialog)
    assert not dialog.confirm_button.isEnabled(), "nothing ticked yet"
    with qtbot.waitSignal(desk.ctx.devices.page_captured, timeout=30_000):
        dialog.capture_button.click()
    qtbot.waitUntil(lambda: dialog.chosen() == [missing.material_id], timeout=5000)
    assert "已拍 1 页" in dialog.materials.item(0).text()
    message = succeed(qtbot, panel, dialog.confirm_button.click)
    assert missing.name in message and "已受理" in message
    qtbot.waitUntil(lambda: panel.detail_pane.status_label.text() == "已受理", timeout=10_000)
    stored = desk.cases(lambda service, _store: service.get(case.number))
    assert stored.status is CaseStatus.ACCEPTED
    item = stored.item(missing.material_id)
    assert item.state is ItemState.SCANNED and len(item.attachments) == 1
    assert not panel.detail_pane.supplement_button.isEnabled()


def test_reprint_needs_a_supervisor_for_window_staff_and_says_so_on_paper(
    qtbot: QtBot, make_desk: Callable[..., Desk], open_panel: OpenPanel
) -> None:
    desk = make_desk(devices={"printer": "sim"})
    desk.add_staff()
    case = desk.accept(make_request(desk.catalog))
    desk.login(Role.WINDOW)
    start_devices(qtbot, desk)
    panel = open_panel(desk)
    open_case(qtbot, panel, case.number)
    pane = panel.detail_pane
    assert pane.reprint_button.text() == "打印回执"
    assert "已打印受理回执" in succeed(qtbot, panel, pane.reprint_button.click)  # the first print: no 补打
    qtbot.waitUntil(lambda: pane.reprint_button.text() == "补打回执", timeout=10_000)
    assert RECEIPT in printed(desk) and REPRINT not in printed(desk)
    assert pane.reprint_button.toolTip() == "需要值班长确认"

    pane.reprint_button.click()
    dialog = panel.case_actions.dialog
    assert isinstance(dialog, ConfirmActionDialog) and dialog.need_supervisor
    assert not dialog.confirm_button.isEnabled()
    dialog.staff_edit.setText(SUPERVISOR[0])
    dialog.password_edit.setText("wrong")
    dialog.confirm_button.click()
    qtbot.waitUntil(lambda: "工号或密码不正确" in dialog.error_text, timeout=10_000)
    assert dialog.isVisible() and dialog.password_edit.text() == ""
    dialog.staff_edit.setText(WINDOW_STAFF[0])  # window staff cannot authorise themselves
    dialog.password_edit.setText(WINDOW_STAFF[2])
    dialog.confirm_button.click()
    qtbot.waitUntil(lambda: "无权" in dialog.error_text, timeout=10_000)
    assert REPRINT not in printed(desk)

    dialog.staff_edit.setText(SUPERVISOR[0])
    dialog.password_edit.setText(SUPERVISOR[2])
    message = succeed(qtbot, panel, dialog.confirm_button.click)
    assert "补打" in message
    qtbot.waitUntil(lambda: panel.case_actions.dialog is None, timeout=5000)
    assert REPRINT in printed(desk) and printed(desk).count(RECEIPT) == 2
    with desk.store() as store:
        actions = [a.action for a in store.audit_entries(case.number)]
    assert actions[-2:] == ["override.reprint", "receipt.reprint"]

    desk.login(Role.SUPERVISOR)  # a supervisor reprints without being asked
    succeed(qtbot, panel, pane.reprint_button.click)
    assert panel.case_actions.dialog is None
    assert printed(desk).count(REPRINT) == 2


def test_a_failed_print_is_shown_and_kept_for_a_retry(
    qtbot: QtBot, make_desk: Callable[..., Desk], open_panel: OpenPanel
) -> None:
    desk = make_desk(devices={"printer": "sim"})
    case = desk.accept(make_request(desk.catalog))
    desk.login(Role.WINDOW)
    start_devices(qtbot, desk)
    panel = open_panel(desk)
    open_case(qtbot, panel, case.number)
    simulator: Any = desk.ctx.devices.manager.simulators.printer  # type: ignore[attr-defined]
    simulator.set_paper("out")
    with qtbot.waitSignal(panel.case_actions.print_failed, timeout=30_000) as failed:
        panel.detail_pane.reprint_button.click()
    assert "缺纸" in failed.args[0] and "已保留" in failed.args[0]
    assert panel.banner.isVisible() and panel.banner.action_button.isVisible()
    qtbot.waitUntil(lambda: "没有打印成功" in panel.detail_pane.prints_value.text(), timeout=10_000)
    with desk.store() as store:
        assert [j.case_number for j in store.print_jobs.open_jobs()] == [case.number]
    simulator.set_paper("ok")
    message = succeed(qtbot, panel, panel.banner.action_button.click)
    assert "已重打 1 份" in message
    with desk.store() as store:
        assert store.print_jobs.open_jobs() == []
    assert printed(desk).count(RECEIPT) == 1


def printer_health(desk: Desk) -> DeviceHealth:
    return next(h for h in desk.ctx.devices.health() if h.role == "printer")


def test_printer_health_follows_each_desk_print_without_a_check(
    qtbot: QtBot, make_desk: Callable[..., Desk], open_panel: OpenPanel
) -> None:
    """Bug 4: the desk's receipts go through the printer's owner, so its health follows every print:
    缺纸 as soon as a print fails, 就绪 again as soon as a print succeeds (nobody presses "test")."""
    desk = make_desk(devices={"printer": "sim"})
    case = desk.accept(make_request(desk.catalog))
    desk.login(Role.SUPERVISOR)  # prints and reprints without being asked for a supervisor
    start_devices(qtbot, desk)
    panel = open_panel(desk)
    open_case(qtbot, panel, case.number)
    qtbot.waitUntil(lambda: printer_health(desk).ok is True, timeout=10_000)  # the start-up probe
    simulator: Any = desk.ctx.devices.manager.simulators.printer  # type: ignore[attr-defined]
    simulator.set_paper("out")
    with qtbot.waitSignal(panel.case_actions.print_failed, timeout=30_000):
        panel.detail_pane.reprint_button.click()
    health = printer_health(desk)  # known when the failure is: no probe was needed
    assert health.ok is False and "缺纸" in health.message, health
    qtbot.waitUntil(lambda: not panel.case_actions.busy, timeout=5000)
    simulator.set_paper("ok")
    assert "已打印受理回执" in succeed(qtbot, panel, panel.detail_pane.reprint_button.click)
    health = printer_health(desk)
    assert health.ok is True and health.message == "就绪", health
    assert printed(desk).count(RECEIPT) == 1  # the open job was printed, not a second one made
    with desk.store() as store:
        assert store.print_jobs.open_jobs() == []
        assert [j.status for j in store.print_jobs.jobs_for(case.number)] == ["printed"]


def test_withdraw_needs_a_reason(qtbot: QtBot, make_desk: Callable[..., Desk], open_panel: OpenPanel) -> None:
    desk = make_desk()
    case = desk.accept(make_request(desk.catalog))
    desk.login(Role.SUPERVISOR)
    panel = open_panel(desk)
    open_case(qtbot, panel, case.number)
    panel.detail_pane.withdraw_button.click()
    dialog = panel.case_actions.dialog
    assert isinstance(dialog, ConfirmActionDialog)
    assert dialog.need_reason and not dialog.need_supervisor
    assert not dialog.confirm_button.isEnabled()
    dialog.reason_edit.setPlainText("   ")
    assert not dialog.confirm_button.isEnabled(), "blanks are no reason"
    dialog.reason_edit.setPlainText("申请人决定暂缓办理")
    assert dialog.confirm_button.isEnabled()
    assert "已撤回" in succeed(qtbot, panel, dialog.confirm_button.click)
    qtbot.waitUntil(lambda: panel.detail_pane.status_label.text() == "已撤回", timeout=10_000)
    assert "申请人决定暂缓办理" in panel.detail_pane.history_label.text()


def test_window_staff_withdraw_with_a_supervisor_and_cancel_changes_nothing(
    qtbot: QtBot, make_desk: Callable[..., Desk], open_panel: OpenPanel
) -> None:
    desk = make_desk()
    desk.add_staff()
    case = desk.accept(make_request(desk.catalog))
    desk.login(Role.WINDOW)
    panel = open_panel(desk)
    open_case(qtbot, panel, case.number)
    panel.detail_pane.withdraw_button.click()
    dialog = panel.case_actions.dialog
    assert isinstance(dialog, ConfirmActionDialog) and dialog.need_reason and dialog.need_supervisor
    dialog.cancel_button.click()
    qtbot.waitUntil(lambda: panel.case_actions.dialog is None, timeout=5000)
    assert desk.cases(lambda service, _store: service.get(case.number)).status is CaseStatus.ACCEPTED
    panel.detail_pane.withdraw_button.click()
    dialog = panel.case_actions.dialog
    assert isinstance(dialog, ConfirmActionDialog)
    dialog.reason_edit.setPlainText("申请人当场撤回")
    dialog.staff_edit.setText(SUPERVISOR[0])
    dialog.password_edit.setText(SUPERVISOR[2])
    succeed(qtbot, panel, dialog.confirm_button.click)
    assert desk.cases(lambda service, _store: service.get(case.number)).status is CaseStatus.WITHDRAWN


def test_terminate_overdue_cases(qtbot: QtBot, make_desk: Callable[..., Desk], open_panel: OpenPanel) -> None:
    desk = make_desk()
    today = desk.clock.now().date()
    overdue = desk.accept(make_request(desk.catalog, defer=True, deadline=today + timedelta(days=1)))
    # The latest 容缺 deadline leaves the department 2 of the 5 promised working days: Thursday 11-26.
    later = desk.accept(make_request(desk.catalog, defer=True, deadline=today + timedelta(days=3)))
    desk.clock.advance(days=3)
    desk.login(Role.SUPERVISOR)
    panel = open_panel(desk)
    panel.terminate_button.click()
    dialog = panel.case_actions.dialog
    assert isinstance(dialog, ConfirmActionDialog) and not dialog.need_supervisor
    assert "终止后不能恢复" in dialog._message.text()
    message = succeed(qtbot, panel, dialog.confirm_button.click)
    assert "已终止 1 件" in message
    statuses = desk.cases(lambda s, _store: {c.number: s.get(c.number).status for c in (overdue, later)})
    assert statuses == {overdue.number: CaseStatus.TERMINATED, later.number: CaseStatus.ACCEPTED_DEFICIENT}


def test_release_a_quarantined_case_and_sync_again(
    qtbot: QtBot, make_desk: Callable[..., Desk], open_panel: OpenPanel
) -> None:
    desk = make_desk(sync=deque())
    case = desk.accept(make_request(desk.catalog))
    with desk.store() as store:
        seq = store.events_for(case.number)[0].seq
        store.sync.quarantine(case.number, seq, "validation", "材料清单与目录版本不符")
    desk.login()
    panel = open_panel(desk)
    open_case(qtbot, panel, case.number)
    pane = panel.detail_pane
    assert pane.sync_label.text() == "隔离" and "材料清单与目录版本不符" in pane.sync_note.text()
    assert pane.events_model.lines[0].cells[3] == "隔离中，暂停上传"
    assert not pane.release_button.isHidden() and pane.release_button.isEnabled()
    assert desk.ctx.sync is not None
    with qtbot.waitSignal(desk.ctx.sync.sync_started, timeout=10_000):
        succeed(qtbot, panel, pane.release_button.click)
    qtbot.waitUntil(lambda: pane.sync_label.text() == "待上传", timeout=10_000)
    assert pane.release_button.isHidden()


def test_a_case_whose_number_another_device_took_says_what_to_do_and_is_not_released(
    qtbot: QtBot, make_desk: Callable[..., Desk], open_panel: OpenPanel
) -> None:
    """A quarantine that a retry cannot lift (sync/push.py: retry_helps False) is explained, and
    解除隔离 is disabled with the reason instead of releasing the case into the same refusal."""
    desk = make_desk(sync=deque())
    case = desk.accept(make_request(desk.catalog))
    with desk.store() as store:
        seq = store.events_for(case.number)[0].seq
        store.sync.quarantine(case.number, seq, "number_taken", "（平台的原话）", "taken", retry_helps=False)
    desk.login()
    panel = open_panel(desk)
    open_case(qtbot, panel, case.number)
    pane = panel.detail_pane
    note = pane.sync_note.text()
    assert pane.sync_label.text() == "隔离" and not pane.sync_note.isHidden()
    assert "另一台设备" in note and "重新受理" in note and "撤回本件" in note
    assert "点“解除隔离”" not in note, "a retry cannot help, so it is not offered"
    assert not pane.release_button.isHidden() and not pane.release_button.isEnabled()
    assert "重新受理" in pane.release_button.toolTip()
    # The desk refuses it too (a detail shown before the platform's answer, a stray call).
    with qtbot.waitSignal(panel.case_actions.action_failed, timeout=10_000) as failed:
        panel.case_actions.release(case.number)
    assert "重新受理" in str(failed.args[0])
    qtbot.waitUntil(lambda: not panel.case_actions.busy, timeout=5000)
    with desk.store() as store:
        held = store.sync.quarantine_of(case.number)
    assert held is not None and not held.retry_helps
    assert pane.withdraw_button.isEnabled(), "the withdraw the note asks for is there"
