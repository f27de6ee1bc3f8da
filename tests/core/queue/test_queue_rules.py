"""Priority by rules, numbers, the call order, the fold's refusals, the figures."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from core.errors import ValidationError
from core.queue.codec import event_from_dict, event_to_dict
from core.queue.ledger import Ledger
from core.queue.model import (
    Applicant,
    EventKind,
    Priority,
    TicketStatus,
    load_queue_rules,
    parse_ticket_number,
)
from core.queue.rules import age_on, new_ticket, priority_for, queue_event
from core.queue.stats import queue_stats, tickets_csv

CHINA = timezone(timedelta(hours=8))
RULES = load_queue_rules()
T0 = datetime(2026, 12, 7, 9, 0, tzinfo=CHINA)


def at(minutes: float) -> str:
    return (T0 + timedelta(minutes=minutes)).isoformat(timespec="seconds")


def issue(ledger: Ledger, seq: int, minutes: float, priority: Priority = Priority.NONE, **kw: object) -> str:
    ticket, event = new_ticket(
        RULES,
        seq=seq,
        service="newborn",
        service_name="新生儿出生“一件事”",
        priority=priority,
        taken_at=at(minutes),
        issued_by="kiosk-1",
        **kw,  # type: ignore[arg-type]
    )
    ledger.add(event)
    return ticket.id


def test_priority_is_decided_by_rules_not_by_staff() -> None:
    today = date(2026, 12, 7)
    assert priority_for(RULES, today=today, birth_date=date(1956, 12, 7)) is Priority.ELDERLY  # 70 today
    assert (
        priority_for(RULES, today=today, birth_date=date(1956, 12, 8)) is Priority.NONE
    )  # 69 until tomorrow
    assert priority_for(RULES, today=today, claim="military") is Priority.MILITARY
    assert (
        priority_for(RULES, today=today, birth_date=date(1940, 1, 1), appointment=True)
        is Priority.APPOINTMENT
    )
    with pytest.raises(ValidationError) as caught:
        priority_for(RULES, today=today, claim="vip")
    assert "残疾人" in caught.value.message
    assert (
        age_on(date(2000, 2, 29), date(2070, 2, 28)) == 69
        and age_on(date(2000, 2, 29), date(2070, 3, 1)) == 70
    )


def test_numbers_online_and_offline_never_meet() -> None:
    assert parse_ticket_number("a023") == ("A", None, 23)
    assert parse_ticket_number("V1017") == ("V", 1, 17)
    with pytest.raises(ValidationError):
        parse_ticket_number("A0230")  # slot 0 does not exist
    online, _ = new_ticket(
        RULES, seq=17, service="s", service_name="s", priority=Priority.NONE, taken_at=at(0), issued_by="hall"
    )
    offline, _ = new_ticket(
        RULES,
        seq=17,
        service="s",
        service_name="s",
        priority=Priority.NONE,
        taken_at=at(0),
        issued_by="k",
        slot=1,
    )
    assert (online.number, offline.number) == ("A017", "A1017")
    with pytest.raises(ValidationError):
        new_ticket(
            RULES,
            seq=900,
            service="s",
            service_name="s",
            priority=Priority.NONE,
            taken_at=at(0),
            issued_by="hall",
        )


def test_the_call_order_puts_appointments_at_their_slot_then_priority_then_arrival() -> None:
    ledger = Ledger(RULES)
    first = issue(ledger, 1, 0)
    elderly = issue(ledger, 1, 5, Priority.ELDERLY)
    booked = issue(ledger, 1, 1, Priority.APPOINTMENT, appointment_slot=at(60))
    now = T0 + timedelta(minutes=10)
    assert [s.ticket.id for s in ledger.waiting(5, {"newborn"}, now)] == [
        elderly,
        first,
    ]  # the slot is not yet
    now = T0 + timedelta(minutes=50)
    assert [s.ticket.id for s in ledger.waiting(5, {"newborn"}, now)] == [booked, elderly, first]
    assert ledger.waiting(5, {"retirement"}, now) == []  # a window calls only what it serves
    # A window with no queue_services calls for every service (README: "empty or absent = all").
    assert [s.ticket.id for s in ledger.waiting(5, (), now)] == [booked, elderly, first]
    assert ledger.waiting_by_lane(now.date()) == {"A": 1, "V": 1, "Y": 1}
    # 当日有效: at tomorrow's opening nobody of today is waiting or called before tomorrow's tickets.
    tomorrow = now + timedelta(days=1)
    assert ledger.waiting(5, {"newborn"}, tomorrow) == []
    assert ledger.waiting_by_lane(tomorrow.date()) == {"A": 0, "V": 0, "Y": 0}


def test_a_second_window_cannot_take_a_called_ticket_and_a_skip_returns_once() -> None:
    ledger = Ledger(RULES)
    t = issue(ledger, 1, 0)
    ledger.add(queue_event(t, EventKind.CALLED, at(1), "w5", 5))
    late = queue_event(t, EventKind.CALLED, at(2), "w7", 7)
    ledger.add(late)
    state = ledger.state(t)
    assert state is not None and (state.status, state.window, len(state.calls)) == (TicketStatus.CALLED, 5, 1)
    assert "5 号窗口" in ledger.conflicts()[late.id]
    ledger.add(queue_event(t, EventKind.SKIPPED, at(3), "w5", 5))
    ledger.add(queue_event(t, EventKind.RETURNED, at(10), "kiosk-1"))
    ledger.add(queue_event(t, EventKind.CALLED, at(11), "w7", 7))
    ledger.add(queue_event(t, EventKind.SKIPPED, at(12), "w7", 7))
    again = queue_event(t, EventKind.RETURNED, at(20), "kiosk-1")
    ledger.add(again)
    state = ledger.state(t)
    assert state is not None and state.status is TicketStatus.NO_SHOW and state.skips == 2
    assert "重新取号" in ledger.conflicts()[again.id]


def test_service_transfer_done_and_rating_make_the_figures() -> None:
    ledger = Ledger(RULES)
    a = issue(ledger, 1, 0, applicant=Applicant("林晓雨", "320115199003070043", "1990-03-07", "女"))
    b = issue(ledger, 2, 2)
    for event in (
        queue_event(a, EventKind.CALLED, at(40), "w5", 5),  # 40 minutes: over the 30-minute target
        queue_event(a, EventKind.SERVING, at(41), "w5", 5),
        queue_event(a, EventKind.DONE, at(51), "w5", 5, case_number="32011526120700100014"),
        queue_event(a, EventKind.RATED, at(52), "pad-5", 5, level=5),
        queue_event(b, EventKind.CALLED, at(10), "w5", 5),
        queue_event(b, EventKind.TRANSFERRED, at(12), "w5", 5, to_window=7),
    ):
        ledger.add(event)
    assert [s.ticket.id for s in ledger.waiting(5, {"newborn"}, T0 + timedelta(hours=1))] == []
    assert [s.ticket.id for s in ledger.waiting(7, set(), T0 + timedelta(hours=1))] == [b]
    stats = queue_stats(ledger.tickets(), RULES, by="window")
    assert stats.total.tickets == 2 and stats.total.served == 1 and stats.total.over_target == 1
    assert stats.total.rating_mean == 5.0
    row = next(g for g in stats.groups if g.key == "5")
    assert row.service_median_s == 600.0
    text = tickets_csv(ledger.tickets())
    assert "32011526120700100014" in text and "林晓雨" not in text and "320115199003070043" not in text


def test_events_round_trip_and_a_malformed_one_is_refused_by_field() -> None:
    ledger = Ledger(RULES)
    t = issue(ledger, 1, 0)
    for event in ledger.events():
        assert event_from_dict(event_to_dict(event)) == event
    with pytest.raises(ValidationError) as caught:
        event_from_dict({"id": "e", "ticket_id": t, "kind": "called", "at": at(1), "device": "w"})
    assert "window" in caught.value.field
    with pytest.raises(ValidationError):
        event_from_dict(
            {"id": "e", "ticket_id": t, "kind": "issued", "at": at(1), "device": "w", "data": {"ticket": {}}}
        )


def test_steps_in_the_same_second_fold_in_the_order_a_ticket_lives_them() -> None:
    from core.queue.model import TicketEvent

    for ids in (("0" * 32, "f" * 32), ("f" * 32, "0" * 32)):  # whichever random id sorts first
        ledger = Ledger(RULES)
        t = issue(ledger, 1, 0)
        ledger.add(queue_event(t, EventKind.CALLED, at(1), "w5", 5))
        ledger.add(TicketEvent(ids[0], t, EventKind.RATED, at(2), "pad-5", 5, {"level": 4}))
        ledger.add(
            TicketEvent(ids[1], t, EventKind.DONE, at(2), "w5", 5, {"case_number": "32011526120700100014"})
        )
        state = ledger.state(t)
        assert state is not None and state.status is TicketStatus.DONE and state.rating == 4
        assert ledger.conflicts() == {}
