"""A device may only submit cases numbered in its own (region, device number) range, and only real case
numbers (issue #13 item 7): a squatter's case is refused and the honest device's own case goes in."""

from __future__ import annotations

from collections.abc import Callable

from sync import contract
from sync.server.runner import ThreadedPlatform
from tests.sync.server.platform_kit import Device, case_number, cases_by_number, insurance_case, wire_event


def _accepted(device: Device, seq: int, number: str) -> contract.WireEvent:
    payload = insurance_case(number, device.device_id)
    return wire_event(device.device_id, seq, number, "accepted", payload)


def test_a_case_numbered_in_another_devices_range_is_refused(
    platform: ThreadedPlatform, enrolled: Callable[..., Device]
) -> None:
    honest, squatter = enrolled(1), enrolled(2)
    stolen = case_number(1, 1)  # device 1's first number of the day
    reply = squatter.push([_accepted(squatter, 1, stolen)])
    assert reply.status_code == 200, reply.text
    (rejected,) = reply.json()["rejected"]
    assert rejected["code"] == contract.ErrorCode.NUMBER_TAKEN  # final: the client will not retry it
    assert "不属于本设备" in rejected["message"]
    assert stolen not in cases_by_number(platform)

    own = honest.push([_accepted(honest, 1, stolen)]).json()
    assert [r["status"] for r in own["receipts"]] == ["stored"], own
    assert cases_by_number(platform)[stolen]["device_id"] == honest.device_id
    # The squatter's own range still works.
    mine = case_number(2, 1)
    assert squatter.push([_accepted(squatter, 2, mine)]).json()["receipts"][0]["status"] == "stored"


def test_another_regions_number_is_refused(device: Device) -> None:
    from datetime import date

    from core.case_numbers import compose_case_number

    elsewhere = compose_case_number("110105", date(2026, 11, 23), 1, 1).digits
    (rejected,) = device.push([_accepted(device, 1, elsewhere)]).json()["rejected"]
    assert rejected["code"] == contract.ErrorCode.NUMBER_TAKEN


def test_what_is_not_a_case_number_is_refused(platform: ThreadedPlatform, device: Device) -> None:
    good = case_number(1, 1)
    grouped = f"{good[:6]}-{good[6:12]}-{good[12:15]}-{good[15:19]}-{good[19]}"
    bad_check = good[:-1] + str((int(good[-1]) + 1) % 10)
    injection = "1' OR '1'='1'; DROP TABLE cases;--"
    for seq, number in enumerate((injection, bad_check, grouped, "TB1:" + good + ":00000000"), start=1):
        event = _accepted(device, seq, good)
        event["case_number"] = number
        event["payload"]["number"] = number
        reply = device.push([event])
        assert reply.status_code in (200, 400), reply.text
        if reply.status_code == 200:
            (rejected,) = reply.json()["rejected"]
            assert rejected["code"] == contract.ErrorCode.INVALID_EVENT, (number, rejected)
    assert cases_by_number(platform) == {}
    # Events of other kinds name real numbers too.
    withdrawn = wire_event(device.device_id, 9, injection, "withdrawn", {"reason": "x"})
    (rejected,) = device.push([withdrawn]).json()["rejected"]
    assert rejected["code"] == contract.ErrorCode.INVALID_EVENT
