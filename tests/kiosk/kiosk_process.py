"""``tongban kiosk`` as a real process over simulated devices, and a datagram socket in the place of
systemd's ``NOTIFY_SOCKET`` that hears its READY/STOPPING (installer/kiosk/tongban-kiosk.service)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Mapping
from pathlib import Path
from typing import IO

from core.config import CONFIG_NAME, write_config
from services.sandbox import demo_config

TONGBAN = [sys.executable, "-c", "import sys; from core.cli.main import main; sys.exit(main())"]
PIN = "2468"
# What a test may inherit from the environment; no DISPLAY, WAYLAND_DISPLAY or QT_QPA_PLATFORM
# (each test says which it wants), no systemd variables of the machine running the tests.
_KEPT = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "PYTHONPATH", "VIRTUAL_ENV", "XDG_RUNTIME_DIR")


def gui_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k in _KEPT}
    env.setdefault("LANG", "C.UTF-8")
    return env | extra


def kiosk_data(path: Path) -> Path:
    """A kiosk data directory with simulated devices (not enrolled: it serves offline)."""
    write_config(path / CONFIG_NAME, demo_config(path, role="kiosk"))
    return path


class Notifications:
    """An abstract-namespace datagram socket, as systemd's: ``address`` goes into NOTIFY_SOCKET."""

    def __init__(self) -> None:
        self.address = f"@tongban-test-{os.getpid()}-{uuid.uuid4().hex[:12]}"
        self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self._sock.bind("\0" + self.address[1:])
        self.heard: list[str] = []

    def wait_for(self, word: str, timeout: float) -> bool:
        """Whether a message containing ``word`` arrives within ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while not any(word in message for message in self.heard):
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            self._sock.settimeout(left)
            try:
                self.heard.append(self._sock.recv(4096).decode())
            except TimeoutError:
                return False
        return True

    def close(self) -> None:
        self._sock.close()


def start_kiosk(data: Path, log: Path, env: Mapping[str, str], *args: str) -> subprocess.Popen[bytes]:
    """``tongban --data-dir DATA kiosk --maintenance-pin 2468 ARGS``, its output into ``log``."""
    out: IO[bytes] = log.open("wb")
    try:
        return subprocess.Popen(
            [*TONGBAN, "-v", "--data-dir", str(data), "kiosk", "--maintenance-pin", PIN, *args],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=dict(env),
        )
    finally:
        out.close()  # the child has its own copy


def end(process: subprocess.Popen[bytes]) -> None:
    """Kill a process a test left running (after a failure) and reap it."""
    if process.poll() is None:
        process.kill()
    process.wait(30)
