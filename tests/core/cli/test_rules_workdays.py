"""``tongban rules workdays DATE N``: the date N working days on, under the official calendar.

Vectors: ../shared/research/domain-review.md §4 R1, from 国务院办公厅关于2026年部分节假日安排的通知
(2025-11-04, https://politics.gmw.cn/2025-11/04/content_38391083.htm).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.calendar import shipped_calendar
from core.config import DeviceConfig, write_config
from tests.core.cli.cli_kit import run


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        ("2026-09-30", "5", "2026-10-13"),
        ("2026-09-30", "15", "2026-10-27"),
        ("2026-02-13", "5", "2026-02-27"),
    ],
)
def test_review_vectors(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, start: str, days: str, expected: str
) -> None:
    code, out, err = run(capsys, tmp_path / "data", "rules", "workdays", start, days, "--json")
    assert (code, err) == (0, "")
    assert json.loads(out) == {
        "date": expected,
        "calendar_version": shipped_calendar().version,
        "provisional": False,
    }
    assert not (tmp_path / "data").exists()  # a calculation makes no data directory


def test_text_answer_and_provisional_past_the_last_year(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, tmp_path, "rules", "workdays", "2026-09-30", "5")
    assert code == 0
    assert "2026-09-30 之后第 5 个工作日：2026-10-13" in out and "2025–2026" in out
    assert "暂定" not in out
    code, out, _ = run(capsys, tmp_path, "rules", "workdays", "2026-12-07", "20")
    assert code == 0
    assert "2027-01-05" in out and "暂定" in out and "provisional" in out
    code, out, _ = run(capsys, tmp_path, "rules", "workdays", "2026-12-07", "20", "--json")
    assert json.loads(out)["provisional"] is True


def test_the_halls_local_days_count_too(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from datetime import date

    write_config(tmp_path / "tongban.toml", DeviceConfig(holidays=frozenset({date(2026, 10, 13)})))
    _, out, _ = run(capsys, tmp_path, "rules", "workdays", "2026-09-30", "5", "--json")
    assert json.loads(out)["date"] == "2026-10-14"


@pytest.mark.parametrize(
    ("argv", "chinese", "english"),
    [
        (("2026-02-30", "5"), "不是有效的 YYYY-MM-DD 日期", "is not a valid YYYY-MM-DD date"),
        (("30/09/2026", "5"), "不是有效的 YYYY-MM-DD 日期", "is not a valid YYYY-MM-DD date"),
        (("2026-09-30", "-5"), "应为 0 到 3650 之间的整数", "should be a whole number"),
        (("2026-09-30", "五"), "应为 0 到 3650 之间的整数", "should be a whole number"),
        (("2026-09-30", "99999"), "应为 0 到 3650 之间的整数", "should be a whole number"),
        (("2026-09-30",), "参数有误", "bad arguments"),
    ],
)
def test_bad_input_is_told_in_chinese_and_english(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: tuple[str, ...], chinese: str, english: str
) -> None:
    try:
        code, out, err = run(capsys, tmp_path, "rules", "workdays", *argv)
    except SystemExit as exc:  # argparse's own usage errors
        code, (out, err) = int(str(exc.code)), capsys.readouterr()
    assert code == 2 and out == ""
    assert chinese in err and english in err
    assert "Traceback" not in err
