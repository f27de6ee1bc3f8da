"""The hall manager's figures (``tongban queue stats``): waiting and service times by hour, lane,
service and window, the tickets over the hall's waiting target, ratings joined to tickets; CSV."""

from __future__ import annotations

import csv
import io
import statistics
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from core.queue.ledger import TicketState, instant
from core.queue.model import QueueRules


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


def tickets_csv(states: Iterable[TicketState]) -> str:
    """One row a ticket (no personal data: the number, not the applicant)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
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
        ]
    )
    for s in states:
        writer.writerow(
            [
                s.ticket.number,
                s.ticket.lane,
                s.ticket.priority.value,
                s.service,
                s.ticket.taken_at,
                s.called_at or "",
                s.window or "",
                s.done_at or "",
                _num(s.waiting_s),
                _num(s.service_s),
                s.status.value,
                s.case_number or "",
                s.rating or "",
            ]
        )
    return out.getvalue()


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:.0f}"
