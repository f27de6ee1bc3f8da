"""Byte-faithful SAM ID-card reader simulator on a pty or TCP port (cards: see ``card_file``)."""

from __future__ import annotations

import contextlib
import logging
import random
import select
import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from pathlib import Path
from types import TracebackType
from typing import Literal

from devices.id_reader import IdCard
from devices.id_reader.card_file import SimCard, demo_cards_path, load_cards
from devices.id_reader.sam import FIND_CARD, Frame, FrameSplitter
from devices.id_reader.sim_channels import Channel, PtyChannel, TcpChannel
from devices.id_reader.sim_machine import CardState, Fault, SamCardMachine
from devices.id_reader.transport import DEFAULT_BAUD

logger = logging.getLogger(__name__)

Transport = Literal["pty", "tcp"]
CHUNK = 32  # bytes per write: a USB-serial bridge hands over about this much per USB frame
_SEND_TIMEOUT = 2.0
_JOIN_TIMEOUT = 5.0
_IDLE_WAIT = 0.5


class IdReaderSimulator:
    """A simulated reader speaking the SAM protocol byte for byte (research/devices.md §1, §6.1).

    Threading: the serving thread (``start()``'s thread, or the caller of ``serve_forever()``)
    owns the pty/socket; unplug()/replug() are handed to it. place_card(), remove_card() and
    set_fault() may be called from any thread. Bytes are paced at ``baud`` (10 bits per byte,
    both directions) so timing measurements mean something; ``baud=0`` sends at once.
    """

    def __init__(
        self,
        cards: Sequence[SimCard | IdCard] = (),
        *,
        baud: int = DEFAULT_BAUD,
        transport: Transport = "pty",
        tcp_port: int = 0,
        auto_cycle: float = 0.0,
        refind_after_read: bool = False,
        seed: int | None = None,
    ) -> None:
        self._cards = [item.card if isinstance(item, SimCard) else item for item in cards]
        self._baud = baud
        self._transport: Transport = transport
        self._tcp_port = tcp_port
        self._auto_cycle = auto_cycle  # > 0: after a read, place the next card this many s later
        self._random = random.Random(seed)
        self._machine = SamCardMachine(refind_after_read, seed)
        self._lock = threading.Lock()
        self._channel: Channel | None = None
        self._tmpdir: Path | None = None
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()
        self._stopped = threading.Event()
        self._wake_r: socket.socket | None = None
        self._wake_w: socket.socket | None = None
        self._requests: list[tuple[Callable[[], None], Future[None]]] = []
        self._traffic = [0, 0]  # bytes from host, bytes to host
        self._current = -1
        self._read_done_at: float | None = None
        self._found_at: float | None = None
        self._serving = False

    # -- life cycle -----------------------------------------------------------------------------

    def start(self) -> None:
        """Open the port, then serve on a background thread (named ``id-reader-sim``). One-shot."""
        self._open()
        self._serving = True  # unplug()/replug() may be called as soon as start() returns
        self._thread = threading.Thread(target=self._serve, name="id-reader-sim", daemon=True)
        self._thread.start()

    def serve_forever(self) -> None:
        """Open the port if needed and serve on the calling thread until stop()."""
        if self._channel is None:
            self._open()
        self._serve()

    def stop(self) -> None:
        """Stop serving and close the port; idempotent, callable from any thread."""
        self._stopping.set()
        self._wake()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(_JOIN_TIMEOUT)
        elif self._serving:
            if thread is not threading.current_thread():
                self._stopped.wait(_JOIN_TIMEOUT)  # serve_forever() on another thread closes up
        elif self._channel is not None:
            self._close()  # opened but never served

    def __enter__(self) -> IdReaderSimulator:
        self.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    # -- where it is ----------------------------------------------------------------------------

    @property
    def port(self) -> str:
        """What ``serial.serial_for_url`` opens: the pty symlink path, or ``socket://127.0.0.1:N``."""
        return self._opened().port

    @property
    def uri(self) -> str:
        """The device URI: ``serial:/tmp/…/ttyIDR0?baudrate=115200`` or ``tcp:127.0.0.1:N``."""
        return self._opened().uri(self._baud)

    @property
    def baud(self) -> int:
        return self._baud

    # -- what is on the reader ------------------------------------------------------------------

    @property
    def cards(self) -> list[IdCard]:
        return list(self._cards)

    @property
    def card_state(self) -> CardState:
        return self._machine.state

    def place_card(self, card: int | IdCard) -> None:
        """Put a card (an index into the loaded cards, or any IdCard) on the reader."""
        chosen = self._cards[card] if isinstance(card, int) else card
        with self._lock:
            self._current = card if isinstance(card, int) else -1
            self._read_done_at = None
        self._machine.place(chosen)

    def remove_card(self) -> None:
        self._machine.remove()

    def set_fault(self, *faults: Fault) -> None:
        """Switch faults on (they last until the next call); no arguments clears them."""
        self._machine.set_faults(frozenset(faults))

    def counts(self) -> dict[str, int]:
        """Commands answered so far, keyed like ``"30 10"``."""
        return self._machine.counts()

    def traffic(self) -> tuple[int, int]:
        """(bytes received from the host, bytes sent to it) since the last reset_counters()."""
        with self._lock:
            return self._traffic[0], self._traffic[1]

    def last_found_at(self) -> float | None:
        """``time.monotonic()`` when the last find that found a card arrived (for benchmarks)."""
        with self._lock:
            return self._found_at

    def reset_counters(self) -> None:
        self._machine.reset_counts()
        with self._lock:
            self._traffic = [0, 0]

    # -- unplugging -----------------------------------------------------------------------------

    def unplug(self, timeout: float = 2.0) -> None:
        """Close the port as a pulled cable would: the host's I/O fails, reopening fails."""
        self._in_serving_thread(self._channel_close, timeout)

    def replug(self, timeout: float = 2.0) -> None:
        """Open the port again at the same URI (a new pty behind the same link; the same TCP port)."""
        self._in_serving_thread(self._channel_open, timeout)

    # -- serving thread -------------------------------------------------------------------------

    def _opened(self) -> Channel:
        if self._channel is None:
            raise RuntimeError("simulator not started")
        return self._channel

    def _open(self) -> None:
        if self._stopping.is_set() or self._channel is not None:
            raise RuntimeError("a simulator serves once: create a new one")
        if self._transport == "pty":
            self._tmpdir = Path(tempfile.mkdtemp(prefix="tongban-idsim-"))
            self._channel = PtyChannel(self._tmpdir / "ttyIDR0")
        else:
            self._channel = TcpChannel("127.0.0.1", self._tcp_port)
        self._wake_r, self._wake_w = socket.socketpair()
        self._wake_r.setblocking(False)
        try:
            self._channel.open()
        except BaseException:
            self._close()
            raise

    def _close(self) -> None:
        if self._channel is not None:
            self._channel.close()
        for sock in (self._wake_r, self._wake_w):
            if sock is not None:
                sock.close()
        self._wake_r = self._wake_w = None
        if self._tmpdir is not None:
            shutil.rmtree(self._tmpdir, ignore_errors=True)
            self._tmpdir = None
        self._stopped.set()

    def _channel_open(self) -> None:
        self._opened().open()

    def _channel_close(self) -> None:
        self._opened().close()

    def _wake(self) -> None:
        wake = self._wake_w
        if wake is not None:
            with contextlib.suppress(OSError):  # already closed: the loop is gone
                wake.send(b"\0")

    def _in_serving_thread(self, action: Callable[[], None], timeout: float) -> None:
        if not self._serving:
            raise RuntimeError("simulator is not serving")
        done: Future[None] = Future()
        with self._lock:
            self._requests.append((action, done))
        self._wake()
        done.result(timeout)

    def _serve(self) -> None:
        channel, wake = self._opened(), self._wake_r
        if wake is None:
            raise RuntimeError("simulator already stopped")
        self._serving = True
        splitter = FrameSplitter()
        try:
            while not self._stopping.is_set():
                self._run_requests()
                self._cycle_cards()
                ready, _, _ = select.select([*channel.watched(), wake.fileno()], [], [], self._idle_wait())
                for fd in ready:
                    if fd == wake.fileno():
                        while _drain(wake):
                            pass
                        continue
                    data = channel.receive(fd)
                    if data:
                        with self._lock:
                            self._traffic[0] += len(data)
                        self._on_bytes(splitter, data)
        finally:
            self._serving = False
            self._run_requests()
            self._close()

    def _idle_wait(self) -> float:
        with self._lock:
            due = self._read_done_at
        return _IDLE_WAIT if due is None else max(0.0, min(_IDLE_WAIT, due - time.monotonic()))

    def _run_requests(self) -> None:
        with self._lock:
            requests, self._requests = self._requests, []
        for action, done in requests:
            try:
                if not self._stopping.is_set():
                    action()
                done.set_result(None)
            except Exception as exc:  # report to the caller, keep serving
                done.set_exception(exc)

    def _cycle_cards(self) -> None:
        """With auto_cycle, a card read is taken away and the next one placed (for CLI demos)."""
        if self._auto_cycle <= 0 or not self._cards:
            return
        with self._lock:
            if self._read_done_at is None:
                if self._machine.state is CardState.READ_DONE:
                    self._read_done_at = time.monotonic() + self._auto_cycle
                return
            if time.monotonic() < self._read_done_at:
                return
            following = (self._current + 1) % len(self._cards)
        self.place_card(following)

    def _on_bytes(self, splitter: FrameSplitter, data: bytes) -> None:
        for item in splitter.feed(data):
            if isinstance(item, Frame):
                arrived = time.monotonic()
                self._pace(len(item.raw))  # the command took this long on the wire
                reply = self._machine.answer(item)
                found = self._machine.state in (CardState.FOUND, CardState.SELECTED)
                if item.cmd == FIND_CARD and reply is not None and found:
                    with self._lock:
                        self._found_at = arrived
            else:
                reply = self._machine.answer_damaged(item.reason)
            if self._machine.baud_request:
                # 60 xx: answer at the old rate, then switch (§1.3).
                self._send(reply or b"")
                self._baud, self._machine.baud_request = self._machine.baud_request, None
            elif reply is not None:
                self._send(reply)

    def _pace(self, size: int) -> None:
        if self._baud > 0:
            time.sleep(size * 10 / self._baud)

    def _send(self, data: bytes) -> None:
        """Write ``data`` at the line rate: each chunk when its last byte would have arrived."""
        channel = self._opened()
        byte_time = 10 / self._baud if self._baud > 0 else 0.0
        split = Fault.SPLIT_WRITES in self._machine.faults
        start, offset = time.monotonic(), 0
        while offset < len(data):
            size = self._random.randint(1, 7) if split else CHUNK
            chunk = data[offset : offset + size]
            offset += len(chunk)
            delay = start + offset * byte_time - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            channel.send(chunk, _SEND_TIMEOUT)
        with self._lock:
            self._traffic[1] += len(data)


def _drain(sock: socket.socket) -> bool:
    try:
        return bool(sock.recv(4096))
    except (BlockingIOError, InterruptedError):
        return False


def run_simulator(
    cards_path: Path | None,
    baud: int,
    transport: Transport,
    on_ready: Callable[[str], None],
    *,
    cycle: float = 3.0,
    stop_event: threading.Event | None = None,
) -> None:
    """Serve the cards of ``cards_path`` (default: the demo cards) until Ctrl-C or ``stop_event``.

    The first card is placed at once; with ``cycle`` > 0 each card read is taken away and the next
    one placed ``cycle`` seconds later, so repeated ``read-id`` calls see cards. Raises
    CardFileError for a bad card file and DeviceError when the port cannot be opened.
    """
    cards = load_cards(cards_path if cards_path is not None else demo_cards_path())
    stop = stop_event if stop_event is not None else threading.Event()
    simulator = IdReaderSimulator(cards, baud=baud, transport=transport, auto_cycle=cycle)
    simulator.place_card(0)
    simulator.start()
    try:
        on_ready(simulator.uri)
        while not stop.wait(0.2):
            pass
    except KeyboardInterrupt:
        logger.info("simulator interrupted")
    finally:
        simulator.stop()
