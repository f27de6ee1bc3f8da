"""Applications not accepted (补正告知, 不予受理) and the 核查 of a commitment reach the reference platform,
which stores them and never dispatches a refused one; the 信用核查 answers who is 失信.

Sources: 行政许可法 §32 (the record of a refusal), 国办发〔2020〕42号 (告知承诺's 核查; 失信 applicants may
not use it).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from core.cases.codec import case_to_dict, item_to_dict
from core.cases.commitments import checked, with_checks
from core.cases.intake import IntakeContext, IntakeRequest, MaterialInput, build_case
from core.cases.model import CheckOutcome, ItemState, RefusalKind
from core.cases.refusal import RefusalRequest, build_refusal
from core.catalog import build_checklist
from core.catalog.answers import answers_from_json
from core.catalog.model import MaterialSource
from core.clock import SystemClock
from sync import contract, schemas
from sync.client import PlatformClient
from sync.server.db import open_platform_db
from sync.server.runner import ThreadedPlatform
from sync.server.seed import DEMO_DISHONEST
from tests.intake_samples import complete_answers, sample_value
from tests.sync.server.platform_kit import (
    ACCEPTED_AT,
    Device,
    Factory,
    case_number,
    cases_by_number,
    catalog,
    stored_events,
    wait_for,
    wire_event,
)

LIN = {"name": "林晓雨", "id_number": "320115199003070043", "phone": "13912345678"}
TIMEOUT = (2.0, 10.0)
OLDER_BIRTH = "2024-05-01"


@pytest.fixture
def platform(platform_factory: Factory) -> ThreadedPlatform:
    """With the demo people and their credit records; departments answer at once."""
    return platform_factory(seeds=("demo",))


@pytest.fixture
def client(device: Device) -> Iterator[PlatformClient]:
    with PlatformClient(
        device.base_url,
        device_id=device.device_id,
        secret=device.secret,
        timeout=TIMEOUT,
        clock=SystemClock(),
    ) as client:
        yield client


def _request(*, skip: int = 0, commit: bool = False) -> IntakeRequest:
    """A newborn intake with every material on paper or as an e-licence, but the first ``skip``."""
    answers = complete_answers(
        catalog(), "newborn", {"married": True, "follow": "father", "age_band": "gt_1y"}
    )
    bundle = catalog().bundle("newborn")
    checklist = build_checklist(catalog(), "newborn", answers_from_json(bundle, answers))
    materials: dict[str, MaterialInput] = {}
    for item in checklist.items:
        m = item.material
        if m.source is MaterialSource.GENERATED:
            continue
        if commit and m.commitment_ok:
            materials[m.id] = MaterialInput(ItemState.COMMITMENT)
        else:
            materials[m.id] = MaterialInput(ItemState.E_LICENCE if m.licence else ItemState.PAPER)
    for material_id in list(materials)[:skip]:
        del materials[material_id]
    form = {f.id: sample_value(f) for f in checklist.fields if f.prefill is None}
    form["child.birth_date"] = OLDER_BIRTH  # the child is over one (age_band gt_1y)
    return IntakeRequest("newborn", dict(LIN), answers, materials, form)


def _refused(number: str, device_id: str, kind: RefusalKind) -> dict[str, Any]:
    request = RefusalRequest(
        kind, _request(skip=2), reason="" if kind is RefusalKind.SUPPLEMENT else "不属于本机关职权范围"
    )
    return case_to_dict(
        build_refusal(catalog(), request, IntakeContext(number, device_id, "window01", ACCEPTED_AT))
    )


def test_a_supplement_record_is_stored_and_never_dispatched(
    platform: ThreadedPlatform, device: Device, client: PlatformClient
) -> None:
    refused, accepted = case_number(1, 1), case_number(1, 2)
    payload = _refused(refused, device.device_id, RefusalKind.SUPPLEMENT)
    ctx = IntakeContext(accepted, device.device_id, "window01", ACCEPTED_AT)
    taken = case_to_dict(build_case(catalog(), _request(), ctx))
    events = [
        wire_event(device.device_id, 1, refused, "not_accepted", payload),
        wire_event(device.device_id, 2, accepted, "accepted", taken),
    ]
    response = device.push(events)
    assert response.status_code == 200, response.text
    assert [r["status"] for r in response.json()["receipts"]] == ["stored", "stored"]
    # The accepted case is dispatched by the department simulator; the refused one never is.
    wait_for(lambda: any(u["case_number"] == accepted for u in device.all_updates()) or None)
    assert all(u["case_number"] != refused for u in device.all_updates())
    db = open_platform_db(platform.platform.config.db_path)
    try:  # no department job was ever queued for it
        jobs = db.execute("SELECT count(*) FROM dept_jobs WHERE case_number = ?", (refused,)).fetchone()
    finally:
        db.close()
    assert jobs == (0,)
    stored = cases_by_number(platform)[refused]
    assert stored["status"] == "supplement_notified"
    assert stored_events(platform, device.device_id)[1]["kind"] == "not_accepted"
    # At a kiosk, the record shows what to bring, and no department.
    (found,) = client.progress(case_number=refused)["cases"]
    assert found["status"] == "supplement_notified" and found["status_label"] == "已告知补正"
    assert found["matters"] == []
    missing = [i["name"] for i in payload["items"] if i["state"] == "pending"]
    assert [m["name"] for m in found.get("missing", [])] == missing and len(missing) == 2
    again = device.push(events[:1]).json()
    assert again["receipts"][0]["status"] == "duplicate"


def test_a_rejection_record_is_stored_and_a_forged_one_refused(
    platform: ThreadedPlatform, device: Device
) -> None:
    number = case_number(1, 1)
    payload = _refused(number, device.device_id, RefusalKind.REJECT)
    assert device.push([wire_event(device.device_id, 1, number, "not_accepted", payload)]).status_code == 200
    assert cases_by_number(platform)[number]["status"] == "not_accepted"
    forged = {**_refused(case_number(1, 2), device.device_id, RefusalKind.REJECT), "status": "accepted"}
    body = device.push([wire_event(device.device_id, 2, case_number(1, 2), "not_accepted", forged)]).json()
    assert body["rejected"][0]["code"] == "invalid_event"
    taken_again = device.push([wire_event(device.device_id, 3, number, "not_accepted", payload)]).json()
    assert taken_again["rejected"][0]["code"] == "conflict"


def test_the_check_of_a_commitment_reaches_the_platform(platform: ThreadedPlatform, device: Device) -> None:
    number = case_number(1, 1)
    ctx = IntakeContext(number, device.device_id, "window01", ACCEPTED_AT)
    case = with_checks(build_case(catalog(), _request(commit=True), ctx), catalog(), ACCEPTED_AT.date())
    (item,) = [i for i in case.items if i.state is ItemState.COMMITMENT]
    done, checked_item = checked(
        case, item.material_id, CheckOutcome.FALSE, "已在外地登记", "2026-12-01T10:00:00+08:00", "window01"
    )
    events = [
        wire_event(device.device_id, 1, number, "accepted", case_to_dict(case)),
        wire_event(
            device.device_id,
            2,
            number,
            "commitment_checked",
            {"items": [item_to_dict(checked_item)], "outcome": "false"},
        ),
    ]
    body = device.push(events).json()
    assert [r["status"] for r in body["receipts"]] == ["stored", "stored"], body
    db = open_platform_db(platform.platform.config.db_path)
    try:
        (doc,) = db.execute("SELECT doc FROM cases WHERE case_number = ?", (number,)).fetchone()
    finally:
        db.close()
    stored = next(i for i in json.loads(doc)["items"] if i["material_id"] == item.material_id)
    assert stored["check"] == item_to_dict(done.item(item.material_id))["check"]
    assert stored["check"]["outcome"] == "false" and stored["check"]["note"] == "已在外地登记"


def test_the_credit_check_answers_who_is_dishonest(client: PlatformClient, device: Device) -> None:
    ((dishonest, listed_by, _),) = DEMO_DISHONEST
    answer = client.check_credit(dishonest)
    schemas.validate("CreditResponse", answer)
    assert answer["dishonest"] is True and answer["listed_by"] == listed_by
    clear = client.check_credit(LIN["id_number"])
    assert clear["dishonest"] is False and "listed_by" not in clear
    bad = device.request("POST", contract.P_CREDIT, body={"id_number": "12345"})
    assert bad.status_code == 400 and "error" in bad.json()
