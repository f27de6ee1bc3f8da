"""Taking over an enrolled device (issue #13 item 7): an ordinary unused code cannot re-enrol an existing
device id; an operator binds a code to that device, or the device proves its old secret. The operator
views that listed the device ids need the platform's admin token."""

from __future__ import annotations

import subprocess
import sys
import uuid
from pathlib import Path

import requests

from sync import contract
from sync.server.runner import ThreadedPlatform
from tests.sync.server.platform_kit import REPO, Device, admin, admin_token, case_number, new_code


def _error(response: requests.Response) -> dict[str, str]:
    error: dict[str, str] = response.json()["error"]
    return error


def test_an_unused_code_cannot_take_over_an_enrolled_device(
    platform: ThreadedPlatform, device: Device
) -> None:
    assert device.request("GET", contract.P_UPDATES).status_code == 200
    thief = Device(platform.url, device.device_id)  # knows the id, not the secret
    code = new_code(platform)
    stolen = thief.enroll(code)
    assert stolen.status_code == 403, stolen.text
    assert _error(stolen)["code"] == contract.ErrorCode.BAD_ENROLLMENT_CODE
    assert "已在平台注册" in _error(stolen)["message"]
    assert thief.secret == b""
    # The device's secret still works; the code was not spent on the refused attempt.
    assert device.request("GET", contract.P_UPDATES).status_code == 200
    assert Device(platform.url, uuid.uuid4().hex).enroll(code, device_no=2).status_code == 200


def test_a_code_issued_for_the_device_re_enrols_it(platform: ThreadedPlatform, device: Device) -> None:
    old = device.secret
    bound = new_code(platform, device_id=device.device_id)
    other = Device(platform.url, uuid.uuid4().hex).enroll(bound, device_no=5)
    assert other.status_code == 403 and "另一台设备" in _error(other)["message"]
    lost = Device(platform.url, device.device_id)  # the device lost its secret (a new disk)
    assert lost.enroll(bound).status_code == 200
    assert lost.secret != old
    assert lost.request("GET", contract.P_UPDATES).status_code == 200
    assert device.request("GET", contract.P_UPDATES).status_code == 401  # the old secret is gone


def test_the_old_secret_proves_a_re_enrolment(platform: ThreadedPlatform, device: Device) -> None:
    code = new_code(platform)
    wrong = Device(platform.url, device.device_id, secret=b"w" * 32).enroll(code)  # a guessed secret
    assert wrong.status_code == 403
    assert device.enroll(code).status_code == 200  # Device.enroll proves the secret it holds
    assert device.request("GET", contract.P_UPDATES).status_code == 200


def test_admin_views_need_the_admin_token(platform: ThreadedPlatform, device: Device) -> None:
    for path in (
        contract.P_ADMIN_DEVICES,
        contract.P_ADMIN_CASES,
        contract.P_ADMIN_EVENTS,
        contract.P_ADMIN_STATS,
        contract.P_ADMIN_FAULTS,
    ):
        bare = requests.get(platform.url + path, timeout=10)
        assert bare.status_code == 401, (path, bare.text)
        assert _error(bare)["code"] == contract.ErrorCode.BAD_ADMIN_TOKEN
        assert device.device_id not in bare.text
        wrong = requests.get(platform.url + path, headers={"Authorization": "Bearer nope"}, timeout=10)
        assert wrong.status_code == 401, path
        odd = requests.get(
            platform.url + path, headers={"Authorization": "Bearer é".encode("latin-1")}, timeout=10
        )
        assert odd.status_code == 401, path
    devices = admin(platform, contract.P_ADMIN_DEVICES)["devices"]
    assert [d["device_id"] for d in devices] == [device.device_id]
    posted = requests.post(platform.url + contract.P_ADMIN_FAULTS, json={"faults": []}, timeout=10)
    assert posted.status_code == 401


def test_the_cli_prints_the_admin_token_and_binds_codes(platform: ThreadedPlatform, tmp_path: Path) -> None:
    db = str(platform.platform.config.db_path)
    out = subprocess.run(
        [sys.executable, "-m", "sync.server", "admin-token", "--db", db],
        capture_output=True, text=True, cwd=REPO, timeout=60, check=True,
    )  # fmt: skip
    assert out.stdout.strip() == admin_token(platform)
    device_id = uuid.uuid4().hex
    out = subprocess.run(
        [sys.executable, "-m", "sync.server", "issue-code", "--db", db, "--device", device_id],
        capture_output=True, text=True, cwd=REPO, timeout=60, check=True,
    )  # fmt: skip
    code = out.stdout.strip()
    assert Device(platform.url, uuid.uuid4().hex).enroll(code, device_no=3).status_code == 403
    assert Device(platform.url, device_id).enroll(code, device_no=3).status_code == 200
    bad = subprocess.run(
        [sys.executable, "-m", "sync.server", "issue-code", "--db", db, "--device", "x' OR 1"],
        capture_output=True, text=True, cwd=REPO, timeout=60,
    )  # fmt: skip
    assert bad.returncode == 2 and "设备标识" in bad.stderr
    assert case_number(3, 1)  # the bound device numbers in its own range as any other
