"""``tongban sync …``: enroll with the platform, run one round, show the state, run the daemon.

Mounted through the ``tongban.commands`` entry point (``sync = "sync.client_commands:register"``).
Exit codes as README: 0 done, 1 the platform or the environment failed, 2 bad input.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from dataclasses import replace
from pathlib import Path
from types import FrameType
from typing import Any

from core.cli.context import Context, NewStore, print_json, print_table
from core.config import load_config
from core.errors import ValidationError
from core.store.store import Store
from sync.commands import SYNC_HELP
from sync.daemon import SyncDaemon
from sync.enrollment import client_for, enroll
from sync.errors import SyncError
from sync.push import attachments_of
from sync.report import SyncReport
from sync.service import CurrentCatalog, SyncService
from sync.transport import PROBE_TIMEOUT

EXIT_OK = 0
EXIT_FAILURE = 1


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``sync`` with all its arguments (``tongban`` itself adds it through sync.commands)."""
    fill(sub.add_parser("sync", help=SYNC_HELP))


def fill(p: argparse.ArgumentParser) -> None:
    """The arguments of ``sync``."""
    ss = p.add_subparsers(dest="sync_command", metavar="ACTION", required=True)

    en = ss.add_parser("enroll", help="用一次性登记码把本机登记到平台 (enroll this device)")
    en.add_argument(
        "--platform", required=True, metavar="URL", help="平台地址，如 https://sync.example.gov.cn"
    )
    en.add_argument("--code", required=True, help="平台管理员发放的一次性登记码")
    en.add_argument("--ca", type=Path, default=None, metavar="FILE", help="平台证书的 CA 文件（PEM）")
    en.add_argument("--pin", default=None, metavar="SHA256", help="平台证书（DER）的 SHA-256 指纹")
    en.add_argument("--name", default=None, help="设备名称（显示在平台上）")
    en.add_argument(
        "--region",
        default=None,
        metavar="CODE",
        help="本大厅的 6 位行政区划代码（配置中没有时必填；没有设备编号时由平台分配并写入配置）",
    )
    en.add_argument("--json", action="store_true", help="以 JSON 输出")
    en.set_defaults(handler=cmd_enroll)

    once = ss.add_parser("once", help="立即同步一轮 (run one sync round)")
    once.add_argument("--json", action="store_true", help="以 JSON 输出")
    once.set_defaults(handler=cmd_once)

    st = ss.add_parser("status", help="同步状态：待上传、隔离办件、上次成功与出错 (sync status)")
    st.add_argument("--json", action="store_true", help="以 JSON 输出")
    st.set_defaults(handler=cmd_status)

    dm = ss.add_parser("daemon", help="持续同步，直到 Ctrl-C 或 SIGTERM (run until stopped)")
    dm.add_argument("--interval", type=float, default=30.0, metavar="SECONDS", help="无故障时两轮间隔（秒）")
    dm.set_defaults(handler=cmd_daemon)

    rel = ss.add_parser("release", help="解除办件的同步隔离，下一轮重试 (retry a quarantined case)")
    rel.add_argument("number", metavar="NUMBER")
    rel.set_defaults(handler=cmd_release)


def _fail(exc: SyncError) -> int:
    print(f"错误：{exc.message}", file=sys.stderr)
    if exc.detail and exc.detail != exc.message:
        print(f"error: {exc.detail}", file=sys.stderr)
    return EXIT_FAILURE


def cmd_enroll(args: argparse.Namespace) -> int:
    ctx = Context.from_args(args)
    try:
        config = ctx.config
        if args.region and args.region != config.region_code:
            if config.region_code:
                raise ValidationError(
                    "region",
                    f"配置文件 {ctx.config_path} 中的行政区划代码是 {config.region_code}，与 --region 不符。",
                    f"--region {args.region} differs from region_code {config.region_code} in {ctx.config_path}",
                )
            config = replace(config, region_code=args.region)
        enrollment = enroll(
            ctx.store,
            config,
            ctx.clock,
            args.platform,
            args.code,
            ca_file=args.ca,
            pin=args.pin,
            name=args.name,
            config_path=ctx.config_path,
        )
        device_id = ctx.store.device_id
    except SyncError as exc:
        return _fail(exc)
    finally:
        ctx.close()
    identity = load_config(ctx.config_path)  # with the number the platform assigned, if it did
    if args.json:
        print_json(
            {
                "device_id": device_id,
                "platform": enrollment.platform_url,
                "platform_id": enrollment.platform_id,
                "region_code": identity.region_code,
                "device_no": identity.device_no,
            }
        )
    else:
        print(
            f"已登记到平台 {enrollment.platform_url}（平台编号 {enrollment.platform_id}），本机设备号 {device_id}，"
            f"设备编号 {identity.region_code}-{identity.device_no:03d}。"
        )
    return EXIT_OK


def cmd_once(args: argparse.Namespace) -> int:
    ctx = Context.from_args(args)
    try:
        with client_for(ctx.store) as client:
            report = SyncService(
                ctx.store, client, ctx.clock, CurrentCatalog(ctx.data_dir), config=ctx.config
            ).run_once()
    except SyncError as exc:
        return _fail(exc)
    finally:
        ctx.close()
    if args.json:
        print_json(report.to_json())
    else:
        print(round_line(report))
        for line in report.problems:
            print(f"  注意：{line}")
        for number in report.quarantined:
            print(f"  隔离：办件 {number} 被平台拒收，后续事件暂停上传，请查看 tongban sync status")
    return EXIT_OK if report.ok else EXIT_FAILURE


def round_line(report: SyncReport) -> str:
    """One line per round for the CLI and the daemon's log."""
    stamp = report.started_at[11:19]
    if report.ok:
        return (
            f"{stamp} 同步完成：上传 {report.acked}/{report.pushed} 条事件，附件 {report.attachments_uploaded} 个"
            f"（{report.bytes_uploaded // 1024} KB），收到平台更新 {report.pulled_updates} 条，"
            f"待上传 {report.pending} 条，用时 {report.duration_s:.1f} 秒。"
        )
    return f"{stamp} 同步未完成：{report.error}（已上传 {report.acked} 条，待上传 {report.pending} 条）"


def _pending_attachment_bytes(store: Store) -> int:
    total = 0
    seen: set[str] = set()
    for event in store.pending_events():
        for sha in attachments_of(event.payload):
            if sha not in seen and not store.sync.is_uploaded(sha):
                seen.add(sha)
                total += store.attachment_size(sha) if store.has_attachment(sha) else 0
    return total


def status_data(store: Store, *, probe: bool = True) -> dict[str, Any]:
    """Everything `tongban sync status` shows, as JSON-ready data."""
    enrollment = store.sync.enrollment()
    state = store.sync.status()
    reachable: bool | None = None
    if probe and enrollment is not None:
        with client_for(store, timeout=PROBE_TIMEOUT) as client:
            reachable = client.reachable()
    return {
        "device_id": store.device_id,
        "platform": enrollment.platform_url if enrollment else None,
        "platform_id": enrollment.platform_id if enrollment else None,
        "adapter": enrollment.adapter if enrollment else None,
        "enrolled_at": enrollment.enrolled_at if enrollment else None,
        "reachable": reachable,
        "stage": state.stage.value,
        "pending_events": store.pending_count(),
        "pending_kiosk_ratings": store.kiosk_ratings.pending_count(),  # 好差评 with no case (POST /ratings)
        "pending_queue_events": store.queue_outbox.pending_count(),  # offline tickets for the hall server
        "pending_attachment_bytes": _pending_attachment_bytes(store),
        "last_attempt_at": state.last_attempt_at,
        "last_success_at": state.last_success_at,
        "last_error_at": state.last_error_at,
        "last_error_code": state.last_error_code,
        "last_error": state.last_error_message,
        "last_error_detail": state.last_error_detail,
        "consecutive_failures": state.consecutive_failures,
        "clock_skew_s": state.clock_skew_s,
        "quarantined": [
            {"case_number": q.case_number, "seq": q.seq, "code": q.code, "message": q.message, "at": q.at}
            for q in store.sync.quarantined()
        ],
        "rework": [
            {
                "case_number": r.case_number,
                "catalog_version": r.catalog_version,
                "message": r.message,
                "at": r.at,
            }
            for r in store.sync.rework()
        ],
    }


def cmd_status(args: argparse.Namespace) -> int:
    ctx = Context.from_args(args)
    try:
        data = status_data(ctx.store)
    finally:
        ctx.close()
    if args.json:
        print_json(data)
        return EXIT_OK
    if data["platform"] is None:
        print("本机尚未登记到省级平台（tongban sync enroll --platform 地址 --code 登记码）。")
    else:
        print(f"平台：{data['platform']}（{'可以连接' if data['reachable'] else '连不上'}）")
    print(
        f"待上传事件：{data['pending_events']} 条；待上传附件 {data['pending_attachment_bytes'] // 1024} KB"
    )
    if data["pending_kiosk_ratings"]:
        print(f"待上传自助终端评价（无办件）：{data['pending_kiosk_ratings']} 条")
    if data["pending_queue_events"]:
        print(f"待交大厅叫号系统的排队记录（离线取号）：{data['pending_queue_events']} 条")
    print(f"上次成功同步：{_when(data['last_success_at'])}")
    if data["consecutive_failures"]:
        print(
            f"上次出错：{_when(data['last_error_at'])} {data['last_error']}"
            f"（已连续失败 {data['consecutive_failures']} 次）"
        )
    skew = data["clock_skew_s"]
    if skew is not None:
        print(f"时钟：本机比平台{'快' if skew >= 0 else '慢'} {abs(skew) / 60:.0f} 分钟，请校准本机时间。")
    if data["quarantined"]:
        print("\n被平台拒收、暂停上传的办件（请核对后处理，处理后可执行 tongban sync release 编号）：")
        print_table(
            ("办件编号", "事件", "原因代码", "说明"),
            [(q["case_number"], q["seq"], q["code"], q["message"]) for q in data["quarantined"]],
        )
    if data["rework"]:
        print("\n平台退回、需重新办理的办件：")
        print_table(
            ("办件编号", "目录版本", "说明"),
            [(r["case_number"], r["catalog_version"], r["message"]) for r in data["rework"]],
        )
    return EXIT_OK


def _when(stamp: str | None) -> str:
    return stamp[:19].replace("T", " ") if stamp else "从未"


def cmd_release(args: argparse.Namespace) -> int:
    ctx = Context.from_args(args, NewStore.REFUSE)  # releases a case that must already be here
    try:
        number = ctx.cases().get(args.number).number
        released = ctx.store.sync.release(number)  # ReleaseRefused (exit 1) when a retry cannot help
    finally:
        ctx.close()
    print(f"办件 {number} 已解除隔离，下一轮同步时重试。" if released else f"办件 {number} 未被隔离。")
    return EXIT_OK


def cmd_daemon(args: argparse.Namespace) -> int:
    data_dir, config_path = args.data_dir, args.config
    probe_ctx = Context(data_dir=data_dir, config_path=config_path)
    try:
        client_for(probe_ctx.store).close()  # fail now, on the main thread, if not enrolled
        config = probe_ctx.config
    except SyncError as exc:
        return _fail(exc)
    finally:
        probe_ctx.close()
    clock = probe_ctx.clock
    catalog = CurrentCatalog(data_dir)
    daemon = SyncDaemon(
        lambda: Store.open(data_dir, clock=clock),
        client_for,
        lambda store, client: SyncService(store, client, clock, catalog, config=config),
        on_report=lambda report: print(round_line(report), flush=True),
        interval=args.interval,
    )
    stopped = threading.Event()

    def _on_signal(signum: int, _frame: FrameType | None) -> None:
        stopped.set()

    previous = {sig: signal.signal(sig, _on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    print(f"同步守护已启动（间隔 {args.interval:.0f} 秒），按 Ctrl-C 停止。", flush=True)
    daemon.start()
    try:
        while not stopped.wait(0.5):
            if not daemon.running:
                break
    finally:
        daemon.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    print("同步守护已停止。", flush=True)
    return EXIT_FAILURE if daemon.crashed is not None else EXIT_OK
