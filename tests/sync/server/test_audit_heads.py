"""Tamper evidence that reaches the platform (issue #13 item 6): a device's audit-log head must extend
the one it reported before; a cut, rolled-back or rewritten log holds the device until released."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from typing import Any

from core.audit import GENESIS_HASH
from sync import contract
from sync.server.runner import ThreadedPlatform
from tests.sync.server.platform_kit import REPO, Device, admin, case_number, insurance_case, wire_event


def _h(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _head(count: int, digest: str, *known: tuple[int, str]) -> dict[str, Any]:
    return {"count": count, "hash": digest, "known": [{"count": c, "hash": h} for c, h in known]}


class _Pusher:
    """Pushes one fresh accepted case per call, with the given audit head."""

    def __init__(self, device: Device) -> None:
        self.device = device
        self.seq = 0

    def __call__(self, head: dict[str, Any] | None) -> Any:
        self.seq += 1
        number = case_number(1, self.seq)
        event = wire_event(
            self.device.device_id, self.seq, number, "accepted", insurance_case(number, self.device.device_id)
        )
        body: dict[str, Any] = {"events": [event]}
        if head is not None:
            body["audit_head"] = head
        return self.device.request("POST", contract.P_EVENTS, body=body)


def _refused(response: Any) -> dict[str, str]:
    assert response.status_code == 409, response.text
    error: dict[str, str] = response.json()["error"]
    assert error["code"] == contract.ErrorCode.AUDIT_HEAD
    assert "审计日志" in error["message"]
    return error


def test_a_head_that_extends_the_last_is_taken(platform: ThreadedPlatform, device: Device) -> None:
    push = _Pusher(device)
    assert push(_head(0, GENESIS_HASH)).status_code == 200
    assert push(_head(3, _h("3"))).status_code == 200  # the first report covers count 0 by the chain
    assert push(_head(3, _h("3"))).status_code == 200  # the same head again
    assert push(_head(7, _h("7"), (3, _h("3")))).status_code == 200
    (listed,) = admin(platform, contract.P_ADMIN_DEVICES)["devices"]
    assert (listed["audit_head_count"], listed["held"]) == (7, None)


def test_a_shorter_head_holds_the_device_until_released(platform: ThreadedPlatform, device: Device) -> None:
    push = _Pusher(device)
    assert push(_head(5, _h("5"))).status_code == 200
    error = _refused(push(_head(4, _h("4"))))
    assert "below" in error["detail"]
    # Held: even a proper head is refused now, and nothing of the batch is stored.
    _refused(push(_head(6, _h("6"), (5, _h("5")))))
    (listed,) = admin(platform, contract.P_ADMIN_DEVICES)["devices"]
    assert listed["held"] and "below" in listed["held"]

    db = str(platform.platform.config.db_path)
    run = [sys.executable, "-m", "sync.server", "audit-release", "--db", db, device.device_id]
    done = subprocess.run(run, capture_output=True, text=True, cwd=REPO, timeout=60)
    assert done.returncode == 0, done.stderr
    again = subprocess.run(run, capture_output=True, text=True, cwd=REPO, timeout=60)
    assert again.returncode == 2 and "没有被暂停" in again.stderr
    assert push(_head(4, _h("4"))).status_code == 200  # after the operator's release it starts afresh


def test_a_rewritten_chain_is_refused(device: Device) -> None:
    push = _Pusher(device)
    assert push(_head(5, _h("5"))).status_code == 200
    _refused(push(_head(5, _h("5 rewritten"))))  # same count, other hash


def test_a_rewritten_and_extended_chain_is_refused(device: Device) -> None:
    push = _Pusher(device)
    assert push(_head(5, _h("5"))).status_code == 200
    error = _refused(push(_head(9, _h("9"), (5, _h("5 rewritten")))))
    assert "rewritten" in error["detail"]


def test_a_head_that_does_not_show_the_last_one_is_refused(device: Device) -> None:
    push = _Pusher(device)
    assert push(_head(5, _h("5"))).status_code == 200
    _refused(push(_head(9, _h("9"), (2, _h("2")))))


def test_leaving_the_head_out_after_reporting_one_is_refused(device: Device) -> None:
    push = _Pusher(device)
    assert push(None).status_code == 200  # a device from before heads
    assert push(_head(2, _h("2"))).status_code == 200
    _refused(push(None))


def test_a_malformed_head_is_a_400(device: Device) -> None:
    push = _Pusher(device)
    response = push({"count": -1, "hash": "x", "known": []})
    assert response.status_code == 400 and "audit_head" in response.json()["error"]["message"]
