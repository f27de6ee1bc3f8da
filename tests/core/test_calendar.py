"""The official holiday calendar (节假日及调休) and working-day limits counted under it.

Sources of the expected dates:
- 国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号，2024-11-12），
  https://m.gmw.cn/2024-11/12/content_1303894933.htm
- 国务院办公厅关于2026年部分节假日安排的通知（2025-11-04），
  https://politics.gmw.cn/2025-11/04/content_38391083.htm
- the vectors: ../shared/research/domain-review.md §4 R1 (computed from the 2026 notice).
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from core.calendar import (
    CalendarError,
    current_calendar,
    install_calendar,
    newer,
    parse_calendar,
    pulled_path,
    shipped_calendar,
    shipped_path,
)
from core.config import DeviceConfig, config_toml, load_config
from core.workdays import add_working_days


def _span(first: str, last: str) -> set[date]:
    start, end = date.fromisoformat(first), date.fromisoformat(last)
    return {start + timedelta(days=n) for n in range((end - start).days + 1)}


# The notices' own words, day by day (see the module docstring for where each comes from).
HOLIDAYS_2025 = (
    _span("2025-01-01", "2025-01-01")  # 元旦：1月1日（周三）放假1天，不调休
    | _span("2025-01-28", "2025-02-04")  # 春节：1月28日至2月4日放假调休，共8天
    | _span("2025-04-04", "2025-04-06")  # 清明节
    | _span("2025-05-01", "2025-05-05")  # 劳动节
    | _span("2025-05-31", "2025-06-02")  # 端午节
    | _span("2025-10-01", "2025-10-08")  # 国庆节、中秋节：共8天
)
WORKDAYS_2025 = {
    date(2025, 1, 26),
    date(2025, 2, 8),
    date(2025, 4, 27),
    date(2025, 9, 28),
    date(2025, 10, 11),
}
HOLIDAYS_2026 = (
    _span("2026-01-01", "2026-01-03")  # 元旦
    | _span("2026-02-15", "2026-02-23")  # 春节：共9天
    | _span("2026-04-04", "2026-04-06")  # 清明节
    | _span("2026-05-01", "2026-05-05")  # 劳动节
    | _span("2026-06-19", "2026-06-21")  # 端午节
    | _span("2026-09-25", "2026-09-27")  # 中秋节
    | _span("2026-10-01", "2026-10-07")  # 国庆节
)
WORKDAYS_2026 = {
    date(2026, 1, 4),
    date(2026, 2, 14),
    date(2026, 2, 28),
    date(2026, 5, 9),
    date(2026, 9, 20),
    date(2026, 10, 10),
}


def test_shipped_calendar_is_the_notices_day_by_day() -> None:
    cal = shipped_calendar()
    assert cal.years == (2025, 2026)
    in_years = {d for d in cal.holidays if d.year in (2025, 2026)}
    assert in_years == HOLIDAYS_2025 | HOLIDAYS_2026
    assert cal.workdays == WORKDAYS_2025 | WORKDAYS_2026
    titles = dict(cal.sources)
    assert titles[2025].number == "国办发明电〔2024〕12号"
    assert titles[2025].issued == date(2024, 11, 12)
    assert titles[2026].issued == date(2025, 11, 4)
    assert all(s.url.startswith("https://") for _, s in cal.sources)


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (date(2026, 9, 30), 5, date(2026, 10, 13)),  # R1: 国庆 10-01..07 off, 10-10 (Sat) worked
        (date(2026, 9, 30), 15, date(2026, 10, 27)),  # R1: newborn with 生育津贴
        (date(2026, 2, 13), 5, date(2026, 2, 27)),  # R1: 02-14 (Sat) worked is day 1; 春节 02-15..23 off
    ],
)
def test_review_vectors(start: date, days: int, expected: date) -> None:
    due = shipped_calendar().due(start, days)
    assert (due.day, due.provisional) == (expected, False)
    assert due.calendar_version == shipped_calendar().version
    # Without the calendar (Tongban before it shipped one) each of these came out wrong.
    assert add_working_days(start, days) != expected


def test_first_working_day_after_the_start_is_day_one() -> None:
    cal = shipped_calendar()
    assert cal.due(date(2026, 2, 13), 1).day == date(2026, 2, 14)  # a 调休 Saturday
    assert cal.due(date(2026, 2, 13), 2).day == date(2026, 2, 24)  # after the Spring Festival
    assert cal.due(date(2026, 2, 13), 0).day == date(2026, 2, 13)  # 即办: the same day


def test_readme_example_day_is_a_holiday_not_a_make_up_day() -> None:
    # The old README listed workdays = ["2026-09-27"]: a Sunday inside 中秋节 (9-25 to 9-27).
    cal = shipped_calendar()
    assert date(2026, 9, 27) in cal.holidays
    assert not cal.is_working_day(date(2026, 9, 27))
    assert cal.is_working_day(date(2026, 9, 20))  # the real make-up Sunday before 国庆节


def test_past_the_last_year_limits_are_provisional() -> None:
    cal = shipped_calendar()
    # R1's fourth row: 2027-01-01 is a statutory holiday (放假办法 第二条), so day 20 is 01-05.
    due = cal.due(date(2026, 12, 7), 20)
    assert (due.day, due.provisional) == (date(2027, 1, 5), True)
    assert not cal.due(date(2026, 12, 7), 15).provisional  # 2026-12-28: still covered
    assert {date(2027, 5, 1), date(2027, 5, 2), date(2027, 10, 3)} <= cal.holidays
    assert cal.covers(date(2026, 12, 31)) and not cal.covers(date(2027, 1, 1))


def test_local_days_only_add(tmp_path: Path) -> None:
    local_holiday, local_workday = date(2026, 11, 30), date(2026, 11, 28)
    config = DeviceConfig(holidays=frozenset({local_holiday}), workdays=frozenset({local_workday}))
    cal = config.working_calendar
    assert local_holiday in cal.holidays and local_workday in cal.workdays
    assert cal.holidays >= HOLIDAYS_2026 and cal.workdays >= WORKDAYS_2026
    # The hall's file keeps only the hall's days: the official ones are data, not configuration.
    path = tmp_path / "tongban.toml"
    path.write_text(config_toml(config), encoding="utf-8")
    assert 'holidays = ["2026-11-30"]' in path.read_text(encoding="utf-8")
    assert load_config(path).holidays == frozenset({local_holiday})


def _doc(**changes: Any) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(shipped_path().read_text(encoding="utf-8"))
    doc.update(changes)
    return doc


def _bytes(doc: dict[str, Any]) -> bytes:
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def test_broken_data_lists_every_problem() -> None:
    doc = _doc(version="next")
    doc["years"]["2026"]["workdays"].append({"date": "2026-10-12", "for": "国庆节"})  # a Monday
    doc["years"]["2026"]["holidays"].append({"name": "x", "from": "2026-09-20", "to": "2026-09-20"})
    doc["years"]["2028"] = doc["years"]["2026"]
    doc["years"]["2025"]["source"]["colour"] = "red"
    with pytest.raises(CalendarError) as caught:
        parse_calendar(_bytes(doc))
    text = "\n".join(caught.value.problems)
    assert "$.version: 'next' is not" in text
    assert "2026-10-12 is a weekday" in text
    assert "both a holiday and a make-up working day: 2026-09-20" in text
    assert "the years should follow each other" in text
    assert "$.years.2025.source.colour: unknown key" in text
    assert "$.years.2028.holidays[0]: 2026-01-01 is not in 2028" in text
    with pytest.raises(CalendarError, match="not JSON"):
        parse_calendar(b"{")


def test_versions_order_by_date_then_correction() -> None:
    assert newer("2026-11-10", "2025-11-04")
    assert newer("2025-11-04.2", "2025-11-04")
    assert not newer("2025-11-04", "2025-11-04")
    assert not newer("garbage", "2025-11-04")


def _with_2027(version: str = "2026-11-10") -> bytes:
    doc = _doc(version=version)
    doc["years"]["2027"] = {
        "source": {
            "title": "测试用 2027 年安排",
            "number": "",
            "issued": "2026-11-10",
            "url": "https://example.test/",
        },
        "holidays": [{"name": "元旦", "from": "2027-01-01", "to": "2027-01-03"}],
        "workdays": [],
    }
    return _bytes(doc)


def test_a_newer_pulled_calendar_is_used(tmp_path: Path) -> None:
    assert current_calendar(tmp_path) is shipped_calendar()  # nothing pulled yet
    installed = install_calendar(tmp_path, _with_2027(), expected_version="2026-11-10")
    assert current_calendar(tmp_path) == installed
    assert installed.years == (2025, 2026, 2027)
    assert not installed.due(date(2026, 12, 7), 20).provisional
    assert load_config(tmp_path / "tongban.toml", tmp_path).calendar.version == "2026-11-10"
    assert list((tmp_path / "calendar").iterdir()) == [pulled_path(tmp_path)]  # nothing left aside


def test_an_older_or_damaged_pulled_calendar_is_not_used(tmp_path: Path) -> None:
    install_calendar(tmp_path, _bytes(_doc(version="2024-11-12")))
    assert current_calendar(tmp_path) is shipped_calendar()
    pulled_path(tmp_path).write_bytes(b"{ damaged")
    assert current_calendar(tmp_path) is shipped_calendar()


def test_a_bad_calendar_changes_nothing(tmp_path: Path) -> None:
    install_calendar(tmp_path, _with_2027())
    before = pulled_path(tmp_path).read_bytes()
    with pytest.raises(CalendarError):
        install_calendar(tmp_path, b"[]")
    with pytest.raises(CalendarError, match="the platform said"):
        install_calendar(tmp_path, _with_2027("2026-11-11"), expected_version="2026-11-12")
    assert pulled_path(tmp_path).read_bytes() == before
    assert list((tmp_path / "calendar").iterdir()) == [pulled_path(tmp_path)]
