"""Many devices syncing at once to one reference platform: cases per second, each landed exactly once.

Run: ``.venv/bin/python bench/sync_load.py [--devices 50] [--cases 200] [--attachment-kb 50]``.

Every simulated device has its own data directory, Store and enrollment (its own device number),
and takes ``--cases`` real cases with a distinct scanned page of ``--attachment-kb`` each. Then
all devices push at once, each on its own thread with its own Store and PlatformClient (one Store
per thread, DESIGN.md), retrying with the real backoff when the platform is busy. Prints
``cases_per_s=`` and checks, device by device, that the platform holds each event exactly once
with the device's receipts, and every attachment complete.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

from core.catalog import load_catalog
from core.catalog.model import Catalog
from core.config import DeviceConfig
from core.store.store import Store
from sync import backoff, contract
from sync.enrollment import client_for, enroll
from sync.service import SyncService

sys.path.insert(0, str(Path(__file__).resolve().parent))  # sync_bench is a sibling script, not a package
from sync_bench import CLOCK, Platform, add_cases


def _scan(device: int, size: int) -> Callable[[int], bytes]:
    rng = random.Random(device)

    def page(n: int) -> bytes:  # JPEG-like: incompressible, distinct per device and case
        return b"\xff\xd8\xff\xe0" + rng.randbytes(size) + bytes([n % 256]) + b"\xff\xd9"

    return page


def prepare(root: Path, device: int, platform: Platform, catalog: Catalog, cases: int, size: int) -> Path:
    data_dir = root / f"device-{device:03d}"
    with Store.open(data_dir, clock=CLOCK) as store:
        config = DeviceConfig.demo(device_no=device)
        enroll(store, config, CLOCK, platform.url, platform.issue_code())
        add_cases(store, catalog, cases, _scan(device, size), config)
    return data_dir


def push(data_dir: Path, catalog: Catalog, start: threading.Barrier) -> tuple[int, int]:
    """One device's sync worker: rounds until its outbox is empty; returns (rounds, failed rounds)."""
    rng = random.Random(str(data_dir))
    rounds = failed = 0
    with Store.open(data_dir, clock=CLOCK) as store, client_for(store, timeout=(3.05, 60)) as client:
        service = SyncService(store, client, CLOCK, lambda: catalog, pull_catalog=False)
        start.wait()
        while True:
            report = service.run_once()
            rounds += 1
            if report.ok and (report.pending == 0 or report.pushed == 0):
                return rounds, failed  # all delivered, or only quarantined cases left (verify says so)
            failed += 0 if report.ok else 1
            if failed > 50:
                raise RuntimeError(f"{data_dir.name}: {report.error_detail}")
            time.sleep(backoff.next_attempt_at(0.0, failed, rng, retry_after=report.retry_after_s))


def verify(data_dir: Path, platform: Platform) -> int:
    """The platform holds each of this device's events once, with the receipts the device stored."""
    with Store.open(data_dir, clock=CLOCK) as store:
        reply = requests.get(
            platform.url + contract.P_ADMIN_EVENTS,
            params={"device_id": store.device_id},
            headers=platform.admin_headers(),
            timeout=(3, 60),
        )
        reply.raise_for_status()
        on_platform = {e["seq"]: e["receipt"] for e in reply.json()["events"]}
        assert len(on_platform) == len(reply.json()["events"]), f"{data_dir.name}: an event stored twice"
        mine = {e.seq: e.receipt for c in store.list_cases(limit=100_000) for e in store.events_for(c.number)}
        assert store.pending_count() == 0, f"{data_dir.name}: events left in the outbox"
        assert mine == on_platform, f"{data_dir.name}: the platform and the device disagree"
        return len(mine)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--devices", type=int, default=50)
    parser.add_argument("--cases", type=int, default=200, help="cases per device")
    parser.add_argument("--attachment-kb", type=int, default=50)
    parser.add_argument("--dir", type=Path, default=None)
    args = parser.parse_args(argv)
    if args.dir is None:  # ~1.3 GB of devices and attachments: never left behind in the temp directory
        with tempfile.TemporaryDirectory(prefix="tongban-sync-load-") as temp:
            return run(args, Path(temp))
    return run(args, args.dir)


def run(args: argparse.Namespace, root: Path) -> int:
    catalog = load_catalog()
    platform = Platform(root / "platform").start()
    try:
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=min(8, os.cpu_count() or 2)) as pool:
            dirs = list(
                pool.map(
                    lambda d: prepare(root, d, platform, catalog, args.cases, args.attachment_kb * 1024),
                    range(1, args.devices + 1),
                )
            )
        total = args.devices * args.cases
        print(
            f"prepared {args.devices} devices x {args.cases} cases in {time.perf_counter() - started:.1f}s",
            flush=True,
        )
        barrier = threading.Barrier(args.devices + 1)
        with ThreadPoolExecutor(max_workers=args.devices) as pool:
            futures = [pool.submit(push, d, catalog, barrier) for d in dirs]
            barrier.wait()
            started = time.perf_counter()
            results = [f.result() for f in futures]
            elapsed = time.perf_counter() - started
        landed = sum(verify(d, platform) for d in dirs)
        stats = platform.stats()
        assert landed == total and stats["cases"] == total and stats["events"] == total, stats
        assert stats["attachments_complete"] == total and stats["attachments_partial"] == 0, stats
        rounds = sum(r for r, _ in results)
        failed = sum(f for _, f in results)
        megabytes = total * args.attachment_kb / 1024
        print(
            f"devices={args.devices} cases={total} attachments_mb={megabytes:.0f} seconds={elapsed:.1f} "
            f"rounds={rounds} failed_rounds={failed}",
            flush=True,
        )
        print(f"cases_per_s={total / elapsed:.1f} exactly_once=ok", flush=True)
    finally:
        platform.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
