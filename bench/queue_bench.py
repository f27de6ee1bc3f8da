"""A busy hall against the hall server: how fast a window's call reaches the hall display.

Run: ``.venv/bin/python bench/queue_bench.py [--minutes 30] [--speed 30] [--windows 20]``.

The hall server (``python -m sync.server serve``, a child process on its own database) and, in
this process, the hall's devices, each enrolled with it like a real one: ``--kiosks`` kiosks take
tickets at ``--per-hour`` (600: a busy hall; one in ten by a citizen of 70 or over, the priority
lane), ``--windows`` windows call the next ticket, record SERVING when the citizen reaches the
window (``--walk-s``) and DONE after the service (a gamma time of mean ``--service-s``; 100 s lets
20 windows keep up with 600 tickets an hour, ~83 % busy — a figure chosen for the load, not a
measured hall), and press 叫号 again after ``--idle-s`` when nobody waits. Time runs ``--speed``
times faster than the hall's: ``--minutes`` of the hall take minutes/speed of the bench.

The display is the real poller of ``tongban hall-display`` (sync/board_poll.py). For each call,
latency = when the display's poll returned the call − when the window sent its call request.
Two phases on the same server, the same load: first the display's long-poll, then — the baseline,
in the same run — the display as it was before (``GET /queue/board`` once a second). Prints
``call_p50_ms=``, ``call_p99_ms=``, ``calls=``, ``server_cpu_pct=`` (the server process's CPU
time over the phase's wall time, from /proc/PID/stat), ``poll_p99_ms=``, ``poll_server_cpu_pct=``
and ``call_ratio=`` (long-poll p99 / poll p99; aim: call_p99_ms ≤ 300); beside them the windows'
own call round trip (``window_call_rtt_p50_ms=``, the floor) and the long-poll's requests per hour
of the hall (``display_polls_per_hall_hour=``: each board change is one answer, where the old
display asked 3,600 times an hour; compressed, the CPU figures are those of a hall ×speed
busier, where the long-poll answers ×speed more often and the old poll did not). Calls the display never
showed are counted as ``missed=`` / ``poll_missed=`` (the board lists the last ten calls since the
display's cursor: more calls than that between two reads are never shown). Each phase starts with
an empty hall: what the last one left waiting is called and done at a spare window first. The
server and the temporary directory go away at the end, on Ctrl-C and on SIGTERM too (the server
also exits when this process dies: --exit-with-stdin).
"""

from __future__ import annotations

import argparse
import base64
import os
import random
import signal
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from types import FrameType

sys.path.insert(0, str(Path(__file__).resolve().parent))  # sync_bench is a sibling script, not a package
from sync_bench import CLOCK, Platform

from core.config import DEMO_REGION_CODE
from core.queue.model import EventKind
from core.queue.rules import queue_event
from sync.board_poll import DISPLAY_WAIT_S, BoardPoller
from sync.client import PlatformClient
from sync.queue_client import Board, call_next, send_events, take_ticket

SERVICES = {"newborn": "新生儿出生“一件事”", "retirement": "退休“一件事”", "school_entry": "入学“一件事”"}
TIMEOUT = (3.05, 30.0)
OLD_POLL_S = 1.0  # the hall display before the long-poll: the board once a second (POLL_MS = 1000)


@dataclass(frozen=True, slots=True)
class Hall:
    """The simulated hall's rates (in the hall's time) and how much faster the bench runs."""

    per_hour: float
    service_s: float
    walk_s: float
    idle_s: float
    speed: float

    def real(self, hall_seconds: float) -> float:
        return hall_seconds / self.speed


@dataclass
class Tally:
    """One phase's times (time.monotonic, this process); the threads write under ``lock``."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    sent: dict[str, float] = field(default_factory=dict)  # ticket number → window sent its call
    answered: dict[str, float] = field(default_factory=dict)  # ticket number → the call's answer came
    shown: dict[str, float] = field(default_factory=dict)  # ticket number → display's poll returned it
    tickets: int = 0
    errors: list[str] = field(default_factory=list)

    def latencies_ms(self) -> list[float]:
        with self.lock:
            return [(self.shown[n] - t) * 1000 for n, t in self.sent.items() if n in self.shown]

    def round_trips_ms(self) -> list[float]:
        """The windows' own call requests, sent → answered: the floor under the display's latency
        (the call is committed before either answer)."""
        with self.lock:
            return [(self.answered[n] - t) * 1000 for n, t in self.sent.items() if n in self.answered]

    def missed(self) -> int:
        with self.lock:
            return sum(1 for n in self.sent if n not in self.shown)


class HallServer(Platform):
    """The hall server process (sync_bench.Platform) and its CPU time so far."""

    @property
    def pid(self) -> int:
        assert self._proc is not None
        return self._proc.pid

    def cpu_s(self) -> float:
        with open(f"/proc/{self.pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def enrolled(server: HallServer, role: str, device_no: int) -> PlatformClient:
    """A device enrolled as a real one is (a one-time code, its own id and secret)."""
    device_id = uuid.uuid4().hex
    with PlatformClient(server.url, device_id=device_id, timeout=TIMEOUT) as bare:
        reply = bare.enroll(
            {
                "code": server.issue_code(),
                "device_id": device_id,
                "region_code": DEMO_REGION_CODE,
                "role": role,
                "device_no": device_no,
            }
        )
    secret = base64.b64decode(reply["secret"])
    return PlatformClient(server.url, device_id=device_id, secret=secret, timeout=TIMEOUT)


def guarded(tally: Tally, what: str, body: Callable[[], None]) -> Callable[[], None]:
    def run() -> None:
        try:
            body()
        except Exception as exc:  # reported at the end of the phase, not a silent dead thread
            with tally.lock:
                tally.errors.append(f"{what}: {exc}")

    return run


def kiosk(
    client: PlatformClient, hall: Hall, share: int, tally: Tally, stop: threading.Event, seed: int
) -> None:
    """Tickets as a Poisson stream: this kiosk's share of the hall's rate."""
    rng = random.Random(seed)
    rate = hall.per_hour / 3600 / share  # tickets per hall second at this kiosk
    while not stop.wait(hall.real(rng.expovariate(rate))):
        service = rng.choice(list(SERVICES))
        elder = date(1950, 1, 1) if rng.random() < 0.1 else None
        take_ticket(client, service=service, service_name=SERVICES[service], birth_date=elder)
        with tally.lock:
            tally.tickets += 1


def window(
    client: PlatformClient, number: int, hall: Hall, tally: Tally, stop: threading.Event, seed: int
) -> None:
    """叫号 → the citizen walks up (SERVING) → the service (DONE) → 叫号 again."""
    rng = random.Random(seed)
    device = f"bench-window-{number}"
    while not stop.is_set():
        sent = time.monotonic()
        called = call_next(client, number, list(SERVICES))
        if called is None:
            stop.wait(hall.real(hall.idle_s))
            continue
        answered = time.monotonic()
        with tally.lock:
            tally.sent[called.ticket.number] = sent
            tally.answered[called.ticket.number] = answered
        ticket_id = called.ticket.id
        stop.wait(hall.real(rng.uniform(0.5, 1.5) * hall.walk_s))
        send_events(
            client, [queue_event(ticket_id, EventKind.SERVING, CLOCK.now().isoformat(), device, number)]
        )
        stop.wait(hall.real(rng.gammavariate(2.0, hall.service_s / 2)))
        done = queue_event(
            ticket_id,
            EventKind.DONE,
            CLOCK.now().isoformat(),
            device,
            number,
            case_number=f"bench-{ticket_id[:12]}",
        )
        send_events(client, [done])


def display(server: HallServer, role_no: int, tally: Tally, *, wait_s: int, interval_s: float) -> BoardPoller:
    """The hall display's own poller: the long-poll (``wait_s``), or the old once-a-second poll."""
    client = enrolled(server, "display", role_no)

    def shown(board: Board) -> None:
        now = time.monotonic()
        with tally.lock:
            for call in board.calls:
                tally.shown.setdefault(call.number, now)

    def failed(exc: BaseException) -> None:
        with tally.lock:
            tally.errors.append(f"display: {exc}")

    return BoardPoller(
        lambda: client, shown, failed, wait_s=wait_s, interval_s=interval_s, name="bench-display"
    )


def drain(client: PlatformClient, number: int) -> int:
    """Between phases: the tickets still waiting called and done at a spare window, unmeasured, so
    each phase starts with an empty hall (else the next one starts with a burst of calls)."""
    drained = 0
    while (called := call_next(client, number, list(SERVICES))) is not None:
        at = CLOCK.now().isoformat()
        send_events(client, [queue_event(called.ticket.id, EventKind.DONE, at, "bench-drain", number)])
        drained += 1
    return drained


def phase(
    server: HallServer,
    kiosks: list[PlatformClient],
    windows: list[PlatformClient],
    poller: BoardPoller,
    tally: Tally,
    hall: Hall,
    minutes: float,
    seed: int,
) -> tuple[float, float]:
    """One phase of ``minutes`` of the hall's time; (wall seconds, server CPU seconds)."""
    stop = threading.Event()
    jobs = [
        (f"kiosk {i + 1}", partial(kiosk, c, hall, len(kiosks), tally, stop, seed + i))
        for i, c in enumerate(kiosks)
    ] + [
        (f"window {n}", partial(window, c, n, hall, tally, stop, seed + 100 + n))
        for n, c in enumerate(windows, start=1)
    ]
    threads = [threading.Thread(target=guarded(tally, what, job), daemon=True) for what, job in jobs]
    poller.start()
    cpu, started = server.cpu_s(), time.monotonic()
    for thread in threads:
        thread.start()
    try:
        stop.wait(hall.real(minutes * 60))
    finally:
        stop.set()
    for thread in threads:
        thread.join(60)
    deadline = time.monotonic() + 3.0  # the last calls: a poll or two more
    while tally.missed() and time.monotonic() < deadline:
        time.sleep(0.05)
    wall, used = time.monotonic() - started, server.cpu_s() - cpu
    poller.stop(timeout=0.1)  # a long-poll still out ends with the next phase's first answer
    return wall, used


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))]


@contextmanager
def interrupted_by_sigterm() -> Iterator[None]:
    """SIGTERM as Ctrl-C: the finally blocks stop the server and remove the directory."""

    def handler(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--minutes", type=float, default=30.0, help="the hall's minutes per phase (30)")
    parser.add_argument("--speed", type=float, default=30.0, help="hall seconds per bench second (30)")
    parser.add_argument("--per-hour", type=float, default=600.0, help="tickets per hour (600)")
    parser.add_argument("--windows", type=int, default=20)
    parser.add_argument("--kiosks", type=int, default=3)
    parser.add_argument("--service-s", type=float, default=100.0, help="mean service time, hall seconds")
    parser.add_argument(
        "--walk-s", type=float, default=30.0, help="from the call to the window, hall seconds"
    )
    parser.add_argument("--idle-s", type=float, default=15.0, help="an idle window presses 叫号 again after")
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args(argv)
    if args.minutes <= 0 or args.speed <= 0 or args.per_hour <= 0 or args.windows < 1 or args.kiosks < 1:
        parser.error("--minutes, --speed, --per-hour must be positive; --windows and --kiosks at least 1")
    hall = Hall(args.per_hour, args.service_s, args.walk_s, args.idle_s, args.speed)
    try:
        with interrupted_by_sigterm(), tempfile.TemporaryDirectory(prefix="tongban-queue-bench-") as temp:
            server = HallServer(Path(temp) / "hall")
            try:
                server.start()
                print(f"hall server: pid {server.pid} at {server.url}, in {temp}", flush=True)
                return run(server, hall, args)
            finally:
                server.stop()
    except KeyboardInterrupt:
        print("interrupted: the hall server stopped, its directory removed", file=sys.stderr)
        return 130


def run(server: HallServer, hall: Hall, args: argparse.Namespace) -> int:
    with ExitStack() as clients:
        kiosks = [clients.enter_context(enrolled(server, "kiosk", 200 + i)) for i in range(args.kiosks)]
        windows = [clients.enter_context(enrolled(server, "window", n)) for n in range(1, args.windows + 1)]
        spare = clients.enter_context(enrolled(server, "window", args.windows + 1))
        print(
            f"hall: {args.per_hour:.0f} tickets/h, {args.windows} windows, {args.kiosks} kiosks, "
            f"{args.minutes:g} hall minutes per phase at ×{args.speed:g} "
            f"({args.minutes * 60 / args.speed:.0f} s each); load average {os.getloadavg()[0]:.2f} "
            f"on {os.cpu_count()} CPUs",
            flush=True,
        )
        figures: dict[str, tuple[list[float], float, int, Tally]] = {}
        for name, wait_s, interval_s, display_no in (
            ("long-poll", DISPLAY_WAIT_S, 0.0, 251),
            ("poll", 0, OLD_POLL_S, 252),
        ):
            drain(spare, args.windows + 1)
            tally = Tally()
            poller = display(server, display_no, tally, wait_s=wait_s, interval_s=interval_s)
            wall, cpu = phase(server, kiosks, windows, poller, tally, hall, args.minutes, args.seed)
            latencies = tally.latencies_ms()
            figures[name] = (latencies, cpu * 100 / wall, poller.polls, tally)
            print(
                f"{name}: tickets={tally.tickets} calls={len(latencies)} missed={tally.missed()} "
                f"polls={poller.polls} window_call_rtt_p50={percentile(tally.round_trips_ms(), 0.5):.0f}ms "
                f"p50={percentile(latencies, 0.5):.0f}ms "
                f"p99={percentile(latencies, 0.99):.0f}ms max={max(latencies, default=0):.0f}ms "
                f"server_cpu={cpu:.1f}s of {wall:.1f}s errors={len(tally.errors)}",
                flush=True,
            )
            for error in tally.errors[:5]:
                print(f"  {error}", file=sys.stderr)
    long_poll, poll = figures["long-poll"], figures["poll"]
    print(f"call_p50_ms={percentile(long_poll[0], 0.5):.1f}")
    print(f"call_p99_ms={percentile(long_poll[0], 0.99):.1f}")
    print(f"calls={len(long_poll[0])}")
    print(f"missed={long_poll[3].missed()}")
    print(f"server_cpu_pct={long_poll[1]:.1f}")
    print(f"window_call_rtt_p50_ms={percentile(long_poll[3].round_trips_ms(), 0.5):.1f}")
    # At the hall's own pace the once-a-second poll asks 3,600 times an hour, whatever happens.
    print(f"display_polls_per_hall_hour={long_poll[2] * 60 / args.minutes:.0f}")
    print(f"poll_p50_ms={percentile(poll[0], 0.5):.1f}")
    print(f"poll_p99_ms={percentile(poll[0], 0.99):.1f}")
    print(f"poll_missed={poll[3].missed()}")
    print(f"poll_server_cpu_pct={poll[1]:.1f}")
    ratio = percentile(long_poll[0], 0.99) / percentile(poll[0], 0.99) if poll[0] else float("nan")
    print(f"call_ratio={ratio:.3f}")
    failed = long_poll[3].errors or poll[3].errors
    return 1 if failed or not long_poll[0] else 0


if __name__ == "__main__":
    sys.exit(main())
