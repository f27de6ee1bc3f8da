"""``tongban platform appointment add|list|cancel``: 预约 taken on the hall server (sync/server/appointments.py).

The reference platform stands in for a province's 一网通办 booking portal, which this project does
not have. Handlers follow sync.server.commands: 0 success, 1 the database failed, 2 bad input; a
Chinese message and an English detail, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
from datetime import date, datetime
from pathlib import Path
from typing import Any

import qrcode  # type: ignore[import-untyped]  # what the printer raster draws QR codes with
import qrcode.constants  # type: ignore[import-untyped]

from core.catalog import load_catalog
from core.clock import SystemClock
from core.errors import CatalogError, NotFoundError, ValidationError
from core.queue.appointment import appointment_qr_payload, parse_appointment_code, readable_code
from core.store.db import write_transaction
from sync.server import appointments


def fill(actions: argparse._SubParsersAction[argparse.ArgumentParser], db_option: Any) -> None:
    """Add ``appointment`` with its three actions to ``platform``; ``db_option(parser)`` adds ``--db``."""
    parser = actions.add_parser(
        "appointment", help="预约：登记、列出、取消（参考平台代替省级一网通办预约入口）(appointments)"
    )
    verbs = parser.add_subparsers(dest="appointment_command", metavar="ACTION", required=True)

    add = verbs.add_parser("add", help="登记一个预约，显示预约码和二维码内容 (book one)")
    db_option(add)
    add.add_argument("--service", required=True, metavar="ID", help="事项或“一件事”编号（目录中须有）")
    add.add_argument(
        "--slot", required=True, metavar="YYYY-MM-DDTHH:MM", help="预约时段开始时间（本地时间，须在以后）"
    )
    add.add_argument(
        "--name", metavar="N", help="预约人姓名（与 --id-number 一起给出：窗口叫号时可直接调出）"
    )
    add.add_argument("--id-number", metavar="X", help="预约人身份证号")
    add.add_argument("--qr", type=Path, metavar="FILE", help="把预约二维码写成 PNG 图片")
    add.add_argument("--catalog", type=Path, metavar="DIR", help="平台下发的事项目录文件夹（默认为内置目录）")
    add.add_argument("--json", action="store_true", help="以 JSON 输出")
    add.set_defaults(handler=cmd_add)

    listing = verbs.add_parser("list", help="列出预约（某一天或全部）(list)")
    db_option(listing)
    listing.add_argument("--day", type=date.fromisoformat, metavar="YYYY-MM-DD", help="只列出这一天的预约")
    listing.add_argument("--json", action="store_true", help="以 JSON 输出")
    listing.set_defaults(handler=cmd_list)

    cancel = verbs.add_parser("cancel", help="取消一个尚未取号的预约 (cancel)")
    db_option(cancel)
    cancel.add_argument("code", metavar="CODE", help="预约码（9 位数字）")
    cancel.set_defaults(handler=cmd_cancel)


def _slot(text: str) -> datetime:
    try:
        slot = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(
            "slot", f"预约时段“{text[:32]}”格式有误，应为 YYYY-MM-DDTHH:MM", f"bad slot {text[:32]!r}"
        ) from None
    return slot if slot.tzinfo is not None else slot.astimezone()  # the hall's local time


def cmd_add(args: argparse.Namespace) -> int:
    from sync.server.commands import EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK, _database, _fail, _folder_missing

    refused = _folder_missing(args.db)
    if refused is not None:
        return refused
    try:
        catalog = load_catalog(args.catalog)
        name = appointments.service_name(catalog, args.service)
        slot = _slot(args.slot)
    except CatalogError as exc:
        return _fail(exc.message, EXIT_BAD_INPUT, exc.detail)
    except ValidationError as exc:
        return _fail(exc.message, EXIT_BAD_INPUT, exc.detail)
    try:
        with _database(args.db) as db, write_transaction(db):
            booked = appointments.add(
                db,
                service=args.service,
                service_name=name,
                slot=slot,
                now=SystemClock().now(),
                name=args.name,
                id_number=args.id_number,
            )
    except ValidationError as exc:
        return _fail(exc.message, EXIT_BAD_INPUT, exc.detail)
    except (sqlite3.Error, OSError) as exc:
        return _fail(f"无法写入平台数据库 {args.db}：{exc}", EXIT_FAILURE, f"{type(exc).__name__}: {exc}")
    payload = appointment_qr_payload(booked.code)
    if args.qr is not None:
        try:
            code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=10, border=4)
            code.add_data(payload)
            code.make(fit=True)
            code.make_image().save(args.qr)
        except OSError as exc:
            return _fail(f"无法写入二维码图片 {args.qr}：{exc}", EXIT_FAILURE, f"{type(exc).__name__}: {exc}")
    if args.json:
        print(json.dumps({**booked.to_dict(), "qr": payload}, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"预约码 code: {readable_code(booked.code)}")
    print(f"二维码 QR: {payload}")
    print(f"办理 service: {booked.service_name} ({booked.service})")
    print(f"时段 slot: {booked.slot[:16].replace('T', ' ')}")
    if args.qr is not None:
        print(f"二维码图片 QR image: {args.qr}")
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    from sync.server.commands import EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK, _database, _fail

    if not args.db.exists():
        return _fail(f"平台数据库 {args.db} 不存在", EXIT_BAD_INPUT, "no such database")
    try:
        with _database(args.db) as db:
            found = appointments.listed(db, args.day)
    except (sqlite3.Error, OSError) as exc:
        return _fail(f"无法读取平台数据库 {args.db}：{exc}", EXIT_FAILURE, f"{type(exc).__name__}: {exc}")
    if args.json:
        print(json.dumps({"appointments": [a.to_dict() for a in found]}, ensure_ascii=False, indent=2))
        return EXIT_OK
    if not found:
        print("没有预约。 (no appointments)")
        return EXIT_OK
    for a in found:
        who = f"  {a.name}" if a.name else ""
        print(
            f"{a.slot[:16].replace('T', ' ')}  {readable_code(a.code)}  {a.status_label}  {a.service_name}{who}"
        )
    print(f"共 {len(found)} 个。 ({len(found)} appointments)")
    return EXIT_OK


def cmd_cancel(args: argparse.Namespace) -> int:
    from sync.server.commands import EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK, _database, _fail

    if not args.db.exists():
        return _fail(f"平台数据库 {args.db} 不存在", EXIT_BAD_INPUT, "no such database")
    try:
        code = parse_appointment_code(args.code)
        with _database(args.db) as db, write_transaction(db):
            appointments.cancel(db, code, SystemClock().now())
    except (ValidationError, NotFoundError) as exc:
        return _fail(exc.message, EXIT_BAD_INPUT, exc.detail)
    except (sqlite3.Error, OSError) as exc:
        return _fail(f"无法写入平台数据库 {args.db}：{exc}", EXIT_FAILURE, f"{type(exc).__name__}: {exc}")
    print(f"已取消预约 {readable_code(code)}。 (cancelled)")
    return EXIT_OK
