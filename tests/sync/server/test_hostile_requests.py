"""Requests an attacker on the hall's LAN sent that ended in HTTP 500 with a traceback (issue #13 item 7):
each must be answered 4xx with a JSON error, against a real platform on 127.0.0.1."""

from __future__ import annotations

import hashlib
import secrets
import time
import uuid
from typing import Any

import requests

from core.cases.codec import evaluation_to_dict
from core.cases.model import Evaluation
from sync import contract
from sync.server.runner import ThreadedPlatform
from tests.sync.server.platform_kit import Device, case_number, insurance_case, new_code, wire_event

DEEP = 100_000


def _json_error(response: requests.Response, status: int = 400) -> dict[str, Any]:
    assert response.status_code == status, (response.status_code, response.text[:300])
    error: dict[str, Any] = response.json()["error"]
    assert error["code"] != contract.ErrorCode.INTERNAL
    assert error["message"]
    return error


def _deep(depth: int = DEEP) -> bytes:
    return b"[" * depth + b"]" * depth


def test_a_100000_deep_json_to_enroll_is_a_400(platform: ThreadedPlatform) -> None:
    response = requests.post(
        platform.url + contract.P_ENROLL,
        data=_deep(),
        headers={"Content-Type": "application/json"},
        timeout=30,
    )
    _json_error(response)


def test_a_100000_deep_json_to_events_is_a_400(device: Device) -> None:
    _json_error(device.request("POST", contract.P_EVENTS, raw=_deep(), timeout=30))
    # A deep object inside a valid-looking batch as well.
    inner = b'{"events":[{"payload":' + b'{"a":' * DEEP + b"1" + b"}" * DEEP + b"}]}"
    _json_error(device.request("POST", contract.P_EVENTS, raw=inner, timeout=30))


def test_a_seq_of_2_pow_63_is_a_400(device: Device) -> None:
    number = case_number(1, 1)
    event = wire_event(device.device_id, 2**63, number, "accepted", insurance_case(number, device.device_id))
    error = _json_error(device.push([event]))
    assert "seq" in error["detail"]


def test_a_rating_level_of_infinity_is_refused_as_invalid(device: Device) -> None:
    number = case_number(1, 1)
    accepted = wire_event(device.device_id, 1, number, "accepted", insurance_case(number, device.device_id))
    assert device.push([accepted]).json()["receipts"][0]["status"] == "stored"
    rating = evaluation_to_dict(Evaluation(level=5, reason="", at="2026-11-23T09:40:00+08:00"))
    rating["level"] = float("inf")  # json.dumps writes Infinity, which json.loads reads back
    response = device.push([wire_event(device.device_id, 2, number, "evaluated", rating)])
    if response.status_code == 200:
        (rejected,) = response.json()["rejected"]
        assert rejected["code"] == contract.ErrorCode.INVALID_EVENT
    else:
        _json_error(response)
    # The same with NaN, which is no number at all.
    rating["level"] = float("nan")
    response = device.push([wire_event(device.device_id, 3, number, "evaluated", rating)])
    assert response.status_code in (200, 400), response.text[:300]
    if response.status_code == 200:
        assert response.json()["rejected"][0]["code"] == contract.ErrorCode.INVALID_EVENT


def test_one_matter_listed_twice_is_refused_as_invalid(platform: ThreadedPlatform, device: Device) -> None:
    number = case_number(1, 1)
    payload = insurance_case(number, device.device_id)
    payload["matters"] = [*payload["matters"], payload["matters"][0]]
    response = device.push([wire_event(device.device_id, 1, number, "accepted", payload)])
    assert response.status_code == 200, response.text[:300]
    (rejected,) = response.json()["rejected"]
    assert rejected["code"] == contract.ErrorCode.INVALID_EVENT
    assert "重复" in rejected["message"]
    # The device's next, honest case still goes in.
    other = case_number(1, 2)
    fine = wire_event(device.device_id, 2, other, "accepted", insurance_case(other, device.device_id))
    assert device.push([fine]).json()["receipts"][0]["status"] == "stored"


def _signed_headers(device: Device, **override: bytes) -> dict[str, Any]:
    headers: dict[str, Any] = {
        contract.H_DEVICE: device.device_id,
        contract.H_TIMESTAMP: str(int(time.time())),
        contract.H_NONCE: secrets.token_hex(16),
        contract.H_SIGNATURE: "0" * 64,
    }
    headers.update(override)
    return headers


def test_a_non_ascii_signature_header_is_a_401(device: Device) -> None:
    headers = _signed_headers(device, **{contract.H_SIGNATURE: "é".encode("latin-1") * 64})
    response = requests.get(device.base_url + contract.P_UPDATES, headers=headers, timeout=10)
    error = _json_error(response, 401)
    assert error["code"] == contract.ErrorCode.BAD_SIGNATURE
    # Non-ASCII in the other signed headers too.
    for name in (contract.H_TIMESTAMP, contract.H_NONCE, contract.H_DEVICE):
        headers = _signed_headers(device, **{name: "²³".encode("latin-1")})
        response = requests.get(device.base_url + contract.P_UPDATES, headers=headers, timeout=10)
        assert response.status_code == 401, (name, response.text[:300])


def test_a_total_size_of_superscript_two_is_a_400(device: Device) -> None:
    data = b"scan"
    sha = hashlib.sha256(data).hexdigest()
    path = f"{contract.P_ATTACHMENT.format(sha256=sha)}?offset=0"
    error = _json_error(device.request("PUT", path, raw=data, headers={contract.H_TOTAL_SIZE: "²"}))
    assert contract.H_TOTAL_SIZE in error["message"]
    for bad in ("³", "4" * 40, "-4", "0x10"):
        response = device.request("PUT", path, raw=data, headers={contract.H_TOTAL_SIZE: bad})
        _json_error(response, 400)


def test_a_content_length_of_superscript_two_is_a_400(platform: ThreadedPlatform) -> None:
    # Sent by hand: HTTP clients compute Content-Length themselves.
    import socket
    from urllib.parse import urlsplit

    url = urlsplit(platform.url)
    with socket.create_connection((url.hostname or "127.0.0.1", url.port or 80), timeout=10) as sock:
        sock.sendall(
            b"POST " + contract.P_ENROLL.encode() + b" HTTP/1.1\r\nHost: x\r\n"
            b"Content-Type: application/json\r\nContent-Length: \xc2\xb2\r\nConnection: close\r\n\r\n"
        )
        reply = b""
        while chunk := sock.recv(65536):
            reply += chunk
    status = int(reply.split(b" ", 2)[1])
    assert 400 <= status < 500, reply[:300]


def test_an_unsigned_enroll_with_a_huge_device_number_is_a_400(platform: ThreadedPlatform) -> None:
    body = {
        "code": new_code(platform),
        "device_id": uuid.uuid4().hex,
        "region_code": "320115",
        "role": "window",
        "device_no": 2**70,
    }
    response = requests.post(platform.url + contract.P_ENROLL, json=body, timeout=10)
    _json_error(response)


def test_the_queue_takes_only_strict_json_too(device: Device) -> None:
    from sync.server import queue

    _json_error(device.request("POST", queue.P_TICKETS, raw=_deep(), timeout=30))
    _json_error(device.request("POST", queue.P_TICKETS, raw=b'{"service": "x", "age": Infinity}'))
