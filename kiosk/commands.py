"""The kiosk's contribution to ``tongban``: ``kiosk`` (``demo --kiosk`` is found through ``tongban.demos``).

No Qt at module level: the command line loads every contributor, and only a kiosk run needs Qt.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from core.cli.main import fill_later
from core.errors import ValidationError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    fill_later(sub.add_parser("kiosk", help="24 小时自助终端 (the self-service kiosk GUI)"), _fill)
    fill_later(sub.add_parser("hall-display", help="大厅叫号大屏 (the hall's call display)"), _fill_display)


def _fill_display(p: argparse.ArgumentParser) -> None:
    p.add_argument("--windowed", action="store_true", help="在普通窗口中运行（不全屏），用于调试")
    p.set_defaults(handler=cmd_hall_display)


def cmd_hall_display(args: argparse.Namespace) -> int:
    """The hall's big screen, enrolled with the hall server like any device (role display)."""
    from qtkit.display import has_display

    if not has_display():
        raise ValidationError(
            "hall-display",
            "没有可用的显示器（DISPLAY 未设置）：叫号大屏需要图形界面",
            "no display: set DISPLAY",
        )
    from kiosk.hall_display import run_hall_display

    return run_hall_display(args.data_dir, args.config, windowed=args.windowed)


def _fill(p: argparse.ArgumentParser) -> None:
    from core.flows.kiosk import KioskMode  # when the command is used: the session rules are not light

    p.add_argument(
        "--mode",
        choices=[m.value for m in KioskMode],
        default=KioskMode.GENERAL.value,
        help="general 政务大厅（默认）/ hospital 医院出生即参保",
    )
    p.add_argument("--elderly", action="store_true", help="固定使用长辈版（大字、大按钮、语音提示）")
    p.add_argument("--lang", choices=("zh_CN", "en"), default="zh_CN", help="界面语言（默认 zh_CN）")
    p.add_argument("--windowed", action="store_true", help="在普通窗口中运行（不全屏、不锁定键盘），用于调试")
    p.add_argument(
        "--maintenance-pin",
        default=None,
        metavar="PIN",
        help="维护界面 PIN（默认读环境变量 TONGBAN_KIOSK_PIN；未设置时不能进入维护界面）",
    )
    p.add_argument(
        "--offscreen", action="store_true", help="离屏运行脚本化演示（模拟外设 + 内嵌参考平台），保存截图"
    )
    p.add_argument(
        "--screenshots", type=Path, default=None, metavar="DIR", help="--offscreen 时截图保存到 DIR"
    )
    p.set_defaults(handler=cmd_kiosk)


def cmd_kiosk(args: argparse.Namespace) -> int:
    if args.offscreen:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from kiosk.demo import report_walkthrough
        from services.sandbox import sandbox_dir

        data_dir = sandbox_dir(args.data_dir, prefix="tongban-kiosk-")
        out = args.screenshots or data_dir / "screenshots"
        return report_walkthrough(out, data_dir, mode=args.mode, elderly=args.elderly, lang=args.lang)
    if args.screenshots is not None:
        raise ValidationError("--screenshots", "--screenshots 只能与 --offscreen 一起使用")
    from core.flows.kiosk import KioskMode
    from kiosk.app import run_kiosk
    from kiosk.context import KioskOptions

    pin = args.maintenance_pin or os.environ.get("TONGBAN_KIOSK_PIN") or None
    if pin is not None and not (pin.isdigit() and 4 <= len(pin) <= 12):
        raise ValidationError("--maintenance-pin", "维护 PIN 应为 4–12 位数字")
    options = KioskOptions(
        data_dir=args.data_dir,
        config_path=args.config,
        mode=KioskMode(args.mode),
        elderly=args.elderly,
        lang=args.lang,
        fullscreen=not args.windowed,
        lockdown=not args.windowed,
        maintenance_pin=pin,
    )
    return int(run_kiosk(options))
