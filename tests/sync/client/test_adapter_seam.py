"""The platform seam (sync/adapter.py): the adapter is chosen in tongban.toml at enrolment, kept
with the enrolment, and loaded as a plug-in from the entry point group
``tongban.platform_adapters`` — so a province's integrator ships one in a package of their own.

The third-party adapter here is a real distribution on sys.path (a ``.dist-info`` with its
entry_points.txt and a module), found by importlib.metadata like any installed package; it wraps
our own contract and records each call, and a whole sync round runs through it against the
reference platform.
"""

from __future__ import annotations

import importlib
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.cases.service import CaseService
from core.catalog.model import Catalog
from core.clock import SystemClock
from core.config import DeviceConfig
from core.store.store import Store
from sync.adapter import PlatformAdapter, adapter_names
from sync.client import PlatformClient
from sync.enrollment import client_for, enroll
from sync.errors import SyncPermanentError
from sync.service import SyncService
from tests.sync.client.conftest import newborn_request
from tests.sync.client.reference_platform import ReferencePlatform, assert_platform_matches

CLOCK = SystemClock()
TIMEOUT = (1.0, 5.0)

PLUGIN = '''
"""A province's adapter, shipped in its own package: our contract, every call written down."""
from sync.adapter import AdapterSettings
from sync.client import PlatformClient

CALLS: list[str] = []


class RecordingAdapter(PlatformClient):
    name = "province-x"

    def __init__(self, settings: AdapterSettings) -> None:
        assert settings.options.get("app_key") == "PX-0001", settings.options
        super().__init__(settings.base_url, device_id=settings.device_id, secret=settings.secret,
                         timeout=settings.timeout, clock=settings.clock)

    def enroll(self, request):
        CALLS.append("enroll")
        return super().enroll(request)

    def push_events(self, events, audit_head=None):
        CALLS.append(f"push_events:{len(events)}")
        return super().push_events(events)

    def updates(self, cursor, limit=None):
        CALLS.append("updates")
        return super().updates(cursor, limit)


def from_settings(settings: AdapterSettings) -> RecordingAdapter:
    return RecordingAdapter(settings)
'''


@pytest.fixture
def plugin(tmp_path: Path) -> Iterator[object]:
    """Install a third-party adapter distribution onto sys.path for this test only."""
    site = tmp_path / "site"
    (site / "province_x_adapter-1.0.dist-info").mkdir(parents=True)
    (site / "province_x_adapter-1.0.dist-info" / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: province-x-adapter\nVersion: 1.0\n", encoding="utf-8"
    )
    (site / "province_x_adapter-1.0.dist-info" / "entry_points.txt").write_text(
        "[tongban.platform_adapters]\nprovince-x = province_x_adapter:from_settings\n", encoding="utf-8"
    )
    (site / "province_x_adapter.py").write_text(textwrap.dedent(PLUGIN), encoding="utf-8")
    sys.path.insert(0, str(site))
    importlib.invalidate_caches()
    try:
        yield importlib.import_module("province_x_adapter")
    finally:
        sys.path.remove(str(site))
        sys.modules.pop("province_x_adapter", None)
        importlib.invalidate_caches()


@pytest.fixture
def reference(tmp_path: Path) -> Iterator[ReferencePlatform]:
    platform = ReferencePlatform(tmp_path).start()
    yield platform
    platform.stop()


def test_the_shipped_adapters_are_plug_ins_and_ours_is_the_default(tmp_path: Path) -> None:
    assert {"tongban", "gov-standard"} <= set(adapter_names())
    assert DeviceConfig().platform_adapter == "tongban"
    assert isinstance(PlatformClient("http://127.0.0.1:9", device_id="d" * 32), PlatformAdapter)


def test_a_third_party_adapter_chosen_in_the_config_carries_a_whole_sync_round(
    plugin: object, reference: ReferencePlatform, catalog: Catalog, tmp_path: Path
) -> None:
    config = DeviceConfig.demo(platform={"adapter": "province-x", "app_key": "PX-0001"})
    with Store.open(tmp_path / "device", clock=CLOCK) as store:
        enrollment = enroll(store, config, CLOCK, reference.url, reference.issue_code())
        assert (enrollment.adapter, dict(enrollment.adapter_options)) == (
            "province-x",
            {"app_key": "PX-0001"},
        )
        cases = CaseService(catalog, store, CLOCK, config, "window07")
        for _ in range(3):
            cases.accept(newborn_request(catalog))  # type: ignore[arg-type]
    # A new process would find the choice with the enrolment, not in the config file.
    with Store.open(tmp_path / "device", clock=CLOCK) as store, client_for(store, timeout=TIMEOUT) as client:
        assert type(client).__name__ == "RecordingAdapter"
        report = SyncService(store, client, CLOCK, lambda: catalog, pull_catalog=False).run_once()
        assert report.ok and report.acked == 3
        assert assert_platform_matches(store, reference) == 3
    calls = plugin.CALLS  # type: ignore[attr-defined]
    assert calls[0] == "enroll" and "push_events:3" in calls and "updates" in calls


def test_an_adapter_that_is_not_installed_is_named_and_refused(tmp_path: Path) -> None:
    config = DeviceConfig.demo(platform={"adapter": "province-y"})
    with Store.open(tmp_path / "device", clock=CLOCK) as store:
        with pytest.raises(SyncPermanentError) as caught:
            enroll(store, config, CLOCK, "http://127.0.0.1:9", "CODE")
        assert caught.value.code == "no_adapter"
        assert "province-y" in caught.value.message and "tongban" in caught.value.message
        assert store.sync.enrollment() is None
