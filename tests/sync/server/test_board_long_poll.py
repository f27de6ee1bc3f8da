"""The hall display's long-poll of the board (``GET /queue/board?since=N&wait=S``), over real HTTP on
127.0.0.1: answered at once when something is newer, else when a window calls during the wait; a
wait out of range refused in Chinese; a stopping server answers its waiters instead of hanging;
the display's poller (sync/board_poll.py) delivers a call made while its poll is outstanding."""

from __future__ import annotations

import queue
import threading
import uuid
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from core.queue.model import EventKind, Priority, load_queue_rules
from core.queue.rules import new_ticket, queue_event
from sync.board_poll import BoardPoller
from sync.client import PlatformClient
from sync.errors import SyncPermanentError, SyncTransientError
from sync.queue_client import P_BOARD, Board, board, call_next, send_events, take_ticket
from sync.server.runner import ThreadedPlatform
from tests.sync.server.platform_kit import Device, Factory, new_code, wait_for

TIMEOUT = (1.0, 5.0)


def _client(platform: ThreadedPlatform, device: Device) -> PlatformClient:
    return PlatformClient(platform.url, device_id=device.device_id, secret=device.secret, timeout=TIMEOUT)


def _waiting_polls(platform: ThreadedPlatform) -> int:
    return len(platform.platform.queue.waiters)


def _poll_in_thread(client: PlatformClient, since: int, wait: int) -> tuple[threading.Thread, list[object]]:
    got: list[object] = []

    def poll() -> None:
        try:
            got.append(board(client, since, wait=wait))
        except Exception as exc:  # the test reads it
            got.append(exc)

    thread = threading.Thread(target=poll, name="test-long-poll")
    thread.start()
    return thread, got


def test_a_long_poll_answers_at_once_when_a_newer_call_exists(
    platform: ThreadedPlatform, enrolled: Callable[..., Device]
) -> None:
    with _client(platform, enrolled()) as client:
        take_ticket(client, service="newborn", service_name="出生")
        before = board(client).cursor
        called = call_next(client, 4, ["newborn"])
        assert called is not None
        # A read timeout far below the 25 s asked: had the server waited, this would time out.
        answer = client.request_json("GET", f"{P_BOARD}?since={before}&wait=25", timeout=(1.0, 5.0))
        assert [(c["number"], c["window"]) for c in answer["calls"]] == [("A001", 4)]
        assert _waiting_polls(platform) == 0
        # A display ahead of the server (a cursor from a database since restored) is answered
        # at once too, with the cursor to go on from.
        ahead = client.request_json("GET", f"{P_BOARD}?since=999999&wait=25", timeout=(1.0, 5.0))
        assert ahead["cursor"] == answer["cursor"]


def test_a_long_poll_waits_and_returns_the_call_made_meanwhile(
    platform: ThreadedPlatform, enrolled: Callable[..., Device]
) -> None:
    display, window = _client(platform, enrolled()), _client(platform, enrolled())
    with display, window:
        take_ticket(window, service="newborn", service_name="出生")
        take_ticket(window, service="newborn", service_name="出生")
        first = call_next(window, 7, ["newborn"])
        assert first is not None
        cursor = board(display).cursor
        thread, got = _poll_in_thread(display, cursor, 25)
        wait_for(lambda: _waiting_polls(platform) == 1)  # the poll is parked on the server
        assert call_next(window, 7, ["retirement"]) is None  # nothing for this window: no change
        at = platform.platform.clock.now().isoformat()
        assert send_events(window, [queue_event(first.ticket.id, EventKind.SERVING, at, "w7", 7)]) == {}
        assert _waiting_polls(platform) == 1 and not got  # a step at the window: not on the board
        assert board(display).cursor == cursor
        assert call_next(window, 7, ["newborn"]) is not None
        thread.join(20)
        (answer,) = got
        assert isinstance(answer, Board)
        assert [(c.number, c.window) for c in answer.calls] == [("A002", 7)] and answer.cursor > cursor


def test_a_long_poll_with_nothing_new_answers_the_unchanged_board_when_the_wait_is_up(
    platform: ThreadedPlatform, enrolled: Callable[..., Device]
) -> None:
    with _client(platform, enrolled()) as client:
        take_ticket(client, service="newborn", service_name="出生")
        cursor = board(client).cursor
        answer = board(client, cursor, wait=1)
        assert answer.calls == () and answer.cursor == cursor and answer.waiting["A"] == 1


def test_a_display_that_goes_away_leaves_no_poll_waiting(
    platform: ThreadedPlatform, enrolled: Callable[..., Device]
) -> None:
    with _client(platform, enrolled()) as client:
        cursor = board(client).cursor
        with pytest.raises(SyncTransientError):  # gives up long before the 25 s it asked for
            client.request_json("GET", f"{P_BOARD}?since={cursor}&wait=25", timeout=(1.0, 0.5))
        wait_for(lambda: _waiting_polls(platform) == 0)  # the closed connection freed its waiter


@pytest.mark.parametrize("wait", ["26", "-1", "ten", "1.5"])
def test_a_wait_out_of_range_is_refused_in_chinese(
    platform: ThreadedPlatform, enrolled: Callable[..., Device], wait: str
) -> None:
    with _client(platform, enrolled()) as client, pytest.raises(SyncPermanentError) as refused:
        client.request_json("GET", f"{P_BOARD}?since=0&wait={wait}")
    assert refused.value.message == "查询参数 wait 应为整数（0–25）。"


def test_a_stopping_server_answers_its_waiting_polls(platform_factory: Factory) -> None:
    hall = platform_factory()
    device = Device(hall.url, uuid.uuid4().hex)
    assert device.enroll(new_code(hall)).status_code == 200
    with _client(hall, device) as client:
        cursor = board(client).cursor
        thread, got = _poll_in_thread(client, cursor, 25)
        wait_for(lambda: _waiting_polls(hall) == 1)
        hall.stop()
        thread.join(20)
    # Answered (the board as it was), not cut off by uvicorn's graceful-shutdown timeout.
    (answer,) = got
    assert isinstance(answer, Board) and answer.cursor == cursor and answer.calls == ()


def test_the_poller_delivers_a_call_made_while_its_poll_is_outstanding(
    platform: ThreadedPlatform, enrolled: Callable[..., Device]
) -> None:
    display, window = enrolled(), _client(platform, enrolled())
    boards: queue.SimpleQueue[Board] = queue.SimpleQueue()
    errors: list[BaseException] = []
    poller = BoardPoller(lambda: _client(platform, display), boards.put, errors.append, wait_s=20)
    poller.start()
    try:
        assert boards.get(timeout=10).calls == ()  # the first poll asks at once: an empty board
        wait_for(lambda: _waiting_polls(platform) == 1)
        with window:
            take_ticket(window, service="newborn", service_name="出生")
            # the ticket changed the board (people waiting): the poll answered, the next one waits
            assert boards.get(timeout=10).waiting["A"] == 1
            wait_for(lambda: _waiting_polls(platform) == 1)
            assert call_next(window, 2, ["newborn"]) is not None
            shown = boards.get(timeout=10)
        assert [(c.number, c.window) for c in shown.calls] == [("A001", 2)]
        wait_for(lambda: _waiting_polls(platform) == 1)
        assert poller.stop() is False  # returns at once: the long-poll is still outstanding
        assert _waiting_polls(platform) == 1 and not errors
    finally:
        poller.stop()


def test_the_poller_says_each_failure_and_resumes_when_the_hall_server_answers(
    platform: ThreadedPlatform, enrolled: Callable[..., Device]
) -> None:
    display = enrolled()
    attempts: list[int] = []

    def connect() -> PlatformClient:
        attempts.append(1)
        if len(attempts) <= 2:  # as a display whose hall server is down: no client yet
            raise SyncTransientError("大厅叫号服务连接不上。", "hall server down (test)", unreachable=True)
        return _client(platform, display)

    boards: queue.SimpleQueue[Board] = queue.SimpleQueue()
    errors: list[BaseException] = []
    poller = BoardPoller(connect, boards.put, errors.append, wait_s=20, retry_s=0.01)
    poller.start()
    try:
        assert boards.get(timeout=10).cursor == 0  # the third attempt reached the server
        assert [type(e) for e in errors] == [SyncTransientError, SyncTransientError]
    finally:
        poller.stop()


def test_the_poller_back_from_a_failure_reads_the_board_at_once(
    platform_factory: Factory, tmp_path: Path
) -> None:
    db = tmp_path / "hall.db"
    halls = [platform_factory(db=db)]
    device = Device(halls[0].url, uuid.uuid4().hex)
    assert device.enroll(new_code(halls[0])).status_code == 200
    boards: queue.SimpleQueue[Board] = queue.SimpleQueue()
    errors: queue.SimpleQueue[BaseException] = queue.SimpleQueue()
    poller = BoardPoller(lambda: _client(halls[-1], device), boards.put, errors.put, wait_s=20, retry_s=0.05)
    poller.start()
    try:
        boards.get(timeout=10)  # the first poll, at once
        wait_for(lambda: _waiting_polls(halls[0]) == 1)
        halls[0].stop()  # answers the parked poll, then refuses connections
        boards.get(timeout=10)
        errors.get(timeout=10)  # the next poll finds no hall server
        halls.append(platform_factory(db=db))  # back (on another port: the test's connect follows it)
        # At once, not after a 20 s wait for a change: the display stops saying it is offline.
        assert boards.get(timeout=10).cursor == 0
    finally:
        poller.stop()


def test_the_board_shows_todays_calls_only(
    platform: ThreadedPlatform, enrolled: Callable[..., Device]
) -> None:
    rules = load_queue_rules()
    yesterday = platform.platform.clock.now() - timedelta(days=1)
    old, issued = new_ticket(
        rules,
        seq=17,
        service="newborn",
        service_name="出生",
        priority=Priority.NONE,
        taken_at=yesterday.isoformat(),
        issued_by="kiosk-1",
    )
    called = queue_event(old.id, EventKind.CALLED, (yesterday + timedelta(minutes=5)).isoformat(), "w3", 3)
    with _client(platform, enrolled()) as client:
        assert send_events(client, [issued, called]) == {}  # yesterday's, sent late (after an outage)
        take_ticket(client, service="newborn", service_name="出生")
        assert call_next(client, 4, ["newborn"]) is not None
        # A display started this morning: today's call, not yesterday's A017 said again.
        assert [(c.number, c.window) for c in board(client).calls] == [("A001", 4)]


def test_the_poller_polls_once_a_second_against_a_hall_server_without_the_long_poll() -> None:
    async def old_board(request: Request) -> JSONResponse:  # answers at once, whatever ``wait`` says
        return JSONResponse({"calls": [], "waiting": {"A": 0}, "cursor": 3, "as_of": ""})

    old_server = ThreadedPlatform(Starlette(routes=[Route(P_BOARD, old_board, methods=["GET"])]))
    pauses: queue.SimpleQueue[float] = queue.SimpleQueue()
    boards: queue.SimpleQueue[Board] = queue.SimpleQueue()
    errors: list[BaseException] = []

    def sleep(seconds: float) -> bool:  # records the pause instead of taking it; then stops the poller
        pauses.put(seconds)
        poller.stop()
        return True

    with old_server:
        client = PlatformClient(old_server.url, device_id="display-1", secret=b"k" * 32, timeout=TIMEOUT)
        poller = BoardPoller(lambda: client, boards.put, errors.append, wait_s=10, retry_s=1.0, sleep=sleep)
        poller.start()
        try:
            # the first poll (no wait) is answered; the second (wait=10) too, at once and unchanged:
            # then the poller pauses a second, as the display polled before, not in a tight loop
            assert pauses.get(timeout=10) == 1.0
            assert poller.polls == 2 and boards.qsize() == 2 and not errors
        finally:
            poller.stop(timeout=10)
