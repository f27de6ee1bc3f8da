"""Entry point of ``tongban``: global options, subcommands found through entry points, exit codes.

Each package contributes its subcommands through the ``tongban.commands`` entry-point group
(pyproject.toml), so core never imports the packages above it. A contributor is a function
``register(subcommands)`` that adds parsers and sets ``handler=fn`` with ``fn(args) -> int``.
Exit codes: 0 success, 1 failure of the environment (device, key, store), 2 bad input.

Start-up stays light: a contributor's module adds only the command names and their one-line
help, and hands the rest to ``fill_later(parser, fill)``. ``fill`` (which may import the heavy
modules the command needs) runs only when that command is parsed or its help is shown, so
``tongban --help`` or ``tongban cases list`` never loads Qt, OpenCV or the platform's server.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Sequence
from importlib.metadata import PackageNotFoundError, entry_points, version
from pathlib import Path
from typing import Any, NoReturn, cast

from core.cli.logs import configure_logging
from core.errors import TongbanError

logger = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_BAD_INPUT = 2


Fill = Callable[[argparse.ArgumentParser], None]


class TongbanArgumentParser(argparse.ArgumentParser):
    """argparse with a Chinese lead-in on usage errors (exit 2, never a traceback), whose
    arguments may be added later: see :meth:`defer` (main thread only)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._fills: list[Fill] = []
        self._filled = False

    def defer(self, fill: Fill) -> None:
        """Run ``fill(self)`` before this parser is first used; fills run in the order given.

        ``devices`` cannot import this module (it imports nothing of ours) and calls ``defer``
        by name when the parser has it.
        """
        if self._filled:
            fill(self)
        else:
            self._fills.append(fill)

    def _fill(self) -> None:
        self._filled = True
        while self._fills:
            self._fills.pop(0)(self)

    # argparse reaches a subcommand's parser only through these: parsing its arguments (called by
    # the parent's subparsers action), and printing its help or usage.
    def parse_known_args(self, *args: Any, **kwargs: Any) -> Any:
        self._fill()
        return super().parse_known_args(*args, **kwargs)

    def format_help(self) -> str:
        self._fill()
        return super().format_help()

    def format_usage(self) -> str:
        self._fill()
        return super().format_usage()

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: 参数有误 / bad arguments: {message}\n")


def fill_later(parser: argparse.ArgumentParser, fill: Fill) -> None:
    """Add ``parser``'s arguments when it is used (``tongban``'s parsers), or now (any other)."""
    if isinstance(parser, TongbanArgumentParser):
        parser.defer(fill)
    else:
        fill(parser)


def extend(sub: argparse._SubParsersAction[argparse.ArgumentParser], name: str, fill: Fill) -> None:
    """Add to another package's command ``name`` (e.g. ``cases print``), after its own arguments."""
    fill_later(sub.choices[name], fill)


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


def subcommands_of(parser: argparse.ArgumentParser) -> argparse._SubParsersAction[argparse.ArgumentParser]:
    """The subcommand set of a command's parser (e.g. "cases"), for a contributor that adds to it
    from a fill given to :func:`extend`."""
    for action in parser._actions:  # argparse keeps no public handle on a parser's subparsers
        if isinstance(action, argparse._SubParsersAction):
            return action
    raise LookupError(f"command {parser.prog!r} has no subcommands")


def installed_version() -> str:
    """The version of the installed ``tongban`` package (its metadata), or a plain note if it is not installed."""
    try:
        return version("tongban")
    except PackageNotFoundError:
        return "未安装 (not installed)"


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
    parser.add_argument(
        "--version",
        action="version",
        version=f"tongban {installed_version()}",
        help="显示版本 (show the version)",
    )
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
    if args.data_dir is None:
        args.data_dir = default_data_dir()
    # The journal under systemd, else DATA_DIR/tongban.log; stderr gets errors only without -v
    # (every failure a user can cause is already told there in Chinese and English).
    configure_logging(args.verbose, args.data_dir)
    if args.config is None:
        args.config = args.data_dir / "tongban.toml"
    elif not args.config.is_file():
        # Without this a mistyped --config would silently run on the defaults.
        what = ("不是文件", "is not a file") if args.config.exists() else ("不存在", "does not exist")
        print(f"错误：配置文件 {args.config} {what[0]}，请检查 --config。", file=sys.stderr)
        print(f"error: config file {args.config} {what[1]} (check --config)", file=sys.stderr)
        return EXIT_BAD_INPUT
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


if __name__ == "__main__":  # python -m core.cli.main
    # Through the package's own module, so that contributors and this run share one parser class.
    from core.cli.main import main as _main

    sys.exit(_main())
