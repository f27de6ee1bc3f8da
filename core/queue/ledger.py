"""The queue's ledger: events in, each ticket's state out; merging ledgers by event id.

A ticket's state is the fold of its events in time order (the devices' clocks; ties by event id,
so every device folds the same events to the same state). The fold refuses what cannot have
happened — a call to a second window while the first still has the ticket, a return after the
allowed number of 过号 — as *conflicts*, kept and reported, never applied: so after any merge a
ticket is called to one window at a time, and no event is lost (the refused ones are listed).

``next_for`` is the call order (叫号): appointments from their slot on, then the priority lane,
then everyone else, each by when they (re)joined the queue.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Final

from core.errors import ValidationError
from core.queue.codec import ticket_from_dict
from core.queue.model import (
    EventKind,
    LaneKind,
    Priority,
    QueueRules,
    Ticket,
    TicketEvent,
    TicketStatus,
)


def instant(text: str) -> datetime:
    """An event's time; ValidationError for one without a UTC offset (devices always send one)."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValidationError("at", f"时间“{text[:32]}”格式有误", f"bad time {text[:32]!r}") from None
    if moment.tzinfo is None:
        raise ValidationError("at", f"时间“{text[:32]}”缺少时区", f"time without offset {text[:32]!r}")
    return moment


@dataclass(frozen=True, slots=True)
class TicketState:
    """A ticket as its events left it."""

    ticket: Ticket
    status: TicketStatus
    service: str  # a transfer may move it to another service
    queued_at: str  # when it (re)joined the queue: taken, returned or transferred
    window: int | None = None  # the window it is called to or served at
    for_window: int | None = None  # a transfer to one window: only that window calls it
    called_at: str | None = None  # the first call
    serving_at: str | None = None
    done_at: str | None = None
    case_number: str | None = None
    rating: int | None = None
    skips: int = 0
    calls: tuple[tuple[int, str], ...] = ()  # (window, at) of every call, recalls not counted

    @property
    def waiting_s(self) -> float | None:
        """Seconds from taking the ticket to its first call."""
        if self.called_at is None:
            return None
        return (instant(self.called_at) - instant(self.ticket.taken_at)).total_seconds()

    @property
    def service_s(self) -> float | None:
        """Seconds at the window: from the citizen's arrival (or the call) to 办结."""
        start = self.serving_at or (self.calls[-1][1] if self.calls else None)
        if self.done_at is None or start is None:
            return None
        return (instant(self.done_at) - instant(start)).total_seconds()


@dataclass
class Ledger:
    """Every queue event one place holds (the hall server, or a device while it is alone)."""

    rules: QueueRules
    _events: dict[str, TicketEvent] = field(default_factory=dict)
    _by_ticket: dict[str, list[TicketEvent]] = field(default_factory=dict)
    _states: dict[str, TicketState | None] = field(default_factory=dict)
    _conflicts: dict[str, str] = field(default_factory=dict)  # event id → why it was not applied

    def add(self, event: TicketEvent) -> bool:
        """Take one event; False when the ledger holds it already. The same id with other content
        is a ValidationError (a device reusing an id is a defect, not a merge)."""
        held = self._events.get(event.id)
        if held is not None:
            if held != event:
                raise ValidationError(
                    "event",
                    "同一排队事件编号的内容不一致",
                    f"queue event {event.id} differs from the one held",
                )
            return False
        instant(event.at)
        if event.kind is EventKind.ISSUED:
            ticket_from_dict(event.data["ticket"])  # a malformed ticket is refused before it is held
        self._events[event.id] = event
        self._by_ticket.setdefault(event.ticket_id, []).append(event)
        self._states.pop(event.ticket_id, None)
        return True

    def merge(self, events: Iterable[TicketEvent]) -> int:
        """Take many events (another ledger's, in any order); how many were new."""
        return sum(1 for event in events if self.add(event))

    def events(self) -> list[TicketEvent]:
        return sorted(self._events.values(), key=_order)

    def __contains__(self, event_id: object) -> bool:
        return event_id in self._events

    def state(self, ticket_id: str) -> TicketState | None:
        """The ticket's state, None while its ISSUED event is not here (a window scanned a ticket
        an offline kiosk issued: its calls wait in the ledger for the ticket to arrive)."""
        if ticket_id not in self._states:
            self._states[ticket_id] = self._fold(ticket_id)
        return self._states[ticket_id]

    def tickets(self) -> list[TicketState]:
        found = (self.state(t) for t in self._by_ticket)
        return sorted(
            (s for s in found if s is not None), key=lambda s: (instant(s.ticket.taken_at), s.ticket.id)
        )

    def by_number(self, number: str) -> list[TicketState]:
        """Tickets with this number (one a day; across days, the newest first)."""
        found = [s for s in self.tickets() if s.ticket.number == number.strip().upper()]
        return sorted(found, key=lambda s: instant(s.ticket.taken_at), reverse=True)

    def conflicts(self) -> dict[str, str]:
        """Events held but not applied, with the reason (Chinese), after folding every ticket."""
        for ticket_id in self._by_ticket:
            self.state(ticket_id)
        return dict(self._conflicts)

    def waiting(self, window: int, services: Collection[str], now: datetime) -> list[TicketState]:
        """The tickets ``window`` may call now, in call order; no ``services`` means every service
        (a window with no ``queue_services`` calls for all). A ticket is good for the day it was
        taken (当日有效): one never called yesterday is not called today before today's."""
        eligible = []
        for s in self.tickets():
            if s.status is not TicketStatus.WAITING or not taken_on(s, now.date()):
                continue
            if s.for_window is not None:
                if s.for_window != window:
                    continue
            elif services and s.service not in services:
                continue
            rank = self._rank(s, now)
            if rank is not None:
                eligible.append((rank, instant(s.queued_at), s.ticket.number, s))
        eligible.sort(key=lambda x: (x[0], x[1], x[2]))
        return [x[3] for x in eligible]

    def next_for(self, window: int, services: Collection[str], now: datetime) -> TicketState | None:
        found = self.waiting(window, services, now)
        return found[0] if found else None

    def waiting_by_lane(self, day: date) -> dict[str, int]:
        """People waiting per lane: the tickets taken on ``day`` not called yet."""
        counts = {lane.id: 0 for lane in self.rules.lanes}
        for s in self.tickets():
            if s.status is TicketStatus.WAITING and taken_on(s, day):
                counts[s.ticket.lane] = counts.get(s.ticket.lane, 0) + 1
        return counts

    # -- the fold ------------------------------------------------------------------------------

    def _rank(self, s: TicketState, now: datetime) -> int | None:
        """0 an appointment whose slot has come, 1 the priority lane, 2 everyone else; None: not yet."""
        if s.ticket.priority is Priority.APPOINTMENT and s.ticket.slot:
            slot = instant(s.ticket.slot)
            if now < slot - timedelta(minutes=self.rules.appointment_early_minutes):
                return None  # too early: the citizen was told to come at the slot
            if now <= slot + timedelta(minutes=self.rules.appointment_late_minutes):
                return 0
            return 2  # late for the slot: an ordinary ticket now
        lane = self.rules.lane_by_id(s.ticket.lane)
        return 1 if lane is not None and lane.kind is LaneKind.PRIORITY else 2

    def _fold(self, ticket_id: str) -> TicketState | None:
        events = sorted(self._by_ticket.get(ticket_id, ()), key=_order)
        issued = next((e for e in events if e.kind is EventKind.ISSUED), None)
        for e in events:
            self._conflicts.pop(e.id, None)
        if issued is None:
            return None
        ticket = ticket_from_dict(issued.data["ticket"])
        state = TicketState(ticket, TicketStatus.WAITING, ticket.service, ticket.taken_at)
        for e in events:
            if e is issued:
                continue
            if e.kind is EventKind.ISSUED:
                self._conflicts[e.id] = "同一排队号重复取号"
                continue
            if instant(e.at) < instant(ticket.taken_at):
                self._conflicts[e.id] = "事件早于取号时间（设备时钟有误？）"
                continue
            applied, why = _apply(state, e, self.rules)
            if why:
                self._conflicts[e.id] = why
            else:
                state = applied
        return state


# Steps stamped in the same instant (a device whose clock gives whole seconds) fold in the order a
# ticket lives them, not by their random ids: DONE before RATED, a call before its recall.
_LIFECYCLE: Final = {
    kind: rank
    for rank, kind in enumerate(
        (
            EventKind.ISSUED,
            EventKind.CALLED,
            EventKind.RECALLED,
            EventKind.SKIPPED,
            EventKind.RETURNED,
            EventKind.TRANSFERRED,
            EventKind.SERVING,
            EventKind.DONE,
            EventKind.RATED,
        )
    )
}


def _order(e: TicketEvent) -> tuple[datetime, int, str]:
    return instant(e.at), _LIFECYCLE.get(e.kind, len(_LIFECYCLE)), e.id


def _apply(s: TicketState, e: TicketEvent, rules: QueueRules) -> tuple[TicketState, str]:
    """The state after ``e``, or the reason ``e`` cannot apply (Chinese)."""
    kind, w = e.kind, e.window
    status = s.status
    if kind is EventKind.CALLED:
        if status is TicketStatus.WAITING:
            return replace(
                s,
                status=TicketStatus.CALLED,
                window=w,
                for_window=None,
                called_at=s.called_at or e.at,
                calls=(*s.calls, (w or 0, e.at)),
            ), ""
        if status in (TicketStatus.CALLED, TicketStatus.SERVING) and s.window == w:
            return s, ""  # the same window calling again: an announcement, not a second call
        return s, f"{s.ticket.number} 已由 {s.window} 号窗口叫号或办理，{w} 号窗口的叫号未生效"
    if kind is EventKind.RECALLED:
        if status is TicketStatus.CALLED and s.window == w:
            return s, ""
        return s, f"{s.ticket.number} 不在 {w} 号窗口的叫号中，不能重呼"
    if kind is EventKind.SKIPPED:
        if status is TicketStatus.CALLED and s.window == w:
            return replace(s, status=TicketStatus.NO_SHOW, skips=s.skips + 1, window=None), ""
        return s, f"{s.ticket.number} 不在 {w} 号窗口的叫号中，不能过号"
    if kind is EventKind.RETURNED:
        if status is TicketStatus.NO_SHOW and s.skips <= rules.skip_returns:
            return replace(s, status=TicketStatus.WAITING, queued_at=e.at), ""
        return s, f"{s.ticket.number} 已过号 {s.skips} 次，不能再回到队列，请重新取号"
    if kind is EventKind.TRANSFERRED:
        if status in (TicketStatus.CALLED, TicketStatus.SERVING) and s.window == w:
            to_window = e.data.get("to_window")
            return replace(
                s,
                status=TicketStatus.WAITING,
                window=None,
                for_window=int(to_window) if to_window is not None else None,
                service=str(e.data.get("to_service") or s.service),
                queued_at=e.at,
            ), ""
        return s, f"{s.ticket.number} 不在 {w} 号窗口，不能转出"
    if kind is EventKind.SERVING:
        if status is TicketStatus.CALLED and s.window == w:
            return replace(s, status=TicketStatus.SERVING, serving_at=e.at), ""
        if status is TicketStatus.WAITING and (s.for_window in (None, w)):
            # Called by scanning the ticket at the window (the hall server was down): call and serve.
            return replace(
                s,
                status=TicketStatus.SERVING,
                window=w,
                for_window=None,
                called_at=s.called_at or e.at,
                serving_at=e.at,
                calls=(*s.calls, (w or 0, e.at)),
            ), ""
        where = f"已在 {s.window} 号窗口" if s.window is not None else "已"
        return s, f"{s.ticket.number} {where}叫号、办理或已办结，{w} 号窗口不能接办"
    if kind is EventKind.DONE:
        if status in (TicketStatus.CALLED, TicketStatus.SERVING) and s.window == w:
            case = e.data.get("case_number")
            return replace(
                s, status=TicketStatus.DONE, done_at=e.at, case_number=str(case) if case else None
            ), ""
        return s, f"{s.ticket.number} 不在 {w} 号窗口办理，不能办结"
    if kind is EventKind.RATED:
        level = e.data.get("level")
        if status is TicketStatus.DONE and isinstance(level, int) and 1 <= level <= 5 and s.rating is None:
            return replace(s, rating=level), ""
        return s, f"{s.ticket.number} 的评价未生效（尚未办结或已评价）"
    return s, f"未知的排队事件 {kind}"


def taken_on(state: TicketState, day: date) -> bool:
    """The ticket was taken on ``day`` (by the calendar of the device that issued it: taken_at's date)."""
    return state.ticket.taken_at[:10] == day.isoformat()
