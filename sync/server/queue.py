"""The hall's queue on the hall server (the reference platform running as the hall's relay).

Kiosks take tickets (``POST /queue/tickets``), windows call the next one (``POST /queue/call``) and
send every other step — and, after an outage, everything they did alone — as events
(``POST /queue/events``); the hall display reads the calls (``GET /queue/board``). A window finds
a typed number (``GET /queue/tickets?number=A023``) and a supervisor reads the day's figures
(``GET /queue/stats?day=&by=``: what ``tongban queue stats`` prints). Same signed requests as sync. The rules are core/queue; the ledger is sync/server/queue_ledger.py.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Final

from starlette.requests import Request
from starlette.responses import Response

from core.queue.stats import BY
from sync.server.queue_ledger import HallQueue
from sync.server.routes import _platform, _signed, endpoint
from sync.server.wire import bad_request, json_response, loads

API: Final = "/api/v1/queue"
P_TICKETS: Final = f"{API}/tickets"
P_TICKET: Final = f"{API}/tickets/{{ticket_id}}"
P_CALL: Final = f"{API}/call"
P_EVENTS: Final = f"{API}/events"
P_BOARD: Final = f"{API}/board"
P_STATS: Final = f"{API}/stats"
MAX_EVENTS: Final = 500
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
    return json_response(await platform.worker.run(lambda db: queue.issue(db, device_id, body, now)))


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
    return json_response(
        await platform.worker.run(lambda db: queue.call(db, device_id, window, services, now))
    )


@endpoint
async def post_events(request: Request) -> Response:
    platform = _platform(request)
    _, raw = await _signed(request, _LIMIT)
    body, now, queue = _json(raw), platform.clock.now(), _queue(request)
    events = body.get("events")
    if not isinstance(events, list) or len(events) > MAX_EVENTS:
        raise bad_request(f"events 应为至多 {MAX_EVENTS} 条排队事件。", "bad events")
    return json_response(await platform.worker.run(lambda db: queue.record(db, events, now)))


@endpoint
async def get_board(request: Request) -> Response:
    platform = _platform(request)
    await _signed(request, 0)
    text = request.query_params.get("since", "0")
    if not text.isascii() or not text.isdigit() or len(text) > 18:
        raise bad_request("since 应为非负整数。", "bad since")
    now, queue = platform.clock.now(), _queue(request)
    return json_response(await platform.worker.run(lambda db: queue.board(db, int(text), now)))


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
