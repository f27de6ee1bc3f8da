"""``tongban sync export``, ``tongban platform import`` and ``tongban sync import`` end to end on
real data directories: what an outreach helper types, what it prints, and how it exits."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.assets import assets_dir
from core.cli.main import main
from core.clock import SystemClock
from core.config import DeviceConfig, write_config
from core.store.store import Store
from tests.sync.client.bundle_kit import enroll_device, platform_service

EXAMPLE = assets_dir() / "examples" / "newborn-case.json"


@pytest.fixture
def dirs(tmp_path: Path) -> tuple[Path, Path, Path]:
    """(device data dir, platform database, USB stick), the device enrolled with the platform."""
    data, db, stick = tmp_path / "device", tmp_path / "platform.db", tmp_path / "usb"
    write_config(data / "tongban.toml", DeviceConfig.demo())
    clock = SystemClock()  # the CLI runs on the real clock
    with Store.open(data, clock=clock) as store, platform_service(db, clock) as service:
        enroll_device(service, store, DeviceConfig.demo())
    return data, db, stick


def _tongban(*args: str | Path) -> int:
    return main([str(a) for a in args])


def test_export_platform_import_and_receipt_import(
    dirs: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    data, db, stick = dirs
    for _ in range(2):
        assert _tongban("--data-dir", data, "cases", "add", "--json", EXAMPLE) == 0
    capsys.readouterr()

    assert _tongban("--data-dir", data, "sync", "import", stick) == 2  # nothing on the stick yet
    assert "没有平台回执" in capsys.readouterr().err

    assert _tongban("--data-dir", data, "sync", "export", "--to", stick) == 0
    out = capsys.readouterr().out
    assert "export 1: 2 events of 2 cases, 1 attachments" in out and "仍算未上传" in out
    assert _tongban("--data-dir", data, "sync", "import", stick) == 2
    assert "还没有平台回执" in capsys.readouterr().err

    assert _tongban("platform", "import", "--db", db, stick) == 0
    assert "2 stored, 0 duplicate, 0 rejected" in capsys.readouterr().out
    assert _tongban("platform", "import", "--db", db, stick, "--json") == 0  # twice: nothing doubled
    [bundle] = json.loads(capsys.readouterr().out)["bundles"]
    assert (bundle["stored"], bundle["duplicates"]) == (0, 2)

    assert _tongban("--data-dir", data, "sync", "import", stick) == 0
    assert "2 events acknowledged" in capsys.readouterr().out
    assert _tongban("--data-dir", data, "sync", "import", stick, "--json") == 0
    assert json.loads(capsys.readouterr().out)["already_applied"] is True
    assert _tongban("--data-dir", data, "sync", "status") == 0
    assert "已导入第 1 次导出的平台回执" in capsys.readouterr().out
    with Store.open(data, clock=SystemClock()) as store:
        assert store.pending_count() == 0


def test_a_tampered_stick_is_refused_with_a_clear_message(
    dirs: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    data, db, stick = dirs
    assert _tongban("--data-dir", data, "cases", "add", "--json", EXAMPLE) == 0
    assert _tongban("--data-dir", data, "sync", "export", "--to", stick) == 0
    capsys.readouterr()
    [events] = list(stick.glob("*/export-events.bin"))
    raw = bytearray(events.read_bytes())
    raw[40] ^= 0xFF
    events.write_bytes(bytes(raw))
    assert _tongban("platform", "import", "--db", db, stick) == 2
    err = capsys.readouterr().err
    assert "同步包校验失败" in err and "error: bundle refused, tampered or damaged" in err
    assert "Traceback" not in err
    assert _tongban("platform", "import", "--db", db, stick.parent / "nowhere") == 2
    assert "找不到文件夹" in capsys.readouterr().err
