"""The official holiday calendar (节假日及调休安排) as versioned data, and working-day limits under it.

The State Council's General Office publishes each year's holidays and make-up working days (调休上班)
in a notice (国务院办公厅关于部分节假日安排的通知); Tongban ships them as data
(assets/calendar/cn-holidays.json, one source cited per year) and a device may pull a newer copy
from the platform (``install_calendar``; it is used only when newer than the shipped one). A hall's
own file (``tongban.toml`` holidays/workdays) only adds local days (``HolidayCalendar.with_local``).

Past the calendar's last year a limit is **provisional**: only the fixed-date statutory holidays of
the 全国年节及纪念日放假办法 (元旦, 劳动节, 国庆节) are known; the lunar ones and the 调休 are not.
``HolidayCalendar.due`` says so with a flag, and the GUIs and receipts warn.
"""

from __future__ import annotations

import functools
import json
import logging
import re
import secrets
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Final

from core.assets import assets_dir
from core.durable_files import private_dirs, replace_durably, write_durably
from core.errors import TongbanError
from core.workdays import add_working_days, is_working_day

logger = logging.getLogger(__name__)

CALENDAR_NAME: Final = "cn-holidays.json"
PULLED_DIR: Final = "calendar"  # DATA_DIR/calendar/cn-holidays.json: the copy pulled from the platform
FORMAT: Final = 1
# The date of the newest notice the data includes, with ".N" for a later correction of the same data.
VERSION_RE: Final = re.compile(r"(\d{4}-\d{2}-\d{2})(?:\.([1-9]\d{0,3}))?")
PROVISIONAL_YEARS: Final = 10  # statutory fixed-date holidays are filled in this far past the last year
MAX_BYTES: Final = 1024 * 1024


class CalendarError(TongbanError):
    """Holiday calendar data is malformed. ``problems`` holds one ``$.path: what`` line per error."""

    default_code = "calendar.invalid"

    def __init__(self, problems: list[str]) -> None:
        super().__init__("节假日安排数据有误：\n" + "\n".join(problems), "holiday calendar data is invalid")
        self.problems = problems


@dataclass(frozen=True, slots=True)
class Source:
    """Where a year's dates come from: the notice's title, 文号 (may be empty), date and a public copy."""

    title: str
    number: str
    issued: date
    url: str


@dataclass(frozen=True, slots=True)
class DueDate:
    """A date ``N`` working days on, and whether it is provisional (counted past the calendar's years)."""

    day: date
    provisional: bool
    calendar_version: str


@dataclass(frozen=True, slots=True)
class HolidayCalendar:
    """Holidays and make-up working days of the covered ``years``, plus the statutory fixed-date
    holidays of the ``PROVISIONAL_YEARS`` after them, plus any local days (``with_local``)."""

    version: str
    years: tuple[int, ...]  # contiguous, ascending
    holidays: frozenset[date]
    workdays: frozenset[date]
    sources: tuple[tuple[int, Source], ...] = ()

    @property
    def last_year(self) -> int:
        return self.years[-1]

    def covers(self, day: date) -> bool:
        """Whether ``day``'s year is one the official calendar publishes."""
        return self.years[0] <= day.year <= self.years[-1]

    def is_provisional(self, day: date) -> bool:
        """Whether a limit ending on ``day`` is provisional: ``day`` lies past the calendar's last year."""
        return day.year > self.last_year

    def is_working_day(self, day: date) -> bool:
        return is_working_day(day, self.holidays, self.workdays)

    def due(self, start: date, days: int) -> DueDate:
        """The date ``days`` working days after ``start`` (the first working day after ``start`` is
        day 1); provisional when any day counted lies in a year the calendar does not cover."""
        end = add_working_days(start, days, self.holidays, self.workdays)
        provisional = not (self.covers(start) and self.covers(end))
        return DueDate(end, provisional, self.version)

    def with_local(self, holidays: frozenset[date], workdays: frozenset[date]) -> HolidayCalendar:
        """This calendar plus a hall's local holidays and make-up days (tongban.toml): they only add."""
        if not holidays and not workdays:
            return self
        return replace(self, holidays=self.holidays | holidays, workdays=self.workdays | workdays)


def provisional_note(day: date, calendar: HolidayCalendar) -> str:
    """The 暂定 note after a date past the calendar's last year (receipts, CLI); "" otherwise."""
    return f"（暂定：{day.year} 年节假日安排尚未发布）" if calendar.is_provisional(day) else ""


def version_key(version: str) -> tuple[date, int]:
    """Sort key of a calendar version ("2025-11-04" < "2025-11-04.2" < "2026-11-10")."""
    match = VERSION_RE.fullmatch(version)
    if match is None:
        raise ValueError(f"not a calendar version: {version!r}")
    return date.fromisoformat(match[1]), int(match[2] or 1)


def newer(version: str, than: str) -> bool:
    """Whether calendar ``version`` is newer than ``than`` (an unreadable version never is)."""
    try:
        return version_key(version) > version_key(than)
    except ValueError:
        return False


# -- reading ---------------------------------------------------------------------------------


def parse_calendar(data: bytes) -> HolidayCalendar:
    """The calendar in ``data`` (the JSON of cn-holidays.json); CalendarError listing every problem."""
    if len(data) > MAX_BYTES:
        raise CalendarError([f"$: larger than {MAX_BYTES} bytes"])
    try:
        raw = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CalendarError([f"$: not JSON: {exc}"]) from None
    reader = _Reader()
    calendar = reader.calendar(raw)
    if reader.problems or calendar is None:
        raise CalendarError(reader.problems or ["$: unreadable"])
    return calendar


class _Reader:
    """Checks a calendar document and collects every problem (JSON path and what is wrong)."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def _bad(self, path: str, what: str) -> None:
        self.problems.append(f"{path}: {what}")

    def _object(self, value: Any, path: str, keys: set[str], optional: frozenset[str] = frozenset()) -> bool:
        if not isinstance(value, dict):
            self._bad(path, "should be an object")
            return False
        for key in sorted(set(value) - keys - optional):
            self._bad(f"{path}.{key}", "unknown key")
        for key in sorted(keys - set(value)):
            self._bad(f"{path}.{key}", "missing")
        return keys <= set(value)

    def _date(self, value: Any, path: str) -> date | None:
        if isinstance(value, str) and len(value) == 10:
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        self._bad(path, f"{value!r} is not a YYYY-MM-DD date")
        return None

    def _text(self, value: Any, path: str, *, empty: bool = False) -> str:
        if not isinstance(value, str) or (not empty and not value.strip()):
            self._bad(path, "should be " + ("a string" if empty else "a non-empty string"))
            return ""
        return value

    def calendar(self, raw: Any) -> HolidayCalendar | None:
        if not self._object(raw, "$", {"format", "version", "years", "statutory"}, frozenset({"title"})):
            return None
        if raw["format"] != FORMAT:
            self._bad("$.format", f"should be {FORMAT}")
        version = raw["version"]
        if not isinstance(version, str) or VERSION_RE.fullmatch(version) is None:
            self._bad("$.version", f"{version!r} is not YYYY-MM-DD or YYYY-MM-DD.N")
        holidays: set[date] = set()
        workdays: set[date] = set()
        sources: list[tuple[int, Source]] = []
        years = raw["years"]
        if not isinstance(years, dict) or not years:
            self._bad("$.years", "should be a non-empty object of years")
            return None
        numbers: list[int] = []
        for key, year_raw in years.items():
            path = f"$.years.{key}"
            if not re.fullmatch(r"20\d\d", key):
                self._bad(path, "a year should be 20YY")
                continue
            numbers.append(int(key))
            self._year(int(key), year_raw, path, holidays, workdays, sources)
        numbers.sort()
        if numbers and numbers != list(range(numbers[0], numbers[-1] + 1)):
            self._bad("$.years", f"the years should follow each other, not {numbers}")
        both = holidays & workdays
        if both:
            self._bad(
                "$.years", "both a holiday and a make-up working day: " + ", ".join(map(str, sorted(both)))
            )
        fixed = self._statutory(raw["statutory"])
        if self.problems or not numbers:
            return None
        last = numbers[-1]
        for year in range(last + 1, last + 1 + PROVISIONAL_YEARS):
            holidays.update(date(year, month, day) for month, day in fixed)
        return HolidayCalendar(
            version=version,
            years=tuple(numbers),
            holidays=frozenset(holidays),
            workdays=frozenset(workdays),
            sources=tuple(sorted(sources)),
        )

    def _source(self, raw: Any, path: str) -> Source | None:
        if not self._object(raw, path, {"title", "number", "issued", "url"}):
            return None
        title = self._text(raw["title"], f"{path}.title")
        number = self._text(raw["number"], f"{path}.number", empty=True)
        issued = self._date(raw["issued"], f"{path}.issued")
        url = self._text(raw["url"], f"{path}.url")
        if url and not url.startswith(("https://", "http://")):
            self._bad(f"{path}.url", "should be an http(s) address")
        return None if issued is None else Source(title, number, issued, url)

    def _year(
        self,
        year: int,
        raw: Any,
        path: str,
        holidays: set[date],
        workdays: set[date],
        sources: list[tuple[int, Source]],
    ) -> None:
        if not self._object(raw, path, {"source", "holidays", "workdays"}):
            return
        source = self._source(raw["source"], f"{path}.source")
        if source is not None:
            sources.append((year, source))
        for n, item in enumerate(raw["holidays"] if isinstance(raw["holidays"], list) else []):
            where = f"{path}.holidays[{n}]"
            if not self._object(item, where, {"name", "from", "to"}):
                continue
            self._text(item["name"], f"{where}.name")
            first, last = self._date(item["from"], f"{where}.from"), self._date(item["to"], f"{where}.to")
            if first is None or last is None:
                continue
            if first > last or (last - first).days > 15:
                self._bad(where, f"{first} to {last} is not a holiday period")
                continue
            day = first
            while day <= last:
                if day.year != year:
                    self._bad(where, f"{day} is not in {year}")
                    break
                holidays.add(day)
                day += timedelta(days=1)
        for n, item in enumerate(raw["workdays"] if isinstance(raw["workdays"], list) else []):
            where = f"{path}.workdays[{n}]"
            if not self._object(item, where, {"date", "for"}):
                continue
            self._text(item["for"], f"{where}.for")
            workday = self._date(item["date"], f"{where}.date")
            if workday is None:
                continue
            if workday.year != year:
                self._bad(f"{where}.date", f"{workday} is not in {year}")
            elif workday.weekday() < 5:
                self._bad(
                    f"{where}.date",
                    f"{workday} is a weekday: a make-up working day (调休上班) is a Saturday or Sunday",
                )
            workdays.add(workday)
        if not isinstance(raw["holidays"], list) or not isinstance(raw["workdays"], list):
            self._bad(path, "holidays and workdays should be lists")

    def _statutory(self, raw: Any) -> list[tuple[int, int]]:
        path = "$.statutory"
        if not self._object(raw, path, {"source", "fixed"}):
            return []
        self._source(raw["source"], f"{path}.source")
        fixed: list[tuple[int, int]] = []
        items = raw["fixed"] if isinstance(raw["fixed"], list) else []
        for n, item in enumerate(items):
            where = f"{path}.fixed[{n}]"
            if not self._object(item, where, {"name", "month", "day"}):
                continue
            self._text(item["name"], f"{where}.name")
            month, day = item["month"], item["day"]
            try:
                date(2001, month, day)  # a common year: 02-29 is no fixed holiday
            except (TypeError, ValueError):
                self._bad(where, f"{month!r}-{day!r} is not a month and day")
                continue
            fixed.append((month, day))
        if not isinstance(raw["fixed"], list):
            self._bad(f"{path}.fixed", "should be a list")
        return fixed


# -- where a device finds it -----------------------------------------------------------------


def shipped_path() -> Path:
    return assets_dir() / "calendar" / CALENDAR_NAME


@functools.cache
def _read_shipped(path: Path) -> HolidayCalendar:
    return parse_calendar(path.read_bytes())


def shipped_calendar() -> HolidayCalendar:
    """The calendar shipped with Tongban (read once per assets folder). CalendarError if it is broken."""
    return _read_shipped(shipped_path())


def pulled_path(data_dir: Path) -> Path:
    return data_dir / PULLED_DIR / CALENDAR_NAME


def current_calendar(data_dir: Path | None) -> HolidayCalendar:
    """The calendar this device uses: the one pulled from the platform when it is newer than the
    shipped one and still reads, else the shipped one."""
    shipped = shipped_calendar()
    if data_dir is None:
        return shipped
    path = pulled_path(data_dir)
    try:
        pulled = parse_calendar(path.read_bytes())
    except FileNotFoundError:
        return shipped
    except (OSError, CalendarError) as exc:
        # It was checked before it was installed: a damaged disk, not a bad feed. Keep working.
        logger.error("pulled holiday calendar %s does not read (%r); using the shipped one", path, exc)
        return shipped
    return pulled if newer(pulled.version, shipped.version) else shipped


def install_calendar(data_dir: Path, data: bytes, expected_version: str | None = None) -> HolidayCalendar:
    """Check ``data`` and make it this device's pulled calendar: written aside, checked, then renamed
    over the old copy (a power cut leaves the old one or the new one). CalendarError, and nothing
    changed, when it does not read or is not ``expected_version``."""
    calendar = parse_calendar(data)
    if expected_version is not None and calendar.version != expected_version:
        raise CalendarError([f"$.version: {calendar.version!r}, the platform said {expected_version!r}"])
    folder = data_dir / PULLED_DIR
    private_dirs(folder)
    incoming = folder / f".incoming-{secrets.token_hex(4)}.json"
    try:
        write_durably(incoming, data)
        if parse_calendar(incoming.read_bytes()) != calendar:  # what reached the disk is what was checked
            raise CalendarError(["$: the copy written to disk differs"])
        replace_durably(incoming, folder / CALENDAR_NAME)
    finally:
        incoming.unlink(missing_ok=True)
    logger.info(
        "holiday calendar %s installed (years %d–%d)", calendar.version, calendar.years[0], calendar.last_year
    )
    return calendar
