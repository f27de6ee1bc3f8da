"""Entry point of ``tongban``: global options, subcommands found through entry points, exit codes.

Each package contributes its subcommands through the ``tongban.commands`` entry-point group
(pyproject.toml), so core never imports the packages above it. A contributor is a function
``register(subcommands)`` that adds parsers and sets ``handler=fn`` with ``fn(args) -> int``.
Exit codes: 0 success, 1 failure of the environment (device, key, store), 2 bad input.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Sequence
from importlib.metadata import entry_points
from pathlib import Path
from typing import NoReturn, cast

from core.errors import TongbanError

logger = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_BAD_INPUT = 2


class TongbanArgumentParser(argparse.ArgumentParser):
    """argparse with a Chinese lead-in on usage errors (exit 2, never a traceback)."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: 参数有误 / bad arguments: {message}\n")


def default_data_dir() -> Path:
    """``TONGBAN_DATA_DIR`` if set, else the platform's per-user data directory."""
    env = os.environ.get("TONGBAN_DATA_DIR")
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("tongban", appauthor=False))


def _contributors() -> list[
    tuple[str, Callable[[argparse._SubParsersAction[argparse.ArgumentParser]], None]]
]:
    found = sorted(entry_points(group="tongban.commands"), key=lambda ep: (ep.name != "core", ep.name))
    return [(ep.name, ep.load()) for ep in found]


def subcommands_of(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], name: str
) -> argparse._SubParsersAction[argparse.ArgumentParser]:
    """The subcommand set of the command ``name`` (e.g. "cases"), for a contributor that adds to it."""
    parser = sub.choices[name]
    for action in parser._actions:  # argparse keeps no public handle on a parser's subparsers
        if isinstance(action, argparse._SubParsersAction):
            return action
    raise LookupError(f"command {name!r} has no subcommands")


def build_parser() -> argparse.ArgumentParser:
    parser = TongbanArgumentParser(
        prog="tongban",
        description="通办 Tongban：政务服务大厅综合窗口与自助终端（离线可用）。",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="数据目录 (data directory; default: $TONGBAN_DATA_DIR or the platform's user data dir)",
    )
    parser.add_argument(
        "--config", type=Path, default=None, help="设备配置文件 (default: DATA_DIR/tongban.toml)"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="输出调试日志 (debug logging)")
    # Subcommand parsers are TongbanArgumentParsers too (argparse uses the parent's class).
    sub = cast(
        "argparse._SubParsersAction[argparse.ArgumentParser]",
        parser.add_subparsers(dest="command", metavar="COMMAND"),
    )
    sub.required = True
    for _name, register in _contributors():
        register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        # Without -v only errors: every failure a user can cause is already told in Chinese and English.
        level=logging.DEBUG if args.verbose else logging.ERROR,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        force=True,  # python-escpos calls basicConfig() on import; ours must win
    )
    if args.data_dir is None:
        args.data_dir = default_data_dir()
    if args.config is None:
        args.config = args.data_dir / "tongban.toml"
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
    except TongbanError as exc:
        _say(exc)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `tongban cases list | head`: the reader left; that is not an error of ours.
        sys.stderr.close()
        return EXIT_OK


def _say(exc: TongbanError) -> None:
    print(f"错误：{exc}", file=sys.stderr)
    if exc.detail and exc.detail != exc.message:
        print(f"error: {exc.detail}", file=sys.stderr)
