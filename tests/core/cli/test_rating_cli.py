"""``tongban cases evaluate`` and ``tongban cases follow-up``: a 差评's 整改 deadline, 回访, 整改结果 and
申诉复核 from the command line (GB/T 39734-2020 §9.3; domain review §5 E1)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.core.cli.cli_kit import add_case, run


def test_a_bad_rating_is_followed_up_from_the_command_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = tmp_path / "data"
    number = add_case(capsys, data)
    code, _, err = run(capsys, data, "cases", "follow-up", number, "--action", "rectify", "--text", "x")
    assert code == 2 and "没有需要整改的差评" in err
    code, out, err = run(
        capsys, data, "cases", "evaluate", number, "--level", "1", "--reason", "等候太久", "--channel", "qr"
    )
    assert code == 0, err
    _, shown, _ = run(capsys, data, "cases", "show", number, "--json")
    rating = json.loads(shown)["evaluation"]
    due = rating["rectification"]["deadline"]
    assert f"须在 {due} 前整改" in out and rating["channel"] == "qr" and rating["stage"] == "intake"
    _, listed, _ = run(capsys, data, "cases", "list")
    assert f"整改 {due}" in listed or due in listed
    code, _, err = run(capsys, data, "cases", "follow-up", number, "--action", "visit", "--text", "已解释")
    assert code == 2 and "回访日期" in err
    code, _, err = run(
        capsys,
        data,
        "cases",
        "follow-up",
        number,
        "--action",
        "visit",
        "--text",
        "已解释",
        "--on",
        "2026-13-01",
    )
    assert code == 2 and "YYYY-MM-DD" in err
    code, out, err = run(
        capsys, data, "cases", "follow-up", number, "--action", "visit", "--text", "申请人表示理解",
        "--on", "2026-12-08", "--staff", "王科长", "--operator", "window02",
    )  # fmt: skip
    assert code == 0 and "已记录回访" in out and f"最早期限：{due}" in out, err
    code, out, err = run(
        capsys, data, "cases", "follow-up", number, "--action", "rectify", "--text", "增开窗口",
        "--operator", "window02",
    )  # fmt: skip
    assert code == 0 and "均已整改或复核" in out, err
    code, out, _ = run(capsys, data, "cases", "show", number)
    assert "整改：" in out and "已整改（window02" in out and "回访：2026-12-08 王科长：申请人表示理解" in out
    assert "二维码" in out
    _, shown, _ = run(capsys, data, "cases", "show", number, "--json")
    assert [e["kind"] for e in json.loads(shown)["events"]][-2:] == ["rating_followed_up"] * 2
