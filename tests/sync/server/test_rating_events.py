"""好差评 on the reference platform (GB/T 39734-2020, domain review §5): both ratings of a case (一次一评 at
intake, 一事一评 after 办结) are kept, a 差评's 整改 deadline and its 回访 / 整改结果 reach the platform's copy."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from typing import Any

from core.cases.codec import evaluation_to_dict
from core.cases.model import Evaluation
from core.cases.ratings import FollowUpVisit, RatingChannel, RatingStage, Rectification
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


def test_ratings_and_a_bad_ratings_follow_up_reach_the_platform(
    platform: ThreadedPlatform, device: Device
) -> None:
    number = case_number(1, 1)
    bad = Evaluation(
        level=1,
        reason="等候时间太长",
        at="2026-11-23T09:40:00+08:00",
        channel=RatingChannel.KIOSK,
        helper_present=True,
        rectification=Rectification(deadline=date(2026, 11, 30)),
    )
    visited = replace(
        bad,
        visit=FollowUpVisit(date(2026, 11, 25), "王科长", "已解释，表示理解", "2026-11-25T10:00:00+08:00"),
    )
    good = Evaluation(level=5, reason="", at="2026-12-01T10:00:00+08:00", stage=RatingStage.RESULT)
    events = [
        wire_event(device.device_id, 1, number, "accepted", insurance_case(number, device.device_id)),
        wire_event(device.device_id, 2, number, "evaluated", {**evaluation_to_dict(bad), "follow_up": True}),
        wire_event(
            device.device_id,
            3,
            number,
            "rating_followed_up",
            {"action": "visit", "evaluation": evaluation_to_dict(visited)},
        ),
        wire_event(device.device_id, 4, number, "evaluated", evaluation_to_dict(good)),
    ]
    body = device.push(events).json()
    assert [r["status"] for r in body["receipts"]] == ["stored"] * 4, body
    doc = _doc(platform, number)
    assert doc["evaluations"] == [evaluation_to_dict(visited), evaluation_to_dict(good)]
    assert doc["evaluations"][0]["rectification"]["deadline"] == "2026-11-30"
    # An old device's rating (level and reason only) still reads: the visit, at the event's time.
    old = case_number(1, 2)
    events = [
        wire_event(device.device_id, 5, old, "accepted", insurance_case(old, device.device_id)),
        wire_event(device.device_id, 6, old, "evaluated", {"level": 4, "reason": ""}),
    ]
    assert [r["status"] for r in device.push(events).json()["receipts"]] == ["stored"] * 2
    (rating,) = _doc(platform, old)["evaluations"]
    assert (rating["level"], rating["stage"], rating["at"]) == (4, "intake", "2026-11-23T09:30:00+08:00")
    broken = wire_event(device.device_id, 7, old, "rating_followed_up", {"action": "visit"})
    assert device.push([broken]).json()["rejected"][0]["code"] == "invalid_event"
