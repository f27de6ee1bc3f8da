"""The hall server down mid-morning: two kiosks issue from their own ranges, two windows call by
scanning; when the server returns the ledgers merge — no ticket lost, none doubled, none called
twice, the devices' times kept — whatever the order, however often a device re-sends."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from core.queue.ledger import Ledger
from core.queue.model import EventKind, Priority, TicketEvent, TicketStatus, load_queue_rules
from core.queue.rules import new_ticket, queue_event

CHINA = timezone(timedelta(hours=8))
RULES = load_queue_rules()
T0 = datetime(2026, 12, 7, 9, 0, tzinfo=CHINA)


def at(seconds: float) -> str:
    return (T0 + timedelta(seconds=seconds)).isoformat(timespec="milliseconds")


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), before=st.integers(0, 15), during=st.integers(1, 40))
def test_merging_after_an_outage_loses_doubles_and_double_calls_nothing(
    seed: int, before: int, during: int
) -> None:
    rng = random.Random(seed)
    server = Ledger(RULES)
    clock = 0.0
    # Morning: the hall server issues and windows call through it.
    for seq in range(1, before + 1):
        clock += rng.uniform(5, 60)
        _, issued = new_ticket(
            RULES,
            seq=seq,
            service="newborn",
            service_name="出生",
            priority=Priority.NONE,
            taken_at=at(clock),
            issued_by="hall",
        )
        server.add(issued)
    called_before = {}
    for state in server.tickets()[: before // 2]:
        clock += 5
        event = queue_event(state.ticket.id, EventKind.CALLED, at(clock), "w5", 5)
        server.add(event)
        called_before[state.ticket.id] = 5
    # The server dies. Each device keeps its own ledger.
    kiosks = {1: Ledger(RULES), 2: Ledger(RULES)}
    windows = {5: Ledger(RULES), 7: Ledger(RULES)}
    paper: list[tuple[str, str]] = []  # (ticket id, number) in citizens' hands
    counters = {1: 0, 2: 0}
    for _ in range(during):
        clock += rng.uniform(1, 30)
        slot = rng.choice((1, 2))
        counters[slot] += 1
        ticket, issued = new_ticket(
            RULES,
            seq=counters[slot],
            service="newborn",
            service_name="出生",
            priority=rng.choice((Priority.NONE, Priority.ELDERLY)),
            taken_at=at(clock),
            issued_by=f"kiosk-{slot}",
            slot=slot,
        )
        kiosks[slot].add(issued)
        paper.append((ticket.id, ticket.number))
    served: dict[str, int] = {}
    for ticket_id, _ in rng.sample(paper, k=len(paper) * 2 // 3):
        window = rng.choice((5, 7))
        clock += rng.uniform(10, 120)
        windows[window].add(queue_event(ticket_id, EventKind.SERVING, at(clock), f"w{window}", window))
        if rng.random() < 0.2:  # the citizen also shows the same ticket at the other window
            other = 12 - window
            windows[other].add(queue_event(ticket_id, EventKind.SERVING, at(clock + 30), f"w{other}", other))
        clock += rng.uniform(30, 300)
        windows[window].add(queue_event(ticket_id, EventKind.DONE, at(clock), f"w{window}", window))
        served.setdefault(ticket_id, window)
    # The server returns: every device sends its ledger, in any order, some twice.
    batches: list[list[TicketEvent]] = [ledger.events() for ledger in (*kiosks.values(), *windows.values())]
    batches += rng.sample(batches, k=2)
    rng.shuffle(batches)
    for batch in batches:
        server.merge(rng.sample(batch, k=len(batch)))
    assert server.merge(e for batch in batches for e in batch) == 0  # a third time: nothing new

    tickets = server.tickets()
    ids = [s.ticket.id for s in tickets]
    numbers = [s.ticket.number for s in tickets]
    assert len(ids) == len(set(ids)) == before + during  # none lost, none doubled
    assert len(numbers) == len(set(numbers))
    by_id = {s.ticket.id: s for s in tickets}
    for ticket_id, number in paper:
        state = by_id[ticket_id]
        assert state.ticket.number == number
        assert state.ticket.taken_at == kiosks[1 if number[1] == "1" else 2].state(ticket_id).ticket.taken_at  # type: ignore[union-attr]
        if ticket_id in served:
            assert len(state.calls) == 1 and state.status is TicketStatus.DONE  # called once, at one window
            assert state.window == served[ticket_id]  # the first scan in time won
        else:
            assert state.status is TicketStatus.WAITING and not state.calls
    for ticket_id, window in called_before.items():
        assert by_id[ticket_id].status is TicketStatus.CALLED and by_id[ticket_id].window == window

    # The same events merged in another order fold to the same states.
    other = Ledger(RULES)
    every = server.events()
    other.merge(rng.sample(every, k=len(every)))
    assert other.tickets() == tickets
