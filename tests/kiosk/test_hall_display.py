"""The hall display: the board's calls shown and each announced once; offline it keeps what it knew;
end to end, a window's call on the hall server reaches the screen through the long-poll the
display keeps outstanding, and closing the display does not wait for that poll."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from core.clock import SystemClock
from core.config import DeviceConfig, load_config, write_config
from core.errors import ValidationError
from core.queue.model import load_queue_rules
from core.store.store import Store
from kiosk.hall_display import HallDisplay, HallDisplayApp, announcement
from qtkit.scales import STANDARD
from sync.enrollment import client_for, enroll
from sync.queue_client import Board, BoardCall, call_next, take_ticket
from sync.server.config import PlatformConfig
from sync.server.runner import ThreadedPlatform
from sync.server.service import PlatformService
from tests.sync.server.platform_kit import new_code

CLOCK = SystemClock()


def _board(*calls: tuple[int, str, int], waiting: dict[str, int] | None = None) -> Board:
    listed = tuple(
        BoardCall(seq, number, window, "2026-12-07T09:00:00+08:00", False) for seq, number, window in calls
    )
    return Board(listed, waiting or {"A": 3, "V": 1, "Y": 0}, max((c[0] for c in calls), default=0))


def test_each_call_is_shown_and_announced_once(qtbot: QtBot, tmp_path: Path) -> None:
    display = HallDisplay("江宁区政务服务中心（演示）", STANDARD.colors)
    qtbot.addWidget(display)
    display.resize(1920, 1080)
    said = display.show_board(_board((1, "A001", 3), (2, "V001", 5)))
    assert said == ["请 A 0 0 1 号到 3 号窗口办理", "请 V 0 0 1 号到 5 号窗口办理"]
    assert display.current.text() == "请 V001 号\n到 5 号窗口办理"
    assert "综合受理：3 人" in display.waiting.text()
    assert display.show_board(_board((2, "V001", 5))) == []  # the same call again: not said twice
    assert display.show_board(_board((2, "V001", 5), (3, "A002", 6))) == [
        announcement(BoardCall(3, "A002", 6, "", False))
    ]
    display.show_offline()
    assert "以窗口叫号为准" in display.notice.text() and display.current.text().startswith("请 A002")
    display.grab().save(str(tmp_path / "hall-display.png"))


def test_the_halls_notices_take_turns_and_the_offline_notice_holds(qtbot: QtBot, tmp_path: Path) -> None:
    path = write_config(
        tmp_path / "tongban.toml",
        DeviceConfig(display_notices=("今日 17:00 停止取号", "本厅提供帮办代办服务")),
    )
    assert 'display_notices = ["今日 17:00 停止取号", "本厅提供帮办代办服务"]' in path.read_text(
        encoding="utf-8"
    )
    notices = load_config(path).display_notices
    display = HallDisplay("演示大厅", STANDARD.colors, notices=notices)
    qtbot.addWidget(display)
    assert display.notice.text() == "今日 17:00 停止取号" and display.notice_timer.isActive()
    display.next_notice()
    assert display.notice.text() == "本厅提供帮办代办服务"
    display.show_offline()
    display.next_notice()  # the hall server does not answer: that is what citizens must read
    assert "以窗口叫号为准" in display.notice.text()
    display.show_board(_board((1, "A001", 3), waiting={"A": 2, "Y": 1}))
    assert display.notice.text() == "今日 17:00 停止取号"
    # Lanes are named as the rules name them (assets/rules/queue.json), not by a second list.
    rules = {lane.id: lane.name for lane in load_queue_rules().lanes}
    assert display.waiting.text() == f"{rules['A']}：2 人\n{rules['Y']}：1 人"
    plain = HallDisplay("演示大厅", STANDARD.colors)
    qtbot.addWidget(plain)
    assert "请携带身份证件" in plain.notice.text() and not plain.notice_timer.isActive()
    path.write_text('display_notices = [""]\n', encoding="utf-8")
    with pytest.raises(ValidationError, match="display_notices"):
        load_config(path)
    path.write_text(f'display_notices = ["{"长" * 121}"]\n', encoding="utf-8")
    with pytest.raises(ValidationError, match="display_notices"):
        load_config(path)


@pytest.fixture
def hall(tmp_path: Path) -> Iterator[ThreadedPlatform]:
    config = PlatformConfig(db_path=tmp_path / "hall.db", dept_delay=(0.01, 0.03), seed=7)
    with ThreadedPlatform(PlatformService.build(config)) as running:
        yield running


def _enrolled(path: Path, hall: ThreadedPlatform, role: str, device_no: int) -> Path:
    config = DeviceConfig.demo(role=role, device_no=device_no)
    write_config(path / "tongban.toml", config)
    with Store.open(path, clock=CLOCK) as store:
        enroll(store, config, CLOCK, hall.url, new_code(hall))
    return path


def _parked(hall: ThreadedPlatform) -> bool:
    """A long-poll of the board is waiting on the hall server."""
    return len(hall.platform.queue.waiters) == 1


def test_a_window_call_reaches_the_display(qtbot: QtBot, tmp_path: Path, hall: ThreadedPlatform) -> None:
    display_dir = _enrolled(tmp_path / "display", hall, "display", 201)
    window_dir = _enrolled(tmp_path / "window", hall, "window", 5)
    display = HallDisplay("演示大厅", STANDARD.colors)
    qtbot.addWidget(display)
    app = HallDisplayApp(display, display_dir, CLOCK)
    app.start()
    try:
        with Store.open(window_dir, clock=CLOCK) as store, client_for(store) as client:
            take_ticket(client, service="newborn", service_name="出生")
            qtbot.waitUntil(lambda: "综合受理：1 人" in display.waiting.text(), timeout=10_000)
            qtbot.waitUntil(lambda: _parked(hall), timeout=10_000)  # the display's poll waits
            assert call_next(client, 5, ["newborn"]) is not None
        qtbot.waitUntil(lambda: "A001" in display.current.text(), timeout=10_000)
        assert display.state.announced > 0 and "综合受理：0 人" in display.waiting.text()
    finally:
        app.stop()
        hall.stop()  # answers the display's parked poll: its thread ends, then its collector
        qtbot.waitUntil(lambda: not app.collector.started, timeout=10_000)


def test_closing_the_display_does_not_wait_for_its_outstanding_poll(
    qtbot: QtBot, tmp_path: Path, hall: ThreadedPlatform
) -> None:
    display_dir = _enrolled(tmp_path / "display", hall, "display", 201)
    display = HallDisplay("演示大厅", STANDARD.colors)
    qtbot.addWidget(display)
    app = HallDisplayApp(display, display_dir, CLOCK)
    app.start()
    qtbot.waitUntil(lambda: _parked(hall), timeout=10_000)
    app.stop()
    assert _parked(hall)  # stop returned with the poll still outstanding on the server
    # ... and while its thread runs, garbage is still collected on the GUI thread only
    assert app.collector.started
    before = display.notice.text()
    hall.stop()  # the server answers the parked poll; the stopped display shows nothing more
    qtbot.waitUntil(lambda: not app.collector.started, timeout=10_000)
    assert display.notice.text() == before and not display.state.calls


def test_the_display_says_so_when_the_hall_server_does_not_answer(
    qtbot: QtBot, tmp_path: Path, hall: ThreadedPlatform
) -> None:
    display_dir = _enrolled(tmp_path / "display", hall, "display", 201)
    hall.stop()
    display = HallDisplay("演示大厅", STANDARD.colors)
    qtbot.addWidget(display)
    app = HallDisplayApp(display, display_dir, CLOCK)
    app.start()
    try:
        qtbot.waitUntil(lambda: "暂时连接不上" in display.notice.text(), timeout=10_000)
    finally:
        app.stop()
    qtbot.waitUntil(lambda: not app.collector.started, timeout=10_000)
