"""``tongban rules retirement --birth YYYY-MM --category male|female50|female55 [--json]``.

Vectors: ../shared/research/domain-review.md §2.2, from 《国务院关于渐进式延迟法定退休年龄的办法》第一条、
第二条 (text: http://www.gzjdyjgxx.com/hy_news/2erql/js/neilianwfdup.html; minimum contribution:
https://jsychrss.yancheng.gov.cn/art/2024/9/24/art_45150_4238273.html).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.core.cli.cli_kit import run
from tests.core.rules.test_retirement import REVIEW_VECTORS


@pytest.mark.parametrize(("category", "born", "age", "retires", "minimum"), REVIEW_VECTORS)
def test_review_vectors_as_json(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    category: str,
    born: str,
    age: tuple[int, int],
    retires: str,
    minimum: float,
) -> None:
    code, out, err = run(
        capsys, tmp_path / "data", "rules", "retirement", "--birth", born, "--category", category, "--json"
    )
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert (data["age_years"], data["age_months"]) == age
    assert data["retire_month"] == retires and data["min_contribution_years"] == minimum
    assert not (tmp_path / "data").exists()  # a calculation makes no data directory


def test_the_text_answer_in_chinese_and_english(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(
        capsys, tmp_path, "rules", "retirement", "--birth", "1980-01", "--category", "female50"
    )
    assert code == 0
    assert "法定退休年龄 52岁7个月，2032-08 退休" in out
    assert "最低缴费年限（2032年）：16年6个月" in out
    assert "弹性提前退休：最早 2030-01" in out and "最迟 2035-08" in out
    assert "statutory retirement age 52y7m, retires 2032-08; minimum contribution 16.5 years" in out
    assert "2024年9月13日" in out  # the basis is named
    _, out, _ = run(capsys, tmp_path, "rules", "retirement", "--birth", "1960-05", "--category", "male")
    assert "弹性提前退休：不适用" in out  # born before the reform: nothing to bring forward


@pytest.mark.parametrize(
    ("birth", "complaint"), [("1966-13", "不是有效的年月"), ("1966", "YYYY-MM"), ("", "YYYY-MM")]
)
def test_a_bad_birth_month_exits_2_in_chinese(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, birth: str, complaint: str
) -> None:
    code, _, err = run(capsys, tmp_path, "rules", "retirement", "--birth", birth, "--category", "male")
    assert code == 2 and complaint in err and "--birth" in err and "Traceback" not in err


@pytest.mark.parametrize("argv", [["--birth", "1966-06", "--category", "woman"], ["--category", "male"]])
def test_bad_arguments_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: list[str]) -> None:
    with pytest.raises(SystemExit) as info:
        run(capsys, tmp_path, "rules", "retirement", *argv)
    assert info.value.code == 2 and "参数有误" in capsys.readouterr().err
