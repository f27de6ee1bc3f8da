"""Run by test_kill.py in a separate process: one sync round, to be SIGKILLed in the middle."""

from __future__ import annotations

import sys
from pathlib import Path

from core.catalog import load_catalog
from core.clock import SystemClock
from core.store.store import Store
from sync.enrollment import client_for
from sync.service import SyncService


def main(data_dir: Path, chunk_bytes: int, batch_size: int) -> int:
    clock = SystemClock()
    catalog = load_catalog()
    with Store.open(data_dir, clock=clock) as store, client_for(store, timeout=(1.0, 30.0)) as client:
        print("ready", flush=True)
        service = SyncService(
            store,
            client,
            clock,
            lambda: catalog,
            chunk_bytes=chunk_bytes,
            batch_size=batch_size,
            pull_catalog=False,
        )
        report = service.run_once()
    print("done" if report.ok else f"failed {report.error_code}", flush=True)
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])))
