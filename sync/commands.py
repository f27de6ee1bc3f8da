"""The sync package's contribution to ``tongban``: ``platform …`` (the reference platform) and ``sync …`` (the client)."""

from __future__ import annotations

import argparse

from sync.client_commands import register as register_sync
from sync.server.commands import register as register_platform


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    register_platform(sub)
    register_sync(sub)
