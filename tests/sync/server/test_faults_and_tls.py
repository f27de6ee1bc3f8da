"""Fault injection (5xx/429, delays, the lost acknowledgement, resets) and HTTPS with a self-signed certificate."""

from __future__ import annotations

import datetime
import ipaddress
import time
import uuid
from pathlib import Path

import pytest
import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from sync import contract
from sync.server.faults import FaultSpecError, parse_env
from sync.server.runner import ThreadedPlatform, Tls
from tests.sync.server.platform_kit import (
    AdminView,
    Device,
    Factory,
    admin,
    case_number,
    digest,
    new_code,
    newborn_case,
    stored_events,
    wire_event,
)


def _faults(platform: ThreadedPlatform, *faults: dict[str, object]) -> None:
    response = requests.post(
        platform.url + contract.P_ADMIN_FAULTS,
        json={"faults": list(faults)},
        headers=AdminView.of(platform).headers,
        timeout=10,
    )
    assert response.status_code == 200, response.text


def _accepted(device: Device, seq: int) -> contract.WireEvent:
    number = case_number(1, seq)
    payload, pages = newborn_case(number, device.device_id, deficient=False)
    device.upload(pages[0])
    return wire_event(device.device_id, seq, number, "accepted", payload)


def test_status_faults_answer_json_with_retry_after_then_stop(
    platform: ThreadedPlatform, device: Device
) -> None:
    _faults(
        platform,
        {"mode": "status", "status": 503, "count": 2, "retry_after": 7},
        {"mode": "status", "status": 429},
    )
    for expected in (503, 503, 429):
        response = device.request("GET", contract.P_UPDATES)
        assert response.status_code == expected
        assert response.headers["Retry-After"] == ("7" if expected == 503 else "1")
        assert response.json()["error"]["code"] in ("unavailable", "rate_limited")
    _faults(platform, {"mode": "status", "status": 500})
    broken = device.request("GET", contract.P_UPDATES)
    assert broken.status_code == 500 and broken.json()["error"]["code"] == "internal"
    assert device.request("GET", contract.P_UPDATES).status_code == 200
    assert admin(platform, contract.P_ADMIN_FAULTS) == {"faults": []}


def test_a_lost_acknowledgement_stores_the_batch_and_the_retry_is_a_duplicate(
    platform: ThreadedPlatform, device: Device
) -> None:
    event = _accepted(device, 1)
    _faults(platform, {"mode": "drop", "path": contract.P_EVENTS})
    with pytest.raises(requests.exceptions.RequestException):  # the answer is cut halfway
        device.push([event]).json()
    stored = stored_events(platform, device.device_id)
    assert stored[1]["digest"] == digest(event)  # stored although the device never heard so
    retry = device.push([event]).json()
    assert retry["receipts"] == [
        {
            "seq": 1,
            "status": "duplicate",
            "receipt": stored[1]["receipt"],
            "received_at": stored[1]["received_at"],
        }
    ]


def test_a_reset_stores_nothing_and_a_delay_only_waits(platform: ThreadedPlatform, device: Device) -> None:
    event = _accepted(device, 1)
    _faults(platform, {"mode": "reset", "path": contract.P_EVENTS, "method": "POST"})
    with pytest.raises(requests.exceptions.RequestException):
        device.push([event]).json()
    assert stored_events(platform, device.device_id) == {}

    _faults(platform, {"mode": "delay", "seconds": 0.3})
    began = time.monotonic()
    assert device.push([event]).json()["receipts"][0]["status"] == "stored"
    assert time.monotonic() - began >= 0.3


def test_fault_switches_are_checked_and_off_by_default(platform_factory: Factory) -> None:
    with pytest.raises(FaultSpecError):
        parse_env('[{"mode": "explode"}]')
    assert parse_env('{"mode": "status", "status": 429, "count": 3}')[0].count == 3
    running = platform_factory(faults_enabled=False)
    off = requests.post(
        running.url + contract.P_ADMIN_FAULTS,
        json={"faults": [{"mode": "drop"}]},
        headers=AdminView.of(running).headers,
        timeout=10,
    )
    assert off.status_code == 404 and "--enable-faults" in off.json()["error"]["message"]


def test_faults_from_the_environment_apply_from_the_start(
    platform_factory: Factory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(
        "TONGBAN_PLATFORM_FAULTS", '[{"mode": "status", "status": 503, "path": "/api/v1/health"}]'
    )
    running = platform_factory(faults_enabled=False)
    assert requests.get(running.url + contract.P_HEALTH, timeout=10).status_code == 503
    assert requests.get(running.url + contract.P_HEALTH, timeout=10).status_code == 200


def _self_signed(folder: Path) -> Tls:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = folder / "cert.pem", folder / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return Tls(cert_file, key_file)


def test_https_with_a_self_signed_certificate(platform_factory: Factory, tmp_path: Path) -> None:
    tls = _self_signed(tmp_path)
    running = platform_factory(tls=tls)
    assert running.url.startswith("https://127.0.0.1:")
    with pytest.raises(requests.exceptions.SSLError):
        requests.get(running.url + contract.P_HEALTH, timeout=10)  # not trusted by default
    device = Device(running.url, uuid.uuid4().hex, verify=str(tls.cert_file))
    assert device.enroll(new_code(running)).status_code == 200
    event = _accepted(device, 1)
    assert device.push([event]).json()["receipts"][0]["status"] == "stored"
    view = AdminView.of(running, verify=str(tls.cert_file))
    stored = admin(view, f"{contract.P_ADMIN_EVENTS}?device_id={device.device_id}")["events"]
    assert {e["seq"]: e["digest"] for e in stored} == {1: digest(event)}
