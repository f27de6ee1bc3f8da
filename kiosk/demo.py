"""``tongban demo --kiosk``: the kiosk against an embedded reference platform and simulated devices.

With a display it opens the kiosk in a window (not full screen, keyboard not locked: it is a
demonstration on a developer's desk); without one it runs the scripted walk-through and prints
where the screenshots went.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path
from typing import Final

from qtkit.display import has_display
from qtkit.walkthrough import report_outcome

DEMO_PIN: Final = "2468"  # the demonstration kiosk's maintenance PIN (printed when it starts)
DEMO_SIZE: Final = (900, 1000)


def report_walkthrough(
    out_dir: Path, data_dir: Path, *, mode: str = "general", elderly: bool = False, lang: str = "zh_CN"
) -> int:
    """Run the kiosk walk-through into ``out_dir`` and say what it produced (exit 0 when it went through)."""
    from kiosk.walkthrough import run_walkthrough

    what = "医院出生即参保" if mode == "hospital" else "政务大厅"
    print(f"演示数据目录：{data_dir}")
    print(f"正在运行自助终端脚本化演示（离屏，{what}{'，长辈版' if elderly else ''}）…", flush=True)
    outcome = run_walkthrough(out_dir, data_dir=data_dir, mode=mode, elderly=elderly, lang=lang)
    printed = [f"打印内容（解码文本）：{outcome.receipt}"] if outcome.receipt is not None else []
    if (out_dir / "certificate.pdf").is_file():
        printed.append(f"打印的证明（A4，PDF）：{out_dir / 'certificate.pdf'}")
    return report_outcome(outcome, out_dir, printed)


def run_interactive(data_dir: Path, *, mode: str, elderly: bool, lang: str) -> int:
    """The kiosk on screen, in a window, enrolled with an embedded platform."""
    from services.sandbox import EmbeddedPlatform, demo_config, enroll_device

    platform = EmbeddedPlatform(data_dir / "platform", dept_delay="1:4")
    print("正在启动参考平台和模拟外设…", flush=True)
    platform.start()
    try:
        enroll_device(data_dir, platform, demo_config(data_dir, role="kiosk"))
        print(f"参考平台 {platform.url}；演示数据目录 {data_dir}")
        return run_kiosk(data_dir, mode=mode, elderly=elderly, lang=lang)
    finally:
        platform.stop()


def run_kiosk(data_dir: Path, *, mode: str, elderly: bool, lang: str) -> int:
    """The kiosk of DATA_DIR (already enrolled) on screen, in a window, until it is closed."""
    from PySide6.QtWidgets import QApplication

    from kiosk.app import KioskApp
    from kiosk.context import KioskOptions

    print(f"维护界面：连点窗口右上角 5 次，PIN {DEMO_PIN}")
    qapp = QApplication.instance() or QApplication(["tongban-kiosk-demo"])
    assert isinstance(qapp, QApplication)
    options = KioskOptions.sandbox(
        data_dir,
        mode=mode,
        elderly=elderly,
        lang=lang,
        size=DEMO_SIZE,
        sync_interval_ms=10_000,
        maintenance_pin=DEMO_PIN,
    )
    app = KioskApp(qapp, options)
    app.start()
    code = qapp.exec()
    app.stop()
    return int(code)


def cmd_demo(args: argparse.Namespace) -> int:
    """``tongban demo --kiosk`` (core.cli.demo dispatches here)."""
    data_dir = args.keep or Path(tempfile.mkdtemp(prefix="tongban-kiosk-demo-"))
    if not has_display():
        return report_walkthrough(
            data_dir / "screenshots", data_dir, mode=args.mode, elderly=args.elderly, lang=args.lang
        )
    return run_interactive(data_dir, mode=args.mode, elderly=args.elderly, lang=args.lang)
