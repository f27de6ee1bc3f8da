"""Working-day arithmetic for promised time limits (承诺时限) and 容缺 deadlines."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta


def is_working_day(day: date, holidays: Collection[date] = (), workdays: Collection[date] = ()) -> bool:
    """Monday–Friday, minus configured public holidays, plus configured make-up days (调休)."""
    if day in workdays:
        return True
    return day.weekday() < 5 and day not in holidays


def add_working_days(
    start: date, days: int, holidays: Collection[date] = (), workdays: Collection[date] = ()
) -> date:
    """The date ``days`` working days after ``start`` (the start day itself does not count)."""
    if days < 0:
        raise ValueError("days must not be negative")
    current = start
    left = days
    while left:
        current += timedelta(days=1)
        if is_working_day(current, holidays, workdays):
            left -= 1
    return current


def working_days_between(
    start: date, end: date, holidays: Collection[date] = (), workdays: Collection[date] = ()
) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when ``end`` ≤ ``start``): the inverse
    of ``add_working_days`` — ``working_days_between(d, add_working_days(d, n)) == n``."""
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        if is_working_day(day, holidays, workdays):
            count += 1
    return count
