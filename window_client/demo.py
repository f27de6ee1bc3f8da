"""``tongban demo``: the window client against an embedded reference platform and simulated devices.

With a display it opens the window client logged in as window01; without one (no DISPLAY or
WAYLAND_DISPLAY, or QT_QPA_PLATFORM=offscreen) it runs the scripted walk-through and prints where
the screenshots and the receipt went. core.cli.demo, the one dispatcher of ``demo``, calls it.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

from core.config import CONFIG_NAME
from qtkit.display import has_display
from qtkit.walkthrough import report_outcome
from services.sandbox import DEMO_STAFF, EmbeddedPlatform, demo_config, enroll_device
from window_client.app import WindowApp, WindowOptions
from window_client.walkthrough import run_walkthrough


def report_walkthrough(out_dir: Path, data_dir: Path, *, profile: str = "hall", lang: str = "zh_CN") -> int:
    """Run the walk-through into ``out_dir`` and say what it produced (exit 0 when it went through)."""
    print(f"演示数据目录：{data_dir}")
    print("正在运行脚本化演示（离屏）：启动参考平台、模拟外设，受理一件出生“一件事”…", flush=True)
    outcome = run_walkthrough(out_dir, data_dir=data_dir, profile=profile, lang=lang)
    printed = []
    if outcome.receipt is not None:
        printed = [
            f"受理回执（ESC/POS 字节）：{outcome.receipt}",
            f"受理回执（解码文本）：{outcome.receipt.with_suffix('.txt')}",
        ]
    return report_outcome(outcome, out_dir, printed)


def run_interactive(data_dir: Path, lang: str) -> int:
    """The window client on screen, enrolled with an embedded platform, window01 logged in."""
    platform = EmbeddedPlatform(data_dir / "platform", dept_delay="1:4")
    print("正在启动参考平台和模拟外设…", flush=True)
    platform.start()
    try:
        enroll_device(data_dir, platform, demo_config(data_dir))
        print(f"参考平台 {platform.url}；演示数据目录 {data_dir}")
        return run_window(data_dir, lang)
    finally:
        platform.stop()


def run_window(data_dir: Path, lang: str) -> int:
    """The window client of DATA_DIR (already enrolled) on screen until it is closed; the demo logs
    window01 in once (after a logout, staff log in themselves)."""
    qapp = QApplication.instance() or QApplication(["tongban-demo"])
    assert isinstance(qapp, QApplication)
    options = WindowOptions(data_dir, data_dir / CONFIG_NAME, lang=lang, sync_interval_ms=10_000)
    app = WindowApp(qapp, options)

    def log_in_once() -> None:
        app.login_window_shown.disconnect(log_in_once)
        app.login("window01", DEMO_STAFF["window01"])

    app.login_window_shown.connect(log_in_once)
    app.start()
    code = qapp.exec()
    app.stop()
    return int(code)


def cmd_demo(args: argparse.Namespace) -> int:
    """``tongban demo`` without ``--text`` or ``--kiosk`` (core.cli.demo dispatches here)."""
    data_dir = args.keep or Path(tempfile.mkdtemp(prefix="tongban-demo-"))
    if not has_display():
        return report_walkthrough(data_dir / "screenshots", data_dir, lang=args.lang)
    return run_interactive(data_dir, args.lang)
