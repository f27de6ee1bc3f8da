"""Catalog, staff accounts, e-licence look-ups, certificates and QR tokens, as a device pulls them."""

from __future__ import annotations

import base64
import copy
import hashlib
import uuid
from pathlib import Path

import pytest

from core.catalog import default_root
from core.catalog.feed import feed_text, read_raw
from core.passwords import verify_password
from sync import contract, schemas
from sync.server.runner import ThreadedPlatform
from sync.server.seed import DEMO_STAFF
from tests.sync.server.platform_kit import Device, Factory, admin, catalog, new_code


@pytest.fixture
def platform(platform_factory: Factory) -> ThreadedPlatform:
    """With the demo staff, people, licences and tokens."""
    return platform_factory(seeds=("demo",))


def test_catalog_is_304_when_current_and_the_whole_feed_otherwise(device: Device) -> None:
    version = catalog().version
    current = device.request("GET", f"{contract.P_CATALOG}?have={version}")
    assert current.status_code == 304 and current.content == b""

    full = device.request("GET", f"{contract.P_CATALOG}?have=2020.1-r1", headers={"Accept-Encoding": "gzip"})
    assert full.status_code == 200
    assert full.headers["Content-Encoding"] == "gzip"  # answers are compressed when asked
    body = full.json()
    schemas.validate("CatalogResponse", body)
    assert body["version"] == version and body["base"] is None and body["keys"] is None
    problems: list[str] = []
    raw = read_raw(default_root(), problems)
    assert raw is not None and body["records"] == list(raw.records())  # the feed, record for record
    assert device.request("GET", contract.P_CATALOG).status_code == 200  # no ?have= at all


def test_a_device_with_a_version_the_platform_served_gets_only_the_changes(
    platform_factory: Factory, tmp_path: Path
) -> None:
    problems: list[str] = []
    raw = read_raw(default_root(), problems)
    assert raw is not None
    old = [dict(r) for r in raw.records()]
    new = copy.deepcopy(old)
    new[0]["version"] = "2099.1-r1"
    changed = next(r for r in new if r["kind"] == "matter")
    changed["promise_days"] = 2
    gone = new[-1]  # the last bundle
    new.remove(gone)
    old_feed, new_feed = tmp_path / "old.jsonl", tmp_path / "new.jsonl"
    old_feed.write_text(feed_text(old), encoding="utf-8")
    new_feed.write_text(feed_text(new), encoding="utf-8")
    db = tmp_path / "platform.db"
    first = platform_factory(catalog_dir=old_feed, db=db)  # serves, and so remembers, the old version
    first.stop()
    second = platform_factory(catalog_dir=new_feed, db=db)
    device = Device(second.url, uuid.uuid4().hex)
    assert device.enroll(new_code(second)).status_code == 200
    body = device.request("GET", f"{contract.P_CATALOG}?have={old[0]['version']}").json()
    schemas.validate("CatalogResponse", body)
    assert body["base"] == old[0]["version"] and body["version"] == "2099.1-r1"
    assert body["records"] == [new[0], changed]  # the header and the one changed matter
    assert body["keys"] == [[r["kind"], r.get("id", "")] for r in new]
    assert gone["kind"] == "bundle" and ["bundle", gone["id"]] not in body["keys"]
    unknown = device.request("GET", f"{contract.P_CATALOG}?have=1999.1").json()
    assert unknown["base"] is None and len(unknown["records"]) == len(new)


def test_staff_hashes_verify_with_scrypt(device: Device) -> None:
    response = device.request("GET", f"{contract.P_STAFF}?cursor=0")
    body = response.json()
    schemas.validate("StaffResponse", body)
    accounts = {a["staff_id"]: a for a in body["accounts"]}
    assert set(accounts) == {"admin", "window01", "supervisor01", "outreach01"}
    for staff_id, _name, role, password in DEMO_STAFF:
        account = accounts[staff_id]
        assert account["role"] == role and account["active"] is True
        scheme, n, r, p, salt, key = account["password_hash"].split("$")
        assert scheme == "scrypt"
        derived = hashlib.scrypt(
            password.encode(),
            salt=base64.b64decode(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=len(base64.b64decode(key)),
        )
        assert derived == base64.b64decode(key)
        assert verify_password(password, account["password_hash"])
        assert not verify_password(password + "x", account["password_hash"])
    assert body["next_cursor"] == max(a["cursor"] for a in body["accounts"])
    later = device.request("GET", f"{contract.P_STAFF}?cursor={body['next_cursor']}").json()
    assert later == {"accounts": [], "next_cursor": body["next_cursor"]}
    assert not verify_password("x", "scrypt$99999999999$8$1$AA==$AA==")  # malformed: False, no error


def test_licence_lookup_finds_the_demo_family(device: Device) -> None:
    def lookup(id_number: str, licence: str) -> dict[str, object]:
        response = device.request(
            "POST", contract.P_LICENCE_LOOKUP, body={"id_number": id_number, "licence": licence}
        )
        assert response.status_code == 200, response.text
        body: dict[str, object] = response.json()
        schemas.validate("LicenceLookupResponse", body)
        return body

    mother = lookup("320115199003070043", "marriage_cert")
    assert mother["found"] is True and mother["holder_name"] == "林晓雨"
    assert lookup("320115198805120036", "hukou_book")["holder_name"] == "周建国"
    birth = lookup("320115199003070043", "birth_medical_cert")
    assert (birth["holder_name"], birth["licence_number"]) == ("周子墨", "Q320123456")
    assert lookup("330106199203152348", "id_card")["found"] is True  # from cards-demo.json
    assert lookup("810000199511234522", "id_card") == {"found": False, "licence": "id_card"}
    unknown = device.request(
        "POST",
        contract.P_LICENCE_LOOKUP,
        body={"id_number": "320115199003070043", "licence": "pilot_licence"},
    )
    assert unknown.status_code == 400


def test_certificate_is_reserved_once_and_issued_when_printed(
    platform: ThreadedPlatform, device: Device
) -> None:
    request = {
        "request_id": uuid.uuid4().hex,
        "kind": "no_criminal_record",
        "id_number": "320115198805120036",
        "purpose": "求职",
    }
    first = device.request("POST", contract.P_CERTIFICATES, body=request).json()
    schemas.validate("CertificateResponse", first)
    assert first["status"] == "reserved" and first["title"] == "无犯罪记录证明"
    assert any("周建国" in line and "320115198805120036" in line for line in first["lines"])
    assert any(first["verification_code"] in line for line in first["lines"])

    # The kiosk lost the answer (or jammed): asking again gives the same certificate, to print again.
    assert device.request("POST", contract.P_CERTIFICATES, body=request).json() == first
    printed_path = contract.P_CERTIFICATE_PRINTED.format(certificate_id=first["certificate_id"])
    issued = device.request("POST", printed_path, body={"request_id": request["request_id"]}).json()
    assert issued == {**first, "status": "issued"}
    assert (
        device.request("POST", printed_path, raw=b"").json()["status"] == "issued"
    )  # idempotent, empty body
    assert device.request("POST", contract.P_CERTIFICATES, body=request).json() == issued
    stats = admin(platform, contract.P_ADMIN_STATS)
    assert stats["certificates"] == 1

    clash = device.request(
        "POST", contract.P_CERTIFICATES, body={**request, "id_number": "320115199003070043"}
    )
    assert clash.status_code == 409
    wrong = device.request("POST", printed_path, body={"request_id": "someone-elses-request"})
    assert wrong.status_code == 409
    nobody = device.request(
        "POST",
        contract.P_CERTIFICATES,
        body={**request, "request_id": uuid.uuid4().hex, "id_number": "110105194912310029"},
    )
    assert nobody.status_code == 404 and not nobody.json()["error"]["message"].isascii()
    missing = device.request("POST", contract.P_CERTIFICATE_PRINTED.format(certificate_id="WFZ0"), body={})
    assert missing.status_code == 404


def test_tokens_resolve_to_people_and_expired_ones_are_404(device: Device) -> None:
    response = device.request("POST", contract.P_TOKENS, body={"token": "DEMO-ESSC-LINXIAOYU-2026"})
    body = response.json()
    schemas.validate("TokenResponse", body)
    assert (body["token_type"], body["name"], body["id_number"], body["id_kind"]) == (
        "essc",
        "林晓雨",
        "320115199003070043",
        "resident",
    )
    expired = device.request("POST", contract.P_TOKENS, body={"token": "DEMO-ESSC-EXPIRED-2020"})
    assert expired.status_code == 404 and "过期" in expired.json()["error"]["message"]
    unknown = device.request("POST", contract.P_TOKENS, body={"token": "NOT-A-KNOWN-TOKEN-0000"})
    assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "not_found"


def test_health_openapi_and_json_errors_everywhere(
    platform: ThreadedPlatform, device: Device, tmp_path: Path
) -> None:
    health = device.session.get(platform.url + contract.P_HEALTH, timeout=10).json()
    schemas.validate("HealthResponse", health)
    assert (health["status"], health["version"]) == ("ok", contract.API_VERSION)
    wrong_method = device.session.delete(platform.url + contract.P_EVENTS, timeout=10)
    assert wrong_method.status_code == 405 and wrong_method.headers["content-type"].startswith(
        "application/json"
    )
    nowhere = device.session.get(platform.url + "/nowhere", timeout=10)
    assert nowhere.status_code == 404 and nowhere.json()["error"]["code"] == "not_found"
