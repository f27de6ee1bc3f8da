"""The ``tongban`` command line as an operator uses it: exit codes, Chinese messages, masking, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from core.assets import assets_dir
from core.catalog.codes import matter_code_problems
from core.cli.main import main
from tests.core.cli.cli_kit import example, identity

EXAMPLE = assets_dir() / "examples" / "newborn-case.json"
TONGBAN = Path(sys.executable).parent / "tongban"
BUNDLES = [
    "newborn", "newborn_insurance", "school_entry", "sscard_onecard", "retirement", "disability", "veteran", "used_home_transfer",
    "change_company_info", "open_transport_company", "open_restaurant", "bankruptcy_info_check",
    "utilities_joint_connection", "ipo_compliance_check",
    # later national batches (assets/catalog/national-batches.md)
    "childcare_subsidy", "credit_info_query", "elderly_welfare_subsidy", "enterprise_deregistration",
    "flexible_employment_insurance", "person_after_death", "sports_event", "tech_sme_support",
    "enterprise_migration", "hpf_housing_loan", "individual_to_enterprise", "veteran_services",
]  # fmt: skip


def run(capsys: pytest.CaptureFixture[str], data: Path, *argv: str) -> tuple[int, str, str]:
    if argv[:2] == ("cases", "add") and not (data / "tongban.toml").exists():
        identity(data / "tongban.toml")  # no case is numbered without a device identity
    code = main(["--data-dir", str(data), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def write_case(tmp_path: Path, data: dict[str, Any], name: str = "case.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    for f in (EXAMPLE.parent).iterdir():
        if f.suffix in (".jpg", ".png") and not (tmp_path / f.name).exists():
            (tmp_path / f.name).write_bytes(f.read_bytes())
    return path


def test_catalog_list_json_has_every_bundle(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, tmp_path, "catalog", "list", "--json")
    assert code == 0
    listed = json.loads(out)
    assert [b["id"] for b in listed["bundles"]] == BUNDLES
    # every matter with a structurally valid 实施编码, and its guide's facts
    assert len(listed["matters"]) >= 80
    assert all(not matter_code_problems(m["code"], m["basic_code"]) for m in listed["matters"])
    sourced = [m for m in listed["matters"] if m["sources"]]
    assert len(sourced) >= 80 and len({m["dept"] for m in sourced}) >= 15


def test_catalog_show_unmarried_father(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(
        capsys, tmp_path, "catalog", "show", "newborn", "--answers", "married=no", "follow=father"
    )
    assert code == 0
    assert "亲子鉴定" in out and "结婚证" not in out
    code, out, _ = run(capsys, tmp_path, "catalog", "show", "newborn", "--answers", "married=yes", "--json")
    names = [m["name"] for m in json.loads(out)["materials"]]
    assert any("结婚证" in n for n in names) and not any("亲子鉴定" in n for n in names)


def test_catalog_show_bad_answer_is_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, tmp_path, "catalog", "show", "newborn", "--answers", "married=perhaps")
    assert code == 2 and "married" in err and "Traceback" not in err
    code, _, err = run(capsys, tmp_path, "catalog", "show", "wedding")
    assert code == 2 and "没有找到" in err


def test_catalog_check_reports_problems(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, tmp_path, "catalog", "check")
    assert code == 0 and "通过" in out
    broken = tmp_path / "catalog"
    (broken / "bundles").mkdir(parents=True)
    source = assets_dir() / "catalog"
    (broken / "catalog.json").write_text(
        (source / "catalog.json").read_text(encoding="utf-8"), encoding="utf-8"
    )
    bundle = json.loads((source / "bundles" / "newborn.json").read_text(encoding="utf-8"))
    bundle["colour"] = "blue"
    (broken / "bundles" / "newborn.json").write_text(json.dumps(bundle, ensure_ascii=False), encoding="utf-8")
    code, out, _ = run(capsys, tmp_path, "catalog", "check", str(broken))
    assert code == 2 and "newborn.json" in out and "colour" in out


def test_add_show_list_and_masking(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = tmp_path / "data"
    code, out, err = run(capsys, data, "cases", "add", "--json", str(EXAMPLE))
    assert code == 0, err
    number = out.splitlines()[0]
    applicant = example()["applicant"]
    code, out, _ = run(capsys, data, "cases", "list", "--json")
    (row,) = json.loads(out)["cases"]
    assert row["display_number"] == number and applicant["id_number"] not in out
    code, out, _ = run(capsys, data, "cases", "show", number)
    assert code == 0 and applicant["id_number"] not in out and applicant["id_number"][-4:] in out
    code, out, _ = run(capsys, data, "cases", "show", number, "--reveal", "--json")
    assert json.loads(out)["applicant"]["id_number"] == applicant["id_number"]
    code, out, _ = run(capsys, data, "audit", "verify", "--json")
    assert code == 0 and json.loads(out) == {"ok": True, "entries": 2, "first_bad": None, "reason": ""}
    code, out, _ = run(capsys, data, "cases", "show", number, "--receipt", "receipt")
    assert code == 0 and "受理回执" in out and number in out


def test_wrong_check_digit_exits_2_and_adds_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = tmp_path / "data"
    bad = example()
    digits = bad["applicant"]["id_number"]
    bad["applicant"]["id_number"] = digits[:-1] + ("0" if digits[-1] != "0" else "1")
    code, _, err = run(capsys, data, "cases", "add", "--json", str(write_case(tmp_path, bad)))
    assert code == 2
    assert "applicant.id_number" in err and "校验" in err and "Traceback" not in err
    code, out, _ = run(capsys, data, "cases", "list", "--json")
    assert code == 0 and json.loads(out) == {"cases": [], "damaged": []}


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        (lambda d: d.update(bundle="wedding"), "没有找到"),
        (lambda d: d.update(colour="blue"), "colour"),
        (lambda d: d["applicant"].update(phone="12345"), "applicant.phone"),
        (lambda d: d["answers"].update(married="perhaps"), "answers.married"),
        (lambda d: d.pop("applicant"), "applicant"),
    ],
)
def test_bad_intake_documents_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, change: Any, complaint: str
) -> None:
    doc = example()
    change(doc)
    code, _, err = run(capsys, tmp_path / "data", "cases", "add", "--json", str(write_case(tmp_path, doc)))
    assert code == 2 and complaint in err and "Traceback" not in err


def test_unreadable_intake_file_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    code, _, err = run(capsys, tmp_path / "data", "cases", "add", "--json", str(tmp_path / "broken.json"))
    assert code == 2 and "不是有效的 JSON" in err
    code, _, err = run(capsys, tmp_path / "data", "cases", "add", "--json", str(tmp_path / "missing.json"))
    assert code == 2 and "读不到" in err


def test_supplement_and_evaluate(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = tmp_path / "data"
    _, out, _ = run(capsys, data, "cases", "add", "--json", str(EXAMPLE))
    number = out.splitlines()[0]
    _, out, _ = run(capsys, data, "cases", "show", number, "--json")
    deficient = [i["material_id"] for i in json.loads(out)["items"] if i["state"] == "deficient"]
    assert deficient, "the example shows a 容缺 material"
    code, out, err = run(
        capsys, data, "cases", "supplement", number, *[a for m in deficient for a in ("--material", m)]
    )
    assert code == 0, err
    code, _, err = run(capsys, data, "cases", "evaluate", number, "--level", "2")
    assert code == 2 and "差评请说明原因" in err
    code, out, _ = run(capsys, data, "cases", "evaluate", number, "--level", "2", "--reason", "等候太久")
    assert code == 0 and "回访" in out
    code, out, _ = run(capsys, data, "cases", "show", number, "--json")
    shown = json.loads(out)
    assert shown["status"] == "accepted" and shown["evaluation"]["level"] == 2
    assert [e["kind"] for e in shown["events"]] == ["accepted", "supplemented", "evaluated"]


def test_no_plaintext_personal_data_on_disk(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = tmp_path / "data"
    code, _, err = run(capsys, data, "cases", "add", "--json", str(EXAMPLE))
    assert code == 0, err
    doc = example()
    secrets = [doc["applicant"]["name"], doc["applicant"]["id_number"]]
    secrets += [v for k, v in doc["form"].items() if k.endswith(("name", "id_number")) and isinstance(v, str)]
    needles = [s.encode(enc) for s in secrets for enc in ("utf-8", "utf-16-le", "utf-16-be")]
    files = [p for p in data.rglob("*") if p.is_file()]
    assert files
    for path in files:
        blob = path.read_bytes()
        assert not any(n in blob for n in needles), f"plaintext personal data in {path}"


def test_every_subcommand_answers_help() -> None:
    for argv in (
        [], ["catalog"], ["catalog", "list"], ["catalog", "show"], ["catalog", "check"], ["cases"], ["cases", "add"],
        ["cases", "list"], ["cases", "show"], ["cases", "supplement"], ["cases", "evaluate"], ["cases", "withdraw"],
        ["cases", "terminate-overdue"], ["audit"], ["audit", "verify"], ["demo"],
    ):  # fmt: skip
        with pytest.raises(SystemExit) as info:
            main([*argv, "--help"])
        assert info.value.code == 0, argv


def test_the_installed_entry_point(tmp_path: Path) -> None:
    done = subprocess.run(
        [str(TONGBAN), "--data-dir", str(tmp_path), "cases", "show", "not-a-number"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr and "错误" in done.stderr


def test_rules_come_before_missing_scan_files(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # A copy of the example without its scan beside it: the wrong ID number is still what staff hear first.
    doc = example()
    doc["applicant"]["id_number"] = doc["applicant"]["id_number"][:-1] + "4"
    lone = tmp_path / "lone"
    lone.mkdir()
    (lone / "case.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    code, _, err = run(capsys, tmp_path / "data", "cases", "add", "--json", str(lone / "case.json"))
    assert code == 2 and "applicant.id_number" in err
    doc = example()
    (lone / "case.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    code, _, err = run(capsys, tmp_path / "data", "cases", "add", "--json", str(lone / "case.json"))
    assert code == 2 and "materials.host_hukou.files" in err and "hukou-page.jpg" in err
    code, out, _ = run(capsys, tmp_path / "data", "cases", "list", "--json")
    assert json.loads(out) == {"cases": [], "damaged": []}
