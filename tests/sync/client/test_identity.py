"""Device identity at enrolment: the platform assigns a device number to a new device, and a case
whose number another device already submitted says why it is stuck and what staff can do."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.assets import assets_dir
from core.config import CONFIG_NAME, DeviceConfig, load_config, write_config
from tests.sync.client.cli_main import run
from tests.sync.client.reference_platform import ReferencePlatform

EXAMPLE = assets_dir() / "examples" / "newborn-case.json"


@pytest.fixture
def reference(tmp_path: Path) -> Iterator[ReferencePlatform]:
    platform = ReferencePlatform(tmp_path / "platform")
    platform.db.parent.mkdir()
    platform.start()
    yield platform
    platform.stop()


def _tongban(capsys: pytest.CaptureFixture[str], data: Path, *args: str) -> tuple[int, str, str]:
    code = run(["--data-dir", str(data), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_two_new_devices_take_their_numbers_from_the_platform_and_never_collide(
    reference: ReferencePlatform, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    numbers = []
    for name in ("first", "second"):
        data = tmp_path / name
        code, _, err = _tongban(capsys, data, "sync", "enroll", "--platform", reference.url, "--code", "X-X")
        assert code == 1 and "行政区划代码" in err and "--region" in err  # no region: nothing spent
        code, out, err = _tongban(
            capsys, data, "sync", "enroll", "--platform", reference.url, "--code", reference.issue_code(),
            "--region", "320115", "--json",
        )  # fmt: skip
        assert code == 0, err
        assert json.loads(out)["device_no"] == len(numbers) + 1
        identity = load_config(data / CONFIG_NAME)
        assert identity.has_identity and identity.region_code == "320115"
        code, out, err = _tongban(capsys, data, "cases", "add", "--json", str(EXAMPLE))
        assert code == 0, err
        numbers.append(out.splitlines()[0])
        code, out, err = _tongban(capsys, data, "sync", "once", "--json")
        report = json.loads(out)
        assert code == 0 and report["acked"] == 1 and report["quarantined"] == [], err
    assert numbers[0] != numbers[1]
    assert [n.split("-")[2] for n in numbers] == ["001", "002"]
    # Enrolling again keeps the device's number (it is the same device).
    code, out, _ = _tongban(
        capsys, tmp_path / "first", "sync", "enroll", "--platform", reference.url, "--code", reference.issue_code(),
        "--json",
    )  # fmt: skip
    assert code == 0 and json.loads(out)["device_no"] == 1


def test_a_case_another_device_submitted_says_why_and_what_to_do(
    reference: ReferencePlatform, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The state the old demo fallback left behind: two devices gave out the same first number."""
    first, second = tmp_path / "first", tmp_path / "second"
    for data in (first, second):
        write_config(
            data / CONFIG_NAME, DeviceConfig(region_code="320115", device_no=1, hall_name="测试大厅")
        )
        code, out, err = _tongban(capsys, data, "cases", "add", "--json", str(EXAMPLE))
        assert code == 0, err
    number = out.splitlines()[0]
    code, _, err = _tongban(
        capsys, first, "sync", "enroll", "--platform", reference.url, "--code", reference.issue_code()
    )
    assert code == 0, err
    assert _tongban(capsys, first, "sync", "once")[0] == 0
    # The second device is set up properly afterwards, but its first case keeps the taken number.
    write_config(second / CONFIG_NAME, DeviceConfig(region_code="320115", device_no=2, hall_name="测试大厅"))
    code, _, err = _tongban(
        capsys, second, "sync", "enroll", "--platform", reference.url, "--code", reference.issue_code()
    )
    assert code == 0, err
    code, out, _ = _tongban(capsys, second, "sync", "once", "--json")
    assert json.loads(out)["quarantined"] == [number.replace("-", "")]

    code, out, _ = _tongban(capsys, second, "cases", "show", number)
    assert code == 0
    assert "暂停上传" in out and "另一台设备" in out and "重新受理" in out
    assert "sync release" not in out, "retrying cannot help, so it is not offered"
    code, out, _ = _tongban(capsys, second, "cases", "show", number, "--json")
    held = json.loads(out)["quarantine"]
    assert held["code"] == "number_taken" and held["retry_helps"] is False
    code, out, err = _tongban(capsys, second, "sync", "release", number)
    assert code == 1 and "重新受理" in err and "retrying cannot help" in err
    code, out, _ = _tongban(capsys, second, "sync", "status", "--json")
    assert [q["case_number"] for q in json.loads(out)["quarantined"]] == [number.replace("-", "")]
