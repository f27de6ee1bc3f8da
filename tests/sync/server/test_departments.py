"""The simulated departments: dispatch and official number, per-matter results, completion; the update feed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from core.cases.codec import case_from_dict, item_to_dict
from core.cases.model import ItemState
from sync import contract
from sync.server.runner import ThreadedPlatform
from tests.sync.server.platform_kit import (
    Device,
    Factory,
    admin,
    case_number,
    cases_by_number,
    new_code,
    newborn_case,
    wait_for,
    wire_event,
)


def _push_case(device: Device, seq: int, number: str, *, deficient: bool = False) -> dict[str, Any]:
    payload, pages = newborn_case(number, device.device_id, deficient=deficient)
    device.upload(pages[0])
    response = device.push([wire_event(device.device_id, seq, number, "accepted", payload)])
    assert response.json()["receipts"][0]["status"] == "stored", response.text
    return payload


def _final_status(device: Device, number: str) -> Callable[[], list[dict[str, Any]] | None]:
    def probe() -> list[dict[str, Any]] | None:
        updates = [u for u in device.all_updates() if u["case_number"] == number]
        finished = any(u["type"] == "status" and u["status"] in ("completed", "rejected") for u in updates)
        return updates if finished else None

    return probe


def test_a_case_is_dispatched_numbered_processed_and_completed(
    platform: ThreadedPlatform, device: Device
) -> None:
    number = case_number(1, 1)
    payload = _push_case(device, 1, number)
    updates = wait_for(_final_status(device, number))

    assert [u["cursor"] for u in updates] == sorted({u["cursor"] for u in updates})  # strictly increasing
    assert updates[0]["type"] == "official_number"
    official = updates[0]["official_number"]
    assert len(official) == 43 and official.isalnum() and official.isupper()
    assert updates[1] == {**updates[1], "type": "status", "status": "dispatched"}
    matters = [m["matter_id"] for m in payload["matters"]]
    results = [u for u in updates if u["type"] == "matter_result"]
    for matter in matters:
        steps = [u["matter_status"] for u in results if u["matter_id"] == matter]
        assert steps == ["processing", "done"], matter
    assert updates[-1] == {**updates[-1], "type": "status", "status": "completed"}

    for update in updates:  # every update is a valid contract message
        from sync import schemas

        schemas.validate("Update", update)
    stored = cases_by_number(platform)[number]
    assert stored["official_number"] == official and stored["status"] == "completed"
    assert {m["matter_id"]: m["status"] for m in stored["matters"]} == dict.fromkeys(matters, "done")


def test_a_deficient_material_holds_its_matter_until_supplied(
    platform: ThreadedPlatform, device: Device
) -> None:
    number = case_number(1, 1)
    payload = _push_case(device, 1, number, deficient=True)
    case = case_from_dict(payload)
    held = {m for item in case.deficient_items for m in item.matters}
    assert held, "the example defers the bank card"

    def waiting() -> bool:
        stats = admin(platform, contract.P_ADMIN_STATS)
        return (
            bool(stats["department_jobs_waiting"])
            and stats["department_jobs"] == stats["department_jobs_waiting"]
        )

    wait_for(waiting)
    assert cases_by_number(platform)[number]["status"] == "dispatched"

    supplied = [
        item_to_dict(item.__class__(**{**_fields(item), "state": ItemState.PAPER, "deadline": None}))
        for item in case.deficient_items
    ]
    event = wire_event(device.device_id, 2, number, "supplemented", {"items": supplied, "status": "accepted"})
    assert device.push([event]).json()["receipts"][0]["status"] == "stored"
    updates = wait_for(_final_status(device, number))
    assert updates[-1]["status"] == "completed"


def _fields(item: Any) -> dict[str, Any]:
    return {name: getattr(item, name) for name in item.__slots__}


def test_seeded_rejections_are_reproducible(platform_factory: Factory) -> None:
    outcomes = []
    for _ in range(2):
        running = platform_factory(reject_rate=0.5, seed=20261123)
        device = Device(running.url, "e" * 32)
        assert device.enroll(new_code(running)).status_code == 200
        numbers = [case_number(1, n) for n in range(1, 4)]
        for seq, number in enumerate(numbers, start=1):
            _push_case(device, seq, number)
        for number in numbers:
            wait_for(_final_status(device, number))
        outcomes.append(
            {
                (u["case_number"], u.get("matter_id"), u.get("matter_status"), u.get("status"))
                for u in device.all_updates()
                if u["type"] != "official_number"
            }
        )
    assert outcomes[0] == outcomes[1]
    statuses = {o[2] for o in outcomes[0]}
    assert "rejected" in statuses and "done" in statuses  # the rate really mixes outcomes


def test_all_rejected_matters_reject_the_case(platform_factory: Factory) -> None:
    running = platform_factory(reject_rate=1.0, instant_matters=frozenset())  # 即办件 are never rejected
    device = Device(running.url, "f" * 32)
    assert device.enroll(new_code(running)).status_code == 200
    number = case_number(1, 1)
    _push_case(device, 1, number)
    assert wait_for(_final_status(device, number))[-1]["status"] == "rejected"


def test_a_withdrawn_case_stops_at_once(platform_factory: Factory) -> None:
    running = platform_factory(dept_delay=(30.0, 30.0))
    device = Device(running.url, "a" * 32)
    assert device.enroll(new_code(running)).status_code == 200
    number = case_number(1, 1)
    _push_case(device, 1, number)
    wait_for(lambda: [u for u in device.all_updates() if u.get("status") == "dispatched"])
    event = wire_event(
        device.device_id, 2, number, "withdrawn", {"status": "withdrawn", "reason": "申请人撤回"}
    )
    assert device.push([event]).json()["receipts"][0]["status"] == "stored"
    stored = cases_by_number(running)[number]
    assert stored["status"] == "withdrawn" and stored["events"] == 2
    stats = admin(running, contract.P_ADMIN_STATS)
    assert stats["department_jobs"] == 0


def test_updates_page_by_cursor_and_only_for_the_callers_cases(
    platform: ThreadedPlatform, enrolled: Callable[..., Device]
) -> None:
    mine, theirs = enrolled(), enrolled()
    numbers = [case_number(1, n) for n in (1, 2)]
    for seq, number in enumerate(numbers, start=1):
        _push_case(mine, seq, number)
    other = case_number(2, 1)
    _push_case(theirs, 1, other)
    for number in numbers:
        wait_for(_final_status(mine, number))
    wait_for(_final_status(theirs, other))

    everything = mine.all_updates()
    assert {u["case_number"] for u in everything} == set(numbers)
    assert {u["case_number"] for u in theirs.all_updates()} == {other}

    paged, cursor = [], 0
    while True:
        page = mine.updates(cursor, limit=3)
        assert len(page["updates"]) <= 3
        paged.extend(page["updates"])
        if not page["updates"]:
            assert page["next_cursor"] == cursor
            break
        cursor = page["next_cursor"]
    assert paged == everything
    assert mine.updates(cursor)["updates"] == []
    for bad in ("?cursor=-1", "?cursor=x", f"?limit={contract.MAX_UPDATES_LIMIT + 1}", "?limit=0"):
        response = mine.request("GET", contract.P_UPDATES + bad)
        assert response.status_code == 400, bad


def test_a_restarted_platform_carries_on_where_it_stopped(platform_factory: Factory, tmp_path: Path) -> None:
    db = tmp_path / "restart.db"
    first = platform_factory(db=db, dept_delay=(0.5, 0.5))
    device = Device(first.url, "c" * 32)
    assert device.enroll(new_code(first)).status_code == 200
    number = case_number(1, 1)
    event_payload = _push_case(device, 1, number)
    wait_for(lambda: [u for u in device.all_updates() if u.get("status") == "dispatched"])
    first.stop()  # mid-way: every matter has a job waiting in the database

    second = platform_factory(db=db)
    device.base_url = second.url
    updates = wait_for(_final_status(device, number))
    assert [u["type"] for u in updates].count("official_number") == 1  # not dispatched twice
    matters = {m["matter_id"] for m in event_payload["matters"]}
    assert {u["matter_id"] for u in updates if u["type"] == "matter_result"} == matters
    assert updates[-1]["status"] == "completed"
