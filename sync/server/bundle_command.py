"""``tongban platform import --db PATH [--catalog DIR] DIR``: take in every device bundle on a USB stick.

Each device folder is imported on its own (sync/server/bundle.py): one refused bundle (tampered,
foreign, half-written) is reported and the others still go in. Exit 0 when every bundle went
in, 2 when one was refused (the stick's content: bad input), 1 when the platform itself failed.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from pathlib import Path
from typing import Any

from core.calendar import CalendarError
from core.errors import CatalogError
from sync.bundle import BundleError
from sync.server.bundle import bundle_folders, describe_rejections, import_bundle
from sync.server.config import PlatformConfig
from sync.server.service import PlatformService

EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT = 0, 1, 2


def fill_import(actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = actions.add_parser(
        "import", help="导入 U 盘上各设备的导出包，并在原文件夹写入平台回执 (import USB-stick bundles)"
    )
    p.add_argument(
        "folder", type=Path, metavar="DIR", help="U 盘上的文件夹（tongban sync export --to 的那个）"
    )
    p.add_argument("--catalog", type=Path, metavar="DIR", help="平台使用的事项目录文件夹（默认为内置目录）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.add_argument(
        "--db", type=Path, required=True, metavar="PATH", help="平台数据库文件（须已存在：设备在这里登记过）"
    )
    p.set_defaults(handler=cmd_import)


def cmd_import(args: argparse.Namespace) -> int:
    if not args.db.exists():
        return _fail(f"平台数据库 {args.db} 不存在，请检查 --db。", EXIT_BAD_INPUT, f"no database {args.db}")
    try:
        folders = bundle_folders(args.folder)
    except BundleError as exc:
        return _fail(exc.message, EXIT_BAD_INPUT, exc.detail)
    config = PlatformConfig(db_path=args.db, catalog_dir=args.catalog, departments_enabled=False)
    try:
        service = PlatformService.build(config)
    except (CatalogError, CalendarError) as exc:
        return _fail(exc.message, EXIT_BAD_INPUT, "catalog or holiday calendar is invalid")
    results: list[dict[str, Any]] = []
    worst = EXIT_OK
    try:
        service.start()
    except (sqlite3.Error, OSError) as exc:
        return _fail(f"无法打开平台数据库 {args.db}：{exc}", EXIT_FAILURE, f"{type(exc).__name__}: {exc}")
    try:
        for folder in folders:
            try:
                s = import_bundle(service, folder)
            except BundleError as exc:
                worst = max(worst, EXIT_BAD_INPUT)
                results.append({"folder": str(folder), "ok": False, "code": exc.code, "error": exc.detail})
                _fail(f"{folder.name}：{exc.message}", EXIT_BAD_INPUT, exc.detail)
                continue
            except (sqlite3.Error, OSError) as exc:
                return _fail(f"平台数据库或文件读写失败：{exc}", EXIT_FAILURE, f"{type(exc).__name__}: {exc}")
            results.append(
                {
                    "folder": str(folder),
                    "ok": True,
                    "device_id": s.device_id,
                    "export_no": s.export_no,
                    "events": s.events,
                    "stored": s.stored,
                    "duplicates": s.duplicates,
                    "rejected": s.rejected,
                    "attachments_new": s.attachments_new,
                    "ratings_stored": s.ratings_stored,
                    "updates": s.updates,
                }
            )
            if not args.json:
                print(
                    f"设备 {s.device_id} 第 {s.export_no} 次导出：事件 {s.events} 条（新存 {s.stored}，"
                    f"重复 {s.duplicates}，拒收 {len(s.rejected)}），新附件 {s.attachments_new} 个，"
                    f"评价 {s.ratings_stored} 条；回执已写入（含平台更新 {s.updates} 条）。"
                )
                print(
                    f"device {s.device_id} export {s.export_no}: {s.stored} stored, {s.duplicates} duplicate,"
                    f" {len(s.rejected)} rejected; receipt written with {s.updates} update(s)"
                )
                for line in describe_rejections(s.rejected):
                    print(f"  rejected {line}")
    finally:
        service.stop()
    if args.json:
        print(json.dumps({"bundles": results}, ensure_ascii=False, indent=2))
    return worst


def _fail(message: str, code: int, detail: str = "") -> int:
    print(f"错误：{message}", file=sys.stderr)
    if detail:
        print(f"error: {detail}", file=sys.stderr)
    return code
