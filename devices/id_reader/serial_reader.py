"""The real SAM ID-card reader driver over pyserial (serial port, pty or ``socket://``), with reconnection."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from devices.errors import (
    DeviceDisconnected,
    DeviceError,
    DeviceNotFound,
    DeviceProtocolError,
    DeviceTimeout,
)
from devices.id_reader import (
    CardCheck,
    CardProblem,
    IdCard,
    IdReader,
    OnCard,
    OnError,
    OnState,
    ReaderState,
    SamStatusError,
)
from devices.id_reader.session import (
    DEFAULT_READ_TIMEOUT,
    DEFAULT_RESPONSE_TIMEOUT,
    ExchangeCancelled,
    SamSession,
)
from devices.id_reader.text_block import CardDataError
from devices.id_reader.transport import PortTarget, open_port, resolve_target

logger = logging.getLogger(__name__)

# Vendor advice: poll no faster than every 300 ms (guocihong readidentifiercardinfo.cpp, §1.10 step 2).
DEFAULT_POLL_INTERVAL = 0.3
DEFAULT_RECONNECT_INTERVAL = 1.0
# Reads of one placement before a card that fails its checks is given up on. Noise that gets
# past the 8-bit XOR checksum (§1.2) is rare, so a second read is almost always clean.
READ_ATTEMPTS = 3
_JOIN_TIMEOUT = 5.0
_SAM_FAULTS = frozenset({0x60, 0x66})  # SAM self-test failed / not authorised (§1.4)
_TROUBLE = frozenset({ReaderState.DISCONNECTED, ReaderState.NOT_RESPONDING, ReaderState.FAULT})
_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class _Settings:
    target: PortTarget
    poll_interval: float
    response_timeout: float
    read_timeout: float
    reconnect_interval: float
    fingerprint: bool  # 30 10 (with fingerprints) rather than 30 01
    validate: CardCheck | None  # rules beyond the chip format (core's, injected by the wiring)


@dataclass(slots=True)
class _Run:
    """One started owner thread; the callbacks and ``temporary`` are guarded by the reader's lock."""

    stop: threading.Event
    on_card: OnCard | None
    on_error: OnError | None
    on_state: OnState | None
    temporary: bool  # started by read_once(), stopped when its last waiter is done
    thread: threading.Thread = field(init=False)


class SerialIdReader:
    """SAM reader on a serial port, pty or TCP serial server (``IdReader`` port).

    Threading: one owner thread per start() does all port I/O (open, exchanges, close) and calls
    the callbacks; it never raises. Public methods are thread-safe and only hand work to it.
    Each placement is read once: after a read (or a failed one) the driver waits until find
    fails (card removed; real readers also answer 80 right after a read, §1.10 step 5).

    Only cards that pass the text block's format checks and ``validate`` reach the callbacks: a
    read either fails is discarded and the card read again (up to READ_ATTEMPTS reads of the
    placement, then one DeviceProtocolError asks for the card to be re-placed).
    """

    def __init__(
        self,
        target: str,
        *,
        poll_interval: float | None = None,
        response_timeout: float | None = None,
        read_timeout: float | None = None,
        reconnect_interval: float = DEFAULT_RECONNECT_INTERVAL,
        fingerprint: bool | None = None,
        validate: CardCheck | None = None,
    ) -> None:
        resolved = resolve_target(target)  # parsing only: no I/O in constructors
        chosen = fingerprint if fingerprint is not None else resolved.fingerprint
        self._settings = _Settings(
            target=resolved,
            poll_interval=poll_interval or resolved.poll_interval or DEFAULT_POLL_INTERVAL,
            response_timeout=response_timeout or resolved.timeout or DEFAULT_RESPONSE_TIMEOUT,
            read_timeout=read_timeout or resolved.timeout or DEFAULT_READ_TIMEOUT,
            reconnect_interval=reconnect_interval,
            fingerprint=True if chosen is None else chosen,
            validate=validate,
        )
        self._lock = threading.Lock()
        self._run: _Run | None = None
        self._waiters: list[Future[IdCard]] = []
        self._state: ReaderState | None = None
        self._last_trouble: DeviceError | None = None

    @property
    def poll_interval(self) -> float:
        """Seconds between two asks for a card: the caller's, the URI's ``poll=``, or the default."""
        return self._settings.poll_interval

    @property
    def running(self) -> bool:
        with self._lock:
            return self._run is not None

    @property
    def state(self) -> str | None:
        """The last state reported (None before the first)."""
        with self._lock:
            return self._state

    def start(self, on_card: OnCard, on_error: OnError, on_state: OnState) -> None:
        """Start polling on the owner thread; RuntimeError if already started by start()."""
        with self._lock:
            run = self._run
            if run is not None and not run.temporary:
                raise RuntimeError("ID reader already started")
            if run is not None:  # adopt the thread a read_once() started
                run.on_card, run.on_error, run.on_state, run.temporary = on_card, on_error, on_state, False
                return
            self._run = self._launch(on_card, on_error, on_state, temporary=False)

    def stop(self) -> None:
        """Stop the owner thread and close the port (joins it unless called from a callback)."""
        with self._lock:
            run, self._run = self._run, None
        if run is not None:
            self._halt(run)

    def read_once(self, timeout: float) -> IdCard:
        """Wait for the next card placed (starting the owner thread for the call if needed).

        Raises the first DeviceError the reader reports meanwhile, or DeviceTimeout.
        """
        waiter: Future[IdCard] = Future()
        with self._lock:
            self._waiters.append(waiter)
            if self._run is None:
                self._run = self._launch(None, None, None, temporary=True)
        try:
            return waiter.result(timeout)
        except FutureTimeout:
            with self._lock:
                trouble = self._last_trouble if self._state in _TROUBLE else None
            if trouble is not None:
                raise trouble from None
            raise DeviceTimeout(
                f"{timeout:g} 秒内没有读到证件，请将证件平放在阅读区后重试",
                f"no card within {timeout:g} s",
                code="id_reader.read_timeout",
                params={"seconds": f"{timeout:g}"},
            ) from None
        finally:
            with self._lock:
                if waiter in self._waiters:
                    self._waiters.remove(waiter)
                run = self._run
                done = run is not None and run.temporary and not self._waiters
                if done:
                    self._run = None
            if done and run is not None:
                self._halt(run)

    # -- owner-thread side --------------------------------------------------------------------

    def _launch(
        self, on_card: OnCard | None, on_error: OnError | None, on_state: OnState | None, *, temporary: bool
    ) -> _Run:
        run = _Run(threading.Event(), on_card, on_error, on_state, temporary)
        name = f"id-reader:{self._settings.target.text}"
        run.thread = threading.Thread(target=self._main, args=(run,), name=name, daemon=True)
        run.thread.start()
        return run

    def _halt(self, run: _Run) -> None:
        run.stop.set()
        if threading.current_thread() is not run.thread:
            run.thread.join(_JOIN_TIMEOUT)
            if run.thread.is_alive():
                logger.error("ID reader thread did not stop within %s s", _JOIN_TIMEOUT)

    def _main(self, run: _Run) -> None:
        """Owner thread body: connect, poll, reconnect; never raises."""
        owner = _Owner(self, run, self._settings)
        try:
            owner.loop()
        except Exception:  # the owner thread must never die with a traceback
            logger.exception("ID reader owner thread failed")
        finally:
            owner.set_state(ReaderState.STOPPED)
            with self._lock:
                orphans = [] if self._run is not None else self._waiters[:]
                if self._run is None:
                    self._waiters.clear()
            for waiter in orphans:
                waiter.set_exception(DeviceError("读证已停止", "reader stopped"))

    def _callbacks(self, run: _Run) -> tuple[OnCard | None, OnError | None, OnState | None]:
        with self._lock:
            return run.on_card, run.on_error, run.on_state

    def _take_waiters(self, run: _Run) -> list[Future[IdCard]]:
        """The pending read_once() waiters, unless ``run`` is a stale thread still winding down."""
        if self._run is not run:
            return []
        waiters, self._waiters = self._waiters, []
        return waiters

    def _deliver_card(self, run: _Run, card: IdCard) -> None:
        with self._lock:
            waiters = self._take_waiters(run)
        on_card = self._callbacks(run)[0]
        if on_card is not None:
            _call(on_card, card, "on_card")
        for waiter in waiters:
            waiter.set_result(card)

    def _deliver_error(self, run: _Run, error: DeviceError, state: ReaderState | None) -> None:
        logger.warning("ID reader: %s", error.detail)
        with self._lock:
            waiters = self._take_waiters(run)
            if state in _TROUBLE and self._run is run:
                self._last_trouble = error
        on_error = self._callbacks(run)[1]
        if on_error is not None:
            _call(on_error, error, "on_error")
        for waiter in waiters:
            waiter.set_exception(error)

    def _deliver_state(self, run: _Run, state: ReaderState) -> bool:
        with self._lock:
            if self._state is state or (self._run is not None and self._run is not run):
                return False  # unchanged, or a stale thread winding down while a new one runs
            self._state = state
        logger.info("ID reader %s: %s", self._settings.target.text, state.value)
        on_state = self._callbacks(run)[2]
        if on_state is not None:
            _call(on_state, state, "on_state")
        return True


def _call(callback: Callable[[_T], None], value: _T, what: str) -> None:
    try:
        callback(value)
    except Exception:  # a faulty consumer must not kill the owner thread
        logger.exception("ID reader %s callback failed", what)


class _Owner:
    """The poll/reconnect state machine; lives on (and only runs on) the owner thread."""

    def __init__(self, reader: SerialIdReader, run: _Run, settings: _Settings) -> None:
        self._reader = reader
        self._run = run
        self._settings = settings
        self._stop = run.stop
        self._awaiting_removal = False  # this placement was handled (read or failed)
        self._find_trouble = False  # a find error was reported; quiet until a find succeeds

    def set_state(self, state: ReaderState) -> bool:
        return self._reader._deliver_state(self._run, state)

    def _report(self, error: DeviceError, state: ReaderState | None = None) -> None:
        self._reader._deliver_error(self._run, error, state)

    def loop(self) -> None:
        settings = self._settings
        while not self._stop.is_set():
            try:
                port = open_port(settings.target)
            except DeviceNotFound as exc:
                if self.set_state(ReaderState.DISCONNECTED):
                    self._report(exc, ReaderState.DISCONNECTED)
                self._stop.wait(settings.reconnect_interval)
                continue
            session = SamSession(
                port,
                response_timeout=settings.response_timeout,
                read_timeout=settings.read_timeout,
                cancelled=self._stop.is_set,
            )
            try:
                self._serve(session)
            except ExchangeCancelled:
                return
            except DeviceDisconnected as exc:
                if self.set_state(ReaderState.DISCONNECTED):
                    self._report(exc, ReaderState.DISCONNECTED)
            except Exception as exc:  # unforeseen port behaviour: treat like a pulled cable, retry
                logger.exception("unexpected failure on the reader port")
                if self.set_state(ReaderState.DISCONNECTED):
                    self._report(
                        DeviceDisconnected("身份证阅读器通信异常，正在重新连接", f"unexpected {exc!r}"),
                        ReaderState.DISCONNECTED,
                    )
                self._stop.wait(settings.reconnect_interval)
            finally:
                session.close()

    def _serve(self, session: SamSession) -> None:
        """Poll on an open port until it fails (DeviceDisconnected) or stop is requested."""
        ready = False
        while not self._stop.is_set():
            try:
                if not ready:
                    session.check_status()  # 11 FF on connect (§1.10 step 1)
                    ready = True
                    self.set_state(ReaderState.CONNECTED)
                self._poll(session)
            except DeviceTimeout as exc:
                ready = False
                if self.set_state(ReaderState.NOT_RESPONDING):
                    self._report(exc, ReaderState.NOT_RESPONDING)
            except SamStatusError as exc:
                ready = False
                if exc.sw3 in _SAM_FAULTS:
                    if self.set_state(ReaderState.FAULT):
                        self._report(exc, ReaderState.FAULT)
                elif not self._find_trouble:
                    self._find_trouble = True
                    self._report(exc)
            except DeviceProtocolError as exc:
                if not self._find_trouble:
                    self._find_trouble = True
                    self._report(exc)
            self._stop.wait(self._settings.poll_interval)

    def _poll(self, session: SamSession) -> None:
        present = session.find()
        self._find_trouble = False
        if not present:
            self._awaiting_removal = False
            self.set_state(ReaderState.NO_CARD)
            return
        if self._awaiting_removal:
            return  # debounce: one read per placement
        self._awaiting_removal = True
        self.set_state(ReaderState.READING)
        try:
            session.select()
            card = self._read_checked(session)
        except (SamStatusError, DeviceProtocolError, DeviceTimeout) as exc:
            # After a failed read the card must be re-placed (§1.10 step 6): report once.
            self.set_state(ReaderState.AWAITING_REMOVAL)
            self._report(exc)
            return
        logger.info("read %r", card)
        self._reader._deliver_card(self._run, card)
        self.set_state(ReaderState.AWAITING_REMOVAL)

    def _read_checked(self, session: SamSession) -> IdCard:
        """Read the selected card until a read passes every check; CardDataError after READ_ATTEMPTS.

        The card stays selected after a read, so reading again needs no find/select (§1.10 step 6).
        """
        problem = CardProblem("", "")
        for attempt in range(1, READ_ATTEMPTS + 1):
            try:
                card = session.read(self._settings.fingerprint)
            except CardDataError as exc:
                problem = CardProblem(exc.reason, exc.detail)
            else:
                refused = self._check(card)
                if refused is None:
                    return card
                problem = refused
            logger.warning("discarded read %d of %d of this card: %s", attempt, READ_ATTEMPTS, problem.detail)
        raise CardDataError(
            f"证件信息读取有误：{problem.message.rstrip('。')}",
            f"card refused on {READ_ATTEMPTS} reads: {problem.detail}",
            advice="请将证件取走后重新放置；如反复出现，请手工录入",
        )

    def _check(self, card: IdCard) -> CardProblem | None:
        validate = self._settings.validate
        if validate is None:
            return None
        try:
            return validate(card)
        except Exception as exc:  # a faulty check refuses the card; the owner thread lives on
            logger.exception("the card check failed")
            return CardProblem("证件校验出错", f"card check raised {exc!r}")


def read_one_card(
    target: str,
    timeout: float,
    *,
    poll_interval: float | None = None,
    validate: CardCheck | None = None,
) -> IdCard:
    """Open the reader, wait up to ``timeout`` s for a card, close. For the CLI and scripts.

    Raises DeviceUriError (bad address), DeviceNotFound, DeviceTimeout, SamStatusError, ….
    """
    return SerialIdReader(target, poll_interval=poll_interval, validate=validate).read_once(timeout)


if TYPE_CHECKING:

    def _is_an_id_reader(reader: SerialIdReader) -> IdReader:
        return reader  # mypy checks that SerialIdReader satisfies the IdReader port
