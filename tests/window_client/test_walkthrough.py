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
    # a single matter found by its pinyin initials, through to its checklist
    assert (shots / "27-matter-initials.png").is_file() and (shots / "29-matter-checklist.png").is_file()
    ops = decode_escpos((shots / "receipt.bin").read_bytes())
    assert "cut" in [op.name for op in ops] and any(op.name == "qr_store" for op in ops)
    text = (shots / "receipt.txt").read_text(encoding="utf-8")
    assert "受理回执" in text and "容缺受理通知书" in text
    guide = (shots / "guide-receipt.txt").read_text(encoding="utf-8").splitlines()  # the printed 办事指南
    assert "办事指南" in guide and "事项名称：内地居民结婚登记" in guide and "承诺办结时限：即办件" in guide
    assert (shots / "33-guide-printed.png").is_file()
    cases = json.loads((shots / "platform-cases.json").read_text(encoding="utf-8"))
    accepted = [c for c in cases if c["status"] not in ("supplement_notified", "not_accepted")]
    assert len(accepted) == 1 and accepted[0]["official_number"]
    assert all(not c["official_number"] for c in cases if c not in accepted)  # never dispatched
    # 行政许可法 §32: the two notices of an application not accepted, as the printer got them.
    supplement = (shots / "supplement-notice.txt").read_text(encoding="utf-8")
    assert "一次性补正告知书" in supplement and "居民户口簿" in supplement and "第三十二条" in supplement
    rejection = (shots / "rejection-notice.txt").read_text(encoding="utf-8")
    assert "不予受理通知书" in rejection and "六十日内" in rejection and "户籍不在本辖区" in rejection
    assert (shots / "36-supplement-dialog.png").exists() and (shots / "39-rejection-notice.png").exists()
