"""The window client's contribution to ``tongban``: staff operations that join the store and the devices.

``cases print`` lives here rather than in core because it drives a printer (core imports no
devices); it needs no Qt and imports none.
"""

from __future__ import annotations

import argparse

from core.cli.context import Context
from core.cli.main import subcommands_of
from core.errors import ValidationError
from core.printing import KINDS, PrintService
from devices.errors import DeviceUriError
from qtkit.printer_sink import DevicePrinterSink


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    cases = subcommands_of(sub, "cases")
    p = cases.add_parser("print", help="打印受理回执或一次性告知书 (print a case's receipt)")
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
        help="receipt 受理回执（默认）/ notice 一次性告知书",
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


def _sink(args: argparse.Namespace, ctx: Context) -> DevicePrinterSink:
    uri = args.printer or ctx.config.devices.get("printer")
    if not uri:
        raise ValidationError(
            "--printer", "请用 --printer 指定打印机，或在配置文件的 [devices] 中设置 printer"
        )
    try:
        return DevicePrinterSink(uri, args.timeout)
    except DeviceUriError as exc:
        raise ValidationError("--printer", exc.message, exc.detail) from None


def _service(args: argparse.Namespace, ctx: Context) -> PrintService:
    return PrintService(ctx.store, ctx.clock, ctx.config, args.operator or ctx.config.operator)


def cmd_print(args: argparse.Namespace) -> int:
    ctx = Context.from_args(args)
    try:
        sink = _sink(args, ctx)
        case = ctx.cases(args.operator).get(args.number)
        job = _service(args, ctx).print_case(case, args.kind, sink)
    finally:
        ctx.close()
    what = KINDS[args.kind] + ("（补打）" if job.reprint else "")
    print(f"已打印{what}：办件 {args.number}，打印任务 #{job.id}。")
    return 0


def cmd_print_retry(args: argparse.Namespace) -> int:
    ctx = Context.from_args(args)
    try:
        done = _service(args, ctx).retry_open(_sink(args, ctx))
    finally:
        ctx.close()
    print(f"已重打 {len(done)} 份回执。" if done else "没有待重打的回执。")
    return 0
