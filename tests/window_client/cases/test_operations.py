"""What changed reaches the screens through ctx.operations: the intake's acceptance and a sync round reload the desk and the done page."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from core.cases.model import Case
from services.changes import Changes
from tests.sync_samples import sync_report
from tests.window_client.cases.kit import Desk, make_request
from window_client.cases import CaseDeskPanel
from window_client.intake.screen import IntakeScreen

WAIT = 10_000
OpenPanel = Callable[[Desk], CaseDeskPanel]
OFFICIAL = "JS-2026-000123"


def intake_screen(qtbot: QtBot, desk: Desk) -> IntakeScreen:
    screen = IntakeScreen(desk.ctx, second_screen=False)
    qtbot.addWidget(screen)
    return screen


def accept_at(qtbot: QtBot, screen: IntakeScreen, panel: CaseDeskPanel, desk: Desk) -> Case:
    """Accept a case through the intake's Acceptance; the desk (no window around them) lists it."""
    with qtbot.waitSignal(panel.results_shown, timeout=WAIT, check_params_cb=lambda rows: rows == 1):
        screen.acceptance.accept(make_request(desk.catalog))
    case = screen.flow.case
    assert case is not None and screen.done_page.case == case
    return case


def test_a_case_accepted_at_the_intake_reloads_the_desk_through_the_hub(
    qtbot: QtBot, make_desk: Callable[..., Desk], open_panel: OpenPanel
) -> None:
    desk = make_desk()
    desk.login()
    panel = open_panel(desk)
    assert panel.model.rowCount() == 0
    screen = intake_screen(qtbot, desk)
    said: list[tuple[Changes, object]] = []
    desk.ctx.operations.operation_did_execute.connect(lambda changes, by: said.append((changes, by)))
    case = accept_at(qtbot, screen, panel, desk)
    assert panel.model.rowCount() == 1
    assert said[0] == (Changes.of_case(case), screen.acceptance), "the intake said what it changed"


def test_a_round_that_pulled_results_reloads_the_done_page_and_the_desk_once(
    qtbot: QtBot, make_desk: Callable[..., Desk], open_panel: OpenPanel, monkeypatch: pytest.MonkeyPatch
) -> None:
    pushed = sync_report(ok=True, pushed=1, acked=1)
    pulled = sync_report(ok=True, pulled_updates=2, applied_updates=2)
    desk = make_desk(sync=deque([pushed, pulled]))
    bridge = desk.ctx.sync
    assert bridge is not None
    desk.login()
    panel = open_panel(desk)
    screen = intake_screen(qtbot, desk)
    reloads: list[Case] = []
    screen.acceptance.reloaded.connect(reloads.append)
    refreshes: list[str] = []
    refresh = panel.refresh

    def counted_refresh() -> None:
        refreshes.append("refresh")
        refresh()

    monkeypatch.setattr(panel, "refresh", counted_refresh)
    said: list[object] = []
    desk.ctx.operations.operation_did_execute.connect(lambda _changes, by: said.append(by))
    with qtbot.waitSignal(bridge.sync_finished, timeout=WAIT):  # the intake asks for a round at once
        case = accept_at(qtbot, screen, panel, desk)
    qtbot.waitUntil(lambda: desk.ctx.runner.pending == 0 and not bridge.running, timeout=WAIT)
    assert reloads == [], "neither its own acceptance nor a round that only pushed changes the done page"

    def department_answers(service, store) -> None:  # type: ignore[no-untyped-def]  # what the pull writes
        service.dispatch(case.number, receipt="receipt-dispatch")
        service.bind_official_number(case.number, OFFICIAL, receipt="receipt-official")

    desk.cases(department_answers)
    refreshes.clear()
    said.clear()
    with qtbot.waitSignal(screen.acceptance.reloaded, timeout=WAIT):
        assert bridge.sync_now()
    qtbot.waitUntil(lambda: desk.ctx.runner.pending == 0 and not bridge.running, timeout=WAIT)
    assert [c.official_number for c in reloads] == [OFFICIAL]
    assert OFFICIAL in screen.done_page.upload.text()
    assert said == [bridge], "one notification for the round"
    assert refreshes == ["refresh"], "the desk read its list again, once"
