"""``tongban devices list``: the configured devices and how each one is."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from devices.errors import DeviceError
from devices.manager import probe_configured, read_device_table


def add_arguments_list(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="以 JSON 输出")
    parser.add_argument(
        "--timeout", type=float, default=3.0, metavar="S", help="每个外设的检测超时（秒，默认 3）"
    )


def cmd_list(args: argparse.Namespace) -> int:
    """Probe every configured device once: 0 when all configured ones answer, 1 otherwise, 2 bad config."""
    config: Path = args.config
    try:
        table = read_device_table(config)
    except DeviceError as exc:
        print(exc.lines("错误："), file=sys.stderr)
        return 2
    results = probe_configured(table, args.timeout)
    if args.json:
        rows = [
            {"role": h.role, "name": h.name, "uri": h.uri, "ok": h.ok, "message": h.message} for h in results
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        print(f"外设配置：{config}" + ("" if config.exists() else "（文件不存在，全部未配置）"))
        for h in results:
            mark = "—" if h.ok is None else ("正常" if h.ok else "异常")
            print(f"  {h.name}\t{mark}\t{h.uri or '-'}\t{h.message}")
        if not table:
            print(
                '在配置文件的 [devices] 中写入外设地址，例如 printer = "tcp:10.0.0.5:9100"，或写 "sim" 使用模拟器。'
            )
    return 0 if all(h.ok is not False for h in results) else 1
