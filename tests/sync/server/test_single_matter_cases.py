"""A single matter (事项) taken at the window reaches the reference platform under its 实施编码."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.assets import assets_dir
from core.catalog import load_catalog
from sync.server.__main__ import main as platform_main
from tests.core.cli.cli_kit import identity
from tests.sync.client.cli_main import run
from tests.sync.server.platform_kit import Factory, new_code

EXAMPLE = assets_dir() / "examples" / "single-matter-case.json"


def test_a_single_matter_case_is_filed_under_its_code(
    platform_factory: Factory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    platform = platform_factory()
    data = tmp_path / "window"
    identity(data / "tongban.toml")
    matter = load_catalog().matters["police_temp_id_card"]

    assert run(["--data-dir", str(data), "cases", "add", "--json", str(EXAMPLE)]) == 0
    number = capsys.readouterr().out.splitlines()[0].replace("-", "")
    assert run(["--data-dir", str(data), "cases", "show", number, "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["bundle_id"] == "police_temp_id_card"
    assert [(m["matter_id"], m["code"], m["dept"]) for m in shown["matters"]] == [
        ("police_temp_id_card", matter.code, "police")
    ]
    enroll = [
        "sync",
        "enroll",
        "--platform",
        platform.url,
        "--code",
        new_code(platform),
        "--region",
        "320115",
    ]
    assert run(["--data-dir", str(data), *enroll]) == 0
    capsys.readouterr()
    assert run(["--data-dir", str(data), "sync", "once", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] and report["acked"] == 1

    db = str(platform.platform.config.db_path)
    assert platform_main(["cases", "--db", db, "--json"]) == 0
    (case,) = json.loads(capsys.readouterr().out)["cases"]
    assert case["bundle_id"] == "police_temp_id_card"
    assert [(m["code"], m["dept"]) for m in case["matters"]] == [(matter.code, "police")]
    assert platform_main(["cases", "--db", db]) == 0
    assert f"    {matter.code}  {matter.name}  police" in capsys.readouterr().out


def test_a_case_of_a_catalog_the_platform_stopped_accepting_comes_back_as_rework(
    platform_factory: Factory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    platform = platform_factory(accepted_catalogs=frozenset({"2027.1-r1"}))
    data = tmp_path / "window"
    identity(data / "tongban.toml")
    assert run(["--data-dir", str(data), "cases", "add", "--json", str(EXAMPLE)]) == 0
    number = capsys.readouterr().out.splitlines()[0].replace("-", "")
    enroll = [
        "sync",
        "enroll",
        "--platform",
        platform.url,
        "--code",
        new_code(platform),
        "--region",
        "320115",
    ]
    assert run(["--data-dir", str(data), *enroll]) == 0
    capsys.readouterr()
    assert run(["--data-dir", str(data), "sync", "once", "--json"]) == 0  # pushed, then the rework pulled
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] and report["acked"] == 1 and report["quarantined"] == []
    assert run(["--data-dir", str(data), "cases", "show", number, "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["quarantine"] is None
    assert shown["rework"]["catalog_version"] == load_catalog().version
    assert "已停用" in shown["rework"]["message"]
    assert run(["--data-dir", str(data), "cases", "show", number]) == 0
    assert "需重新核对" in capsys.readouterr().out
