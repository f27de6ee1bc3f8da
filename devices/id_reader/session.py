"""One open SAM reader port: command/response exchanges with deadlines, and the find/select/read steps."""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Callable

from devices.errors import DeviceDisconnected, DeviceProtocolError, DeviceTimeout
from devices.id_reader import IdCard
from devices.id_reader.sam import (
    FIND_CARD,
    READ_TEXT_PHOTO,
    READ_TEXT_PHOTO_FP,
    SAM_STATUS,
    SELECT_CARD,
    SW3_FOUND,
    SW3_NO_CARD,
    SW3_OK,
    Frame,
    FrameError,
    FrameSplitter,
    build_command,
    decode_read_response,
)
from devices.id_reader.transport import PORT_ERRORS, SerialPort

logger = logging.getLogger(__name__)

# Deadlines per answer. A read needs the SAM to talk to the card over RF: libid2 allows 3 s per
# response (research/devices.md §1.10 item 4); status/find/select answer at once.
DEFAULT_RESPONSE_TIMEOUT = 1.0
DEFAULT_READ_TIMEOUT = 3.0


class ExchangeCancelled(Exception):
    """The owner asked to stop while an exchange was waiting (internal; never reaches callbacks)."""


class SamSession:
    """Exchanges on one open port. Lives on the reader's owner thread only; not thread-safe."""

    def __init__(
        self,
        port: SerialPort,
        *,
        response_timeout: float = DEFAULT_RESPONSE_TIMEOUT,
        read_timeout: float = DEFAULT_READ_TIMEOUT,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> None:
        self._port = port
        self._response_timeout = response_timeout
        self._read_timeout = read_timeout
        self._cancelled = cancelled
        self._splitter = FrameSplitter()
        self._owner = threading.current_thread()  # all exchanges stay on it (aesthetics.md §3.8 item 2)

    def close(self) -> None:
        # pyserial 3.5's socket:// close() skips socket.close() when shutdown() fails, which it
        # does once the peer has gone (protocol_socket.py): close the socket ourselves as well.
        sock: socket.socket | None = getattr(self._port, "_socket", None)
        try:
            self._port.close()
        except PORT_ERRORS as exc:  # the port may already be gone
            logger.debug("closing the reader port failed: %s", exc)
        finally:
            if sock is not None:
                sock.close()

    def exchange(self, command: tuple[int, int], timeout: float, data: bytes = b"") -> Frame:
        """Send one command and return its answer frame (any SW3).

        Raises DeviceDisconnected (port I/O failed), DeviceTimeout (no answer),
        DeviceProtocolError (damaged or truncated answer) or ExchangeCancelled.
        """
        if threading.current_thread() is not self._owner:
            raise RuntimeError("SamSession used outside its owner thread")
        try:
            # Flush before every command (libid2 does, §1.10 item 8): a late answer to a timed-out
            # command must not be taken for this one's.
            self._port.reset_input_buffer()
            self._port.write(build_command(*command, data))
        except PORT_ERRORS as exc:
            raise _lost(exc) from exc
        self._splitter.reset()
        deadline = time.monotonic() + timeout
        damaged: FrameError | None = None
        while time.monotonic() < deadline:
            if self._cancelled():
                raise ExchangeCancelled
            try:
                # Ask for exactly what completes the frame: pyserial returns as soon as it has
                # it, so there is no polling granularity on the critical path.
                chunk = self._port.read(self._splitter.needed())
            except PORT_ERRORS as exc:
                raise _lost(exc) from exc
            if not chunk:
                continue
            for item in self._splitter.feed(chunk):
                if isinstance(item, Frame):
                    if self._splitter.discarded:
                        logger.debug("skipped %d stray bytes before an answer", self._splitter.discarded)
                        self._splitter.discarded = 0
                    return item
                logger.warning("damaged answer to %02X %02X: %s", *command, item.detail)
                damaged = item
            if damaged is not None and not self._splitter.pending:
                raise damaged  # nothing left that could still be the real answer
        if damaged is not None:
            raise damaged
        if self._splitter.pending:
            raise DeviceProtocolError(
                "阅读器应答不完整，请将证件取走后重新放置",
                f"truncated answer to {command[0]:02X} {command[1]:02X}: "
                f"{self._splitter.pending} bytes then silence for {timeout:g} s",
                code="id_reader.truncated",
            )
        raise DeviceTimeout(
            "身份证阅读器没有应答，请检查阅读器电源和连接线",
            f"no answer to {command[0]:02X} {command[1]:02X} within {timeout:g} s",
            code="id_reader.no_answer",
        )

    def check_status(self) -> None:
        """11 FF: SW3 90 = ready, 60 = SAM self-test failed (§1.10 step 1)."""
        self.exchange(SAM_STATUS, self._response_timeout).expect(SW3_OK)

    def find(self) -> bool:
        """20 01: True when a card is in the field (9F), False for 80 (§1.10 step 2)."""
        frame = self.exchange(FIND_CARD, self._response_timeout).expect(SW3_FOUND, SW3_NO_CARD)
        return frame.sw3 == SW3_FOUND

    def select(self) -> None:
        """20 02: SW3 90 or SamStatusError (81 = select failed)."""
        self.exchange(SELECT_CARD, self._response_timeout).expect(SW3_OK)

    def read(self, with_fingerprint: bool) -> IdCard:
        """30 10 (text + photo + fingerprint) or 30 01 (text + photo), decoded (§1.5)."""
        command = READ_TEXT_PHOTO_FP if with_fingerprint else READ_TEXT_PHOTO
        frame = self.exchange(command, self._read_timeout)
        return decode_read_response(frame, with_fingerprint)


def _lost(exc: BaseException) -> DeviceDisconnected:
    return DeviceDisconnected("身份证阅读器连接已断开，正在等待重新连接", f"reader port I/O failed: {exc}")
