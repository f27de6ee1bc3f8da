"""The window client's contribution to ``tongban``: staff operations that join the store and the devices.

``cases print`` lives here rather than in core because it drives a printer (core imports no
devices); it needs no Qt and imports none. ``window`` and the GUI ``demo`` import Qt only when run.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from core.cli.main import extend, subcommands_of
from core.errors import ValidationError

if TYPE_CHECKING:
    from core.cases.model import Case
    from core.cli.context import Context
    from core.printing import Prepared, PrintService
    from core.store.print_jobs import PrintJob
    from core.store.store import Store


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    register_window(sub)
    extend(sub, "cases", _fill_cases)


def _fill_cases(parser: argparse.ArgumentParser) -> None:
    """``cases print`` and ``cases print-retry``, added to core's ``cases`` when it is used."""
    from core.printing import KINDS

    cases = subcommands_of(parser)
    p = cases.add_parser("print", help="打印受理回执或通知书 (print a case's receipt or notice)")
    p.add_argument("number", metavar="NUMBER", help="办件编号")
    p.add_argument(
        "--printer",
        default=None,
        metavar="URI",
        help="打印机地址，如 tcp:10.0.0.5:9100、file:receipt.bin、sim（默认：配置文件 [devices] printer）",
    )
    p.add_argument(
        "--kind",
        choices=sorted(KINDS),
        default="receipt",
        help="receipt 受理回执（默认）/ notice 容缺受理通知书 / supplement 一次性补正告知书 / rejection 不予受理通知书",
    )
    p.add_argument("--operator", default=None, help="经办人工号")
    p.add_argument("--timeout", type=float, default=10.0, metavar="S", help="打印机超时秒数（默认 10）")
    p.set_defaults(handler=cmd_print)

    retry = cases.add_parser(
        "print-retry", help="重打未打印成功的回执（缺纸、离线后）(retry open print jobs)"
    )
    retry.add_argument(
        "--printer", default=None, metavar="URI", help="打印机地址（默认：配置文件 [devices] printer）"
    )
    retry.add_argument("--operator", default=None, help="经办人工号")
    retry.add_argument("--timeout", type=float, default=10.0, metavar="S", help="打印机超时秒数（默认 10）")
    retry.set_defaults(handler=cmd_print_retry)

    refuse = cases.choices["refuse"]  # core's cases refuse: its notice printed here (core has no printer)
    refuse.add_argument(
        "--print", dest="print_it", action="store_true", help="在配置文件的打印机上打印通知书"
    )
    refuse.add_argument(
        "--printer", default=None, metavar="URI", help="在此打印机上打印通知书，如 file:notice.bin、sim"
    )
    refuse.add_argument("--timeout", type=float, default=10.0, metavar="S", help="打印机超时秒数（默认 10）")
    refuse.set_defaults(print_notice=print_refusal_notice)


def _print(
    args: argparse.Namespace, ctx: Context, prepare: Callable[[PrintService], list[Prepared]]
) -> list[PrintJob]:
    """Print what ``prepare`` records through the same print-and-settle chain as the GUIs
    (services.receipt_printing), every step on this one thread: there is no device manager here."""
    from core.printing import PrintService
    from devices.errors import DeviceUriError  # printer drivers load only when printing
    from services.receipt_printing import DirectPrinter, on_this_thread, print_prepared

    uri = args.printer or ctx.config.devices.get("printer")
    if not uri:
        raise ValidationError(
            "--printer", "请用 --printer 指定打印机，或在配置文件的 [devices] 中设置 printer"
        )
    try:
        printer = DirectPrinter(uri, args.timeout)
    except DeviceUriError as exc:
        raise ValidationError("--printer", exc.message, exc.detail) from None

    def service(store: Store) -> PrintService:
        return PrintService(store, ctx.clock, ctx.config, args.operator or ctx.config.operator)

    run = print_prepared(on_this_thread(ctx.store), printer, service, lambda store: prepare(service(store)))
    return run.result(timeout=0)  # already resolved: each step ran on this thread


def cmd_print(args: argparse.Namespace) -> int:
    from core.cli.context import Context, NewStore
    from core.printing import KINDS

    ctx = Context.from_args(args, NewStore.REFUSE)  # prints cases that must already be here
    try:
        case = ctx.cases(args.operator).get(args.number)
        (job,) = _print(args, ctx, lambda service: [service.prepare_kind(case, args.kind)])
    finally:
        ctx.close()
    what = KINDS[args.kind] + ("（补打）" if job.reprint else "")
    print(f"已打印{what}：办件 {args.number}，打印任务 #{job.id}。")
    return 0


def print_refusal_notice(args: argparse.Namespace, ctx: Context, case: Case) -> str:
    """``cases refuse --print/--printer``: the record's notice through the receipt chain (its job
    recorded, printed, settled); "" when no printing was asked for. The record is already durable:
    a printer that fails leaves the job open for ``cases print-retry``."""
    if not (args.print_it or args.printer):
        return ""
    from core.printing import KINDS, receipt_kinds

    (job,) = _print(args, ctx, lambda service: [service.prepare_kind(case, receipt_kinds(case)[0])])
    return f"已打印{KINDS[job.kind]}：打印任务 #{job.id}。"


def cmd_print_retry(args: argparse.Namespace) -> int:
    from core.cli.context import Context, NewStore

    ctx = Context.from_args(args, NewStore.REFUSE)
    try:
        done = _print(args, ctx, lambda service: service.prepare_open())
    finally:
        ctx.close()
    print(f"已重打 {len(done)} 份回执。" if done else "没有待重打的回执。")
    return 0


def register_window(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``tongban window`` (``tongban demo`` finds the window demo through the ``tongban.demos`` entry point)."""
    p = sub.add_parser("window", help="综合受理窗口客户端 (the window client GUI)")
    p.add_argument(
        "--profile",
        choices=("hall", "outreach"),
        default=None,
        help="hall 大厅窗口 / outreach 外出帮办（默认按配置 role）",
    )
    p.add_argument("--lang", choices=("zh_CN", "en"), default="zh_CN", help="界面语言（默认 zh_CN）")
    p.add_argument(
        "--lock-minutes", type=float, default=5.0, metavar="N", help="无操作 N 分钟后锁屏（默认 5；0 不锁屏）"
    )
    p.add_argument(
        "--offscreen", action="store_true", help="离屏运行脚本化演示（模拟外设 + 内嵌参考平台），保存截图"
    )
    p.add_argument(
        "--screenshots", type=Path, default=None, metavar="DIR", help="--offscreen 时截图保存到 DIR"
    )
    p.set_defaults(handler=cmd_window)


def cmd_window(args: argparse.Namespace) -> int:
    if args.lock_minutes < 0:
        raise ValidationError("--lock-minutes", "锁屏时间不能为负数")
    if args.offscreen:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from services.sandbox import sandbox_dir
        from window_client.demo import report_walkthrough

        data_dir = sandbox_dir(args.data_dir, prefix="tongban-window-")
        profile = args.profile or "hall"
        return report_walkthrough(
            args.screenshots or data_dir / "screenshots", data_dir, profile=profile, lang=args.lang
        )
    if args.screenshots is not None:
        raise ValidationError("--screenshots", "--screenshots 只能与 --offscreen 一起使用")
    from window_client.app import WindowOptions, run_window

    options = WindowOptions(
        data_dir=args.data_dir,
        config_path=args.config,
        profile=args.profile,
        lang=args.lang,
        lock_minutes=args.lock_minutes,
    )
    return run_window(options)
