"""The entry of the frozen Windows bundle: ``tongban.exe`` (console) and ``tongban-window.exe`` (no console).

Both executables run this one script (installer/windows/tongban.spec):

- ``tongban.exe ARGS`` is the ``tongban`` command line (doctor, backup, restore, sync …);
- ``tongban-window.exe [ARGS]`` is ``tongban window [ARGS]``, the window client, for the Start-menu
  shortcut; a windowed program has no console, so its stdout and stderr (None there) go to
  ``os.devnull`` and the log goes to the data directory's tongban.log (core/cli/logs.py);
- ``… -m MODULE ARGS`` runs MODULE as ``python -m`` would: the demonstration hall starts its
  embedded platform as ``sys.executable -m sync.server`` (services/sandbox.py), and in a frozen
  bundle ``sys.executable`` is this program, not a Python.
"""

from __future__ import annotations

import os
import runpy
import sys
from pathlib import Path


def _run() -> int:
    args = sys.argv[1:]
    if len(args) >= 2 and args[0] == "-m":
        sys.argv = [args[1], *args[2:]]
        runpy.run_module(args[1], run_name="__main__", alter_sys=True)
        return 0
    if sys.stdout is None or sys.stderr is None:  # a windowed executable
        sink = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives as long as the process
        sys.stdout = sys.stdout or sink
        sys.stderr = sys.stderr or sink
    from core.cli.main import main

    if Path(sys.executable).stem.lower() == "tongban-window":
        return main(["window", *args])
    return main(args)


if __name__ == "__main__":
    sys.exit(_run())
