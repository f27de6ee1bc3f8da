"""Enrollment with one-time codes, and every way a signed request is refused (401 with its ErrorCode)."""

from __future__ import annotations

import time
import uuid
from datetime import datetime

from sync import contract
from sync.server.runner import ThreadedPlatform
from tests.sync.server.platform_kit import Device, admin, new_code


def _error(response: object) -> dict[str, str]:
    body = response.json()  # type: ignore[attr-defined]
    error: dict[str, str] = body["error"]
    return error


def test_a_code_enrolls_once_and_gives_a_32_byte_secret(platform: ThreadedPlatform) -> None:
    code = new_code(platform)
    first = Device(platform.url, uuid.uuid4().hex)
    response = first.enroll(code.lower().replace("-", " "))  # people type codes sloppily
    assert response.status_code == 200
    assert len(first.secret) == 32
    assert response.json()["device_id"] == first.device_id

    again = Device(platform.url, uuid.uuid4().hex).enroll(code, device_no=2)
    assert again.status_code == 403
    assert _error(again)["code"] == contract.ErrorCode.BAD_ENROLLMENT_CODE
    unknown = Device(platform.url, uuid.uuid4().hex).enroll("AAAA-BBBB-CCCC", device_no=3)
    assert unknown.status_code == 403 and "注册码" in _error(unknown)["message"]
    assert [d["device_id"] for d in admin(platform, contract.P_ADMIN_DEVICES)["devices"]] == [first.device_id]


def test_re_enrolling_rotates_the_secret(platform: ThreadedPlatform, device: Device) -> None:
    old = device.secret
    assert device.request("GET", contract.P_UPDATES).status_code == 200
    assert device.enroll(new_code(platform)).status_code == 200
    assert device.secret != old
    assert device.request("GET", contract.P_UPDATES).status_code == 200
    stale = device.request("GET", contract.P_UPDATES, secret=old)
    assert stale.status_code == 401 and _error(stale)["code"] == contract.ErrorCode.BAD_SIGNATURE


def test_a_device_number_taken_by_another_device_is_refused(
    platform: ThreadedPlatform, device: Device
) -> None:
    code = new_code(platform)
    clash = Device(platform.url, uuid.uuid4().hex).enroll(code, device_no=1)
    assert clash.status_code == 409 and _error(clash)["code"] == contract.ErrorCode.CONFLICT
    # The code was not spent on the refused attempt.
    assert Device(platform.url, uuid.uuid4().hex).enroll(code, device_no=9).status_code == 200


def test_a_device_without_a_number_is_given_the_lowest_free_one_and_keeps_it(
    platform: ThreadedPlatform, device: Device
) -> None:
    """``device`` holds 320115-001; numbers are per region."""
    second, third = Device(platform.url, uuid.uuid4().hex), Device(platform.url, uuid.uuid4().hex)
    assert second.enroll(new_code(platform), device_no=None).json()["device_no"] == 2
    assert Device(platform.url, uuid.uuid4().hex).enroll(new_code(platform), device_no=4).status_code == 200
    assert third.enroll(new_code(platform), device_no=None).json()["device_no"] == 3
    assert second.enroll(new_code(platform), device_no=None).json()["device_no"] == 2  # again: the same
    elsewhere = Device(platform.url, uuid.uuid4().hex).enroll(
        new_code(platform), device_no=None, region="320102"
    )
    assert elsewhere.json()["device_no"] == 1
    assert device.enroll(new_code(platform)).json()["device_no"] == 1  # a number asked for is echoed


def test_bad_enrollment_bodies_are_400_with_the_json_path(platform: ThreadedPlatform) -> None:
    body = {
        "code": new_code(platform),
        "device_id": uuid.uuid4().hex,
        "region_code": "320115",
        "device_no": 0,
        "role": "window",
    }
    response = Device(platform.url, "x").session.post(platform.url + contract.P_ENROLL, json=body, timeout=10)
    assert response.status_code == 400
    assert "$.device_no" in _error(response)["message"]


def test_every_auth_rejection_is_401_with_its_code(device: Device) -> None:
    path = contract.P_UPDATES
    cases = {
        "bad signature": (device.request("GET", path, secret=b"x" * 32), contract.ErrorCode.BAD_SIGNATURE),
        "unknown device": (
            device.request("GET", path, device_id="f" * 32),
            contract.ErrorCode.UNKNOWN_DEVICE,
        ),
        "clock ahead": (
            device.request("GET", path, timestamp=int(time.time()) + contract.MAX_CLOCK_SKEW_S + 60),
            contract.ErrorCode.CLOCK_SKEW,
        ),
        "clock behind": (
            device.request("GET", path, timestamp=int(time.time()) - contract.MAX_CLOCK_SKEW_S - 60),
            contract.ErrorCode.CLOCK_SKEW,
        ),
    }
    for what, (response, code) in cases.items():
        assert response.status_code == 401, what
        error = _error(response)
        assert error["code"] == code, what
        assert error["message"] and not error["message"].isascii(), what  # Chinese for staff
        datetime.fromisoformat(error["server_time"])  # every 401 says the platform's time
    skew = _error(cases["clock behind"][0])
    assert "平台时间" in skew["message"] and "server time" in skew["detail"]

    nonce = "0123456789abcdef0123456789abcdef"
    assert device.request("GET", path, nonce=nonce).status_code == 200
    replay = device.request("GET", path, nonce=nonce)
    assert replay.status_code == 401 and _error(replay)["code"] == contract.ErrorCode.REPLAYED_NONCE


def test_a_signature_covers_path_query_and_body(device: Device) -> None:
    stamp, nonce = str(int(time.time())), "a" * 32
    signature = contract.sign(device.secret, "GET", contract.P_UPDATES + "?cursor=0", stamp, nonce, b"")
    headers = {
        contract.H_DEVICE: device.device_id,
        contract.H_TIMESTAMP: stamp,
        contract.H_NONCE: nonce,
        contract.H_SIGNATURE: signature,
    }
    tampered = device.session.get(
        device.base_url + contract.P_UPDATES + "?cursor=5", headers=headers, timeout=10
    )
    assert tampered.status_code == 401 and _error(tampered)["code"] == contract.ErrorCode.BAD_SIGNATURE
    missing = device.session.get(device.base_url + contract.P_UPDATES, timeout=10)
    assert missing.status_code == 401 and contract.H_SIGNATURE in _error(missing)["message"]
