"""Writing the device's ``tongban.toml`` (core.config reads it; unknown keys there are errors, so only known ones)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from core.config import DeviceConfig


def _value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return json.dumps(str(value), ensure_ascii=False)  # a TOML basic string: JSON's escapes are TOML's


def config_toml(config: DeviceConfig) -> str:
    """The TOML text of ``config``: every scalar key, then the holidays and the ``[devices]`` table."""
    defaults = DeviceConfig()
    lines = ["# 通办 设备配置 (written by the window client's first-run setup)"]
    for key in (
        "role",
        "region_code",
        "device_no",
        "hall_name",
        "hall_address",
        "hall_phone",
        "operator",
        "platform_url",
    ):
        value = getattr(config, key)
        if value != "":
            lines.append(f"{key} = {_value(value)}")
    if config.bad_rating_follow_up_days != defaults.bad_rating_follow_up_days:
        lines.append(f"bad_rating_follow_up_days = {config.bad_rating_follow_up_days}")
    for key in ("holidays", "workdays"):
        days = sorted(getattr(config, key))
        if days:
            lines.append(f"{key} = [{', '.join(_value(d.isoformat()) for d in days)}]")
    if config.devices:
        lines += ["", "[devices]"]
        lines += [f"{role} = {_value(uri)}" for role, uri in config.devices.items() if uri]
    return "\n".join(lines) + "\n"


def write_config(path: Path, config: DeviceConfig) -> Path:
    """Write atomically (temporary file, fsync, rename): a power cut leaves the old file or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    with temporary.open("w", encoding="utf-8") as out:
        out.write(config_toml(config))
        out.flush()
        os.fsync(out.fileno())
    os.replace(temporary, path)
    return path
