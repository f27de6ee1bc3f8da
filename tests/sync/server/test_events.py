"""Pushing events: stored, duplicates with the original receipt, conflicts, order, attachments, validation."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from sync import contract
from sync.server.db import open_platform_db
from sync.server.ingest import CatalogPolicy
from sync.server.runner import ThreadedPlatform
from tests.sync.server.platform_kit import (
    Device,
    Factory,
    case_number,
    cases_by_number,
    catalog,
    digest,
    new_code,
    newborn_case,
    stored_events,
    wire_event,
)


def _accepted(
    device: Device, seq: int, sequence: int, *, deficient: bool = False
) -> tuple[contract.WireEvent, list[bytes]]:
    number = case_number(1, sequence)
    payload, pages = newborn_case(number, device.device_id, deficient=deficient)
    return wire_event(device.device_id, seq, number, "accepted", payload), pages


def _push(device: Device, events: list[contract.WireEvent], **kwargs: Any) -> dict[str, Any]:
    response = device.push(events, **kwargs)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_stored_then_duplicate_with_the_same_receipt_then_conflict(
    platform: ThreadedPlatform, device: Device
) -> None:
    event, pages = _accepted(device, 1, 1)
    assert device.upload(pages[0])["complete"]
    first = _push(device, [event])
    assert [r["status"] for r in first["receipts"]] == ["stored"] and first["rejected"] == []

    again = _push(device, [event])
    # A retry: the original receipt id and receipt time, marked duplicate.
    assert again["receipts"] == [{**first["receipts"][0], "status": "duplicate"}]

    changed = {**event, "operator": "window02"}
    conflict = _push(device, [changed])  # type: ignore[list-item]
    assert conflict["receipts"] == []
    assert conflict["rejected"][0]["seq"] == 1
    assert conflict["rejected"][0]["code"] == contract.ErrorCode.CONFLICT

    stored = stored_events(platform, device.device_id)
    assert {seq: e["digest"] for seq, e in stored.items()} == {1: digest(event)}
    assert stored[1]["receipt"] == first["receipts"][0]["receipt"]
    case = cases_by_number(platform)[event["case_number"]]
    assert (case["device_id"], case["events"], case["attachments"]) == (device.device_id, 1, 1)


def test_a_case_without_its_scans_is_refused_until_they_are_complete(
    device: Device, platform: ThreadedPlatform
) -> None:
    event, pages = _accepted(device, 1, 1)
    missing = _push(device, [event])
    assert missing["rejected"][0]["code"] == contract.ErrorCode.MISSING_ATTACHMENT
    # Even when the event forgets to list them: the payload's references count.
    assert _push(device, [{**event, "attachments": []}])["rejected"][0]["code"] == "missing_attachment"  # type: ignore[list-item]
    sha256 = hashlib.sha256(pages[0]).hexdigest()
    half = len(pages[0]) // 2
    device.put_chunk(sha256, 0, pages[0][:half], len(pages[0]))
    assert _push(device, [event])["rejected"][0]["code"] == "missing_attachment"  # partial is not complete
    assert stored_events(platform, device.device_id) == {}
    assert device.put_chunk(sha256, half, pages[0][half:], len(pages[0])).json()["complete"]
    assert _push(device, [event])["receipts"][0]["status"] == "stored"
    assert stored_events(platform, device.device_id)[1]["digest"] == digest(event)


def test_later_events_of_a_refused_case_wait_and_other_cases_go_on(
    device: Device, platform: ThreadedPlatform
) -> None:
    lost_number = case_number(1, 1)
    payload, pages = newborn_case(lost_number, device.device_id, deficient=False)
    device.upload(pages[0])
    payload["items"][2]["attachments"] = ["0" * 64]  # a scan nobody uploaded
    lost = wire_event(device.device_id, 1, lost_number, "accepted", payload)
    follow = wire_event(device.device_id, 2, lost_number, "evaluated", {"level": 4, "reason": ""})
    other, _ = _accepted(device, 3, 2)
    unknown_case = wire_event(
        device.device_id, 4, case_number(1, 9), "withdrawn", {"status": "withdrawn", "reason": "x"}
    )
    answer = _push(device, [lost, follow, other, unknown_case])
    assert [(r["seq"], r["status"]) for r in answer["receipts"]] == [(3, "stored")]
    assert {r["seq"]: r["code"] for r in answer["rejected"]} == {
        1: "missing_attachment",
        2: "out_of_order",  # never stored ahead of its case's refused first event
        4: "out_of_order",
    }
    assert set(stored_events(platform, device.device_id)) == {3}
    assert set(cases_by_number(platform)) == {other["case_number"]}


def test_invalid_events_are_rejected_per_event(device: Device) -> None:
    number = case_number(1, 1)
    payload, pages = newborn_case(number, device.device_id, deficient=False)
    device.upload(pages[0])
    broken = {k: v for k, v in payload.items() if k != "matters"}
    answer = _push(
        device,
        [
            wire_event(device.device_id, 1, number, "teleported", payload),
            wire_event(device.device_id, 2, case_number(1, 2), "accepted", broken),
            wire_event(
                device.device_id, 3, case_number(1, 4), "accepted", payload
            ),  # number differs from payload
        ],
    )
    assert [(r["seq"], r["code"]) for r in answer["rejected"]] == [
        (1, "invalid_event"),
        (2, "invalid_event"),
        (3, "invalid_event"),
    ]
    assert all(not r["message"].isascii() for r in answer["rejected"])


def test_batch_level_mistakes_are_400_naming_the_path(device: Device) -> None:
    event, _ = _accepted(device, 1, 1)
    cases: list[tuple[Any, str]] = [
        ({"events": []}, "$.events"),
        ({"events": [{**event, "seq": "1"}]}, "$.events[0].seq"),
        ({"events": [{**event, "extra": 1}]}, "$.events[0]"),
        ({"events": [{**event, "device_id": "someone-else"}]}, "$.events[0].device_id"),
        ({"events": [event, event]}, "$.events[1].seq"),
    ]
    for body, path in cases:
        response = device.request("POST", contract.P_EVENTS, body=body)
        assert response.status_code == 400, body
        error = response.json()["error"]
        assert error["code"] == "bad_request"
        assert path in error["message"] or path in error["detail"], error
    garbage = device.request(
        "POST", contract.P_EVENTS, raw=b"{not json", headers={"Content-Type": "application/json"}
    )
    assert garbage.status_code == 400 and garbage.json()["error"]["code"] == "bad_request"


def test_another_devices_case_number_is_taken_for_good(
    platform: ThreadedPlatform, enrolled: Callable[..., Device]
) -> None:
    first, second = enrolled(), enrolled()
    event, pages = _accepted(first, 1, 1)
    first.upload(pages[0])
    assert _push(first, [event])["receipts"][0]["status"] == "stored"
    stolen = {**event, "device_id": second.device_id}
    answer = _push(second, [stolen])  # type: ignore[list-item]
    refused = answer["rejected"][0]
    assert refused["code"] == "number_taken" and contract.ErrorCode.NUMBER_TAKEN in contract.FINAL_EVENT_CODES
    assert "重新受理" in refused["message"], "it says what staff can do"
    assert cases_by_number(platform)[event["case_number"]]["device_id"] == first.device_id


def test_a_case_of_an_outdated_catalog_is_stored_and_sent_back_as_rework(
    platform_factory: Factory,
) -> None:
    running = platform_factory(accepted_catalogs=frozenset({"2025.1-r1"}))
    device = Device(running.url, "d" * 32)
    assert device.enroll(new_code(running)).status_code == 200
    event, pages = _accepted(device, 1, 1)
    device.upload(pages[0])
    answer = _push(device, [event])
    assert answer["rejected"] == [] and answer["receipts"][0]["status"] == "stored"  # never a failed sync
    updates = device.request("GET", f"{contract.P_UPDATES}?cursor=0").json()["updates"]
    (rework,) = [u for u in updates if u["case_number"] == event["case_number"]]
    assert rework["type"] == "rework" and rework["catalog_version"] == catalog().version
    assert "已停用" in rework["message"] and "重新受理" in rework["message"]
    db = open_platform_db(running.platform.config.db_path)
    try:  # not handed to the departments
        assert db.execute("SELECT count(*) FROM dept_jobs").fetchone()[0] == 0
    finally:
        db.close()


def test_a_case_naming_a_matter_the_current_catalog_lacks_is_rework() -> None:
    policy = CatalogPolicy("2026.2-r1", frozenset({"CODE-A"}))
    kept = [{"name": "甲", "code": "CODE-A"}]
    gone = [{"name": "乙", "code": "CODE-B"}, *kept]
    assert policy.rework("2026.2-r1", gone) is None  # the platform's own version: nothing to re-check
    assert policy.rework("2026.1-r1", kept) is None
    message = policy.rework("2026.1-r1", gone)
    assert message is not None and "“乙”（CODE-B）" in message and "“甲”" not in message
    assert policy.rework("2026.1-r1", [{"name": "旧", "code": ""}]) is None  # cases from before codes


def test_gzip_request_bodies_are_signed_as_sent(platform: ThreadedPlatform, device: Device) -> None:
    event, pages = _accepted(device, 1, 1)
    device.upload(pages[0])
    answer = _push(device, [event], gzip_body=True)
    assert answer["receipts"][0]["status"] == "stored"
    assert stored_events(platform, device.device_id)[1]["digest"] == digest(event)
    bomb = device.request(
        "POST", contract.P_EVENTS, raw=b"\x1f\x8b not gzip", headers={"Content-Encoding": "gzip"}
    )
    assert bomb.status_code == 400 and "gzip" in bomb.json()["error"]["message"]


def test_a_large_batch_is_stored_in_one_commit(platform: ThreadedPlatform, device: Device) -> None:
    _, pages = _accepted(device, 1, 1)
    device.upload(pages[0])
    events = [_accepted(device, n, n)[0] for n in range(1, contract.MAX_EVENTS_PER_BATCH + 1)]
    answer = _push(device, events, gzip_body=True)
    assert len(answer["receipts"]) == contract.MAX_EVENTS_PER_BATCH
    stored = stored_events(platform, device.device_id)
    assert {seq: e["digest"] for seq, e in stored.items()} == {e["seq"]: digest(e) for e in events}
    too_many = device.push([*events, _accepted(device, 999, 999)[0]])
    assert too_many.status_code == 400
