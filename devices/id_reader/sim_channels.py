"""Byte channels the ID-reader simulator serves on: a pseudo-terminal behind a stable symlink, or TCP."""

from __future__ import annotations

import contextlib
import logging
import os
import select
import socket
import time
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from devices.errors import DeviceUnavailableFeature

logger = logging.getLogger(__name__)


class Channel(Protocol):
    """One simulator transport; every method but the properties runs on the serving thread."""

    @property
    def port(self) -> str:
        """What ``serial.serial_for_url`` opens to reach the simulator."""

    def uri(self, baud: int) -> str:
        """The device URI: ``serial:PATH?baudrate=N`` or ``tcp:127.0.0.1:PORT``."""

    def open(self) -> None: ...

    def close(self) -> None: ...

    def watched(self) -> list[int]:
        """File descriptors to wait on for reading."""

    def receive(self, fd: int) -> bytes:
        """Bytes that arrived on ``fd`` (b"" for none, e.g. after accepting a connection)."""

    def send(self, data: bytes, timeout: float) -> None:
        """Write everything, dropping what the host does not take within ``timeout``."""


def _write_all(fd: int, write: Callable[[memoryview], int], data: bytes, timeout: float) -> None:
    view = memoryview(data)
    deadline = time.monotonic() + timeout
    while view:
        try:
            view = view[write(view) :]
        except BlockingIOError:
            pass
        except OSError as exc:  # host side gone: a real UART would just drop the bytes too
            logger.debug("simulator write failed: %s", exc)
            return
        if view:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                logger.warning("host did not take %d bytes within %s s; dropped", len(view), timeout)
                return
            select.select([], [fd], [], remaining)


class PtyChannel:
    """A pty pair; the host opens ``link``, a symlink to the current slave kept in a private folder.

    Unplugging closes both ends and removes the link, so the host's next I/O fails (EIO) and
    reopening fails (ENOENT) until replug, which makes a new pair (a new /dev/pts/N) behind the
    same link: a driver that reopens its port by path reconnects. Lives on the serving thread.
    """

    def __init__(self, link: Path) -> None:
        self._link = link
        self._master = -1
        self._slave = -1

    @property
    def port(self) -> str:
        return str(self._link)

    def uri(self, baud: int) -> str:
        return f"serial:{self._link}?baudrate={baud}"

    def open(self) -> None:
        if not hasattr(os, "openpty"):
            raise DeviceUnavailableFeature(
                "此系统不支持虚拟串口（pty），请改用 --transport tcp", "os.openpty is not available"
            )
        import tty  # POSIX only

        master, slave = os.openpty()
        # Raw mode, or the slave starts cooked: echo and CR/LF mangling (research/devices.md §6.1).
        tty.setraw(slave)
        os.set_blocking(master, False)
        spare = self._link.with_name(self._link.name + ".new")
        with contextlib.suppress(FileNotFoundError):
            spare.unlink()
        os.symlink(os.ttyname(slave), spare)
        os.replace(spare, self._link)
        # Holding the slave open keeps reads on the master from failing with EIO while no host
        # has the port open.
        self._master, self._slave = master, slave

    def close(self) -> None:
        for fd in (self._master, self._slave):
            if fd >= 0:
                os.close(fd)
        self._master = self._slave = -1
        with contextlib.suppress(FileNotFoundError):
            self._link.unlink()

    def watched(self) -> list[int]:
        return [self._master] if self._master >= 0 else []

    def receive(self, fd: int) -> bytes:
        try:
            return os.read(fd, 4096)
        except (BlockingIOError, InterruptedError):
            return b""

    def send(self, data: bytes, timeout: float) -> None:
        if self._master >= 0:
            master = self._master
            _write_all(master, lambda view: os.write(master, view), data, timeout)


class TcpChannel:
    """A TCP listener on 127.0.0.1 serving one host connection at a time (a serial server's habit).

    Port 0 picks a free port on the first open; replug listens on the same port again.
    Lives on the serving thread.
    """

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self._host = host
        self._port = port
        self._listener: socket.socket | None = None
        self._client: socket.socket | None = None

    @property
    def port(self) -> str:
        return f"socket://{self._host}:{self._port}"

    @property
    def tcp_port(self) -> int:
        return self._port

    def uri(self, baud: int) -> str:
        return f"tcp:{self._host}:{self._port}"

    def open(self) -> None:
        listener = socket.create_server((self._host, self._port))  # SO_REUSEADDR on POSIX
        listener.setblocking(False)
        self._port = listener.getsockname()[1]
        self._listener = listener

    def close(self) -> None:
        for sock in (self._client, self._listener):
            if sock is not None:
                sock.close()
        self._client = self._listener = None

    def watched(self) -> list[int]:
        return [sock.fileno() for sock in (self._listener, self._client) if sock is not None]

    def receive(self, fd: int) -> bytes:
        if self._listener is not None and fd == self._listener.fileno():
            try:
                client, _ = self._listener.accept()
            except (BlockingIOError, InterruptedError):
                return b""
            if self._client is not None:  # a reconnecting host replaces a stale connection
                self._client.close()
            client.setblocking(False)
            client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self._client = client
            return b""
        if self._client is None:
            return b""
        try:
            data = self._client.recv(4096)
        except (BlockingIOError, InterruptedError):
            return b""
        except OSError:
            data = b""
        if not data:  # the host closed its end
            self._client.close()
            self._client = None
        return data

    def send(self, data: bytes, timeout: float) -> None:
        client = self._client
        if client is not None:
            _write_all(client.fileno(), client.send, data, timeout)
