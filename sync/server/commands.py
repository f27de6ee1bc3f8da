"""``tongban platform …``: serve the reference platform, issue enrollment codes, list stored cases.

Handlers are ``fn(args) -> int``: 0 success, 1 the environment failed (database, port,
certificate files), 2 bad input, each with a Chinese message and never a traceback.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sqlite3
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any

import sqlite_utils

from core.calendar import CalendarError
from core.errors import CatalogError, ValidationError
from sync.commands import PLATFORM_HELP
from sync.server import appointment_commands, audit_heads, rating_commands, views
from sync.server.auth import DEVICE_ID, issue_code
from sync.server.bundle_command import fill_import
from sync.server.config import DEFAULT_FOLLOW_UP_DAYS, PlatformConfig, parse_delay, parse_instant_matters
from sync.server.db import admin_token, open_platform_db
from sync.server.faults import ENV_VAR, FaultSpecError
from sync.server.instant import DEFAULT_INSTANT_MATTERS
from sync.server.runner import Tls, base_url, bind, check_tls, serve_forever
from sync.server.seed import SEEDS
from sync.server.service import PlatformService

logger = logging.getLogger(__name__)

EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT = 0, 1, 2


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``platform`` with all its arguments (``python -m sync.server``; ``tongban`` uses sync.commands)."""
    fill(sub.add_parser("platform", help=PLATFORM_HELP))


def fill(p: argparse.ArgumentParser) -> None:
    """The arguments of ``platform``."""
    actions = p.add_subparsers(dest="platform_command", metavar="ACTION", required=True)

    serve = actions.add_parser("serve", help="运行参考平台 HTTP(S) 服务，直到收到 SIGINT/SIGTERM")
    serve.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1，仅本机）")
    serve.add_argument("--port", type=int, default=8600, help="监听端口（默认 8600；0 表示由系统分配）")
    _db_option(serve)
    serve.add_argument(
        "--seed",
        choices=SEEDS,
        action="append",
        default=[],
        help="载入演示数据（工作人员、人员、证照、二维码）",
    )
    serve.add_argument(
        "--cert", type=Path, metavar="FILE", help="TLS 证书（PEM）；与 --key 一起给出时以 HTTPS 服务"
    )
    serve.add_argument("--key", type=Path, metavar="FILE", help="TLS 私钥（PEM）")
    serve.add_argument(
        "--dept-delay",
        default="1:5",
        metavar="MIN:MAX",
        help="模拟部门每个办理步骤的随机延时（秒，默认 1:5）",
    )
    serve.add_argument(
        "--reject-rate", type=float, default=0.0, metavar="R", help="模拟部门不予办理的比例 0–1（默认 0）"
    )
    serve.add_argument(
        "--seed-random", type=int, metavar="N", help="模拟部门随机数种子（测试用，结果可复现）"
    )
    serve.add_argument(
        "--instant-matters",
        default=",".join(sorted(DEFAULT_INSTANT_MATTERS)),
        metavar="ID,ID",
        help="即办件：分发时当场办结、不会不予办理的事项编号，逗号分隔"
        f"（默认 {','.join(sorted(DEFAULT_INSTANT_MATTERS))}；空字符串表示没有）",
    )
    serve.add_argument(
        "--bad-rating-follow-up-days",
        type=int,
        default=DEFAULT_FOLLOW_UP_DAYS,
        metavar="N",
        help="自助终端差评（无办件）的整改时限，工作日（默认 %(default)s）",
    )
    serve.add_argument("--catalog", type=Path, metavar="DIR", help="下发的事项目录文件夹（默认为内置目录）")
    serve.add_argument(
        "--calendar",
        type=Path,
        metavar="FILE",
        help="下发的节假日安排文件 cn-holidays.json（默认为内置文件；新一年的通知发布后用）",
    )
    serve.add_argument(
        "--accept-catalog",
        action="append",
        metavar="VERSION",
        help="平台接受的目录版本（可多次给出；默认全部接受）。其他版本的办件照收，但退回窗口重新核对（rework）",
    )
    serve.add_argument(
        "--enable-faults", action="store_true", help=f"启用故障注入接口（测试用；也可用环境变量 {ENV_VAR}）"
    )
    serve.add_argument("--no-departments", action="store_true", help="不运行部门模拟（办件停留在已受理）")
    serve.add_argument("--access-log", action="store_true", help="输出每个请求的访问日志")
    serve.add_argument(
        "--exit-with-stdin",
        action="store_true",
        help="标准输入关闭时（启动它的进程已退出）停止服务 (stop when stdin closes: the parent is gone)",
    )
    serve.add_argument(
        "--flavour",
        choices=("tongban", "gov-standard"),
        default="tongban",
        help="tongban：参考平台（本项目的同步约定）；gov-standard：模拟省级统一受理/办件汇聚接口（国家办件数据模型）",
    )
    serve.set_defaults(handler=cmd_serve)

    code = actions.add_parser("issue-code", help="签发一个一次性设备注册码（平台运行与否均可）")
    _db_option(code)
    code.add_argument(
        "--device",
        metavar="DEVICE_ID",
        help="只能由该设备使用的注册码；已注册的设备丢失密钥后重新注册须用它 (bind the code to one device id)",
    )
    code.add_argument("--json", action="store_true", help="以 JSON 输出")
    code.add_argument(
        "--flavour",
        choices=("tongban", "gov-standard"),
        default="tongban",
        help="tongban：参考平台（本项目的同步约定）；gov-standard：模拟省级统一受理/办件汇聚接口（国家办件数据模型）",
    )
    code.set_defaults(handler=cmd_issue_code)

    release = actions.add_parser(
        "audit-release",
        help="核查后解除设备因审计日志异常被暂停接收的状态 (release a device held for its audit log head)",
    )
    _db_option(release)
    release.add_argument("device_id", metavar="DEVICE_ID", help="设备标识（见 /api/v1/admin/devices）")
    release.set_defaults(handler=cmd_audit_release)

    token = actions.add_parser(
        "admin-token", help="显示运维接口 /api/v1/admin/* 的管理令牌 (print the admin views' bearer token)"
    )
    _db_option(token)
    token.set_defaults(handler=cmd_admin_token)

    cases = actions.add_parser(
        "cases", help="列出平台已存的办件（编号、设备、事件数、附件数、状态，及各事项的实施编码）"
    )
    _db_option(cases)
    cases.add_argument("--device", metavar="DEVICE_ID", help="只列出该设备的办件")
    cases.add_argument("--json", action="store_true", help="以 JSON 输出")
    cases.add_argument(
        "--flavour",
        choices=("tongban", "gov-standard"),
        default="tongban",
        help="tongban：参考平台（本项目的同步约定）；gov-standard：模拟省级统一受理/办件汇聚接口（国家办件数据模型）",
    )
    cases.set_defaults(handler=cmd_cases)
    fill_import(actions)  # USB-stick bundles (sync by hand)

    rating_commands.fill(actions, _db_option)
    appointment_commands.fill(actions, _db_option)


def _db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        type=Path,
        required=True,
        metavar="PATH",
        help="平台数据库文件（不存在时新建并提示；所在文件夹须已存在）",
    )


def _fail(message: str, code: int, detail: str = "") -> int:
    print(f"错误：{message}", file=sys.stderr)
    if detail:
        print(f"error: {detail}", file=sys.stderr)
    return code


def _folder_missing(path: Path) -> int | None:
    """EXIT_BAD_INPUT, said, when ``--db`` names a file in a folder that does not exist: a typo
    more likely than a wish for a new folder (opening would silently make both)."""
    if path.parent.is_dir():
        return None
    return _fail(
        f"平台数据库 {path} 所在的文件夹 {path.parent} 不存在，请检查 --db。",
        EXIT_BAD_INPUT,
        f"folder {path.parent} of the platform database does not exist (check --db)",
    )


@contextmanager
def _database(path: Path) -> Iterator[sqlite_utils.Database]:
    new = not path.exists()
    db = open_platform_db(path)
    try:
        if new:  # a mistyped --db must not go unnoticed
            print(f"已新建平台数据库 {path}。", file=sys.stderr)
            print(f"note: created a new platform database {path}", file=sys.stderr)
        yield db
    finally:
        db.close()


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve until SIGINT/SIGTERM; the first stdout line is ``listening on URL`` with the real port."""
    refused = _folder_missing(args.db)
    if refused is not None:
        return refused
    if args.flavour == "gov-standard":
        from sync.gov_standard import commands as gov

        try:
            low, _ = parse_delay(args.dept_delay)
        except ValidationError as exc:
            return _fail(exc.message, EXIT_BAD_INPUT, exc.detail)
        return gov.serve(args, max(low, 0.05), _stop_when_stdin_closes)
    try:
        config = PlatformConfig(
            db_path=args.db,
            catalog_dir=args.catalog,
            calendar_path=args.calendar,
            dept_delay=parse_delay(args.dept_delay),
            reject_rate=args.reject_rate,
            seed=args.seed_random,
            accepted_catalogs=frozenset(args.accept_catalog) if args.accept_catalog else None,
            faults_enabled=args.enable_faults,
            departments_enabled=not args.no_departments,
            instant_matters=parse_instant_matters(args.instant_matters),
            bad_rating_follow_up_days=args.bad_rating_follow_up_days,
        )
    except ValidationError as exc:
        return _fail(exc.message, EXIT_BAD_INPUT, exc.detail)
    if not 0 <= args.port <= 65535:
        return _fail(f"端口应在 0–65535 之间，现在是 {args.port}", EXIT_BAD_INPUT)
    if (args.cert is None) != (args.key is None):
        return _fail("--cert 与 --key 需要同时给出", EXIT_BAD_INPUT)
    tls = Tls(args.cert, args.key) if args.cert is not None else None
    try:
        if tls is not None:
            check_tls(tls)
        platform = PlatformService.build(config, seeds=tuple(dict.fromkeys(args.seed)))
    except CatalogError as exc:
        return _fail(f"事项目录有误，平台未启动：\n{exc.message}", EXIT_BAD_INPUT, "catalog is invalid")
    except CalendarError as exc:
        return _fail(f"{exc.message}\n平台未启动。", EXIT_BAD_INPUT, "holiday calendar is invalid")
    except FaultSpecError as exc:
        return _fail(f"{ENV_VAR}：{exc}", EXIT_BAD_INPUT, "bad fault specification")
    except (OSError, ValueError) as exc:  # ssl.SSLError is an OSError
        return _fail(f"无法读取 TLS 证书或私钥：{exc}", EXIT_BAD_INPUT, f"{type(exc).__name__}: {exc}")
    try:
        with _database(args.db):
            pass  # create and migrate it now, so a bad path fails here with a clear message
        sock = bind(args.host, args.port)
    except sqlite3.Error as exc:
        return _fail(f"无法打开平台数据库 {args.db}：{exc}", EXIT_FAILURE, f"{type(exc).__name__}: {exc}")
    except OSError as exc:
        return _fail(
            f"无法监听 {args.host}:{args.port}（端口已被占用或地址无效？）：{exc.strerror or exc}",
            EXIT_FAILURE,
            f"{type(exc).__name__}: {exc}",
        )
    logging.getLogger("sync.server").setLevel(min(logging.INFO, logging.getLogger().level or logging.INFO))
    url = base_url(sock, tls)

    def announce() -> None:
        print(f"listening on {url}", flush=True)

    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    # uvicorn re-raises the signal that stopped it once it has shut down; with these handlers
    # that ends in a clean exit 0 instead of death by the default action.
    for sig in previous:
        signal.signal(sig, _ignore_signal)
    if args.exit_with_stdin:
        _stop_when_stdin_closes()
    try:
        serve_forever(platform, sock, tls=tls, on_started=announce, access_log=args.access_log)
    except SystemExit as exc:  # uvicorn exits 3 when the lifespan start-up failed (logged above)
        return _fail("平台启动失败，详见日志。", EXIT_FAILURE, f"uvicorn exited with {exc.code}")
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        sock.close()
    print("stopped", flush=True)
    return EXIT_OK


def _stop_when_stdin_closes() -> None:
    """A parent that starts the platform as its child (a demo, a bench, a test) holds our stdin open;
    when it dies — even by SIGKILL — the pipe closes, and we stop as on SIGTERM instead of serving on
    as an orphan that keeps the port and the database."""

    def watch() -> None:
        try:
            while sys.stdin.buffer.read(4096):
                pass
        except (OSError, ValueError):
            pass
        logger.info("stdin closed: the process that started the platform is gone; stopping")
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, name="platform-parent-watch", daemon=True).start()


def _ignore_signal(signum: int, frame: FrameType | None) -> None:
    logger.debug("signal %d after shutdown ignored", signum)


def cmd_issue_code(args: argparse.Namespace) -> int:
    from core.clock import SystemClock

    refused = _folder_missing(args.db)
    if refused is not None:
        return refused
    if args.flavour == "gov-standard":
        from sync.gov_standard import commands as gov

        return gov.issue_code(args)
    if args.device is not None and not DEVICE_ID.fullmatch(args.device):
        return _fail(
            f"设备标识“{args.device}”格式不正确（8–64 位字母、数字、- 或 _）。",
            EXIT_BAD_INPUT,
            f"bad device id {args.device!r}",
        )
    try:
        with _database(args.db) as db:
            code = issue_code(db, SystemClock().now(), args.device)
    except (sqlite3.Error, OSError) as exc:
        return _fail(f"无法写入平台数据库 {args.db}：{exc}", EXIT_FAILURE, f"{type(exc).__name__}: {exc}")
    if args.json:
        print(json.dumps({"code": code}, ensure_ascii=False))
    else:
        print(code)
    return EXIT_OK


def cmd_audit_release(args: argparse.Namespace) -> int:
    if not args.db.exists():
        return _fail(f"平台数据库 {args.db} 不存在", EXIT_BAD_INPUT, "no such database")
    try:
        with _database(args.db) as db:
            released = audit_heads.release(db, args.device_id)
    except (sqlite3.Error, OSError) as exc:
        return _fail(f"无法写入平台数据库 {args.db}：{exc}", EXIT_FAILURE, f"{type(exc).__name__}: {exc}")
    if not released:
        return _fail(
            f"设备 {args.device_id} 没有被暂停接收。", EXIT_BAD_INPUT, f"device {args.device_id} is not held"
        )
    print(f"released {args.device_id}: its next audit head starts afresh")
    return EXIT_OK


def cmd_admin_token(args: argparse.Namespace) -> int:
    """The bearer token of the operator views; anyone who can read the database can read it."""
    if not args.db.exists():
        return _fail(f"平台数据库 {args.db} 不存在", EXIT_BAD_INPUT, "no such database")
    try:
        with _database(args.db) as db:
            token = admin_token(db)
    except (sqlite3.Error, OSError) as exc:
        return _fail(f"无法读取平台数据库 {args.db}：{exc}", EXIT_FAILURE, f"{type(exc).__name__}: {exc}")
    print(token)
    return EXIT_OK


def cmd_cases(args: argparse.Namespace) -> int:
    if args.flavour == "gov-standard":
        from sync.gov_standard import commands as gov

        return gov.cases(args)
    if not args.db.exists():
        return _fail(f"平台数据库 {args.db} 不存在", EXIT_BAD_INPUT, "no such database")
    try:
        with _database(args.db) as db:
            found = views.cases(db, device_id=args.device)
    except (sqlite3.Error, OSError) as exc:
        return _fail(f"无法读取平台数据库 {args.db}：{exc}", EXIT_FAILURE, f"{type(exc).__name__}: {exc}")
    if args.json:
        print(json.dumps({"cases": found}, ensure_ascii=False, indent=2))
        return EXIT_OK
    _print_table(found)
    return EXIT_OK


def _print_table(found: list[dict[str, Any]]) -> None:
    if not found:
        print("平台上还没有办件。")
        return
    for case in found:
        official = case["official_number"] or "（未赋号）"
        print(
            f"{case['case_number']}  {official}  设备 {case['device_id']}  {case['status']}"
            f"  事件 {case['events']}  附件 {case['attachments']}"
            + (f"  证件 {case['id_kind']}" if case["id_kind"] not in (None, "resident") else "")
        )
        for matter in case["matters"]:
            print(
                f"    {matter['code'] or '（无实施编码）'}  {matter['name']}  {matter['dept']}  {matter['status']}"
            )
        for p in case.get("special_procedures", ()):  # 特别程序: the clock paused (行政许可法 §45)
            end = p["ended_on"] or "进行中"
            print(f"    特别程序 {p['kind']}  {p['matter_id'] or '整个办件'}  {p['started_on']} → {end}")
        if case.get("special_procedures"):
            print(f"    办结期限 {case['due_date'] or '以部门告知为准'}")
    print(f"共 {len(found)} 件。")
