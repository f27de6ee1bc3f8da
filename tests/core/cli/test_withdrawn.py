"""A withdrawn case owes no 容缺受理通知书: the CLI neither shows nor prints one, and the receipt does not point to it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.cli.cli_kit import add_case, run


def test_no_notice_for_a_withdrawn_case(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = tmp_path / "data"
    number = add_case(capsys, data)  # the example leaves the bank card to be supplied (容缺)
    code, out, _ = run(capsys, data, "cases", "show", number, "--receipt", "notice")
    assert code == 0 and "容缺受理通知书" in out, "owed while the case is open"
    code, out, _ = run(capsys, data, "cases", "show", number, "--receipt", "receipt")
    assert "详见《容缺受理通知书》" in out

    code, _, err = run(capsys, data, "cases", "withdraw", number, "--reason", "申请人撤回")
    assert code == 0, err
    code, out, err = run(capsys, data, "cases", "show", number, "--receipt", "notice")
    assert code == 2 and out == "" and "已撤回" in err and "Traceback" not in err
    code, out, _ = run(capsys, data, "cases", "show", number, "--receipt", "receipt")
    assert code == 0 and "受理回执" in out and "容缺受理通知书" not in out

    printed = tmp_path / "notice.bin"
    code, out, err = run(
        capsys, data, "cases", "print", number, "--kind", "notice", "--printer", f"file:{printed}"
    )
    assert code == 2 and "已撤回" in err
    assert not printed.exists() or "容缺受理通知书".encode("gb18030") not in printed.read_bytes()


def test_a_withdrawn_case_cannot_be_supplemented_and_says_so_once(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = tmp_path / "data"
    number = add_case(capsys, data)
    run(capsys, data, "cases", "withdraw", number, "--reason", "申请人撤回")
    code, _, err = run(capsys, data, "cases", "supplement", number, "--material", "bank_card")
    assert code == 2 and "已撤回" in err and "已已" not in err
