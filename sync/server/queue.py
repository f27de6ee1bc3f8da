"""The hall's queue on the hall server (the reference platform running as the hall's relay).

Kiosks take tickets (``POST /queue/tickets``), windows call the next one (``POST /queue/call``) and
send every other step — and, after an outage, everything they did alone — as events
(``POST /queue/events``); the hall display reads the calls (``GET /queue/board``), as a
long-poll with ``wait``: the answer comes as soon as the board changes after ``since``. A window
finds a typed number (``GET /queue/tickets?number=A023``) and a supervisor reads the day's figures
(``GET /queue/stats?day=&by=``: what ``tongban queue stats`` prints). Same signed requests as sync.
The rules are core/queue; the ledger is sync/server/queue_ledger.py.
"""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Any, Final

from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response

from core.queue.stats import BY
from sync.server.queue_ledger import QUIET_KINDS, HallQueue
from sync.server.routes import _int_param, _platform, _signed, endpoint
from sync.server.wire import bad_request, json_response, loads

API: Final = "/api/v1/queue"
P_TICKETS: Final = f"{API}/tickets"
P_TICKET: Final = f"{API}/tickets/{{ticket_id}}"
P_CALL: Final = f"{API}/call"
P_EVENTS: Final = f"{API}/events"
P_BOARD: Final = f"{API}/board"
P_STATS: Final = f"{API}/stats"
MAX_EVENTS: Final = 500
MAX_WAIT_S: Final = 25  # a long-poll's longest wait: under the usual 30 s idle timeouts of LAN proxies
_LIMIT: Final = 2 * 1024 * 1024


def _json(raw: bytes) -> dict[str, Any]:
    value = loads(raw)  # strict JSON, bounded nesting (sync.server.wire)
    if not isinstance(value, dict):
        raise bad_request("请求应为 JSON 对象。", "body is not an object")
    return value


def _queue(request: Request) -> HallQueue:
    return _platform(request).queue


@endpoint
async def take_ticket(request: Request) -> Response:
    platform = _platform(request)
    device_id, raw = await _signed(request, _LIMIT)
    body, now, queue = _json(raw), platform.clock.now(), _queue(request)
    answer = await platform.worker.run(lambda db: queue.issue(db, device_id, body, now))
    queue.waiters.wake()  # committed: the displays' waiting counts changed
    return json_response(answer)


@endpoint
async def call_next(request: Request) -> Response:
    platform = _platform(request)
    device_id, raw = await _signed(request, _LIMIT)
    body, now, queue = _json(raw), platform.clock.now(), _queue(request)
    window, services = body.get("window"), body.get("services")
    if not isinstance(window, int) or isinstance(window, bool) or not 1 <= window <= 999:
        raise bad_request("窗口号应为 1–999 的整数。", "bad window")
    if not isinstance(services, list) or not all(isinstance(s, str) for s in services) or len(services) > 500:
        raise bad_request("services 应为本窗口办理的事项编号列表。", "bad services")
    answer = await platform.worker.run(lambda db: queue.call(db, device_id, window, services, now))
    if answer["ticket"] is not None:
        queue.waiters.wake()  # committed: the call reaches the displays' long-polls now
    return json_response(answer)


@endpoint
async def post_events(request: Request) -> Response:
    platform = _platform(request)
    _, raw = await _signed(request, _LIMIT)
    body, now, queue = _json(raw), platform.clock.now(), _queue(request)
    events = body.get("events")
    if not isinstance(events, list) or len(events) > MAX_EVENTS:
        raise bad_request(f"events 应为至多 {MAX_EVENTS} 条排队事件。", "bad events")
    answer = await platform.worker.run(lambda db: queue.record(db, events, now))
    if answer["stored"] and any(not isinstance(e, dict) or e.get("kind") not in QUIET_KINDS for e in events):
        queue.waiters.wake()  # a call, a skip, a transfer, an outage's tickets: the board changed
    return json_response(answer)


@endpoint
async def get_board(request: Request) -> Response:
    """The board; with ``wait=S`` (0–25 s) a long-poll: answered at once when the board's cursor
    is not ``since`` (a ticket, a call, a skip … since), else as soon as one comes, or after S
    seconds. No thread waits: the request's coroutine awaits a future the ticket, call and event
    routes wake after their commit."""
    platform = _platform(request)
    await _signed(request, 0)
    text = request.query_params.get("since", "0")
    if not text.isascii() or not text.isdigit() or len(text) > 18:
        raise bad_request("since 应为非负整数。", "bad since")
    since, wait = int(text), _int_param(request, "wait", 0, 0, MAX_WAIT_S)
    queue = _queue(request)

    async def read() -> dict[str, Any]:
        now = platform.clock.now()
        return await platform.worker.run(lambda db: queue.board(db, since, now))

    if not wait:
        return json_response(await read())
    loop = asyncio.get_running_loop()
    deadline = loop.time() + wait
    gone = asyncio.ensure_future(_disconnected(request))  # a display gone does not wait on here
    try:
        while True:
            waiter = queue.waiters.waiter()  # before the read: a change committed meanwhile wakes it
            try:
                answer = await read()
                left = deadline - loop.time()
                # != rather than >: a display ahead of the server (its database restored) resyncs now
                if answer["cursor"] != since or left <= 0 or queue.waiters.closing:
                    return json_response(answer)
                woken = await queue.waiters.wait(waiter, left, gone)
            finally:
                queue.waiters.discard(waiter)
            if gone.done():
                raise ClientDisconnect  # the endpoint logs it; nobody is left to answer
            if not woken:  # the time is up: the board as it is now
                return json_response(await read())
    finally:
        gone.cancel()


async def _disconnected(request: Request) -> None:
    """Returns when the client closes its connection (its request was read already: what the
    server receives from then on is only the disconnect)."""
    while (await request.receive())["type"] != "http.disconnect":
        pass


@endpoint
async def get_ticket(request: Request) -> Response:
    platform = _platform(request)
    await _signed(request, 0)
    ticket_id = request.path_params["ticket_id"]
    if not (ticket_id.isascii() and ticket_id.isalnum() and len(ticket_id) <= 64):
        raise bad_request("号票编号有误。", "bad ticket id")
    now, queue = platform.clock.now(), _queue(request)
    return json_response(await platform.worker.run(lambda db: queue.ticket(db, ticket_id, now)))


@endpoint
async def find_ticket(request: Request) -> Response:
    """``GET /queue/tickets?number=A023``: today's ticket with that number (404 when none)."""
    platform = _platform(request)
    await _signed(request, 0)
    number = request.query_params.get("number", "")
    if not number.strip() or len(number) > 32:
        raise bad_request("请给出排队号，如 A023。", "bad number")
    now, queue = platform.clock.now(), _queue(request)
    return json_response(await platform.worker.run(lambda db: queue.by_number(db, number, now)))


@endpoint
async def get_stats(request: Request) -> Response:
    """``GET /queue/stats?day=YYYY-MM-DD&by=hour|lane|service|window``: the day's figures and rows."""
    platform = _platform(request)
    await _signed(request, 0)
    params = request.query_params
    by = params.get("by", "hour")
    if by not in BY:
        raise bad_request(f"by 应为 {'、'.join(BY)} 之一。", "bad by")
    text = params.get("day", "")
    try:
        day = date.fromisoformat(text) if text else platform.clock.now().date()
    except ValueError:
        raise bad_request("day 应为 YYYY-MM-DD。", "bad day") from None
    queue = _queue(request)
    return json_response(await platform.worker.run(lambda db: queue.stats(db, day, by)))
