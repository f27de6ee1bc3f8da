"""排队统计 in the window client (issue #14 item 5: "a view in the window client for a supervisor"),
against the real reference platform as the hall server: after tickets were served and rated a
supervisor's F6 shows the day's figures — the ones ``tongban queue stats`` computes — by any grouping
and exports the per-ticket CSV; ordinary window staff have no way in; offline it says the hall
server does not answer."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from core.clock import SystemClock
from core.queue.model import EventKind
from core.queue.rules import queue_event
from core.store.store import Store
from services.sandbox import EmbeddedPlatform
from sync.enrollment import client_for
from sync.queue_client import call_next, send_events, stats
from tests.window_client.conftest import AppFactory, logged_in
from tests.window_client.intake_steps import WAIT
from tests.window_client.test_queue_panel import MOTHER, WINDOW, panel_of, take

SUPERVISOR = ("supervisor01", "Supervisor01@2026")


def serve_one(platform: EmbeddedPlatform, kiosk: Path) -> None:
    """Two tickets; window 3 calls the first, serves it in 6 minutes, and the citizen rates it 5."""
    take(platform, kiosk, MOTHER)
    take(platform, kiosk)
    with Store.open(kiosk, clock=SystemClock()) as store, client_for(store) as client:
        called = call_next(client, 3, ["newborn"])
        assert called is not None
        done = SystemClock().now() + timedelta(minutes=6)
        send_events(
            client,
            [
                queue_event(called.ticket.id, EventKind.DONE, done.isoformat(), "w3", 3, case_number="C1"),
                queue_event(
                    called.ticket.id,
                    EventKind.RATED,
                    (done + timedelta(seconds=9)).isoformat(),
                    "pad",
                    None,
                    level=5,
                ),
            ],
        )


def test_ordinary_window_staff_have_no_way_to_the_figures(
    qtbot: QtBot, make_app: AppFactory, platform: EmbeddedPlatform
) -> None:
    app = make_app(platform=platform, config_changes=WINDOW)
    logged_in(qtbot, app)  # window01: 窗口人员
    main, _panel = panel_of(app)
    entry = main.queue_stats
    assert not entry.button.isVisible() and not entry.action.isEnabled()
    main.activateWindow()
    QTest.keyClick(main, Qt.Key.Key_F6)
    entry.open()
    assert entry.dialog is None


def test_a_supervisor_sees_the_days_figures_and_exports_the_csv(
    qtbot: QtBot, make_app: AppFactory, platform: EmbeddedPlatform, tmp_path: Path
) -> None:
    kiosk = tmp_path / "kiosk"
    serve_one(platform, kiosk)
    app = make_app(platform=platform, config_changes=WINDOW)
    logged_in(qtbot, app, *SUPERVISOR)
    main, _panel = panel_of(app)
    entry = main.queue_stats
    assert entry.button.isVisible() and entry.action.isEnabled()
    main.activateWindow()
    QTest.keyClick(main, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: entry.dialog is not None and entry.dialog.report is not None, timeout=WAIT)
    view = entry.dialog
    assert view is not None and view.isVisible()
    total = view.table.rowCount() - 1
    assert [view.table.item(total, c).text() for c in (0, 1, 2, 7, 8)] == ["全部", "2", "1", "1", "5.0"]
    assert "号票 2 张，已办结 1 张" in view.summary.text() and "没有超过" in view.late_label.text()
    main.grab().save(str(tmp_path / "main-supervisor.png"))
    view.grab().save("/tmp/hallsuper-stats-hour.png")

    view.by_combo.setCurrentIndex(view.by_combo.findData("window"))  # asks again at once
    qtbot.waitUntil(lambda: view.report is not None and view.report.stats.by == "window", timeout=WAIT)
    keys = [view.table.item(r, 0).text() for r in range(view.table.rowCount())]
    assert keys == ["未叫号", "3 号窗口", "全部"]  # "-" (never called) sorts first
    assert view.table.item(1, 5).text() in ("6.0", "5.9", "6.1")  # 3 号窗口 办理中位, minutes
    with Store.open(kiosk, clock=SystemClock()) as store, client_for(store) as client:
        assert view.report == stats(client, view.day, "window")  # what the hall server computes
    view.grab().save("/tmp/hallsuper-stats-window.png")

    view.export_button.click()
    dialog = view.export_dialog
    assert dialog is not None and dialog.isVisible()
    out = tmp_path / "export" / "tickets.csv"
    out.parent.mkdir()
    dialog.selectFile(str(out))
    dialog.accept()
    qtbot.waitUntil(lambda: "已导出 2 张号票" in view.status.text(), timeout=WAIT)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("number,lane,priority,service") and len(lines) == 3
    assert lines[1].startswith("A001,A,none,newborn") and ",done,C1,5" in lines[1]
    assert MOTHER.name not in out.read_text(encoding="utf-8") and MOTHER.id_number not in lines[1]

    platform.stop()
    view.refresh_button.click()
    qtbot.waitUntil(lambda: "大厅服务器没有应答" in view.status.text(), timeout=WAIT)
    assert view.report is None and view.table.rowCount() == 0 and not view.export_button.isEnabled()
    main.lock()
    assert not view.isVisible()
    entry.open()  # F6 behind the lock: nothing
    assert not view.isVisible()
