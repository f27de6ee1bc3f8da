"""One contract suite, three platforms: what sync relies on, checked against each implementation.

- ``reference``: the reference platform (``python -m sync.server serve``, a subprocess);
- ``fake``: the hand-written FakePlatform the client's edge-case tests use (tests/sync/client);
- ``gov-standard``: the simulated provincial interface through the gov-standard adapter.

Every test drives the platform only through the PlatformAdapter the device would use
(sync.enrollment.client_for), so a double that drifted from the real thing fails here — the
fake used to re-implement the platform's rules with nothing to keep it honest. What an
implementation must do to decide a case (its departments, or a test scripting results for the
fake) is the one thing each brings along (``Platform.decide``).
"""

from __future__ import annotations

import hashlib
import re
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from core.cases.codec import case_from_dict
from core.cases.model import CaseStatus, MatterStatus
from core.cases.service import CaseService
from core.catalog.model import Catalog
from core.clock import SystemClock
from core.config import DeviceConfig
from core.store.store import Store
from sync import contract
from sync.adapter import Capability, PlatformAdapter
from sync.client import AttachmentOffsetMismatch
from sync.enrollment import client_for, enroll
from sync.errors import SyncPermanentError
from sync.gov_standard.simulator import GovStandardSimulator, SimulatorConfig
from sync.push import wire_event
from sync.server.runner import ThreadedPlatform
from sync.service import SyncService
from tests.sync.client.conftest import newborn_request
from tests.sync.client.fake_platform import FakePlatform
from tests.sync.client.reference_platform import ReferencePlatform

CLOCK = SystemClock()
TIMEOUT = (1.0, 5.0)


@dataclass
class Platform:
    """One implementation under the suite: where it is, how a device enrols, how it decides."""

    name: str
    url: str
    adapter: str
    issue_code: Callable[[], str]
    decide: Callable[[Store, list[str]], None]  # let the platform settle these cases (wait or script)


def _reference(tmp_path: Path) -> Iterator[Platform]:
    server = ReferencePlatform(tmp_path).start()
    try:
        yield Platform("reference", server.url, "tongban", server.issue_code, lambda store, numbers: None)
    finally:
        server.stop()


def _fake(http_server: HTTPServer) -> Iterator[Platform]:
    fake = FakePlatform(codes=tuple(f"ENROLL-{i:04d}" for i in range(1, 20)))
    codes = iter(sorted(fake.codes))
    http_server.clear()
    http_server.expect_request(re.compile(".*")).respond_with_handler(fake.handle)

    def decide(store: Store, numbers: list[str]) -> None:
        """The fake has no departments: script what the reference platform's would send."""
        for number in numbers:
            if any(u["case_number"] == number for u in fake.updates):
                continue
            fake.add_update(number, "official_number", official_number=f"FAKE{number[-8:]}")
            fake.add_update(number, "status", status="dispatched")
            for m in case_from_dict(store.get_case(number).payload).matters:
                fake.add_update(
                    number, "matter_result", matter_id=m.matter_id, matter_status="done", result="准予"
                )

    try:
        yield Platform("fake", http_server.url_for("").rstrip("/"), "tongban", lambda: next(codes), decide)
    finally:
        fake.release.set()
        http_server.clear()


def _gov_standard(tmp_path: Path) -> Iterator[Platform]:
    sim = GovStandardSimulator(SimulatorConfig(tmp_path / "province.db", step_s=0.05))
    with ThreadedPlatform(sim.app()) as server:
        yield Platform(
            "gov-standard", server.url, "gov-standard", sim.issue_code, lambda store, numbers: None
        )
    sim.close()


@pytest.fixture(params=["reference", "fake", "gov-standard"])
def impl(request: pytest.FixtureRequest, tmp_path: Path, http_server: HTTPServer) -> Iterator[Platform]:
    # http_server is session-scoped: asked for here, it starts before the test's thread check
    if request.param == "reference":
        yield from _reference(tmp_path)
    elif request.param == "fake":
        yield from _fake(http_server)
    else:
        yield from _gov_standard(tmp_path)


@pytest.fixture
def device(impl: Platform, tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "device", clock=CLOCK) as store:
        config = DeviceConfig.demo(platform={"adapter": impl.adapter})
        enroll(store, config, CLOCK, impl.url, impl.issue_code())
        yield store


def _accept(store: Store, catalog: Catalog, count: int) -> list[str]:
    cases = CaseService(catalog, store, CLOCK, DeviceConfig.demo(), "window07")
    return [cases.accept(newborn_request(catalog)).number for _ in range(count)]


def test_health_answers_with_the_platforms_time(device: Store) -> None:
    with client_for(device, timeout=TIMEOUT) as client:
        assert isinstance(client, PlatformAdapter)
        answer = client.health()
    assert answer["status"] == "ok" and answer["time"][:4].isdigit()


def test_an_event_is_stored_once_and_its_repeat_is_a_duplicate_with_the_same_receipt(
    device: Store, catalog: Catalog
) -> None:
    (number,) = _accept(device, catalog, 1)
    (event,) = device.pending_events(10)
    wire = wire_event(event, device.get_case(number).catalog_version)
    with client_for(device, timeout=TIMEOUT) as client:
        first = client.push_events([wire])
        again = client.push_events([wire])
    assert [(r["seq"], r["status"]) for r in first["receipts"]] == [(event.seq, "stored")]
    assert [(r["seq"], r["status"]) for r in again["receipts"]] == [(event.seq, "duplicate")]
    assert again["receipts"][0]["receipt"] == first["receipts"][0]["receipt"]
    assert first["rejected"] == again["rejected"] == []


def test_a_request_signed_with_a_wrong_secret_is_refused_for_good(device: Store) -> None:
    enrollment = device.sync.enrollment()
    assert enrollment is not None
    device.sync.save_enrollment(replace(enrollment, secret=bytes(32)))
    with client_for(device, timeout=TIMEOUT) as client, pytest.raises(SyncPermanentError) as caught:
        client.updates(0)
    assert caught.value.status == 401


def test_an_attachment_resumes_at_the_platforms_offset_and_completes_on_its_digest(device: Store) -> None:
    data = b"\xff\xd8\xff\xe0" + uuid.uuid4().bytes * 300 + b"\xff\xd9"
    sha = hashlib.sha256(data).hexdigest()
    with client_for(device, timeout=TIMEOUT) as client:
        assert client.attachment_status(sha)["received"] == 0
        assert client.put_chunk(sha, 0, data[:1000], len(data))["received"] == 1000
        with pytest.raises(AttachmentOffsetMismatch):
            client.put_chunk(sha, 0, data[:1000], len(data))  # the platform holds 1000 already
        done = client.put_chunk(sha, 1000, data[1000:], len(data))
        assert done["complete"] and done["received"] == len(data) == done["size"]
        assert client.attachment_status(sha)["complete"]


def test_rounds_deliver_each_case_once_and_bring_back_its_number_and_results(
    device: Store, impl: Platform, catalog: Catalog
) -> None:
    numbers = _accept(device, catalog, 3)
    cases = CaseService(catalog, device, CLOCK, DeviceConfig.demo(), "window07")
    deadline = time.monotonic() + 30
    with client_for(device, timeout=TIMEOUT) as client:
        service = SyncService(device, client, CLOCK, lambda: catalog, batch_size=2, pull_catalog=False)
        first = service.run_once()
        assert first.ok and first.acked == 3 and device.pending_count() == 0
        impl.decide(device, numbers)
        while not all(cases.get(n).status is CaseStatus.COMPLETED for n in numbers):
            assert time.monotonic() < deadline, [cases.get(n).status for n in numbers]
            time.sleep(0.1)
            assert service.run_once().ok
        again = service.run_once()
    assert again.ok and again.pushed == 0 and again.applied_updates == 0  # nothing new, nothing twice
    officials = {cases.get(n).official_number for n in numbers}
    assert None not in officials and len(officials) == 3
    assert all(m.status is MatterStatus.DONE for n in numbers for m in cases.get(n).matters)


def test_updates_read_again_from_an_old_cursor_are_the_same(
    device: Store, impl: Platform, catalog: Catalog
) -> None:
    numbers = _accept(device, catalog, 1)
    with client_for(device, timeout=TIMEOUT) as client:
        assert SyncService(device, client, CLOCK, lambda: catalog, pull_catalog=False).run_once().ok
        impl.decide(device, numbers)
        deadline = time.monotonic() + 30
        while True:
            page = client.updates(0)
            if any(u["type"] == "matter_result" for u in page["updates"]):
                break
            assert time.monotonic() < deadline
            time.sleep(0.1)
        replay = client.updates(0)
        later = client.updates(page["next_cursor"])
    assert replay["updates"][: len(page["updates"])] == page["updates"]
    assert [u["cursor"] for u in page["updates"]] == sorted(u["cursor"] for u in page["updates"])
    assert page["next_cursor"] >= max(u["cursor"] for u in page["updates"])
    assert all(u["cursor"] > page["next_cursor"] for u in later["updates"])


def test_a_rating_with_no_case_is_stored_once(device: Store) -> None:
    rating: contract.WireRating = {
        "id": uuid.uuid4().hex,
        "at": CLOCK.now().isoformat(timespec="seconds"),
        "level": 2,
        "reason": "等候时间过长",
        "channel": "kiosk",
        "services": ["certificate"],
        "follow_up": True,
    }
    with client_for(device, timeout=TIMEOUT) as client:
        assert Capability.RATINGS in client.capabilities
        first = client.push_ratings([rating])
        again = client.push_ratings([rating])
    assert first["receipts"] == [{"id": rating["id"], "status": "stored"}]
    assert again["receipts"] == [{"id": rating["id"], "status": "duplicate"}]
