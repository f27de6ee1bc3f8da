"""What the CLI tests share: one run of ``tongban`` through its real entry, and the shipped example case."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from core.assets import assets_dir
from core.cli.main import main
from core.config import DeviceConfig, write_config

EXAMPLE = assets_dir() / "examples" / "newborn-case.json"
# A device identity (region code + device number), without which no case is numbered.
HALL = DeviceConfig(region_code="320115", device_no=1, hall_name="测试大厅", operator="window01")


def identity(path: Path) -> Path:
    """Write a device configuration with an identity to ``path``; returns it."""
    return write_config(path, HALL)


def run(capsys: pytest.CaptureFixture[str], data: Path, *argv: str) -> tuple[int, str, str]:
    """``tongban --data-dir DATA ARGV…``: exit code, stdout, stderr."""
    code = main(["--data-dir", str(data), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def example() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    return data


def add_case(capsys: pytest.CaptureFixture[str], data: Path) -> str:
    """Take in the shipped example (it has one 容缺 material); returns the displayed case number."""
    if not (data / "tongban.toml").exists():
        identity(data / "tongban.toml")
    code, out, err = run(capsys, data, "cases", "add", "--json", str(EXAMPLE))
    assert code == 0, err
    return out.splitlines()[0]
