"""特别程序 events (行政许可法 §45: the clock paused) reach the reference platform exactly once, even when the
platform's answer is lost, and the platform's case view shows the procedure and the moved due date."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from core.cases.service import CaseService
from core.cases.special_procedures import ProcedureKind
from core.catalog.model import Catalog
from core.clock import SystemClock
from core.config import DeviceConfig
from core.store.store import Store
from sync.enrollment import client_for, enroll
from sync.server import views
from sync.server.db import open_platform_db
from sync.service import SyncService
from tests.sync.client.conftest import newborn_request
from tests.sync.client.reference_platform import ReferencePlatform

CLOCK = SystemClock()  # the platform checks signatures on real time
TIMEOUT = (1.0, 5.0)


@pytest.fixture
def reference(tmp_path: Path) -> Iterator[ReferencePlatform]:
    platform = ReferencePlatform(tmp_path).start()
    yield platform
    platform.stop()


@pytest.fixture
def window(tmp_path: Path, reference: ReferencePlatform) -> Iterator[Store]:
    with Store.open(tmp_path / "window", clock=CLOCK) as store:
        enroll(store, DeviceConfig.demo(), CLOCK, reference.url, reference.issue_code())
        yield store


def _round(store: Store, catalog: Catalog) -> bool:
    with client_for(store, timeout=TIMEOUT) as client:
        return SyncService(store, client, CLOCK, lambda: catalog, pull_catalog=False).run_once().ok


def test_pause_events_reach_the_platform_exactly_once(
    window: Store, reference: ReferencePlatform, catalog: Catalog
) -> None:
    cases = CaseService(catalog, window, CLOCK, DeviceConfig.demo(), "window07")
    case = cases.accept(newborn_request(catalog))
    assert _round(window, catalog)
    paused = cases.start_procedure(case.number, ProcedureKind.PUBLICITY, "户口登记信息公示", expected_days=5)
    assert (
        paused.due_date is not None
        and case.promised_date is not None
        and paused.due_date > case.promised_date
    )
    # The platform stores the events, then its answer is cut: the device must send them again.
    reference.inject({"mode": "drop", "path": "/api/v1/events", "count": 1})
    assert not _round(window, catalog)
    assert [e.kind for e in window.pending_events(10)] == ["procedure_started"]
    # The platform stored it: a progress look-up (a kiosk's 办件进度查询) gives the date as moved.
    with client_for(window, timeout=TIMEOUT) as client:
        (found,) = client.progress(case_number=case.number)["cases"]
    assert found["promised_date"] == paused.due_date.isoformat()
    resumed = cases.end_procedure(case.number, note="公示无异议")
    assert _round(window, catalog) and window.pending_events(10) == []
    assert _round(window, catalog)  # nothing more to send
    db = open_platform_db(reference.db)
    try:
        kinds = [
            k
            for (k,) in db.execute(
                "SELECT kind FROM events WHERE case_number = ? ORDER BY seq", (case.number,)
            ).fetchall()
        ]
        (shown,) = [c for c in views.cases(db) if c["case_number"] == case.number]
    finally:
        db.close()
    assert kinds.count("procedure_started") == 1 and kinds.count("procedure_ended") == 1
    assert kinds.index("procedure_started") < kinds.index("procedure_ended")
    (p,) = shown["special_procedures"]
    assert (p["kind"], p["matter_id"], p["expected_days"]) == ("publicity", None, 5)
    assert p["ended_on"] == resumed.special_procedures[0].ended_on.isoformat()  # type: ignore[union-attr]
    assert shown["paused"] is False
    assert shown["due_date"] == (resumed.due_date.isoformat() if resumed.due_date else None)
