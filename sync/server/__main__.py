"""``python -m sync.server serve …``: the ``tongban platform`` commands without the ``tongban`` script."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from typing import cast

from core.cli.main import TongbanArgumentParser
from sync.server.commands import register


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list[:1] != ["platform"] and args_list[:1] not in (["-h"], ["--help"]):
        args_list.insert(0, "platform")
    parser = TongbanArgumentParser(prog="python -m sync.server", description="通办 参考省级平台")
    parser.add_argument("-v", "--verbose", action="store_true", help="输出调试日志 (debug logging)")
    sub = cast(
        "argparse._SubParsersAction[argparse.ArgumentParser]",
        parser.add_subparsers(dest="command", metavar="COMMAND", required=True),
    )
    register(sub)
    args = parser.parse_args(args_list)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    try:
        return int(args.handler(args))
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
