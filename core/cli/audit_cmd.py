"""``tongban audit verify``: walk the hash-chained audit log and say whether it is intact."""

from __future__ import annotations

import argparse

from core.cli.context import Context, NewStore, print_json


def fill(p: argparse.ArgumentParser) -> None:
    """The arguments of ``tongban audit`` (core.cli.commands adds the command)."""
    cs = p.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    verify = cs.add_parser("verify", help="校验审计日志哈希链 (verify the hash chain)")
    verify.add_argument("--json", action="store_true", help="以 JSON 输出")
    verify.set_defaults(handler=cmd_verify)


def cmd_verify(args: argparse.Namespace) -> int:
    ctx = Context.from_args(args, NewStore.REFUSE)  # verifying a log that is not there is a typo
    try:
        result = ctx.store.verify_audit()
    finally:
        ctx.close()
    if args.json:
        print_json(
            {
                "ok": result.ok,
                "entries": result.entries,
                "first_bad": result.first_bad,
                "reason": result.reason,
            }
        )
    elif result.ok:
        print(f"审计日志完整：共 {result.entries} 条，哈希链校验通过。")
    else:
        print(f"审计日志已被篡改：第 {result.first_bad} 条起校验失败（{result.reason}）。")
    return 0 if result.ok else 1
