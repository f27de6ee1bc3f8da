"""A device key proves data existed: an emptied or deleted ``tongban.db`` stops the device instead of
silently starting over (which would hand out case numbers again and lose the enrolment)."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from core.assets import assets_dir
from core.cli.main import main
from core.config import DeviceConfig, write_config
from core.errors import StoreError
from core.store.store import Store

if TYPE_CHECKING:
    from conftest import FakeClock

EXAMPLE = assets_dir() / "examples" / "newborn-case.json"


def _run(capsys: pytest.CaptureFixture[str], data: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def _truncate(db: Path) -> None:
    db.write_bytes(b"")


def _delete(db: Path) -> None:
    db.unlink()


@pytest.mark.parametrize("lose", [_truncate, _delete], ids=["emptied", "deleted"])
def test_a_lost_database_stops_the_cli_and_no_case_number_is_given_twice(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, lose: Callable[[Path], None]
) -> None:
    data = tmp_path / "data"
    write_config(data / "tongban.toml", DeviceConfig(region_code="320115", device_no=7, hall_name="测试大厅"))
    code, out, err = _run(capsys, data, "cases", "add", "--json", str(EXAMPLE))
    assert code == 0, err
    first = out.splitlines()[0]
    assert first.endswith("-007-0001-" + first[-1])
    db = data / "tongban.db"
    for leftover in ("tongban.db-wal", "tongban.db-shm"):
        assert not (data / leftover).exists(), "a closed store leaves no WAL behind"
    lose(db)

    code, out, err = _run(capsys, data, "cases", "list", "--json")
    assert code == 1 and out == ""
    assert str(db) in err and "备份" in err and "backup" in err and "Traceback" not in err
    code, out, err = _run(capsys, data, "cases", "add", "--json", str(EXAMPLE))
    assert code == 1 and first not in out and "备份" in err
    code, out, err = _run(capsys, data, "audit", "verify", "--json")
    assert code == 1 and "ok" not in out
    # Nothing was created in the lost file's place: restoring the backup is still possible.
    assert not db.exists() or db.stat().st_size == 0


def test_the_same_holds_for_a_key_supplied_by_the_deployment(
    tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from core.crypto import KEY_FILE_ENV, DeviceKey

    supplied = tmp_path / "deploy" / "device.key"
    DeviceKey.create(supplied)
    monkeypatch.setenv(KEY_FILE_ENV, str(supplied))
    data = tmp_path / "data"
    Store.open(data, clock=clock).close()  # first run with the deployment's key: fine
    (data / "tongban.db").unlink()
    with pytest.raises(StoreError) as caught:
        Store.open(data, clock=clock)
    assert "备份" in caught.value.message and "backup" in caught.value.detail
    assert not (data / "tongban.db").exists()


def test_a_first_run_cut_short_before_its_database_was_made_can_start_again(
    data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A power cut between making the key and committing the new database leaves no data to lose."""
    import core.store.opening as store_module

    def cut(*_args: object) -> str:
        raise KeyboardInterrupt  # stands in for the power cut, after the key exists

    monkeypatch.setattr(store_module, "_bootstrap", cut)
    with pytest.raises(KeyboardInterrupt):
        Store.open(data_dir, clock=clock)
    assert (data_dir / "keys" / "device.key").exists()
    monkeypatch.undo()
    monkeypatch.delenv("TONGBAN_DEVICE_KEY_FILE", raising=False)
    with Store.open(data_dir, clock=clock) as store:
        assert store.verify_audit().ok
    (data_dir / "tongban.db").unlink()  # now a database existed: losing it is refused
    with pytest.raises(StoreError):
        Store.open(data_dir, clock=clock)


def test_the_refusal_is_one_clear_line_through_the_installed_command(tmp_path: Path) -> None:
    import subprocess
    import sys

    data = tmp_path / "data"
    env = {k: v for k, v in os.environ.items() if k != "TONGBAN_DEVICE_KEY_FILE"}
    tongban = Path(sys.executable).parent / "tongban"
    write_config(data / "tongban.toml", DeviceConfig.demo())
    made = subprocess.run(
        [str(tongban), "--data-dir", str(data), "cases", "add", "--json", str(EXAMPLE)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert made.returncode == 0, made.stderr
    (data / "tongban.db").write_bytes(b"")
    done = subprocess.run(
        [str(tongban), "--data-dir", str(data), "audit", "verify", "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "备份" in done.stderr and json.dumps(True) not in done.stdout
