"""The holiday calendar the platform hands out (``GET /calendar``): the shipped one, or a newer file
an operator names with ``platform serve --calendar FILE`` when the State Council publishes a year.

It is checked by core's reader at start-up (a platform must never hand devices a calendar they would
refuse) and rendered once; devices that have its version, or a newer one, get 304.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from starlette.responses import Response

from core.calendar import CalendarError, HolidayCalendar, newer, parse_calendar, shipped_path


@dataclass(frozen=True, slots=True)
class CalendarFeed:
    """One calendar version as served: ``body`` is the pre-rendered CalendarResponse; ``calendar`` the
    parsed days, for the platform's own working-day limits (a kiosk 差评's 整改, sync.server.ratings)."""

    version: str
    years: tuple[int, ...]
    body: bytes
    calendar: HolidayCalendar

    def answer(self, have: str | None) -> Response:
        """304 when the device has this version or a newer one, else the calendar."""
        if have and (have == self.version or newer(have, self.version)):
            return Response(status_code=304)
        return Response(self.body, media_type="application/json")


def load_calendar_feed(path: Path | None = None) -> CalendarFeed:
    """Read and check ``path`` (default: the shipped calendar). CalendarError listing every problem,
    also for a file that cannot be read."""
    source = path or shipped_path()
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise CalendarError([f"{source}: cannot be read ({exc.strerror or exc})"]) from None
    calendar = parse_calendar(data)
    document = json.loads(data.decode("utf-8"))
    body = json.dumps(
        {"version": calendar.version, "calendar": document}, ensure_ascii=False, separators=(",", ":")
    )
    return CalendarFeed(calendar.version, calendar.years, body.encode("utf-8"), calendar)
