"""Sync push throughput against a plain ``requests`` loop, and how fast sync resumes after an outage.

Run: ``.venv/bin/python bench/sync_bench.py [--cases 5000] [--batch 200] [--dir PATH]``.

1. Two reference platforms (``python -m sync.server serve``, departments off) with identical
   settings. The real client (SyncService: read and decrypt the outbox, gzip, sign, post, check
   every reply against its schema, commit the receipts) pushes N real cases to one; a plain loop
   posts the same event JSON, signed, in the same batch sizes, to the same endpoint of the other.
   Prints ``ratio=<client seconds / plain seconds>``.
2. The platform is stopped while a SyncDaemon backs off, then restarted on the same port; prints
   ``recovery_s=`` — seconds from the restart to the first acknowledged event (aim: ≤ 2 s).
"""

from __future__ import annotations

import argparse
import base64
import json
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import requests

from core.cases.intake import IntakeRequest, MaterialInput
from core.cases.model import ItemState
from core.cases.service import CaseService
from core.catalog import build_checklist, load_catalog
from core.catalog.answers import answers_from_json
from core.catalog.model import Catalog, FieldType, MaterialSource
from core.clock import SystemClock
from core.config import DeviceConfig
from core.store.store import Store
from sync import contract
from sync.daemon import SyncDaemon
from sync.enrollment import client_for, enroll
from sync.push import wire_event
from sync.report import SyncReport
from sync.service import SyncService
from sync.transport import encode_json, signed_headers

REPO = Path(__file__).resolve().parents[1]
CLOCK = SystemClock()
APPLICANT = {"name": "林晓雨", "id_number": "320115199003070043", "phone": "13912345678"}
_SAMPLES: dict[FieldType, str | int] = {
    FieldType.NAME: "王小明",
    FieldType.ID_NUMBER: "320115198805120036",
    FieldType.PHONE: "13800138000",
    FieldType.DATE: "2026-11-20",
    FieldType.SEX: "男",
    FieldType.ADDRESS: "南京市江宁区东山街道竹山路 8 号",
    FieldType.BIRTH_CERT_NO: "Q320123456",
    FieldType.INT: 1,
}


def newborn_request(catalog: Catalog, scan: bytes | None = None) -> IntakeRequest:
    """A valid 出生一件事 intake; ``scan`` is attached to the first applicant material."""
    answers: dict[str, Any] = {"married": True, "follow": "father"}
    bundle = catalog.bundle("newborn")
    while True:
        checklist = build_checklist(catalog, "newborn", answers_from_json(bundle, answers))
        if not checklist.unanswered:
            break
        question = checklist.unanswered[0]
        answers[question.id] = False if question.type.value == "bool" else question.options[0].value
    materials: dict[str, MaterialInput] = {}
    for item in checklist.items:
        m = item.material
        if m.source is MaterialSource.GENERATED:
            continue
        if scan is not None and m.source is MaterialSource.APPLICANT:
            materials[m.id] = MaterialInput(ItemState.SCANNED, pages=(scan,))
            scan = None
        else:
            materials[m.id] = MaterialInput(ItemState.E_LICENCE if m.licence else ItemState.PAPER)
    form = {
        f.id: f.options[0].value if f.options else _SAMPLES.get(f.type, "情况说明")
        for f in checklist.fields
        if f.prefill is None
    }
    return IntakeRequest("newborn", dict(APPLICANT), answers, materials, form)


class Platform:
    """A reference platform subprocess on one database; it may be stopped and restarted on its port."""

    def __init__(self, workdir: Path) -> None:
        workdir.mkdir(parents=True, exist_ok=True)
        self.db = workdir / "platform.db"
        self.log = workdir / "platform.log"
        self.port = 0
        self.url = ""
        self._proc: subprocess.Popen[str] | None = None

    def start(self) -> Platform:
        command = [
            sys.executable,
            "-m",
            "sync.server",
            "serve",
            "--db",
            str(self.db),
            "--port",
            str(self.port),
        ]
        with self.log.open("a") as log:
            self._proc = subprocess.Popen(
                [*command, "--no-departments", "--exit-with-stdin"],  # a killed bench takes it along
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log,
                text=True,
                cwd=REPO,
            )
        assert self._proc.stdout is not None
        line = self._proc.stdout.readline().strip()
        if not line.startswith("listening on "):
            raise SystemExit(f"the reference platform did not start (see {self.log})")
        self.url = line.removeprefix("listening on ")
        self.port = int(self.url.rsplit(":", 1)[1])
        return self

    def stop(self) -> None:
        if self._proc is not None:
            self._proc.send_signal(signal.SIGTERM)
            self._proc.wait(30)
            for pipe in (self._proc.stdin, self._proc.stdout):
                if pipe:
                    pipe.close()
            self._proc = None

    def issue_code(self) -> str:
        from sync.server.auth import issue_code
        from sync.server.db import open_platform_db

        db = open_platform_db(self.db)
        try:
            code: str = issue_code(db, CLOCK.now())
            return code
        finally:
            db.close()

    def admin_headers(self) -> dict[str, str]:
        """The operator views' bearer token (``platform admin-token``), read from the database."""
        from sync.server.db import admin_token, open_platform_db

        db = open_platform_db(self.db)
        try:
            return {"Authorization": f"Bearer {admin_token(db)}"}
        finally:
            db.close()

    def stats(self) -> dict[str, Any]:
        reply = requests.get(self.url + contract.P_ADMIN_STATS, headers=self.admin_headers(), timeout=(2, 30))
        reply.raise_for_status()
        result: dict[str, Any] = reply.json()
        return result


def add_cases(
    store: Store,
    catalog: Catalog,
    count: int,
    scan: Callable[[int], bytes] | None = None,
    config: DeviceConfig | None = None,
) -> None:
    """``count`` real cases; ``config`` must carry the device number the device enrolled with."""
    cases = CaseService(catalog, store, CLOCK, config or DeviceConfig.demo(), "window01")
    plain = newborn_request(catalog)
    for n in range(count):
        cases.accept(plain if scan is None else newborn_request(catalog, scan(n)))


def plain_push(
    url: str, device_id: str, secret: bytes, events: list[contract.WireEvent], batch: int
) -> float:
    """The baseline: the same JSON, signed, posted in the same batch sizes with requests, nothing else."""
    with requests.Session() as session:
        session.get(url + contract.P_HEALTH, timeout=(3, 15)).raise_for_status()
        started = time.perf_counter()
        for start in range(0, len(events), batch):
            body = encode_json({"events": events[start : start + batch]})
            headers = signed_headers(secret, device_id, CLOCK, "POST", contract.P_EVENTS, body)
            headers["Content-Type"] = "application/json"
            reply = session.post(url + contract.P_EVENTS, data=body, headers=headers, timeout=(3.05, 60))
            reply.raise_for_status()
            assert len(reply.json()["receipts"]) == len(events[start : start + batch])
        return time.perf_counter() - started


def raw_enroll(url: str, code: str, device_id: str) -> bytes:
    request: dict[str, str | int] = {
        "code": code,
        "device_id": device_id,
        "region_code": "320115",
        "device_no": 1,
        "role": "window",
    }
    reply = requests.post(url + contract.P_ENROLL, json=request, timeout=(3, 15))
    reply.raise_for_status()
    return base64.b64decode(reply.json()["secret"])


def recovery(store: Store, platform: Platform, catalog: Catalog, data_dir: Path) -> float:
    """Seconds from the platform's restart to the first acknowledged event of a backed-off daemon."""
    platform.stop()
    add_cases(store, catalog, 20)
    failures = threading.Semaphore(0)

    def on_report(report: SyncReport) -> None:
        if not report.ok:
            failures.release()

    daemon = SyncDaemon(
        lambda: Store.open(data_dir, clock=CLOCK),
        client_for,
        lambda s, c: SyncService(s, c, CLOCK, lambda: catalog, pull_catalog=False),
        on_report=on_report,
    )
    daemon.start()
    try:
        for _ in range(4):  # let the backoff grow past the probe interval before the platform returns
            if not failures.acquire(timeout=60):
                raise SystemExit("the daemon did not report its failed rounds")
        platform.start()
        back = time.perf_counter()
        while store.pending_count() >= 20:
            if time.perf_counter() - back > 60:
                raise SystemExit("no event was acknowledged within 60 s of the platform's return")
            time.sleep(0.005)
        return time.perf_counter() - back
    finally:
        daemon.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--cases", type=int, default=5000)
    parser.add_argument("--batch", type=int, default=contract.MAX_EVENTS_PER_BATCH)
    parser.add_argument("--dir", type=Path, default=None)
    args = parser.parse_args(argv)
    if args.dir is None:  # the bench's devices and platforms go with it
        with tempfile.TemporaryDirectory(prefix="tongban-sync-bench-") as temp:
            return run(args, Path(temp))
    return run(args, args.dir)


def run(args: argparse.Namespace, work: Path) -> int:
    catalog = load_catalog()
    data_dir = work / "device"
    plain_platform, client_platform = Platform(work / "p-plain").start(), Platform(work / "p-client").start()
    try:
        with Store.open(data_dir, clock=CLOCK) as store:
            started = time.perf_counter()
            add_cases(store, catalog, args.cases)
            print(f"prepared {args.cases} cases in {time.perf_counter() - started:.1f}s", flush=True)
            events = [wire_event(e, catalog.version) for e in store.pending_events()]
            secret = raw_enroll(plain_platform.url, plain_platform.issue_code(), store.device_id)
            plain_s = plain_push(plain_platform.url, store.device_id, secret, events, args.batch)
            enroll(store, DeviceConfig.demo(), CLOCK, client_platform.url, client_platform.issue_code())
            with client_for(store) as client:
                client.health()
                service = SyncService(
                    store, client, CLOCK, lambda: catalog, batch_size=args.batch, pull_catalog=False
                )
                started = time.perf_counter()
                report = service.run_once()
                client_s = time.perf_counter() - started
            assert report.ok and report.acked == len(events) and store.pending_count() == 0, report
            for platform in (plain_platform, client_platform):
                assert platform.stats()["events"] == len(events)
            print(
                f"events={len(events)} batch={args.batch} plain_s={plain_s:.2f} client_s={client_s:.2f} "
                f"client_events_per_s={len(events) / client_s:.0f}",
                flush=True,
            )
            print(f"ratio={client_s / plain_s:.2f}", flush=True)
            seconds = recovery(store, client_platform, catalog, data_dir)
            print(f"recovery_s={seconds:.2f} (aim <= 2)", flush=True)
            print(json.dumps({"ratio": round(client_s / plain_s, 2), "recovery_s": round(seconds, 2)}))
    finally:
        plain_platform.stop()
        client_platform.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
