"""Every case change on the command line names who made it (经办人): --operator, the intake file's
operator, or the configuration's; with none of them the command refuses instead of recording nobody."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from core.cases.model import CaseStatus
from core.config import write_config
from tests.core.cli.cli_kit import EXAMPLE, HALL, example, run

NO_OPERATOR = replace(HALL, operator="")


def _anonymous_case(tmp_path: Path) -> Path:
    """The shipped example without its operator, next to its scans."""
    data = example()
    del data["operator"]
    path = tmp_path / "anonymous.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    for scan in EXAMPLE.parent.iterdir():
        if scan.suffix in (".jpg", ".png"):
            (tmp_path / scan.name).write_bytes(scan.read_bytes())
    return path


def test_cases_add_without_any_operator_is_refused_and_numbers_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = tmp_path / "data"
    write_config(data / "tongban.toml", NO_OPERATOR)
    case = _anonymous_case(tmp_path)
    code, out, err = run(capsys, data, "cases", "add", "--json", str(case))
    assert code == 2, err
    assert "经办人" in err and "--operator" in err and "error: no operator" in err
    assert out == "" and "Traceback" not in err
    assert not (data / "tongban.db").exists(), "nothing was taken in, so no store was started"

    code, out, err = run(capsys, data, "cases", "add", "--json", str(case), "--operator", "window07")
    assert code == 0, err
    number = out.splitlines()[0]
    code, out, _ = run(capsys, data, "cases", "show", number, "--json")
    assert code == 0 and json.loads(out)["operator"] == "window07"


@pytest.mark.parametrize(
    "argv",
    [
        ("supplement", "--material", "bank_card"),
        ("withdraw", "--reason", "申请人不办了"),
    ],
)
def test_a_change_without_any_operator_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: tuple[str, ...]
) -> None:
    data = tmp_path / "data"
    write_config(data / "tongban.toml", HALL)
    code, out, err = run(capsys, data, "cases", "add", "--json", str(EXAMPLE))
    assert code == 0, err
    number = out.splitlines()[0]
    write_config(data / "tongban.toml", NO_OPERATOR)
    action, *rest = argv
    code, _, err = run(capsys, data, "cases", action, number, *rest)
    assert code == 2 and "经办人" in err and "error: no operator" in err
    code, out, _ = run(capsys, data, "cases", "show", number, "--json")
    assert json.loads(out)["status"] == CaseStatus.ACCEPTED_DEFICIENT.value, "the case did not change"
    code, _, err = run(capsys, data, "cases", action, number, *rest, "--operator", "zb01")
    assert code == 0, err
