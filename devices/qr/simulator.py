"""A serial QR scanner simulated on a pseudo-terminal (research/devices.md §6.1), plus its CLI loop."""

from __future__ import annotations

import logging
import os
import sys
import time
import tty
from collections.abc import Callable, Iterable
from pathlib import Path
from types import TracebackType
from typing import Literal

_log = logging.getLogger(__name__)

_AIM_PREFIX = {"QRCODE": b"]Q1", "CODE128": b"]C0", "EAN13": b"]E0", "CODE39": b"]A0"}


class ScannerSimulator:
    """Owns the master end of a pty; the real ``SerialScanner`` opens the slave (``.uri``).

    No thread of its own: ``scan`` writes on the caller's thread, as a scanner pushes a code
    whenever one is held under it. ``link`` makes ``.uri`` a stable symlink (like a udev
    ``/dev/serial/by-id/…`` name) that survives ``unplug``/``replug``. Posix only; on Windows
    the simulator would listen on ``socket://127.0.0.1:PORT`` instead (aesthetics.md §3.4).
    """

    def __init__(
        self,
        *,
        baudrate: int = 9600,
        terminator: bytes = b"\r",
        aim: bool = False,
        link: str | os.PathLike[str] | None = None,
    ) -> None:
        self._baudrate = baudrate
        self._terminator = terminator
        self._aim = aim
        self._link = Path(link) if link is not None else None
        self._master: int | None = None
        self._slave: int | None = None
        self._slave_name = ""

    def open(self) -> ScannerSimulator:
        """Create the pty ("plug the scanner in"); returns self for ``with`` use."""
        if self._master is not None:
            return self
        master, slave = os.openpty()
        tty.setraw(slave)  # §6.1: otherwise the slave starts cooked (echo, CR/LF mangling)
        self._master, self._slave = master, slave
        self._slave_name = os.ttyname(slave)
        if self._link is not None:
            tmp = self._link.with_name(self._link.name + ".new")
            tmp.unlink(missing_ok=True)
            tmp.symlink_to(self._slave_name)
            tmp.replace(self._link)  # atomic: a driver never sees the link missing while plugged
        _log.info("scanner simulator on %s", self.uri)
        return self

    def close(self) -> None:
        """Close both ends ("unplug"); the driver's next read fails as with a pulled cable."""
        for fd in (self._master, self._slave):
            if fd is not None:
                os.close(fd)
        self._master = self._slave = None
        if self._link is not None:
            self._link.unlink(missing_ok=True)

    unplug = close

    def replug(self) -> None:
        """Unplug (if plugged) and plug in again: a new pty behind the same ``link``."""
        self.close()
        self.open()

    def __enter__(self) -> ScannerSimulator:
        return self.open()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @property
    def uri(self) -> str:
        """``serial:/dev/pts/N?baudrate=9600`` (or the link path) for ``SerialScanner``."""
        path = str(self._link) if self._link is not None else self._slave_name
        return f"serial:{path}?baudrate={self._baudrate}"

    def scan(
        self, text: str, encoding: Literal["utf-8", "gbk", "gb18030"] = "utf-8", *, symbology: str = "QRCODE"
    ) -> bytes:
        """ "Scan" a code whose payload is ``text`` in ``encoding``; returns the bytes sent."""
        prefix = _AIM_PREFIX.get(symbology, b"]Z0") if self._aim else b""
        return self.scan_bytes(prefix + text.encode(encoding))

    def scan_bytes(self, raw: bytes, *, terminator: bytes | None = None, chunks: int = 1) -> bytes:
        """Send ``raw`` + terminator, split into ``chunks`` writes 5 ms apart (to test reassembly)."""
        if self._master is None:
            raise RuntimeError("scanner simulator is not plugged in (call open())")
        wire = raw + (self._terminator if terminator is None else terminator)
        step = max(1, -(-len(wire) // max(1, chunks)))
        for start in range(0, len(wire), step):
            if start:
                time.sleep(0.005)
            os.write(self._master, wire[start : start + step])
        return wire


def run_scanner_simulator(
    on_ready: Callable[[str], None],
    *,
    lines: Iterable[str] | None = None,
    link: str | os.PathLike[str] | None = None,
    baudrate: int = 9600,
    linger_s: float = 0.5,
) -> int:
    """Serve a simulated scanner: call ``on_ready(uri)``, then scan each line (default: stdin) until EOF.

    A line ``gbk:王小明`` is sent GBK-encoded (as older government systems emit, §3.3); any other
    line is sent as UTF-8. Blank lines are ignored. After EOF the pty stays open ``linger_s`` so
    the driver can read the last code. Returns the number of codes scanned. Runs on the caller's
    thread.
    """
    source = sys.stdin if lines is None else lines
    count = 0
    with ScannerSimulator(baudrate=baudrate, link=link) as sim:
        on_ready(sim.uri)
        for line in source:
            payload = line.rstrip("\r\n")
            if not payload:
                continue
            try:
                if payload.startswith("gbk:"):
                    sim.scan(payload.removeprefix("gbk:"), "gbk")
                else:
                    sim.scan(payload)
            except UnicodeEncodeError:
                _log.warning("line %r cannot be encoded as GBK; not scanned", payload)
                continue
            count += 1
        time.sleep(linger_s)  # caller's (CLI) thread; closing at once could drop the last scan
    return count
