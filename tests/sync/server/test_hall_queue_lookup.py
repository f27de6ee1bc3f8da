"""A typed ticket number and the supervisor's figures on the hall server, over real HTTP on
127.0.0.1 with signed requests: ``GET /queue/tickets?number=`` finds today's ticket only (typed
forms read, a bad number refused), and ``GET /queue/stats`` answers the very figures
``tongban queue stats`` computes over the same ledger, with the per-ticket CSV rows."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from core.cli.main import main
from core.queue.ledger import Ledger
from core.queue.model import EventKind, Priority, TicketStatus, load_queue_rules
from core.queue.rules import new_ticket, queue_event
from core.queue.stats import BY, on_day, queue_stats, report_to_dict, tickets_csv
from sync.client import PlatformClient
from sync.errors import SyncPermanentError
from sync.queue_client import call_next, send_events, stats, take_ticket, ticket_by_number
from sync.server.queue_ledger import row_event
from sync.server.runner import ThreadedPlatform
from tests.sync.server.platform_kit import Device

TIMEOUT = (1.0, 5.0)
RULES = load_queue_rules()


def _client(platform: ThreadedPlatform, device: Device) -> PlatformClient:
    return PlatformClient(platform.url, device_id=device.device_id, secret=device.secret, timeout=TIMEOUT)


def test_a_typed_number_finds_todays_ticket_only(
    platform: ThreadedPlatform, enrolled: Callable[..., Device]
) -> None:
    now = platform.platform.clock.now()
    old, issued_then = new_ticket(
        RULES,
        seq=2,
        service="retirement",
        service_name="退休",
        priority=Priority.NONE,
        taken_at=(now - timedelta(days=1)).isoformat(),
        issued_by="kiosk-1",
    )
    with _client(platform, enrolled()) as client:
        assert send_events(client, [issued_then]) == {}  # yesterday's A002: in the ledger, not today
        first = take_ticket(client, service="newborn", service_name="出生").ticket
        assert first.number == "A001"
        for typed in ("A001", " a001 ", "Ａ００１"):
            found = ticket_by_number(client, typed)
            assert found is not None and found.ticket.id == first.id and found.status is TicketStatus.WAITING
        assert ticket_by_number(client, "A002") is None  # yesterday's number is not today's ticket
        assert ticket_by_number(client, "A999") is None
        called = call_next(client, 4, ["newborn"])
        assert called is not None and called.ticket.id == first.id
        found = ticket_by_number(client, "a001")
        assert found is not None and (found.status, found.window) == (TicketStatus.CALLED, 4)
        for bad in ("不是号码", "A000", "AB12"):
            with pytest.raises(SyncPermanentError) as refused:
                ticket_by_number(client, bad)
            assert refused.value.status == 400 and refused.value.message
        assert old.id != first.id


def test_the_stats_endpoint_answers_what_queue_stats_computes(
    platform: ThreadedPlatform,
    enrolled: Callable[..., Device],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    now = platform.platform.clock.now()
    with _client(platform, enrolled()) as client:
        taken = [
            take_ticket(client, service=s, service_name=s).ticket
            for s in ("newborn", "newborn", "retirement")
        ]
        steps = []
        for n, (window, service) in enumerate(((3, "newborn"), (5, "newborn"), (5, "retirement"))):
            called = call_next(client, window, [service])
            assert called is not None
            done_at = now + timedelta(minutes=6 + 4 * n)
            steps.append(
                queue_event(
                    called.ticket.id, EventKind.DONE, done_at.isoformat(), "w", window, case_number=f"C{n}"
                )
            )
            if n < 2:
                at = (done_at + timedelta(seconds=30)).isoformat()
                steps.append(queue_event(called.ticket.id, EventKind.RATED, at, "pad", None, level=5 - n))
        late, issued = new_ticket(  # an outage's ticket, taken long before a window scanned it
            RULES,
            seq=1,
            slot=2,
            service="newborn",
            service_name="出生",
            priority=Priority.NONE,
            taken_at=(now - timedelta(minutes=RULES.waiting_target_minutes + 5)).isoformat(),
            issued_by="kiosk-2",
        )
        steps += [issued, queue_event(late.id, EventKind.SERVING, now.isoformat(), "w7", 7)]
        assert send_events(client, steps) == {}
        reports = {by: stats(client, now.date(), by) for by in BY}
        with pytest.raises(SyncPermanentError) as refused:
            client.request_json("GET", "/api/v1/queue/stats?day=2026-13-01")
        assert refused.value.status == 400
        with pytest.raises(SyncPermanentError):
            client.request_json("GET", "/api/v1/queue/stats?by=mood")

    with sqlite3.connect(f"file:{platform.platform.config.db_path}?mode=ro", uri=True) as db:
        rows = db.execute("SELECT id, ticket_id, kind, at, device, window, data FROM queue_events").fetchall()
    ledger = Ledger(RULES)
    ledger.merge(row_event(row) for row in rows)
    states = on_day(ledger.tickets(), now.date())
    assert len(states) == len(taken) + 1 == 4
    for by, report in reports.items():
        assert report.stats == queue_stats(states, RULES, by=by)
    report = reports["window"]
    assert report.stats.total.rated == 2 and report.stats.total.rating_mean == 4.5
    assert [g.key for g in report.stats.groups] == ["3", "5", "7"]
    assert report.over_target == (late.number,) and report.stats.total.over_target == 1
    assert [",".join(r) for r in report.rows] == tickets_csv(states).splitlines()[1:]
    assert all(taken[0].id not in ",".join(r) for r in report.rows)  # numbers, not ids or people

    day = now.date().isoformat()
    db_path = str(platform.platform.config.db_path)
    assert main(["queue", "stats", "--db", db_path, "--day", day, "--by", "window", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == report_to_dict(report, rows=False)
