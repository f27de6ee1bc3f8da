"""A device's side of the hall's queue: take a ticket, call the next one, send steps, read the board.

Kiosks, windows and hall displays reach the hall server (the reference platform as the hall's relay)
with the same signed requests as sync (``PlatformClient.request_json``). What comes back is read
with core/queue's strict codec. When the hall server does not answer, the device carries on alone
(core/queue: a kiosk issues from its own offline slot, a window calls by scanning) and sends what
it did with ``send_events`` once the server is back; the server merges by event id.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlencode

from core.errors import ValidationError
from core.queue.codec import event_to_dict, ticket_from_dict
from core.queue.model import Applicant, Ticket, TicketEvent, TicketStatus
from core.queue.stats import DayReport, report_from_dict
from sync.adapter import Capability, PlatformAdapter, unsupported
from sync.client import PlatformClient, _bad_reply
from sync.errors import SyncPermanentError

P_TICKETS = "/api/v1/queue/tickets"
P_TICKET = "/api/v1/queue/tickets/{ticket_id}"
P_CALL = "/api/v1/queue/call"
P_EVENTS = "/api/v1/queue/events"
P_BOARD = "/api/v1/queue/board"
P_STATS = "/api/v1/queue/stats"
LONG_POLL_CONNECT_S = 2.0
LONG_POLL_SLACK_S = 5.0  # the read timeout beyond the wait: the server's answer after its wait


@dataclass(frozen=True, slots=True)
class Issued:
    ticket: Ticket
    ahead: int  # people before this ticket in its queue
    again: bool = False  # an appointment redeemed before: the same ticket once more


@dataclass(frozen=True, slots=True)
class Called:
    """A ticket as the hall server holds it: status and window beside the ticket itself."""

    ticket: Ticket
    status: TicketStatus
    window: int | None
    case_number: str | None


@dataclass(frozen=True, slots=True)
class BoardCall:
    seq: int
    number: str
    window: int
    at: str
    recall: bool


@dataclass(frozen=True, slots=True)
class Board:
    calls: tuple[BoardCall, ...]
    waiting: Mapping[str, int]
    cursor: int


def _hall(client: PlatformAdapter) -> PlatformClient:
    """The queue lives on the hall server, reached through our own contract's client."""
    if not isinstance(client, PlatformClient) or Capability.QUEUE not in client.capabilities:
        raise unsupported(client.name, Capability.QUEUE)
    return client


def take_ticket(
    client: PlatformAdapter,
    *,
    service: str,
    service_name: str,
    applicant: Applicant | None = None,
    birth_date: date | None = None,
    claim: str | None = None,
) -> Issued:
    body: dict[str, Any] = {"service": service, "service_name": service_name}
    if applicant is not None:
        body["applicant"] = {"name": applicant.name, "id_number": applicant.id_number, "sex": applicant.sex}
    if birth_date is not None:
        body["birth_date"] = birth_date.isoformat()
    if claim:
        body["claim"] = claim
    return _issued(_hall(client).request_json("POST", P_TICKETS, body))


def redeem_appointment(client: PlatformAdapter, code: str) -> Issued:
    """The Y-lane ticket of a 预约码: the hall server checks the appointment and decides its service,
    slot and applicant; a refusal (unknown, cancelled, not today, too late) is a SyncPermanentError
    with the server's Chinese message."""
    return _issued(_hall(client).request_json("POST", P_TICKETS, {"appointment": code}))


def _issued(answer: Mapping[str, Any]) -> Issued:
    ahead = answer.get("ahead")
    if not isinstance(ahead, int):
        raise _bad_reply("POST /queue/tickets", "no ahead count")
    return Issued(_ticket(answer.get("ticket"), "tickets"), ahead, answer.get("again") is True)


def call_next(client: PlatformAdapter, window: int, services: Sequence[str]) -> Called | None:
    """The next ticket for this window, already recorded as called to it; None when nobody waits."""
    answer = _hall(client).request_json("POST", P_CALL, {"window": window, "services": list(services)})
    raw = answer.get("ticket")
    return None if raw is None else _called(raw, "call")


def ticket(client: PlatformAdapter, ticket_id: str) -> Called:
    answer = _hall(client).request_json("GET", P_TICKET.format(ticket_id=ticket_id))
    return _called(answer.get("ticket"), "ticket")


def send_events(client: PlatformAdapter, events: Sequence[TicketEvent]) -> dict[str, str]:
    """Send steps (one, or a whole outage's); the events the server held but could not apply, with why."""
    answer = _hall(client).request_json("POST", P_EVENTS, {"events": [event_to_dict(e) for e in events]})
    conflicts = answer.get("conflicts")
    if not isinstance(conflicts, dict):
        raise _bad_reply("POST /queue/events", "no conflicts map")
    return {str(k): str(v) for k, v in conflicts.items()}


def board(client: PlatformAdapter, since: int = 0, *, wait: int = 0) -> Board:
    """The board: calls after ``since`` (the last ten at most), people waiting, the ``cursor`` to
    pass next time. With ``wait`` (1–25 s) a long-poll: the hall server answers as soon as
    the board changes after ``since``, or after ``wait`` seconds (an unchanged board)."""
    timeout = None if not wait else (LONG_POLL_CONNECT_S, wait + LONG_POLL_SLACK_S)
    query = f"{P_BOARD}?since={since}" + (f"&wait={wait}" if wait else "")
    answer = _hall(client).request_json("GET", query, timeout=timeout)
    try:
        calls = tuple(
            BoardCall(
                int(c["seq"]), str(c["number"]), int(c["window"]), str(c["at"]), c["kind"] == "recalled"
            )
            for c in answer["calls"]
        )
        waiting = {str(k): int(v) for k, v in answer["waiting"].items()}
        return Board(calls, waiting, int(answer["cursor"]))
    except (KeyError, TypeError, ValueError):
        raise _bad_reply("GET /queue/board", "calls/waiting/cursor malformed") from None


def ticket_by_number(client: PlatformAdapter, number: str) -> Called | None:
    """Today's ticket with a typed number (``A023``; the hall server reads ``a023``, ``Ａ０２３``
    too); None when the hall server has none today. SyncError when it does not answer."""
    path = f"{P_TICKETS}?{urlencode({'number': number})}"
    try:
        answer = _hall(client).request_json("GET", path)
    except SyncPermanentError as exc:
        if exc.status == 404:
            return None
        raise
    return _called(answer.get("ticket"), "tickets?number")


def stats(client: PlatformAdapter, day: date, by: str = "hour") -> DayReport:
    """The day's figures and per-ticket rows (no personal data), as ``tongban queue stats`` has them."""
    answer = _hall(client).request_json("GET", f"{P_STATS}?{urlencode({'day': day.isoformat(), 'by': by})}")
    try:
        return report_from_dict(answer)
    except ValidationError as exc:
        raise _bad_reply("GET /queue/stats", exc.detail) from None


def _ticket(raw: object, what: str) -> Ticket:
    try:
        return ticket_from_dict(raw)
    except ValidationError as exc:
        raise _bad_reply(f"queue {what}", exc.detail) from None


def _called(raw: object, what: str) -> Called:
    if not isinstance(raw, Mapping):
        raise _bad_reply(f"queue {what}", "no ticket")
    try:
        status = TicketStatus(str(raw.get("status")))
    except ValueError:
        raise _bad_reply(f"queue {what}", "unknown status") from None
    window = raw.get("window")
    case = raw.get("case_number")
    return Called(
        _ticket(raw, what),
        status,
        window if isinstance(window, int) else None,
        str(case) if case else None,
    )
