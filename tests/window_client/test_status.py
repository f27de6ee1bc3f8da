"""StatusBarPanel: outbox counts from the store worker, online/offline, sync progress, persisted errors, devices."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import Any

from pytestqt.qtbot import QtBot

from tests.sync_samples import sync_report
from tests.window_client.cases.kit import Desk, make_request
from window_client.dialogs.device_test import DeviceTestDialog
from window_client.status import StatusBarPanel


def shown(qtbot: QtBot, desk: Desk, **options: Any) -> StatusBarPanel:
    panel = StatusBarPanel(desk.ctx, **options)
    qtbot.addWidget(panel)
    panel.resize(1366, 48)
    with qtbot.waitSignal(panel.counts_refreshed, timeout=10_000):
        panel.show()
    return panel


def test_not_enrolled_says_so_and_still_counts_the_outbox(
    qtbot: QtBot, make_desk: Callable[..., Desk]
) -> None:
    desk = make_desk()
    desk.accept(make_request(desk.catalog))
    panel = shown(qtbot, desk)
    assert panel.enrolment_label.isVisible() and "未登记平台" in panel.enrolment_label.text()
    assert not panel.sync_widget.isVisible()
    assert panel.outbox_label.text().startswith("待上传 1 条")
    assert panel.counts is not None and panel.counts.pending == 1


def test_pending_counts_online_state_and_progress(qtbot: QtBot, make_desk: Callable[..., Desk]) -> None:
    desk = make_desk(sync=deque())
    for _ in range(2):
        desk.accept(make_request(desk.catalog))
    panel = shown(qtbot, desk)
    widget = panel.sync_widget
    assert widget.isVisible() and not panel.enrolment_label.isVisible()
    assert widget.pending_text() == "待上传 2 条"
    bridge = desk.ctx.sync
    assert bridge is not None
    bridge.online_changed.emit(False)
    assert widget.online_text() == "离线（数据已保存在本机）"
    bridge.online_changed.emit(True)
    assert widget.online_text() == "在线"
    bridge.sync_started.emit()
    bridge.sync_progress.emit(1, 4, 0, 0)
    assert widget.progress_bar.isVisible() and widget.progress_bar.maximum() == 4
    assert widget.progress_bar.value() == 1 and widget.progress_text() == "正在同步 1/4"
    assert not widget.sync_button.isEnabled(), "no second round while one runs"

    with desk.store() as store:  # the platform acknowledged the first case's events
        store.mark_acked([e.seq for e in store.pending_events()][:1], "receipt-1")
    with qtbot.waitSignal(panel.counts_refreshed, timeout=10_000) as refreshed:
        bridge.sync_finished.emit(sync_report(ok=True, pending=1))
    assert refreshed.args[0].pending == 1
    assert widget.pending_text() == "待上传 1 条" and not widget.progress_bar.isVisible()
    assert widget.last_sync_text() == "上次同步：09:30"


def test_the_sync_button_starts_a_round_and_counts_follow(
    qtbot: QtBot, make_desk: Callable[..., Desk]
) -> None:
    desk = make_desk(sync=deque([sync_report(ok=True, pending=0)]))
    desk.accept(make_request(desk.catalog))
    panel = shown(qtbot, desk)
    assert desk.ctx.sync is not None
    progress: list[tuple[int, int]] = []
    desk.ctx.sync.sync_progress.connect(lambda done, total, _b, _bt: progress.append((done, total)))
    with qtbot.waitSignal(panel.counts_refreshed, timeout=10_000):
        panel.sync_widget.sync_button.click()
    assert progress and progress[-1] == (2, 2)
    assert panel.sync_widget.sync_button.isEnabled()


def test_the_last_error_is_read_from_the_store_in_plain_chinese(
    qtbot: QtBot, make_desk: Callable[..., Desk]
) -> None:
    desk = make_desk(sync=deque())
    case = desk.accept(make_request(desk.catalog))
    with desk.store() as store:
        store.sync.record_attempt()
        store.sync.record_failure("unreachable", "连不上省级平台，请检查网络", "connection refused")
        store.sync.quarantine(case.number, 1, "validation", "材料不符")
        store.sync.flag_rework(case.number, "2026.2", "请补充材料", desk.clock.now().isoformat())
    panel = shown(qtbot, desk)
    assert panel.sync_widget.last_sync_text() == "上次同步未成功：连不上省级平台，请检查网络"
    assert panel.attention_label.isVisible()
    assert panel.attention_label.text() == "隔离 1 件，需返工 1 件"
    desk.clock.advance(minutes=5)
    with desk.store() as store:
        store.sync.release(case.number)
        store.sync.clear_rework(case.number)
        store.sync.record_attempt()
        store.sync.record_success()
    with qtbot.waitSignal(panel.counts_refreshed, timeout=10_000):
        panel.refresh()
    assert panel.sync_widget.last_sync_text() == "上次同步：09:35"
    assert not panel.attention_label.isVisible()


def test_counts_follow_a_timer_while_shown(qtbot: QtBot, make_desk: Callable[..., Desk]) -> None:
    desk = make_desk()
    panel = shown(qtbot, desk, refresh_ms=50)
    desk.accept(make_request(desk.catalog))
    qtbot.waitUntil(lambda: panel.counts is not None and panel.counts.pending == 1, timeout=10_000)
    panel.hide()
    panel.stop()


def test_clicking_a_device_opens_its_test_panel(qtbot: QtBot, make_desk: Callable[..., Desk]) -> None:
    desk = make_desk()
    panel = shown(qtbot, desk)
    button = panel.device_widget.button("printer")
    assert button.accessibleName().startswith("小票打印机")
    button.click()
    dialog = panel.dialog("printer")
    assert isinstance(dialog, DeviceTestDialog) and dialog.isVisible() and dialog.role == "printer"
    dialog.close_button.click()
    qtbot.waitUntil(lambda: panel.dialog("printer") is None, timeout=5000)
