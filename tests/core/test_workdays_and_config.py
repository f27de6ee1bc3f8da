"""Working days for promised time limits, and the device configuration file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from core.config import DeviceConfig, load_config
from core.errors import ValidationError
from core.workdays import add_working_days, is_working_day


def test_working_days_skip_weekends_and_holidays() -> None:
    friday = date(2026, 11, 27)
    assert add_working_days(friday, 1) == date(2026, 11, 30)  # Monday
    assert add_working_days(friday, 5) == date(2026, 12, 4)
    assert add_working_days(friday, 1, holidays={date(2026, 11, 30)}) == date(2026, 12, 1)
    saturday = date(2026, 11, 28)
    assert not is_working_day(saturday)
    assert is_working_day(saturday, workdays={saturday})  # 调休
    assert add_working_days(friday, 1, workdays={saturday}) == saturday
    assert add_working_days(friday, 0) == friday


def test_missing_config_gives_defaults(tmp_path: Path) -> None:
    assert load_config(tmp_path / "none.toml") == DeviceConfig()


def test_config_is_read_and_checked(tmp_path: Path) -> None:
    path = tmp_path / "tongban.toml"
    path.write_text(
        'region_code = "110105"\ndevice_no = 7\nholidays = ["2026-10-01"]\n[devices]\nprinter = "tcp:127.0.0.1:9100"\n',
        encoding="utf-8",
    )
    cfg = load_config(path)
    assert (cfg.region_code, cfg.device_no, cfg.devices["printer"]) == ("110105", 7, "tcp:127.0.0.1:9100")
    assert cfg.holidays == frozenset({date(2026, 10, 1)})


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ('regoin_code = "110105"', "regoin_code 不是可用的配置项"),
        ("device_no = 1000", "device_no 应在 1–999 之间"),
        ('device_no = "7"', "device_no 的类型不对"),
        ('region_code = "1101"', "region_code 应为 6 位行政区划代码"),
        ('holidays = ["2026-13-01"]', "不是 YYYY-MM-DD 日期"),
        ("region_code = ", "格式有误"),
    ],
)
def test_bad_config_says_what_is_wrong(tmp_path: Path, text: str, complaint: str) -> None:
    path = tmp_path / "tongban.toml"
    path.write_text(text + "\n", encoding="utf-8")
    with pytest.raises(ValidationError, match=complaint):
        load_config(path)
