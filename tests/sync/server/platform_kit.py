"""Test kit for the reference platform: a signing device of our own, real cases, and waiting with a deadline."""

from __future__ import annotations

import gzip
import hashlib
import json
import secrets
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import requests

from core.assets import assets_dir
from core.case_numbers import compose_case_number
from core.cases.codec import case_to_dict
from core.cases.intake import IntakeContext, IntakeRequest, MaterialInput, build_case, pages_of
from core.cases.model import ItemState
from core.catalog import load_catalog
from core.catalog.model import Catalog
from core.cli.intake_json import parse_intake_document
from sync import contract
from sync.server.auth import issue_code
from sync.server.db import admin_token as read_admin_token
from sync.server.db import open_platform_db
from sync.server.runner import ThreadedPlatform

CHINA = timezone(timedelta(hours=8))
EXAMPLE = assets_dir() / "examples" / "newborn-case.json"
T = TypeVar("T")
Factory = Callable[..., ThreadedPlatform]  # the platform_factory fixture (conftest.py)


REPO = Path(__file__).resolve().parents[3]


def new_code(platform: ThreadedPlatform, device_id: str | None = None) -> str:
    """A one-time enrollment code, issued on the platform's database as ``platform issue-code`` does
    (``--device``: for that device id only)."""
    db = open_platform_db(platform.platform.config.db_path)
    try:
        return issue_code(db, platform.platform.clock.now(), device_id)
    finally:
        db.close()


def admin_token(platform: ThreadedPlatform | Path) -> str:
    """The platform's admin token, read from its database as ``platform admin-token`` does."""
    db = open_platform_db(platform if isinstance(platform, Path) else platform.platform.config.db_path)
    try:
        return read_admin_token(db)
    finally:
        db.close()


@dataclass(frozen=True)
class AdminView:
    """Where a platform's operator views are and the token they need."""

    url: str
    token: str
    verify: bool | str = True

    @classmethod
    def of(cls, platform: ThreadedPlatform | AdminView, verify: bool | str = True) -> AdminView:
        if isinstance(platform, AdminView):
            return platform
        return cls(platform.url, platform.platform.admin_token, verify)

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


@cache
def catalog() -> Catalog:
    return load_catalog()


def case_number(device_no: int, sequence: int, day: date = date(2026, 11, 23)) -> str:
    return compose_case_number("320115", day, device_no, sequence).digits


ACCEPTED_AT = datetime(2026, 11, 23, 9, 30, tzinfo=CHINA)


def newborn_case(
    number: str,
    device_id: str,
    *,
    deficient: bool = True,
    answers: Mapping[str, Any] | None = None,
    applicant: Mapping[str, Any] | None = None,
    at: datetime = ACCEPTED_AT,
) -> tuple[dict[str, Any], list[bytes]]:
    """The shipped example as an accepted case (core.cases.codec form) and its scanned pages.

    With ``deficient=False`` the bank card is handed in on paper, so nothing waits for a 容缺 material.
    ``applicant`` replaces the example's applicant (name, id_number, phone …).
    """
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    if not deficient:
        data["materials"]["bank_card"] = "paper"
    if answers:
        data["answers"].update(answers)
    if applicant:
        data["applicant"] = dict(applicant)
    document = parse_intake_document(data, EXAMPLE.parent)
    ctx = IntakeContext(number, device_id, "window01", at)
    case = build_case(catalog(), document.request, ctx)
    return case_to_dict(case), list(pages_of(document.request))


def insurance_case(
    number: str, device_id: str, *, applicant: Mapping[str, Any] | None = None, at: datetime = ACCEPTED_AT
) -> dict[str, Any]:
    """An accepted 出生即参保 case (bundle newborn_insurance) as a kiosk takes it: e-licences only,
    no attachments."""
    request = IntakeRequest(
        bundle_id="newborn_insurance",
        applicant=dict(
            applicant or {"name": "林晓雨", "id_number": "320115199003070043", "phone": "13912345678"}
        ),
        answers={},
        materials={
            "guardian_id": MaterialInput(ItemState.E_LICENCE),
            "birth_cert_e": MaterialInput(ItemState.E_LICENCE),
        },
        form={
            "child.name": "王小雨",
            "child.sex": "女",
            "child.birth_date": "2026-11-20",
            "child.birth_cert_no": "Q320123456",
            "applicant.phone": "13912345678",
        },
        applicant_source="id_card",
    )
    case = build_case(catalog(), request, IntakeContext(number, device_id, "kiosk", at))
    return case_to_dict(case)


def item_attachments(payload: Mapping[str, Any]) -> list[str]:
    return sorted({a for item in payload.get("items", []) for a in item.get("attachments", [])})


def wire_event(
    device_id: str,
    seq: int,
    number: str,
    kind: str,
    payload: Mapping[str, Any],
    *,
    attachments: list[str] | None = None,
    catalog_version: str | None = None,
) -> contract.WireEvent:
    return {
        "device_id": device_id,
        "seq": seq,
        "case_number": number,
        "kind": kind,
        "device_time": "2026-11-23T09:30:00+08:00",
        "counter": 1_000_000 + seq,
        "operator": "window01",
        "catalog_version": catalog_version or catalog().version,
        "attachments": item_attachments(payload) if attachments is None else attachments,
        "payload": dict(payload),
    }


def digest(event: Mapping[str, Any]) -> str:
    """What the platform stores as the event's digest: sha256 of canonical JSON."""
    text = json.dumps(event, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class Device:
    """A device as the platform sees it: an id, a secret, and signed requests (our own signer)."""

    base_url: str
    device_id: str
    secret: bytes = b""
    verify: bool | str = True
    session: requests.Session = field(default_factory=requests.Session)

    def enroll(self, code: str, *, device_no: int | None = 1, region: str = "320115") -> requests.Response:
        """``device_no=None`` asks the platform to assign one."""
        body: dict[str, Any] = {
            "code": code,
            "device_id": self.device_id,
            "region_code": region,
            "role": "window",
        }
        if device_no is not None:
            body["device_no"] = device_no
        if self.secret:  # re-enrolling: prove the secret held now (contract.enrollment_proof)
            body["proof"] = contract.enrollment_proof(self.secret, self.device_id, code)
        response = self.session.post(
            self.base_url + contract.P_ENROLL, json=body, timeout=10, verify=self.verify
        )
        if response.status_code == 200:
            self.secret = _b64decode(response.json()["secret"])
        return response

    def request(
        self,
        method: str,
        path: str,
        *,
        body: Any = None,
        raw: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        gzip_body: bool = False,
        timestamp: int | None = None,
        nonce: str | None = None,
        secret: bytes | None = None,
        device_id: str | None = None,
        timeout: float = 20,
    ) -> requests.Response:
        payload = raw if raw is not None else b""
        all_headers = dict(headers or {})
        if body is not None:
            payload = json.dumps(body, ensure_ascii=False).encode("utf-8")
            all_headers["Content-Type"] = "application/json"
        if gzip_body:
            payload = gzip.compress(payload)
            all_headers["Content-Encoding"] = "gzip"
        stamp = str(int(time.time()) if timestamp is None else timestamp)
        nonce = nonce or secrets.token_hex(16)
        all_headers.update(
            {
                contract.H_DEVICE: device_id or self.device_id,
                contract.H_TIMESTAMP: stamp,
                contract.H_NONCE: nonce,
                contract.H_SIGNATURE: contract.sign(
                    self.secret if secret is None else secret, method, path, stamp, nonce, payload
                ),
            }
        )
        return self.session.request(
            method,
            self.base_url + path,
            data=payload or None,
            headers=all_headers,
            timeout=timeout,
            verify=self.verify,
        )

    def push(self, events: list[contract.WireEvent], **kwargs: Any) -> requests.Response:
        return self.request("POST", contract.P_EVENTS, body={"events": events}, **kwargs)

    def upload(self, data: bytes, chunk: int = 64 * 1024) -> dict[str, Any]:
        sha256 = hashlib.sha256(data).hexdigest()
        status: dict[str, Any] = {}
        for offset in range(0, max(len(data), 1), chunk):
            status = self.put_chunk(sha256, offset, data[offset : offset + chunk], len(data)).json()
        return status

    def put_chunk(self, sha256: str, offset: int, data: bytes, total: int) -> requests.Response:
        path = f"{contract.P_ATTACHMENT.format(sha256=sha256)}?offset={offset}"
        return self.request("PUT", path, raw=data, headers={contract.H_TOTAL_SIZE: str(total)})

    def updates(self, cursor: int = 0, limit: int | None = None) -> dict[str, Any]:
        query = f"?cursor={cursor}" + (f"&limit={limit}" if limit else "")
        response = self.request("GET", contract.P_UPDATES + query)
        assert response.status_code == 200, response.text
        result: dict[str, Any] = response.json()
        return result

    def all_updates(self) -> list[dict[str, Any]]:
        found, cursor = [], 0
        while True:
            page = self.updates(cursor)
            found.extend(page["updates"])
            if page["next_cursor"] == cursor:
                return found
            cursor = page["next_cursor"]


def _b64decode(text: str) -> bytes:
    import base64

    return base64.b64decode(text)


def wait_for(probe: Callable[[], T | None], *, timeout: float = 20.0, interval: float = 0.05) -> T:
    """Poll ``probe`` until it returns something truthy; fail after ``timeout`` (no fixed sleeps)."""
    deadline = time.monotonic() + timeout
    while True:
        value = probe()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout} s")
        time.sleep(interval)


def admin(platform: ThreadedPlatform | AdminView, path: str, verify: bool | str = True) -> Any:
    view = AdminView.of(platform, verify)
    response = requests.get(view.url + path, headers=view.headers, timeout=10, verify=view.verify)
    assert response.status_code == 200, response.text
    return response.json()


def stored_events(platform: ThreadedPlatform | AdminView, device_id: str) -> dict[int, dict[str, Any]]:
    return {
        e["seq"]: e for e in admin(platform, f"{contract.P_ADMIN_EVENTS}?device_id={device_id}")["events"]
    }


def cases_by_number(platform: ThreadedPlatform | AdminView) -> dict[str, dict[str, Any]]:
    return {c["case_number"]: c for c in admin(platform, contract.P_ADMIN_CASES)["cases"]}


def chunks(items: list[T], size: int) -> Iterator[list[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def example_pages() -> list[bytes]:
    return [Path(EXAMPLE.parent / "hukou-page.jpg").read_bytes()]
