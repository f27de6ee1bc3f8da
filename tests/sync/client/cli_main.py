"""``tongban`` with exactly this client's ``sync`` group mounted, whatever the installed entry points
say (a fresh checkout may not be reinstalled yet); also runnable as a script for subprocess tests."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import Any

from core.cli import main as cli
from sync.client_commands import register

Register = Callable[[Any], None]


def contributors() -> list[tuple[str, Register]]:
    found = [(name, fn) for name, fn in _original() if name != "sync"]
    return [*found, ("sync", register)]


_original = cli._contributors


def run(argv: Sequence[str]) -> int:
    cli._contributors = contributors
    try:
        return cli.main(argv)
    finally:
        cli._contributors = _original


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
