"""``tongban cases add`` with a typed document: the shipped passport example is accepted, found by
its number, shown and printed masked with the document named; a 居民身份证-only matter refuses it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from core.assets import assets_dir
from tests.core.cli.cli_kit import identity, run

PASSPORT_EXAMPLE = assets_dir() / "examples" / "passport-case.json"
SINGLE_MATTER = assets_dir() / "examples" / "single-matter-case.json"


def passport_example() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(PASSPORT_EXAMPLE.read_text(encoding="utf-8"))
    return data


def test_the_passport_example_goes_through(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = tmp_path / "data"
    identity(data / "tongban.toml")
    code, out, err = run(capsys, data, "cases", "add", "--json", str(PASSPORT_EXAMPLE))
    assert code == 0, err
    number = out.splitlines()[0]
    code, out, _ = run(capsys, data, "cases", "list", "--id-number", "e1234567a", "--json")
    assert [row["display_number"] for row in json.loads(out)["cases"]] == [number]
    code, out, _ = run(capsys, data, "cases", "show", number)
    assert code == 0
    assert "证件：外国护照 E******7A" in out and "E1234567A" not in out
    assert "国籍：DEU  居留许可：Y******78" in out
    code, out, _ = run(capsys, data, "cases", "show", number, "--json")
    applicant = json.loads(out)["applicant"]
    assert (applicant["id_kind"], applicant["id_number"], applicant["latin_name"]) == (
        "foreign_passport",
        "E******7A",
        "A*** ******T",
    )
    code, out, _ = run(capsys, data, "cases", "show", number, "--reveal", "--json")
    applicant = json.loads(out)["applicant"]
    assert (applicant["id_number"], applicant["latin_name"], applicant["residence_permit"]) == (
        "E1234567A",
        "ANNA SCHMIDT",
        "Y12345678",
    )
    code, out, _ = run(capsys, data, "cases", "show", number, "--receipt", "receipt")
    assert "证件号码（外国护照 DEU）：E******7A" in out


def test_a_resident_id_only_matter_refuses_a_passport(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    doc: dict[str, Any] = json.loads(SINGLE_MATTER.read_text(encoding="utf-8"))  # 临时居民身份证
    doc["applicant"] = passport_example()["applicant"]
    doc["form"] = {}
    path = tmp_path / "case.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    data = tmp_path / "data"
    identity(data / "tongban.toml")
    code, _, err = run(capsys, data, "cases", "add", "--json", str(path))
    assert code == 2 and "Traceback" not in err
    assert "applicant.id_kind" in err and "须持居民身份证办理，不能使用外国护照" in err
    code, out, _ = run(capsys, data, "cases", "list", "--json")
    assert json.loads(out)["cases"] == []


def test_a_typed_document_without_its_birth_date_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    doc = passport_example()
    del doc["applicant"]["birth_date"]
    path = tmp_path / "case.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    data = tmp_path / "data"
    identity(data / "tongban.toml")
    code, _, err = run(capsys, data, "cases", "add", "--json", str(path))
    assert code == 2 and "applicant.birth_date" in err and "请填写出生日期" in err


def test_catalog_show_says_which_documents_a_matter_takes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, tmp_path / "data", "catalog", "show", "police_hukou_move_in")
    assert code == 0 and "    受理证件：居民身份证" in out
    code, out, _ = run(capsys, tmp_path / "data", "catalog", "show", "police_hukou_move_in", "--json")
    assert [m["accepted_documents"] for m in json.loads(out)["matters"]] == [["resident"]]
    code, out, _ = run(capsys, tmp_path / "data", "catalog", "show", "pbc_personal_credit_report")
    assert code == 0 and "受理证件" not in out  # every document
