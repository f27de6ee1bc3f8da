"""``tongban cases banjian``: a case as the national 办件 records, masked unless revealed (docs/banjian.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.catalog import load_catalog
from tests.core.cli.cli_kit import EXAMPLE, example, identity, run


def test_a_case_is_shown_as_its_banjian_records(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = tmp_path / "data"
    identity(data / "tongban.toml")
    given = example()
    given["materials"]["birth_cert_e"] = {"state": "e_licence", "licence_number": "Q320123456"}
    (tmp_path / "hukou-page.jpg").write_bytes((EXAMPLE.parent / "hukou-page.jpg").read_bytes())
    intake = tmp_path / "case.json"
    intake.write_text(json.dumps(given, ensure_ascii=False), encoding="utf-8")
    code, out, err = run(capsys, data, "cases", "add", "--json", str(intake))
    assert code == 0, err
    number = out.splitlines()[0]

    code, out, err = run(capsys, data, "cases", "banjian", number)
    assert code == 0, err
    records = json.loads(out)
    catalog = load_catalog()
    assert len(records) >= 3
    for record in records:
        matter = catalog.matter_by_code(record["taskCode"])
        assert matter is not None and record["catalogCode"] == matter.basic_code
        assert record["proStatus"] == "3" and record["projectNo"] is None
        assert [p["eventName"] for p in record["processes"]] == ["1", "3"]
        assert record["applyerName"] != given["applicant"]["name"] and "*" in record["applyerPageCode"]
        assert given["applicant"]["id_number"] not in out and given["applicant"]["phone"] not in out
    certified = [m for r in records for m in r["materials"] if m["materialId"] == "birth_cert_e"]
    assert certified and {m["certificateNumber"] for m in certified} == {"Q320123456"}

    code, out, err = run(capsys, data, "cases", "banjian", number, "--reveal")
    assert code == 0, err
    assert {r["applyerPageCode"] for r in json.loads(out)} == {given["applicant"]["id_number"]}


def test_an_unknown_case_is_a_clear_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = tmp_path / "data"
    identity(data / "tongban.toml")
    run(capsys, data, "catalog", "list")  # the data directory exists
    code, out, err = run(capsys, data, "cases", "banjian", "32011526112300100014")
    assert code != 0 and not out and err.strip()
