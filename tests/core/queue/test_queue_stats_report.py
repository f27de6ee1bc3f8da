"""The day's figures as the hall server answers them (core/queue/stats.py ``day_report``): the
tickets of that day only, the numbers over the waiting target, the CSV rows; read back strictly
(a reply that breaks the shape is refused naming its field); typed ticket numbers read."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from core.errors import ValidationError
from core.queue.ledger import Ledger
from core.queue.model import EventKind, typed_ticket_number
from core.queue.rules import queue_event
from core.queue.stats import day_report, report_from_dict, report_to_dict, rows_csv, tickets_csv
from tests.core.queue.test_queue_rules import RULES, T0, at, issue


def test_a_days_report_round_trips_and_a_broken_one_is_refused() -> None:
    ledger = Ledger(RULES)
    late = issue(ledger, 1, 0)
    issue(ledger, 2, 5)
    issue(ledger, 3, 24 * 60)  # the next day's
    ledger.add(queue_event(late, EventKind.CALLED, at(45), "w5", 5))
    report = day_report(ledger.tickets(), RULES, T0.date(), "lane")
    assert report.stats.total.tickets == 2 and report.over_target == ("A001",)
    assert rows_csv(report.rows) == tickets_csv(ledger.tickets()[:2])
    wire = json.loads(json.dumps(report_to_dict(report), ensure_ascii=False))
    assert report_from_dict(wire) == report
    assert "rows" not in report_to_dict(report, rows=False)
    assert day_report(ledger.tickets(), RULES, T0.date() + timedelta(days=1)).stats.total.tickets == 1
    assert day_report(ledger.tickets(), RULES, date(2026, 1, 1)).rows == ()
    for field, value in (
        ("by", "mood"),
        ("target_s", "30"),
        ("rows", [["A001"]]),
        ("over_target", [1]),
        ("total", {**wire["total"], "tickets": -1}),
        ("groups", [{**wire["groups"][0], "waiting_median_s": "long"}]),
    ):
        with pytest.raises(ValidationError) as refused:
            report_from_dict({**wire, field: value})
        assert field.split("_")[0] in refused.value.detail


def test_typed_ticket_numbers_are_read_as_tickets_carry_them() -> None:
    assert [typed_ticket_number(t) for t in (" a023 ", "Ａ０２３", "v1017", "A 0 2 3")] == [
        "A023",
        "A023",
        "V1017",
        "A023",
    ]
    for bad in ("A000", "A1000", "A02", "甲023", ""):
        with pytest.raises(ValidationError):
            typed_ticket_number(bad)
