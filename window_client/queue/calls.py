"""The window's queue calls, run on a worker with that worker's Store (no Qt here).

Calling the next ticket (F5) asks the hall server, which records the call itself
(``sync.queue_client.call_next``). Every later step (重呼, 过号, 转窗口, SERVING, DONE with the case
number, RATED) and a call made by scanning a ticket are this window's own events: they are kept
first in the store's sealed queue outbox (core/store/queue_outbox.py) and then sent at once with
``sync.queue_push.push_queue_outbox`` — in the order they were made, each once by its id. When the
hall server does not answer they stay there and the next sync round sends them (sync/service.py).
A typed number (``A023``) is only known to the hall server: ``number_on`` asks it for today's ticket
with that number. ``stats_on`` reads the day's figures for the supervisor's 排队统计 view.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from core.clock import Clock
from core.errors import ValidationError
from core.queue.model import Applicant, EventKind, TicketStatus
from core.queue.rules import queue_event
from core.queue.stats import DayReport
from core.store.store import Store
from sync.adapter import Capability
from sync.enrollment import client_for
from sync.errors import SyncError
from sync.queue_client import Called, call_next, stats, ticket, ticket_by_number
from sync.queue_push import push_queue_outbox

logger = logging.getLogger(__name__)

QUEUE_TIMEOUT: Final = (2.0, 4.0)  # (connect, read) seconds: the hall server is on the LAN


Step = tuple[EventKind, Mapping[str, object]]  # an event's kind and its data (core/queue/model.py)


@dataclass(frozen=True, slots=True)
class Current:
    """The ticket at this window: what the panel shows and the events name."""

    ticket_id: str
    number: str
    service: str = ""
    service_name: str = ""
    lane: str = ""
    taken_at: str = ""
    applicant: Applicant | None = None

    @classmethod
    def of(cls, called: Called) -> Current:
        t = called.ticket
        return cls(t.id, t.number, t.service, t.service_name, t.lane, t.taken_at, t.applicant)


def call_next_on(window: int, services: Sequence[str], clock: Clock, store: Store) -> Current | None:
    """F5: the next ticket for this window from the hall server (already recorded as called to it);
    None when nobody waits. SyncError when the hall server does not answer."""
    with client_for(store, timeout=QUEUE_TIMEOUT, clock=clock) as client:
        called = call_next(client, window, services)
    return None if called is None else Current.of(called)


def lookup_on(
    ticket_id: str, number: str, window: int, clock: Clock, store: Store
) -> tuple[Current, TicketStatus | None]:
    """A scanned ticket: what the hall server knows of it and its status, or only its id and number
    and None when the server does not answer (the window then calls it alone). ValidationError
    when the server says it is done, or at another window."""
    try:
        with client_for(store, timeout=QUEUE_TIMEOUT, clock=clock) as client:
            called = ticket(client, ticket_id)
    except SyncError as exc:
        logger.info("ticket %s not looked up on the hall server: %s", number, exc.detail)
        return Current(ticket_id, number), None
    return _callable_here(called, window)


def number_on(number: str, window: int, clock: Clock, store: Store) -> tuple[Current, TicketStatus | None]:
    """A typed number (canonical, ``A023``): today's ticket with it from the hall server and its
    status. ValidationError when the server has none, or it is done or at another window;
    SyncError when the server does not answer (a typed number cannot be called alone)."""
    with client_for(store, timeout=QUEUE_TIMEOUT, clock=clock) as client:
        called = ticket_by_number(client, number)
    if called is None:
        raise ValidationError(
            "ticket",
            f"今天没有 {number} 号的号票，请核对号码",
            f"no ticket {number} today",
            code="queue.no_ticket",
        )
    return _callable_here(called, window)


def _callable_here(called: Called, window: int) -> tuple[Current, TicketStatus | None]:
    """The ticket as this window may call it; ValidationError naming who has it when it may not."""
    number = called.ticket.number
    elsewhere = called.status in (TicketStatus.CALLED, TicketStatus.SERVING) and called.window != window
    if called.status is TicketStatus.DONE or elsewhere:
        where = f"{called.window} 号窗口" if called.window else ""
        raise ValidationError(
            "ticket",
            f"{number} {where}{called.status.label}，本窗口不能再叫",
            f"ticket {number} is {called.status.value} at window {called.window}",
            code="queue.not_callable",
        )
    return Current.of(called), called.status


def stats_on(day: date, by: str, clock: Clock, store: Store) -> DayReport:
    """The day's figures and per-ticket rows from the hall server; SyncError when it does not answer."""
    with client_for(store, timeout=QUEUE_TIMEOUT, clock=clock) as client:
        return stats(client, day, by)


def record_on(current: Current, window: int, steps: Sequence[Step], clock: Clock, store: Store) -> bool:
    """Keep the ``steps`` of the ticket at this window in the outbox as events of this device, then
    send what is pending; True when the hall server holds them now, False when they wait for the
    next sync round."""
    # Microseconds: the ledger orders a ticket's events by their time (then by random id), so two
    # steps in one second (重呼 then 过号; DONE then RATED) must not tie (core/queue/ledger.py _order).
    now = clock.now()
    events = [
        queue_event(
            current.ticket_id,
            kind,
            (now + timedelta(microseconds=i)).isoformat(timespec="microseconds"),
            store.device_id,
            window,
            **dict(data),
        )
        for i, (kind, data) in enumerate(steps)
    ]
    store.queue_outbox.add(events)
    try:
        with client_for(store, timeout=QUEUE_TIMEOUT, clock=clock) as client:
            if Capability.QUEUE not in client.capabilities:
                return False
            push_queue_outbox(store, client, clock)
    except SyncError as exc:
        logger.info("queue events kept for the next round: %s", exc.detail)
        return False
    return True
