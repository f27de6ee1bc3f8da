"""Every failure of ``tongban devices …`` says what went wrong in Chinese, then in English (``error: …``)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from core.cli.main import main

_CJK = re.compile(r"[\u4e00-\u9fff]")


def failing_commands(tmp: Path) -> list[tuple[list[str], int]]:
    bad_cards = tmp / "cards.json"
    bad_cards.write_text('{"cards": []}', encoding="utf-8")
    bad_config = tmp / "bad.toml"
    bad_config.write_text("[devices\n", encoding="utf-8")
    return [
        (["devices", "read-id", "--device", "serial:/nonexistent/ttyX", "--timeout", "1"], 1),
        (["devices", "read-id", "--device", "bogus:1"], 2),
        (["devices", "read-id", "--device", "sim:/nonexistent/cards.json"], 2),
        (["devices", "simulate", "id-reader", "--cards", str(bad_cards)], 2),
        (["devices", "capture", "--camera", "sim", "--out", str(tmp / "x.png")], 2),
        (["devices", "capture", "--camera", "sim", "--out", str(tmp / "x.jpg"), "--max-kb", "10"], 2),
        (["devices", "capture", "--camera", f"images:{tmp / 'none'}", "--out", str(tmp / "x.jpg")], 1),
        (["devices", "capture", "--camera", "sim", "--out", str(tmp / "no" / "x.jpg"), "--timeout", "20"], 1),
        (["devices", "scan", "--image", str(tmp / "none.png")], 1),
        (["devices", "scan", "--device", "tcp:127.0.0.1:9"], 2),
        (["devices", "scan", "--camera", "front"], 2),
        (["devices", "scan", "--image", str(tmp / "none.png"), "--timeout", "0"], 2),
        (["devices", "print-test", "--printer", "bogus:1"], 2),
        (["devices", "print-test", "--printer", "file:/nonexistent/lp0"], 1),
        (["devices", "inspect-receipt", str(tmp / "none.bin")], 2),
        (["devices", "inspect-receipt", str(bad_cards), "--encoding", "klingon"], 2),
        (["--config", str(bad_config), "devices", "list"], 2),
    ]


def test_every_failure_names_itself_in_chinese_and_english(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for argv, code in failing_commands(tmp_path):
        assert main(["--data-dir", str(tmp_path / "data"), *argv]) == code, argv
        err = capsys.readouterr().err
        lines = err.strip().splitlines()
        assert "Traceback" not in err and lines, argv
        assert _CJK.search(lines[0]), (argv, err)
        english = [line for line in lines if line.startswith("error: ")]
        assert len(english) == 1 and english[0].isascii() and len(english[0]) > len("error: x"), (argv, err)


def test_read_id_reads_from_the_simulator_the_hint_offers(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # The URI hint lists "sim" and "sim:cards.json"; read-id refused both.
    assert main(["--data-dir", str(tmp_path), "devices", "read-id", "--device", "sim", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["name"] == "陈晓梅"  # the first demo card
    code = main(["--data-dir", str(tmp_path), "devices", "read-id", "--device", "sim?card=2", "--reveal"])
    assert code == 0 and "810000199511234522" in capsys.readouterr().out
