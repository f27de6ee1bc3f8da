"""叫号 at the window (issue #14 item 2), against the real reference platform as the hall server:
a ticket taken by ID card is called with F5 and pre-fills the intake; the accepted case's number
reaches the hall server with DONE and the citizen's rating with RATED; 重呼, 过号 and 转窗口 are
recorded; with the hall server down a scanned ticket is called alone and its steps reach the server
once it is back."""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from core.clock import SystemClock
from core.config import CONFIG_NAME, DeviceConfig, load_config, write_config
from core.errors import ValidationError
from core.flows.intake import Step
from core.queue.model import Applicant, Ticket, TicketStatus
from core.queue.paper import ticket_qr_payload
from core.store.store import Store
from services.sandbox import CARDS_NAME, EmbeddedPlatform, demo_config, enroll_device
from sync.enrollment import client_for
from sync.queue_client import take_ticket, ticket
from tests.window_client.conftest import AppFactory, logged_in
from tests.window_client.intake_steps import WAIT, collect_materials, form_sign_accept, identify_and_choose
from window_client.app import WindowApp
from window_client.main_window import MainWindow
from window_client.queue.panel import QueuePanel

MOTHER = Applicant("林晓雨", "320115199003070043", "1990-03-07", "女")  # the demo reader's card
WINDOW = {"window_no": 5, "queue_services": ["newborn"]}


def take(platform: EmbeddedPlatform, data: Path, applicant: Applicant | None = None) -> Ticket:
    """A kiosk (its own data folder, enrolled once) takes a newborn ticket from the hall server."""
    if not (data / CONFIG_NAME).exists():
        enroll_device(data, platform, demo_config(data, role="kiosk"))
    with Store.open(data, clock=SystemClock()) as store, client_for(store) as client:
        birth = date.fromisoformat(applicant.birth_date) if applicant else None
        issued = take_ticket(
            client,
            service="newborn",
            service_name="新生儿出生“一件事”",
            applicant=applicant,
            birth_date=birth,
        )
    return issued.ticket


def status_on(platform: EmbeddedPlatform, kiosk: Path, ticket_id: str) -> tuple[TicketStatus, int | None]:
    """The ticket's state as the hall server folds it (a step it could not apply changes nothing)."""
    with Store.open(kiosk, clock=SystemClock()) as store, client_for(store) as client:
        called = ticket(client, ticket_id)
    return called.status, called.window


def events_on(platform: EmbeddedPlatform, ticket_id: str) -> list[tuple[str, int | None, dict[str, Any]]]:
    """The (kind, window, data) of a ticket's events the hall server holds, in arrival order."""
    with sqlite3.connect(f"file:{platform.db}?mode=ro", uri=True) as db:
        rows = db.execute(
            "SELECT kind, window, data FROM queue_events WHERE ticket_id = ? ORDER BY seq", [ticket_id]
        ).fetchall()
    return [(kind, window, json.loads(data)) for kind, window, data in rows]


def kinds_on(platform: EmbeddedPlatform, ticket_id: str) -> list[str]:
    return [kind for kind, _w, _d in events_on(platform, ticket_id)]


def panel_of(app: WindowApp) -> tuple[MainWindow, QueuePanel]:
    main = app.main_window
    assert main is not None and main.queue is not None
    return main, main.queue


def test_window_config_round_trips(tmp_path: Path) -> None:
    path = write_config(
        tmp_path / CONFIG_NAME, DeviceConfig(window_no=5, queue_services=("newborn", "retirement"))
    )
    text = path.read_text(encoding="utf-8")
    assert "window_no = 5" in text and 'queue_services = ["newborn", "retirement"]' in text
    loaded = load_config(path)
    assert loaded.window_no == 5 and loaded.queue_services == ("newborn", "retirement")
    assert load_config(tmp_path / "none.toml").window_no == 0  # no number: no queue panel
    path.write_text("window_no = 1000\n", encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        load_config(path)
    assert "window_no" in caught.value.message
    path.write_text('queue_services = ["newborn", 3]\n', encoding="utf-8")
    with pytest.raises(ValidationError, match="queue_services"):
        load_config(path)


def test_f5_prefills_the_intake_and_the_case_and_rating_reach_the_ticket(
    qtbot: QtBot, make_app: AppFactory, platform: EmbeddedPlatform, tmp_path: Path
) -> None:
    ticket = take(platform, tmp_path / "kiosk", MOTHER)
    reader = f"sim:{tmp_path / 'data' / CARDS_NAME}?card=none&cycle=0"  # no card until placed
    app = make_app(platform=platform, config_changes=WINDOW, reader=reader)
    d = logged_in(qtbot, app)
    assert not d.flow.applicant.get("name")
    main, panel = panel_of(app)
    main.grab().save(str(tmp_path / "queue-panel-empty.png"))
    main.call_action.trigger()  # F5
    qtbot.waitUntil(lambda: panel.current is not None, timeout=WAIT)
    assert panel.current is not None and panel.current.number == ticket.number
    assert ticket.number in panel.ticket_label.text() and "新生儿出生" in panel.ticket_label.text()
    assert d.flow.applicant.get("name") == "林晓雨" and d.flow.applicant.get("id_number") == MOTHER.id_number
    assert d.flow.applicant_source == "typed" and "Ctrl+N" not in panel.status.toolTip()
    main.grab().save("/tmp/qwindow-called.png")
    assert kinds_on(platform, ticket.id) == ["issued", "called"]

    d.place_card(0)  # staff read the card to verify: the same person, now from the card
    qtbot.waitUntil(lambda: d.flow.applicant_source == "id_card", timeout=WAIT)
    assert kinds_on(platform, ticket.id) == ["issued", "called"]  # not serving before staff go on
    identify_and_choose(qtbot, d)  # then on: SERVING
    qtbot.waitUntil(lambda: "serving" in kinds_on(platform, ticket.id), timeout=WAIT)
    collect_materials(qtbot, d, online=True)
    form_sign_accept(qtbot, d)
    case = d.flow.case
    assert case is not None
    qtbot.waitUntil(lambda: "done" in kinds_on(platform, ticket.id), timeout=WAIT)
    done = [data for kind, window, data in events_on(platform, ticket.id) if kind == "done"]
    assert done == [{"case_number": case.number}]
    assert panel.current is None

    qtbot.waitUntil(lambda: d.evaluation_panel() is not None, timeout=WAIT)
    d.click(d.evaluation_panel().buttons[5])  # type: ignore[union-attr]  # 非常满意
    qtbot.waitUntil(lambda: "rated" in kinds_on(platform, ticket.id), timeout=WAIT)
    rated = [data for kind, _w, data in events_on(platform, ticket.id) if kind == "rated"]
    assert rated == [{"level": 5}]
    assert kinds_on(platform, ticket.id) == ["issued", "called", "serving", "done", "rated"]

    # The hall manager's numbers join the ticket, its case and its rating (tongban queue stats).
    out = tmp_path / "tickets.csv"
    stats = subprocess.run(
        [
            sys.executable,
            "-m",
            "core.cli.main",
            "queue",
            "stats",
            "--db",
            str(platform.db),
            "--csv",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
    )
    assert stats.returncode == 0, stats.stderr
    rows = {row["number"]: row for row in csv.DictReader(out.read_text(encoding="utf-8").splitlines())}
    row = rows[ticket.number]
    assert (row["status"], row["window"], row["case_number"], row["rating"]) == (
        "done",
        "5",
        case.number,
        "5",
    )


def test_recall_skip_transfer_and_pause_are_recorded(
    qtbot: QtBot, make_app: AppFactory, platform: EmbeddedPlatform, tmp_path: Path
) -> None:
    first, second = take(platform, tmp_path / "kiosk"), take(platform, tmp_path / "kiosk")
    app = make_app(platform=platform, config_changes=WINDOW)
    logged_in(qtbot, app)
    main, panel = panel_of(app)
    panel.toggle_pause()
    assert not panel.call_button.isEnabled()
    main.call_action.trigger()
    assert panel.current is None and not panel.busy  # paused: no call
    panel.toggle_pause()
    main.activateWindow()
    QTest.keyClick(main, Qt.Key.Key_F5)  # the key itself
    qtbot.waitUntil(lambda: panel.current is not None, timeout=WAIT)
    assert panel.current is not None and panel.current.ticket_id == first.id
    panel.recall_button.click()
    panel.skip_button.click()
    assert panel.current is None
    qtbot.waitUntil(
        lambda: kinds_on(platform, first.id) == ["issued", "called", "recalled", "skipped"], timeout=WAIT
    )
    assert status_on(platform, tmp_path / "kiosk", first.id) == (TicketStatus.NO_SHOW, None)
    main.call_action.trigger()
    qtbot.waitUntil(lambda: panel.current is not None and panel.current.ticket_id == second.id, timeout=WAIT)
    panel.transfer_button.click()
    assert panel.transfer_dialog is not None and panel.transfer_dialog.isVisible()
    panel.transfer_dialog.setIntValue(7)
    panel.transfer_dialog.accept()
    qtbot.waitUntil(lambda: "transferred" in kinds_on(platform, second.id), timeout=WAIT)
    moved = [data for kind, _w, data in events_on(platform, second.id) if kind == "transferred"]
    assert moved == [{"to_window": 7}] and panel.current is None
    assert status_on(platform, tmp_path / "kiosk", second.id) == (TicketStatus.WAITING, None)

    # The skipped citizen comes back with the ticket: scanned, it returns once and is called here.
    panel.scan.setText(ticket_qr_payload(first))
    panel.scan.returnPressed.emit()
    qtbot.waitUntil(lambda: panel.current is not None and panel.current.ticket_id == first.id, timeout=WAIT)
    qtbot.waitUntil(lambda: kinds_on(platform, first.id)[-2:] == ["returned", "called"], timeout=WAIT)
    assert status_on(platform, tmp_path / "kiosk", first.id) == (TicketStatus.CALLED, 5)
    panel.skip()
    qtbot.waitUntil(
        lambda: status_on(platform, tmp_path / "kiosk", first.id)[0] is TicketStatus.NO_SHOW, timeout=WAIT
    )


def test_an_intake_in_progress_is_never_given_to_the_called_ticket(
    qtbot: QtBot, make_app: AppFactory, platform: EmbeddedPlatform, tmp_path: Path
) -> None:
    ticket = take(platform, tmp_path / "kiosk", MOTHER)
    reader = f"sim:{tmp_path / 'data' / CARDS_NAME}?card=none&cycle=0"
    app = make_app(platform=platform, config_changes=WINDOW, reader=reader)
    d = logged_in(qtbot, app)
    main, panel = panel_of(app)
    d.flow.set_applicant_field("name", "张三")  # the citizen before, not finished
    earlier = d.flow
    main.call_action.trigger()
    qtbot.waitUntil(lambda: panel.current is not None, timeout=WAIT)
    assert d.flow is earlier and d.flow.applicant.get("name") == "张三"
    assert "Ctrl+N" in panel.status.toolTip()
    d.next()  # the earlier intake goes on: not the ticket's service
    assert kinds_on(platform, ticket.id) == ["issued", "called"]
    main.new_intake()
    main.new_intake()  # the second press discards the earlier intake
    assert d.flow is not earlier
    assert d.flow.applicant.get("name") == "林晓雨" and d.flow.applicant.get("id_number") == MOTHER.id_number
    page = d.intake.pages[Step.APPLICANT]
    assert page.edits["name"].text() == "林晓雨"  # type: ignore[attr-defined]


def test_offline_scan_calls_alone_and_the_steps_reach_the_server_once(
    qtbot: QtBot, make_app: AppFactory, platform: EmbeddedPlatform, tmp_path: Path
) -> None:
    ticket = take(platform, tmp_path / "kiosk", MOTHER)
    app = make_app(platform=platform, config_changes=WINDOW)
    logged_in(qtbot, app)
    main, panel = panel_of(app)
    platform.stop()
    main.call_action.trigger()
    qtbot.waitUntil(lambda: "连不上" in panel.status.toolTip(), timeout=WAIT)
    assert main.width() <= 1366
    assert panel.current is None
    panel.scan.setText(ticket.number.lower())  # a typed number: only the hall server can resolve it
    panel.scan.returnPressed.emit()
    qtbot.waitUntil(lambda: "叫号系统离线，请扫描号票上的二维码" in panel.status.toolTip(), timeout=WAIT)
    assert panel.current is None and not panel.busy and panel.offline_steps == 0
    panel.scan.setText("不是号码")
    panel.scan.returnPressed.emit()
    assert "不是排队号" in panel.status.toolTip()
    panel.scan.setText(ticket_qr_payload(ticket))
    panel.scan.returnPressed.emit()
    qtbot.waitUntil(lambda: panel.current is not None, timeout=WAIT)
    assert panel.current is not None and panel.current.number == ticket.number
    qtbot.waitUntil(lambda: panel.offline_steps == 1, timeout=WAIT)
    assert "离线" in panel.status.toolTip()
    main.grab().save("/tmp/qwindow-offline.png")
    panel.recall_button.click()
    qtbot.waitUntil(lambda: panel.offline_steps == 2, timeout=WAIT)
    main.status_panel.refresh()  # the status bar counts the steps waiting for the hall server
    qtbot.waitUntil(lambda: "叫号记录待上传 2 条" in main.status_panel.attention_label.text(), timeout=WAIT)

    platform.start()
    assert app.sync is not None
    app.sync.sync_now()
    qtbot.waitUntil(lambda: kinds_on(platform, ticket.id) == ["issued", "called", "recalled"], timeout=60_000)
    app.sync.sync_now()  # another round: nothing sent twice
    qtbot.wait(500)
    assert kinds_on(platform, ticket.id) == ["issued", "called", "recalled"]
    assert status_on(platform, tmp_path / "kiosk", ticket.id) == (TicketStatus.CALLED, 5)
    main.status_panel.refresh()
    qtbot.waitUntil(lambda: "叫号记录" not in main.status_panel.attention_label.text(), timeout=WAIT)
