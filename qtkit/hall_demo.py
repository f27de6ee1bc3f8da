"""``tongban demo --hall``: a whole hall on one machine — the hall server, a kiosk, a window, the display.

The hall server is the reference platform running as the hall's relay (services.sandbox
EmbeddedPlatform); the kiosk, the window client (window 1) and the hall display each enrol with it
as their own device, in their own data folder, on the device simulators, and each runs in a process
of its own, as in a hall. The parts are the GUI packages' (entry-point group ``tongban.hall_parts``:
kiosk, window, display → ``part(data_dir, out_dir, lang) -> exit code``); this module only sets the
hall up and runs them, so it needs no Qt itself.

With a display (and no ``--screenshots``) the three open on screen at once (the window client
maximised, as at a hall's window: switch with the window manager), window01 logged in; closing any
of them ends the demo. Without one, or with ``--screenshots DIR``, the scripted walk:
a ticket by ID card at the kiosk (and one without), F5 at the window pre-fills the intake, the case
is accepted and rated, the display shows the call — screenshots of the ticket, the window's queue
bar and the display, the printed tickets, and the chain ticket → case → rating as the hall server
holds it.

``python -m qtkit.hall_demo PART DATA_DIR [OUT_DIR] [--lang L]`` runs one part (the demo's children).
"""

from __future__ import annotations

import argparse
import csv
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import replace
from importlib.metadata import entry_points
from pathlib import Path
from typing import Final

from core.case_numbers import parse_case_number
from core.catalog.model import Catalog
from core.errors import TongbanError
from core.queue.model import TicketStatus
from qtkit.display import has_display
from qtkit.screenshots import screenshot_folder
from services.sandbox import CARDS_NAME, EmbeddedPlatform, demo_config, enroll_device
from sync.service import CurrentCatalog

GROUP: Final = "tongban.hall_parts"
PARTS: Final = ("kiosk", "window", "display")  # the order of the walk: a ticket, its call, the board
WINDOW_NO: Final = 1
DISPLAY_DEVICE_NO: Final = 201  # the window is device 1, the kiosk 101 (services.sandbox)
PART_TIMEOUT_S: Final = 600
SHOTS: Final = {
    "hall-1-kiosk-ticket.png": "取号（自助终端，刷身份证）",
    "hall-2-window-queue-panel.png": "叫号（窗口 F5，受理页已带入申请人）",
    "hall-3-display.png": "大厅叫号屏",
}


def cmd_demo(args: argparse.Namespace) -> int:
    """``tongban demo --hall [--screenshots DIR]`` (core.cli.demo dispatches here)."""
    out_dir = screenshot_folder(args.screenshots) if args.screenshots is not None else None
    data_dir = args.keep or Path(tempfile.mkdtemp(prefix="tongban-hall-demo-"))
    scripted = out_dir is not None or not has_display()
    if scripted and out_dir is None:
        out_dir = screenshot_folder(data_dir / "screenshots")
    print(f"演示数据目录：{data_dir}")
    platform = EmbeddedPlatform(data_dir / "hall-server", dept_delay="0.3:1.2", seed_random=7)
    print("正在启动大厅服务器（参考平台）…", flush=True)
    platform.start()
    try:
        devices = enrol_hall(data_dir, platform, scripted=scripted)
        print(f"大厅服务器 {platform.url}：自助终端、{WINDOW_NO} 号窗口、叫号屏已登记（模拟外设）")
        if out_dir is None:
            return run_on_screen(devices, args.lang)
        return run_scripted(devices, out_dir, platform, args.lang)
    finally:
        platform.stop()


def enrol_hall(data_dir: Path, platform: EmbeddedPlatform, *, scripted: bool) -> dict[str, Path]:
    """Each device its own data folder, enrolled with the hall server: part name → folder."""
    devices = {part: data_dir / part for part in PARTS}
    window = replace(demo_config(devices["window"]), window_no=WINDOW_NO)
    if scripted:  # her card is not lying on the reader yet: F5 brings her up, then staff read it
        reader = f"sim:{devices['window'] / CARDS_NAME}?card=none&cycle=0"
        window = replace(window, devices={**window.devices, "id_reader": reader})
    configs = {
        "kiosk": demo_config(devices["kiosk"], role="kiosk"),
        "window": window,
        "display": demo_config(devices["display"], role="display", device_no=DISPLAY_DEVICE_NO),
    }
    for part, config in configs.items():
        enroll_device(devices[part], platform, config)
    return devices


def run_scripted(devices: dict[str, Path], out_dir: Path, platform: EmbeddedPlatform, lang: str) -> int:
    what = {"kiosk": "自助终端取号", "window": "窗口叫号、受理、评价", "display": "叫号屏显示"}
    for part in PARTS:
        print(f"正在运行：{what[part]}（离屏）…", flush=True)
        code = _part_process(part, devices[part], out_dir, lang).wait(PART_TIMEOUT_S)
        if code != 0:
            print(f"演示没有走完：{what[part]}这一步失败（退出码 {code}）", file=sys.stderr)
            return 1
    chain = ticket_chain(platform.db, out_dir / "tickets.csv", CurrentCatalog(devices["window"])())
    print(f"截图：{out_dir}")
    for name, caption in SHOTS.items():
        print(f"  {name}  {caption}")
    if (out_dir / "ticket.txt").is_file():
        print(f"打印的排队凭条（解码文本）：{out_dir / 'ticket.txt'}")
    print(f"大厅服务器上的号票（CSV，不含个人信息）：{out_dir / 'tickets.csv'}")
    for line in chain:
        print(f"  {line}")
    done = any("已评价" in line for line in chain)
    print("演示完成。" if done else "演示没有走完：号票没有记下办件和评价。")
    return 0 if done else 1


def ticket_chain(db: Path, csv_path: Path, catalog: Catalog) -> list[str]:
    """The tickets as the hall server holds them (``tongban queue stats --csv``), one line each:
    ticket → window → case → rating."""
    subprocess.run(
        [sys.executable, "-m", "core.cli.main", "queue", "stats", "--db", str(db), "--csv", str(csv_path)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    lines = []
    with csv_path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            service = catalog.bundles.get(row["service"]) or catalog.matters.get(row["service"])
            name = service.name if service is not None else row["service"]
            line = f"{row['number']} {name}：{TicketStatus(row['status']).label}"
            if row.get("window"):
                line += f"，{row['window']} 号窗口"
            if row.get("case_number"):
                line += f"，办件 {parse_case_number(row['case_number']).display}"
            if row.get("rating"):
                line += f"，已评价 {row['rating']} 星"
            lines.append(line)
    return lines


def run_on_screen(devices: dict[str, Path], lang: str) -> int:
    """The three devices on screen at once until one is closed (or Ctrl+C)."""
    print(
        "自助终端、窗口（window01 已登录，叫号按 F5）和叫号屏正在打开（窗口程序全屏，可用 Alt+Tab 切换）；关闭任一窗口结束演示。"
    )
    children = {part: _part_process(part, devices[part], None, lang) for part in PARTS}
    try:
        while all(child.poll() is None for child in children.values()):
            time.sleep(0.3)
    except KeyboardInterrupt:
        pass
    finally:
        for child in children.values():
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)
        for child in children.values():
            try:
                child.wait(10)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait(5)
    return 0


def _part_process(part: str, data_dir: Path, out_dir: Path | None, lang: str) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "qtkit.hall_demo", part, str(data_dir)]
    if out_dir is not None:
        command.append(str(out_dir))
    return subprocess.Popen([*command, "--lang", lang], env=dict(os.environ))


def run_part(argv: Sequence[str] | None = None) -> int:
    """One part in this process: the entry point of ``tongban.hall_parts`` named PART."""
    p = argparse.ArgumentParser(prog="python -m qtkit.hall_demo", description="one device of demo --hall")
    p.add_argument("part", choices=PARTS)
    p.add_argument("data_dir", type=Path)
    p.add_argument("out_dir", type=Path, nargs="?")
    p.add_argument("--lang", default="zh_CN")
    args = p.parse_args(argv)
    found = [ep for ep in entry_points(group=GROUP) if ep.name == args.part]
    if not found:
        raise TongbanError(
            f"没有安装“{args.part}”部分（图形界面包缺失）",
            f"no {args.part!r} part is installed (entry point group {GROUP})",
        )
    return int(found[0].load()(args.data_dir, args.out_dir, args.lang))


if __name__ == "__main__":
    sys.exit(run_part())
