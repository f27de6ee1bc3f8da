"""Pulling: case updates applied once by cursor, catalogs installed atomically, staff accounts stored."""

from __future__ import annotations

import base64
import copy
import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from core.cases.model import Case, CaseStatus, MatterStatus
from core.cases.service import CaseService
from core.catalog.feed import read_raw
from core.catalog.loader import default_root, load_current_catalog
from core.catalog.model import Catalog
from core.cli.context import Context
from core.staff import LoginError, StaffDirectory
from core.store.store import Store
from sync import contract
from sync.client import PlatformClient
from sync.pull import UPDATES_CURSOR
from sync.service import CurrentCatalog, SyncService
from tests.sync.client.conftest import assert_in_sync
from tests.sync.client.fake_platform import FakePlatform, ok

AddCase = Callable[..., Case]


def _results_flow(platform: FakePlatform, case: Case) -> None:
    platform.add_update(case.number, "official_number", official_number="OFF-2026-000001")
    platform.add_update(case.number, "status", status="dispatched")
    for matter in case.matters:
        platform.add_update(
            case.number, "matter_result", matter_id=matter.matter_id, matter_status="processing", result=""
        )
        platform.add_update(
            case.number, "matter_result", matter_id=matter.matter_id, matter_status="done", result="已办结"
        )
    platform.add_update(case.number, "status", status="completed")


def test_statuses_results_and_official_number_flow_back(
    store: Store, platform: FakePlatform, sync: SyncService, add_case: AddCase, cases: CaseService
) -> None:
    case = add_case()
    assert sync.run_once().ok
    _results_flow(platform, case)
    report = sync.run_once()
    assert report.ok and report.pulled_updates == len(platform.updates)
    done = cases.get(case.number)
    assert done.status is CaseStatus.COMPLETED
    assert all(m.status is MatterStatus.DONE and m.result == "已办结" for m in done.matters)
    assert done.official_number == "OFF-2026-000001"
    assert cases.get("OFF-2026-000001").number == case.number, "both numbers stay searchable"
    assert store.sync.cursor(UPDATES_CURSOR) == len(platform.updates)
    # What came from the platform is stored acknowledged and never pushed back.
    events = store.events_for(case.number)
    assert store.pending_count() == 0 and report.pushed == 0
    assert {e.kind for e in events[1:]} >= {"official_number_bound", "dispatched", "completed"}
    assert all(e.receipt and e.receipt.startswith("platform-update:") for e in events[1:])
    assert_in_sync(store, platform)


def test_a_replayed_page_changes_nothing(
    store: Store, platform: FakePlatform, sync: SyncService, add_case: AddCase, cases: CaseService
) -> None:
    case = add_case()
    _results_flow(platform, case)
    assert sync.run_once().ok
    before = (cases.get(case.number), len(store.events_for(case.number)))
    # The platform lost track of the cursor and sends everything again from the start.
    platform.inject("updates", lambda r, p: ok({"updates": p.updates, "next_cursor": len(p.updates)}))
    store.sync.advance_cursor(UPDATES_CURSOR, 0)  # (cannot go back: the cursor only moves forward)
    report = sync.run_once()
    assert report.ok and report.applied_updates == 0
    assert (cases.get(case.number), len(store.events_for(case.number))) == before


def test_each_update_is_applied_idempotently_even_if_delivered_twice(
    store: Store,
    platform: FakePlatform,
    client: PlatformClient,
    cases: CaseService,
    add_case: AddCase,
    catalog: Catalog,
    clock: Any,
) -> None:
    from sync.pull import Puller
    from sync.report import RoundTally

    case = add_case()
    _results_flow(platform, case)
    service = CaseService(catalog, store, clock, cases._config, "platform")
    puller = Puller(store, client, RoundTally(), service)
    for update in platform.updates:
        for _ in range(2):  # every update twice in a row, as a platform resending after a lost reply would
            puller._apply(update)  # type: ignore[arg-type]
    assert cases.get(case.number).status is CaseStatus.COMPLETED
    kinds = [e.kind for e in store.events_for(case.number)]
    # One event per update that changed something: the final "completed" status was already implied
    # by the last department result, so it changed nothing.
    assert len(kinds) == 1 + len(platform.updates) - 1
    assert kinds.count("official_number_bound") == 1 and kinds.count("completed") == 1
    assert puller._tally.problems == []


def test_an_update_that_cannot_apply_is_reported_and_does_not_block(
    store: Store, platform: FakePlatform, sync: SyncService, add_case: AddCase, cases: CaseService
) -> None:
    case = add_case()
    platform.add_update("32011526112300109999", "status", status="dispatched")  # not a case of ours
    platform.add_update(case.number, "matter_result", matter_id="no_such_matter", matter_status="done")
    platform.add_update(case.number, "status", status="dispatched")
    platform.add_update(case.number, "teleported", message="a newer platform's update type")
    report = sync.run_once()
    assert report.ok and len(report.problems) == 2
    assert cases.get(case.number).status is CaseStatus.DISPATCHED
    assert store.sync.cursor(UPDATES_CURSOR) == 4


def test_rework_comes_back_to_staff_as_a_flag_not_a_failure(
    store: Store, platform: FakePlatform, sync: SyncService, add_case: AddCase, cases: CaseService
) -> None:
    case = add_case()
    platform.add_update(
        case.number, "rework", message="材料清单已更新，请补充婚育情况说明", catalog_version="2025.1"
    )
    report = sync.run_once()
    assert report.ok and report.error is None
    (flag,) = store.sync.rework()
    assert (flag.case_number, flag.catalog_version) == (case.number, "2025.1")
    assert "婚育情况说明" in flag.message
    assert any(line.startswith("退回重办") for line in cases.get(case.number).history)
    assert store.sync.status().last_error_code is None


def _catalog_reply(version: str) -> contract.CatalogResponse:
    """The shipped catalog's feed records under another version, as the platform sends it whole."""
    problems: list[str] = []
    raw = read_raw(default_root(), problems)
    assert raw is not None and not problems
    records = [dict(r) for r in raw.records()]
    records[0]["version"] = version
    return {"version": version, "base": None, "records": records, "keys": None}


def test_a_new_catalog_is_checked_installed_and_made_current(
    store: Store,
    platform: FakePlatform,
    client: PlatformClient,
    clock: Any,
    catalog: Catalog,
    data_dir: Path,
    add_case: AddCase,
) -> None:
    case = add_case()
    platform.catalog = _catalog_reply("2025.2-r1")
    provider = CurrentCatalog(data_dir)
    service = SyncService(store, client, clock, provider)
    report = service.run_once()
    assert report.ok and report.catalog_version == "2025.2-r1"
    assert (data_dir / "catalog" / "current").read_text().strip() == "2025.2-r1"
    assert provider().version == "2025.2-r1"
    assert load_current_catalog(data_dir).version == "2025.2-r1"
    ctx = Context(data_dir=data_dir, config_path=data_dir / "tongban.toml")
    assert ctx.catalog.version == "2025.2-r1"  # the CLI and GUIs now use the pulled catalog
    assert store.get_case(case.number).catalog_version == catalog.version, "cases keep their version"
    assert ("GET", f"/api/v1/catalog?have={catalog.version}") in platform.requests
    again = service.run_once()  # the platform now answers 304 to have=2025.2-r1
    assert again.ok and again.catalog_version is None


def test_a_broken_catalog_is_refused_and_the_old_one_stays(
    store: Store, platform: FakePlatform, client: PlatformClient, clock: Any, data_dir: Path
) -> None:
    broken = copy.deepcopy(_catalog_reply("2025.3"))
    newborn = next(r for r in broken["records"] if r["kind"] == "bundle" and r["id"] == "newborn")
    del newborn["name"]
    platform.catalog = broken
    report = SyncService(store, client, clock, CurrentCatalog(data_dir)).run_once()
    assert report.ok and report.catalog_version is None
    assert any("校验未通过" in p and "name" in p for p in report.problems)
    assert not (data_dir / "catalog" / "current").exists()
    assert not (data_dir / "catalog" / "2025.3").exists()
    evil = _catalog_reply("../../escape")
    platform.catalog = evil
    report = SyncService(store, client, clock, CurrentCatalog(data_dir)).run_once()
    assert report.catalog_version is None and not (data_dir.parent / "escape").exists()
    assert not (data_dir / "catalog" / "current").exists()


def test_a_delta_is_applied_to_the_catalog_the_device_has(
    store: Store, platform: FakePlatform, client: PlatformClient, clock: Any, catalog: Catalog, data_dir: Path
) -> None:
    whole = _catalog_reply("2026.9-r1")
    matter = next(r for r in whole["records"] if r["kind"] == "matter")
    matter["promise_days"] = 1  # the one change of the new version
    platform.catalog = {
        "version": "2026.9-r1",
        "base": catalog.version,
        "records": [whole["records"][0], matter],
        "keys": [[r["kind"], r.get("id", "")] for r in whole["records"]],
    }
    report = SyncService(store, client, clock, CurrentCatalog(data_dir)).run_once()
    assert report.ok and report.catalog_version == "2026.9-r1", report.problems
    pulled = load_current_catalog(data_dir)
    assert pulled.matters[matter["id"]].promise_days == 1
    assert len(pulled.matters) == len(catalog.matters) and list(pulled.bundles) == list(catalog.bundles)


def _scrypt_hash(password: str, salt: bytes, *, n: int, r: int = 8, p: int = 1) -> str:
    """StaffAccount.password_hash as the contract describes it: scrypt$N$r$p$salt$key, base64."""
    key = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=32, maxmem=2**27)
    return f"scrypt${n}${r}${p}${base64.b64encode(salt).decode()}${base64.b64encode(key).decode()}"


def test_staff_accounts_are_stored_sealed_for_offline_login(
    store: Store, platform: FakePlatform, sync: SyncService, data_dir: Path, clock: Any
) -> None:
    # The platform may raise the cost (N=2**16 needs 64 MiB): the wire format, made by hand here,
    # must still let the account log in on the device (core.staff is the real login path).
    hashed = _scrypt_hash("正确的密码", b"s" * 16, n=2**16)
    platform.staff = [
        {
            "staff_id": "window07",
            "name": "周敏",
            "role": "window",
            "password_hash": hashed,
            "active": True,
            "cursor": 1,
        },
        {
            "staff_id": "sup01",
            "name": "陈刚",
            "role": "supervisor",
            "password_hash": hashed,
            "active": False,
            "cursor": 2,
        },
    ]
    report = sync.run_once()
    assert report.ok and report.staff_accounts == 2
    account = store.sync.staff("window07")
    assert account is not None and account.name == "周敏" and account.active
    staff = StaffDirectory(store, clock)
    assert staff.login("window07", "正确的密码").name == "周敏"
    with pytest.raises(LoginError, match="工号或密码不正确"):
        staff.login("window07", "错误的密码")
    assert store.sync.staff("sup01") is not None and not store.sync.staff("sup01").active  # type: ignore[union-attr]
    assert "周敏".encode() not in (data_dir / "tongban.db").read_bytes()
    assert sync.run_once().staff_accounts == 0  # the cursor moved on
