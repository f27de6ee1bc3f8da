"""The hall server's queue ledger (sync/server/queue.py serves it): every event in SQLite
(``queue_events``, once per event id), the ledger of the last two days folded in memory on the
storage worker's thread — the only thread that touches it — so a call is decided and recorded in
one step: two windows pressing "next" at once never get the same ticket.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Any, Final

import sqlite_utils

from core.errors import NotFoundError, ValidationError
from core.queue.appointment import check_redeemable, parse_appointment_code
from core.queue.codec import event_from_dict, ticket_to_dict
from core.queue.ledger import Ledger, TicketState, instant
from core.queue.model import (
    Applicant,
    EventKind,
    Priority,
    QueueRules,
    Ticket,
    TicketEvent,
    load_queue_rules,
    typed_ticket_number,
)
from core.queue.rules import lane_for, new_ticket, priority_for, queue_event
from core.queue.stats import DayReport, day_report, on_day, report_to_dict
from core.store.db import write_transaction
from sync.server import appointments
from sync.server.db import advance_counter
from sync.server.wire import bad_request, not_found

logger = logging.getLogger(__name__)

_KEEP_DAYS: Final = 2  # the ledger in memory: today and yesterday (a ticket is a day's thing)
# Steps at the window that change nothing on the hall display (its calls, its people waiting):
# they neither move the board's cursor nor wake a display's long-poll.
QUIET_KINDS: Final = frozenset({EventKind.SERVING.value, EventKind.DONE.value, EventKind.RATED.value})


class BoardWaiters:
    """Hall displays waiting for the board to change (``GET /queue/board?wait=S``, a long-poll).

    Lives on the server's event loop: a waiter is a future of that loop, not a thread. The routes
    ``wake`` it after a ticket, a call or an event has been committed; ``close`` (the server is
    stopping: sync/server/runner.py) wakes every waiter and answers new ones at once, so uvicorn's
    graceful shutdown does not wait for them. A server started again runs a new loop: open again.
    """

    def __init__(self) -> None:
        self._futures: set[asyncio.Future[None]] = set()
        self._closed_loop: asyncio.AbstractEventLoop | None = None

    def waiter(self) -> asyncio.Future[None]:
        """A future done at the next ``wake``; take it BEFORE reading the board, so a change
        committed between the read and the wait is not missed."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[None] = loop.create_future()
        if self._closed_loop is loop:
            future.set_result(None)
        else:
            self._futures.add(future)
        return future

    async def wait(self, future: asyncio.Future[None], seconds: float, gone: asyncio.Future[None]) -> bool:
        """Until ``future`` is woken (True), ``seconds`` pass or the client is ``gone`` (False)."""
        try:
            await asyncio.wait((future, gone), timeout=max(seconds, 0.0), return_when=asyncio.FIRST_COMPLETED)
            return future.done() and not future.cancelled()
        finally:
            self._futures.discard(future)

    def discard(self, future: asyncio.Future[None]) -> None:
        self._futures.discard(future)
        future.cancel()

    def wake(self) -> None:
        futures, self._futures = self._futures, set()
        for future in futures:
            if not future.done():
                future.set_result(None)

    def close(self) -> None:
        self._closed_loop = asyncio.get_running_loop()
        self.wake()

    @property
    def closing(self) -> bool:
        """The server on this loop is stopping: answer, do not wait."""
        return self._closed_loop is asyncio.get_running_loop()

    def __len__(self) -> int:
        return len(self._futures)


class HallQueue:
    """The ledger of one hall server; every method runs on the storage worker's thread, except
    ``waiters`` (BoardWaiters), which lives on the server's event loop."""

    def __init__(self, rules: QueueRules | None = None) -> None:
        self.rules = rules or load_queue_rules()
        self.waiters = BoardWaiters()
        self._ledger: Ledger | None = None
        self._since: date | None = None
        # What each window last called for (its queue_services; empty: every service), learnt from
        # its calls: who may go before a new ticket. Not kept across a restart (then: everyone).
        self._windows: dict[int, frozenset[str]] = {}

    def ledger(self, db: sqlite_utils.Database, today: date) -> Ledger:
        since = today - timedelta(days=_KEEP_DAYS - 1)
        if self._ledger is None or self._since != since:
            ledger = Ledger(self.rules)
            rows = db.execute(
                "SELECT id, ticket_id, kind, at, device, window, data FROM queue_events WHERE day >= ? ORDER BY seq",
                (since.isoformat(),),
            ).fetchall()
            for row in rows:
                ledger.add(row_event(row))
            self._ledger, self._since = ledger, since
        return self._ledger

    def issue(
        self, db: sqlite_utils.Database, device_id: str, body: Mapping[str, Any], now: datetime
    ) -> dict[str, Any]:
        """取号. With ``appointment`` (a 预约码) the hall server's own record decides the service, slot
        and applicant (sync/server/appointments.py); a kiosk's ``slot`` is not trusted."""
        if body.get("appointment") is not None:
            return self._redeem(db, device_id, body["appointment"], now)
        service = _text(body, "service")
        service_name = _text(body, "service_name")
        birth = body.get("birth_date")
        try:
            birth_date = date.fromisoformat(birth) if isinstance(birth, str) and birth else None
            priority = priority_for(
                self.rules, today=now.date(), birth_date=birth_date, claim=body.get("claim") or None
            )
        except ValidationError as exc:
            raise bad_request(exc.message, exc.detail) from None
        except ValueError as exc:  # a birth date that is not YYYY-MM-DD
            raise bad_request("出生日期应为 YYYY-MM-DD。", f"ticket: {exc}") from None
        applicant = None
        raw = body.get("applicant")
        if isinstance(raw, Mapping) and raw.get("name") and raw.get("id_number"):
            applicant = Applicant(
                str(raw["name"]), str(raw["id_number"]), str(birth or ""), str(raw.get("sex", ""))
            )
        return self._issue(db, device_id, now, service, service_name, priority, applicant)

    def _redeem(
        self, db: sqlite_utils.Database, device_id: str, raw: object, now: datetime
    ) -> dict[str, Any]:
        """A 预约 redeemed for its Y-lane ticket, once: a second redemption answers the same ticket."""
        try:
            code = parse_appointment_code(raw if isinstance(raw, str) else "")
            booked = appointments.redeemable(db, code)
        except ValidationError as exc:
            raise bad_request(exc.message, exc.detail) from None
        except NotFoundError as exc:
            raise not_found(exc.message, exc.detail) from None
        ledger = self.ledger(db, now.date())
        if booked.ticket_id is not None:
            state = ledger.state(booked.ticket_id)
            if state is not None:
                return {**self._answer(ledger, state.ticket, now), "again": True}
        try:
            check_redeemable(instant(booked.slot), now, self.rules)
        except ValidationError as exc:
            raise bad_request(exc.message, exc.detail) from None
        answer = self._issue(
            db,
            device_id,
            now,
            booked.service,
            booked.service_name,
            Priority.APPOINTMENT,
            booked.applicant(),
            appointment=booked,
        )
        logger.info("appointment %s redeemed: ticket %s", code, answer["ticket"]["number"])
        return answer

    def _issue(
        self,
        db: sqlite_utils.Database,
        device_id: str,
        now: datetime,
        service: str,
        service_name: str,
        priority: Priority,
        applicant: Applicant | None,
        *,
        appointment: appointments.Appointment | None = None,
    ) -> dict[str, Any]:
        """Number a ticket in its lane's counter and store its ISSUED event (and the redemption) at once."""
        ledger = self.ledger(db, now.date())
        with write_transaction(db):
            lane = lane_for(self.rules, priority)
            seq = advance_counter(db, f"queue:{now.date().isoformat()}:{lane}")
            try:
                ticket, event = new_ticket(
                    self.rules,
                    seq=seq,
                    service=service,
                    service_name=service_name,
                    priority=priority,
                    taken_at=now.isoformat(timespec="microseconds"),
                    issued_by=device_id,
                    applicant=applicant,
                    appointment=appointment.code if appointment else None,
                    appointment_slot=appointment.slot if appointment else None,
                )
            except ValidationError as exc:
                raise bad_request(exc.message, exc.detail) from None
            self._store(db, event, now)
            if appointment is not None:
                appointments.mark_redeemed(db, appointment.code, ticket.id, now)
        ledger.add(event)
        return self._answer(ledger, ticket, now)

    def _answer(self, ledger: Ledger, ticket: Ticket, now: datetime) -> dict[str, Any]:
        order = [s.ticket.id for s in ledger.waiting(0, self._before(ticket.service), now)]
        ahead = order.index(ticket.id) if ticket.id in order else len(order)  # an early appointment: all
        return {"ticket": ticket_to_dict(ticket), "ahead": ahead}

    def _before(self, service: str) -> frozenset[str]:
        """The services whose tickets may be called before one of ``service``: those of the windows
        that call ``service``. Every service (empty) when such a window calls for all — the
        无差别 window — or when no window calling it is known yet."""
        windows = [s for s in self._windows.values() if not s or service in s]
        if not windows or not all(windows):
            return frozenset()
        return frozenset().union(*windows)

    def call(
        self, db: sqlite_utils.Database, device_id: str, window: int, services: Sequence[str], now: datetime
    ) -> dict[str, Any]:
        self._windows[window] = frozenset(services)
        ledger = self.ledger(db, now.date())
        state = ledger.next_for(window, set(services), now)
        if state is None:
            return {"ticket": None, "waiting": 0}
        event = queue_event(
            state.ticket.id, EventKind.CALLED, now.isoformat(timespec="microseconds"), device_id, window
        )
        with write_transaction(db):
            self._store(db, event, now)
        ledger.add(event)
        called = ledger.state(state.ticket.id)
        assert called is not None
        return {"ticket": state_to_dict(called), "waiting": len(ledger.waiting(window, set(services), now))}

    def record(self, db: sqlite_utils.Database, events: Sequence[object], now: datetime) -> dict[str, Any]:
        """Merge events (a window's steps, or a device's outage ledger); each once by its id."""
        parsed = []
        for i, raw in enumerate(events):
            try:
                parsed.append(event_from_dict(raw, f"$.events[{i}]"))
            except ValidationError as exc:
                raise bad_request(exc.message, exc.detail) from None
        ledger = self.ledger(db, now.date())
        stored = 0
        with write_transaction(db):
            for event in parsed:
                if event.id in ledger:
                    continue
                try:
                    instant(event.at)
                except ValidationError as exc:
                    raise bad_request(exc.message, exc.detail) from None
                self._store(db, event, now)
                stored += 1
        for event in parsed:
            ledger.add(event)
        conflicts = ledger.conflicts()
        mine = {e.id: conflicts[e.id] for e in parsed if e.id in conflicts}
        return {"stored": stored, "duplicate": len(parsed) - stored, "conflicts": mine}

    def board(self, db: sqlite_utils.Database, since: int, now: datetime) -> dict[str, Any]:
        """What the hall display shows: today's calls after ``since`` (the last ten at most), waiting per lane,
        and the ``cursor``: the last event the board shows something of (not a SERVING, DONE or RATED)."""
        ledger = self.ledger(db, now.date())
        rows = db.execute(  # today's calls only: a display started in the morning says no old number
            "SELECT seq, ticket_id, kind, at, window FROM queue_events WHERE kind IN ('called', 'recalled')"
            " AND seq > ? AND day = ? ORDER BY seq DESC LIMIT 10",
            (since, now.date().isoformat()),
        ).fetchall()
        calls = []
        for seq, ticket_id, kind, at, window in reversed(rows):
            state = ledger.state(ticket_id)
            if state is not None:
                calls.append(
                    {"seq": seq, "number": state.ticket.number, "window": window, "at": at, "kind": kind}
                )
        quiet = ", ".join(f"'{kind}'" for kind in sorted(QUIET_KINDS))
        last = db.execute(  # from the newest row back (seq is the rowid) to the first the board shows
            f"SELECT seq FROM queue_events WHERE kind NOT IN ({quiet}) ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        return {
            "calls": calls,
            "waiting": ledger.waiting_by_lane(now.date()),
            "cursor": last[0] if last else 0,
            "as_of": now.isoformat(timespec="seconds"),
        }

    def ticket(self, db: sqlite_utils.Database, ticket_id: str, now: datetime) -> dict[str, Any]:
        state = self.ledger(db, now.date()).state(ticket_id)
        if state is None:
            raise not_found("没有这张号票。", f"no ticket {ticket_id[:40]}")
        return {"ticket": state_to_dict(state)}

    def by_number(self, db: sqlite_utils.Database, number: str, now: datetime) -> dict[str, Any]:
        """Today's ticket with the number a window typed (``a023``, ``Ａ０２３`` read as A023)."""
        try:
            canonical = typed_ticket_number(number)
        except ValidationError as exc:
            raise bad_request(exc.message, exc.detail) from None
        found = on_day(self.ledger(db, now.date()).by_number(canonical), now.date())
        if not found:
            raise not_found(f"今天没有 {canonical} 号的号票。", f"no ticket {canonical} today")
        return {"ticket": state_to_dict(found[0])}

    def stats(self, db: sqlite_utils.Database, day: date, by: str) -> dict[str, Any]:
        """The day's figures and per-ticket rows, as ``tongban queue stats`` computes them."""
        return report_to_dict(read_day_report(db, self.rules, day, by))

    def _store(self, db: sqlite_utils.Database, event: TicketEvent, now: datetime) -> None:
        db.execute(
            "INSERT INTO queue_events (id, ticket_id, kind, at, device, window, data, day, received_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                event.id,
                event.ticket_id,
                event.kind.value,
                event.at,
                event.device,
                event.window,
                json.dumps(dict(event.data), ensure_ascii=False, sort_keys=True),
                instant(event.at).date().isoformat(),
                now.isoformat(timespec="seconds"),
            ),
        )


def state_to_dict(s: TicketState) -> dict[str, Any]:
    return {
        **ticket_to_dict(s.ticket),
        "status": s.status.value,
        "current_service": s.service,
        "window": s.window,
        "queued_at": s.queued_at,
        "called_at": s.called_at,
        "done_at": s.done_at,
        "case_number": s.case_number,
        "rating": s.rating,
        "skips": s.skips,
    }


def day_events(db: sqlite_utils.Database, day: date) -> list[TicketEvent]:
    """The events that happened on ``day`` (their own calendar), in the order they arrived."""
    rows = db.execute(
        "SELECT id, ticket_id, kind, at, device, window, data FROM queue_events WHERE day = ? ORDER BY seq",
        (day.isoformat(),),
    ).fetchall()
    return [row_event(row) for row in rows]


def read_day_report(db: sqlite_utils.Database, rules: QueueRules, day: date, by: str) -> DayReport:
    """The figures of ``day`` from the database: ``tongban queue stats`` and the stats endpoint."""
    ledger = Ledger(rules)
    ledger.merge(day_events(db, day))
    return day_report(ledger.tickets(), rules, day, by)


def row_event(row: Sequence[Any]) -> TicketEvent:
    event_id, ticket_id, kind, at, device, window, data = row
    return event_from_dict(
        {
            "id": event_id,
            "ticket_id": ticket_id,
            "kind": kind,
            "at": at,
            "device": device,
            "window": window,
            "data": json.loads(data),
        }
    )


def _text(body: Mapping[str, Any], key: str) -> str:
    value = body.get(key)
    if not isinstance(value, str) or not value.strip() or len(value) > 200:
        raise bad_request(f"缺少 {key}。", f"missing {key}")
    return value.strip()
