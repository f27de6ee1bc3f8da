"""A kiosk rating with no local case (好差评 after a certificate, GB/T 39734 §7.1; domain review §5 E3)
reaches the reference platform exactly once: queued in the store, pushed by its id, marked sent only
on the platform's answer; an answer lost on the way is a resend the platform answers "duplicate"."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from core.calendar import shipped_calendar
from core.catalog.model import Catalog
from core.clock import SystemClock
from core.config import DeviceConfig
from core.store.records import AuditEntry
from core.store.store import Store
from sync.enrollment import client_for, enroll
from sync.server.db import open_platform_db
from sync.server.ratings import kiosk_ratings
from sync.service import SyncService
from tests.sync.client.cli_main import run
from tests.sync.client.reference_platform import ReferencePlatform

CLOCK = SystemClock()  # the platform checks signatures on real time
TIMEOUT = (1.0, 5.0)


@pytest.fixture
def reference(tmp_path: Path) -> Iterator[ReferencePlatform]:
    platform = ReferencePlatform(tmp_path).start()
    yield platform
    platform.stop()


@pytest.fixture
def kiosk(tmp_path: Path, reference: ReferencePlatform) -> Iterator[Store]:
    with Store.open(tmp_path / "kiosk", clock=CLOCK) as store:
        enroll(store, DeviceConfig.demo(role="kiosk"), CLOCK, reference.url, reference.issue_code())
        yield store


def _held(reference: ReferencePlatform) -> list[dict[str, object]]:
    db = open_platform_db(reference.db)
    try:
        return kiosk_ratings(db)
    finally:
        db.close()


def _rate(store: Store, level: int, reason: str) -> str:
    body = {
        "level": level,
        "reason": reason,
        "channel": "kiosk",
        "services": ["certificate"],
        "follow_up": level <= 2,
    }
    audit = AuditEntry(
        "kiosk", "kiosk.evaluation", CLOCK.now().isoformat(timespec="seconds"), None, dict(body)
    )
    return store.kiosk_ratings.add(body, audit).id


def _pending_in_status(store: Store, capsys: pytest.CaptureFixture[str]) -> int:
    assert run(["--data-dir", str(store.data_dir), "sync", "status", "--json"]) == 0
    return int(json.loads(capsys.readouterr().out)["pending_kiosk_ratings"])


def test_a_kiosk_rating_without_a_case_reaches_the_platform_exactly_once(
    kiosk: Store, reference: ReferencePlatform, catalog: Catalog, capsys: pytest.CaptureFixture[str]
) -> None:
    first = _rate(kiosk, 1, "打印机卡纸，等了很久")
    assert _pending_in_status(kiosk, capsys) == 1
    # The platform stores the rating, then the answer is cut: the device must not count it as sent.
    reference.inject({"mode": "drop", "path": "/api/v1/ratings", "count": 1})
    with client_for(kiosk, timeout=TIMEOUT) as client:
        lost = SyncService(kiosk, client, CLOCK, lambda: catalog, pull_catalog=False).run_once()
    assert not lost.ok
    assert [r.id for r in kiosk.kiosk_ratings.pending()] == [first]
    assert [r["id"] for r in _held(reference)] == [first]
    second = _rate(kiosk, 5, "")
    with client_for(kiosk, timeout=TIMEOUT) as client:
        service = SyncService(kiosk, client, CLOCK, lambda: catalog, pull_catalog=False)
        assert service.run_once().ok
        assert kiosk.kiosk_ratings.pending() == []
        assert service.run_once().ok  # nothing more to send
    held = _held(reference)
    assert [r["id"] for r in held] == [first, second]  # the resent one stored once
    bad = held[0]
    assert (bad["level"], bad["reason"], bad["follow_up"], bad["channel"]) == (
        1,
        "打印机卡纸，等了很久",
        True,
        "kiosk",
    )
    assert bad["device_id"] == kiosk.device_id and bad["services"] == ["certificate"]
    # The platform opened the 差评's 整改 once, for all the resending: due 5 working days (its default
    # bad_rating_follow_up_days) after the day it was given, on the calendar it serves.
    given = date.fromisoformat(str(bad["at"])[:10])
    due = shipped_calendar().due(given, 5).day
    assert bad["handling"]["rectification"]["deadline"] == due.isoformat()  # type: ignore[index]
    assert "handling" not in held[1]
    assert all(r.sent_at for r in kiosk.kiosk_ratings.all())
    assert _pending_in_status(kiosk, capsys) == 0
    # The rating is sealed on the device like every free text: its reason is not in the database file.
    raw = (Path(kiosk.data_dir) / "tongban.db").read_bytes()
    assert "打印机卡纸".encode() not in raw and json.dumps("打印机卡纸").encode() not in raw
