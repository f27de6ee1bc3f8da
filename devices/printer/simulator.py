"""A fake ESC/POS network printer on 127.0.0.1: records every byte, answers DLE EOT, faults on demand."""

from __future__ import annotations

import logging
import socket
import struct
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from devices.printer.inspect import EscPosDecoder

log = logging.getLogger(__name__)

# Reply bits per research/devices.md §2.5 (written out here, not shared with the driver's decoder,
# so a wrong bit on one side shows up in the tests instead of cancelling out).
_HEALTHY = 0x12
_N1_OFFLINE = 0x08
_N2_COVER_OPEN, _N2_PAPER_STOP = 0x04, 0x20
_N4_NEAR_END, _N4_PAPER_END = 0x0C, 0x60
_POLL = 0.05  # seconds: how often worker threads look at the stop flag
_RECEIVE_BUFFER = 64 * 1024  # small, so a stalled simulator makes the sender's socket fill up


class PrinterSimulator:
    """A TCP ESC/POS printer for tests and demos (``sim`` in a device URI).

    Threads: ``start()`` spawns one accept thread and one thread per connection; ``stop()`` ends and
    joins them. Every public method may be called from any thread (one lock guards the state).
    Paper: "ok" | "near_end" | "out". Faults: offline, cover open, ``silent`` (reads, never answers
    DLE EOT), ``stalled`` (stops reading: the sender's writes time out), paper running out or the
    connection being dropped after N bytes of print data.
    """

    def __init__(self, *, out: Path | None = None, host: str = "127.0.0.1", port: int = 0) -> None:
        self._out = out
        self._host = host
        self._requested_port = port
        self._lock = threading.Condition()
        self._stopping = threading.Event()
        self._listener: socket.socket | None = None
        self._threads: list[threading.Thread] = []
        self._connections: list[socket.socket] = []
        self._received: list[bytearray] = []
        self._all = bytearray()
        self._paper = "ok"
        self._offline = False
        self._cover_open = False
        self._silent = False
        self._stalled = False
        self._paper_out_after: int | None = None
        self._close_after: int | None = None

    # --- lifecycle ----------------------------------------------------------------------------

    def start(self) -> None:
        if self._listener is not None:
            raise RuntimeError("simulator already started")
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, _RECEIVE_BUFFER)  # inherited by accept()
        listener.bind((self._host, self._requested_port))
        listener.listen(4)
        listener.settimeout(_POLL)
        self._listener = listener
        self._stopping.clear()
        self._spawn(self._accept_loop, "printer-sim-accept")
        log.info("printer simulator listening on %s", self.uri)

    def stop(self) -> None:
        """Close the listener and every connection and join the threads. Safe to call twice."""
        self._stopping.set()
        with self._lock:
            connections, self._connections = self._connections, []
            threads, self._threads = self._threads, []
            self._lock.notify_all()
        for conn in connections:
            conn.close()
        for thread in threads:
            thread.join(timeout=5)
        if self._listener is not None:
            self._listener.close()
            self._listener = None

    def __enter__(self) -> PrinterSimulator:
        self.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._listener is None:
            raise RuntimeError("simulator not started")
        return int(self._listener.getsockname()[1])

    @property
    def uri(self) -> str:
        return f"tcp:{self._host}:{self.port}"

    # --- what was printed ---------------------------------------------------------------------

    @property
    def received(self) -> bytes:
        """Every byte received on every connection, in arrival order (status queries included)."""
        with self._lock:
            return bytes(self._all)

    def connections(self) -> list[bytes]:
        """The bytes of each connection, oldest first."""
        with self._lock:
            return [bytes(data) for data in self._received]

    def wait_for_bytes(self, count: int, timeout: float) -> bool:
        """Block until ``count`` bytes in all were received; False on timeout."""
        with self._lock:
            return self._lock.wait_for(lambda: len(self._all) >= count, timeout)

    # --- faults -------------------------------------------------------------------------------

    def set_paper(self, state: str) -> None:
        if state not in ("ok", "near_end", "out"):
            raise ValueError(f"paper state must be ok, near_end or out, not {state!r}")
        with self._lock:
            self._paper = state

    def set_offline(self, offline: bool) -> None:
        with self._lock:
            self._offline = offline

    def set_cover_open(self, cover_open: bool) -> None:
        with self._lock:
            self._cover_open = cover_open

    def set_silent(self, silent: bool) -> None:
        with self._lock:
            self._silent = silent

    def set_stalled(self, stalled: bool) -> None:
        with self._lock:
            self._stalled = stalled

    def paper_out_after(self, count: int | None) -> None:
        """Run out of paper once a connection has received ``count`` bytes of print data."""
        with self._lock:
            self._paper_out_after = count

    def close_after(self, count: int | None) -> None:
        """Drop the connection (TCP reset) once it has received ``count`` bytes of print data."""
        with self._lock:
            self._close_after = count

    def status_reply(self, n: int) -> int | None:
        """The byte a real printer answers to DLE EOT ``n`` in the current state (None: no answer)."""
        with self._lock:
            paper_out = self._paper == "out"
            if n == 1:
                stopped = self._offline or self._cover_open or paper_out
                return _HEALTHY | (_N1_OFFLINE if stopped else 0)
            if n == 2:
                return (
                    _HEALTHY
                    | (_N2_COVER_OPEN if self._cover_open else 0)
                    | (_N2_PAPER_STOP if paper_out else 0)
                )
            if n == 3:
                return _HEALTHY
            if n == 4:
                if paper_out:
                    return _HEALTHY | _N4_PAPER_END
                return _HEALTHY | (_N4_NEAR_END if self._paper == "near_end" else 0)
            return None

    # --- threads ------------------------------------------------------------------------------

    def _spawn(self, target: Callable[..., None], name: str, *args: object) -> None:
        thread = threading.Thread(target=target, args=args, name=name, daemon=True)
        with self._lock:
            self._threads.append(thread)
        thread.start()

    def _accept_loop(self) -> None:
        listener = self._listener
        assert listener is not None
        while not self._stopping.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return  # listener closed by stop()
            conn.settimeout(_POLL)
            with self._lock:
                if self._stopping.is_set():
                    conn.close()
                    return
                self._connections.append(conn)
                self._received.append(bytearray())
                index = len(self._received) - 1
            self._spawn(self._serve, f"printer-sim-conn-{index}", conn, index)

    def _serve(self, conn: socket.socket, index: int) -> None:
        decoder = EscPosDecoder()  # carries a DLE EOT split across reads over to the next one
        queries = 0
        try:
            while not self._stopping.is_set():
                with self._lock:
                    stalled = self._stalled
                if stalled:
                    self._stopping.wait(_POLL)
                    continue
                try:
                    data = conn.recv(4096)
                except TimeoutError:
                    continue
                if not data:
                    return
                asked = [op.args[0] for op in decoder.feed(data) if op.name == "status_query"]
                queries += len(asked)
                print_bytes = self._record(index, data) - 3 * queries
                if self._apply_thresholds(print_bytes):
                    _reset(conn)
                    return
                replies = [self.status_reply(n) for n in asked]
                with self._lock:
                    silent = self._silent
                answer = bytes(r for r in replies if r is not None)
                if answer and not silent:
                    conn.sendall(answer)
        except OSError as exc:
            log.debug("printer simulator connection %d ended: %s", index, exc)
        finally:
            conn.close()

    def _record(self, index: int, data: bytes) -> int:
        """Store ``data``; returns how many bytes this connection has received."""
        with self._lock:
            self._received[index] += data
            self._all += data
            total = len(self._received[index])
            self._lock.notify_all()
        if self._out is not None:
            with self._out.open("ab") as out:
                out.write(data)
        return total

    def _apply_thresholds(self, print_bytes: int) -> bool:
        """Apply paper-out-after; True when the connection must be dropped now."""
        with self._lock:
            if self._paper_out_after is not None and print_bytes >= self._paper_out_after:
                if self._paper != "out":
                    log.info("printer simulator: paper out after %d bytes", print_bytes)
                self._paper = "out"
            return self._close_after is not None and print_bytes >= self._close_after


def _reset(conn: socket.socket) -> None:
    """Close with a TCP reset (SO_LINGER 0), like a printer losing power mid-job."""
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    conn.close()


def run_printer_simulator(
    out: Path | None, on_ready: Callable[[str], None], *, stop: threading.Event | None = None
) -> None:
    """Serve a simulator until interrupted (Ctrl-C) or until ``stop`` is set; ``on_ready(uri)`` first."""
    with PrinterSimulator(out=out) as simulator:
        on_ready(simulator.uri)
        waiter = stop or threading.Event()
        try:
            while not waiter.wait(0.2):
                pass
        except KeyboardInterrupt:
            log.info("printer simulator interrupted")
