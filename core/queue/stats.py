"""The hall manager's figures: waiting and service times by hour, lane, service and window, the
tickets over the hall's waiting target, ratings joined to tickets; CSV.

One computation for every reader: ``day_report`` is what ``tongban queue stats`` prints and what the
hall server answers on ``GET /api/v1/queue/stats`` (the window client's 排队统计 view reads it with
``report_from_dict``); its per-ticket rows carry no personal data (the number, not the applicant).
"""

from __future__ import annotations

import csv
import io
import statistics
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, fields
from datetime import date
from typing import Any, Final

from core.errors import ValidationError
from core.queue.ledger import TicketState, instant, taken_on
from core.queue.model import QueueRules

# The per-ticket CSV's columns (no personal data: the number, not the applicant).
CSV_FIELDS: Final = (
    "number",
    "lane",
    "priority",
    "service",
    "taken_at",
    "called_at",
    "window",
    "done_at",
    "waiting_s",
    "service_s",
    "status",
    "case_number",
    "rating",
)
MAX_ROWS: Final = 20_000  # a day's tickets in one answer; a busy hall issues a few thousand


@dataclass(frozen=True, slots=True)
class Group:
    """One row of the figures: a value of the grouping key and what its tickets show."""

    key: str
    tickets: int
    served: int
    waiting_median_s: float | None
    waiting_max_s: float | None
    service_median_s: float | None
    over_target: int
    rated: int
    rating_mean: float | None


@dataclass(frozen=True, slots=True)
class QueueStats:
    by: str
    target_s: int
    groups: tuple[Group, ...]
    total: Group


BY: dict[str, Callable[[TicketState], str]] = {
    "hour": lambda s: f"{instant(s.ticket.taken_at):%Y-%m-%d %H}:00",
    "lane": lambda s: s.ticket.lane,
    "service": lambda s: s.service,
    "window": lambda s: str(s.window) if s.window is not None else "-",
}


def _group(key: str, states: Sequence[TicketState], target_s: int) -> Group:
    waits = [w for w in (s.waiting_s for s in states) if w is not None]
    services = [v for v in (s.service_s for s in states) if v is not None]
    ratings = [s.rating for s in states if s.rating is not None]
    over = sum(1 for s in states if s.waiting_s is not None and s.waiting_s > target_s)
    return Group(
        key=key,
        tickets=len(states),
        served=sum(1 for s in states if s.done_at is not None),
        waiting_median_s=statistics.median(waits) if waits else None,
        waiting_max_s=max(waits) if waits else None,
        service_median_s=statistics.median(services) if services else None,
        over_target=over,
        rated=len(ratings),
        rating_mean=round(statistics.fmean(ratings), 2) if ratings else None,
    )


def queue_stats(states: Iterable[TicketState], rules: QueueRules, by: str = "hour") -> QueueStats:
    if by not in BY:
        raise ValueError(f"group by one of {', '.join(BY)}")
    target_s = rules.waiting_target_minutes * 60
    listed = list(states)
    groups: dict[str, list[TicketState]] = {}
    for s in listed:
        groups.setdefault(BY[by](s), []).append(s)
    return QueueStats(
        by=by,
        target_s=target_s,
        groups=tuple(_group(k, v, target_s) for k, v in sorted(groups.items())),
        total=_group("全部", listed, target_s),
    )


def over_target(states: Iterable[TicketState], rules: QueueRules) -> list[TicketState]:
    """Tickets that waited longer than the hall's target, longest first."""
    target_s = rules.waiting_target_minutes * 60
    late = [s for s in states if s.waiting_s is not None and s.waiting_s > target_s]
    return sorted(late, key=lambda s: -(s.waiting_s or 0))


def on_day(states: Iterable[TicketState], day: date) -> list[TicketState]:
    """The tickets taken on ``day`` (the calendar of the device that issued them: taken_at's date)."""
    return [s for s in states if taken_on(s, day)]


def ticket_rows(states: Iterable[TicketState]) -> list[tuple[str, ...]]:
    """One row a ticket, in CSV_FIELDS' order, as text."""
    return [
        (
            s.ticket.number,
            s.ticket.lane,
            s.ticket.priority.value,
            s.service,
            s.ticket.taken_at,
            s.called_at or "",
            str(s.window or ""),
            s.done_at or "",
            _num(s.waiting_s),
            _num(s.service_s),
            s.status.value,
            s.case_number or "",
            str(s.rating or ""),
        )
        for s in states
    ]


def rows_csv(rows: Iterable[Sequence[str]]) -> str:
    """The per-ticket CSV: a header, then ``rows`` (ticket_rows', here or from the hall server)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    writer.writerows(rows)
    return out.getvalue()


def tickets_csv(states: Iterable[TicketState]) -> str:
    """One row a ticket (no personal data: the number, not the applicant)."""
    return rows_csv(ticket_rows(states))


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:.0f}"


@dataclass(frozen=True, slots=True)
class DayReport:
    """A day's figures: grouped, the numbers over the waiting target (longest first), the CSV rows."""

    day: str
    stats: QueueStats
    over_target: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def day_report(states: Iterable[TicketState], rules: QueueRules, day: date, by: str = "hour") -> DayReport:
    """The figures of the tickets taken on ``day`` among ``states`` (a ledger's tickets)."""
    listed = on_day(states, day)
    return DayReport(
        day=day.isoformat(),
        stats=queue_stats(listed, rules, by=by),
        over_target=tuple(s.ticket.number for s in over_target(listed, rules)),
        rows=tuple(ticket_rows(listed)),
    )


def report_to_dict(report: DayReport, *, rows: bool = True) -> dict[str, Any]:
    data: dict[str, Any] = {
        "day": report.day,
        "by": report.stats.by,
        "target_s": report.stats.target_s,
        "groups": [asdict(g) for g in report.stats.groups],
        "total": asdict(report.stats.total),
        "over_target": list(report.over_target),
    }
    if rows:
        data["fields"] = list(CSV_FIELDS)
        data["rows"] = [list(r) for r in report.rows]
    return data


def report_from_dict(data: object) -> DayReport:
    """The hall server's answer read strictly; ValidationError naming the field that breaks it."""
    if not isinstance(data, Mapping):
        raise _bad("$", "not an object")
    by, day, target = data.get("by"), data.get("day"), data.get("target_s")
    if by not in BY or not isinstance(day, str) or len(day) != 10:
        raise _bad("by/day", "missing or unknown")
    if not isinstance(target, int) or isinstance(target, bool):
        raise _bad("target_s", "not an integer")
    groups = data.get("groups")
    if not isinstance(groups, list):
        raise _bad("groups", "not a list")
    late = data.get("over_target")
    if not isinstance(late, list) or not all(isinstance(n, str) for n in late):
        raise _bad("over_target", "not a list of numbers")
    rows = data.get("rows")
    if data.get("fields") != list(CSV_FIELDS) or not isinstance(rows, list) or len(rows) > MAX_ROWS:
        raise _bad("rows", "not the per-ticket rows")
    for i, row in enumerate(rows):
        if (
            not isinstance(row, list)
            or len(row) != len(CSV_FIELDS)
            or not all(isinstance(v, str) for v in row)
        ):
            raise _bad(f"rows[{i}]", "not a row of text")
    stats = QueueStats(
        str(by),
        target,
        tuple(_group_from(g, f"groups[{i}]") for i, g in enumerate(groups)),
        _group_from(data.get("total"), "total"),
    )
    return DayReport(day, stats, tuple(late), tuple(tuple(r) for r in rows))


def _group_from(raw: object, where: str) -> Group:
    if not isinstance(raw, Mapping):
        raise _bad(where, "not an object")
    values: dict[str, Any] = {}
    for f in fields(Group):
        value = raw.get(f.name)
        if f.name == "key":
            ok = isinstance(value, str)
        elif f.type in ("int", int):
            ok = isinstance(value, int) and not isinstance(value, bool) and value >= 0
        else:  # float | None
            ok = value is None or (isinstance(value, int | float) and not isinstance(value, bool))
        if not ok:
            raise _bad(f"{where}.{f.name}", "missing or of the wrong type")
        values[f.name] = value
    return Group(**values)


def _bad(where: str, why: str) -> ValidationError:
    return ValidationError(
        "stats", f"排队统计数据 {where} 有误", f"queue stats {where}: {why}", code="queue.bad_stats"
    )
