"""A hall display's board kept current: one long-poll of the hall server's board outstanding at a
time (``GET /queue/board?since=N&wait=S``, sync/queue_client.py ``board``), on a thread of its own.

The hall display (kiosk/hall_display.py) and the queue bench (bench/queue_bench.py) both use it;
the bench also runs it the old way (``wait_s=0, interval_s=1``: a plain poll once a second) as
its baseline. A long-poll in flight is not interrupted by ``stop``: the thread notices at the
answer (at most ``wait_s`` later) and ends; nothing waits for it.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Final

from sync.adapter import PlatformAdapter
from sync.queue_client import Board, board

logger = logging.getLogger(__name__)

DISPLAY_WAIT_S: Final = 10  # short enough that a stopped display's last poll ends soon after
RETRY_S: Final = 1.0  # after a failure, as the display's once-a-second poll did


class BoardPoller:
    """Polls on its own thread ("board-poll"); ``start`` and ``stop`` from the owner's thread.

    ``connect`` makes the client (on the poller's thread; called again after a failure);
    ``on_board`` gets each answer, ``on_error`` each failure and ``on_end`` the thread's end, on
    the poller's thread: a GUI hands them to its GUI thread through a bridge. The first poll, and
    the first after a failure, asks at once (``wait=0``): a display started mid-day shows the last
    calls, and one whose hall server is back stops saying it is not, without waiting for a change.
    """

    def __init__(
        self,
        connect: Callable[[], PlatformAdapter],
        on_board: Callable[[Board], None],
        on_error: Callable[[BaseException], None],
        *,
        on_end: Callable[[], None] = lambda: None,
        wait_s: int = DISPLAY_WAIT_S,
        interval_s: float = 0.0,
        retry_s: float = RETRY_S,
        name: str = "board-poll",
        sleep: Callable[[float], bool] | None = None,
    ) -> None:
        """``sleep(seconds)`` waits between polls and returns True when the poller is stopped
        meanwhile (default: the stop event's own wait; a test records the pauses instead)."""
        self._connect = connect
        self._on_board = on_board
        self._on_error = on_error
        self._on_end = on_end
        self._wait_s = wait_s
        self._interval_s = interval_s
        self._retry_s = retry_s
        self._stop = threading.Event()
        self._sleep = sleep or self._stop.wait
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self.cursor = 0  # the board's cursor last seen (read on the poller's thread)
        self.polls = 0

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 0.0) -> bool:
        """Ask the thread to end; wait up to ``timeout`` for it. True when it has ended."""
        self._stop.set()
        if timeout > 0 and self._thread.is_alive():
            self._thread.join(timeout)
        return not self._thread.is_alive()

    @property
    def stopped(self) -> bool:
        return self._stop.is_set()

    def _run(self) -> None:
        client: PlatformAdapter | None = None
        first = True
        try:
            while not self._stop.is_set():
                wait = 0 if first else self._wait_s
                started = time.monotonic()
                try:
                    if client is None:
                        client = self._connect()
                    got = board(client, self.cursor, wait=wait)
                except Exception as exc:  # the hall server does not answer (or a bug): say so, go on
                    if client is not None:
                        client.close()
                        client = None
                    if self._stop.is_set():
                        break
                    self._on_error(exc)
                    first = True  # back: the board at once, so the display stops saying it is offline
                    if self._sleep(self._retry_s):
                        break
                    continue
                self.polls += 1
                first = False
                fresh = got.cursor != self.cursor
                self.cursor = got.cursor
                if self._stop.is_set():
                    break
                self._on_board(got)
                pause = self._interval_s
                if wait and not fresh and time.monotonic() - started < wait / 2:
                    # Answered at once with nothing new: a hall server without the long-poll. Poll
                    # as before, once a second, rather than in a tight loop.
                    pause = max(pause, self._retry_s)
                if pause and self._sleep(pause):
                    break
        finally:
            if client is not None:
                client.close()
            self._on_end()
