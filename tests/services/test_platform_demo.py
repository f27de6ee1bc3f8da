"""``tongban demo --platform gov-standard``: the example 出生一件事 and single matter, taken offline,
arrive at the simulated provincial interface as 办件 records (实施编码, 办件编号, 办件状态) and come
back to the device settled (issue #13's first Done-when line)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from core.catalog import load_catalog
from core.cli.main import main


def test_the_demo_runs_against_the_gov_standard_simulator(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "demo"
    assert main(["demo", "--platform", "gov-standard", "--keep", str(data)]) == 0
    out = capsys.readouterr().out
    assert "对接方式 gov-standard" in out and "已办结，平台编号 YJS" in out and "已办结，平台编号 BJ" in out

    listed = subprocess.run(
        [
            sys.executable,
            "-m",
            "sync.server",
            "cases",
            "--db",
            str(data / "platform" / "platform.db"),
            "--flavour",
            "gov-standard",
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    records = json.loads(listed.stdout)["records"]
    catalog = load_catalog()
    newborn = [r for r in records if r["bundleId"] == "newborn"]
    single = [r for r in records if r["bundleId"] == "police_temp_id_card"]
    assert len(single) == 1 and single[0]["taskCode"] == catalog.matters["police_temp_id_card"].code
    assert {r["taskCode"] for r in newborn} <= {m.code for m in catalog.matters.values()}
    assert len(newborn) >= 5
    assert {r["proStatus"] for r in records} == {"11"}  # 办结（通过）
    numbers = [r["projectNo"] for r in records]
    assert all(numbers) and len(set(numbers)) == len(numbers)


def test_the_platform_demo_is_a_demonstration_of_its_own(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["demo", "--platform", "gov-standard", "--text", "--keep", str(tmp_path)]) == 2
    out, err = capsys.readouterr()
    assert "--platform 自成一个演示" in out + err
