"""``tongban sync export --to DIR`` and ``tongban sync import DIR``: sync by hand over a USB stick.

Exit codes as README: 0 done, 1 the environment failed (store, disk), 2 the stick's content was
refused (tampered, foreign, half-written, a replayed receipt) or there was nothing to import.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from core.cli.context import Context, NewStore, print_json
from core.errors import TongbanError
from sync.bundle_export import export_bundle
from sync.bundle_import import import_receipt

EXIT_OK, EXIT_FAILURE = 0, 1


def fill_bundle(ss: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The ``export`` and ``import`` actions of ``sync``."""
    ex = ss.add_parser(
        "export", help="把尚未被平台确认的数据加密签名导出到 U 盘 (export unacknowledged data to a USB stick)"
    )
    ex.add_argument("--to", required=True, type=Path, metavar="DIR", help="U 盘上的文件夹")
    ex.add_argument("--json", action="store_true", help="以 JSON 输出")
    ex.set_defaults(handler=cmd_export)

    im = ss.add_parser(
        "import", help="导入 U 盘上平台写回的回执 (apply the platform's receipt from a USB stick)"
    )
    im.add_argument("folder", type=Path, metavar="DIR", help="U 盘上的文件夹（导出时的那个）")
    im.add_argument("--json", action="store_true", help="以 JSON 输出")
    im.set_defaults(handler=cmd_import)


def _fail(exc: TongbanError | OSError) -> int:
    if isinstance(exc, OSError):
        print(f"错误：读写 U 盘或数据目录失败：{exc.strerror or exc}", file=sys.stderr)
        print(f"error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    print(f"错误：{exc.message}", file=sys.stderr)
    if exc.detail and exc.detail != exc.message:
        print(f"error: {exc.detail}", file=sys.stderr)
    return exc.exit_code


def cmd_export(args: argparse.Namespace) -> int:
    ctx = Context.from_args(args, NewStore.REFUSE)
    try:
        s = export_bundle(ctx.store, ctx.clock, args.to, ctx.catalog.version)
    except (TongbanError, OSError) as exc:
        return _fail(exc)
    finally:
        ctx.close()
    if args.json:
        print_json(
            {
                "folder": str(s.folder),
                "bundle_id": s.bundle_id,
                "export_no": s.export_no,
                "events": s.events,
                "cases": s.cases,
                "attachments": s.attachments,
                "ratings": s.ratings,
                "bytes": s.bytes,
                "seq_first": s.seq_first,
                "seq_last": s.seq_last,
                "left_out": list(s.left_out),
            }
        )
        return EXIT_OK
    print(
        f"已导出第 {s.export_no} 次：{s.cases} 件办件的 {s.events} 条事件、附件 {s.attachments} 个、"
        f"评价 {s.ratings} 条（{s.bytes // 1024} KB）到 {s.folder}。数据在平台回执导入前仍算未上传。"
    )
    print(
        f"export {s.export_no}: {s.events} events of {s.cases} cases, {s.attachments} attachments,"
        f" {s.ratings} ratings ({s.bytes} bytes) written to {s.folder}; nothing is acknowledged until"
        " the platform's receipt is imported"
    )
    for number in s.left_out:
        print(f"  注意：办件 {number} 的附件在本机无法读取，未导出（联网同步时将显示原因）。")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    ctx = Context.from_args(args, NewStore.REFUSE)
    try:
        s = import_receipt(ctx.store, ctx.clock, ctx.catalog, ctx.config, args.folder)
    except (TongbanError, OSError) as exc:
        return _fail(exc)
    finally:
        ctx.close()
    if args.json:
        print_json(
            {
                "export_no": s.export_no,
                "already_applied": s.already_applied,
                "acked": s.acked,
                "duplicates": s.duplicates,
                "quarantined": list(s.quarantined),
                "pulled_updates": s.pulled_updates,
                "applied_updates": s.applied_updates,
                "staff_accounts": s.staff_accounts,
                "ratings": s.ratings,
                "pending": s.pending,
                "problems": list(s.problems),
            }
        )
        return EXIT_OK
    if s.already_applied:
        print(f"第 {s.export_no} 次导出的回执已导入过，本次未作任何更改。")
        print(f"receipt for export {s.export_no} was already applied; nothing changed")
        return EXIT_OK
    print(
        f"已导入第 {s.export_no} 次导出的平台回执：确认 {s.acked} 条事件，平台更新 {s.applied_updates} 条，"
        f"评价 {s.ratings} 条；仍待上传 {s.pending} 条。"
    )
    print(
        f"receipt for export {s.export_no} applied: {s.acked} events acknowledged, {s.applied_updates} updates"
        f" applied, {s.pending} events still pending"
    )
    for line in s.problems:
        print(f"  注意：{line}")
    for number in s.quarantined:
        print(f"  隔离：办件 {number} 被平台拒收，请查看 tongban sync status")
    return EXIT_OK
