"""The catalog feed (JSON Lines): what a province's export maps onto, what `catalog import` takes.

A feed and the source tree hold the same records and pass the same checks; an import that finds any
problem lists all of them by line and changes nothing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from core.catalog import check_catalog, default_root, load_catalog
from core.catalog.feed import feed_text, read_raw
from core.catalog.loader import load_current_catalog
from core.catalog.synthetic import synthetic_feed
from tests.core.cli.cli_kit import run


def shipped_records() -> list[dict[str, Any]]:
    problems: list[str] = []
    raw = read_raw(default_root(), problems)
    assert raw is not None and problems == []
    return [dict(r) for r in raw.records()]


def write_feed(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text(feed_text(records), encoding="utf-8")
    return path


def test_the_shipped_tree_as_a_feed_loads_to_the_same_catalog(tmp_path: Path) -> None:
    feed = write_feed(tmp_path / "catalog.jsonl", shipped_records())
    tree, fed = load_catalog(), load_catalog(feed)
    assert fed.version == tree.version
    assert list(fed.bundles) == list(tree.bundles) and fed.bundles == tree.bundles
    assert list(fed.matters) == list(tree.matters) and fed.matters == tree.matters
    assert fed.fields == tree.fields and fed.departments == tree.departments


def test_every_problem_of_a_feed_is_reported_with_its_line(tmp_path: Path) -> None:
    records = shipped_records()
    lines = {(r["kind"], r.get("id")): n for n, r in enumerate(records, start=1)}
    matters = [r for r in records if r["kind"] == "matter"]
    broken_code, bad_limits, referenced = matters[0], matters[1], matters[2]
    broken_code["code"] = broken_code["code"][:-1] + "Q"  # a letter where the 基本编码's digits go
    bad_limits["legal_days"], bad_limits["promise_days"] = 5, 10  # promised beyond the law
    bundle = next(r for r in records if r["kind"] == "bundle" and r["id"] == "newborn")
    bundle["sub_matters"][0]["matter"] = "11320115TB000001XX4329999999999"  # no such matter
    records.insert(5, {"kind": "planet", "id": "mars"})
    feed = write_feed(tmp_path / "feed.jsonl", records)

    problems = check_catalog(feed)

    def at(record: dict[str, Any]) -> str:
        line = lines[record["kind"], record["id"]] + 1  # the planet line came before them
        return f"feed.jsonl:{line}: "

    assert any(p.startswith(at(broken_code) + "$.code:") and "基本编码" in p for p in problems), problems
    assert (
        at(bad_limits) + ("$.promise_days: the promised limit (10 working days) exceeds the legal one (5)")
        in problems
    )
    assert (
        at(bundle)
        + (
            "$.sub_matters[0].matter: no matter with 实施编码 '11320115TB000001XX4329999999999' in the catalog"
        )
        in problems
    )
    assert (
        "feed.jsonl:6: $.kind: expected one of catalog, department, licence, field, matter, bundle, "
        'got "planet"' in problems
    )
    assert not any(referenced["id"] in p for p in problems)  # no cascade from other records
    assert len(problems) == 4, problems


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (lambda r: r.insert(1, dict(r[0])), "feed.jsonl:2: $: a second catalog header"),
        (lambda r: r.insert(0, r.pop(3)), "feed.jsonl:2: $: the catalog header must be the first record"),
        (lambda r: r.__setitem__(0, {"kind": "catalog", "format": 1, "version": "x"}),
         "feed.jsonl:1: $.format: unsupported format 1 (this version reads 2)"),
        (lambda r: r.__setitem__(0, {"kind": "catalog", "format": 2, "version": "../up"}),
         "feed.jsonl:1: $.version: '../up' is not a safe version name"),
        (lambda r: r.append(dict(r[-1])), "already given on line"),
    ],
)  # fmt: skip
def test_feed_structure(tmp_path: Path, edit: Any, expected: str) -> None:
    records = shipped_records()
    edit(records)
    problems = check_catalog(write_feed(tmp_path / "feed.jsonl", records))
    assert any(expected in p for p in problems), problems


def test_a_line_that_is_not_json_is_one_problem_and_the_rest_is_still_checked(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    text = feed_text(shipped_records()).splitlines()
    text[7] = text[7][:-1]  # cut the closing brace
    feed.write_text("\n".join(text) + "\n", encoding="utf-8")
    problems = check_catalog(feed)
    assert problems[0].startswith("feed.jsonl:8: $: invalid JSON at column ")


def test_the_synthetic_province_is_deterministic_and_loads(tmp_path: Path) -> None:
    records = synthetic_feed(400, 40, 20, seed=3)
    assert records == synthetic_feed(400, 40, 20, seed=3)
    assert records != synthetic_feed(400, 40, 20, seed=4)
    catalog = load_catalog(write_feed(tmp_path / "synthetic.jsonl", records))
    assert (len(catalog.matters), len(catalog.departments), len(catalog.bundles)) == (400, 40, 20)
    assert all(m.code_constructed for m in catalog.matters.values())
    assert len({m.code for m in catalog.matters.values()}) == 400


def test_import_installs_a_good_feed_and_refuses_a_broken_one_keeping_the_old(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = tmp_path / "data"
    feed = tmp_path / "province.jsonl"
    code, out, _ = run(capsys, data, "catalog", "generate", "--out", str(feed), "--matters", "300",
                       "--departments", "30", "--bundles", "10")  # fmt: skip
    assert code == 0 and "300 个事项" in out
    code, out, _ = run(capsys, data, "catalog", "import", str(feed))
    assert code == 0, out
    assert "已导入目录 synthetic-1-300x30x10" in out
    assert load_current_catalog(data).version == "synthetic-1-300x30x10"

    lines = feed.read_text(encoding="utf-8").splitlines()
    header = json.loads(lines[0])
    header["version"] = "synthetic-broken"
    first_matter = next(i for i, line in enumerate(lines) if '"kind":"matter"' in line)
    matter = json.loads(lines[first_matter])
    matter["code"] = "123"
    matter["legal_days"] = -1
    lines[0], lines[first_matter] = json.dumps(header), json.dumps(matter, ensure_ascii=False)
    broken = tmp_path / "broken.jsonl"
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, _ = run(capsys, data, "catalog", "import", str(broken))
    assert code == 2
    assert "未导入，继续使用目录 synthetic-1-300x30x10" in out
    assert f"broken.jsonl:{first_matter + 1}: $.code:" in out
    assert (
        f"broken.jsonl:{first_matter + 1}: $.legal_days: expected a whole number ≥ 0 or null, got number -1"
        in out
    )
    assert load_current_catalog(data).version == "synthetic-1-300x30x10"  # the old catalog stays
    assert not (data / "catalog" / "synthetic-broken").exists()


def test_export_writes_the_current_catalog(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out_file = tmp_path / "out.jsonl"
    code, _, _ = run(capsys, tmp_path / "data", "catalog", "export", "--out", str(out_file))
    assert code == 0
    assert load_catalog(out_file).matters == load_catalog().matters


def test_import_of_a_missing_file_says_so(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, tmp_path, "catalog", "import", str(tmp_path / "nope.jsonl"))
    assert code == 2 and "nope.jsonl" in out
