"""办件进度查询 on the reference platform through ``PlatformClient.progress``: a case taken at one
device is found at another by local number, official number and ID number; nothing of anyone else."""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import requests
import sqlite_utils
from sqlite_utils.migrations import Migrations

from core.case_numbers import parse_case_number
from core.clock import SystemClock
from core.store.db import write_transaction
from sync import contract, schemas
from sync.client import PlatformClient
from sync.errors import SyncPermanentError
from sync.server import progress
from sync.server.db import m001_initial, m003_catalog_versions, open_platform_db
from sync.server.ingest import store_batch
from sync.server.runner import ThreadedPlatform
from tests.sync.server.platform_kit import (
    ACCEPTED_AT,
    Device,
    case_number,
    insurance_case,
    newborn_case,
    wait_for,
    wire_event,
)

LIN = {"name": "林晓雨", "id_number": "320115199003070043", "phone": "13912345678"}
WANG = {"name": "王大明", "id_number": "320115198805120036", "phone": "13800138000"}
NOBODY = "11010519491231002X"  # valid (GB 11643 check character X), and on no case
TIMEOUT = (2.0, 10.0)


@pytest.fixture
def kiosk(enrolled: Callable[..., Device]) -> Iterator[PlatformClient]:
    """A second enrolled device asking through the real client (signed, schema-checked replies)."""
    device = enrolled(9)
    with PlatformClient(
        device.base_url,
        device_id=device.device_id,
        secret=device.secret,
        timeout=TIMEOUT,
        clock=SystemClock(),
    ) as client:
        yield client


def _push_newborn(device: Device, seq: int, number: str, applicant: dict[str, str] = LIN) -> dict[str, Any]:
    payload, pages = newborn_case(number, device.device_id, deficient=True, applicant=applicant)
    device.upload(pages[0])
    response = device.push([wire_event(device.device_id, seq, number, "accepted", payload)])
    assert response.json()["receipts"][0]["status"] == "stored", response.text
    return payload


def _official(client: PlatformClient, number: str) -> str:
    def probe() -> str | None:
        (found,) = client.progress(case_number=number)["cases"]
        return found["official_number"]

    return wait_for(probe)


def test_a_case_taken_at_a_window_is_found_at_a_kiosk_three_ways(
    platform: ThreadedPlatform, enrolled: Callable[..., Device], kiosk: PlatformClient
) -> None:
    window = enrolled(1)
    number = case_number(1, 1)
    payload = _push_newborn(window, 1, number)
    official = _official(kiosk, number)

    grouped = parse_case_number(number).display  # as printed on the receipt, dashes and all
    answers = {
        "local": kiosk.progress(case_number=grouped),
        "official": kiosk.progress(case_number=official.lower()),
        "id_number": kiosk.progress(id_number=LIN["id_number"].lower() + " "),
    }
    for how, answer in answers.items():
        schemas.validate("ProgressResponse", answer)
        assert [c["case_number"] for c in answer["cases"]] == [number], how
        (found,) = answer["cases"]
        assert found["official_number"] == official and found["device_id"] == window.device_id, how
        assert (found["bundle_id"], found["bundle_name"]) == ("newborn", payload["bundle_name"])
        assert (
            found["accepted_at"] == payload["created_at"]
            and found["promised_date"] == payload["promised_date"]
        )
        assert found["status"] == "dispatched" and found["status_label"] == "办理中"
        assert [m["matter_id"] for m in found["matters"]] == [m["matter_id"] for m in payload["matters"]]
        assert all(m["dept_name"] and m["status_label"] for m in found["matters"])
        mi_enrol = next(m for m in found["matters"] if m["matter_id"] == "mi_enrol")
        assert mi_enrol["status"] == "done" and "参保登记成功" in mi_enrol["result"]  # 即办件
        assert [m["name"] for m in found.get("missing", [])] == [
            i["name"] for i in payload["items"] if i["state"] == "deficient"
        ]
        text = json.dumps(answer, ensure_ascii=False)
        assert LIN["name"] not in text and LIN["id_number"] not in text, "no applicant name or ID number"
        assert answer["as_of"] >= found["status_changed_at"][:10]


def test_only_the_asking_persons_cases_come_back(
    platform: ThreadedPlatform, enrolled: Callable[..., Device], kiosk: PlatformClient
) -> None:
    window, hospital = enrolled(1), enrolled(2)
    lin_cases = [case_number(1, 1), case_number(2, 1)]
    wang_case = case_number(1, 2)
    _push_newborn(window, 1, lin_cases[0])
    _push_newborn(window, 2, wang_case, applicant=WANG)
    insurance = insurance_case(
        lin_cases[1], hospital.device_id, applicant=LIN, at=ACCEPTED_AT + timedelta(hours=1)
    )
    assert (
        hospital.push([wire_event(hospital.device_id, 1, lin_cases[1], "accepted", insurance)]).status_code
        == 200
    )

    lin = kiosk.progress(id_number=LIN["id_number"])["cases"]
    assert [c["case_number"] for c in lin] == lin_cases[::-1], "both devices' cases, newest first"
    assert [c["device_id"] for c in lin] == [hospital.device_id, window.device_id]
    assert [c["case_number"] for c in kiosk.progress(id_number=WANG["id_number"])["cases"]] == [wang_case]
    assert kiosk.progress(id_number=NOBODY)["cases"] == []
    assert kiosk.progress(case_number=case_number(7, 7))["cases"] == [], "unknown number: empty, not an error"
    assert kiosk.progress(case_number="3" * 43)["cases"] == []


def test_at_most_twenty_newest_first_by_acceptance_time(
    platform: ThreadedPlatform, enrolled: Callable[..., Device], kiosk: PlatformClient
) -> None:
    hospital = enrolled(2)
    accepted = {case_number(2, n): ACCEPTED_AT + timedelta(minutes=n) for n in range(1, 24)}
    order = list(accepted)
    random.Random(6).shuffle(order)  # stored in another order than accepted (offline devices)
    events = [
        wire_event(
            hospital.device_id,
            seq,
            number,
            "accepted",
            insurance_case(number, hospital.device_id, at=accepted[number]),
        )
        for seq, number in enumerate(order, start=1)
    ]
    assert len(hospital.push(events).json()["receipts"]) == len(accepted)

    found = [c["case_number"] for c in kiosk.progress(id_number=LIN["id_number"])["cases"]]
    assert found == sorted(accepted, key=accepted.__getitem__, reverse=True)[: contract.MAX_PROGRESS_CASES]


@pytest.mark.parametrize(
    ("body", "wanted"),
    [
        ({"id_number": "320115199003070042"}, "身份证号码"),  # wrong check character
        ({"case_number": case_number(1, 1)[:-1] + "9"}, "办件编号有误"),  # wrong Damm digit
        ({"case_number": case_number(1, 1), "id_number": LIN["id_number"]}, "只给出"),
        ({}, "只给出"),
        ({"id_number": "12-34"}, "$.id_number"),
        ({"name": "林晓雨"}, "不允许的字段"),
    ],
)
def test_bad_requests_are_400_with_a_chinese_message(
    device: Device, body: dict[str, Any], wanted: str
) -> None:
    response = device.request("POST", contract.P_PROGRESS, body=body)
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert error["code"] == "bad_request" and wanted in error["message"], error


def test_the_client_needs_exactly_one_key_and_reports_the_platforms_message(kiosk: PlatformClient) -> None:
    with pytest.raises(ValueError):
        kiosk.progress()
    with pytest.raises(ValueError):
        kiosk.progress(case_number=case_number(1, 1), id_number=LIN["id_number"])
    with pytest.raises(SyncPermanentError) as caught:
        kiosk.progress(id_number="320115199003070042")
    assert caught.value.status == 400 and "身份证号码" in caught.value.message


def test_unsigned_and_wrongly_signed_requests_are_refused(platform: ThreadedPlatform, device: Device) -> None:
    body = {"id_number": LIN["id_number"]}
    unsigned = requests.post(platform.url + contract.P_PROGRESS, json=body, timeout=10)
    assert unsigned.status_code == 401, unsigned.text
    forged = device.request("POST", contract.P_PROGRESS, body=body, secret=b"\0" * 32)
    assert forged.status_code == 401 and forged.json()["error"]["code"] == "bad_signature"
    stranger = device.request("POST", contract.P_PROGRESS, body=body, device_id="not-enrolled-0001")
    assert stranger.status_code == 401 and stranger.json()["error"]["code"] == "unknown_device"
    not_enrolled = PlatformClient(platform.url, device_id=device.device_id, timeout=TIMEOUT)
    with not_enrolled, pytest.raises(SyncPermanentError) as caught:
        not_enrolled.progress(id_number=LIN["id_number"])
    assert caught.value.code == "not_enrolled"


def test_a_platform_database_from_before_the_lookup_gains_its_index(tmp_path: Path) -> None:
    path = tmp_path / "old-platform.db"
    # The platform as released before m002 — with today's matters.code (m003) so that today's
    # ingest can write the case the old platform would have written.
    old = Migrations("tongban-platform")
    old()(m001_initial)
    old()(m003_catalog_versions)
    db = sqlite_utils.Database(path)
    old.apply(db)
    number = case_number(3, 1)
    event = wire_event("w" * 32, 1, number, "accepted", insurance_case(number, "w" * 32))
    with write_transaction(db):  # enrolled as device 3 of 320115: ingest takes only its own range
        db.execute(
            "INSERT INTO devices (device_id, secret, region_code, device_no, role, name, enrolled_at)"
            " VALUES (?, '', '320115', 3, 'window', '', ?)",
            ("w" * 32, ACCEPTED_AT.isoformat()),
        )
    store_batch(db, "w" * 32, [dict(event)], ACCEPTED_AT, None)
    db.close()

    db = open_platform_db(path)
    try:
        plan = db.execute(
            f"EXPLAIN QUERY PLAN SELECT doc FROM cases WHERE {progress._APPLICANT_ID} = ?",
            (LIN["id_number"],),
        ).fetchall()
        assert any("cases_by_applicant" in str(row) for row in plan), plan
        found = progress.lookup(db, {"id_number": LIN["id_number"]}, ACCEPTED_AT + timedelta(days=1))
    finally:
        db.close()
    assert [c["case_number"] for c in found["cases"]] == [number]
