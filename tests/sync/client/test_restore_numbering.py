"""A device restored from an old backup numbers no case the platform already holds (issue 15).

Against the reference platform (``python -m sync.server``): the device takes and syncs cases, is
backed up, takes and syncs more, then is lost; the old backup is restored on new hardware. It
refuses to number until a sync has told it how far the lost device had gone, and its next case
then lands on the platform beside all the others. The same restore released by hand, without
asking the platform, does collide there: that is what the hold prevents.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from core.cases.service import CaseService
from core.catalog.model import Catalog
from core.cli.main import main
from core.clock import SystemClock
from core.config import DeviceConfig
from core.store.numbering import NumberingHeld
from core.store.store import Store
from sync import contract
from sync.enrollment import client_for, enroll
from sync.report import SyncReport
from sync.service import SyncService
from tests.sync.client.conftest import newborn_request
from tests.sync.client.reference_platform import ReferencePlatform

CLOCK = SystemClock()  # the platform checks signatures against real time
TIMEOUT = (1.0, 5.0)
CONFIG = DeviceConfig.demo()


@pytest.fixture
def reference(tmp_path: Path) -> Iterator[ReferencePlatform]:
    platform = ReferencePlatform(tmp_path).start()
    yield platform
    platform.stop()


def _accept(store: Store, catalog: Catalog, count: int) -> list[str]:
    cases = CaseService(catalog, store, CLOCK, CONFIG, "window07")
    return [cases.accept(newborn_request(catalog)).number for _ in range(count)]


def _sync(store: Store, catalog: Catalog) -> SyncReport:
    with client_for(store, timeout=TIMEOUT) as client:
        return SyncService(store, client, CLOCK, lambda: catalog, pull_catalog=False).run_once()


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _restore(capsys: pytest.CaptureFixture[str], usb: Path, target: Path, passphrase: Path) -> None:
    code, out, err = _cli(
        capsys, "--data-dir", str(target), "restore", "--from", str(usb), "--passphrase-file", str(passphrase)
    )
    assert code == 0, err
    assert "本机暂停编号" in out


def _platform_numbers(reference: ReferencePlatform) -> list[str]:
    return [c["case_number"] for c in reference.admin(contract.P_ADMIN_CASES)["cases"]]


def _release_audit_hold(reference: ReferencePlatform, device_id: str) -> None:
    """What the operator does once they know the device was restored: ``platform audit-release``."""
    from sync.server.__main__ import main as platform_main

    assert platform_main(["audit-release", "--db", str(reference.db), device_id]) == 0


def test_a_restored_device_learns_its_marks_before_numbering_again(
    reference: ReferencePlatform, catalog: Catalog, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    passphrase = tmp_path / "passphrase"
    passphrase.write_text("大厅备份 correct horse\n", encoding="utf-8")
    usb = tmp_path / "usb"
    lost = tmp_path / "lost-device"
    with Store.open(lost, clock=CLOCK) as store:
        enroll(store, CONFIG, CLOCK, reference.url, reference.issue_code())
        before_backup = _accept(store, catalog, 2)
        assert _sync(store, catalog).acked == 2
        code, _, err = _cli(
            capsys, "--data-dir", str(lost), "backup", "--to", str(usb), "--passphrase-file", str(passphrase)
        )
        assert code == 0, err
        after_backup = _accept(store, catalog, 3)  # on the platform, not in the backup
        assert _sync(store, catalog).acked == 3
    held_by_platform = set(before_backup + after_backup)
    assert set(_platform_numbers(reference)) == held_by_platform

    new = tmp_path / "new-hardware"
    _restore(capsys, usb, new, passphrase)
    with Store.open(new, clock=CLOCK) as store:
        with pytest.raises(NumberingHeld) as refused:
            _accept(store, catalog, 1)
        assert "还没有与省级平台核对" in refused.value.message
        assert {c.number for c in store.list_cases()} == set(before_backup)  # nothing half-taken

        report = _sync(store, catalog)
        assert report.ok, report.error_detail
        assert store.numbering_held_since() is None
        [number] = _accept(store, catalog, 1)
        # Its first push shows the platform an audit log shorter than the one it last heard of: a
        # restore looks like a rollback, so the platform holds the device until an operator has
        # looked (sync/server/README.md, security) and releases it.
        assert _sync(store, catalog).error_code == "audit_head"
        _release_audit_hold(reference, store.device_id)
        assert number not in held_by_platform
        assert int(number[15:19]) == max(int(n[15:19]) for n in held_by_platform) + 1  # the day's sequence
        report = _sync(store, catalog)
        assert report.ok and report.acked == 1 and not report.quarantined, report
        assert store.pending_count() == 0 and not store.sync.quarantined()
        assert [e.action for e in store.audit_entries() if e.action.startswith("numbering.")] == [
            "numbering.released"
        ]
    assert sorted(_platform_numbers(reference)) == sorted(held_by_platform | {number})

    # The same backup restored again and released by hand, without the platform's marks: its
    # next number is one the lost device used after the backup, and the platform refuses it.
    again = tmp_path / "released-by-hand"
    _restore(capsys, usb, again, passphrase)
    code, _, err = _cli(capsys, "--data-dir", str(again), "numbering", "--release")
    assert code == 2 and "tongban sync once" in err  # enrolled: the platform must be asked
    code, out, err = _cli(capsys, "--data-dir", str(again), "numbering", "--release", "--force")
    assert code == 0 and "已恢复编号" in out, err
    with Store.open(again, clock=CLOCK) as store:
        [clash] = _accept(store, catalog, 1)
        assert clash == after_backup[0]
        assert _sync(store, catalog).error_code == "audit_head"
        _release_audit_hold(reference, store.device_id)
        report = _sync(store, catalog)
        assert report.quarantined == (clash,)


def test_a_platform_that_cannot_tell_leaves_the_hold_to_the_operator(tmp_path: Path) -> None:
    """The gov-standard interface has no marks query: the round goes on, the hold stays (no guess)."""
    from core.store import numbering
    from sync.adapter import AdapterSettings, Capability, open_adapter
    from sync.marks import settle_numbering

    with Store.open(tmp_path / "device", clock=CLOCK) as store:
        pass
    numbering.hold_database(tmp_path / "device" / "tongban.db", "2026-12-07T09:00:00+08:00")
    with Store.open(tmp_path / "device", clock=CLOCK) as store:
        settings = AdapterSettings(base_url="http://127.0.0.1:9", device_id=store.device_id)
        with open_adapter("gov-standard", settings) as adapter:  # no I/O until a call
            assert Capability.MARKS not in adapter.capabilities
            assert settle_numbering(store, adapter, CLOCK) is False
        assert store.numbering_held_since() == "2026-12-07T09:00:00+08:00"
        with pytest.raises(NumberingHeld):
            store.next_sequence("case_number:320115:1:2026-12-07")
