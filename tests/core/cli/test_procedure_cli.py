"""``tongban cases pause`` / ``resume``: a 特别程序 stops a case's clock (行政许可法 §45) and ``cases show`` says so."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.core.cli.cli_kit import add_case, identity, run


def test_pause_and_resume_a_case(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = tmp_path / "data"
    identity(data / "tongban.toml")
    number = add_case(capsys, data)
    code, _, err = run(capsys, data, "cases", "show", number, "--receipt", "procedure")
    assert code == 2 and "没有特别程序" in err
    code, out, err = run(
        capsys, data, "cases", "pause", number, "--kind", "publicity", "--reason", "户口登记信息公示", "--days", "5",
        "--matter", "hukou_birth",
    )  # fmt: skip
    assert code == 0, err
    assert "事项“出生登记（户口登记）”启动特别程序（公示），暂停计时" in out and "办结期限" in out
    code, out, err = run(capsys, data, "cases", "pause", number, "--kind", "hearing", "--reason", "听证")
    assert code == 2 and "进行中" in err and "Traceback" not in err
    code, out, _ = run(capsys, data, "cases", "list", "--json")
    (row,) = json.loads(out)["cases"]
    assert row["paused"] is True and row["due_date"] >= row["promised_date"]
    code, out, _ = run(capsys, data, "cases", "list")
    assert "容缺受理·特别程序中" in out
    code, out, _ = run(capsys, data, "cases", "show", number)
    assert "特别程序：" in out and "公示（事项“出生登记（户口登记）”" in out and "进行中" in out
    assert "户口登记信息公示" in out
    # 行政许可法 §45: the time needed is told to the applicant in writing (特别程序告知书).
    code, out, err = run(capsys, data, "cases", "show", number, "--receipt", "procedure")
    assert code == 0, err
    for words in (
        "特别程序告知书",
        "公示",
        "第四十五条",
        "户口登记信息公示",
        "预计所需时间：5 个工作日",
        "预计顺延至",
    ):
        assert words in out, words
    code, out, err = run(capsys, data, "cases", "resume", number, "--note", "公示无异议")
    assert code == 0, err
    # Ended the day it started: nothing is left out, and the due date is the promised one again.
    assert "特别程序（公示）结束，恢复计时；不计时 0 个工作日" in out and "未顺延" in out
    code, out, _ = run(capsys, data, "cases", "show", number, "--json")
    doc = json.loads(out)
    (p,) = doc["special_procedures"]
    assert (p["kind"], p["matter_id"], p["paused_days"], p["note"]) == (
        "publicity",
        "hukou_birth",
        0,
        "公示无异议",
    )
    assert [e["kind"] for e in doc["events"]][-2:] == ["procedure_started", "procedure_ended"]
    code, _, err = run(capsys, data, "cases", "resume", number)
    assert code != 0 and "没有进行中的特别程序" in err
    with pytest.raises(SystemExit) as exit_:
        run(capsys, data, "cases", "pause", number, "--kind", "nonsense", "--reason", "x")
    assert exit_.value.code == 2 and "invalid choice" in capsys.readouterr().err


def test_a_supplement_says_the_clock_was_not_restarted(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = tmp_path / "data"
    number = add_case(capsys, data)
    _, out, _ = run(capsys, data, "cases", "show", number, "--json")
    items = json.loads(out)["items"]
    (deficient,) = [i for i in items if i["state"] == "deficient"]
    code, out, err = run(capsys, data, "cases", "supplement", number, "--material", deficient["material_id"])
    assert code == 0, err
    assert "自受理起计时，补齐材料不重新计时" in out and "部门尚余" in out
