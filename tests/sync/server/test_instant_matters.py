"""即办件: matters the simulated departments decide at dispatch (出生即参保), and ``--instant-matters``."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from core.cases.codec import case_from_dict, item_to_dict
from core.cases.model import ItemState
from core.errors import ValidationError
from sync.server.__main__ import main
from sync.server.config import PlatformConfig, parse_instant_matters
from sync.server.instant import insurance_number
from tests.sync.client.reference_platform import ReferencePlatform
from tests.sync.server.platform_kit import (
    Device,
    Factory,
    case_number,
    cases_by_number,
    insurance_case,
    new_code,
    newborn_case,
    wait_for,
    wire_event,
)

SLOW = (60.0, 60.0)  # every ordinary department step waits a minute: longer than any test here
RESULT = re.compile(r"参保登记成功，医保参保编号 320115\d{10}（模拟结果）")


def _device(running: Any) -> Device:
    device = Device(running.url, uuid.uuid4().hex)
    assert device.enroll(new_code(running)).status_code == 200
    return device


def _push(device: Device, seq: int, number: str, payload: dict[str, Any], pages: list[bytes]) -> None:
    for page in pages:
        device.upload(page)
    response = device.push([wire_event(device.device_id, seq, number, "accepted", payload)])
    assert response.json()["receipts"][0]["status"] == "stored", response.text


def _once_dispatched(device: Device, number: str) -> list[dict[str, Any]]:
    """The case's updates as first seen with the dispatch in them (dispatch is one transaction)."""

    def probe() -> list[dict[str, Any]] | None:
        updates = [u for u in device.all_updates() if u["case_number"] == number]
        return updates if any(u.get("status") == "dispatched" for u in updates) else None

    return wait_for(probe)


def _results(updates: list[dict[str, Any]]) -> dict[str, list[tuple[str, str]]]:
    found: dict[str, list[tuple[str, str]]] = {}
    for u in updates:
        if u["type"] == "matter_result":
            found.setdefault(u["matter_id"], []).append((u["matter_status"], u["result"]))
    return found


def test_mi_enrol_is_done_at_dispatch_while_the_other_matters_wait(platform_factory: Factory) -> None:
    running = platform_factory(dept_delay=SLOW, reject_rate=1.0)  # 即办件 are never rejected
    device = _device(running)
    number = case_number(1, 1)
    payload, pages = newborn_case(number, device.device_id, deficient=False)
    _push(device, 1, number, payload, pages)

    updates = _once_dispatched(device, number)
    results = _results(updates)
    assert set(results) == {"mi_enrol"}, "only the instant matter has a result yet"
    (taken_up, decided) = results["mi_enrol"]
    assert taken_up[0] == "processing" and decided[0] == "done"
    assert RESULT.fullmatch(decided[1]) and insurance_number(number) in decided[1]
    stored = cases_by_number(running)[number]
    assert stored["status"] == "dispatched"
    statuses = {m["matter_id"]: m["status"] for m in stored["matters"]}
    assert statuses.pop("mi_enrol") == "done"
    assert statuses and set(statuses.values()) == {"dispatched"}


def test_without_instant_matters_mi_enrol_waits_like_the_others(platform_factory: Factory) -> None:
    running = platform_factory(dept_delay=SLOW, instant_matters=frozenset())
    device = _device(running)
    number = case_number(1, 1)
    payload, pages = newborn_case(number, device.device_id, deficient=False)
    _push(device, 1, number, payload, pages)

    assert _results(_once_dispatched(device, number)) == {}
    stored = cases_by_number(running)[number]
    assert {m["status"] for m in stored["matters"]} == {"dispatched"}


def test_a_newborn_insurance_case_completes_at_dispatch(platform_factory: Factory) -> None:
    running = platform_factory(dept_delay=SLOW)
    device = _device(running)
    number = case_number(1, 1)
    _push(device, 1, number, insurance_case(number, device.device_id), [])

    updates = _once_dispatched(device, number)
    assert [u.get("status") for u in updates if u["type"] == "status"] == ["dispatched", "completed"]
    assert updates[-1]["type"] == "status", "the completion comes after the matter's result"
    assert RESULT.fullmatch(_results(updates)["mi_enrol"][-1][1])
    assert cases_by_number(running)[number]["status"] == "completed"


def test_an_instant_matter_still_waits_for_its_deferred_material(platform_factory: Factory) -> None:
    running = platform_factory(dept_delay=SLOW)
    device = _device(running)
    number = case_number(1, 1)
    payload, pages = newborn_case(number, device.device_id, deficient=True)
    for item in payload["items"]:  # bind the deferred bank card to mi_enrol too
        if item["state"] == ItemState.DEFICIENT.value:
            item["matters"] = [*item["matters"], "mi_enrol"]
    _push(device, 1, number, payload, pages)

    assert _results(_once_dispatched(device, number)) == {
        "mi_enrol": [("processing", "部门已受理，正在审查")]
    }
    case = case_from_dict(payload)
    supplied = [
        item_to_dict(item.__class__(**{**_fields(item), "state": ItemState.PAPER, "deadline": None}))
        for item in case.deficient_items
    ]
    event = wire_event(device.device_id, 2, number, "supplemented", {"items": supplied, "status": "accepted"})
    assert device.push([event]).json()["receipts"][0]["status"] == "stored"

    def decided() -> list[tuple[str, str]] | None:
        steps = _results([u for u in device.all_updates() if u["case_number"] == number])["mi_enrol"]
        return steps if steps[-1][0] == "done" else None

    assert RESULT.fullmatch(wait_for(decided)[-1][1])  # at once after the supplement, not a minute later


def _fields(item: Any) -> dict[str, Any]:
    return {name: getattr(item, name) for name in item.__slots__}


@pytest.fixture
def served(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[ReferencePlatform]:
    platform = ReferencePlatform(tmp_path, "--dept-delay", "60", *request.param)
    platform.start()
    yield platform
    platform.stop()


@pytest.mark.parametrize(
    ("served", "instant"),
    [((), {"mi_enrol"}), (("--instant-matters", ""), set()), (("--instant-matters", "mi_enrol,ss_card"), {"mi_enrol", "ss_card"})],
    indirect=["served"],
)  # fmt: skip
def test_serve_takes_instant_matters_from_the_command_line(
    served: ReferencePlatform, instant: set[str]
) -> None:
    device = Device(served.url, uuid.uuid4().hex)
    assert device.enroll(served.issue_code()).status_code == 200
    number = case_number(1, 1)
    payload, pages = newborn_case(number, device.device_id, deficient=False)
    assert {"mi_enrol", "ss_card"} <= {m["matter_id"] for m in payload["matters"]}
    _push(device, 1, number, payload, pages)
    results = _results(_once_dispatched(device, number))
    assert set(results) == instant
    assert all(steps[-1][0] == "done" for steps in results.values())


def test_instant_matter_ids_are_checked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert parse_instant_matters(" mi_enrol , ss_card ,") == {"mi_enrol", "ss_card"}
    assert parse_instant_matters("") == frozenset()
    assert PlatformConfig(db_path=tmp_path / "p.db").instant_matters == {"mi_enrol"}
    with pytest.raises(ValidationError):
        PlatformConfig(db_path=tmp_path / "p.db", instant_matters=frozenset({"Mi-Enrol"}))
    assert main(["serve", "--db", str(tmp_path / "p.db"), "--instant-matters", "mi_enrol,医保"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：--instant-matters") and "医保" in err and "Traceback" not in err
    assert not (tmp_path / "p.db").exists()
