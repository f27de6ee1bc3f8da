"""A second process that keeps taking cases into a data directory until told to stop (for the backup tests).

Usage: python backup_writer.py DATA_DIR CASE_JSON STOP_FILE. Like a window client it holds one
store (one SQLite connection) open the whole time, so what it commits sits in the WAL until a
checkpoint, not yet in the database file. Prints one line per accepted case (its number), flushed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from core.cli.context import Context
from core.cli.intake_json import load_intake_file


def write_until_stopped(data: Path, case: Path, stop: Path) -> None:
    doc = load_intake_file(case, data_dir=data)
    ctx = Context(data_dir=data, config_path=data / "tongban.toml")
    try:
        service = ctx.cases("window01")
        while not stop.exists():
            print(service.accept(doc.request).number, flush=True)
    finally:
        ctx.close()


if __name__ == "__main__":
    write_until_stopped(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
