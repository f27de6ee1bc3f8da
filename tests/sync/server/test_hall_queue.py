"""The hall's queue on the hall server, over real HTTP on 127.0.0.1 with signed requests: a ticket
taken by ID card reaches the window that calls it (applicant for the intake), two windows calling at
once never get the same ticket, the display reads the calls, and an outage's ledgers merge once."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date, datetime, timedelta

import pytest

from core.queue.ledger import Ledger
from core.queue.model import Applicant, EventKind, Priority, TicketStatus, load_queue_rules
from core.queue.rules import new_ticket, queue_event
from sync.client import PlatformClient
from sync.errors import SyncPermanentError
from sync.queue_client import board, call_next, send_events, take_ticket, ticket
from sync.server.runner import ThreadedPlatform
from tests.sync.server.platform_kit import Device

TIMEOUT = (1.0, 5.0)
MOTHER = Applicant("林晓雨", "320115199003070043", "1990-03-07", "女")


def _client(platform: ThreadedPlatform, device: Device) -> PlatformClient:
    return PlatformClient(platform.url, device_id=device.device_id, secret=device.secret, timeout=TIMEOUT)


def test_a_ticket_by_id_card_is_called_with_its_applicant_and_shown_on_the_board(
    platform: ThreadedPlatform, enrolled: Callable[..., Device]
) -> None:
    kiosk, window = _client(platform, enrolled()), _client(platform, enrolled())
    with kiosk, window:
        first = take_ticket(
            kiosk,
            service="newborn",
            service_name="新生儿出生“一件事”",
            applicant=MOTHER,
            birth_date=date(1990, 3, 7),
        )
        elder = take_ticket(
            kiosk, service="newborn", service_name="新生儿出生“一件事”", birth_date=date(1950, 1, 1)
        )
        assert (first.ticket.number, first.ahead) == ("A001", 0)
        assert (
            elder.ticket.priority is Priority.ELDERLY and elder.ticket.number == "V001" and elder.ahead == 0
        )
        assert call_next(window, 5, ["retirement"]) is None  # this window serves another matter
        called = call_next(window, 5, ["newborn"])
        assert called is not None and called.ticket.number == "V001"  # the priority lane first
        called = call_next(window, 6, ["newborn"])
        assert called is not None and called.ticket.id == first.ticket.id and called.window == 6
        assert called.ticket.applicant == Applicant(MOTHER.name, MOTHER.id_number, "1990-03-07", "女")
        now = platform.platform.clock.now()
        steps = [
            queue_event(
                first.ticket.id, EventKind.SERVING, (now + timedelta(seconds=5)).isoformat(), "w6", 6
            ),
            queue_event(
                first.ticket.id,
                EventKind.DONE,
                (now + timedelta(minutes=9)).isoformat(),
                "w6",
                6,
                case_number="32011526120700100014",
            ),
        ]
        assert send_events(window, steps) == {}
        assert send_events(window, steps) == {}  # sent again: nothing new, nothing refused
        done = ticket(window, first.ticket.id)
        assert done.status is TicketStatus.DONE and done.case_number == "32011526120700100014"
        shown = board(window)
        assert [(c.number, c.window) for c in shown.calls] == [("V001", 5), ("A001", 6)]
        assert board(window, shown.cursor).calls == ()
        with pytest.raises(SyncPermanentError):
            take_ticket(kiosk, service="newborn", service_name="x", claim="vip")


def test_people_ahead_are_those_the_same_windows_call_first(
    platform: ThreadedPlatform, enrolled: Callable[..., Device]
) -> None:
    """A 无差别 hall's windows call every matter: a ticket for another matter taken earlier is ahead.
    Where windows serve matters apart, only the tickets of the windows that call this one count."""
    kiosk, window = _client(platform, enrolled()), _client(platform, enrolled())

    def take(service: str) -> int:
        return take_ticket(kiosk, service=service, service_name=service).ahead

    with kiosk, window:
        assert take("newborn") == 0
        assert take("hpf_housing_loan") == 1  # no window known yet: everyone waiting goes first
        assert call_next(window, 1, []) is not None  # window 1 calls every matter
        assert take("retirement") == 1
        assert call_next(window, 1, []) is not None and call_next(window, 1, []) is not None
        # Now the windows serve matters apart: 1 retirement, 5 births, 6 housing loans.
        for number, services in ((1, ["retirement"]), (5, ["newborn"]), (6, ["hpf_housing_loan"])):
            assert call_next(window, number, services) is None  # nobody waits
        assert take("newborn") == 0
        assert take("hpf_housing_loan") == 0  # the birth ticket waits for window 5, not for 6
        assert take("newborn") == 1


def test_two_windows_calling_at_once_never_get_the_same_ticket(
    platform: ThreadedPlatform, enrolled: Callable[..., Device]
) -> None:
    kiosk = _client(platform, enrolled())
    with kiosk:
        for _ in range(12):
            take_ticket(kiosk, service="newborn", service_name="出生")
    got: list[str] = []
    lock = threading.Lock()
    devices = [enrolled() for _ in range(4)]

    def window(n: int) -> None:
        with _client(platform, devices[n]) as client:
            while (called := call_next(client, n + 1, ["newborn"])) is not None:
                with lock:
                    got.append(called.ticket.number)

    threads = [threading.Thread(target=window, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(got) == [f"A{n:03d}" for n in range(1, 13)]


def test_an_outage_ledger_sent_when_the_server_returns_is_merged_once(
    platform: ThreadedPlatform, enrolled: Callable[..., Device]
) -> None:
    rules = load_queue_rules()
    offline = Ledger(rules)
    now: datetime = platform.platform.clock.now()
    tickets = []
    for seq in range(1, 6):
        t, issued = new_ticket(
            rules,
            seq=seq,
            service="newborn",
            service_name="出生",
            priority=Priority.NONE,
            taken_at=(now + timedelta(minutes=seq)).isoformat(),
            issued_by="kiosk-2",
            slot=2,
        )
        offline.add(issued)
        tickets.append(t)
    served = queue_event(tickets[0].id, EventKind.SERVING, (now + timedelta(minutes=7)).isoformat(), "w7", 7)
    twice = queue_event(tickets[0].id, EventKind.SERVING, (now + timedelta(minutes=8)).isoformat(), "w5", 5)
    with _client(platform, enrolled()) as client:
        assert send_events(client, offline.events()) == {}
        conflicts = send_events(client, [served, twice])
        assert list(conflicts) == [twice.id] and "7 号窗口" in conflicts[twice.id]
        assert send_events(client, [*offline.events(), served, twice]) == {twice.id: conflicts[twice.id]}
        assert ticket(client, tickets[0].id).window == 7
        assert ticket(client, tickets[1].id).ticket.number == "A2002"
        nxt = call_next(client, 5, ["newborn"])
        assert nxt is not None and nxt.ticket.id == tickets[1].id  # the offline tickets queue like any other


def test_queue_stats_reads_the_hall_servers_day(
    platform: ThreadedPlatform,
    enrolled: Callable[..., Device],
    tmp_path: object,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import json

    from core.cli.main import main

    with _client(platform, enrolled()) as client:
        issued = take_ticket(client, service="newborn", service_name="出生")
        called = call_next(client, 3, ["newborn"])
        assert called is not None
        now = platform.platform.clock.now()
        send_events(
            client,
            [
                queue_event(
                    issued.ticket.id,
                    EventKind.DONE,
                    (now + timedelta(minutes=6)).isoformat(),
                    "w3",
                    3,
                    case_number="32011526120700100014",
                )
            ],
        )
    db = str(platform.platform.config.db_path)
    csv_path = f"{tmp_path}/tickets.csv"
    day = now.date().isoformat()
    assert (
        main(["queue", "stats", "--db", db, "--day", day, "--by", "window", "--json", "--csv", csv_path]) == 0
    )
    shown = json.loads(capsys.readouterr().out)
    assert shown["total"]["tickets"] == 1 and shown["total"]["served"] == 1
    (group,) = shown["groups"]
    assert group["key"] == "3" and 355 <= group["service_median_s"] <= 361
    with open(csv_path, encoding="utf-8") as f:
        assert "A001" in f.read()
    assert main(["queue", "stats", "--db", db, "--day", day]) == 0
    assert "排队统计" in capsys.readouterr().out
    assert main(["queue", "stats", "--db", f"{tmp_path}/none.db"]) == 2
