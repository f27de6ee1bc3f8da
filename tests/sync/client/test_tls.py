"""TLS: a deployment CA file, a pinned certificate, and a pin mismatch refused before any request."""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import re
import ssl
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from pytest_httpserver import HTTPServer

from sync.client import PlatformClient
from sync.errors import SyncPermanentError
from tests.sync.client.fake_platform import FakePlatform


def _certificate(tmp: Path) -> tuple[Path, Path, str]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "tongban-test-platform")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = tmp / "platform.pem", tmp / "platform.key"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    pin = hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest()
    return cert_file, key_file, pin


@pytest.fixture
def tls_platform(tmp_path: Path) -> Iterator[tuple[str, Path, str]]:
    cert_file, key_file, pin = _certificate(tmp_path)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    server = HTTPServer(host="127.0.0.1", port=0, ssl_context=context)
    fake = FakePlatform()
    server.expect_request(re.compile(".*")).respond_with_handler(fake.handle)
    server.start()
    yield server.url_for("").rstrip("/"), cert_file, pin
    server.stop()


def test_a_matching_pin_is_trusted_without_a_ca(tls_platform: tuple[str, Path, str]) -> None:
    url, _, pin = tls_platform
    with PlatformClient(url, device_id="d" * 32, pin=pin.upper()) as client:
        assert client.health()["status"] == "ok"


def test_a_pin_mismatch_is_a_permanent_failure_with_a_clear_message(
    tls_platform: tuple[str, Path, str],
) -> None:
    url, cert_file, _ = tls_platform
    with PlatformClient(url, device_id="d" * 32, pin="00" * 32, ca_file=str(cert_file)) as client:
        with pytest.raises(SyncPermanentError) as caught:
            client.health()
        assert not client.reachable()
    assert caught.value.code == "pin_mismatch"
    assert "证书指纹不符" in caught.value.message


def test_a_ca_file_verifies_the_platform(tls_platform: tuple[str, Path, str]) -> None:
    url, cert_file, _ = tls_platform
    with PlatformClient(url, device_id="d" * 32, ca_file=str(cert_file)) as client:
        assert client.health()["status"] == "ok"


def test_an_unknown_certificate_is_refused(tls_platform: tuple[str, Path, str]) -> None:
    url, _, _ = tls_platform
    with PlatformClient(url, device_id="d" * 32) as client, pytest.raises(SyncPermanentError) as caught:
        client.health()
    assert caught.value.code == "tls"
