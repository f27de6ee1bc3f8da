"""Writing tongban.toml (core.config.write_config): what load_config reads back is what was written."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from core.config import CONFIG_NAME, DeviceConfig, config_toml, load_config, write_config


def test_every_setting_round_trips(tmp_path: Path) -> None:
    config = DeviceConfig(
        role="kiosk",
        region_code="320116",
        device_no=101,
        hall_name='六合区"便民"服务站\\自助区',
        operator="kiosk",
        platform_url="https://p.example/",
        devices={"printer": "tcp:10.0.0.5:9100", "id_reader": "serial:/dev/ttyUSB0?baudrate=115200"},
        holidays=frozenset({date(2026, 10, 1), date(2026, 10, 2)}),
        workdays=frozenset({date(2026, 9, 27)}),
        bad_rating_follow_up_days=15,
    )
    path = write_config(tmp_path / "new" / CONFIG_NAME, config)
    assert path == tmp_path / "new" / CONFIG_NAME
    assert load_config(path) == config
    assert [p.name for p in path.parent.iterdir()] == [CONFIG_NAME]  # the temporary file is renamed away


def test_defaults_round_trip_and_a_rewrite_replaces_the_file(tmp_path: Path) -> None:
    path = write_config(tmp_path / CONFIG_NAME, DeviceConfig(devices={"printer": "sim"}))
    assert load_config(path) == DeviceConfig(devices={"printer": "sim"})
    write_config(path, DeviceConfig(device_no=2))
    assert load_config(path) == DeviceConfig(device_no=2)
    text = config_toml(DeviceConfig(platform_url=""))
    assert "platform_url" not in text and "[devices]" not in text  # empty values are left out


def test_the_platform_table_names_the_adapter_and_its_options(tmp_path: Path) -> None:
    config = DeviceConfig.demo(platform={"adapter": "gov-standard", "app_key": "JS-320115-01"})
    path = write_config(tmp_path / CONFIG_NAME, config)
    assert "[platform]" in path.read_text(encoding="utf-8")
    again = load_config(path)
    assert again.platform_adapter == "gov-standard"
    assert again.platform_options == {"app_key": "JS-320115-01"}
    assert DeviceConfig().platform_adapter == "tongban"


def test_a_platform_table_with_a_number_or_an_empty_adapter_is_refused(tmp_path: Path) -> None:
    import pytest

    from core.errors import ValidationError

    path = tmp_path / CONFIG_NAME
    for text in ('[platform]\nadapter = "gov-standard"\ntimeout = 5\n', '[platform]\nadapter = " "\n'):
        path.write_text(text, encoding="utf-8")
        with pytest.raises(ValidationError) as caught:
            load_config(path)
        assert "platform" in caught.value.message
