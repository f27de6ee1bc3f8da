"""A mistyped path is told, not silently replaced by a new empty one: ``--config``, ``--data-dir``, ``platform --db``."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.cli.main import main
from tests.core.cli.cli_kit import EXAMPLE, add_case, identity, run


def test_a_config_file_that_does_not_exist_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = tmp_path / "data"
    add_case(capsys, data)
    typo = tmp_path / "tongbna.toml"
    code, out, err = run(capsys, data, "--config", str(typo), "cases", "list")
    assert code == 2 and out == ""
    assert "配置文件" in err and "does not exist" in err and str(typo) in err and "Traceback" not in err
    assert not typo.exists()
    # the default DATA_DIR/tongban.toml may be absent: then the defaults apply, as before
    code, _, err = run(capsys, data, "cases", "list")
    assert code == 0, err


@pytest.mark.parametrize(
    "argv",
    [
        ["cases", "list"],
        ["cases", "show", "320115-261123-001-0001-0"],
        ["audit", "verify"],
        ["cases", "withdraw", "320115-261123-001-0001-0", "--reason", "x"],
    ],
    ids=["list", "show", "audit", "withdraw"],
)
def test_reading_a_data_dir_that_does_not_exist_is_refused_and_creates_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: list[str]
) -> None:
    typo = tmp_path / "tongbna"
    code, out, err = run(capsys, typo, *argv)
    assert code == 2 and out == ""
    assert "数据目录" in err and "does not exist" in err and str(typo) in err and "Traceback" not in err
    assert not typo.exists()


def test_taking_in_a_case_says_where_a_new_data_dir_is_made(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    fresh = tmp_path / "new" / "data"
    config = identity(tmp_path / "hall.toml")
    code, _, err = run(capsys, fresh, "--config", str(config), "cases", "add", "--json", str(EXAMPLE))
    assert code == 0 and fresh.is_dir()
    assert str(fresh) in err and "新建" in err and "creat" in err
    code, _, err = run(capsys, fresh, "cases", "list")  # once it exists, nothing more is said
    assert code == 0 and err == ""


def test_a_new_store_in_an_existing_folder_is_announced(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    config = identity(tmp_path / "tongban.toml")
    code, _, err = run(capsys, tmp_path, "--config", str(config), "cases", "add", "--json", str(EXAMPLE))
    assert code == 0 and str(tmp_path) in err and "新建" in err
    code, _, err = run(capsys, tmp_path, "--config", str(config), "cases", "add", "--json", str(EXAMPLE))
    assert code == 0 and err == ""


def platform(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["platform", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_platform_db_in_a_folder_that_does_not_exist_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "plaform" / "platform.db"
    for argv in (["issue-code", "--db", str(db)], ["serve", "--db", str(db), "--port", "0"]):
        code, out, err = platform(capsys, *argv)
        assert code == 2 and out == "", argv
        assert str(db.parent) in err and "does not exist" in err and "Traceback" not in err
    assert not db.parent.exists()


def test_a_new_platform_db_is_announced(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = tmp_path / "platform.db"
    code, out, err = platform(capsys, "issue-code", "--db", str(db))
    assert code == 0 and out.strip()
    assert str(db) in err and "新建" in err and "new" in err
    code, out, err = platform(capsys, "issue-code", "--db", str(db))
    assert code == 0 and err == ""
