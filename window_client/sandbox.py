"""A demonstration hall in one folder: the reference platform as a child process, simulated devices, an enrolled device.

``tongban demo``, the scripted walk-through, the GUI tests and the benchmark use it. Nothing here
is Qt: it runs before the GUI starts (on the main thread of a command) or in a test.
"""

from __future__ import annotations

import json
import logging
import os
import selectors
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any, Final

from core.clock import Clock, SystemClock
from core.config import CONFIG_NAME, DeviceConfig
from core.store.store import Store
from sync.enrollment import client_for, enroll
from sync.report import SyncReport
from sync.service import CurrentCatalog, SyncService
from window_client.dialogs.config_file import write_config

logger = logging.getLogger(__name__)

DEMO_STAFF: Final = {
    "window01": "Window01@2026",
    "outreach01": "Outreach01@2026",
    "supervisor01": "Supervisor01@2026",
}
MOTHER_CARD: Final = {
    "label": "申请人 · 居民身份证（演示）",
    "card_type": "resident",
    "name": "林晓雨",
    "sex": "女",
    "nation": "汉",
    "birth_date": "1990-03-07",
    "address": "南京市江宁区东山街道竹山路8号",
    "id_number": "320115199003070043",
    "issuing_authority": "南京市公安局江宁分局",
    "valid_from": "2016-04-02",
    "valid_to": "2036-04-02",
    "fingerprints": 0,
}
_START_TIMEOUT_S: Final = 30.0


class EmbeddedPlatform:
    """The reference platform (``python -m sync.server serve``) as a child process; it can stop and
    start again on the same port (the device stays enrolled with one URL). Lives on its caller's thread."""

    def __init__(self, workdir: Path, *, dept_delay: str = "1:4", seed_random: int | None = None) -> None:
        self.workdir = workdir
        self.db = workdir / "platform.db"
        self.log = workdir / "platform.log"
        self.dept_delay = dept_delay
        self.seed_random = seed_random
        self.port = 0
        self.url = ""
        self._proc: subprocess.Popen[bytes] | None = None

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def _command(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "sync.server", *args]

    def start(self) -> str:
        """Start serving (first on a free port, later on the same one); returns the URL."""
        self.workdir.mkdir(parents=True, exist_ok=True)
        command = self._command(
            "serve",
            "--db",
            str(self.db),
            "--port",
            str(self.port),
            "--seed",
            "demo",
            "--dept-delay",
            self.dept_delay,
        )
        if self.seed_random is not None:
            command += ["--seed-random", str(self.seed_random)]
        with self.log.open("ab") as log:
            self._proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=log, env=_child_env())
        line = self._first_line(_START_TIMEOUT_S)
        if not line.startswith("listening on "):
            self.stop()
            raise RuntimeError(f"the reference platform did not start ({line!r}); see {self.log}")
        self.url = line.removeprefix("listening on ")
        self.port = int(self.url.rsplit(":", 1)[1])
        logger.info("reference platform at %s (database %s)", self.url, self.db)
        return self.url

    def _first_line(self, timeout: float) -> str:
        assert self._proc is not None and self._proc.stdout is not None
        out = self._proc.stdout
        deadline = time.monotonic() + timeout
        data = b""
        with selectors.DefaultSelector() as selector:
            selector.register(out, selectors.EVENT_READ)
            while b"\n" not in data and time.monotonic() < deadline:
                if not selector.select(max(0.0, deadline - time.monotonic())):
                    break
                chunk = os.read(out.fileno(), 4096)
                if not chunk:
                    break
                data += chunk
        return data.split(b"\n", 1)[0].decode("utf-8", "replace").strip()

    def stop(self) -> None:
        """SIGTERM and wait (the platform commits before it answers, so nothing is lost)."""
        proc, self._proc = self._proc, None
        if proc is None:
            return
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(10)
        if proc.stdout is not None:
            proc.stdout.close()

    def issue_code(self) -> str:
        out = subprocess.run(
            self._command("issue-code", "--db", str(self.db)),
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
            env=_child_env(),
        )
        return out.stdout.strip()

    def cases(self) -> list[dict[str, Any]]:
        """What the platform stored (``tongban platform cases --json``): numbers, statuses, counts, matters."""
        out = subprocess.run(
            self._command("cases", "--db", str(self.db), "--json"),
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
            env=_child_env(),
        )
        cases: list[dict[str, Any]] = json.loads(out.stdout)["cases"]
        return cases


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("QT_QPA_PLATFORM", None)
    return env


def demo_config(data_dir: Path, *, role: str = "window", cards: Path | None = None) -> DeviceConfig:
    """Every device simulated; the ID reader holds the demo applicant's card (林晓雨)."""
    if cards is None:
        cards = data_dir / "cards-demo-applicant.json"
        cards.parent.mkdir(parents=True, exist_ok=True)
        cards.write_text(
            json.dumps({"version": 1, "cards": [MOTHER_CARD]}, ensure_ascii=False, indent=2), encoding="utf-8"
        )
    devices = {"id_reader": f"sim:{cards}", "printer": "sim", "scanner": "sim", "camera": "sim"}
    operator = "outreach01" if role == "outreach" else "window01"
    return DeviceConfig(role=role, devices=devices, operator=operator)


def enroll_device(
    data_dir: Path, platform: EmbeddedPlatform, config: DeviceConfig, *, clock: Clock | None = None
) -> SyncReport:
    """Enroll with the platform, write the config, and run one sync round (which pulls the staff
    accounts the offline login needs). Returns that round's report."""
    clock = clock or SystemClock()
    config = replace(config, platform_url=platform.url)
    write_config(data_dir / CONFIG_NAME, config)
    with Store.open(data_dir, clock=clock) as store:
        enroll(store, config, clock, platform.url, platform.issue_code())
        with client_for(store) as client:
            report = SyncService(store, client, clock, CurrentCatalog(data_dir), config=config).run_once()
    if not report.ok:
        raise RuntimeError(f"the first sync round failed: {report.error_detail}")
    return report
