"""特别程序 events on the reference platform: the case's procedures and moved due date are kept; a
malformed one is refused as invalid, never stored half-read."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from core.cases.special_procedures import ProcedureKind, SpecialProcedure, procedure_to_dict
from sync.server import views
from sync.server.db import open_platform_db
from sync.server.runner import ThreadedPlatform
from tests.sync.server.platform_kit import Device, case_number, insurance_case, wire_event


def _doc(platform: ThreadedPlatform, number: str) -> dict[str, Any]:
    db = open_platform_db(platform.platform.config.db_path)
    try:
        (doc,) = db.execute("SELECT doc FROM cases WHERE case_number = ?", (number,)).fetchone()
    finally:
        db.close()
    return dict(json.loads(doc))


def _view(platform: ThreadedPlatform) -> list[dict[str, Any]]:
    db = open_platform_db(platform.platform.config.db_path)
    try:
        return views.cases(db)
    finally:
        db.close()


def test_procedure_events_are_kept_and_a_broken_one_refused(
    platform: ThreadedPlatform, device: Device
) -> None:
    number = case_number(1, 1)
    open_ = SpecialProcedure(
        1, ProcedureKind.APPRAISAL, "送鉴定", None, date(2026, 11, 24), "2026-11-24T09:00:00+08:00", "window07",
        expected_days=3, due_after=date(2026, 12, 3),
    )  # fmt: skip
    body = {
        "procedure": procedure_to_dict(open_),
        "special_procedures": [procedure_to_dict(open_)],
        "due_date": "2026-12-03",
    }
    events = [
        wire_event(device.device_id, 1, number, "accepted", insurance_case(number, device.device_id)),
        wire_event(device.device_id, 2, number, "procedure_started", body),
    ]
    reply = device.push(events).json()
    assert [r["status"] for r in reply["receipts"]] == ["stored"] * 2, reply
    doc = _doc(platform, number)
    assert doc["special_procedures"] == [procedure_to_dict(open_)]
    (shown,) = [c for c in _view(platform) if c["case_number"] == number]
    assert shown["paused"] is True and shown["due_date"] == "2026-12-03"
    broken = {**body, "special_procedures": [{**procedure_to_dict(open_), "kind": "coffee_break"}]}
    reply = device.push([wire_event(device.device_id, 3, number, "procedure_ended", broken)]).json()
    assert reply["rejected"][0]["code"] == "invalid_event"
    assert _doc(platform, number)["special_procedures"] == [procedure_to_dict(open_)]
