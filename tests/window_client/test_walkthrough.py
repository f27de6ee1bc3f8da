"""``tongban window --offscreen --screenshots DIR``: the scripted newborn intake, a PNG per step, the receipt."""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
from pathlib import Path

from devices.printer.inspect import decode_escpos


def png_size(path: Path) -> tuple[int, int]:
    width, height = struct.unpack(">II", path.read_bytes()[16:24])  # the IHDR chunk
    return width, height


def test_the_walk_through_saves_every_step_and_the_receipt(tmp_path: Path) -> None:
    shots = tmp_path / "shots"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TONGBAN_DATA_DIR=str(tmp_path / "unused"))
    done = subprocess.run(
        [sys.executable, "-c", "import sys; from core.cli.main import main; sys.exit(main())",
         "--data-dir", str(tmp_path / "demo"), "window", "--offscreen", "--screenshots", str(shots)],
        capture_output=True, text=True, env=env, timeout=240,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "演示完成" in done.stdout and "propagateSizeHints" not in done.stderr
    # --data-dir is where the walk-through's data went (not a temporary directory); the default
    # data directory ($TONGBAN_DATA_DIR) was not touched.
    assert f"演示数据目录：{tmp_path / 'demo'}" in done.stdout
    assert (tmp_path / "demo" / "tongban.toml").is_file() and (tmp_path / "demo" / "tongban.db").is_file()
    assert not (tmp_path / "unused").exists()
    pngs = sorted(shots.glob("*.png"))
    assert len(pngs) >= 25
    assert png_size(shots / "21-accepted.png") == (1366, 768)
    ops = decode_escpos((shots / "receipt.bin").read_bytes())
    assert "cut" in [op.name for op in ops] and any(op.name == "qr_store" for op in ops)
    text = (shots / "receipt.txt").read_text(encoding="utf-8")
    assert "受理回执" in text and "容缺受理通知书" in text
    cases = json.loads((shots / "platform-cases.json").read_text(encoding="utf-8"))
    assert len(cases) == 1 and cases[0]["official_number"]
