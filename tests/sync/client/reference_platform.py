"""The reference platform (``python -m sync.server serve``) as a subprocess the tests start, kill and restart."""

from __future__ import annotations

import hashlib
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import requests

from core.store.store import Store
from sync import contract
from sync.push import wire_event
from sync.server.db import canonical_json

REPO = Path(__file__).resolve().parents[3]


class ReferencePlatform:
    """One platform database; the server process may come and go on the same port."""

    def __init__(self, workdir: Path, *extra: str) -> None:
        self.db = workdir / "platform.db"
        self.log = workdir / "platform.log"
        self.extra = extra
        self.port = 0
        self.url = ""
        self._proc: subprocess.Popen[str] | None = None
        self._admin_token = ""

    def start(self) -> ReferencePlatform:
        command = [
            sys.executable,
            "-m",
            "sync.server",
            "serve",
            "--db",
            str(self.db),
            "--port",
            str(self.port),
            "--dept-delay",
            "0.05:0.2",
            "--seed-random",
            "7",
            "--enable-faults",
            *self.extra,
        ]
        with self.log.open("a") as log:
            self._proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=log, text=True, cwd=REPO)
        assert self._proc.stdout is not None
        line = self._proc.stdout.readline().strip()
        assert line.startswith("listening on "), f"platform did not start: {line!r}, see {self.log}"
        self.url = line.removeprefix("listening on ")
        self.port = int(self.url.rsplit(":", 1)[1])
        return self

    def stop(self) -> None:
        """SIGTERM: a clean shutdown."""
        self._end(signal.SIGTERM)

    def kill(self) -> None:
        """SIGKILL: the platform dies mid-whatever, as a power cut would leave it."""
        self._end(signal.SIGKILL)

    def _end(self, sig: int) -> None:
        if self._proc is None:
            return
        if self._proc.poll() is None:
            self._proc.send_signal(sig)
        self._proc.wait(20)
        if self._proc.stdout:
            self._proc.stdout.close()
        self._proc = None

    def issue_code(self, *extra: str) -> str:
        """A one-time enrollment code (``--device ID`` binds it to one device)."""
        out = subprocess.run(
            [sys.executable, "-m", "sync.server", "issue-code", "--db", str(self.db), *extra],
            capture_output=True,
            text=True,
            check=True,
            cwd=REPO,
            timeout=30,
        )
        return out.stdout.strip()

    def admin_headers(self) -> dict[str, str]:
        """The operator views' bearer token (``platform admin-token``; made once per database)."""
        if self._admin_token:
            return {"Authorization": f"Bearer {self._admin_token}"}
        out = subprocess.run(
            [sys.executable, "-m", "sync.server", "admin-token", "--db", str(self.db)],
            capture_output=True,
            text=True,
            check=True,
            cwd=REPO,
            timeout=30,
        )
        self._admin_token = out.stdout.strip()
        return {"Authorization": f"Bearer {self._admin_token}"}

    def admin(self, path: str, **params: str) -> Any:
        response = requests.get(self.url + path, params=params, headers=self.admin_headers(), timeout=(2, 10))
        response.raise_for_status()
        return response.json()

    def inject(self, *faults: dict[str, Any]) -> None:
        response = requests.post(
            self.url + contract.P_ADMIN_FAULTS,
            json={"faults": list(faults)},
            headers=self.admin_headers(),
            timeout=(2, 10),
        )
        response.raise_for_status()


def assert_platform_matches(store: Store, platform: ReferencePlatform) -> int:
    """Every event the device pushed is on the platform exactly once, with the same content and
    receipt, and nothing else is; returns how many. (Events made from pulled updates stay local.)"""
    stored = platform.admin(contract.P_ADMIN_EVENTS, device_id=store.device_id)["events"]
    on_platform = {e["seq"]: e for e in stored}
    assert len(on_platform) == len(stored), "the platform holds an event twice"
    pushed = {}
    for case in store.list_cases(limit=100_000):
        for event in store.events_for(case.number):
            if event.receipt and event.receipt.startswith("platform-update:"):
                continue
            assert event.acked_at is not None, f"event {event.seq} of {case.number} still pending"
            pushed[event.seq] = event
            server = on_platform.get(event.seq)
            assert server is not None, f"event {event.seq} acknowledged but not on the platform"
            assert server["receipt"] == event.receipt
            body = canonical_json(wire_event(event, case.catalog_version))
            assert server["digest"] == hashlib.sha256(body.encode("utf-8")).hexdigest()
    assert set(on_platform) == set(pushed)
    return len(pushed)


def wait_until(condition: Callable[[], bool], timeout: float, what: str, step: float = 0.05) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}")
        time.sleep(step)
