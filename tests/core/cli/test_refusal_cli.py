"""``tongban cases refuse`` (行政许可法 §32: 补正告知, 不予受理) and ``tongban cases verify`` (告知承诺的核查)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.core.cli.cli_kit import EXAMPLE, example, identity, run


def _write(tmp_path: Path, doc: dict[str, Any], name: str = "intake.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "hukou-page.jpg").write_bytes((EXAMPLE.parent / "hukou-page.jpg").read_bytes())
    return path


def _incomplete(tmp_path: Path) -> Path:
    """The shipped example without the marriage certificate and the other parent's 户口簿."""
    doc = example()
    for material in ("marriage_cert", "other_hukou"):
        doc["materials"].pop(material)
    return _write(tmp_path, doc)


def test_a_supplement_is_recorded_and_its_notice_shown(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = tmp_path / "data"
    identity(data / "tongban.toml")
    intake = _incomplete(tmp_path)
    code, out, err = run(
        capsys, data, "cases", "refuse", "--json", str(intake), "--kind", "supplement",
        "--defect", "maternity_bills=发票缺少医院印章",
    )  # fmt: skip
    assert code == 0, err
    number = out.splitlines()[0]
    assert "已告知补正" in out and "一次性补正告知书" in out and "发票缺少医院印章" in out
    code, out, _ = run(capsys, data, "cases", "show", number)
    assert code == 0 and "补正告知" in out and "待收取" in out and "发票缺少医院印章" in out
    code, out, err = run(capsys, data, "cases", "show", number, "--receipt", "receipt")
    assert code == 2 and "没有受理回执" in err and "Traceback" not in err
    code, out, _ = run(capsys, data, "cases", "show", number, "--receipt", "supplement")
    assert code == 0 and "一次性补正告知书" in out
    code, out, _ = run(capsys, data, "cases", "list", "--status", "supplement_notified", "--json")
    assert [c["number"] for c in json.loads(out)["cases"]] == [number.replace("-", "")]


def test_a_rejection_needs_its_reason(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = tmp_path / "data"
    identity(data / "tongban.toml")
    intake = _write(tmp_path, example())
    code, out, err = run(capsys, data, "cases", "refuse", "--json", str(intake), "--kind", "reject")
    assert code == 2 and "请写明不予受理的理由" in err and out == ""
    reason = "申请事项依法不属于本机关职权范围"
    code, out, err = run(
        capsys,
        data,
        "cases",
        "refuse",
        "--json",
        str(intake),
        "--kind",
        "reject",
        "--reason",
        reason,
        "--as-json",
    )
    assert code == 0, err
    summary = json.loads(out)
    assert summary["status"] == "not_accepted" and summary["reason"] == reason and summary["missing"] == []


def test_bad_refusal_input_is_told_in_chinese(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = tmp_path / "data"
    identity(data / "tongban.toml")
    intake = _incomplete(tmp_path)
    for extra, words in (
        (["--defect", "oops"], "材料编号=需补正的问题"),
        (["--received", "2026-13-01"], "YYYY-MM-DD"),
        (["--received", "2000-01-03"], "即为受理"),
        (["--defect", "no_such=x"], "no_such"),
    ):
        code, _, err = run(
            capsys, data, "cases", "refuse", "--json", str(intake), "--kind", "supplement", *extra
        )
        assert code == 2 and words in err and "Traceback" not in err, (extra, err)
    whole = example()
    whole["materials"]["bank_card"] = "paper"  # the example defers it (容缺): here it is brought
    complete = _write(tmp_path, whole, "complete.json")
    code, _, err = run(capsys, data, "cases", "refuse", "--json", str(complete), "--kind", "supplement")
    assert code == 2 and "无需补正" in err


def test_the_check_of_a_commitment_is_recorded(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = tmp_path / "data"
    identity(data / "tongban.toml")
    doc = example()
    doc["materials"]["not_registered"] = "commitment"
    code, out, err = run(capsys, data, "cases", "add", "--json", str(_write(tmp_path, doc)))
    assert code == 0, err
    number = out.splitlines()[0]
    code, out, _ = run(capsys, data, "cases", "show", number, "--receipt", "receipt")
    assert "告知承诺事项" in out and "核查期限" in out and "不实承诺" in out
    code, out, _ = run(capsys, data, "cases", "list", "--json")
    (row,) = json.loads(out)["cases"]
    assert row["check_deadline"]
    code, _, err = run(
        capsys, data, "cases", "verify", number, "--material", "not_registered", "--outcome", "false"
    )
    assert code == 2 and "写明核查发现的情况" in err
    code, out, err = run(
        capsys, data, "cases", "verify", number, "--material", "not_registered", "--outcome", "true",
        "--note", "人口信息系统无登记记录",
    )  # fmt: skip
    assert code == 0 and "属实" in out and "全部核查" in out, err
    code, out, _ = run(capsys, data, "cases", "show", number)
    assert "核查属实" in out
