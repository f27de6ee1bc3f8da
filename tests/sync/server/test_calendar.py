"""The holiday calendar as the reference platform serves it and a device pulls it (``GET /calendar``).

The served data is the State Council's calendar (assets/calendar/README.md names each year's notice);
the "2027" year below is test data only, standing for a notice not yet published.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import requests

from core.calendar import (
    CalendarError,
    current_calendar,
    parse_calendar,
    pulled_path,
    shipped_calendar,
    shipped_path,
)
from core.catalog.model import Catalog
from core.config import DeviceConfig, load_config
from core.store.store import Store
from sync import contract, schemas
from sync.client import PlatformClient
from sync.enrollment import enroll
from sync.server.__main__ import main
from sync.server.config import PlatformConfig
from sync.server.runner import ThreadedPlatform
from sync.server.service import PlatformService
from sync.service import SyncService
from tests.sync.server.platform_kit import Device, Factory, catalog, new_code


def _document(version: str, *, with_2027: bool = True) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(shipped_path().read_text(encoding="utf-8"))
    doc["version"] = version
    if with_2027:
        doc["years"]["2027"] = {
            "source": {
                "title": "测试数据：2027 年安排",
                "number": "",
                "issued": "2026-11-10",
                "url": "https://example.test/",
            },
            "holidays": [{"name": "元旦", "from": "2027-01-01", "to": "2027-01-04"}],
            "workdays": [],
        }
    return doc


def _file(tmp_path: Path, doc: dict[str, Any]) -> Path:
    path = tmp_path / f"calendar-{doc['version']}.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def test_the_shipped_calendar_is_served_and_304_when_the_device_has_it(device: Device) -> None:
    version = shipped_calendar().version
    assert device.request("GET", f"{contract.P_CALENDAR}?have={version}").status_code == 304
    assert device.request("GET", f"{contract.P_CALENDAR}?have=2099-01-01").status_code == 304  # newer
    full = device.request("GET", f"{contract.P_CALENDAR}?have=2024-11-12")
    assert full.status_code == 200
    body = full.json()
    schemas.validate("CalendarResponse", body)
    assert body["version"] == version
    assert parse_calendar(json.dumps(body["calendar"]).encode()) == shipped_calendar()
    assert device.request("GET", contract.P_CALENDAR).status_code == 200  # no ?have= at all


def test_unsigned_requests_get_no_calendar(platform: ThreadedPlatform) -> None:
    assert requests.get(platform.url + contract.P_CALENDAR, timeout=10).status_code == 401


def test_a_device_pulls_a_newer_calendar_and_counts_on_it(
    platform_factory: Factory, tmp_path: Path, clock: Any
) -> None:
    platform = platform_factory(calendar_path=_file(tmp_path, _document("2026-11-10")))
    data = tmp_path / "device"
    store = Store.open(data, clock=clock)
    try:
        enrollment = enroll(store, DeviceConfig.demo(), clock, platform.url, new_code(platform))
        with PlatformClient(platform.url, device_id=store.device_id, secret=enrollment.secret) as client:
            assert client.calendar(shipped_calendar().version) is not None
            report = SyncService(store, client, clock, _catalog).run_once()
            assert report.ok, report.problems
            assert current_calendar(data).version == "2026-11-10"
            assert client.calendar("2026-11-10") is None  # now current: 304
    finally:
        store.close()
    # From its next start, the device's limits count on 2027's published days, and are not provisional.
    calendar = load_config(data / "tongban.toml", data).working_calendar
    due = calendar.due(date(2026, 12, 28), 5)
    assert (due.day, due.provisional) == (date(2027, 1, 6), False)  # 2027-01-01..04 off (test data)


def test_a_device_keeps_its_calendar_when_the_platforms_is_older_or_broken(
    platform_factory: Factory, tmp_path: Path, clock: Any
) -> None:
    older = _document("2024-11-12", with_2027=False)
    platform = platform_factory(calendar_path=_file(tmp_path, older))
    data = tmp_path / "device"
    store = Store.open(data, clock=clock)
    try:
        enrollment = enroll(store, DeviceConfig.demo(), clock, platform.url, new_code(platform))
        with PlatformClient(platform.url, device_id=store.device_id, secret=enrollment.secret) as client:
            assert client.calendar(shipped_calendar().version) is None  # the device's is newer: 304
            assert SyncService(store, client, clock, _catalog).run_once().ok
    finally:
        store.close()
    assert not pulled_path(data).exists() and current_calendar(data) is shipped_calendar()


def test_a_platform_never_serves_a_calendar_devices_would_refuse(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = _document("2026-11-10")
    broken["years"]["2027"]["workdays"] = [{"date": "2027-01-04", "for": "元旦"}]  # a Monday
    path = _file(tmp_path, broken)
    with pytest.raises(CalendarError, match="2027-01-04 is a weekday"):
        PlatformService.build(PlatformConfig(db_path=tmp_path / "p.db", calendar_path=path))
    for bad in (path, tmp_path / "missing.json"):
        assert main(["serve", "--db", str(tmp_path / "p.db"), "--port", "0", "--calendar", str(bad)]) == 2
        err = capsys.readouterr().err
        assert err.startswith("错误：节假日安排数据有误") and "Traceback" not in err


def _catalog() -> Catalog:
    return catalog()
