"""``tongban cases add`` refuses an expired ID card with the same rule as the window and the kiosk."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.config import CONFIG_NAME, DeviceConfig, write_config
from tests.core.cli.test_cli import example, run, write_case


def hall_device(data: Path) -> Path:
    """A data directory whose device has an identity (cases are taken only then)."""
    write_config(data / CONFIG_NAME, DeviceConfig(region_code="320115", device_no=7))
    return data


def test_an_expired_card_exits_2_in_chinese_and_english_and_adds_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = hall_device(tmp_path / "data")
    doc = example()
    doc["applicant"]["valid_to"] = "2016-04-02"
    doc["applicant_source"] = "id_card"
    code, _, err = run(capsys, data, "cases", "add", "--json", str(write_case(tmp_path, doc)))
    assert code == 2 and "Traceback" not in err
    assert "过有效期" in err and "2016-04-02" in err and "expired" in err
    code, out, _ = run(capsys, data, "cases", "list", "--json")
    assert code == 0 and '"number"' not in out  # nothing taken in (whatever else the listing says)


@pytest.mark.parametrize("valid_to", ["长期", "2099-01-01"])
def test_a_valid_or_long_term_card_is_accepted(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, valid_to: str
) -> None:
    doc = example()
    doc["applicant"].update(valid_from="2016-04-02", valid_to=valid_to)
    data = hall_device(tmp_path / "data")
    code, out, err = run(capsys, data, "cases", "add", "--json", str(write_case(tmp_path, doc)))
    assert code == 0, err
    assert "已受理" in out


@pytest.mark.parametrize(("key", "value"), [("valid_to", "2030-13-01"), ("valid_from", 20160402)])
def test_a_validity_that_is_not_a_date_is_named(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, key: str, value: object
) -> None:
    doc = example()
    doc["applicant"][key] = value
    code, _, err = run(capsys, tmp_path / "data", "cases", "add", "--json", str(write_case(tmp_path, doc)))
    assert code == 2 and f"applicant.{key}" in err and "Traceback" not in err
