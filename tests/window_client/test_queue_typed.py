"""Calling by a typed number at the window (issue #14 item 4: "windows call by scanning or typing
the ticket"), against the real reference platform as the hall server: the number the citizen shows
(typed any way: ``ａ００２``) is found on the hall server and called here with the scan path's events;
an unknown number, or one another window has, is named and nothing is recorded."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from core.clock import SystemClock
from core.queue.model import TicketStatus
from core.store.store import Store
from services.sandbox import EmbeddedPlatform
from sync.enrollment import client_for
from sync.queue_client import call_next
from tests.window_client.conftest import AppFactory, logged_in
from tests.window_client.intake_steps import WAIT
from tests.window_client.test_queue_panel import MOTHER, WINDOW, kinds_on, panel_of, status_on, take


def test_a_typed_number_is_called_here_and_one_elsewhere_or_unknown_is_named(
    qtbot: QtBot, make_app: AppFactory, platform: EmbeddedPlatform, tmp_path: Path
) -> None:
    kiosk = tmp_path / "kiosk"
    first, second = take(platform, kiosk), take(platform, kiosk, MOTHER)
    assert (first.number, second.number) == ("A001", "A002")
    app = make_app(platform=platform, config_changes=WINDOW)
    d = logged_in(qtbot, app)
    _main, panel = panel_of(app)

    panel.scan.setText(" ａ００２ ")  # full-width and lower case, as an IME gives it
    panel.scan.returnPressed.emit()
    qtbot.waitUntil(lambda: panel.current is not None, timeout=WAIT)
    assert panel.current is not None and panel.current.ticket_id == second.id and panel.scan.text() == ""
    qtbot.waitUntil(lambda: kinds_on(platform, second.id) == ["issued", "called"], timeout=WAIT)
    assert status_on(platform, kiosk, second.id) == (TicketStatus.CALLED, 5)
    assert d.flow.applicant.get("name") == MOTHER.name  # pre-filled as from F5
    assert kinds_on(platform, first.id) == ["issued"]  # the one before it was not called

    panel.scan.setText("A099")
    panel.scan.returnPressed.emit()
    qtbot.waitUntil(lambda: "今天没有 A099 号的号票" in panel.status.toolTip(), timeout=WAIT)
    assert panel.current is not None and panel.current.ticket_id == second.id and not panel.busy

    with Store.open(kiosk, clock=SystemClock()) as store, client_for(store) as client:
        elsewhere = call_next(client, 7, ["newborn"])  # window 7 calls A001
    assert elsewhere is not None and elsewhere.ticket.id == first.id
    panel.scan.setText("A001")
    panel.scan.returnPressed.emit()
    qtbot.waitUntil(lambda: "7 号窗口" in panel.status.toolTip(), timeout=WAIT)
    assert "A001" in panel.status.toolTip() and panel.current.ticket_id == second.id
    assert kinds_on(platform, first.id) == ["issued", "called"]  # window 7's call only
    assert status_on(platform, kiosk, first.id) == (TicketStatus.CALLED, 7)

    panel.scan.setText("A02")  # not a number: said at once, nothing asked
    panel.scan.returnPressed.emit()
    assert "不是排队号" in panel.status.toolTip() and not panel.busy
