"""Sync by hand (issue #13 item 5): export to a USB stick, platform import, receipt import.

Two data directories and no network: the device's store and the platform's database, both real
SQLite files in tmp_path, the platform's real service objects (storage worker, attachment area,
ingest, departments run by hand).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from core.calendar import current_calendar, shipped_path
from core.cases.model import Case
from core.catalog import default_root, load_catalog
from core.catalog.feed import feed_text, read_raw
from core.catalog.loader import load_current_catalog
from core.catalog.model import Catalog
from core.config import DeviceConfig
from core.store.store import Store
from sync.bundle import (
    EXPORT_EVENTS,
    EXPORT_MANIFEST,
    RECEIPT_BODY,
    RECEIPT_MANIFEST,
    BundleError,
    Sealer,
    read_manifest,
)
from sync.bundle_export import ExportSummary, export_bundle
from sync.bundle_import import ReceiptSummary, import_receipt
from sync.catalog_update import current_version
from sync.client import PlatformClient
from sync.push import attachments_of
from sync.server.bundle import import_bundle
from sync.server.runner import ThreadedPlatform
from sync.server.service import PlatformService
from sync.service import SyncService
from tests.conftest import FakeClock
from tests.sync.client.bundle_kit import (
    enroll_device,
    platform_count,
    platform_events,
    platform_service,
    rate,
    run_departments,
)
from tests.sync.client.conftest import page

CONFIG = DeviceConfig.demo()


@pytest.fixture
def service(tmp_path: Path, clock: FakeClock) -> Iterator[PlatformService]:
    with platform_service(tmp_path / "platform" / "platform.db", clock) as started:
        yield started


@pytest.fixture
def stick(tmp_path: Path) -> Path:
    return tmp_path / "usb"


@pytest.fixture
def device(store: Store, service: PlatformService) -> Store:
    (service.config.db_path.parent).mkdir(exist_ok=True)
    enroll_device(service, store, CONFIG)
    return store


def _receipt(store: Store, clock: FakeClock, catalog: Catalog, stick: Path) -> ReceiptSummary:
    return import_receipt(store, clock, catalog, CONFIG, stick)


def _export(store: Store, clock: FakeClock, stick: Path) -> ExportSummary:
    return export_bundle(store, clock, stick, load_catalog().version)


def _folder(stick: Path, store: Store) -> Path:
    return stick / store.device_id


def test_fifty_cases_move_exactly_once_and_twice_changes_nothing(
    device: Store,
    service: PlatformService,
    add_case: Callable[..., Case],
    clock: FakeClock,
    catalog: Catalog,
    stick: Path,
) -> None:
    numbers = [add_case(page(i)) if i % 5 == 0 else add_case() for i in range(50)]
    rating = rate(device, clock)
    pending = device.pending_count()
    assert pending == 50

    exported = _export(device, clock, stick)
    assert (exported.events, exported.cases, exported.attachments, exported.ratings) == (50, 50, 10, 1)
    assert device.pending_count() == pending, "exporting acknowledged something"
    manifest = json.loads((_folder(stick, device) / EXPORT_MANIFEST).read_text())
    assert manifest["device_id"] == device.device_id and manifest["seq_first"] == exported.seq_first
    plain = [numbers[0].applicant.name, numbers[0].applicant.id_number, numbers[0].number]
    blob = (_folder(stick, device) / EXPORT_EVENTS).read_bytes()
    assert all(text.encode() not in blob for text in plain), "the bundle is not encrypted"
    [first_event] = device.events_for(numbers[0].number)
    scans = attachments_of(first_event.payload)
    assert scans and not any(sha in json.dumps(manifest) for sha in scans), "the manifest names the scans"

    first = import_bundle(service, _folder(stick, device))
    assert (first.stored, first.duplicates, first.rejected, first.attachments_new) == (50, 0, [], 10)
    again = import_bundle(service, _folder(stick, device))  # the stick imported twice
    assert (again.stored, again.duplicates, again.attachments_new) == (0, 50, 0)
    stored = platform_events(service, device.device_id)
    assert len(stored) == 50 and len({seq for seq, _, _ in stored}) == 50
    assert platform_count(service, "cases") == 50 and platform_count(service, "kiosk_ratings") == 1
    run_departments(service)  # official numbers: updates the next receipt carries
    import_bundle(service, _folder(stick, device))

    applied = _receipt(device, clock, catalog, stick)
    assert applied.acked == 50 and applied.pending == 0
    assert applied.applied_updates >= 50
    receipts = {seq: receipt for seq, _, receipt in stored}
    for case in numbers:
        [event] = [e for e in device.events_for(case.number) if not (e.receipt or "").startswith("platform-")]
        assert event.receipt == receipts[event.seq]
        assert device.get_case(case.number).official_number  # the platform's 办件编号 arrived
    assert device.kiosk_ratings.pending_count() == 0 and applied.ratings == 1 and rating

    twice = _receipt(device, clock, catalog, stick)  # the same receipt again changes nothing
    assert twice.already_applied
    assert device.pending_count() == 0
    versions = {c.number: device.get_case(c.number).version for c in numbers}

    nothing = _export(device, clock, stick)  # the next trip: nothing pending, cursor moved on
    assert nothing.events == 0
    import_bundle(service, _folder(stick, device))
    _receipt(device, clock, catalog, stick)
    assert {c.number: device.get_case(c.number).version for c in numbers} == versions
    assert len(platform_events(service, device.device_id)) == 50


def test_a_tampered_byte_anywhere_is_refused_and_nothing_stored(
    device: Store,
    service: PlatformService,
    add_case: Callable[..., Case],
    clock: FakeClock,
    stick: Path,
) -> None:
    add_case(page(1))
    add_case()
    _export(device, clock, stick)
    folder = _folder(stick, device)
    for path in sorted(folder.iterdir()):
        original = path.read_bytes()
        for index in (0, len(original) // 2, len(original) - 1):
            changed = bytearray(original)
            changed[index] ^= 0x01
            path.write_bytes(bytes(changed))
            with pytest.raises(BundleError) as refused:
                import_bundle(service, folder)
            assert refused.value.code in {"bundle.tampered", "bundle.incomplete"}, (path.name, index)
            assert "拒绝导入" in refused.value.message
        path.write_bytes(original)
    manifest_path = folder / EXPORT_MANIFEST
    original = manifest_path.read_bytes()
    for key, value in (("export_no", 99), ("device_id", "0" * 32), ("events", 1), ("created_at", "2020")):
        edited = json.loads(original) | {key: value}  # still valid JSON: only the signature can tell
        manifest_path.write_text(json.dumps(edited))
        with pytest.raises(BundleError) as refused:
            import_bundle(service, folder)
        assert refused.value.code in {"bundle.tampered", "bundle.foreign"}, key
    manifest_path.write_bytes(original)
    assert platform_count(service, "events") == 0 and platform_count(service, "attachments") == 0
    assert import_bundle(service, folder).stored == 2  # restored byte for byte: accepted


def test_a_file_swapped_in_from_another_export_is_refused(
    device: Store, service: PlatformService, add_case: Callable[..., Case], clock: FakeClock, tmp_path: Path
) -> None:
    add_case()
    _export(device, clock, tmp_path / "a")
    add_case()
    _export(device, clock, tmp_path / "b")
    a, b = _folder(tmp_path / "a", device), _folder(tmp_path / "b", device)
    shutil.copy(a / EXPORT_EVENTS, b / EXPORT_EVENTS)  # an older, validly sealed file of the same device
    with pytest.raises(BundleError) as refused:
        import_bundle(service, b)
    assert refused.value.code in {"bundle.tampered", "bundle.incomplete"}  # by its size or its hash
    assert platform_count(service, "events") == 0
    # Even where a manifest listed it, a sealed file opens only under its own bundle and name.
    secret = device.sync.enrollment().secret  # type: ignore[union-attr]
    sealed = Sealer(secret).seal("bundle-a", EXPORT_EVENTS, b"{}")
    assert Sealer(secret).open("bundle-a", EXPORT_EVENTS, sealed) == b"{}"
    for bundle_id, name in (("bundle-b", EXPORT_EVENTS), ("bundle-a", RECEIPT_BODY)):
        with pytest.raises(BundleError):
            Sealer(secret).open(bundle_id, name, sealed)


def test_a_half_written_stick_is_refused(
    device: Store, service: PlatformService, add_case: Callable[..., Case], clock: FakeClock, stick: Path
) -> None:
    add_case(page(1))
    _export(device, clock, stick)
    folder = _folder(stick, device)
    attachment = next(p for p in folder.iterdir() if p.name.startswith("att-"))
    data = attachment.read_bytes()
    attachment.write_bytes(data[: len(data) // 2])  # the copy was cut short
    with pytest.raises(BundleError) as cut:
        import_bundle(service, folder)
    assert cut.value.code == "bundle.incomplete" and "不完整" in cut.value.message
    attachment.write_bytes(data)
    (folder / EXPORT_MANIFEST).unlink()  # stopped before the manifest (written last) was
    with pytest.raises(BundleError) as unfinished:
        import_bundle(service, folder)
    assert unfinished.value.code == "bundle.incomplete"
    assert platform_count(service, "events") == 0


def test_a_bundle_of_an_unknown_device_or_for_another_platform_is_refused(
    device: Store,
    service: PlatformService,
    add_case: Callable[..., Case],
    clock: FakeClock,
    stick: Path,
    tmp_path: Path,
) -> None:
    add_case()
    _export(device, clock, stick)
    with platform_service(tmp_path / "other.db", clock) as other, pytest.raises(BundleError) as refused:
        import_bundle(other, _folder(stick, device))
    assert refused.value.code == "bundle.foreign" and "另一个平台" in refused.value.message
    # The same platform id, but the device never enrolled there (a copy of the platform's database
    # taken before it did): refused as foreign, not as tampered.
    manifest = json.loads((_folder(stick, device) / EXPORT_MANIFEST).read_text())
    service.worker.call(lambda db: db.execute("DELETE FROM devices WHERE device_id = ?", (device.device_id,)))
    with pytest.raises(BundleError) as unknown:
        import_bundle(service, _folder(stick, device))
    assert unknown.value.code == "bundle.foreign" and manifest["device_id"] in unknown.value.message


def test_a_receipt_for_another_device_or_an_old_one_is_refused(
    device: Store,
    service: PlatformService,
    add_case: Callable[..., Case],
    clock: FakeClock,
    catalog: Catalog,
    stick: Path,
    tmp_path: Path,
) -> None:
    add_case()
    _export(device, clock, stick)
    import_bundle(service, _folder(stick, device))
    old_receipt = {n: (_folder(stick, device) / n).read_bytes() for n in (RECEIPT_MANIFEST, RECEIPT_BODY)}

    with Store.open(tmp_path / "second", clock=clock) as second:  # another enrolled device's folder
        enroll_device(service, second, DeviceConfig.demo(device_no=2))
        shutil.copytree(_folder(stick, device), _folder(stick, second))
        with pytest.raises(BundleError) as foreign:
            _receipt(second, clock, catalog, stick)
        assert foreign.value.code == "bundle.foreign" and "另一台设备" in foreign.value.message
        assert second.sync.cursor("bundle_receipt") == 0

    assert _receipt(device, clock, catalog, stick).acked == 1
    add_case()
    _export(device, clock, stick)
    import_bundle(service, _folder(stick, device))
    _receipt(device, clock, catalog, stick)
    for name, data in old_receipt.items():  # the first trip's receipt put back on the stick
        (_folder(stick, device) / name).write_bytes(data)
    with pytest.raises(BundleError) as replayed:
        _receipt(device, clock, catalog, stick)
    assert replayed.value.code == "bundle.replayed" and "旧回执" in replayed.value.message


def test_a_receipt_with_a_changed_byte_changes_nothing_on_the_device(
    device: Store,
    service: PlatformService,
    add_case: Callable[..., Case],
    clock: FakeClock,
    catalog: Catalog,
    stick: Path,
) -> None:
    add_case()
    _export(device, clock, stick)
    import_bundle(service, _folder(stick, device))
    body = _folder(stick, device) / RECEIPT_BODY
    original = body.read_bytes()
    changed = bytearray(original)
    changed[-3] ^= 0x80
    body.write_bytes(bytes(changed))
    with pytest.raises(BundleError) as refused:
        _receipt(device, clock, catalog, stick)
    assert refused.value.code == "bundle.tampered"
    body.write_bytes(original[:-10])  # the receipt copied back only in part
    with pytest.raises(BundleError) as cut:
        _receipt(device, clock, catalog, stick)
    assert cut.value.code == "bundle.incomplete"
    manifest = _folder(stick, device) / RECEIPT_MANIFEST
    kept = manifest.read_bytes()
    manifest.unlink()  # the platform stopped before writing the receipt's manifest (last)
    with pytest.raises(BundleError) as unfinished:
        _receipt(device, clock, catalog, stick)
    assert unfinished.value.code == "bundle.incomplete"
    assert device.pending_count() == 1
    manifest.write_bytes(kept)
    body.write_bytes(original)
    assert _receipt(device, clock, catalog, stick).acked == 1


def test_export_refuses_to_overwrite_a_receipt_not_yet_applied(
    device: Store,
    service: PlatformService,
    add_case: Callable[..., Case],
    clock: FakeClock,
    catalog: Catalog,
    stick: Path,
) -> None:
    add_case()
    _export(device, clock, stick)
    import_bundle(service, _folder(stick, device))
    with pytest.raises(BundleError) as refused:
        _export(device, clock, stick)
    assert refused.value.code == "bundle.unapplied_receipt"
    _receipt(device, clock, catalog, stick)
    assert _export(device, clock, stick).events == 0
    assert not (_folder(stick, device) / RECEIPT_MANIFEST).exists()  # the old trip's receipt is gone


@pytest.mark.parametrize("platform_imports_first", [False, True], ids=["network-first", "stick-first"])
def test_a_case_exported_then_synced_over_the_network_arrives_once(
    device: Store,
    service: PlatformService,
    add_case: Callable[..., Case],
    clock: FakeClock,
    catalog: Catalog,
    stick: Path,
    platform_imports_first: bool,
) -> None:
    """The line comes back while the stick is on its way: the network round and the stick both
    deliver the same events, and the platform and the device still count each once."""
    cases = [add_case(page(1)), add_case()]
    _export(device, clock, stick)
    if platform_imports_first:
        assert import_bundle(service, _folder(stick, device)).stored == 2
    # The same platform database served over HTTP on 127.0.0.1 (the line is back).
    network = PlatformService.build(service.config, clock=clock)
    with ThreadedPlatform(network) as running:
        enrollment = device.sync.enrollment()
        assert enrollment is not None
        with PlatformClient(
            running.url, device_id=device.device_id, secret=enrollment.secret, clock=clock
        ) as client:
            report = SyncService(device, client, clock, lambda: catalog, pull_catalog=False).run_once()
    assert report.ok and report.acked == 2 and device.pending_count() == 0
    assert report.duplicates == (2 if platform_imports_first else 0)
    again = import_bundle(service, _folder(stick, device))
    assert (again.stored, again.duplicates) == (0, 2)
    applied = _receipt(device, clock, catalog, stick)
    assert applied.acked == 0 and applied.pending == 0  # acknowledged already: left alone
    stored = platform_events(service, device.device_id)
    assert [number for _, number, _ in stored] == [c.number for c in cases]
    for seq, number, receipt in stored:
        [event] = device.events_for(number)
        assert (event.seq, event.receipt) == (seq, receipt)


def test_a_rejection_in_the_receipt_quarantines_the_case_as_the_network_would(
    device: Store,
    service: PlatformService,
    add_case: Callable[..., Case],
    clock: FakeClock,
    catalog: Catalog,
    stick: Path,
) -> None:
    taken, free = add_case(), add_case()
    [event] = device.events_for(taken.number)
    # The platform already holds this (device, seq) with other content: a conflict, for good.
    service.worker.call(
        lambda db: db.execute(
            "INSERT INTO events (device_id, seq, case_number, kind, digest, body, receipt, received_at)"
            " VALUES (?, ?, ?, 'accepted', 'other', '{}', 'rcpt-other', '')",
            (device.device_id, event.seq, taken.number),
        )
    )
    _export(device, clock, stick)
    outcome = import_bundle(service, _folder(stick, device))
    assert [r["code"] for r in outcome.rejected] == ["conflict"] and outcome.stored == 1
    applied = _receipt(device, clock, catalog, stick)
    assert applied.quarantined == (taken.number,) and applied.acked == 1
    assert device.sync.quarantined_numbers() == {taken.number}
    assert [e.case_number for e in device.pending_events()] == [taken.number]
    nothing = _export(device, clock, stick)  # a quarantined case waits for staff, not the stick
    assert nothing.events == 0 and free.number


def test_a_case_whose_scan_is_unreadable_here_stays_out_and_the_rest_goes(
    device: Store, service: PlatformService, add_case: Callable[..., Case], clock: FakeClock, stick: Path
) -> None:
    damaged, fine = add_case(page(1), page(2)), add_case()
    for scan in (device.data_dir / "attachments").rglob("*"):
        if scan.is_file():
            scan.unlink()  # the scans' files are gone (a damaged disk); the store still lists them
    exported = _export(device, clock, stick)
    assert exported.left_out == (damaged.number,) and (exported.events, exported.attachments) == (1, 0)
    assert not list(_folder(stick, device).glob("att-*"))
    outcome = import_bundle(service, _folder(stick, device))
    assert outcome.stored == 1
    assert [number for _, number, _ in platform_events(service, device.device_id)] == [fine.number]


def test_the_receipt_brings_what_a_pull_would_a_newer_catalog_calendar_and_staff(
    store: Store, add_case: Callable[..., Case], clock: FakeClock, catalog: Catalog, tmp_path: Path
) -> None:
    """The platform's catalog changed since the device's version (a delta), it serves a newer
    holiday calendar, and it has staff accounts: the receipt carries all three, applied by the
    pull's own code (the 2027 year and the catalog version are test data)."""
    problems: list[str] = []
    raw = read_raw(default_root(), problems)
    assert raw is not None
    records = [dict(r) for r in raw.records()]
    records[0]["version"] = "2099.1-r1"
    next(r for r in records if r["kind"] == "matter")["promise_days"] = 2
    feed = tmp_path / "new.jsonl"
    feed.write_text(feed_text(records), encoding="utf-8")
    calendar = json.loads(shipped_path().read_text(encoding="utf-8")) | {"version": "2026-11-10"}
    calendar["years"]["2027"] = {
        "source": {"title": "测试数据", "number": "", "issued": "2026-11-10", "url": "https://example.test/"},
        "holidays": [{"name": "元旦", "from": "2027-01-01", "to": "2027-01-04"}],
        "workdays": [],
    }
    calendar_file = tmp_path / "calendar.json"
    calendar_file.write_text(json.dumps(calendar, ensure_ascii=False), encoding="utf-8")
    db, stick = tmp_path / "platform.db", tmp_path / "usb"
    with platform_service(db, clock) as first:  # serves (and remembers) the shipped catalog
        enroll_device(first, store, CONFIG)
    add_case()
    _export(store, clock, stick)
    with platform_service(
        db, clock, seeds=("demo",), catalog_dir=feed, calendar_path=calendar_file
    ) as service:
        import_bundle(service, _folder(stick, store))
    receipt = read_manifest(_folder(stick, store), RECEIPT_MANIFEST, "receipt")
    enrollment = store.sync.enrollment()
    assert enrollment is not None
    sent = receipt.read_json(Sealer(enrollment.secret), RECEIPT_BODY)["catalog"]
    assert (
        sent["reply"]["base"] == catalog.version and sent["whole"]["base"] is None
    )  # a delta, and the whole
    applied = _receipt(store, clock, catalog, stick)
    assert applied.acked == 1 and applied.staff_accounts == 4, applied.problems
    assert current_version(store.data_dir, catalog.version) == "2099.1-r1"
    assert load_current_catalog(store.data_dir).version == "2099.1-r1"
    assert current_calendar(store.data_dir).version == "2026-11-10"
    assert {a.staff_id for a in store.sync.staff_accounts()} >= {"admin", "window01"}


def test_a_receipt_from_another_platform_is_refused(
    device: Store,
    service: PlatformService,
    add_case: Callable[..., Case],
    clock: FakeClock,
    catalog: Catalog,
    stick: Path,
    tmp_path: Path,
) -> None:
    """The device also enrolled (once) with a second platform, which answered a bundle: the device,
    enrolled with the first again, does not take that platform's word for its events."""
    add_case()
    home = device.sync.enrollment()
    assert home is not None
    with platform_service(tmp_path / "elsewhere.db", clock) as elsewhere:
        enroll_device(elsewhere, device, CONFIG)
        _export(device, clock, stick)
        assert import_bundle(elsewhere, _folder(stick, device)).stored == 1
    device.sync.save_enrollment(home)
    with pytest.raises(BundleError) as refused:
        _receipt(device, clock, catalog, stick)
    assert refused.value.code == "bundle.foreign" and "另一个平台" in refused.value.message
    assert device.pending_count() == 1


def test_an_export_that_fails_midway_leaves_a_stick_the_platform_refuses_and_the_next_one_mends(
    device: Store,
    service: PlatformService,
    add_case: Callable[..., Case],
    clock: FakeClock,
    stick: Path,
) -> None:
    add_case(page(1))
    _export(device, clock, stick)  # a whole bundle from an earlier trip
    folder = _folder(stick, device)
    add_case()
    (folder / EXPORT_EVENTS).unlink()
    (folder / EXPORT_EVENTS).mkdir()  # the events file cannot be written (as on a failing stick)
    with pytest.raises(OSError):
        _export(device, clock, stick)
    assert not (folder / EXPORT_MANIFEST).exists()  # the old manifest went first: no stale "whole" bundle
    with pytest.raises(BundleError) as half:
        import_bundle(service, folder)
    assert half.value.code == "bundle.incomplete"
    assert device.pending_count() == 2
    (folder / EXPORT_EVENTS).rmdir()
    exported = _export(device, clock, stick)
    assert exported.events == 2
    assert sorted(p.name for p in folder.iterdir()) == ["att-0000.bin", EXPORT_EVENTS, EXPORT_MANIFEST]
    assert import_bundle(service, folder).stored == 2


def test_a_device_enrolled_through_another_adapter_is_told_the_stick_is_not_for_it(
    device: Store, add_case: Callable[..., Case], clock: FakeClock, catalog: Catalog, stick: Path
) -> None:
    add_case()
    home = device.sync.enrollment()
    assert home is not None
    device.sync.save_enrollment(replace(home, adapter="gov-standard"))
    for step in (lambda: _export(device, clock, stick), lambda: _receipt(device, clock, catalog, stick)):
        with pytest.raises(BundleError) as refused:
            step()
        assert refused.value.code == "bundle.unsupported" and "只能联网同步" in refused.value.message
    assert not stick.exists() and device.pending_count() == 1


def test_the_audit_head_travels_on_the_stick_and_a_held_device_is_refused(
    device: Store,
    service: PlatformService,
    add_case: Callable[..., Case],
    clock: FakeClock,
    catalog: Catalog,
    stick: Path,
) -> None:
    add_case()
    _export(device, clock, stick)
    import_bundle(service, _folder(stick, device))
    heads = service.worker.call(
        lambda db: db.execute(
            "SELECT count FROM audit_heads WHERE device_id = ?", (device.device_id,)
        ).fetchall()
    )
    assert heads and heads[0][0] > 0  # the platform holds the head the export carried
    _receipt(device, clock, catalog, stick)
    service.worker.call(
        lambda db: db.execute(
            "INSERT INTO audit_holds (device_id, reason, at) VALUES (?, 'test hold', '')", (device.device_id,)
        )
    )
    add_case()
    _export(device, clock, stick)
    with pytest.raises(BundleError) as held:
        import_bundle(service, _folder(stick, device))
    assert held.value.code == "bundle.audit_held"
    assert len(platform_events(service, device.device_id)) == 1
