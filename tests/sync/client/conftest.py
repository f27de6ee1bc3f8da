"""Fixtures for the sync client: a real store and real cases, a fake platform on a real HTTP server."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from core.cases.intake import IntakeRequest, MaterialInput
from core.cases.model import Case, ItemState
from core.cases.service import CaseService
from core.catalog import build_checklist, load_catalog
from core.catalog.answers import answers_from_json
from core.catalog.model import Catalog, FieldDef, FieldType, MaterialSource
from core.config import DeviceConfig
from core.crypto import KEY_FILE_ENV
from core.store.store import Store
from core.store.sync_state import Enrollment
from sync.client import PlatformClient
from sync.push import wire_event
from sync.service import SyncService
from tests.sync.client.fake_platform import FakePlatform

APPLICANT = {
    "name": "林晓雨",
    "id_number": "320115199003070043",
    "phone": "13912345678",
    "address": "南京市江宁区东山街道竹山路 8 号",
    "nation": "汉",
}
FATHER_ID = "320115198805120036"
TEST_TIMEOUT = (1.0, 3.0)


def page(n: int, size: int = 600) -> bytes:
    """A distinct 'scanned page' (JPEG magic, so the store types it) of about ``size`` bytes."""
    body = (f"page {n} ".encode() * size)[:size]
    return b"\xff\xd8\xff\xe0" + body + b"\xff\xd9"


def _sample(f: FieldDef) -> str | int:
    if f.options:
        return f.options[0].value
    if f.id == "mother.id_number":
        return str(APPLICANT["id_number"])  # the catalog checks that a mother's number is a woman's
    samples: dict[FieldType, str | int] = {
        FieldType.NAME: "王小明",
        FieldType.ID_NUMBER: FATHER_ID,
        FieldType.PHONE: "13800138000",
        FieldType.DATE: "2026-11-20",
        FieldType.SEX: "男",
        FieldType.ADDRESS: "南京市江宁区东山街道竹山路 8 号",
        FieldType.BIRTH_CERT_NO: "Q320123456",
        FieldType.INT: 1,
    }
    return samples.get(f.type, "情况说明")


def newborn_request(catalog: Catalog, pages: tuple[bytes, ...] = (), *, defer: bool = False) -> IntakeRequest:
    """A valid 出生一件事 intake; ``pages`` are scanned for the first applicant material."""
    # A child over one: its birth date agrees with the age answer on any day (the reference platform's
    # tests run on the machine's clock; the catalog checks the two together, core.catalog.checks).
    answers: dict[str, Any] = {
        "married": True,
        "follow": "father",
        "age_band": "gt_1y",
        "late_reason": "documents",
    }
    bundle = catalog.bundle("newborn")
    while True:
        checklist = build_checklist(catalog, "newborn", answers_from_json(bundle, answers))
        if not checklist.unanswered:
            break
        q = checklist.unanswered[0]
        answers[q.id] = False if q.type.value == "bool" else q.options[0].value
    materials: dict[str, MaterialInput] = {}
    scanned = deferred = False
    for item in checklist.items:
        m = item.material
        if m.source is MaterialSource.GENERATED:
            continue
        if pages and not scanned and m.source is MaterialSource.APPLICANT:
            materials[m.id] = MaterialInput(ItemState.SCANNED, pages=pages)
            scanned = True
        elif defer and not deferred and m.deferrable and not m.core:
            materials[m.id] = MaterialInput(ItemState.DEFICIENT)
            deferred = True
        elif m.licence:
            materials[m.id] = MaterialInput(ItemState.E_LICENCE)
        else:
            materials[m.id] = MaterialInput(ItemState.PAPER)
    form = {f.id: _sample(f) for f in checklist.fields if f.prefill is None}
    form["child.birth_date"] = "2025-06-18"
    return IntakeRequest(
        bundle_id="newborn", applicant=dict(APPLICANT), answers=answers, materials=materials, form=form
    )


@pytest.fixture(autouse=True)
def _no_deployment_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(KEY_FILE_ENV, raising=False)


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(data_dir: Path, clock: Any) -> Iterator[Store]:
    with Store.open(data_dir, clock=clock) as opened:
        yield opened


@pytest.fixture
def cases(catalog: Catalog, store: Store, clock: Any) -> CaseService:
    return CaseService(catalog, store, clock, DeviceConfig.demo(), "window07")


@pytest.fixture
def add_case(cases: CaseService, catalog: Catalog) -> Callable[..., Case]:
    def add(*pages: bytes, defer: bool = False) -> Case:
        return cases.accept(newborn_request(catalog, pages, defer=defer))

    return add


@pytest.fixture(scope="session")
def http_server() -> Iterator[HTTPServer]:
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    yield server
    server.clear()
    if server.is_running():
        server.stop()


@pytest.fixture
def platform(http_server: HTTPServer, store: Store) -> Iterator[FakePlatform]:
    fake = FakePlatform()
    fake.register(store.device_id)
    http_server.clear()
    http_server.expect_request(re.compile(".*")).respond_with_handler(fake.handle)
    yield fake
    fake.release.set()  # let any hook still waiting answer, so no server thread outlives the test
    http_server.check_handler_errors()
    http_server.clear()


@pytest.fixture
def platform_url(http_server: HTTPServer) -> str:
    return http_server.url_for("").rstrip("/")


@pytest.fixture
def enrolled(store: Store, platform: FakePlatform, platform_url: str) -> Enrollment:
    enrollment = Enrollment(platform_url, "fake-platform", platform.secret, "2026-11-23T09:00:00+08:00")
    store.sync.save_enrollment(enrollment)
    return enrollment


@pytest.fixture
def client(store: Store, enrolled: Enrollment) -> Iterator[PlatformClient]:
    with PlatformClient(
        enrolled.platform_url, device_id=store.device_id, secret=enrolled.secret, timeout=TEST_TIMEOUT
    ) as made:
        yield made


@pytest.fixture
def sync(store: Store, client: PlatformClient, clock: Any, catalog: Catalog) -> SyncService:
    return SyncService(
        store, client, clock, lambda: catalog, chunk_bytes=256, batch_size=3, pull_catalog=False
    )


def device_events(store: Store) -> dict[int, Any]:
    return {e.seq: e for c in store.list_cases(limit=100_000) for e in store.events_for(c.number)}


def assert_in_sync(store: Store, platform: FakePlatform, *, held: set[str] = frozenset()) -> None:  # type: ignore[assignment]
    """What the platform stored is exactly what the device holds as acknowledged: each event once,
    same content, same receipt; nothing pending except the ``held`` cases; attachments whole."""
    device = device_events(store)
    server = platform.stored_for(store.device_id)
    for seq, event in device.items():
        if event.receipt and event.receipt.startswith("platform-update:"):
            assert seq not in server, f"event {seq} came from the platform and was pushed back"
            continue
        if event.case_number in held:
            continue
        assert event.acked_at is not None, f"event {seq} ({event.kind}) is still pending"
        assert seq in server, f"event {seq} acknowledged but the platform does not hold it"
        version = store.get_case(event.case_number).catalog_version
        assert server[seq] == wire_event(event, version), f"event {seq} differs on the platform"
        assert event.receipt == platform.events[(store.device_id, seq)].receipt
        for sha in server[seq]["attachments"]:
            upload = platform.uploads[sha]
            assert upload.complete and bytes(upload.data) == store.get_attachment(sha)
    for seq in server:
        assert seq in device and device[seq].acked_at is not None, f"platform holds {seq}, device not acked"
    assert platform.inserts == len(server), "an event was stored twice"
