"""Running the platform under uvicorn: on a socket bound by us (port 0 works), optionally with TLS.

``serve_forever`` is what ``tongban platform serve`` runs on the main thread (uvicorn handles
SIGINT/SIGTERM there); ``ThreadedPlatform`` runs the same server on a background thread for
tests and the embedded demo platform, and stops it (and the platform's own threads) on ``stop``.
"""

from __future__ import annotations

import logging
import socket
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import uvicorn
from starlette.types import ASGIApp

from sync.server.app import create_app
from sync.server.service import PlatformService

logger = logging.getLogger(__name__)

_GRACEFUL_SHUTDOWN_S = 5.0  # a stuck keep-alive client must not hold shutdown for long


@dataclass(frozen=True, slots=True)
class Tls:
    cert_file: Path
    key_file: Path


def bind(host: str, port: int) -> socket.socket:
    """A listening TCP socket; port 0 asks the OS for a free port (no race, unlike probe-then-bind)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP named, not 0: asyncio sets TCP_NODELAY only on sockets whose proto says TCP
    # (base_events._set_nodelay). Without it every keep-alive answer written in two pieces (head,
    # then body) waited ~40 ms for the client's delayed ACK (Nagle), on every request after the first.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(128)
        sock.set_inheritable(True)
    except BaseException:
        sock.close()
        raise
    return sock


def base_url(sock: socket.socket, tls: Tls | None) -> str:
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    return f"{'https' if tls else 'http'}://{shown}:{port}"


class _Server(uvicorn.Server):
    """uvicorn's server with a hook once it really accepts connections (after the lifespan started).

    Lives on the thread that calls ``run`` (its event loop's thread); ``should_exit`` may be set
    from any thread. On shutdown it first answers the hall displays' long-polls (their waits would
    otherwise hold the graceful shutdown for its whole timeout).
    """

    def __init__(
        self, config: uvicorn.Config, on_started: Callable[[], None], platform: PlatformService | ASGIApp
    ) -> None:
        super().__init__(config)
        self._on_started = on_started
        self._platform = platform

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        if self.started:
            self._on_started()

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        if isinstance(self._platform, PlatformService):
            self._platform.queue.waiters.close()
        await super().shutdown(sockets)


def _config(app: ASGIApp, tls: Tls | None, access_log: bool) -> uvicorn.Config:
    options: dict[str, object] = {}
    if tls is not None:
        options = {"ssl_certfile": str(tls.cert_file), "ssl_keyfile": str(tls.key_file)}
    return uvicorn.Config(
        app,
        lifespan="on",
        http="h11",  # pure Python and always installed: same behaviour on every machine
        log_config=None,  # our logging configuration (core.cli.main), not uvicorn's
        access_log=access_log,
        timeout_graceful_shutdown=int(_GRACEFUL_SHUTDOWN_S),
        **options,  # type: ignore[arg-type]
    )


def _app(platform: PlatformService | ASGIApp) -> ASGIApp:
    return create_app(platform) if isinstance(platform, PlatformService) else platform


def check_tls(tls: Tls) -> None:
    """Load the certificate and key once, so a bad pair is reported before anything starts."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(str(tls.cert_file), str(tls.key_file))


def serve_forever(
    platform: PlatformService | ASGIApp,
    sock: socket.socket,
    *,
    tls: Tls | None = None,
    on_started: Callable[[], None] = lambda: None,
    access_log: bool = False,
) -> None:
    """Serve on ``sock`` until SIGINT/SIGTERM (when on the main thread); returns after a clean shutdown.

    ``platform`` is the reference platform, or any ASGI app (the gov-standard simulator's)."""
    server = _Server(_config(_app(platform), tls, access_log), on_started, platform)
    server.run(sockets=[sock])


class ThreadedPlatform:
    """A platform served on a background thread ("platform-http"); ``url`` once started.

    Use as a context manager, or call ``start`` and ``stop``. Lives on the thread that created it.
    """

    def __init__(
        self, platform: PlatformService | ASGIApp, *, host: str = "127.0.0.1", tls: Tls | None = None
    ) -> None:
        self.platform = platform
        self._host = host
        self._tls = tls
        self._started = threading.Event()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._sock: socket.socket | None = None
        self.url = ""

    def start(self, timeout: float = 20.0) -> ThreadedPlatform:
        self._sock = bind(self._host, 0)
        self.url = base_url(self._sock, self._tls)
        self._server = _Server(
            _config(_app(self.platform), self._tls, access_log=False), self._started.set, self.platform
        )
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._sock]}, name="platform-http", daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._started.wait(0.05):
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("the platform did not start (see the log)")
        return self

    def stop(self, timeout: float = 20.0) -> None:
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive():
                logger.error("platform server thread did not stop within %.0f s", timeout)
            self._thread = None
        if self._sock is not None:
            self._sock.close()
            self._sock = None

    def __enter__(self) -> ThreadedPlatform:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
