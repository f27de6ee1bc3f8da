"""The sync package's contribution to ``tongban``: ``platform …`` (the reference platform) and ``sync …`` (the client).

Only the command names and their help are added here; the arguments, and the HTTP client and
server modules behind them, load when the command is used (core.cli.main: fill_later).
"""

from __future__ import annotations

import argparse

from core.cli.main import fill_later

PLATFORM_HELP = "参考省级平台 (reference provincial platform)"
SYNC_HELP = "与省级平台同步 (sync with the provincial platform)"
QUEUE_HELP = "大厅排队叫号 (the hall's queue)"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    fill_later(sub.add_parser("platform", help=PLATFORM_HELP), _fill_platform)
    fill_later(sub.add_parser("sync", help=SYNC_HELP), _fill_sync)
    fill_later(sub.add_parser("queue", help=QUEUE_HELP), _fill_queue)


def _fill_platform(parser: argparse.ArgumentParser) -> None:
    from sync.server.commands import fill

    fill(parser)


def _fill_sync(parser: argparse.ArgumentParser) -> None:
    from sync.client_commands import fill

    fill(parser)


def _fill_queue(parser: argparse.ArgumentParser) -> None:
    from sync.server.queue_commands import fill

    fill(parser)
