"""A device takes no case until it has an identity (region code + device number); the demo writes its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.assets import assets_dir
from core.cli.main import main
from core.clock import SystemClock
from core.config import CONFIG_NAME, DeviceConfig, NoIdentityError, config_toml, load_config, write_config
from core.store.store import Store

EXAMPLE = assets_dir() / "examples" / "newborn-case.json"


def _run(capsys: pytest.CaptureFixture[str], data: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_two_new_devices_without_a_config_take_no_case(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Before: both numbered their first case 320115-…-001-0001 under the demo identity."""
    for name in ("first", "second"):
        data = tmp_path / name
        code, out, err = _run(capsys, data, "cases", "add", "--json", str(EXAMPLE))
        assert code == 1 and out == "", out
        assert "设备身份" in err and "identity" in err and "tongban sync enroll" in err
        assert "Traceback" not in err
        with Store.open(data, clock=SystemClock()) as store:
            assert store.list_cases() == [] and store.verify_audit().entries == 0
        assert not (data / CONFIG_NAME).exists(), "nothing was made up and written for it"


def test_a_written_identity_numbers_cases_with_it(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = tmp_path / "data"
    write_config(
        data / CONFIG_NAME, DeviceConfig(region_code="320102", device_no=42, hall_name="玄武区政务服务中心")
    )
    code, out, err = _run(capsys, data, "cases", "add", "--json", str(EXAMPLE))
    assert code == 0, err
    number = out.splitlines()[0]
    assert number.startswith("320102-") and number.split("-")[2] == "042"
    code, out, _ = _run(capsys, data, "cases", "show", number, "--receipt", "receipt")
    assert code == 0 and "玄武区政务服务中心" in out and "演示" not in out


def test_the_headless_demo_writes_the_demo_identity(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    keep = tmp_path / "demo"
    code = main(["demo", "--text", "--keep", str(keep)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "320115-" in out
    written = load_config(keep / CONFIG_NAME)
    assert written.has_identity and written.region_code == "320115" and "演示" in written.hall_name


def test_no_file_means_no_identity_and_no_demo_hall(tmp_path: Path) -> None:
    config = load_config(tmp_path / "absent.toml")
    assert not config.has_identity
    assert "演示" not in config.hall_name and config.operator == ""
    with pytest.raises(NoIdentityError) as caught:
        config.require_identity(tmp_path / "absent.toml")
    assert "absent.toml" in caught.value.message and "absent.toml" in caught.value.detail
    assert caught.value.exit_code == 1
    DeviceConfig.demo().require_identity()


def test_a_partial_identity_round_trips_and_is_not_an_identity(tmp_path: Path) -> None:
    region_only = DeviceConfig(region_code="320115")
    assert "device_no" not in config_toml(region_only)
    path = write_config(tmp_path / CONFIG_NAME, region_only)
    assert load_config(path) == region_only and not region_only.has_identity
    assert not DeviceConfig(device_no=5).has_identity
    assert not DeviceConfig(region_code="020115", device_no=5).has_identity  # no code starts with 0
    assert DeviceConfig(region_code="320115", device_no=5).has_identity
